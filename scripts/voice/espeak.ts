/** espeak-ng synthesis for training data (the ONLY synthesizer training and model selection use). */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { promisify } from 'node:util';
import { installVariant } from './espeak-variants';

const run = promisify(execFile);

/** espeak-ng English formant voices. */
export const ESPEAK_VOICES = ['en-gb', 'en-us', 'en-gb-scotland', 'en-gb-x-gbclan', 'en-gb-x-rp', 'en-gb-x-gbcwmd', 'en-029', 'en-us-nyc'];
/**
 * espeak-ng's English MBROLA voices (diphone concatenation driven by espeak-ng's prosody): a
 * second, much more natural-sounding family of espeak-ng voices. They honour -s, -p and -g, and a
 * variant changes their pitch range.
 */
export const MBROLA_VOICES = ['mb-us1', 'mb-us2', 'mb-us3', 'mb-en1'];
/** Voices held out of training: validation and model selection use only these. */
export const ESPEAK_VALIDATION_VOICES = ['en-gb-x-gbcwmd', 'en-029', 'mb-us2'];
/**
 * espeak-ng's English voices on other languages' MBROLA databases (`espeak-ng --voices=mb`, the
 * `mb-XX-en` files: en-german-1..6, en-french-1/4, en-swedish(-f), en-dutch, en-afrikaans,
 * en-greek, en-hungarian, en-polish, en-romanian): English phonemes mapped onto sixteen more
 * recorded speakers' diphones, i.e. accented English from real voices. Used with `--accents`.
 */
export const ACCENT_VOICES = [
  'mb-af1-en', 'mb-nl2-en', 'mb-fr1-en', 'mb-fr4-en', 'mb-de1-en', 'mb-de2-en', 'mb-de3-en', 'mb-de4-en',
  'mb-de5-en', 'mb-de6-en', 'mb-gr2-en', 'mb-hu1-en', 'mb-pl1-en', 'mb-ro1-en', 'mb-sw1-en', 'mb-sw2-en',
];
/** Accent voices held out of training (the second espeak-ng pool, `make-heldout.ts --engine espeak-accent-val`). */
export const ACCENT_VALIDATION_VOICES = ['mb-sw2-en', 'mb-de4-en', 'mb-hu1-en'];
/** The MBROLA database a voice speaks with (`mb-us1` -> us1, `mb-de4-en` -> de4). */
export const mbrolaDatabase = (voice: string): string => voice.split('-')[1];

/** The Debian packages the voice trainer needs and the command that installs them. */
export const VOICE_APT_HINT =
  'enable contrib/non-free for MBROLA (e.g. add "Components: main contrib non-free" to /etc/apt/sources.list.d/debian.sources, ' +
  'or a bookworm non-free sources entry), then: sudo apt-get update && sudo apt-get install espeak-ng mbrola mbrola-us1 mbrola-us2 mbrola-us3 mbrola-en1 wamerican';
/** The extra Debian packages `--accents` needs. */
export const ACCENT_APT_PACKAGES = [...new Set(ACCENT_VOICES.map((v) => `mbrola-${mbrolaDatabase(v)}`))];

/** How `checkVoicePackages` looks at the system (replaceable in tests). */
export interface PackageProbe {
  /** Whether a program runs (is installed). */
  runs(cmd: string, args: string[]): boolean;
  exists(path: string): boolean;
}

const systemProbe: PackageProbe = {
  runs(cmd, args) {
    try {
      execFileSync(cmd, args, { stdio: 'pipe' });
      return true;
    } catch (err) {
      // Installed but unhappy with the arguments still counts as installed.
      return (err as { code?: string }).code !== 'ENOENT';
    }
  },
  exists: existsSync,
};

/**
 * Fail early, with the apt command to run, when espeak-ng, MBROLA, one of its English voices or
 * the word list is missing (espeak-ng would otherwise fail per utterance, deep in the data build).
 */
export function checkVoicePackages(probe: PackageProbe = systemProbe, opts: { accents?: boolean } = {}): void {
  const missing: string[] = [];
  if (!probe.runs('espeak-ng', ['--version'])) missing.push('espeak-ng');
  if (!probe.runs('mbrola', ['-h'])) missing.push('mbrola');
  for (const v of opts.accents ? [...MBROLA_VOICES, ...ACCENT_VOICES] : MBROLA_VOICES) {
    const db = mbrolaDatabase(v);
    if (!probe.exists(`/usr/share/mbrola/${db}/${db}`) && !probe.exists(`/usr/share/mbrola/${db}/${db}.pkg`)) missing.push(`mbrola-${db}`);
  }
  if (!probe.exists('/usr/share/dict/american-english')) missing.push('wamerican');
  if (missing.length)
    throw new Error(`voice data: missing Debian packages ${missing.join(', ')}. To install: ${VOICE_APT_HINT}${opts.accents ? ` ${ACCENT_APT_PACKAGES.join(' ')}` : ''}`);
}

/** espeak-ng voice variants (`espeak-ng --voices=variant`), e.g. `f3`, `klatt`, `Andy`. */
export function espeakVariants(): string[] {
  let out: string;
  try {
    out = execFileSync('espeak-ng', ['--voices=variant'], { encoding: 'utf8' });
  } catch (err) {
    throw new Error(`espeak-ng is needed to build voice data (apt-get install espeak-ng): ${err instanceof Error ? err.message : String(err)}`);
  }
  return out
    .split('\n')
    .slice(1)
    .map((l) => l.trim().split(/\s+/)[3])
    .filter((f): f is string => !!f && f.startsWith('!v/'))
    .map((f) => f.slice(3))
    .sort();
}

/** How one utterance is spoken. */
export interface EspeakParams {
  voice: string;
  /** Variant name, '' for the voice's own. */
  variant: string;
  /** Words per minute (espeak -s). */
  speed: number;
  /** 0..99 (espeak -p). */
  pitch: number;
  /** Extra pause between words, 10 ms units (espeak -g). */
  gap: number;
  /**
   * A generated variant's file text (espeak-variants.ts; `variant` is then its name), spoken with
   * a private espeak-ng data directory (`synthEspeak`'s `home`); absent for stock variants.
   */
  variantText?: string;
}

/**
 * Synthesize `text` into the WAV file `out` (skipped when it exists: the cache). A generated
 * variant (`p.variantText`) needs `home`, a private espeak-ng data directory from
 * `prepareEspeakHome` used by one synthesis at a time.
 */
export async function synthEspeak(text: string, p: EspeakParams, out: string, home?: string): Promise<void> {
  if (existsSync(out)) return;
  mkdirSync(dirname(out), { recursive: true });
  const tmp = `${out}.tmp.wav`;
  const v = p.variant ? `${p.voice}+${p.variant}` : p.voice;
  const args = ['-v', v, '-s', String(p.speed), '-p', String(p.pitch), '-g', String(p.gap), '-w', tmp, text];
  if (p.variantText === undefined) {
    await run('espeak-ng', args);
  } else {
    if (!home) throw new Error('synthEspeak: a generated variant needs a private espeak-ng data directory (home)');
    const file = installVariant(home, p.variant, p.variantText);
    try {
      await run('espeak-ng', [`--path=${home}`, ...args]);
    } finally {
      rmSync(file, { force: true });
    }
  }
  renameSync(tmp, out);
}
