/**
 * Log-mel features for voice perception. The same code runs in the browser (on the 16 kHz stream
 * from the AudioWorklet) and in Node (`npm run train`, `npm run eval`), so the app and the eval see
 * identical features.
 */
import FFT from 'fft.js';
import { VOICE_SAMPLE_RATE } from './resampler';

/** Feature settings; the model card records them and a model is only valid with its own. */
export const LOG_MEL = {
  sampleRate: VOICE_SAMPLE_RATE,
  /** 25 ms analysis window. */
  frameLength: 400,
  /** 10 ms hop: 100 frames per second. */
  hop: 160,
  fftSize: 512,
  nMels: 40,
  fMin: 60,
  fMax: 7600,
  /** Added before the log so silence is finite. */
  floor: 1e-6,
} as const;

const hzToMel = (hz: number) => 2595 * Math.log10(1 + hz / 700);
const melToHz = (mel: number) => 700 * (10 ** (mel / 2595) - 1);

/** Triangular mel filters as [nMels][fftSize/2+1], HTK mel scale, unit peak. */
export function melFilterbank(cfg = LOG_MEL): Float32Array[] {
  const nBins = cfg.fftSize / 2 + 1;
  const melMin = hzToMel(cfg.fMin);
  const melMax = hzToMel(cfg.fMax);
  const edges: number[] = [];
  for (let i = 0; i < cfg.nMels + 2; i++) edges.push(melToHz(melMin + ((melMax - melMin) * i) / (cfg.nMels + 1)));
  const binHz = cfg.sampleRate / cfg.fftSize;
  const filters: Float32Array[] = [];
  for (let m = 0; m < cfg.nMels; m++) {
    const [lo, mid, hi] = [edges[m], edges[m + 1], edges[m + 2]];
    const f = new Float32Array(nBins);
    for (let b = 0; b < nBins; b++) {
      const hz = b * binHz;
      if (hz > lo && hz < hi) f[b] = hz <= mid ? (hz - lo) / (mid - lo) : (hi - hz) / (hi - mid);
    }
    filters.push(f);
  }
  return filters;
}

/** Streaming log-mel extractor over 16 kHz samples; allocation-free per call. */
export interface LogMelExtractor {
  /**
   * Feed samples; for each complete frame, `emit(frame, index)` is called with a reused
   * `Float32Array(nMels)` (copy it if you keep it) and the frame's index since the last reset.
   */
  process(samples: ArrayLike<number>, emit: (frame: Float32Array, index: number) => void): void;
  reset(): void;
}

/** Create a `LogMelExtractor` with the settings of `LOG_MEL`. */
export function createLogMelExtractor(cfg = LOG_MEL): LogMelExtractor {
  const fft = new FFT(cfg.fftSize);
  const window = new Float32Array(cfg.frameLength);
  for (let i = 0; i < cfg.frameLength; i++) window[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / cfg.frameLength);
  const filters = melFilterbank(cfg);
  // Sparse filter ranges so each frame touches only the non-zero weights.
  const ranges = filters.map((f) => {
    let a = 0;
    while (a < f.length && f[a] === 0) a++;
    let b = f.length;
    while (b > a && f[b - 1] === 0) b--;
    return [a, b] as const;
  });
  const pending = new Float32Array(cfg.frameLength);
  let filled = 0;
  let index = 0;
  const input = new Float32Array(cfg.fftSize);
  const spectrum = fft.createComplexArray() as number[];
  const power = new Float32Array(cfg.fftSize / 2 + 1);
  const frame = new Float32Array(cfg.nMels);

  function computeFrame(emit: (frame: Float32Array, index: number) => void) {
    for (let i = 0; i < cfg.frameLength; i++) input[i] = pending[i] * window[i];
    input.fill(0, cfg.frameLength);
    fft.realTransform(spectrum, input);
    for (let b = 0; b < power.length; b++) {
      const re = spectrum[2 * b];
      const im = spectrum[2 * b + 1];
      power[b] = re * re + im * im;
    }
    for (let m = 0; m < cfg.nMels; m++) {
      const f = filters[m];
      const [a, b] = ranges[m];
      let e = 0;
      for (let k = a; k < b; k++) e += f[k] * power[k];
      frame[m] = Math.log(e + cfg.floor);
    }
    emit(frame, index++);
    // Keep the overlap for the next frame.
    pending.copyWithin(0, cfg.hop, cfg.frameLength);
    filled = cfg.frameLength - cfg.hop;
  }

  return {
    process(samples, emit) {
      for (let i = 0; i < samples.length; i++) {
        pending[filled++] = samples[i];
        if (filled === cfg.frameLength) computeFrame(emit);
      }
    },
    reset() {
      filled = 0;
      index = 0;
    },
  };
}

/** Log-mel of a whole 16 kHz signal as a row-major `[frames][nMels]` array (offline use). */
export function computeLogMel(samples: Float32Array, cfg = LOG_MEL): { frames: number; data: Float32Array } {
  const frames = samples.length < cfg.frameLength ? 0 : Math.floor((samples.length - cfg.frameLength) / cfg.hop) + 1;
  const data = new Float32Array(frames * cfg.nMels);
  const ex = createLogMelExtractor(cfg);
  ex.process(samples, (frame, i) => data.set(frame, i * cfg.nMels));
  return { frames, data };
}
