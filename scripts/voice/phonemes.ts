/**
 * Which phonemes an utterance holds, as espeak-ng itself transcribes it for the voice that speaks
 * it (`espeak-ng -q --ipa --sep=_`): the target of the voice trainer's optional phonetic side task
 * (`--phones W`, train.ts). Stress and length marks are dropped, so a phoneme is its IPA symbol
 * (diphthongs stay one symbol: "oʊ"). Transcriptions are cached per voice and text.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The phoneme symbols of one IPA transcription made with `--sep=_` (stress and length dropped). */
export function parsePhonemes(ipa: string): string[] {
  return ipa
    .split(/[\s_]+/)
    .map((p) => p.replace(/ˈ|ˌ|ː|ˑ|\u0361|\u035c|\u200d/g, ''))
    .filter((p) => p.length > 0);
}

/** espeak-ng's transcription of `text` in `voice` (an espeak-ng voice name, MBROLA ones too). */
export async function espeakPhonemes(text: string, voice: string): Promise<string[]> {
  try {
    const { stdout } = await run('espeak-ng', ['-q', '--ipa', '--sep=_', '-v', voice, text]);
    return parsePhonemes(stdout);
  } catch (err) {
    throw new Error(`phonemes: espeak-ng could not transcribe "${text}" with voice ${voice}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/**
 * Transcribe every (voice, text) pair, two at a time, reusing and updating the JSON cache at
 * `cacheFile` (keys `voice|text`). Returns the phonemes in the order of `items`.
 */
export async function transcribeAll(items: readonly { voice: string; text: string }[], cacheFile: string, log: (s: string) => void = () => {}): Promise<string[][]> {
  const cache: Record<string, string[]> = existsSync(cacheFile) ? (JSON.parse(readFileSync(cacheFile, 'utf8')) as Record<string, string[]>) : {};
  const keys = items.map((u) => `${u.voice}|${u.text}`);
  const todo = [...new Set(keys.filter((k) => !cache[k]))];
  if (todo.length) log(`phonemes: transcribing ${todo.length} utterances with espeak-ng`);
  let next = 0;
  const worker = async () => {
    while (next < todo.length) {
      const k = todo[next++];
      const bar = k.indexOf('|');
      cache[k] = await espeakPhonemes(k.slice(bar + 1), k.slice(0, bar));
    }
  };
  await Promise.all([worker(), worker()]);
  if (todo.length) {
    // Whole file or none: two trainers may share a data directory.
    const tmp = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(cache));
    renameSync(tmp, cacheFile);
  }
  return keys.map((k) => cache[k]);
}

/**
 * The phoneme inventory of the side task: every symbol that occurs in at least `minCount` of the
 * given transcriptions, most frequent first (rarer ones are dropped, not merged).
 */
export function phonemeInventory(transcriptions: readonly string[][], minCount = 20): string[] {
  const counts = new Map<string, number>();
  for (const t of transcriptions) for (const p of new Set(t)) counts.set(p, (counts.get(p) ?? 0) + 1);
  return [...counts.entries()]
    .filter(([, c]) => c >= minCount)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([p]) => p);
}

/** Multi-hot of `phonemes` over `inventory` into `out` (length inventory.length). */
export function phonemeBag(phonemes: readonly string[], inventory: readonly string[], out: Float32Array): void {
  out.fill(0);
  for (const p of phonemes) {
    const i = inventory.indexOf(p);
    if (i >= 0) out[i] = 1;
  }
}
