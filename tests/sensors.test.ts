import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WaveFile } from 'wavefile';
import { resampleSignal } from '../src/sensors/audio/resampler';
import { computeLogMel, LOG_MEL } from '../src/sensors/audio/log-mel';
import { createVoiceWorkletCore } from '../src/sensors/audio/voice-worklet-core';
import { createVoiceFrameSink } from '../src/sensors/audio/voice-frame-sink';
import { classifyMediaError } from '../src/sensors/media-state';

/** Read a PCM WAV as float samples of its first channel. */
function readWav(path: string): { rate: number; samples: Float32Array } {
  const wav = new WaveFile(readFileSync(path));
  wav.toBitDepth('32f');
  const raw = wav.getSamples(false, Float64Array) as unknown as Float64Array | Float64Array[];
  const ch = Array.isArray(raw) ? raw[0] : raw;
  return { rate: (wav.fmt as { sampleRate: number }).sampleRate, samples: Float32Array.from(ch) };
}

/** Run a signal through the worklet core the way the AudioWorklet does: 128-sample quanta, `channels` copies. */
function runWorklet(x: Float32Array, rate: number, channels = 1): Float32Array {
  const core = createVoiceWorkletCore(rate);
  const parts: Float32Array[] = [];
  for (let i = 0; i + 128 <= x.length; i += 128) {
    const q = x.subarray(i, i + 128);
    core.push(Array.from({ length: channels }, () => q), (c) => parts.push(c));
  }
  const out = new Float32Array(parts.length * core.chunkSamples);
  parts.forEach((p, k) => out.set(p, k * core.chunkSamples));
  return out;
}

const speech = readWav('e2e/fixtures/follow-me-48k.wav');

describe('voice worklet core', () => {
  it('gives the same 16 kHz samples as resampleSignal on the fake-microphone WAV (48 kHz)', () => {
    expect(speech.rate).toBe(48000);
    const streamed = runWorklet(speech.samples, 48000);
    const offline = resampleSignal(speech.samples, 48000);
    expect(streamed.length).toBeGreaterThan(offline.length - 400); // all but the last partial chunk
    let maxErr = 0;
    for (let i = 0; i < streamed.length; i++) maxErr = Math.max(maxErr, Math.abs(streamed[i] - offline[i]));
    expect(maxErr).toBeLessThan(1e-6);
  });

  it('matches at 44.1 kHz (the rate headless Chromium runs at) and downmixes stereo to mono', () => {
    const x = resampleSignal(speech.samples, 48000, 44100);
    const streamed = runWorklet(x, 44100, 2);
    const offline = resampleSignal(x, 44100);
    let maxErr = 0;
    for (let i = 0; i < streamed.length; i++) maxErr = Math.max(maxErr, Math.abs(streamed[i] - offline[i]));
    expect(streamed.length).toBeGreaterThan(offline.length - 400);
    expect(maxErr).toBeLessThan(1e-6);
  });

  it('rejects a bad chunk size with a clear error', () => {
    expect(() => createVoiceWorkletCore(48000, { chunkSamples: 0 })).toThrow(/chunkSamples/);
  });
});

describe('voice frame sink', () => {
  const pcm16k = runWorklet(speech.samples, 48000);

  it('produces the same log-mel frames as computeLogMel, stamped 10 ms apart on the clock', () => {
    const sink = createVoiceFrameSink();
    const t0 = 100;
    for (let i = 0; i < pcm16k.length; i += 320) sink.push(pcm16k.subarray(i, i + 320), t0 + (i + 320) / 16000);
    const offline = computeLogMel(pcm16k);
    expect(sink.buffer.written).toBe(offline.frames);
    const n = Math.min(offline.frames, sink.buffer.capacity);
    const out = new Float32Array(n * LOG_MEL.nMels);
    const times = new Float64Array(n);
    expect(sink.buffer.readLatest(n, out, times)).toBe(n);
    const first = offline.frames - n;
    let maxErr = 0;
    for (let i = 0; i < out.length; i++) maxErr = Math.max(maxErr, Math.abs(out[i] - offline.data[first * LOG_MEL.nMels + i]));
    expect(maxErr).toBeLessThan(1e-4);
    // Frame k ends at sample 400 + 160k: its stamp is t0 + that / 16000.
    for (let k = 0; k < n; k++) expect(times[k]).toBeCloseTo(t0 + (LOG_MEL.frameLength + (first + k) * LOG_MEL.hop) / 16000, 6);
  });

  it('opens the voice-activity gate on "follow me" and not on the silence before it', () => {
    const sink = createVoiceFrameSink();
    const openTimes: number[] = [];
    for (let i = 0; i < pcm16k.length; i += 320) {
      const before = sink.gate.isOpen;
      sink.push(pcm16k.subarray(i, i + 320), (i + 320) / 16000);
      if (!before && sink.gate.isOpen) openTimes.push(sink.gate.openedAt);
    }
    expect(sink.gateOpenCount).toBeGreaterThanOrEqual(1);
    // The WAV has 1 s of silence before the speech.
    expect(openTimes[0]).toBeGreaterThan(0.95);
    expect(openTimes[0]).toBeLessThan(1.4);
  });

  it('forgets a partial frame on resetStream (push-to-talk release)', () => {
    const sink = createVoiceFrameSink();
    sink.push(pcm16k.subarray(0, 300), 1);
    sink.resetStream();
    sink.push(pcm16k.subarray(0, 300), 2);
    expect(sink.buffer.written).toBe(0);
    sink.push(pcm16k.subarray(300, 400), 2.01);
    expect(sink.buffer.written).toBe(1);
  });
});

describe('media errors', () => {
  it('says why a device is off', () => {
    const denied = Object.assign(new Error('Permission denied'), { name: 'NotAllowedError' });
    expect(classifyMediaError(denied, 'microphone')).toEqual({ state: 'denied', reason: 'microphone permission was denied (Permission denied)' });
    const missing = Object.assign(new Error('Requested device not found'), { name: 'NotFoundError' });
    expect(classifyMediaError(missing, 'camera').state).toBe('unavailable');
  });
});
