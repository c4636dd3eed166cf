/**
 * Experiment (session 15, docs/gesture.md): score gesture models, each with its own settings.json
 * (the decision its trainer tuned), on clip folders, and print per set accuracy / false triggers,
 * per-label recall, the mean over the sets and the summed confusion. Streams come from
 * stream-cache.ts (computed once per model and set), so the figures are `npm run eval`'s.
 *
 *   node --import tsx scripts/gesture/experiments/score-sets.ts --models public/models/gesture,data/gesture-r3 --sets data/gesture-ninth,data/gesture-tenth [--settings FILE]
 *
 * `--settings FILE` decides every model with that settings.json instead of its own (to tell the
 * weights' share of a difference from the tuned decision's).
 */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { GESTURE_LABELS } from '../../../src/core/types';
import type { GestureDecisionSettings } from '../../../src/perception/gesture/decision';
import { parseArgs } from '../motion-math';
import { GESTURE_MODEL_DIR } from '../node-io';
import { decide } from '../train';
import { folderStreams, modelName } from './stream-cache';

const a = parseArgs(process.argv.slice(2));
const models = (a.get('models') ?? GESTURE_MODEL_DIR).split(',');
const sets = (a.get('sets') ?? '').split(',').filter(Boolean);
if (!sets.length) throw new Error('score-sets: --sets DIR[,DIR...] is required');

await tf.setBackend('cpu');
await tf.ready();

const pad = (s: string, n: number) => s.padEnd(n);
for (const dir of models) {
  const settingsFile = a.get('settings') ?? join(dir, 'settings.json');
  const settings = JSON.parse(readFileSync(settingsFile, 'utf8')) as GestureDecisionSettings;
  const total = GESTURE_LABELS.map(() => GESTURE_LABELS.map(() => 0));
  let sumA = 0;
  let sumF = 0;
  console.log(`\n== ${modelName(dir)} (${dir}), decided with ${settingsFile}`);
  for (const set of sets) {
    const c = await folderStreams(dir, set);
    const r = decide(c.streams, c.truth, settings);
    sumA += r.accuracy;
    sumF += r.falseTriggers;
    r.confusion.forEach((row, i) => row.forEach((v, j) => (total[i][j] += v)));
    console.log(`${pad(basename(set), 22)} ${r.accuracy.toFixed(4)} / ${r.falseTriggers.toFixed(4)}   ${GESTURE_LABELS.map((l, i) => `${l} ${r.confusion[i][i]}`).join(', ')}`);
  }
  console.log(`${pad('mean', 22)} ${(sumA / sets.length).toFixed(4)} / ${(sumF / sets.length).toFixed(4)}`);
  console.log(`summed confusion (rows: truth; columns: ${GESTURE_LABELS.join(', ')})`);
  total.forEach((row, i) => console.log(`  ${pad(GESTURE_LABELS[i], 7)} ${row.map((v) => String(v).padStart(5)).join('')}`));
}
