/**
 * Streaming band-limited resampler (windowed-sinc, Blackman window, table-driven). The browser's
 * AudioWorklet and Node's eval/training share this code so both produce identical 16 kHz audio.
 * Written here rather than taken from npm: the candidates are either native (not usable in an
 * AudioWorklet) or linear-interpolating (aliases 44.1/48 kHz input into the speech band).
 */

/** Sample rate every voice feature is computed at. */
export const VOICE_SAMPLE_RATE = 16000;

const PHASES = 512;

export interface Resampler {
  readonly inRate: number;
  readonly outRate: number;
  /**
   * Feed `input` samples; resampled samples are written into `out` from index 0. Returns how many
   * were written. `out` must hold `maxOutput(input.length)` samples.
   */
  process(input: ArrayLike<number>, out: Float32Array): number;
  /** Upper bound of outputs `process` can produce for `n` inputs. */
  maxOutput(n: number): number;
  /** Push the tail through (zeros after the end of input); returns samples written to `out`. */
  flush(out: Float32Array): number;
  reset(): void;
}

/**
 * Create a resampler from `inRate` to `outRate` Hz. `halfTaps` input samples on each side of an
 * output sample shape the low-pass (16 gives > 60 dB stop-band attenuation).
 */
export function createResampler(inRate: number, outRate = VOICE_SAMPLE_RATE, halfTaps = 16): Resampler {
  if (!(inRate > 0) || !(outRate > 0)) throw new RangeError(`sample rates must be positive, got ${inRate} -> ${outRate}`);
  const step = inRate / outRate;
  const cutoff = Math.min(1, outRate / inRate) * 0.94; // fraction of the input Nyquist
  const taps = 2 * halfTaps;
  // table[phase * taps + k] is the weight of input sample (base - halfTaps + 1 + k) for fractional offset phase/PHASES.
  const table = new Float32Array((PHASES + 1) * taps);
  for (let ph = 0; ph <= PHASES; ph++) {
    const frac = ph / PHASES;
    let sum = 0;
    for (let k = 0; k < taps; k++) {
      const x = k - halfTaps + 1 - frac; // distance from the output point, in input samples
      const sx = x * cutoff;
      const sinc = Math.abs(sx) < 1e-9 ? 1 : Math.sin(Math.PI * sx) / (Math.PI * sx);
      const w = x / halfTaps; // in [-1, 1]
      const win = Math.abs(w) >= 1 ? 0 : 0.42 + 0.5 * Math.cos(Math.PI * w) + 0.08 * Math.cos(2 * Math.PI * w);
      const v = sinc * win;
      table[ph * taps + k] = v;
      sum += v;
    }
    for (let k = 0; k < taps; k++) table[ph * taps + k] /= sum; // unity DC gain
  }

  const chunk = 8192;
  const buf = new Float32Array(chunk + taps + 4);
  let len = 0;
  let pos = 0;

  function reset() {
    buf.fill(0);
    len = halfTaps - 1; // zeros before the first sample centre the first output on input 0
    pos = len;
  }
  reset();

  function drain(out: Float32Array, offset: number): number {
    let o = offset;
    while (Math.floor(pos) + halfTaps < len) {
      const base = Math.floor(pos);
      const frac = pos - base;
      const phf = frac * PHASES;
      const ph = Math.floor(phf);
      const a = phf - ph;
      const t0 = ph * taps;
      const t1 = t0 + taps;
      const start = base - halfTaps + 1;
      let acc = 0;
      for (let k = 0; k < taps; k++) {
        const w = table[t0 + k] + a * (table[t1 + k] - table[t0 + k]);
        acc += w * buf[start + k];
      }
      out[o++] = acc;
      pos += step;
    }
    const drop = Math.floor(pos) - halfTaps + 1;
    if (drop > 0) {
      buf.copyWithin(0, drop, len);
      len -= drop;
      pos -= drop;
    }
    return o - offset;
  }

  const resampler: Resampler = {
    inRate,
    outRate,
    maxOutput(n) {
      return Math.ceil((n + taps + 2) / step) + 2;
    },
    process(input, out) {
      if (inRate === outRate) {
        for (let i = 0; i < input.length; i++) out[i] = input[i];
        return input.length;
      }
      let written = 0;
      let i = 0;
      while (i < input.length) {
        const n = Math.min(input.length - i, buf.length - len);
        for (let k = 0; k < n; k++) buf[len + k] = input[i + k];
        len += n;
        i += n;
        written += drain(out, written);
      }
      return written;
    },
    flush(out) {
      if (inRate === outRate) return 0;
      const zeros = new Float32Array(halfTaps + Math.ceil(step));
      const n = resampler.process(zeros, out);
      reset();
      return n;
    },
    reset,
  };
  return resampler;
}

/** Resample a whole signal to `outRate` (default 16 kHz); output length is round(n * outRate / inRate). */
export function resampleSignal(input: Float32Array, inRate: number, outRate = VOICE_SAMPLE_RATE): Float32Array {
  if (inRate === outRate) return input.slice();
  const r = createResampler(inRate, outRate);
  const out = new Float32Array(r.maxOutput(input.length) + r.maxOutput(64));
  let n = r.process(input, out);
  n += r.flush(out.subarray(n));
  return out.slice(0, Math.min(n, Math.round((input.length * outRate) / inRate)));
}
