/**
 * Builds the voice training and validation windows: espeak-ng speech (all English voices and
 * variants, pitch, speed, word gaps) -> augmentation (noise, gain, reverb, colouring, warping,
 * codecs, time shift, other speech) -> the app's own streaming path (`recognizeSignal`: shared
 * log-mel, gate, window assembly, normalisation), capturing the exact windows the model will be
 * given. Seeded; speech WAVs and the finished windows are cached under data/voice/.
 * Validation uses espeak voices and variants that training never uses; flite and festival are
 * not touched here.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { VOICE_LABELS, type VoiceLabel } from '../../src/core/types';
import { computeLogMel, LOG_MEL } from '../../src/sensors/audio/log-mel';
import { inputWidth, modelFrames, prepareVoiceWindow, type VoiceSettings } from '../../src/perception/voice/voice-settings';
import { addEvents, codec, colour, makeNoise, normalizePeak, resampleFast, reverb, rms, warp, type NoiseKind } from './augment';
import { ACCENT_VALIDATION_VOICES, ACCENT_VOICES, checkVoicePackages, ESPEAK_VALIDATION_VOICES, ESPEAK_VOICES, espeakVariants, MBROLA_VOICES, synthEspeak, type EspeakParams } from './espeak';
import { prepareEspeakHome, randomVariantText, variantName } from './espeak-variants';
import { randomVocoderVoice, vocode } from './vocode';
import { createRng, hashString, type Rng } from './prng';
import { captureUtterances } from './capture';
import { COMMAND_TEXTS, NEAR_MISSES, SENTENCES, dictionaryWords, isTrainingText } from './texts';
import { readWav } from './wav-io';
import { transcribeAll } from './phonemes';

/** Bump when the data pipeline changes so stale caches are not reused. */
const PIPELINE_VERSION = 6;

/** How much data to build. */
export interface VoiceDataCounts {
  /** espeak utterances per command label (train / validation). */
  commandTrain: number;
  commandVal: number;
  /** espeak utterances of unknown speech. */
  unknownTrain: number;
  unknownVal: number;
  /** Noise-only clips. */
  silenceTrain: number;
  silenceVal: number;
  /** Augmented copies of each training utterance. */
  augmentTrain: number;
  /**
   * Share of training utterances by espeak-ng's formant voices spoken with a generated variant
   * (a new random speaker each, espeak-variants.ts) instead of a stock one; 0 for none.
   */
  generatedShare: number;
  /**
   * Share of augmented training copies whose speech is first resynthesised with a random voice
   * source (vocode.ts: the espeak-ng vocal-tract envelope, new pulses, jitter, tilt, breath); 0 for
   * none. Commands and `unknown` alike, so a resynthesised voice is no cue for either.
   */
  vocodeShare?: number;
  /**
   * Share of utterances spoken by espeak-ng's English voices on other languages' MBROLA databases
   * (`ACCENT_VOICES`, `--accents F`); the rest are spoken as without it. 0 or absent for none.
   */
  accentShare?: number;
}

/**
 * Default amounts: about 10k windows, built in about four minutes on two cores (the shipped model).
 * The generated-speaker candidates of docs/voice.md use `GENERATED_COUNTS`.
 */
export const DEFAULT_COUNTS: VoiceDataCounts = {
  commandTrain: 260,
  commandVal: 45,
  unknownTrain: 1800,
  unknownVal: 330,
  silenceTrain: 500,
  silenceVal: 100,
  augmentTrain: 2,
  generatedShare: 0,
};

/**
 * More utterances, with generated speakers (`npm run train -- voice --generated`): 450 training
 * utterances a command, 70 % of the formant-voice ones (40 % of the MBROLA ones) each with its own
 * random espeak-ng variant (espeak-variants.ts), and 2200 of `unknown` (about five times a
 * command's windows); about 15k windows, built in about eight minutes on two cores.
 */
export const GENERATED_COUNTS: VoiceDataCounts = { ...DEFAULT_COUNTS, commandTrain: 450, unknownTrain: 2200, generatedShare: 0.7 };

/** Seconds of silence at which training captures early looks (drawn per clip). */
const EARLY_MIN_SEC = 0.05;
const EARLY_MAX_SEC = 0.15;
/** Share of command clips whose early look (whole command, short tail) is also a training window. */
const EARLY_COMMAND_SHARE = 0.7;
/** Share of `unknown` clips that add one of their early looks. */
const EARLY_UNKNOWN_SHARE = 0.5;

