import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { synthEspeak } from '../scripts/voice/espeak';
import { prepareEspeakHome, randomVariantText, variantName } from '../scripts/voice/espeak-variants';
import { createRng } from '../scripts/voice/prng';
import { readWav } from '../scripts/voice/wav-io';

// Generated espeak-ng speakers (the training data's random variants): reproducible from the seed,
// inside sane ranges, and really spoken by espeak-ng from the private data directory.
describe('generated espeak-ng variants', () => {
  it('are the same for the same seed and differ between draws', () => {
    const a = Array.from({ length: 20 }, ((r) => () => randomVariantText(r))(createRng(3)));
    const b = Array.from({ length: 20 }, ((r) => () => randomVariantText(r))(createRng(3)));
    expect(a).toEqual(b);
    expect(new Set(a.map(variantName)).size).toBe(20);
  });

  it('keep formant scales, pitch and klatt modes in range', () => {
    const rng = createRng(11);
    let klatt = 0;
    for (let i = 0; i < 400; i++) {
      const t = randomVariantText(rng);
      const [, lo, hi] = /^pitch (\d+) (\d+)$/m.exec(t)!.map(Number);
      expect(lo).toBeGreaterThanOrEqual(65);
      expect(hi).toBeGreaterThan(lo);
      const formants = [...t.matchAll(/^formant (\d) (\d+) (\d+) (\d+)$/gm)];
      expect(formants.map((f) => Number(f[1]))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
      for (const f of formants) {
        expect(Number(f[2])).toBeGreaterThanOrEqual(78);
        expect(Number(f[2])).toBeLessThanOrEqual(132);
      }
      const k = /^klatt (\d)$/m.exec(t);
      if (k) {
        klatt++;
        expect(Number(k[1])).toBeGreaterThanOrEqual(1);
        expect(Number(k[1])).toBeLessThanOrEqual(6);
      }
    }
    expect(klatt).toBeGreaterThan(60);
    expect(klatt).toBeLessThan(140);
  });

  it('are spoken by espeak-ng from a private data directory, which keeps no variant file afterwards', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'espeak-home-'));
    const home = prepareEspeakHome(join(dir, 'home'));
    const rng = createRng(5);
    // One speaker with its formants all at 84 % or all at 125 % (same pitch, same engine).
    const base = randomVariantText(rng).replace(/^klatt \d\n/m, '');
    const low = base.replace(/^formant (\d) \d+/gm, 'formant $1 84');
    const high = base.replace(/^formant (\d) \d+/gm, 'formant $1 125');
    const out = (name: string) => join(dir, `${name}.wav`);
    for (const [name, text] of [['low', low], ['high', high]])
      await synthEspeak('ah ee oo', { voice: 'en-us', variant: variantName(text), variantText: text, speed: 160, pitch: 50, gap: 0 }, out(name), home);
    expect(readdirSync(join(home, 'espeak-ng-data', 'voices', '!v'))).toEqual([]);
    const centroid = (file: string) => {
      const { samples, sampleRate } = readWav(file);
      expect(samples.length / sampleRate).toBeGreaterThan(0.5);
      // Mean zero-crossing rate as a cheap spectral-centroid proxy.
      let zc = 0;
      let energy = 0;
      for (let i = 1; i < samples.length; i++) {
        if (samples[i - 1] < 0 !== samples[i] < 0) zc++;
        energy += samples[i] * samples[i];
      }
      expect(Math.sqrt(energy / samples.length)).toBeGreaterThan(0.01);
      return (zc * sampleRate) / samples.length;
    };
    expect(centroid(out('high'))).toBeGreaterThan(centroid(out('low')) * 1.15);
    await expect(synthEspeak('hi', { voice: 'en-us', variant: 'x', variantText: low, speed: 160, pitch: 50, gap: 0 }, out('none'))).rejects.toThrow(/private espeak-ng data directory/);
    expect(existsSync(out('none'))).toBe(false);
  });
});
