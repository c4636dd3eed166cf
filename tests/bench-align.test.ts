import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LOG_MEL } from '../src/sensors/audio/log-mel';
import { alignTemplate, signalFrameEnergies, utteranceTemplates, type FixtureUtterance } from '../scripts/lib/utterance-align';
import { readWav } from '../scripts/voice/wav-io';

const { sampleRate: SR, hop, frameLength } = LOG_MEL;
const wav = readWav('e2e/fixtures/follow-stop-bench.wav');
const table = JSON.parse(readFileSync('e2e/fixtures/follow-stop-bench.json', 'utf8')).utterances as FixtureUtterance[];

describe('utterance alignment (latency bench)', () => {
  const templates = utteranceTemplates(wav.samples, table);

  it('makes one template per label, covering the utterance and 0.3 s either side', () => {
    expect(templates.map((t) => t.label)).toEqual(['follow_me', 'stop']);
    for (const t of templates) {
      const u = table.find((v) => v.label === t.label)!;
      expect(t.endFrame - t.startFrame).toBeCloseTo(((u.endSec - u.startSec) * SR) / hop, 6);
      expect(t.first).toBeLessThanOrEqual(t.startFrame - 29);
      expect(t.first + t.db.length - 1).toBeGreaterThanOrEqual(t.endFrame + 29);
    }
  });

  it("finds each utterance's end in a delayed, quieter, noisier capture to within 10 ms", () => {
    // The capture: 0.523 s later (not a whole number of frames), at -4 dB, with extra noise.
    const delay = Math.round(0.523 * SR);
    const x = new Float32Array(delay + wav.samples.length);
    let s = 7;
    for (let i = 0; i < x.length; i++) {
      s = (s * 1664525 + 1013904223) >>> 0;
      x[i] = (i >= delay ? wav.samples[i - delay] * 0.63 : 0) + ((s / 2 ** 32) * 2 - 1) * 3e-4;
    }
    const db = signalFrameEnergies(x);
    const firstIndex = 0;
    for (const u of table) {
      // A rough start, as a level threshold gives it (here: 60 ms late).
      const nearStart = Math.round(((u.startSec + 0.523 + 0.06) * SR - frameLength) / hop);
      const fits = templates.map((t) => ({ t, ...alignTemplate(db, firstIndex, nearStart, t) }));
      const best = fits.reduce((a, b) => (b.corr > a.corr ? b : a));
      expect(best.t.label).toBe(u.label);
      expect(best.corr).toBeGreaterThan(0.95);
      // The aligned end, in seconds of the capture (a frame's time is its last sample's).
      const endSec = ((best.t.endFrame + best.offset) * hop + frameLength) / SR;
      expect(Math.abs(endSec - (u.endSec + 0.523))).toBeLessThan(0.01);
    }
  });

  it('says so by a low correlation when the utterance is not there', () => {
    const silence = new Float64Array(3000).map((_, i) => -40 + Math.sin(i * 1.7));
    const fit = alignTemplate(silence, 0, 500, templates[1]);
    expect(fit.corr).toBeLessThan(0.5);
  });
});
