/**
 * `npm run eval -- gesture DIR [--model DIR]`: scores the shipped gesture model on every `.json`
 * motion clip in DIR with the browser's model files, feature code, recognizer and decision logic
 * on the tfjs CPU backend. Each clip is streamed frame by frame through the recognizer (as the app
 * does), and the clip's end is the stream's end (`recognizer.flush`: a gesture completed just as the
 * clip ends is decided on the windows it has, without waiting for confirming ones that will not
 * come); its predicted label is the first percept the recognizer emits, `none` if it emits none.
 * The true label is the file name up to the first `__`, or the clip's `label` field.
 * `ms_per_item` is the median over clips of the total inference time spent on a clip.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { GESTURE_LABELS, GESTURE_NON_COMMANDS } from '../../src/core/types';
import { formatReport, labelFromFileName, median, type EvalItem } from '../lib/eval-report';
import { parseArgs } from './motion-math';
import { GESTURE_MODEL_DIR, loadGestureModelFromDir, parseClip } from './node-io';
import { streamClip } from './stream-sim';

/** Score the model on a folder of clips and print the report (last line: the contract's summary). */
export async function main(dir: string, args: string[]): Promise<void> {
  const a = parseArgs(args);
  const modelDir = a.get('model') ?? GESTURE_MODEL_DIR;
  let files: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new Error('not a directory');
    files = readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort();
  } catch (err) {
    throw new Error(`eval gesture: cannot read folder ${dir}: ${err instanceof Error ? err.message : err}`);
  }
  if (!files.length) throw new Error(`eval gesture: no .json clips in ${dir}`);
  await tf.setBackend('cpu');
  await tf.ready();
  const model = await loadGestureModelFromDir(modelDir);
  const items: EvalItem[] = [];
  const perInference: number[] = [];
  const errors: string[] = [];
  for (const f of files) {
    const path = join(dir, f);
    let clip;
    try {
      clip = parseClip(readFileSync(path, 'utf8'), path);
    } catch (err) {
      // A bad file is reported and skipped; the rest are still scored.
      errors.push(err instanceof Error ? err.message : String(err));
      continue;
    }
    const fromName = labelFromFileName(f);
    const truth = f.includes('__') ? fromName : (clip.label ?? fromName);
    if (!(GESTURE_LABELS as readonly string[]).includes(truth)) {
      errors.push(`${path}: true label "${truth}" is not one of ${GESTURE_LABELS.join(', ')} (name the file label__x.json or set "label")`);
      continue;
    }
    const r = await streamClip(model, clip.frames);
    perInference.push(...r.inferenceMs);
    items.push({ file: f, truth, predicted: r.label, ms: r.totalMs });
  }
  model.dispose();
  for (const e of errors) console.error(`skipped: ${e}`);
  if (!items.length) throw new Error(`eval gesture: no clip in ${dir} could be scored (${errors.length} errors above)`);
  console.log(`model: ${modelDir}; clips: ${items.length} scored, ${errors.length} skipped; backend: ${tf.getBackend()}`);
  console.log(`inferences: ${perInference.length}, median ${median(perInference).toFixed(2)} ms each (features + model)`);
  console.log(formatReport(items, GESTURE_LABELS, GESTURE_NON_COMMANDS));
}
