import { describe, expect, it } from 'vitest';
import { espeak } from './support/espeak';
import { VOICE_LABELS } from '../src/core/types';
import { createVoiceActivityGate } from '../src/sensors/audio/vad';
import { LOG_MEL } from '../src/sensors/audio/log-mel';
import { DEFAULT_VOICE_SETTINGS, fillRoomTone, recognizeSignal, type VoiceClassifier } from '../src/perception/voice';
import { captureUtterances } from '../scripts/voice/capture';

const SR = LOG_MEL.sampleRate;

/** Seeded white noise at `rms`. */
function noise(n: number, rms: number, seed = 1): Float32Array {
  const x = new Float32Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (s * 1664525 + 1013904223) >>> 0;
    x[i] = ((s / 2 ** 32) * 2 - 1) * rms * Math.sqrt(3);
  }
  return x;
}

/** Room noise with `speech` mixed in at `at` seconds. */
function inRoom(speech: Float32Array, at: number, seconds: number): Float32Array {
  const x = noise(Math.round(seconds * SR), 0.01);
  for (let i = 0; i < speech.length; i++) x[Math.round(at * SR) + i] += 0.5 * speech[i];
  return x;
}

/** Answers `unknown` and records when the gate opened for each window it was asked about. */
function watcher(gate: ReturnType<typeof createVoiceActivityGate>): VoiceClassifier & { openedAt: number[] } {
  const openedAt: number[] = [];
  return {
    settings: DEFAULT_VOICE_SETTINGS,
    openedAt,
    async estimate(_w, out) {
      openedAt.push(gate.openedAt);
      out.fill(0);
      out[VOICE_LABELS.indexOf('unknown')] = 1;
    },
  };
}

describe('the lead-in of a recording streamed through the recognizer', () => {
  it('fills the lead-in with the quietest stretch of the recording', () => {
    const x = new Float32Array(SR);
    x.fill(0.5);
    for (let i = 8000; i < 8000 + 4800; i++) x[i] = 0.01 * ((i % 7) - 3);
    const out = new Float32Array(4800 + x.length);
    fillRoomTone(x, out, 4800);
    for (let i = 0; i < 4800; i += 480) expect(Math.abs(out[i])).toBeLessThanOrEqual(0.03);
  });

  it('opens the gate at the speech, not at the start of the room noise, with the room tone as lead-in', async () => {
    // "stop" 2.2 s into a noisy recording: after digital silence the noise itself opens the gate at
    // the file's start, and the one window the model is asked about (full after 1.62 s) holds noise only.
    const x = inRoom(espeak('stop'), 2.2, 3.5);
    const lead = 0.3;
    const roomGate = createVoiceActivityGate(DEFAULT_VOICE_SETTINGS.gate);
    const room = watcher(roomGate);
    await recognizeSignal(x, room, { leadIn: 'roomTone', gate: roomGate, earlyDecisionSec: 0 });
    expect(room.openedAt.length).toBe(1);
    expect(room.openedAt[0] - lead).toBeGreaterThan(2.15);
    expect(room.openedAt[0] - lead).toBeLessThan(2.35);

    const digitalGate = createVoiceActivityGate(DEFAULT_VOICE_SETTINGS.gate);
    const digital = watcher(digitalGate);
    await recognizeSignal(x, digital, { leadIn: 'digital', gate: digitalGate, earlyDecisionSec: 0 });
    expect(digital.openedAt[0] - lead).toBeLessThan(0.1);
  });

  it('captures the early look after a whole command and tells a pause inside an utterance from its end', async () => {
    const got = await captureUtterances(inRoom(espeak('follow me'), 0.6, 2.5), DEFAULT_VOICE_SETTINGS, { earlySec: 0.06 });
    expect(got.final.length).toBe(1);
    expect(got.early.length).toBeGreaterThanOrEqual(1);
    expect(got.early.at(-1)!.prefix).toBe(false);
    // "tell" and "me" 0.2 s apart (under the gate's 0.3 s hangover): one utterance with a pause.
    const a = espeak('tell');
    const b = espeak('more');
    const trim = (s: Float32Array) => {
      let i = 0;
      let j = s.length - 1;
      while (i < j && Math.abs(s[i]) < 0.01) i++;
      while (j > i && Math.abs(s[j]) < 0.01) j--;
      return s.subarray(i, j + 1);
    };
    const [ta, tb] = [trim(a), trim(b)];
    const speech = new Float32Array(ta.length + Math.round(0.2 * SR) + tb.length);
    speech.set(ta);
    speech.set(tb, ta.length + Math.round(0.2 * SR));
    const two = await captureUtterances(inRoom(speech, 0.6, 3), DEFAULT_VOICE_SETTINGS, { earlySec: 0.06 });
    expect(two.final.length).toBe(1);
    expect(two.early.map((e) => e.prefix)).toEqual([true, false]);
  });
});
