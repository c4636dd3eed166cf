/**
 * LPC analysis-resynthesis of a 16 kHz utterance with a new voice source: the vocal-tract
 * envelope (all-pole filter per 5 ms, order 18, from the pre-emphasised signal) is kept, and the
 * excitation espeak-ng made is replaced by a synthetic one: glottal pulses at the tracked pitch
 * (scaled, with the intonation flattened or exaggerated), jitter and shimmer, a per-speaker
 * spectral tilt and breath noise mixed into voiced frames (a mixed-excitation vocoder, like the
 * ones statistical parametric synthesizers use), white noise in unvoiced frames.
 *
 * Why our own code: no npm package does LPC resynthesis with a replaceable source, and the whole
 * thing is ~150 lines of textbook DSP (Levinson-Durbin, autocorrelation pitch, an all-pole filter).
 * It is a training augmentation within PERCEPTION.md's rules ("what the repo does to" espeak-ng's
 * speech): every espeak-ng voice then also appears with voice sources it does not have, so the
 * model cannot lean on the synthesizer's own pulse shape, jitter-free pitch or noise mixing.
 */
import type { Rng } from './prng';

const SR = 16000;
const ORDER = 18;
const HOP = 80; // 5 ms
const WIN = 400; // 25 ms, LPC analysis
const PITCH_WIN = 640; // 40 ms, two periods at 50 Hz
const MIN_LAG = 40; // 400 Hz
const MAX_LAG = 267; // 60 Hz
const PRE = 0.97;

/** Source settings of one resynthesised "speaker"; `randomVocoderVoice` draws them. */
export interface VocoderVoice {
  /** Multiplies the tracked pitch. */
  pitchScale: number;
  /** Intonation: 1 keeps it, < 1 flattens it, > 1 exaggerates it (around the utterance's median). */
  intonation: number;
  /** Period jitter (standard deviation, share of the period). */
  jitter: number;
  /** Pulse amplitude shimmer (standard deviation, share). */
  shimmer: number;
  /** One-pole low-pass coefficient on the pulses (0 = flat, higher = softer, breathier source). */
  tilt: number;
  /** Breath noise power relative to the pulses in voiced frames. */
  breath: number;
}

/** A random source for one resynthesis. */
export function randomVocoderVoice(rng: Rng): VocoderVoice {
  return {
    pitchScale: rng.uniform(0.75, 1.3),
    intonation: rng.uniform(0.4, 1.6),
    jitter: rng.uniform(0.002, 0.02),
    shimmer: rng.uniform(0.01, 0.1),
    tilt: rng.uniform(0, 0.75),
    breath: 10 ** (rng.uniform(-30, -8) / 10),
  };
}

/** Levinson-Durbin on autocorrelation `r` (length ORDER+1): fills `a` (a[0] = 1), returns the error. */
function levinson(r: Float64Array, a: Float64Array, tmp: Float64Array): number {
  a.fill(0);
  a[0] = 1;
  let err = r[0];
  if (err <= 0) return 0;
  for (let i = 1; i <= ORDER; i++) {
    let acc = r[i];
    for (let j = 1; j < i; j++) acc += a[j] * r[i - j];
    const k = -acc / err;
    tmp.set(a);
    for (let j = 1; j < i; j++) a[j] = tmp[j] + k * tmp[i - j];
    a[i] = k;
    err *= 1 - k * k;
    if (err <= 0) return 0;
  }
  return err;
}

