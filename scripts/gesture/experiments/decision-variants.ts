/**
 * Score decision-setting variants of the shipped gesture model on clip folders, from one pass of
 * inference per folder (train.ts's streamProbs and decide: the eval's streaming decisions and
 * end-of-clip flush). Session 13: per-label consecutive inferences for points (docs/gesture.md).
 *
 *   node --import tsx scripts/gesture/experiments/decision-variants.ts DIR...
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { GESTURE_LABELS } from '../../../src/core/types';
import type { GestureDecisionSettings } from '../../../src/perception/gesture/decision';
import { dirModelHandler, GESTURE_MODEL_DIR, readClipFolder } from '../node-io';
import { decide, labelIndices, streamProbs } from '../train';

await tf.setBackend('cpu');
await tf.ready();
const model = await tf.loadLayersModel(dirModelHandler(GESTURE_MODEL_DIR));
// Session 12's decision (every label on the same count), whatever per-label counts ship now.
const base = { ...(JSON.parse(readFileSync(join(GESTURE_MODEL_DIR, 'settings.json'), 'utf8')) as GestureDecisionSettings), consecutiveByLabel: undefined };
const P = GESTURE_LABELS.indexOf('point');
const U = GESTURE_LABELS.indexOf('push');
const by = (p: number, u = base.consecutive) => GESTURE_LABELS.map((_, k) => (k === P ? p : k === U ? u : base.consecutive));
const variants: [string, GestureDecisionSettings][] = [
  ['all on consecutive (session 12)', base],
  ['point 2', { ...base, consecutiveByLabel: by(2) }],
  ['point 1', { ...base, consecutiveByLabel: by(1) }],
  ['point 1, push 1', { ...base, consecutiveByLabel: by(1, 1) }],
  ['point 2, push 2', { ...base, consecutiveByLabel: by(2, 2) }],
];
for (const dir of process.argv.slice(2)) {
  const clips = readClipFolder(dir);
  const streams = await streamProbs(model, clips.map((c) => c.clip));
  const truth = labelIndices(clips.map((c) => c.truth));
  console.log(`${dir} (${clips.length} clips): ${variants.map(([n, s]) => { const r = decide(streams, truth, s); return `${n} ${r.accuracy.toFixed(4)} / ${r.falseTriggers.toFixed(4)}`; }).join(' | ')}`);
}
model.dispose();