/** Share of utterances spoken by an MBROLA voice (the rest by espeak-ng's formant voices). */
const MBROLA_SHARE = 0.45;
/**
 * MBROLA utterances get a generated variant at 4/7 of the formant voices' rate (`generatedShare`):
 * for them only its pitch base and range count.
 */
const MBROLA_GENERATED_RATIO = 4 / 7;

/** Built windows: `x` is n x frames x nMels (model input), `y` label indices, `split` 0 train / 1 validation. */
export interface VoiceData {
  n: number;
  frames: number;
  nMels: number;
  x: Float32Array;
  y: Uint8Array;
  split: Uint8Array;
  /** What was built (for the model card). */
  stats: Record<string, number | string>;
  /**
   * With `phones` only: per window, the utterance it holds whole (an index into `uttPhonemes`),
   * -2 for a `silence` window (no phonemes), -1 when it holds part of one or some other speech.
   */
  utt?: Int32Array;
  /** With `phones` only: each utterance's phonemes as espeak-ng transcribes them for its voice (phonemes.ts). */
  uttPhonemes?: string[][];
  /** The cache files the windows were read from or written to (the conv trainer reads them). */
  cacheFiles?: { bin: string; meta: string };
}

interface Utterance {
  label: VoiceLabel;
  text: string;
  params: EspeakParams;
  val: boolean;
  file: string;
}

const SR = LOG_MEL.sampleRate;
const NOISES: NoiseKind[] = ['white', 'pink', 'brown', 'hum', 'fan', 'babble'];
const COMMANDS = VOICE_LABELS.filter((l) => l !== 'unknown' && l !== 'silence') as Exclude<VoiceLabel, 'unknown' | 'silence'>[];

function speakParams(
  rng: Rng,
  voices: string[],
  mbrola: string[],
  variants: string[],
  multiword: boolean,
  generatedShare: number,
  accents: { voices: string[]; share: number },
): EspeakParams {
  const slow = rng.chance(0.15);
  const generated = (): Pick<EspeakParams, 'variant' | 'variantText'> => {
    const variantText = randomVariantText(rng);
    return { variant: variantName(variantText), variantText };
  };
  // Drawn only when asked for, so that data without accents keeps its random draws (and cache).
  const accent = accents.share > 0 && accents.voices.length > 0 && rng.chance(accents.share);
  if (accent || (mbrola.length && rng.chance(MBROLA_SHARE))) {
    // MBROLA voices: their own pitch range is natural, so a narrower -p spread; a variant only
    // changes pitch and range for them, so it is used less often.
    const voice = rng.pick(accent ? accents.voices : mbrola);
    const v = generatedShare > 0 && rng.chance(generatedShare * MBROLA_GENERATED_RATIO) ? generated() : { variant: rng.chance(0.7) ? '' : rng.pick(variants) };
    return {
      voice,
      ...v,
      speed: slow ? rng.int(90, 125) : rng.int(125, 220),
      pitch: rng.int(25, 80),
      gap: multiword ? rng.int(0, slow ? 10 : 6) : 0,
    };
  }
  const voice = rng.pick(voices);
  const v = generatedShare > 0 && rng.chance(generatedShare) ? generated() : { variant: rng.chance(0.15) ? '' : rng.pick(variants) };
  return {
    voice,
    ...v,
    speed: slow ? rng.int(85, 120) : rng.int(120, 230),
    pitch: rng.int(15, 85),
    gap: multiword ? rng.int(0, slow ? 10 : 6) : 0,
  };
}

function unknownText(rng: Rng, words: string[]): string {
  const r = rng.next();
  const near = NEAR_MISSES.filter(isTrainingText);
  const sentences = SENTENCES.filter(isTrainingText);
  if (r < 0.3) return rng.pick(near);
  if (r < 0.6) return rng.pick(words);
  if (r < 0.8) return rng.pick(sentences);
  const k = rng.int(2, 4);
  return Array.from({ length: k }, () => rng.pick(words)).join(' ');
}