/** Per-hop analysis: LPC coefficients and prediction-error power, pitch lag (0 = unvoiced). */
function analyse(x: Float32Array) {
  const hops = Math.ceil(x.length / HOP);
  const coefs = new Float64Array(hops * (ORDER + 1));
  const gain = new Float64Array(hops);
  const lag = new Float64Array(hops);
  const pre = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) pre[i] = x[i] - (i ? PRE * x[i - 1] : 0);
  let peak = 0;
  for (let i = 0; i < x.length; i++) peak = Math.max(peak, Math.abs(x[i]));
  const win = new Float64Array(WIN);
  let winPow = 0;
  for (let i = 0; i < WIN; i++) {
    win[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * (i + 0.5)) / WIN);
    winPow += win[i] * win[i];
  }
  const frame = new Float64Array(WIN);
  const r = new Float64Array(ORDER + 1);
  const a = new Float64Array(ORDER + 1);
  const tmp = new Float64Array(ORDER + 1);
  const seg = new Float64Array(PITCH_WIN);
  const ac = new Float64Array(MAX_LAG + 1);
  for (let h = 0; h < hops; h++) {
    const c = h * HOP + HOP / 2;
    for (let i = 0; i < WIN; i++) {
      const j = c - WIN / 2 + i;
      frame[i] = j >= 0 && j < x.length ? pre[j] * win[i] : 0;
    }
    for (let k = 0; k <= ORDER; k++) {
      let s = 0;
      for (let i = k; i < WIN; i++) s += frame[i] * frame[i - k];
      r[k] = s;
    }
    r[0] *= 1 + 1e-6; // white-noise correction keeps the filter stable
    r[0] += 1e-12;
    // Lag window (60 Hz Gaussian) for smoother, stabler envelopes.
    for (let k = 1; k <= ORDER; k++) r[k] *= Math.exp(-0.5 * ((2 * Math.PI * 60 * k) / SR) ** 2);
    const err = levinson(r, a, tmp);
    coefs.set(a, h * (ORDER + 1));
    gain[h] = Math.sqrt(Math.max(0, err) / winPow);
    // Pitch: normalised autocorrelation of the (low-passed by a 3-tap mean) signal over 40 ms.
    let e0 = 0;
    for (let i = 0; i < PITCH_WIN; i++) {
      const j = c - PITCH_WIN / 2 + i;
      const v = j > 0 && j + 1 < x.length ? (x[j - 1] + x[j] + x[j + 1]) / 3 : 0;
      seg[i] = v;
      e0 += v * v;
    }
    let bestLag = 0;
    let best = 0;
    if (Math.sqrt(e0 / PITCH_WIN) > peak * 0.01) {
      for (let L = MIN_LAG; L <= MAX_LAG; L++) {
        let s = 0;
        let e1 = 0;
        let e2 = 0;
        for (let i = 0; i + L < PITCH_WIN; i++) {
          s += seg[i] * seg[i + L];
          e1 += seg[i] * seg[i];
          e2 += seg[i + L] * seg[i + L];
        }
        ac[L] = s / Math.sqrt(e1 * e2 + 1e-20);
        if (ac[L] > best) best = ac[L];
      }
      // The shortest lag whose peak comes close to the best one (multiples of the period score
      // as high as the period itself: octave errors).
      for (let L = MIN_LAG + 1; L < MAX_LAG; L++)
        if (ac[L] >= 0.85 * best && ac[L] >= ac[L - 1] && ac[L] >= ac[L + 1]) {
          bestLag = L;
          break;
        }
    }
    lag[h] = best > 0.45 && bestLag ? bestLag : 0;
  }
  // Median of 5 on voiced lags (octave errors), unvoiced kept.
  const sm = lag.slice();
  const buf: number[] = [];
  for (let h = 0; h < hops; h++) {
    if (!lag[h]) continue;
    buf.length = 0;
    for (let d = -2; d <= 2; d++) if (lag[h + d]) buf.push(lag[h + d]);
    buf.sort((p, q) => p - q);
    sm[h] = buf[buf.length >> 1];
  }
  return { hops, coefs, gain, lag: sm };
}

/**
 * The utterance `x` (16 kHz) resynthesised with `voice`'s source; same length, same RMS.
 * Deterministic for a given `rng` state.
 */
export function vocode(x: Float32Array, voice: VocoderVoice, rng: Rng): Float32Array {
  const { hops, coefs, gain, lag } = analyse(x);
  // Median F0 of the voiced hops, for the intonation change.
  const f0s: number[] = [];
  for (let h = 0; h < hops; h++) if (lag[h]) f0s.push(SR / lag[h]);
  f0s.sort((p, q) => p - q);
  const f0Median = f0s.length ? f0s[f0s.length >> 1] : 120;
  const y = new Float32Array(x.length);
  const mem = new Float64Array(ORDER + 1); // past outputs, mem[1] = y[n-1]
  let phase = 1; // samples until the next pulse
  let period = SR / f0Median;
  let amp = 1;
  let tiltMem = 0;
  let deemph = 0;
  for (let n = 0; n < x.length; n++) {
    const h = Math.min(hops - 1, Math.floor(n / HOP));
    const voiced = lag[h] > 0;
    let e: number;
    if (voiced) {
      const f0 = f0Median * (SR / lag[h] / f0Median) ** voice.intonation * voice.pitchScale;
      let pulse = 0;
      phase -= 1;
      if (phase <= 0) {
        period = Math.min(SR / 50, Math.max(SR / 450, (SR / f0) * (1 + voice.jitter * rng.normal())));
        phase += period;
        amp = Math.max(0.2, 1 + voice.shimmer * rng.normal());
        pulse = amp * Math.sqrt(period); // unit power over a period
      }
      tiltMem = (1 - voice.tilt) * pulse + voice.tilt * tiltMem;
      // The tilt filter loses power; restore it roughly: (1-b)^2/(1-b^2) = (1-b)/(1+b).
      const src = tiltMem * Math.sqrt((1 + voice.tilt) / (1 - voice.tilt));
      e = (src + Math.sqrt(voice.breath) * rng.normal()) / Math.sqrt(1 + voice.breath);
    } else {
      e = rng.normal();
      phase = 1;
    }
    // All-pole filter with this hop's coefficients.
    const base = h * (ORDER + 1);
    let v = e * gain[h];
    for (let k = 1; k <= ORDER; k++) v -= coefs[base + k] * mem[k];
    for (let k = ORDER; k > 1; k--) mem[k] = mem[k - 1];
    mem[1] = v;
    deemph = v + PRE * deemph;
    y[n] = deemph;
  }
  // Guard against a filter that blew up, then match the original RMS.
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < x.length; i++) {
    sx += x[i] * x[i];
    sy += y[i] * y[i];
  }
  if (!Number.isFinite(sy) || sy <= 0) return x.slice();
  const k = Math.sqrt(sx / sy);
  for (let i = 0; i < y.length; i++) y[i] *= k;
  return y;
}
