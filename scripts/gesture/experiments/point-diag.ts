/**
 * How sure the shipped gesture net ever is of the points in clip folders: per folder, a histogram
 * of each point clip's largest p(point) over its stream's inferences (train.ts's streamProbs, the
 * eval's schedule), to tell points the decision loses from points the net never sees (session 13,
 * docs/gesture.md).
 *
 *   node --import tsx scripts/gesture/experiments/point-diag.ts DIR...
 */
import * as tf from '@tensorflow/tfjs';
import { GESTURE_LABELS } from '../../../src/core/types';
import { dirModelHandler, GESTURE_MODEL_DIR, readClipFolder } from '../node-io';
import { streamProbs } from '../train';

const L = GESTURE_LABELS.length;
const POINT = GESTURE_LABELS.indexOf('point');
const BINS = [0.3, 0.5, 0.7, 0.8, 0.9, 1.01];

await tf.setBackend('cpu');
await tf.ready();
const model = await tf.loadLayersModel(dirModelHandler(GESTURE_MODEL_DIR));
for (const dir of process.argv.slice(2)) {
  const clips = readClipFolder(dir, (truth) => truth === 'point');
  const streams = await streamProbs(model, clips.map((c) => c.clip));
  const maxes = streams.map((s) => {
    let m = 0;
    for (let i = POINT; i < s.probs.length; i += L) m = Math.max(m, s.probs[i]);
    return m;
  });
  const hist = BINS.map((b, k) => maxes.filter((v) => v < b && v >= (k ? BINS[k - 1] : 0)).length);
  console.log(dir, 'point clips', maxes.length, 'max p(point) histogram <0.3,<0.5,<0.7,<0.8,<0.9,>=0.9:', hist.join(' '));
}
model.dispose();
