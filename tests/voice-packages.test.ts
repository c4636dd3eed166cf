import { describe, expect, it } from 'vitest';
import { checkVoicePackages, MBROLA_VOICES, type PackageProbe } from '../scripts/voice/espeak';

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
});
