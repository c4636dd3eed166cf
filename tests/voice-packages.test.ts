import { describe, expect, it } from 'vitest';
import { ACCENT_VALIDATION_VOICES, ACCENT_VOICES, checkVoicePackages, MBROLA_VOICES, mbrolaDatabase, type PackageProbe } from '../scripts/voice/espeak';

// The voice trainer must stop before the data build, naming the missing Debian packages and the
// exact apt command (MBROLA needs Debian's non-free component).
const all: PackageProbe = { runs: () => true, exists: () => true };

describe('voice trainer package check', () => {
  it('passes when espeak-ng, mbrola, its English voices and the word list are there', () => {
    expect(() => checkVoicePackages(all)).not.toThrow();
    expect(MBROLA_VOICES).toEqual(['mb-us1', 'mb-us2', 'mb-us3', 'mb-en1']);
  });

  it('names each missing package and the apt command including non-free', () => {
    const probe: PackageProbe = {
      runs: (cmd) => cmd !== 'mbrola',
      exists: (p) => !p.includes('/us3/') && !p.includes('american-english'),
    };
    let msg = '';
    try {
      checkVoicePackages(probe);
    } catch (e) {
      msg = (e as Error).message;
    }
    expect(msg).toMatch(/missing Debian packages mbrola, mbrola-us3, wamerican\./);
    expect(msg).toContain('non-free');
    expect(msg).toContain('apt-get install espeak-ng mbrola mbrola-us1 mbrola-us2 mbrola-us3 mbrola-en1 wamerican');
  });

  it('names espeak-ng when it is missing', () => {
    expect(() => checkVoicePackages({ ...all, runs: (cmd) => cmd !== 'espeak-ng' })).toThrow(/missing Debian packages espeak-ng\./);
  });

  it('checks the accent voices\' MBROLA databases only when --accents asks for them', () => {
    const noDe4: PackageProbe = { ...all, exists: (p) => !p.includes('/de4/') };
    expect(() => checkVoicePackages(noDe4)).not.toThrow();
    expect(() => checkVoicePackages(noDe4, { accents: true })).toThrow(/missing Debian packages mbrola-de4\..*apt-get install .*mbrola-af1 .*mbrola-sw2/);
    expect(mbrolaDatabase('mb-de4-en')).toBe('de4');
    expect(mbrolaDatabase('mb-us1')).toBe('us1');
    // The held-out accent voices are accent voices, and training keeps thirteen of the sixteen.
    expect(ACCENT_VALIDATION_VOICES.every((v) => ACCENT_VOICES.includes(v))).toBe(true);
    expect(ACCENT_VOICES.filter((v) => !ACCENT_VALIDATION_VOICES.includes(v))).toHaveLength(13);
  });
});
