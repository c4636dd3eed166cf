import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTimedRingBuffer } from '../src/core/ring-buffer';
import { VOICE_LABELS, type Percept } from '../src/core/types';
import { LOG_MEL } from '../src/sensors/audio/log-mel';
import { createResampler, resampleSignal } from '../src/sensors/audio/resampler';
import { createVoiceFrameSink } from '../src/sensors/audio/voice-frame-sink';
import { initBackend } from '../src/perception/backend';
import {
  DEFAULT_VOICE_SETTINGS,
  createVoiceRecognizer,
  loadVoiceModel,
  modelFrames,
  parseVoiceSettings,
  recognizeSignal,
  type VoiceClassifier,
  type VoiceModel,
} from '../src/perception/voice';
import { captureUtterances } from '../scripts/voice/capture';
import { diskModelHandler } from '../scripts/voice/disk-io';
import { decodeWav, readWav } from '../scripts/voice/wav-io';

const MODEL = 'public/models/voice/model.json';

function espeak(text: string): Float32Array {
  const file = join(mkdtempSync(join(tmpdir(), 'voice-')), 'a.wav');
  execFileSync('espeak-ng', ['-v', 'en-us', '-w', file, text]);
  const { samples, sampleRate } = readWav(file);
  return resampleSignal(samples, sampleRate);
}

/** A classifier that records the windows it is given and answers with a fixed label. */
function capture(label: string, p = 0.9): VoiceClassifier & { windows: Float32Array[] } {
  const windows: Float32Array[] = [];
  return {
    settings: DEFAULT_VOICE_SETTINGS,
    windows,
    async estimate(window, out) {
      windows.push(window.slice());
      out.fill((1 - p) / (VOICE_LABELS.length - 1));
      out[VOICE_LABELS.indexOf(label as never)] = p;
    },
  };
}

describe('voice model', () => {
  let model: VoiceModel;
  beforeAll(async () => {
    await initBackend(['wasm', 'cpu']);
    model = await loadVoiceModel({ modelUrl: diskModelHandler(MODEL) });
  });

  it('leaves no tensors behind after estimate and gives a distribution over VOICE_LABELS', async () => {
    const window = new Float32Array(modelFrames(model.settings) * model.settings.nMels).map((_, i) => Math.sin(i));
    const out = new Float32Array(VOICE_LABELS.length);
    await model.estimate(window, out); // warm-up (kernels, caches)
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) await model.estimate(window, out);
    expect(tf.memory().numTensors).toBe(before);
    expect(out.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
  });

  it('rejects a window of the wrong size', async () => {
    await expect(model.estimate(new Float32Array(10), new Float32Array(12))).rejects.toThrow(/takes/);
  });

  it('ranks "stop" first among commands for an espeak "stop" through the streaming path', async () => {
    // The shipped threshold (0.85) is strict, so assert the ranking, not the percept.
    const probs: Float32Array[] = [];
    const spy: VoiceClassifier = {
      settings: model.settings,
      async estimate(w, out) {
        await model.estimate(w, out);
        probs.push(out.slice());
      },
    };
    await recognizeSignal(espeak('stop'), spy);
    // One window, or two when an early look (after 0.15 s of silence) was not sure enough.
    expect(probs.length).toBeGreaterThanOrEqual(1);
    expect(probs.length).toBeLessThanOrEqual(2);
    const commands = VOICE_LABELS.slice(0, 10).map((l, i) => [l, probs.at(-1)![i]] as const);
    commands.sort((a, b) => b[1] - a[1]);
    expect(commands[0][0]).toBe('stop');
  });

  it('warms up on a silent window (what the app runs behind the loading bar), leaving no tensors', async () => {
    const before = tf.memory().numTensors;
    const ms = await model.warmUp();
    expect(ms).toBeGreaterThan(0);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses at warm-up a model whose weights are not numbers, naming it', async () => {
    // Same topology, every weight NaN (a file corrupted in a way the loader cannot see).
    const handler = diskModelHandler(MODEL);
    const artifacts = await handler.load!();
    const nan = new Float32Array((artifacts.weightData as ArrayBuffer).byteLength / 4).fill(Number.NaN);
    const bad = await loadVoiceModel({ modelUrl: tf.io.fromMemory({ ...artifacts, weightData: nan.buffer }) });
    const before = tf.memory().numTensors;
    await expect(bad.warmUp()).rejects.toThrow(/voice model at .*non-finite output.*corrupt/);
    expect(tf.memory().numTensors).toBe(before);
    bad.dispose();
  });

  it('says which file is wrong when the model is missing or corrupt', async () => {
    await expect(loadVoiceModel({ modelUrl: diskModelHandler('/nonexistent/model.json') })).rejects.toThrow(/nonexistent\/model.json/);
    const dir = mkdtempSync(join(tmpdir(), 'voice-bad-'));
    writeFileSync(join(dir, 'model.json'), '{ not json');
    await expect(loadVoiceModel({ modelUrl: diskModelHandler(join(dir, 'model.json')) })).rejects.toThrow(/cannot read model.json/);
  });
});

