/**
 * Audio augmentation for voice training (16 kHz float signals): background noises, gain, room
 * reverb, microphone/codec filtering, vocal-tract-length and pitch warping by resampling, and
 * non-speech events for the `silence` class. All O(n) and seeded, so data builds repeat and stay fast.
 */
import { createResampler } from '../../src/sensors/audio/resampler';
import type { Rng } from './prng';

const SR = 16000;

/** Root mean square of a signal. */
export function rms(x: Float32Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * x[i];
  return Math.sqrt(s / Math.max(1, x.length));
}

/** Scale `x` in place so its peak is at `dbfs`. */
export function normalizePeak(x: Float32Array, dbfs: number): void {
  let peak = 0;
  for (let i = 0; i < x.length; i++) peak = Math.max(peak, Math.abs(x[i]));
  if (peak <= 0) return;
  const k = 10 ** (dbfs / 20) / peak;
  for (let i = 0; i < x.length; i++) x[i] *= k;
}

/** Noise kinds the background is drawn from. */
export type NoiseKind = 'white' | 'pink' | 'brown' | 'hum' | 'fan' | 'babble';

/** `n` samples of unit-RMS noise of `kind` (`babble` needs `speechPool`). */
export function makeNoise(kind: NoiseKind, n: number, rng: Rng, speechPool: Float32Array[] = []): Float32Array {
  const x = new Float32Array(n);
  if (kind === 'white') for (let i = 0; i < n; i++) x[i] = rng.normal();
  else if (kind === 'pink') {
    // Paul Kellet's filter.
    let b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0, b5 = 0, b6 = 0;
    for (let i = 0; i < n; i++) {
      const w = rng.normal();
      b0 = 0.99886 * b0 + w * 0.0555179;
      b1 = 0.99332 * b1 + w * 0.0750759;
      b2 = 0.969 * b2 + w * 0.153852;
      b3 = 0.8665 * b3 + w * 0.3104856;
      b4 = 0.55 * b4 + w * 0.5329522;
      b5 = -0.7616 * b5 - w * 0.016898;
      x[i] = b0 + b1 + b2 + b3 + b4 + b5 + b6 + w * 0.5362;
      b6 = w * 0.115926;
    }
  } else if (kind === 'brown') {
    let v = 0;
    for (let i = 0; i < n; i++) {
      v = 0.995 * v + 0.1 * rng.normal();
      x[i] = v;
    }
  } else if (kind === 'hum') {
    const f0 = rng.pick([50, 60, 100, 120]);
    const amps = [1, rng.uniform(0, 0.7), rng.uniform(0, 0.5), rng.uniform(0, 0.3)];
    const ph = amps.map(() => rng.uniform(0, 2 * Math.PI));
    for (let i = 0; i < n; i++) {
      let v = 0.05 * rng.normal();
      for (let h = 0; h < amps.length; h++) v += amps[h] * Math.sin((2 * Math.PI * f0 * (h + 1) * i) / SR + ph[h]);
      x[i] = v;
    }
  } else if (kind === 'fan') {
    // Band-limited noise: white through a resonant low-pass.
    const w = new Float32Array(n);
    for (let i = 0; i < n; i++) w[i] = rng.normal();
    biquad(w, 'lowpass', rng.uniform(300, 2500), rng.uniform(0.5, 2));
    x.set(w);
  } else {
    // Babble: several quiet voices (other utterances) overlapped and looped, plus a little hiss.
    const voices = rng.int(3, 6);
    for (let v = 0; v < voices && speechPool.length; v++) {
      const src = rng.pick(speechPool);
      let off = rng.int(0, src.length - 1);
      const g = rng.uniform(0.5, 1);
      for (let i = 0; i < n; i++) {
        x[i] += g * src[off];
        off = off + 1 === src.length ? 0 : off + 1;
      }
    }
    for (let i = 0; i < n; i++) x[i] += 0.01 * rng.normal();
  }
  const r = rms(x) || 1;
  for (let i = 0; i < n; i++) x[i] /= r;
  return x;
}

/** RBJ biquad filter applied in place. */
export function biquad(x: Float32Array, type: 'lowpass' | 'highpass' | 'peak', f0: number, q: number, gainDb = 0): void {
  const w0 = (2 * Math.PI * Math.min(f0, SR * 0.45)) / SR;
  const cos = Math.cos(w0);
  const alpha = Math.sin(w0) / (2 * q);
  let b0: number, b1: number, b2: number, a0: number, a1: number, a2: number;
  if (type === 'lowpass') {
    b0 = (1 - cos) / 2; b1 = 1 - cos; b2 = (1 - cos) / 2; a0 = 1 + alpha; a1 = -2 * cos; a2 = 1 - alpha;
  } else if (type === 'highpass') {
    b0 = (1 + cos) / 2; b1 = -(1 + cos); b2 = (1 + cos) / 2; a0 = 1 + alpha; a1 = -2 * cos; a2 = 1 - alpha;
  } else {
    const A = 10 ** (gainDb / 40);
    b0 = 1 + alpha * A; b1 = -2 * cos; b2 = 1 - alpha * A; a0 = 1 + alpha / A; a1 = -2 * cos; a2 = 1 - alpha / A;
  }
  let x1 = 0, x2 = 0, y1 = 0, y2 = 0;
  for (let i = 0; i < x.length; i++) {
    const x0 = x[i];
    const y0 = (b0 * x0 + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2) / a0;
    x2 = x1; x1 = x0; y2 = y1; y1 = y0;
    x[i] = y0;
  }
}

