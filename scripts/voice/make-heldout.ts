/**
 * Writes a labelled folder of WAVs for `npm run eval -- voice DIR`:
 *   node --import tsx scripts/voice/make-heldout.ts --out DIR [--engine flite-festival|festival-extra|espeak-val|espeak-accent-val] [--seed N | --seeds N,N,...]
 * `flite-festival` (default) speaks with synthesizers training never used (flite voices kal, kal16,
 * awb, rms, slt; festival kal_diphone): the held-out figure. `festival-extra` speaks with two festival
 * voices of other kinds (ked diphone, slt HTS), a second held-out set made in session 11. `espeak-val` speaks with the espeak
 * voices and variants held out for validation: the file-level validation figure. `espeak-accent-val`
 * speaks with the accent voices `--accents` training never uses (ACCENT_VALIDATION_VOICES: espeak-ng
 * English on other languages' MBROLA databases), a second espeak-ng pool. Unknown speech uses
 * texts training never used. Files are `label__engine-voice-n.wav`, 16 kHz 16-bit mono, with room
 * noise around the speech; `silence` files are noise and non-speech events only.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VOICE_LABELS, type VoiceLabel } from '../../src/core/types';
import { addEvents, makeNoise, normalizePeak, resampleFast, reverb, rms, warp, type NoiseKind } from './augment';
import { ACCENT_VALIDATION_VOICES, ESPEAK_VALIDATION_VOICES, espeakVariants } from './espeak';
import { createRng, hashString, type Rng } from './prng';
import { COMMAND_TEXTS, HELDOUT_NEAR_MISSES, HELDOUT_SENTENCES, dictionaryWords, isTrainingText } from './texts';
import { readWav, writeWav16 } from './wav-io';

const SR = 16000;
type Speak = (text: string, rng: Rng, out: string) => void;

function engines(kind: string): { name: string; speak: Speak }[] {
  if (kind === 'flite-festival') {
    const flite = (voice: string): Speak => (text, rng, out) => {
      const args = ['-voice', voice, '-t', text, '-o', out, '--setf', `duration_stretch=${rng.uniform(0.8, 1.35).toFixed(2)}`];
      if (rng.chance(0.7)) args.push('--setf', `int_f0_target_mean=${rng.int(voice === 'slt' ? 150 : 85, voice === 'slt' ? 230 : 150)}`);
      execFileSync('flite', args);
    };
    const festival: Speak = (text, rng, out) => {
      const stretch = rng.uniform(0.8, 1.35).toFixed(2);
      try {
        execFileSync('text2wave', ['-o', out, '-eval', `(Parameter.set 'Duration_Stretch ${stretch})`], { input: `${text}\n`, stdio: ['pipe', 'pipe', 'pipe'] });
      } catch (err) {
        throw new Error(`make-heldout: festival (text2wave) failed on "${text}": ${err instanceof Error ? err.message : String(err)}`);
      }
    };
    return [
      ...['kal', 'kal16', 'awb', 'rms', 'slt'].map((v) => ({ name: `flite-${v}`, speak: flite(v) })),
      { name: 'festival-kal', speak: festival },
    ];
  }
  if (kind === 'festival-extra') {
    // Two festival voices no earlier set used: ked (diphone, residual-excited LPC) and slt (HTS,
    // statistical parametric). Debian packages festvox-kdlpc16k and festvox-us-slt-hts.
    const festivalVoice = (voice: string): Speak => (text, rng, out) => {
      const stretch = rng.uniform(0.8, 1.35).toFixed(2);
      try {
        execFileSync('text2wave', ['-o', out, '-eval', `(voice_${voice})`, '-eval', `(Parameter.set 'Duration_Stretch ${stretch})`], { input: `${text}\n`, stdio: ['pipe', 'pipe', 'pipe'] });
      } catch (err) {
        throw new Error(`make-heldout: festival voice ${voice} (text2wave) failed on "${text}" (apt-get install festival festvox-kdlpc16k festvox-us-slt-hts): ${err instanceof Error ? err.message : String(err)}`);
      }
    };
    return [
      { name: 'festival-ked', speak: festivalVoice('ked_diphone') },
      { name: 'festival-slthts', speak: festivalVoice('cmu_us_slt_arctic_hts') },
    ];
  }
  if (kind === 'espeak-val' || kind === 'espeak-accent-val') {
    const variants = espeakVariants().filter((v) => hashString(v) % 5 === 0);
    // espeak-accent-val: the accent voices (espeak-ng English on other languages' MBROLA
    // databases) that `--accents` training never uses.
    return (kind === 'espeak-val' ? ESPEAK_VALIDATION_VOICES : ACCENT_VALIDATION_VOICES).map((voice) => ({
      name: `espeak-${voice}`,
      speak: (text: string, rng: Rng, out: string) => {
        const v = rng.chance(0.2) ? voice : `${voice}+${rng.pick(variants)}`;
        execFileSync('espeak-ng', ['-v', v, '-s', String(rng.int(100, 220)), '-p', String(rng.int(20, 80)), '-w', out, text]);
      },
    }));
  }
  throw new Error(`make-heldout: unknown --engine ${kind} (flite-festival, festival-extra, espeak-val or espeak-accent-val)`);
}

function roomClip(speech: Float32Array, rng: Rng, pool: Float32Array[]): Float32Array {
  let s: Float32Array = speech.slice();
  if (rng.chance(0.3)) s = reverb(s, rng.uniform(0.2, 0.6), rng.uniform(0.1, 0.4), rng);
  normalizePeak(s, rng.uniform(-25, -3));
  const lead = Math.round(rng.uniform(0.3, 1.0) * SR);
  const clip = new Float32Array(lead + s.length + Math.round(rng.uniform(0.3, 0.8) * SR));
  clip.set(s, lead);
  const kinds: NoiseKind[] = ['white', 'pink', 'brown', 'fan', 'hum', 'babble'];
  const noise = makeNoise(rng.pick(kinds), clip.length, rng, pool);
  const g = rms(s) * 10 ** (-rng.uniform(8, 30) / 20);
  for (let i = 0; i < clip.length; i++) clip[i] = Math.max(-1, Math.min(1, clip[i] + g * noise[i]));
  return clip;
}

function main(args: string[]): void {
  let out = '';
  let kind = 'flite-festival';
  let seeds = [2024];
  let suffix = false;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--out') out = args[++i];
    else if (args[i] === '--engine') kind = args[++i];
    else if (args[i] === '--seed') seeds = [Number(args[++i])];
    else if (args[i] === '--seeds') {
      // One folder with a set per seed, each file name ending in -s<seed> (the 615-file espeak pool).
      seeds = args[++i].split(',').map(Number);
      suffix = true;
    } else throw new Error(`make-heldout: unknown option ${args[i]} (--out DIR, --engine flite-festival|festival-extra|espeak-val|espeak-accent-val, --seed N, --seeds N,N,...)`);
  }
  if (!out) throw new Error('make-heldout: --out DIR is required');
  if (!seeds.length || seeds.some((s) => !Number.isInteger(s))) throw new Error('make-heldout: seeds must be integers');
  let total = 0;
  for (const seed of seeds) total += makeSet(out, kind, seed, suffix ? `-s${seed}` : '');
  writeFileSync(join(out, 'README.txt'), `Made by scripts/voice/make-heldout.ts --engine ${kind} ${suffix ? `--seeds ${seeds.join(',')}` : `--seed ${seeds[0]}`}: ${total} files.\n`);
}

/** One set of files from `seed` into `out` (names end in `suffix`); returns how many. */
function makeSet(out: string, kind: string, seed: number, suffix: string): number {
  const voices = engines(kind);
  const rng = createRng(seed);
  mkdirSync(out, { recursive: true });
  const tmp = mkdtempSync(join(tmpdir(), 'heldout-'));
  const heard = (text: string, e: { speak: Speak }): Float32Array => {
    const f = join(tmp, 'u.wav');
    e.speak(text, rng, f);
    const w = readWav(f);
    let x: Float32Array = resampleFast(w.samples, w.sampleRate, SR);
    if (rng.chance(0.3)) x = warp(x, rng.uniform(0.92, 1.08));
    return x;
  };
  const words = dictionaryWords().filter((w) => !isTrainingText(w));
  // Without the word list rng.pick([]) would hand the synthesizers "undefined" (festival then fails).
  if (words.length < 1000) throw new Error('make-heldout: the wamerican word list is missing (apt-get install wamerican)');
  const unknownTexts = [...HELDOUT_NEAR_MISSES, ...HELDOUT_SENTENCES];
  const pool = voices.flatMap((e) => [heard(rng.pick(HELDOUT_SENTENCES), e), heard(rng.pick(HELDOUT_SENTENCES), e)]);
  let n = 0;
  const write = (label: VoiceLabel, tag: string, x: Float32Array) => {
    writeWav16(join(out, `${label}__${tag}-${String(n++).padStart(4, '0')}${suffix}.wav`), x, SR);
  };
  for (const e of voices) {
    for (const label of VOICE_LABELS) {
      if (label === 'unknown' || label === 'silence') continue;
      for (let k = 0; k < 3; k++) write(label, e.name, roomClip(heard(rng.pick(COMMAND_TEXTS[label]), e), rng, pool));
    }
    for (let k = 0; k < 25; k++) {
      const text = rng.chance(0.6) ? rng.pick(unknownTexts) : rng.pick(words);
      write('unknown', e.name, roomClip(heard(text, e), rng, pool));
    }
  }
  for (let k = 0; k < 40; k++) {
    const clip = makeNoise(rng.pick<NoiseKind>(['white', 'pink', 'brown', 'fan', 'hum', 'babble']), Math.round(rng.uniform(1.2, 2.5) * SR), rng, pool);
    const level = 10 ** (rng.uniform(-60, -25) / 20);
    for (let i = 0; i < clip.length; i++) clip[i] *= level;
    if (rng.chance(0.6)) addEvents(clip, rng, level);
    for (let i = 0; i < clip.length; i++) clip[i] = Math.max(-1, Math.min(1, clip[i]));
    write('silence', 'noise', clip);
  }
  rmSync(tmp, { recursive: true, force: true });
  console.log(`make-heldout: wrote ${n} files to ${out} (${kind}, seed ${seed})`);
  return n;
}

main(process.argv.slice(2));
