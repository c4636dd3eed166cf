/**
 * Experiment (session 15, docs/gesture.md): how many of a model's missed gestures are sure only in
 * the clip's LAST inference (the stream ends there, and `settle` decides on the mean of the last
 * `smoothing` inferences, which hides them), and what `settleInstantThreshold` (the newest window
 * alone decides at the stream's end when the average fires nothing) would do, per set and as the
 * mean over the sets. The model decides with its own settings.json plus each threshold.
 *
 *   node --import tsx scripts/gesture/experiments/settle-instant.ts --model public/models/gesture --sets data/gesture-ninth,data/gesture-tenth [--thresholds 0.98,0.95,0.9]
 */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { GESTURE_LABELS } from '../../../src/core/types';
import type { GestureDecisionSettings } from '../../../src/perception/gesture/decision';
import { parseArgs } from '../motion-math';
import { GESTURE_MODEL_DIR } from '../node-io';
import { decide } from '../train';
import { folderStreams } from './stream-cache';

const a = parseArgs(process.argv.slice(2));
const dir = a.get('model') ?? GESTURE_MODEL_DIR;
const sets = (a.get('sets') ?? '').split(',').filter(Boolean);
if (!sets.length) throw new Error('settle-instant: --sets DIR[,DIR...] is required');
const thresholds = (a.get('thresholds') ?? '0.98,0.95,0.9').split(',').map(Number);
const L = GESTURE_LABELS.length;
const NONE = GESTURE_LABELS.indexOf('none');

await tf.setBackend('cpu');
await tf.ready();
const base = JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')) as GestureDecisionSettings;
const data = [];
for (const set of sets)
  data.push({
    set: basename(set),
    ...(await folderStreams(dir, set)),
  });

console.log(`missed gestures whose last inference alone is >= 0.9 (the stream ends there), ${dir} with its own settings:`);
for (const d of data) {
  const late = GESTURE_LABELS.map(() => 0);
  const missed = GESTURE_LABELS.map(() => 0);
  d.streams.forEach((st, i) => {
    const k = d.truth[i];
    if (k === NONE || decide([st], [k], base).confusion[k][k]) return;
    missed[k]++;
    if (st.times.length && st.probs[(st.times.length - 1) * L + k] >= 0.9) late[k]++;
  });
  console.log(`  ${d.set.padEnd(22)} ${GESTURE_LABELS.filter((_, k) => k !== NONE).map((l) => `${l} ${late[GESTURE_LABELS.indexOf(l)]}/${missed[GESTURE_LABELS.indexOf(l)]}`).join(', ')}`);
}
for (const th of [undefined, ...thresholds]) {
  const s: GestureDecisionSettings = th === undefined ? base : { ...base, settleInstantThreshold: th };
  let acc = 0;
  let ft = 0;
  const row = data.map((d) => {
    const r = decide(d.streams, d.truth, s);
    acc += r.accuracy;
    ft += r.falseTriggers;
    return `${d.set.replace('gesture-', '')} ${r.accuracy.toFixed(3)}/${r.falseTriggers.toFixed(3)}`;
  });
  console.log(`settleInstantThreshold ${th ?? 'off'}: mean ${(acc / data.length).toFixed(4)} / ${(ft / data.length).toFixed(4)} | ${row.join(', ')}`);
}
