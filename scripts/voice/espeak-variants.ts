/**
 * Synthetic espeak-ng "speakers": a random voice variant per training utterance (formant
 * frequencies scaled by a vocal-tract-length factor with per-formant jitter, formant heights and
 * widths, klatt synthesis modes, breathiness, roughness, flutter, spectral tone, voicing, pitch
 * base and range), so that the model hears thousands of distinct espeak-ng voices instead of a few
 * dozen stock variants. Still espeak-ng only (PERCEPTION.md): the variants are espeak-ng's own
 * variant files, loaded from a private copy of its data directory (`--path`).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashString, type Rng } from './prng';

/** Files of espeak-ng-data that English synthesis (formant and MBROLA voices) needs. */
const DATA_FILES = ['en_dict', 'phondata', 'phonindex', 'phontab', 'intonations', 'phondata-manifest'];
const DATA_DIRS = ['lang', 'voices', 'mbrola_ph'];

/** Where the installed espeak-ng keeps its data (`espeak-ng --version`: "Data at: DIR"). */
export function espeakDataDir(): string {
  let out: string;
  try {
    out = execFileSync('espeak-ng', ['--version'], { encoding: 'utf8' });
  } catch (err) {
    throw new Error(`espeak-ng is needed to build voice data (apt-get install espeak-ng): ${err instanceof Error ? err.message : String(err)}`);
  }
  const m = /Data at:\s*(\S+)/.exec(out);
  if (!m || !existsSync(join(m[1], 'en_dict'))) throw new Error(`voice data: cannot find espeak-ng's English data (espeak-ng --version said: ${out.trim()})`);
  return m[1];
}

/**
 * Make `home/espeak-ng-data`, a minimal copy of the installed espeak-ng data (English only) whose
 * `voices/!v/` is empty: a generated variant is written there just before it is used and removed
 * after (espeak-ng scans every voice file at start and lists at most 349, so thousands of variant
 * files in one directory would break voice lookup). One home per concurrent synthesis. Returns
 * `home` (the value for `espeak-ng --path`).
 */
export function prepareEspeakHome(home: string, source = espeakDataDir()): string {
  const dst = join(home, 'espeak-ng-data');
  if (!existsSync(join(dst, 'phondata'))) {
    mkdirSync(join(dst, 'voices', '!v'), { recursive: true });
    for (const d of DATA_DIRS) cpSync(join(source, d), join(dst, d), { recursive: true, filter: (src) => !src.includes('!v') });
    // Copied last, so an interrupted copy is redone.
    for (const f of DATA_FILES) cpSync(join(source, f), join(dst, f));
  }
  return home;
}

/** A variant's name: the hash of its text (so the speech cache stays deterministic). */
export function variantName(text: string): string {
  return `syn${hashString(text).toString(16).padStart(8, '0')}`;
}

/** Put variant `text` under `name` into a home made by `prepareEspeakHome`; returns the file to remove after use. */
export function installVariant(home: string, name: string, text: string): string {
  const file = join(home, 'espeak-ng-data', 'voices', '!v', name);
  writeFileSync(file, text.replace('name @', `name ${name}`));
  return file;
}

const clamp = (x: number, a: number, b: number) => Math.min(b, Math.max(a, x));

/**
 * A random espeak-ng variant (file text; `name @` is replaced by `installVariant`). Speaker types:
 * lower (male-like) and higher (female/child-like) pitch, with a vocal-tract-length factor that
 * follows the pitch (shorter tracts, higher formants, for higher voices) plus spread.
 */
export function randomVariantText(rng: Rng): string {
  const high = rng.chance(0.45);
  const child = high && rng.chance(0.15);
  const lo = child ? rng.int(190, 260) : high ? rng.int(130, 210) : rng.int(65, 125);
  const hi = lo + (high ? rng.int(35, 120) : rng.int(20, 80));
  // Vocal-tract-length factor for formant frequencies (percent of espeak's default male voice).
  const vtl = child ? rng.uniform(1.12, 1.28) : high ? rng.uniform(1.0, 1.2) : rng.uniform(0.84, 1.06);
  const lines = ['language variant', 'name @', `gender ${high ? 'female' : 'male'}`, `pitch ${lo} ${hi}`];
  for (let k = 0; k <= 8; k++) {
    const jitter = k >= 1 && k <= 5 ? clamp(rng.normal() * 0.045, -0.1, 0.1) : 0;
    const freq = Math.round(100 * clamp(vtl * (1 + jitter), 0.78, 1.32));
    const height = k === 0 ? 100 : k <= 5 ? rng.int(70, 125) : rng.int(60, 110);
    const width = k <= 5 ? rng.int(75, 160) : 100;
    lines.push(`formant ${k} ${freq} ${height} ${width}`);
  }
  // Another synthesis engine of espeak-ng (klatt modes 1-6) for a quarter of the speakers.
  if (rng.chance(0.25)) lines.push(`klatt ${rng.int(1, 6)}`);
  if (rng.chance(0.3)) {
    const b = Array.from({ length: 8 }, (_, i) => (i === 0 ? 0 : rng.int(0, i < 6 ? 8 : 4)));
    lines.push(`breath ${b.join(' ')}`);
  }
  lines.push(`roughness ${rng.int(0, 5)}`);
  lines.push(`flutter ${rng.int(0, 80)}`);
  if (rng.chance(0.35)) lines.push(`tone 600 ${rng.int(120, 255)} 1200 ${rng.int(100, 255)} 2000 ${rng.int(60, 255)}`);
  if (rng.chance(0.3)) lines.push(`voicing ${rng.int(70, 150)}`);
  if (rng.chance(0.3)) lines.push(`consonants ${rng.int(65, 130)} ${rng.int(65, 130)}`);
  if (rng.chance(0.15)) lines.push(`echo ${rng.int(10, 120)} ${rng.int(3, 15)}`);
  return `${lines.join('\n')}\n`;
}
