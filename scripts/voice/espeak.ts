/** espeak-ng synthesis for training data (the ONLY synthesizer training and model selection use). */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** espeak-ng English voices without MBROLA (their voice files are not installed). */
export const ESPEAK_VOICES = ['en-gb', 'en-us', 'en-gb-scotland', 'en-gb-x-gbclan', 'en-gb-x-rp', 'en-gb-x-gbcwmd', 'en-029', 'en-us-nyc'];
/** Voices held out of training: validation and model selection use only these. */
export const ESPEAK_VALIDATION_VOICES = ['en-gb-x-gbcwmd', 'en-029'];

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
}

/** Synthesize `text` into the WAV file `out` (skipped when it exists: the cache). */
export async function synthEspeak(text: string, p: EspeakParams, out: string): Promise<void> {
  if (existsSync(out)) return;
  mkdirSync(dirname(out), { recursive: true });
  const tmp = `${out}.tmp.wav`;
  const v = p.variant ? `${p.voice}+${p.variant}` : p.voice;
  await run('espeak-ng', ['-v', v, '-s', String(p.speed), '-p', String(p.pitch), '-g', String(p.gap), '-w', tmp, text]);
  renameSync(tmp, out);
}
