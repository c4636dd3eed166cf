import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergeMembers } from '../scripts/lib/merge-members';
import { exportConvVoiceModel, loadConvExport } from '../scripts/voice/conv-export';
import { diskModelHandler } from '../scripts/voice/disk-io';
import { DEFAULT_VOICE_SETTINGS } from '../src/perception/voice/voice-settings';
import { loadVoiceModel } from '../src/perception/voice/voice-model';

// The conv voice net is trained by PyTorch (scripts/voice/train_conv.py) and rebuilt in tfjs
// (conv-export.ts). The fixture is PyTorch's own export of a random net (random BatchNorm
// statistics, so the folding is exercised; the cepstral layer on) with three random windows and
// PyTorch's probabilities for them:
//   /usr/bin/python3 scripts/voice/train_conv.py --export-random 3 --seed 2 --channels 4,6,8,10 --lifter 13 --out tests/fixtures/voice-conv-export
const FIXTURE = 'tests/fixtures/voice-conv-export';

describe('conv voice net: PyTorch export rebuilt in tfjs', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'conv-export-'));
  beforeAll(async () => {
    await tf.setBackend('cpu');
    await tf.ready();
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('computes what PyTorch computed, and the saved model loads in the app with the same output', async () => {
    const check = JSON.parse(readFileSync(join(FIXTURE, 'conv-check.json'), 'utf8')) as { x: number[][]; p: number[][] };
    // The fixture is not degenerate: the windows' top probabilities are far from uniform.
    expect(Math.max(...check.p.flat())).toBeGreaterThan(0.3);
    const { model, maxDiff } = loadConvExport(FIXTURE);
    expect(maxDiff).toBeLessThan(1e-4);
    expect(model.layers.some((l) => l.name === 'cepstral_smoothing' && !l.trainable)).toBe(true);
    model.dispose();

    const out = join(tmp, 'saved');
    const before = tf.memory().numTensors;
    const { maxDiff: d2 } = await exportConvVoiceModel(FIXTURE, out, DEFAULT_VOICE_SETTINGS);
    expect(d2).toBeLessThan(1e-4);
    expect(tf.memory().numTensors).toBe(before);
    const app = await loadVoiceModel({ modelUrl: diskModelHandler(join(out, 'model.json')) });
    const p = new Float32Array(12);
    await app.estimate(Float32Array.from(check.x[1]), p);
    p.forEach((v, i) => expect(v).toBeCloseTo(check.p[1][i], 4));
    app.dispose();
    expect(tf.memory().numTensors).toBe(before);

    // It also merges with a dense member into one ensemble (how the shipped model is built).
    const conv = await tf.loadLayersModel(diskModelHandler(join(out, 'model.json')));
    const merged = mergeMembers([conv, conv], [81, 40], { input: 'log_mel_window', model: 'ens' });
    const pm = tf.tidy(() => (merged.predict(tf.tensor3d(check.x[0], [1, 81, 40])) as tf.Tensor).arraySync() as number[][]);
    pm[0].forEach((v, i) => expect(v).toBeCloseTo(check.p[0][i], 4));
    conv.dispose();
    merged.dispose();
  });

  it('refuses weights laid out otherwise than PyTorch computed with, and says where', async () => {
    // Swap two of conv1's output channels' biases: a one-channel slip must break the parity check.
    const dir = join(tmp, 'slip');
    mkdirSync(dir, { recursive: true });
    for (const f of ['conv-weights.json', 'conv-check.json']) copyFileSync(join(FIXTURE, f), join(dir, f));
    const spec = JSON.parse(readFileSync(join(FIXTURE, 'conv-weights.json'), 'utf8')) as { weights: { name: string; shape: number[] }[] };
    const buf = readFileSync(join(FIXTURE, 'conv-weights.bin'));
    const w = new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
    const kernel = spec.weights[0].shape.reduce((a, b) => a * b, 1);
    [w[kernel], w[kernel + 1]] = [w[kernel + 1], w[kernel]];
    writeFileSync(join(dir, 'conv-weights.bin'), Buffer.from(w.buffer));
    await expect(exportConvVoiceModel(dir, join(tmp, 'slip-out'), DEFAULT_VOICE_SETTINGS)).rejects.toThrow(/differ by up to .* on .*slip\/conv-check.json/);

    // A truncated weights file: a clear error naming the file and the layer.
    writeFileSync(join(dir, 'conv-weights.bin'), buf.subarray(0, buf.length - 40));
    expect(() => loadConvExport(dir)).toThrow(/conv-weights.bin: too short for out\/bias/);
    copyFileSync(join(FIXTURE, 'conv-weights.bin'), join(dir, 'conv-weights.bin'));
    const restored = loadConvExport(dir);
    expect(restored.maxDiff).toBeLessThan(1e-4);
    restored.model.dispose();
  });
});