function planUtterances(seed: number, counts: VoiceDataCounts, speechDir: string): Utterance[] {
  const rng = createRng(seed);
  const variants = espeakVariants();
  const valVariants = variants.filter((v) => hashString(v) % 5 === 0);
  const trainVariants = variants.filter((v) => hashString(v) % 5 !== 0);
  const valVoices = ESPEAK_VOICES.filter((v) => ESPEAK_VALIDATION_VOICES.includes(v));
  const trainVoices = ESPEAK_VOICES.filter((v) => !ESPEAK_VALIDATION_VOICES.includes(v));
  const valMbrola = MBROLA_VOICES.filter((v) => ESPEAK_VALIDATION_VOICES.includes(v));
  const trainMbrola = MBROLA_VOICES.filter((v) => !ESPEAK_VALIDATION_VOICES.includes(v));
  const accentShare = counts.accentShare ?? 0;
  const valAccents = { voices: ACCENT_VOICES.filter((v) => ACCENT_VALIDATION_VOICES.includes(v)), share: accentShare };
  const trainAccents = { voices: ACCENT_VOICES.filter((v) => !ACCENT_VALIDATION_VOICES.includes(v)), share: accentShare };
  // Training and held-out draw disjoint dictionary words (make-heldout takes the other half).
  const words = dictionaryWords().filter(isTrainingText);
  if (words.length < 1000) throw new Error('voice data: the wamerican word list is missing (apt-get install wamerican)');
  const plan: Utterance[] = [];
  const add = (label: VoiceLabel, text: string, val: boolean) => {
    // Generated speakers in training only: validation keeps its held-out stock voices and variants.
    const params = speakParams(
      rng,
      val ? valVoices : trainVoices,
      val ? valMbrola : trainMbrola,
      val ? valVariants : trainVariants,
      text.includes(' '),
      val ? 0 : counts.generatedShare,
      val ? valAccents : trainAccents,
    );
    const key = `${params.voice}+${params.variant}|${params.speed}|${params.pitch}|${params.gap}|${text}`;
    plan.push({ label, text, params, val, file: join(speechDir, `${hashString(key).toString(16)}.wav`) });
  };
  for (const val of [false, true]) {
    for (const label of COMMANDS)
      for (let i = 0; i < (val ? counts.commandVal : counts.commandTrain); i++) add(label, rng.pick(COMMAND_TEXTS[label]), val);
    for (let i = 0; i < (val ? counts.unknownVal : counts.unknownTrain); i++) add('unknown', unknownText(rng, words), val);
  }
  return plan;
}

async function synthAll(plan: Utterance[], dataDir: string, log: (s: string) => void): Promise<void> {
  const todo = plan.filter((u) => !existsSync(u.file));
  log(`voice data: ${plan.length} espeak utterances (${plan.filter((u) => u.params.variantText).length} with a generated variant), ${todo.length} to synthesize`);
  let next = 0;
  let done = 0;
  // One private espeak-ng data directory per worker for the generated variants.
  const worker = async (home: string) => {
    while (next < todo.length) {
      const u = todo[next++];
      await synthEspeak(u.text, u.params, u.file, home);
      if (++done % 500 === 0) log(`  synthesized ${done}/${todo.length}`);
    }
  };
  await Promise.all([0, 1].map((w) => worker(prepareEspeakHome(join(dataDir, `espeak-home-${w}`)))));
}

function load16k(file: string): Float32Array {
  const { samples, sampleRate } = readWav(file);
  return resampleFast(samples, sampleRate);
}

/** Place augmented speech in a noisy clip (the "file" the stream sees). */
function speechClip(speech: Float32Array, rng: Rng, pool: Float32Array[], vocoder?: { share: number; rng: Rng }): Float32Array {
  let s = speech;
  // Its own random stream, so the draws below are the default build's as far as they can be.
  if (vocoder && vocoder.share > 0 && vocoder.rng.chance(vocoder.share)) s = vocode(s, randomVocoderVoice(vocoder.rng), vocoder.rng);
  if (rng.chance(0.6)) s = warp(s, rng.uniform(0.88, 1.12));
  s = s.slice();
  colour(s, rng);
  if (rng.chance(0.4)) s = reverb(s, rng.uniform(0.15, 0.8), rng.uniform(0.1, 0.5), rng);
  normalizePeak(s, rng.uniform(-32, -1));
  const lead = Math.round(rng.uniform(0.1, 0.9) * SR);
  const tail = Math.round(rng.uniform(0.2, 0.7) * SR);
  const clip = new Float32Array(lead + s.length + tail);
  clip.set(s, lead);
  if (rng.chance(0.12) && pool.length) {
    // Another talker under the speaker, overlapping it ("mixing with other speech").
    const other = rng.pick(pool);
    const g = (rms(s) / (rms(other) || 1)) * 10 ** (-rng.uniform(15, 25) / 20);
    const at = lead + rng.int(-Math.min(lead, other.length >> 1), s.length >> 1);
    for (let i = 0; i < other.length && at + i < clip.length; i++) if (at + i >= 0) clip[at + i] += g * other[i];
  }
  const speechRms = rms(s);
  const snrDb = rng.chance(0.1) ? 50 : rng.uniform(3, 35);
  const noise = makeNoise(rng.pick(NOISES), clip.length, rng, pool);
  const g = speechRms * 10 ** (-snrDb / 20);
  for (let i = 0; i < clip.length; i++) clip[i] += g * noise[i];
  return finish(clip, rng);
}

