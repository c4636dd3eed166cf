/**
 * Training windows of one clip, captured through the app's streaming path (log-mel, gate,
 * recognizer window assembly), as the recognizer hands them to the model:
 * - `final`: the window of each utterance's decision (the gate's close, or a full window), as the
 *   eval and the app classify it;
 * - `early`: the recognizer's early looks (after `earlySec` of silence while the gate is still
 *   open). An early look after which no more speech came (`prefix: false`) holds the whole
 *   utterance with a shorter tail of silence than the final window: the model must be as sure of
 *   it as of the final one for the early decision to save time. An early look at a pause inside
 *   the utterance (`prefix: true`, e.g. "follow" of "follow me", "tell me" of "tell me a story")
 *   is not the utterance: the model must not fire a command on it.
 * The lead-in is the clip's own room tone (see `recognizeSignal`), as for a microphone that was
 * already running in the room: the gate opens at the speech, not at the start of the clip's noise.
 */
import { VOICE_LABELS } from '../../src/core/types';
import { recognizeSignal } from '../../src/perception/voice/recognize-signal';
import type { VoiceClassifier } from '../../src/perception/voice/voice-recognizer';
import type { VoiceSettings } from '../../src/perception/voice/voice-settings';
import { createVoiceActivityGate } from '../../src/sensors/audio/vad';

/** What `captureUtterances` found in a clip. */
export interface CapturedWindows {
  final: Float32Array[];
  early: { window: Float32Array; prefix: boolean }[];
}

/** Capture the final and early-look windows of `clip` (16 kHz). `earlySec` 0: final windows only. */
export async function captureUtterances(
  clip: Float32Array,
  settings: VoiceSettings,
  options: { earlySec?: number; leadIn?: 'digital' | 'roomTone' } = {},
): Promise<CapturedWindows> {
  const earlySec = options.earlySec ?? 0;
  const gate = createVoiceActivityGate(settings.gate);
  const out: CapturedWindows = { final: [], early: [] };
  // Early looks waiting to learn whether speech came after them (their gate's lastVoicedAt).
  let pending: { window: Float32Array; lastVoiced: number }[] = [];
  const settle = () => {
    for (const p of pending) out.early.push({ window: p.window, prefix: gate.lastVoicedAt !== p.lastVoiced });
    pending = [];
  };
  // The time of the frame being handled (the gate is watched so the capture knows it).
  let frameT = 0;
  const watched = new Proxy(gate, {
    get(target, prop, receiver) {
      if (prop === 'update')
        return (frame: Float32Array, t: number) => {
          frameT = t;
          return target.update(frame, t);
        };
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
  const release = settings.gate.releaseSec ?? 0.3;
  const capture: VoiceClassifier = {
    settings,
    async estimate(window, probs) {
      // recognizeSignal waits for each inference before the next frame, so the gate's state here
      // is its state at the frame that asked for this window. An early look: the gate is open and
      // has heard earlySec (not yet releaseSec) of silence.
      const quiet = frameT - gate.lastVoicedAt;
      if (earlySec > 0 && gate.isOpen && quiet >= earlySec - 1e-6 && quiet < release - 1e-6) {
        // One look per pause, so only speech after it (a later lastVoicedAt) makes it a prefix.
        pending.push({ window: window.slice(), lastVoiced: gate.lastVoicedAt });
      } else {
        settle();
        out.final.push(window.slice());
      }
      probs.fill(0);
      probs[VOICE_LABELS.indexOf('silence')] = 1;
    },
  };
  await recognizeSignal(clip, capture, { earlyDecisionSec: earlySec, earlyMinConfidence: 2, leadIn: options.leadIn, gate: watched });
  settle();
  return out;
}
