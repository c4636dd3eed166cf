/**
 * Runtime settings a voice model is trained with and must run with: window length, pooling,
 * normalisation, decision thresholds and the voice-activity gate. Stored in the model's
 * `model.json` (`userDefinedMetadata.voice`) so weights and settings never drift apart; validated
 * here, in one place.
 */
import { z } from 'zod';
import { VOICE_LABELS } from '../../core/types';
import { LOG_MEL } from '../../sensors/audio/log-mel';
import { createSphinxCepstra, SPHINX_FRONT_END, type SphinxCepstra } from '../../sensors/audio/sphinx-cepstra';
import type { VoiceActivityGateOptions } from '../../sensors/audio/vad';

/** Settings of a voice model (see the model card for the values shipped). */
export interface VoiceSettings {
  /** Format version of these settings. */
  version: 1;
  /** Output labels in model order (must equal `VOICE_LABELS`). */
  labels: string[];
  /** Log-mel settings the model was trained on (must equal `LOG_MEL`). */
  sampleRate: number;
  nMels: number;
  hop: number;
  /** Raw 10 ms log-mel frames in one window (a slow "tell me more" must fit). */
  windowFrames: number;
  /** Adjacent raw frames averaged into one model frame (the model sees windowFrames / pool frames). */
  pool: number;
  /** Seconds of audio before the gate's onset that the window starts with. */
  prerollSec: number;
  /** A command wins only when its probability reaches this; otherwise the utterance is `unknown`. */
  commandThreshold: number;
  /** Seconds after a command percept during which the same command is not emitted again. */
  refractorySec: number;
  /** The voice-activity gate that segments utterances. */
  gate: VoiceActivityGateOptions;
  /**
   * Also give the model Sphinx-style cepstra (39 per model frame, after the `nMels` log-mels of
   * each row) for the CMU Sphinx acoustic model's Gaussians (src/sensors/audio/sphinx-cepstra.ts).
   */
  phonetic?: boolean;
}

/** Settings used to build training data before a model exists; a trained model stores its own. */
export const DEFAULT_VOICE_SETTINGS: VoiceSettings = {
  version: 1,
  labels: [...VOICE_LABELS],
  sampleRate: LOG_MEL.sampleRate,
  nMels: LOG_MEL.nMels,
  hop: LOG_MEL.hop,
  windowFrames: 162,
  pool: 2,
  prerollSec: 0.15,
  commandThreshold: 0.5,
  refractorySec: 0.5,
  gate: { openDb: 9, closeDb: 5, attackSec: 0.04, releaseSec: 0.3, maxOpenSec: 4 },
};

const gateSchema = z
  .object({
    openDb: z.number(),
    closeDb: z.number(),
    attackSec: z.number().nonnegative(),
    releaseSec: z.number().nonnegative(),
    floorRiseSec: z.number().positive(),
    floorFallSec: z.number().positive(),
    minFloorDb: z.number(),
    warmupSec: z.number().nonnegative(),
    maxOpenSec: z.number().positive(),
  })
  .partial();

const settingsSchema = z.object({
  version: z.literal(1),
  labels: z.array(z.string()),
  sampleRate: z.number(),
  nMels: z.number().int().positive(),
  hop: z.number().int().positive(),
  windowFrames: z.number().int().positive(),
  pool: z.number().int().positive(),
  prerollSec: z.number().nonnegative(),
  commandThreshold: z.number().min(0).max(1),
  refractorySec: z.number().nonnegative(),
  gate: gateSchema,
  phonetic: z.boolean().optional(),
});

/** Validate settings read from a model file; the error names the field and the source. */
export function parseVoiceSettings(value: unknown, source = 'voice model settings'): VoiceSettings {
  const r = settingsSchema.safeParse(value);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new Error(`${source}: invalid field "${issue.path.join('.') || '(root)'}": ${issue.message}`);
  }
  const s = r.data as VoiceSettings;
  if (s.labels.join(',') !== VOICE_LABELS.join(','))
    throw new Error(`${source}: labels ${JSON.stringify(s.labels)} differ from VOICE_LABELS ${JSON.stringify(VOICE_LABELS)}`);
  if (s.sampleRate !== LOG_MEL.sampleRate || s.nMels !== LOG_MEL.nMels || s.hop !== LOG_MEL.hop)
    throw new Error(`${source}: features ${s.sampleRate} Hz/${s.nMels} mels/hop ${s.hop} differ from LOG_MEL (${LOG_MEL.sampleRate}/${LOG_MEL.nMels}/${LOG_MEL.hop})`);
  if (s.windowFrames % s.pool !== 0) throw new Error(`${source}: windowFrames ${s.windowFrames} is not a multiple of pool ${s.pool}`);
  return s;
}

/** Model input frames for `settings` (raw window frames / pool). */
export function modelFrames(settings: VoiceSettings): number {
  return settings.windowFrames / settings.pool;
}

/** Floats per model frame: the log-mels, and the Sphinx-style cepstra when `phonetic`. */
export function inputWidth(settings: VoiceSettings): number {
  return settings.nMels + (settings.phonetic ? SPHINX_FRONT_END.dims : 0);
}

let cepstra: SphinxCepstra | undefined;
let cepstraFrames = 0;

/**
 * Turn a raw window (`windowFrames` x `nMels` log-mel, row-major) into the model input written to
 * `out` (`windowFrames / pool` rows of `inputWidth(settings)`): average `pool` frames, subtract each
 * mel bin's mean over the window (removes microphone and voice colouring, and gain), divide by the
 * window's standard deviation; with `phonetic`, each row then carries the window's Sphinx-style
 * cepstra after its log-mels. Allocation-free.
 */
export function prepareVoiceWindow(raw: Float32Array, settings: VoiceSettings, out: Float32Array): void {
  const { nMels, pool } = settings;
  const frames = settings.windowFrames / pool;
  const width = inputWidth(settings);
  if (raw.length < settings.windowFrames * nMels || out.length < frames * width)
    throw new RangeError(`prepareVoiceWindow: raw needs ${settings.windowFrames * nMels} floats, out ${frames * width}`);
  const inv = 1 / pool;
  for (let f = 0; f < frames; f++) {
    for (let m = 0; m < nMels; m++) {
      let s = 0;
      for (let k = 0; k < pool; k++) s += raw[(f * pool + k) * nMels + m];
      out[f * width + m] = s * inv;
    }
  }
  let sq = 0;
  for (let m = 0; m < nMels; m++) {
    let mean = 0;
    for (let f = 0; f < frames; f++) mean += out[f * width + m];
    mean /= frames;
    for (let f = 0; f < frames; f++) {
      const v = out[f * width + m] - mean;
      out[f * width + m] = v;
      sq += v * v;
    }
  }
  const std = Math.sqrt(sq / (frames * nMels)) + 1e-3;
  const k = 1 / std;
  for (let f = 0; f < frames; f++) for (let m = 0; m < nMels; m++) out[f * width + m] *= k;
  if (width === nMels) return;
  if (!cepstra || cepstraFrames < settings.windowFrames) {
    cepstra = createSphinxCepstra(settings.windowFrames);
    cepstraFrames = settings.windowFrames;
  }
  cepstra.write(raw, settings.windowFrames, pool, out, nMels, width);
}