function silenceClip(rng: Rng, pool: Float32Array[]): Float32Array {
  const clip = makeNoise(rng.pick(NOISES), Math.round(rng.uniform(1.2, 3) * SR), rng, pool);
  const level = 10 ** (rng.uniform(-65, -20) / 20);
  for (let i = 0; i < clip.length; i++) clip[i] *= level;
  if (rng.chance(0.6)) addEvents(clip, rng, level);
  return finish(clip, rng);
}

function finish(clip: Float32Array, rng: Rng): Float32Array {
  let c = clip;
  if (rng.chance(0.15)) c = codec(c, rng.chance(0.5) ? 'phone' : 'mulaw');
  for (let i = 0; i < c.length; i++) c[i] = Math.max(-1, Math.min(1, c[i]));
  return c;
}

/** A window at a random place of a clip, for noise the gate never opened on. */
function randomWindow(clip: Float32Array, settings: VoiceSettings, rng: Rng): Float32Array {
  const { frames, data } = computeLogMel(clip);
  const raw = new Float32Array(settings.windowFrames * settings.nMels);
  const start = rng.int(0, Math.max(0, frames - settings.windowFrames));
  for (let f = 0; f < settings.windowFrames; f++) {
    const src = Math.min(frames - 1, start + f);
    raw.set(data.subarray(src * settings.nMels, (src + 1) * settings.nMels), f * settings.nMels);
  }
  const out = new Float32Array(modelFrames(settings) * inputWidth(settings));
  prepareVoiceWindow(raw, settings, out);
  return out;
}

