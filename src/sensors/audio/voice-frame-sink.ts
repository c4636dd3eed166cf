/**
 * Main-thread half of the voice stream: 16 kHz chunks from the worklet -> log-mel frames (stride
 * 40) stamped on the shared clock -> a `TimedRingBuffer`, with the voice-activity gate fed on the
 * way. Pure (no Web Audio), so Node tests drive it with a WAV file.
 */
import { createTimedRingBuffer, type TimedRingBuffer } from '../../core/ring-buffer';
import { createLogMelExtractor, LOG_MEL } from './log-mel';
import { createFaintSpeechMonitor, createVoiceActivityGate, type VoiceActivityGate } from './vad';

/** Options of `createVoiceFrameSink`. */
export interface VoiceFrameSinkOptions {
  /**
   * Seconds of log-mel frames the ring buffer holds (100 frames a second).
   * @default 10
   */
  seconds?: number;
  /**
   * The voice-activity gate fed every frame.
   * @default createVoiceActivityGate()
   */
  gate?: VoiceActivityGate;
}

/** Log-mel frames and gate state of the live voice stream. */
export interface VoiceFrameSink {
  /** Log-mel frames (`LOG_MEL.nMels` floats each), stamped with the time their last sample was captured. */
  readonly buffer: TimedRingBuffer;
  /** The voice-activity gate (read `isOpen`, `openedAt`, `lastVoicedAt`). */
  readonly gate: VoiceActivityGate;
  /** Times the gate went from shut to open. */
  readonly gateOpenCount: number;
  /** Someone seems to talk too quietly for the gate (`createFaintSpeechMonitor`): tell them. */
  readonly faintSpeech: boolean;
  /**
   * Feed a chunk of 16 kHz samples whose last sample was captured at `tEnd` (shared clock, s).
   * Frames are stamped back from `tEnd` by their distance in samples, so timing does not depend
   * on how chunks are batched.
   */
  push(samples: Float32Array, tEnd: number): void;
  /** Forget partial frames (call when audio stops or push-to-talk releases). Keeps the buffer. */
  resetStream(): void;
}

/** Create a `VoiceFrameSink`. */
export function createVoiceFrameSink(options: VoiceFrameSinkOptions = {}): VoiceFrameSink {
  const seconds = options.seconds ?? 10;
  const framesPerSecond = LOG_MEL.sampleRate / LOG_MEL.hop;
  const buffer = createTimedRingBuffer(LOG_MEL.nMels, Math.ceil(seconds * framesPerSecond));
  const gate = options.gate ?? createVoiceActivityGate();
  const extractor = createLogMelExtractor();
  let samplesSeen = 0; // since the last reset
  let chunkEndSample = 0;
  let chunkEndTime = 0;
  let gateOpenCount = 0;
  // It watches for what this gate would miss, so it takes this gate's thresholds.
  const faint = createFaintSpeechMonitor({ openDb: gate.openDb, minFloorDb: gate.minFloorDb });

  // Frame `index` ends at sample frameLength + index*hop (1-based count since reset).
  const onFrame = (frame: Float32Array, index: number) => {
    const endSample = LOG_MEL.frameLength + index * LOG_MEL.hop;
    const t = chunkEndTime - (chunkEndSample - endSample) / LOG_MEL.sampleRate;
    buffer.push(t, frame);
    const wasOpen = gate.isOpen;
    const open = gate.update(frame, t);
    if (open && !wasOpen) gateOpenCount++;
    faint.update(gate.energyDb, t, open);
  };

  return {
    buffer,
    gate,
    get gateOpenCount() {
      return gateOpenCount;
    },
    get faintSpeech() {
      return faint.faint;
    },
    push(samples, tEnd) {
      samplesSeen += samples.length;
      chunkEndSample = samplesSeen;
      chunkEndTime = tEnd;
      extractor.process(samples, onFrame);
    },
    resetStream() {
      extractor.reset();
      samplesSeen = 0;
    },
  };
}
