import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importGestureConv, loadGestureConvExport } from '../scripts/gesture/conv-export';
import { loadGestureModelFromDir } from '../scripts/gesture/node-io';
import { writeGestureModel } from '../scripts/gesture/train';
import { GESTURE_LABELS } from '../src/core/types';

// `npm run train -- gesture --conv` trains a temporal-convolution net with PyTorch
// (scripts/gesture/train_conv.py) and rebuilds it in tfjs (conv-export.ts). The fixture is
// PyTorch's own export of a random net (random BatchNorm statistics, so the folding is exercised)
// with three check windows that have structure in time, and PyTorch's probabilities for them:
//   /usr/bin/python3 scripts/gesture/train_conv.py --export-random 3 --seed 2 --widths 4,6,8,10 --out tests/fixtures/gesture-conv-export
const FIXTURE = 'tests/fixtures/gesture-conv-export';
const DECISION = { thresholds: GESTURE_LABELS.map(() => 0.7), smoothing: 2, consecutive: 2, refractoryS: 1, releaseThreshold: 0.3 };

describe('gesture conv net: PyTorch export rebuilt in tfjs', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'gesture-conv-'));
  beforeAll(async () => {
    await tf.setBackend('cpu');
    await tf.ready();
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('computes what PyTorch computed, and the saved model gives the app the same probabilities', async () => {
    const check = JSON.parse(readFileSync(join(FIXTURE, 'conv-check.json'), 'utf8')) as { x: number[][]; p: number[][] };
    // Not degenerate: each window's top probability is far from uniform (1/7).
    for (const row of check.p) expect(Math.max(...row)).toBeGreaterThan(0.4);
    const before = tf.memory().numTensors;
    const { model, maxDiff, spec } = importGestureConv(FIXTURE);
    expect(spec.widths).toEqual([4, 6, 8, 10]);
    expect(maxDiff).toBeLessThan(1e-4);
    const out = join(tmp, 'saved');
    await writeGestureModel(model, DECISION, out);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);

    const app = await loadGestureModelFromDir(out);
    expect(app.settings.thresholds).toEqual(DECISION.thresholds);
    const p = new Float32Array(GESTURE_LABELS.length);
    for (let i = 0; i < check.x.length; i++) {
      await app.estimate(Float32Array.from(check.x[i]), p);
      p.forEach((v, j) => expect(v).toBeCloseTo(check.p[i][j], 4));
    }
    app.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses a kernel laid out otherwise than PyTorch computed with (taps in reverse time order), and says where', () => {
    const dir = join(tmp, 'slip');
    mkdirSync(dir, { recursive: true });
    for (const f of ['conv-weights.json', 'conv-check.json']) copyFileSync(join(FIXTURE, f), join(dir, f));
    const spec = JSON.parse(readFileSync(join(FIXTURE, 'conv-weights.json'), 'utf8')) as { weights: { name: string; shape: number[] }[] };
    const buf = readFileSync(join(FIXTURE, 'conv-weights.bin'));
    const w = new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
    // conv1/kernel is [k, in, out]: reverse its k taps (a correlation read as a convolution).
    const [k, cin, cout] = spec.weights[0].shape;
    expect(spec.weights[0].name).toBe('conv1/kernel');
    const tap = cin * cout;
    const flipped = new Float32Array(k * tap);
    for (let t = 0; t < k; t++) flipped.set(w.subarray((k - 1 - t) * tap, (k - t) * tap), t * tap);
    w.set(flipped, 0);
    writeFileSync(join(dir, 'conv-weights.bin'), Buffer.from(w.buffer));
    const before = tf.memory().numTensors;
    expect(() => importGestureConv(dir)).toThrow(/differ by up to .* on .*slip\/conv-check.json/);
    expect(tf.memory().numTensors).toBe(before);

    // A truncated weights file: a clear error naming the file and the weights.
    writeFileSync(join(dir, 'conv-weights.bin'), buf.subarray(0, buf.length - 12));
    expect(() => loadGestureConvExport(dir)).toThrow(/conv-weights.bin: too short for out\/bias/);
    expect(tf.memory().numTensors).toBe(before);
  });
});
