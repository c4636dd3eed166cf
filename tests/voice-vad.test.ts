import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOG_MEL, createLogMelExtractor } from '../src/sensors/audio/log-mel';
import { resampleSignal } from '../src/sensors/audio/resampler';
import { createVoiceActivityGate, logMelFrameEnergyDb } from '../src/sensors/audio/vad';
import { readWav } from '../scripts/voice/wav-io';

// Deterministic noise so the test is repeatable.
function noise(n: number, amp: number, seed = 1): Float32Array {
  let s = seed >>> 0;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    s = (s + 0x6d2b79f5) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    out[i] = amp * ((((z ^ (z >>> 14)) >>> 0) / 4294967296) * 2 - 1);
  }
  return out;
}

function speech(text: string): Float32Array {
  const dir = mkdtempSync(join(tmpdir(), 'vad-'));
  const file = join(dir, 'a.wav');
  execFileSync('espeak-ng', ['-v', 'en-us', '-w', file, text]);
  const { samples, sampleRate } = readWav(file);
  return resampleSignal(samples, sampleRate);
}

/** Run the gate over a 16 kHz signal; returns [openedAt, closedAt] segments in seconds. */
function segments(x: Float32Array, gate = createVoiceActivityGate()): [number, number][] {
  const out: [number, number][] = [];
  const ex = createLogMelExtractor();
  let was = false;
  ex.process(x, (frame, i) => {
    const t = (i * LOG_MEL.hop + LOG_MEL.frameLength) / LOG_MEL.sampleRate;
    const open = gate.update(frame, t);
    if (was && !open) out.push([gate.openedAt, gate.closedAt]);
    was = open;
  });
  if (was) out.push([gate.openedAt, Infinity]);
  return out;
}

describe('voice activity gate', () => {
  const sr = LOG_MEL.sampleRate;

  it('stays shut on steady noise at any level', () => {
    for (const amp of [0.001, 0.02, 0.2]) expect(segments(noise(3 * sr, amp, 7))).toEqual([]);
  });

  it('opens once around a spoken command in noise, near where the speech is', () => {
    const words = speech('follow me');
    const x = noise(3 * sr, 0.01, 3);
    const at = Math.round(1.0 * sr);
    for (let i = 0; i < words.length; i++) x[at + i] += 0.6 * words[i];
    const segs = segments(x);
    expect(segs.length).toBe(1);
    const [open, close] = segs[0];
    expect(open).toBeGreaterThan(0.95);
    expect(open).toBeLessThan(1.25);
    expect(close).toBeGreaterThan(1.0 + words.length / sr - 0.2);
    expect(close).toBeLessThan(1.0 + words.length / sr + 0.6);
  });

  it('keeps one segment across the word gaps of a slow phrase, and finds two utterances apart', () => {
    const x = noise(5 * sr, 0.005, 4);
    const a = speech('tell me more');
    const b = speech('stop');
    x.set(a.map((v, i) => v * 0.5 + x[Math.round(0.8 * sr) + i]), Math.round(0.8 * sr));
    x.set(b.map((v, i) => v * 0.5 + x[Math.round(3.2 * sr) + i]), Math.round(3.2 * sr));
    expect(segments(x).length).toBe(2);
  });

  it('follows a noise floor that rises, without staying open', () => {
    const x = new Float32Array(8 * sr);
    x.set(noise(2 * sr, 0.002, 5), 0);
    x.set(noise(6 * sr, 0.05, 6), 2 * sr);
    const gate = createVoiceActivityGate();
    const segs = segments(x, gate);
    // A 28 dB step in background may open the gate once, but it must close again and adapt.
    expect(segs.length).toBeLessThanOrEqual(1);
    expect(segs.every(([, c]) => Number.isFinite(c))).toBe(true);
    expect(gate.isOpen).toBe(false);
    expect(gate.noiseFloorDb).toBeGreaterThan(logMelFrameEnergyDb(new Float32Array(40).fill(Math.log(1e-4))));
  });

  it('resets to a closed gate', () => {
    const gate = createVoiceActivityGate();
    const loud = new Float32Array(40).fill(5);
    const quiet = new Float32Array(40).fill(-5);
    for (let i = 0; i < 20; i++) gate.update(quiet, i * 0.01);
    for (let i = 20; i < 40; i++) gate.update(loud, i * 0.01);
    expect(gate.isOpen).toBe(true);
    gate.reset();
    expect(gate.isOpen).toBe(false);
    expect(gate.openedAt).toBe(-Infinity);
  });
});
