/**
 * The pure core of the microphone AudioWorklet: downmix each 128-sample render quantum to mono,
 * resample it to 16 kHz with the shared resampler, and hand out fixed-size chunks. It has no
 * AudioWorklet globals so Node tests run exactly the code the worklet runs.
 */
import { createResampler, VOICE_SAMPLE_RATE, type Resampler } from './resampler';

/** Name the capture processor registers under (shared by the worklet and the main thread). */
export const VOICE_CAPTURE_PROCESSOR = 'voice-capture';

/** Options of `createVoiceWorkletCore`. */
export interface VoiceWorkletCoreOptions {
  /**
   * 16 kHz samples per chunk handed to the main thread (fewer, larger messages cost less).
   * @default 320 (20 ms)
   */
  chunkSamples?: number;
}

/** Streaming downmix + resample + chunking, fed one render quantum at a time. */
export interface VoiceWorkletCore {
  /** The input sample rate (the AudioContext's). */
  readonly inRate: number;
  /** 16 kHz samples per chunk. */
  readonly chunkSamples: number;
  /**
   * Feed one quantum (`channels[c][i]`, any channel count; an empty array is silence skipped).
   * Each completed chunk is passed to `emit` as a fresh `Float32Array` the receiver may keep or
   * transfer.
   */
  push(channels: ArrayLike<ArrayLike<number>>, emit: (chunk: Float32Array) => void): void;
  /** Drop buffered samples and the resampler's history. */
  reset(): void;
}

/** Create the worklet core for input at `inRate` Hz. */
export function createVoiceWorkletCore(inRate: number, options: VoiceWorkletCoreOptions = {}): VoiceWorkletCore {
  const chunkSamples = options.chunkSamples ?? 320;
  if (!Number.isInteger(chunkSamples) || chunkSamples < 1) throw new RangeError(`chunkSamples must be a positive integer, got ${chunkSamples}`);
  const resampler: Resampler = createResampler(inRate, VOICE_SAMPLE_RATE);
  let mono = new Float32Array(128);
  let resampled = new Float32Array(resampler.maxOutput(128));
  let chunk = new Float32Array(chunkSamples);
  let filled = 0;

  return {
    inRate,
    chunkSamples,
    push(channels, emit) {
      const nCh = channels.length;
      if (nCh === 0) return;
      const n = channels[0].length;
      if (n === 0) return;
      if (mono.length < n) {
        // Render quanta are 128 samples today; grow once if a browser ever sends more.
        mono = new Float32Array(n);
        resampled = new Float32Array(resampler.maxOutput(n));
      }
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let c = 0; c < nCh; c++) s += channels[c][i];
        mono[i] = s / nCh;
      }
      const m = resampler.process(mono.subarray(0, n), resampled);
      for (let i = 0; i < m; i++) {
        chunk[filled++] = resampled[i];
        if (filled === chunkSamples) {
          emit(chunk);
          chunk = new Float32Array(chunkSamples);
          filled = 0;
        }
      }
    },
    reset() {
      resampler.reset();
      filled = 0;
    },
  };
}
