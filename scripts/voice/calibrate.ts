/**
 * Command threshold chosen at the file level on the held-out espeak-ng/MBROLA validation files
 * (make-heldout.ts --engine espeak-val: voices and variants training never used; never flite or
 * festival): each file goes through the same streaming path as `npm run eval`, once per threshold
 * of a grid; the threshold with the best accuracy among those with <= 2 % false triggers wins
 * (ties: the higher threshold). Writes it into model.json `userDefinedMetadata.voice`.
 *   node --import tsx scripts/voice/calibrate.ts [--model public/models/voice/model.json] [--val data/voice-espeak-val]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { VOICE_NON_COMMANDS } from '../../src/core/types';
import { initBackend } from '../../src/perception/backend';
import { recognizeSignal } from '../../src/perception/voice/recognize-signal';
import { loadVoiceModel } from '../../src/perception/voice/voice-model';
import type { VoiceClassifier } from '../../src/perception/voice/voice-recognizer';
import { resampleSignal } from '../../src/sensors/audio/resampler';
import { labelFromFileName, summarize, type EvalItem } from '../lib/eval-report';
import { diskModelHandler } from './disk-io';
import { fileLabel } from './eval';
import { readWav } from './wav-io';

export const CALIBRATION_GRID = [0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9];
/** Most false triggers the chosen threshold may give on validation (under the 3 % target, for margin). */
export const CALIBRATION_MAX_FT = 0.02;

export interface CalibrationRow {
  th: number;
  accuracy: number;
  falseTriggers: number;
}

/**
 * The .wav files of an espeak-ng/MBROLA validation folder, sorted and resampled to 16 kHz, for
 * tuning (`who` names the tool in errors). Refuses a missing folder and anything that looks like
 * the flite/festival held-out set: those are kept out of tuning.
 */
export function loadValidationSignals(valDir: string, who: string): { f: string; x: Float32Array }[] {
  if (!existsSync(valDir)) throw new Error(`${who}: validation folder ${valDir} not found (make it with scripts/voice/make-heldout.ts --engine espeak-val)`);
  if (/heldout/.test(valDir) && !/espeak/.test(valDir)) throw new Error(`${who}: ${valDir} looks like the flite/festival held-out set; tune on espeak-ng/MBROLA validation only`);
  const files = readdirSync(valDir).filter((f) => /\.wav$/i.test(f)).sort();
  if (files.some((f) => /flite|festival/.test(f))) throw new Error(`${who}: ${valDir} holds flite/festival files; those are kept out of tuning`);
  return files.map((f) => {
    const w = readWav(join(valDir, f));
    return { f, x: resampleSignal(w.samples, w.sampleRate) };
  });
}

/** The 205-file espeak-ng/MBROLA validation folder (make-heldout.ts --engine espeak-val, seed 2024). */
export const ESPEAK_VAL_DIR = 'data/voice-espeak-val';

/**
 * Build the espeak-ng/MBROLA validation folder `dir` with make-heldout.ts unless it exists: one
 * draw (seed 2024, plain file names) or, with `seeds`, one per seed with -s<seed> names.
 */
export function ensureEspeakValidation(dir: string, seeds?: number[]): void {
  if (existsSync(dir)) return;
  const draw = seeds ? ['--seeds', seeds.join(',')] : [];
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/voice/make-heldout.ts', '--out', dir, '--engine', 'espeak-val', ...draw], { stdio: 'inherit' });
}

/** `--model PATH --val DIR` of the tuning tools, with their defaults. */
export function parseTuningArgs(args: string[], who: string): { model: string; val: string } {
  const o = { model: 'public/models/voice/model.json', val: ESPEAK_VAL_DIR };
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--model') o.model = args[++i];
    else if (args[i] === '--val') o.val = args[++i];
    else throw new Error(`${who}: unknown option ${args[i]} (--model PATH, --val DIR)`);
  }
  return o;
}

/** Sweep the grid on `valDir` with the model at `modelJson`, write the chosen threshold into it. */
export async function calibrateVoiceThreshold(modelJson: string, valDir: string, log = (s: string) => console.log(s)) {
  const signals = loadValidationSignals(valDir, 'calibrate voice');
  const files = signals.map((s) => s.f);
  await initBackend(['wasm', 'cpu']);
  const model = await loadVoiceModel({ modelUrl: diskModelHandler(modelJson) });
  const rows: CalibrationRow[] = [];
  try {
    for (const th of CALIBRATION_GRID) {
      const at: VoiceClassifier = { settings: { ...model.settings, commandThreshold: th }, estimate: (w, out) => model.estimate(w, out) };
      const items: EvalItem[] = [];
      for (const { f, x } of signals) {
        const r = await recognizeSignal(x, at);
        items.push({ file: f, truth: labelFromFileName(f), predicted: fileLabel(r.percepts), ms: 0 });
      }
      const s = summarize(items, VOICE_NON_COMMANDS);
      rows.push({ th, accuracy: s.accuracy, falseTriggers: s.falseTriggers });
      log(`  calibrate: threshold ${th.toFixed(2)} accuracy=${s.accuracy.toFixed(4)} false_triggers=${s.falseTriggers.toFixed(4)} (${files.length} files)`);
    }
  } finally {
    model.dispose();
  }
  const ok = rows.filter((r) => r.falseTriggers <= CALIBRATION_MAX_FT);
  const chosen = ok.length
    ? ok.reduce((a, r) => (r.accuracy >= a.accuracy ? r : a))
    : rows.reduce((a, r) => (r.falseTriggers <= a.falseTriggers ? r : a));
  const json = JSON.parse(readFileSync(modelJson, 'utf8')) as { userDefinedMetadata: { voice: { commandThreshold: number } } };
  json.userDefinedMetadata.voice.commandThreshold = chosen.th;
  writeFileSync(modelJson, JSON.stringify(json));
  log(`calibrate voice: threshold ${chosen.th} (file-level validation accuracy ${chosen.accuracy.toFixed(4)}, false triggers ${chosen.falseTriggers.toFixed(4)}) written to ${modelJson}`);
  return { rows, chosen, files: files.length };
}

if (process.argv[1]?.endsWith('calibrate.ts')) {
  const { model, val } = parseTuningArgs(process.argv.slice(2), 'calibrate voice');
  await calibrateVoiceThreshold(model, val);
}
