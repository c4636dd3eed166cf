/**
 * Score decision-setting variants of the shipped gesture model on clip folders, from one pass of
 * inference per folder (train.ts's streamProbs and decide: the eval's streaming decisions and
 * end-of-clip flush). Session 13: per-label consecutive inferences for points (docs/gesture.md).
 *
 *   node --import tsx scripts/gesture/experiments/decision-variants.ts DIR...
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { GESTURE_LABELS } from '../../../src/core/types';
import type { GestureDecisionSettings } from '../../../src/perception/gesture/decision';
import { dirModelHandler, GESTURE_MODEL_DIR, parseClip } from '../node-io';
import { decide, streamProbs } from '../train';

await tf.setBackend('cpu');
await tf.ready();
const model = await tf.loadLayersModel(dirModelHandler(GESTURE_MODEL_DIR));
const shipped = JSON.parse(readFileSync(join(GESTURE_MODEL_DIR, 'settings.json'), 'utf8')) as GestureDecisionSettings;
const P = GESTURE_LABELS.indexOf('point');
const U = GESTURE_LABELS.indexOf('push');
const by = (p: number, u = shipped.consecutive) => GESTURE_LABELS.map((_, k) => (k === P ? p : k === U ? u : shipped.consecutive));
const variants: [string, GestureDecisionSettings][] = [
  ['shipped', shipped],
  ['point 2', { ...shipped, consecutiveByLabel: by(2) }],
  ['point 1', { ...shipped, consecutiveByLabel: by(1) }],
  ['point 1, push 1', { ...shipped, consecutiveByLabel: by(1, 1) }],
  ['point 2, push 2', { ...shipped, consecutiveByLabel: by(2, 2) }],
];
for (const dir of process.argv.slice(2)) {
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  const clips = files.map((f) => ({ ...parseClip(readFileSync(join(dir, f), 'utf8'), f), label: f.split('__')[0] }));
  const streams = await streamProbs(model, clips as never);
  const truth = clips.map((c) => GESTURE_LABELS.indexOf(c.label as (typeof GESTURE_LABELS)[number]));
  console.log(`${dir} (${clips.length} clips): ${variants.map(([n, s]) => { const r = decide(streams, truth, s); return `${n} ${r.accuracy.toFixed(4)} / ${r.falseTriggers.toFixed(4)}`; }).join(' | ')}`);
}
model.dispose();
