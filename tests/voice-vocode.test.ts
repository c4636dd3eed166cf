import { describe, expect, it } from 'vitest';
import { createRng } from '../scripts/voice/prng';
import { cepstralSmoothing } from '../scripts/voice/train';
import { randomVocoderVoice, vocode, type VocoderVoice } from '../scripts/voice/vocode';
import { computeLogMel, LOG_MEL } from '../src/sensors/audio/log-mel';

const SR = 16000;

/** A steady vowel: a 120 Hz pulse train through resonances at 700 and 1200 Hz (80 Hz wide). */
function vowel(seconds: number, f0 = 120): Float32Array {
  const n = Math.round(seconds * SR);
  let x = new Float32Array(n);
  for (let i = 0; i < n; i += Math.round(SR / f0)) x[i] = 1;
  for (const f of [700, 1200]) {
    const r = Math.exp((-Math.PI * 80) / SR);
    const a1 = -2 * r * Math.cos((2 * Math.PI * f) / SR);
    const a2 = r * r;
    const y = new Float32Array(n);
    for (let i = 0; i < n; i++) y[i] = x[i] - a1 * (i > 0 ? y[i - 1] : 0) - a2 * (i > 1 ? y[i - 2] : 0);
    x = y;
  }
  return x;
}

const rmsOf = (x: Float32Array) => Math.sqrt(x.reduce((s, v) => s + v * v, 0) / x.length);

/** Lag (samples) of the first normalised autocorrelation peak (40 to 267 samples) near the best one. */
function pitchLag(x: Float32Array): number {
  let best = 0;
  const ac = new Float64Array(268);
  for (let L = 40; L <= 267; L++) {
    let s = 0;
    let e1 = 0;
    let e2 = 0;
    for (let i = 0; i + L < x.length; i++) {
      s += x[i] * x[i + L];
      e1 += x[i] * x[i];
      e2 += x[i + L] * x[i + L];
    }
    ac[L] = s / Math.sqrt(e1 * e2);
    best = Math.max(best, ac[L]);
  }
  for (let L = 41; L < 267; L++) if (ac[L] >= 0.85 * best && ac[L] >= ac[L - 1] && ac[L] >= ac[L + 1]) return L;
  return 0;
}

/** Mean log-mel profile over the frames of `x`. */
function melProfile(x: Float32Array): number[] {
  const { frames, data } = computeLogMel(x);
  const p = new Array<number>(LOG_MEL.nMels).fill(0);
  for (let f = 0; f < frames; f++) for (let m = 0; m < LOG_MEL.nMels; m++) p[m] += data[f * LOG_MEL.nMels + m] / frames;
  return p;
}

function correlation(a: number[], b: number[]): number {
  const ma = a.reduce((s, v) => s + v, 0) / a.length;
  const mb = b.reduce((s, v) => s + v, 0) / b.length;
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    ab += (a[i] - ma) * (b[i] - mb);
    aa += (a[i] - ma) ** 2;
    bb += (b[i] - mb) ** 2;
  }
  return ab / Math.sqrt(aa * bb);
}

// The LPC resynthesis augmentation (scripts/voice/vocode.ts): keeps the envelope (what is said),
// replaces the source (pitch, pulses, breath), repeats exactly from a seed.
describe('LPC resynthesis with a new voice source', () => {
  const steady: VocoderVoice = { pitchScale: 1.5, intonation: 1, jitter: 0, shimmer: 0, tilt: 0, breath: 1e-4 };

  it('keeps length and loudness and repeats for the same random state', () => {
    const x = vowel(0.6);
    const a = vocode(x, randomVocoderVoice(createRng(5)), createRng(6));
    const b = vocode(x, randomVocoderVoice(createRng(5)), createRng(6));
    expect(a.length).toBe(x.length);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(rmsOf(a) / rmsOf(x)).toBeCloseTo(1, 3);
    expect(a.every(Number.isFinite)).toBe(true);
  });

  it('moves the pitch by pitchScale and keeps the formant envelope', () => {
    const x = vowel(0.6);
    const y = vocode(x, steady, createRng(1));
    const mid = (s: Float32Array) => s.subarray(2400, 7200);
    expect(pitchLag(mid(x))).toBeCloseTo(SR / 120, -0.5); // 133 samples
    expect(Math.abs(pitchLag(mid(y)) - SR / 180)).toBeLessThanOrEqual(3); // 89 samples
    // Same vowel: the log-mel profiles agree, though every harmonic has moved.
    expect(correlation(melProfile(x), melProfile(y))).toBeGreaterThan(0.85);
    // A vowel with other formants is clearly another profile (the check can fail).
    const other = vowel(0.6, 180).map((v, i) => v * Math.sin(i * 0.9));
    expect(correlation(melProfile(x), melProfile(other))).toBeLessThan(0.85);
  });
});

describe('cepstral smoothing (train --lifter)', () => {
  it('is a projection that keeps smooth mel profiles and drops fast ripple', () => {
    const n = 40;
    const m = cepstralSmoothing(n, 13);
    const apply = (x: number[]) => x.map((_, j) => x.reduce((s, xi, i) => s + xi * m[i * n + j], 0));
    const smooth = Array.from({ length: n }, (_, i) => Math.cos((Math.PI * 3 * (i + 0.5)) / n));
    apply(smooth).forEach((v, i) => expect(v).toBeCloseTo(smooth[i], 5));
    const ripple = Array.from({ length: n }, (_, i) => Math.cos((Math.PI * 30 * (i + 0.5)) / n));
    apply(ripple).forEach((v) => expect(Math.abs(v)).toBeLessThan(1e-5));
    expect(apply(apply(ripple.map((r, i) => r + smooth[i])))).toEqual(apply(ripple.map((r, i) => r + smooth[i])).map((v) => expect.closeTo(v, 5)));
  });
});
