/**
 * `npm run eval -- voice DIR [--model PATH] [--list]`: scores the shipped voice model on every .wav
 * in DIR (true label = file name up to the first `__`). Each file is streamed through the app's
 * own path (shared resampler and log-mel, gate, recognizer with its hysteresis) on the tfjs wasm
 * backend (CPU fallback), and gets one label: the most confident command percept, else `unknown`
 * if speech was heard, else `silence`. The last line printed is the contract's summary line.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Percept } from '../../src/core/types';
import { VOICE_LABELS, VOICE_NON_COMMANDS } from '../../src/core/types';
import { resampleSignal } from '../../src/sensors/audio/resampler';
import { initBackend } from '../../src/perception/backend';
import { recognizeSignal } from '../../src/perception/voice/recognize-signal';
import { loadVoiceModel, type VoiceModel } from '../../src/perception/voice/voice-model';
import { formatReport, labelFromFileName, type EvalItem } from '../lib/eval-report';
import { diskModelHandler } from './disk-io';
import { readWav } from './wav-io';

/** Default model location (what the browser serves as /models/voice/model.json). */
export const DEFAULT_VOICE_MODEL = 'public/models/voice/model.json';

/** One label for a whole file from its percepts: best command, else unknown if speech was heard, else silence. */
export function fileLabel(percepts: readonly Percept[]): string {
  let best: Percept | null = null;
  for (const p of percepts)
    if (!VOICE_NON_COMMANDS.includes(p.label as never) && (!best || p.confidence > best.confidence)) best = p;
  if (best) return best.label;
  return percepts.some((p) => p.label === 'unknown') ? 'unknown' : 'silence';
}

/** Score every .wav in `dir` with `model`; unreadable files are reported through `onSkip` and left out. */
export async function evaluateVoiceDir(
  dir: string,
  model: VoiceModel,
  onSkip: (file: string, reason: string) => void = () => {},
): Promise<EvalItem[]> {
  const files = readdirSync(dir)
    .filter((f) => /\.wav$/i.test(f))
    .sort();
  const items: EvalItem[] = [];
  for (const f of files) {
    const path = join(dir, f);
    let samples: Float32Array;
    try {
      const wav = readWav(path);
      samples = resampleSignal(wav.samples, wav.sampleRate);
    } catch (err) {
      onSkip(path, err instanceof Error ? err.message : String(err));
      continue;
    }
    const r = await recognizeSignal(samples, model);
    const ms = r.inferenceMs.length ? r.inferenceMs.reduce((a, b) => a + b, 0) / r.inferenceMs.length : 0;
    items.push({ file: f, truth: labelFromFileName(f), predicted: fileLabel(r.percepts), ms });
  }
  return items;
}

/** CLI entry (scripts/eval.ts dispatches here). */
export async function main(dir: string, args: string[]): Promise<void> {
  let modelPath = DEFAULT_VOICE_MODEL;
  let list = false;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--model' && args[i + 1]) modelPath = args[++i];
    else if (args[i] === '--list') list = true;
    else return fail(`eval voice: unknown option ${args[i]} (options: --model PATH, --list)`);
  }
  const abs = resolve(dir);
  if (!existsSync(abs)) return fail(`eval voice: directory not found: ${abs}`);
  if (!statSync(abs).isDirectory()) return fail(`eval voice: not a directory: ${abs}`);
  const wavs = readdirSync(abs).filter((f) => /\.wav$/i.test(f));
  if (!wavs.length) return fail(`eval voice: no .wav files in ${abs}`);
  const unlabelled = wavs.filter((f) => !(VOICE_LABELS as readonly string[]).includes(labelFromFileName(f)));
  if (unlabelled.length)
    console.error(`eval voice: ${unlabelled.length} file(s) have a label outside VOICE_LABELS (scored as wrong), e.g. ${unlabelled[0]}`);

  const backend = await initBackend(['wasm', 'cpu']);
  let model: VoiceModel;
  try {
    model = await loadVoiceModel({ modelUrl: diskModelHandler(resolve(modelPath)) });
  } catch (err) {
    return fail(`eval voice: ${err instanceof Error ? err.message : String(err)}`);
  }
  console.log(`eval voice: ${wavs.length} files in ${abs}, model ${modelPath}, tfjs ${backend.name} backend`);
  let skipped = 0;
  const items = await evaluateVoiceDir(abs, model, (file, reason) => {
    skipped++;
    console.error(`eval voice: skipping ${file}: ${reason}`);
  });
  model.dispose();
  if (!items.length) return fail(`eval voice: none of the ${wavs.length} .wav files in ${abs} could be read`);
  if (skipped) console.log(`eval voice: ${skipped} unreadable file(s) skipped (not counted in n)`);
  const wrong = items.filter((it) => it.truth !== it.predicted);
  if (list || wrong.length <= 40) for (const it of list ? items : wrong) console.log(`${it.truth === it.predicted ? 'ok  ' : 'MISS'} ${it.file} -> ${it.predicted}`);
  else console.log(`(${wrong.length} misclassified files; --list prints every file)`);
  console.log('');
  console.log(formatReport(items, VOICE_LABELS, VOICE_NON_COMMANDS));
}

function fail(msg: string): never {
  console.error(msg);
  process.exit(2);
}