describe('voice settings', () => {
  it('names the bad field', () => {
    expect(() => parseVoiceSettings({ ...DEFAULT_VOICE_SETTINGS, commandThreshold: 2 }, 'x')).toThrow(/commandThreshold/);
    expect(() => parseVoiceSettings({ ...DEFAULT_VOICE_SETTINGS, labels: ['a'] }, 'x')).toThrow(/labels/);
  });
});

describe('voice recognizer', () => {
  it('answers a sure command after 0.08 s of silence instead of waiting for the gate to close (0.3 s)', async () => {
    const x = espeak('follow me');
    const early = await recognizeSignal(x, capture('follow_me', 0.95));
    const late = await recognizeSignal(x, capture('follow_me', 0.95), { earlyDecisionSec: 0 });
    expect(early.percepts.map((p) => p.label)).toEqual(['follow_me']);
    expect(late.percepts.map((p) => p.label)).toEqual(['follow_me']);
    const gained = late.percepts[0].t - early.percepts[0].t;
    // 0.3 s - 0.08 s, give or take a 10 ms frame and the gate's smoothing.
    expect(gained).toBeGreaterThan(0.18);
    expect(gained).toBeLessThan(0.25);
    // Less sure than 0.9 early: it waits for the close and decides then, once.
    const c = capture('follow_me', 0.8);
    const unsure = await recognizeSignal(x, c);
    expect(unsure.percepts.map((p) => p.label)).toEqual(['follow_me']);
    expect(unsure.percepts[0].t).toBeCloseTo(late.percepts[0].t, 6);
    expect(c.windows.length).toBe(2);
  });

  it('hands the training-data builder one final window per short command, its early look apart', async () => {
    // With early decisions on, an unsure classifier sees each utterance twice; the builder keeps
    // only single-window commands, so counting the early look as a final one would drop nearly
    // every command.
    const got = await captureUtterances(espeak('follow me'), DEFAULT_VOICE_SETTINGS, { earlySec: 0.1 });
    expect(got.final.length).toBe(1);
    expect(got.final[0].length).toBe(modelFrames(DEFAULT_VOICE_SETTINGS) * DEFAULT_VOICE_SETTINGS.nMels);
    expect(got.early.map((e) => e.prefix)).toEqual([false]);
  });

  it('gives one percept per utterance, and one per utterance for two utterances apart', async () => {
    const sr = LOG_MEL.sampleRate;
    const a = espeak('follow me');
    const x = new Float32Array(5 * sr);
    for (let i = 0; i < x.length; i++) x[i] = 0.002 * Math.sin(i * 1.7) * Math.cos(i * 0.31);
    for (let i = 0; i < a.length; i++) x[Math.round(0.8 * sr) + i] += 0.5 * a[i];
    for (let i = 0; i < a.length; i++) x[Math.round(3.0 * sr) + i] += 0.5 * a[i];
    const c = capture('follow_me');
    const r = await recognizeSignal(x, c);
    expect(r.percepts.map((p) => p.label)).toEqual(['follow_me', 'follow_me']);
    // At most an early look and the decision at the gate's close per utterance.
    expect(c.windows.length).toBeGreaterThanOrEqual(2);
    expect(c.windows.length).toBeLessThanOrEqual(4);
  });

  it('does not allocate per update and never runs two inferences at once', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const slow: VoiceClassifier = {
      settings: DEFAULT_VOICE_SETTINGS,
      async estimate(_w, out) {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise((r) => setTimeout(r, 5));
        out.fill(0);
        out[VOICE_LABELS.indexOf('stop')] = 1;
        inFlight--;
      },
    };
    const buffer = createTimedRingBuffer(LOG_MEL.nMels, 1000);
    const percepts: Percept[] = [];
    const rec = createVoiceRecognizer(slow, buffer, { onPercept: (p) => percepts.push(p) });
    const quiet = new Float32Array(LOG_MEL.nMels).fill(-8);
    const loud = new Float32Array(LOG_MEL.nMels).fill(2);
    let t = 0;
    for (let k = 0; k < 3; k++) {
      for (let i = 0; i < 60; i++) buffer.push((t += 0.01), quiet);
      rec.update(t);
      for (let i = 0; i < 30; i++) {
        buffer.push((t += 0.01), loud);
        rec.update(t);
      }
      for (let i = 0; i < 60; i++) {
        buffer.push((t += 0.01), quiet);
        rec.update(t);
      }
      await rec.whenIdle();
    }
    expect(maxInFlight).toBe(1);
    expect(percepts.length).toBe(3);
    expect(percepts[0]).toMatchObject({ kind: 'speech', label: 'stop', source: 'local' });
  });

  it('sees the same windows from the browser path (chunked 48 kHz -> worklet resampler -> frame sink) as from the Node path', async () => {
    const speech = espeak('tell me more');
    const sr = LOG_MEL.sampleRate;
    const x16 = new Float32Array(Math.round(0.5 * sr) + speech.length + Math.round(0.6 * sr));
    for (let i = 0; i < x16.length; i++) x16[i] = 0.001 * Math.sin(i * 0.37);
    x16.set(speech.map((v, i) => 0.5 * v + x16[Math.round(0.5 * sr) + i]), Math.round(0.5 * sr));
    const x48 = resampleSignal(x16, sr, 48000); // what a 48 kHz AudioContext would capture
    // Node path (eval, training data): whole-file resampling, offline log-mel.
    const offline = capture('tell_me_more');
    await recognizeSignal(resampleSignal(x48, 48000), offline, { leadInSec: 0, tailSec: 0.8 });
    // Browser path: the same audio in 128-sample chunks through the frame sink, updates at ~60 Hz.
    const online = capture('tell_me_more');
    const sink = createVoiceFrameSink({ seconds: 10 });
    const rec = createVoiceRecognizer(online, sink.buffer);
    const padded = new Float32Array(x48.length + Math.round(0.8 * 48000));
    padded.set(x48);
    const r = createResampler(48000); // the worklet's resampler
    const out = new Float32Array(r.maxOutput(128));
    let sent = 0;
    let lastUpdate = 0;
    for (let i = 0; i < padded.length; i += 128) {
      const n = r.process(padded.subarray(i, i + 128), out);
      sent += n;
      sink.push(out.subarray(0, n), sent / sr);
      if (sent / sr - lastUpdate >= 1 / 60) {
        rec.update(sent / sr);
        lastUpdate = sent / sr;
        await rec.whenIdle();
      }
    }
    rec.flush();
    await rec.whenIdle();
    // The same windows both ways (an early look, if any, then the decision at the close).
    expect(offline.windows.length).toBeGreaterThanOrEqual(1);
    expect(online.windows.length).toBe(offline.windows.length);
    const [a, b] = [offline.windows.at(-1)!, online.windows.at(-1)!];
    let maxDiff = 0;
    for (let i = 0; i < a.length; i++) maxDiff = Math.max(maxDiff, Math.abs(a[i] - b[i]));
    expect(maxDiff).toBeLessThan(1e-4);
  });
});