/** Build (or load from cache) the training and validation windows. */
export async function buildVoiceData(opts: {
  dataDir: string;
  seed: number;
  settings: VoiceSettings;
  counts?: VoiceDataCounts;
  log?: (s: string) => void;
  /**
   * Also record which utterance each window holds and transcribe the utterances (the trainer's
   * phonetic side task, `--phones`). The windows are the same as without it; the cache is its own.
   */
  phones?: boolean;
}): Promise<VoiceData> {
  const log = opts.log ?? ((s: string) => console.log(s));
  const counts = opts.counts ?? DEFAULT_COUNTS;
  const { settings, seed } = opts;
  const speechDir = join(opts.dataDir, 'espeak');
  // Without generated speakers the data is what it was before they existed: same key, same cache.
  const { generatedShare, vocodeShare = 0, accentShare = 0, ...base } = counts;
  let keyCounts: Record<string, unknown> = generatedShare ? { ...base, generatedShare, generatedVersion: 1 } : base;
  if (vocodeShare) keyCounts = { ...keyCounts, vocodeShare, vocodeVersion: 2 };
  if (accentShare) keyCounts = { ...keyCounts, accentShare };
  const keyObj: Record<string, unknown> = { PIPELINE_VERSION, seed, counts: keyCounts, settings: { ...settings, commandThreshold: 0, refractorySec: 0 } };
  if (opts.phones) keyObj.phones = 1;
  const key = hashString(JSON.stringify(keyObj)).toString(16);
  const cacheBin = join(opts.dataDir, `windows-${key}.bin`);
  const cacheMeta = join(opts.dataDir, `windows-${key}.json`);
  const frames = modelFrames(settings);
  const size = frames * inputWidth(settings);
  if (existsSync(cacheBin) && existsSync(cacheMeta)) {
    const meta = JSON.parse(readFileSync(cacheMeta, 'utf8')) as { y: number[]; split: number[]; stats: VoiceData['stats']; utt?: number[]; uttPhonemes?: string[][] };
    const buf = readFileSync(cacheBin);
    const x = new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
    log(`voice data: ${meta.y.length} windows from cache ${cacheBin}`);
    const data: VoiceData = { n: meta.y.length, frames, nMels: settings.nMels, x, y: Uint8Array.from(meta.y), split: Uint8Array.from(meta.split), stats: meta.stats, cacheFiles: { bin: cacheBin, meta: cacheMeta } };
    if (meta.utt && meta.uttPhonemes) Object.assign(data, { utt: Int32Array.from(meta.utt), uttPhonemes: meta.uttPhonemes });
    return data;
  }
  checkVoicePackages(undefined, { accents: (counts.accentShare ?? 0) > 0 });
  mkdirSync(opts.dataDir, { recursive: true });
  const plan = planUtterances(seed, counts, speechDir);
  await synthAll(plan, opts.dataDir, log);

  const rng = createRng(seed ^ 0x5eed);
  const vocoder = { share: vocodeShare, rng: createRng(seed ^ 0xc0de) };
  const pool = plan
    .filter((u) => u.label === 'unknown' && !u.val)
    .slice(0, 60)
    .map((u) => load16k(u.file));
  const xs: Float32Array[] = [];
  const ys: number[] = [];
  const splits: number[] = [];
  const utts: number[] = [];
  const stats: Record<string, number> = {
    utterances: plan.length,
    mbrola: plan.filter((u) => u.params.voice.startsWith('mb-')).length,
    accented: plan.filter((u) => ACCENT_VOICES.includes(u.params.voice)).length,
    generated: plan.filter((u) => u.params.variantText).length,
    missed: 0,
    split: 0,
  };
  const push = (w: Float32Array, label: VoiceLabel, val: boolean, utt = -1) => {
    xs.push(w);
    ys.push(VOICE_LABELS.indexOf(label));
    splits.push(val ? 1 : 0);
    utts.push(label === 'silence' ? -2 : utt);
  };
  let done = 0;
  for (const [ui, u] of plan.entries()) {
    const speech = load16k(u.file);
    const copies = u.val ? 1 : counts.augmentTrain;
    for (let c = 0; c < copies; c++) {
      // Early looks at a random point of the range the recognizer's early decision may use.
      const got = await captureUtterances(speechClip(speech, rng, pool, u.val ? undefined : vocoder), settings, { earlySec: rng.uniform(EARLY_MIN_SEC, EARLY_MAX_SEC) });
      const windows = got.final;
      if (u.label === 'unknown') {
        // A window holds the whole utterance only when the utterance made one window.
        windows.slice(0, 2).forEach((w) => push(w, 'unknown', u.val, windows.length === 1 ? ui : -1));
        // Any early look of other speech (a pause inside a sentence, a near-miss with a short tail).
        if (got.early.length && rng.chance(EARLY_UNKNOWN_SHARE)) push(rng.pick(got.early).window, 'unknown', u.val);
      } else if (windows.length === 1) {
        push(windows[0], u.label, u.val, ui);
        // The whole command with a shorter tail (the early look after its last word). Early looks
        // at pauses inside it are left out: a noise burst after the command also reads as more
        // speech, so "inside" cannot be told from "after" for sure.
        const full = got.early.filter((e) => !e.prefix);
        if (full.length && rng.chance(EARLY_COMMAND_SHARE)) push(full[full.length - 1].window, u.label, u.val, ui);
        stats.earlyCommands = (stats.earlyCommands ?? 0) + (full.length ? 1 : 0);
      } else stats[windows.length ? 'split' : 'missed']++;
    }
    if (++done % 1000 === 0) log(`  augmented ${done}/${plan.length} utterances, ${xs.length} windows`);
  }
  for (const val of [false, true]) {
    for (let i = 0; i < (val ? counts.silenceVal : counts.silenceTrain); i++) {
      const clip = silenceClip(rng, pool);
      const windows = (await captureUtterances(clip, settings)).final;
      windows.slice(0, 2).forEach((w) => push(w, 'silence', val));
      if (!windows.length && rng.chance(0.5)) push(randomWindow(clip, settings, rng), 'silence', val);
    }
  }
  const n = xs.length;
  const x = new Float32Array(n * size);
  xs.forEach((w, i) => x.set(w, i * size));
  for (const l of VOICE_LABELS) stats[`train_${l}`] = ys.filter((y, i) => VOICE_LABELS[y] === l && !splits[i]).length;
  for (const l of VOICE_LABELS) stats[`val_${l}`] = ys.filter((y, i) => VOICE_LABELS[y] === l && splits[i]).length;
  const phonemes = opts.phones ? await transcribeAll(plan.map((u) => ({ voice: u.params.voice, text: u.text })), join(opts.dataDir, 'phonemes.json'), log) : undefined;
  writeFileSync(cacheBin, Buffer.from(x.buffer));
  writeFileSync(cacheMeta, JSON.stringify({ y: ys, split: splits, stats, ...(phonemes ? { utt: utts, uttPhonemes: phonemes } : {}) }));
  log(`voice data: ${n} windows (${stats.missed} utterances the gate missed, ${stats.split} split in two, skipped)`);
  const data: VoiceData = { n, frames, nMels: settings.nMels, x, y: Uint8Array.from(ys), split: Uint8Array.from(splits), stats, cacheFiles: { bin: cacheBin, meta: cacheMeta } };
  if (phonemes) Object.assign(data, { utt: Int32Array.from(utts), uttPhonemes: phonemes });
  return data;
}
