/**
 * Runs a recorded 16 kHz signal through the app's streaming path (log-mel -> ring buffer ->
 * gate -> recognizer) as if it came from the microphone, so the eval and the training data see
 * exactly the windows and decisions the browser sees. Platform-free.
 */
import { createTimedRingBuffer } from '../../core/ring-buffer';
import type { Percept } from '../../core/types';
import { LOG_MEL, computeLogMel } from '../../sensors/audio/log-mel';
import type { VoiceActivityGate } from '../../sensors/audio/vad';
import { createVoiceRecognizer, type VoiceClassifier, type VoiceDecision } from './voice-recognizer';

/** Options of `recognizeSignal`. */
export interface RecognizeSignalOptions {
  /**
   * Seconds of digital silence before the signal: the stream was running before the file began,
   * so the gate has a floor to compare the first word against.
   * @default 0.3
   */
  leadInSec?: number;
  /**
   * Seconds of digital silence after the signal, so an utterance at the very end can close.
   * @default 0.8
   */
  tailSec?: number;
  /** Seconds of silence before an early decision (see `VoiceRecognizerOptions`); 0 turns it off. @default 0.15 */
  earlyDecisionSec?: number;
  /** Least probability of a command decided early (see `VoiceRecognizerOptions`). */
  earlyMinConfidence?: number;
  /**
   * What the lead-in holds: digital silence, or the recording's own room tone (its quietest
   * stretch, repeated), as a microphone that had been running in the same room would have heard.
   * @default 'roomTone'
   */
  leadIn?: 'digital' | 'roomTone';
  /** The gate to segment with (the training-data builder reads its state). @default the model's */
  gate?: VoiceActivityGate;
}

/**
 * Fill `out[0, lead)` with the quietest stretch of `x` (lowest RMS over `lead` samples, searched
 * in 10 ms steps; the whole signal, repeated, when it is shorter).
 */
export function fillRoomTone(x: Float32Array, out: Float32Array, lead: number): void {
  if (!x.length || lead <= 0) return;
  const len = Math.min(lead, x.length);
  const step = 160;
  let best = 0;
  let bestE = Infinity;
  for (let start = 0; start + len <= x.length; start += step) {
    let e = 0;
    for (let i = start; i < start + len; i++) e += x[i] * x[i];
    if (e < bestE) {
      bestE = e;
      best = start;
    }
  }
  for (let i = 0; i < lead; i++) out[i] = x[best + (i % len)];
}

/** What one signal produced. */
export interface RecognizeSignalResult {
  percepts: Percept[];
  decisions: VoiceDecision[];
  /** Wall time of each inference, ms. */
  inferenceMs: number[];
}

/** Stream `samples` (16 kHz mono) through a recognizer over `model`; resolves when all decisions are made. */
export async function recognizeSignal(
  samples: Float32Array,
  model: VoiceClassifier,
  options: RecognizeSignalOptions = {},
): Promise<RecognizeSignalResult> {
  const lead = Math.round((options.leadInSec ?? 0.3) * LOG_MEL.sampleRate);
  const tail = Math.round((options.tailSec ?? 0.8) * LOG_MEL.sampleRate);
  const padded = new Float32Array(lead + samples.length + tail);
  padded.set(samples, lead);
  if ((options.leadIn ?? 'roomTone') === 'roomTone') fillRoomTone(samples, padded, lead);
  const { frames, data } = computeLogMel(padded);
  const buffer = createTimedRingBuffer(LOG_MEL.nMels, Math.max(1, frames));
  const result: RecognizeSignalResult = { percepts: [], decisions: [], inferenceMs: [] };
  let started = 0;
  const timed: VoiceClassifier = {
    settings: model.settings,
    async estimate(window, out) {
      started = performance.now();
      await model.estimate(window, out);
      result.inferenceMs.push(performance.now() - started);
    },
  };
  const rec = createVoiceRecognizer(timed, buffer, {
    earlyDecisionSec: options.earlyDecisionSec,
    earlyMinConfidence: options.earlyMinConfidence,
    gate: options.gate,
    onPercept: (p) => result.percepts.push(p),
    onDecision: (d) => result.decisions.push(d),
    onError: (err) => {
      failure ??= err;
    },
  });
  let failure: unknown;
  for (let i = 0; i < frames; i++) {
    // Stamp frames by their last sample, as the browser's frame sink does.
    const t = (LOG_MEL.frameLength + i * LOG_MEL.hop) / LOG_MEL.sampleRate;
    buffer.push(t, data.subarray(i * LOG_MEL.nMels, (i + 1) * LOG_MEL.nMels));
    rec.update(t);
    if (rec.busy) await rec.whenIdle();
    if (failure) throw failure;
  }
  rec.flush();
  await rec.whenIdle();
  if (failure) throw failure;
  return result;
}