describe('WAV reading', () => {
  it('reads 24-bit stereo and 32-bit float, and names a corrupt file', async () => {
    const ns = (await import('wavefile')) as unknown as { WaveFile?: typeof import('wavefile').WaveFile; default?: { WaveFile: typeof import('wavefile').WaveFile } };
    const WaveFile = (ns.WaveFile ?? ns.default?.WaveFile)!;
    const tone = Array.from({ length: 4410 }, (_, i) => Math.round(Math.sin(i / 10) * 4000000));
    const w = new WaveFile();
    w.fromScratch(2, 44100, '24', [tone, tone]);
    const a = decodeWav(w.toBuffer(), 'stereo24');
    expect(a.sampleRate).toBe(44100);
    expect(a.samples.length).toBe(4410);
    expect(a.samples[10]).toBeCloseTo((Math.round(Math.sin(1) * 4000000) / 8388608), 4);
    const f = new WaveFile();
    f.fromScratch(1, 8000, '32f', [0.5, -0.25, 0.125]);
    expect(Array.from(decodeWav(f.toBuffer()).samples)).toEqual([0.5, -0.25, 0.125]);
    expect(() => decodeWav(new Uint8Array([1, 2, 3, 4]), 'broken.wav')).toThrow(/broken.wav/);
  });
});