/** Random microphone / loudspeaker colouring: high-pass, low-pass and a resonance or dip. */
export function colour(x: Float32Array, rng: Rng): void {
  if (rng.chance(0.7)) biquad(x, 'highpass', rng.uniform(60, 350), 0.707);
  if (rng.chance(0.6)) biquad(x, 'lowpass', rng.uniform(2800, 7500), 0.707);
  if (rng.chance(0.6)) biquad(x, 'peak', rng.uniform(300, 5000), rng.uniform(0.7, 3), rng.uniform(-9, 9));
}

/**
 * Room reverb (Schroeder: four combs into two all-passes) with reverberation time `rt60` seconds,
 * mixed `wet` (0..1) with the dry signal; the result is longer by the tail.
 */
export function reverb(x: Float32Array, rt60: number, wet: number, rng: Rng): Float32Array {
  const tail = Math.round(rt60 * SR * 0.6);
  const n = x.length + tail;
  const src = new Float32Array(n);
  src.set(x);
  const out = new Float32Array(n);
  const scale = rng.uniform(0.8, 1.25);
  for (const base of [1116, 1188, 1277, 1356]) {
    const d = Math.round(base * scale * (SR / 44100) * 2);
    const g = 10 ** ((-3 * d) / (rt60 * SR));
    const buf = new Float32Array(d);
    let p = 0;
    for (let i = 0; i < n; i++) {
      const y = buf[p];
      buf[p] = src[i] + g * y;
      p = p + 1 === d ? 0 : p + 1;
      out[i] += y * 0.25;
    }
  }
  for (const [d0, g] of [[225, 0.5], [556, 0.5]] as const) {
    const d = Math.round(d0 * scale * (SR / 44100));
    const buf = new Float32Array(d);
    let p = 0;
    for (let i = 0; i < n; i++) {
      const b = buf[p];
      const y = -g * out[i] + b;
      buf[p] = out[i] + g * y;
      p = p + 1 === d ? 0 : p + 1;
      out[i] = y;
    }
  }
  const rd = rms(out) || 1;
  const rs = rms(x) || 1;
  for (let i = 0; i < n; i++) out[i] = (1 - wet) * src[i] + wet * out[i] * (rs / rd);
  return out;
}

/**
 * Vocal-tract-length and pitch warp: resample by `factor` (0.85..1.15), which scales formants and
 * pitch by 1/factor... together with duration, as a different-sized speaker would sound.
 */
export function warp(x: Float32Array, factor: number): Float32Array {
  // Factor quantised to 1 % so the cached resamplers stay few.
  return resampleFast(x, Math.round(SR * Math.round(factor * 100)) / 100, SR);
}

/** Codec-like damage: 8 kHz telephone band, or 8-bit mu-law quantisation. */
export function codec(x: Float32Array, kind: 'phone' | 'mulaw'): Float32Array {
  if (kind === 'phone') return resampleFast(resampleFast(x, SR, 8000), 8000, SR).slice(0, x.length);
  const mu = 255;
  const y = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const v = Math.max(-1, Math.min(1, x[i]));
    const c = Math.round(((Math.sign(v) * Math.log1p(mu * Math.abs(v))) / Math.log1p(mu)) * 127) / 127;
    y[i] = (Math.sign(c) * ((1 + mu) ** Math.abs(c) - 1)) / mu;
  }
  return y;
}

/** Add non-speech events (knocks, clicks, beeps, a noise step) into `x` in place, at `level` RMS. */
export function addEvents(x: Float32Array, rng: Rng, level: number): void {
  const count = rng.int(1, 3);
  for (let e = 0; e < count; e++) {
    const kind = rng.int(0, 3);
    const at = rng.int(0, Math.max(0, x.length - SR / 2));
    const amp = level * rng.uniform(2, 30);
    if (kind === 0) {
      // Knock / bump: decaying low-passed burst.
      const len = rng.int(SR / 50, SR / 6);
      const burst = new Float32Array(len);
      for (let i = 0; i < len; i++) burst[i] = rng.normal() * Math.exp((-6 * i) / len);
      biquad(burst, 'lowpass', rng.uniform(300, 4000), 1);
      for (let i = 0; i < len && at + i < x.length; i++) x[at + i] += amp * burst[i];
    } else if (kind === 1) {
      // Clicks.
      for (let c = 0; c < rng.int(1, 5); c++) {
        const p = at + rng.int(0, SR / 4);
        for (let i = 0; i < 40 && p + i < x.length; i++) x[p + i] += amp * rng.normal() * Math.exp(-i / 8);
      }
    } else if (kind === 2) {
      // Beep.
      const f = rng.uniform(400, 3000);
      const len = rng.int(SR / 20, SR / 3);
      for (let i = 0; i < len && at + i < x.length; i++) x[at + i] += amp * 0.3 * Math.sin((2 * Math.PI * f * i) / SR);
    } else {
      // Noise step (something switched on) for the rest of the clip.
      const w = new Float32Array(x.length - at);
      for (let i = 0; i < w.length; i++) w[i] = rng.normal();
      biquad(w, 'lowpass', rng.uniform(500, 6000), 0.707);
      const g = level * rng.uniform(2, 10);
      for (let i = 0; i < w.length; i++) x[at + i] += g * w[i];
    }
  }
}

const resamplers = new Map<string, ReturnType<typeof createResampler>>();

/** `resampleSignal` with the resampler's filter table built once per rate pair (same output). */
export function resampleFast(input: Float32Array, inRate: number, outRate = SR): Float32Array {
  if (inRate === outRate) return input.slice();
  const key = `${inRate}>${outRate}`;
  let r = resamplers.get(key);
  if (!r) resamplers.set(key, (r = createResampler(inRate, outRate)));
  r.reset();
  const out = new Float32Array(r.maxOutput(input.length) + r.maxOutput(64));
  let n = r.process(input, out);
  n += r.flush(out.subarray(n));
  return out.slice(0, Math.min(n, Math.round((input.length * outRate) / inRate)));
}
