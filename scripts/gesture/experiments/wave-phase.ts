/**
 * Experiment (session 14, docs/gesture.md): the shipped net's p(wave) on windows ending every
 * 25 ms through one clip, beside the waving hand's lateral position (head-yaw frame, metres from
 * the head), to see whether the flicker on the sixteenth generator follows the swing's phase.
 * The waving hand is the one with the larger lateral range over the clip.
 *
 *   node --import tsx scripts/gesture/experiments/wave-phase.ts CLIP.json
 */
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { GESTURE_LABELS } from '../../../src/core/types';
import { computeGestureFeatures, createGestureFeatureScratch, GESTURE_CHANNELS, GESTURE_FEATURE_SIZE, GESTURE_STEPS, packMotionFrames } from '../../../src/perception/gesture/features';
import { qrot } from '../motion-math';
import { dirModelHandler, GESTURE_MODEL_DIR, parseClip } from '../node-io';

const file = process.argv[2];
if (!file) throw new Error('usage: wave-phase.ts CLIP.json');
await tf.setBackend('cpu');
await tf.ready();
const model = await tf.loadLayersModel(dirModelHandler(GESTURE_MODEL_DIR));
const clip = parseClip(readFileSync(file, 'utf8'), file);
const lateral = (i: number, hand: 'left' | 'right'): number => {
  const f = clip.frames[i];
  const pose = f[hand];
  if (!pose || !f.head) return NaN;
  const fw = qrot(f.head.q, [0, 0, -1]);
  const yaw = Math.atan2(-fw[0], -fw[2]);
  const dx = pose.p[0] - f.head.p[0];
  const dz = pose.p[2] - f.head.p[2];
  return Math.cos(yaw) * dx - Math.sin(yaw) * dz;
};
const range = (hand: 'left' | 'right') => {
  const xs = clip.frames.map((_, i) => lateral(i, hand)).filter((x) => !Number.isNaN(x));
  return xs.length ? Math.max(...xs) - Math.min(...xs) : 0;
};
const hand = range('right') >= range('left') ? 'right' : 'left';
const packed = packMotionFrames(clip.frames);
const scratch = createGestureFeatureScratch();
const x = new Float32Array(GESTURE_FEATURE_SIZE);
const W = GESTURE_LABELS.indexOf('wave');
const t0 = clip.frames[0].t;
const t1 = clip.frames[clip.frames.length - 1].t;
console.log(`${file}: window end s, p(wave), ${hand} hand lateral m`);
let m = 0; // frames up to the window's end (the recognizer sees no later one)
for (let t = t0 + 0.5; t <= t1 + 1e-9; t += 0.025) {
  while (m < packed.n && packed.times[m] <= t) m++;
  computeGestureFeatures(packed.data, packed.times, m, t, x, scratch);
  const input = tf.tensor(x, [1, GESTURE_STEPS, GESTURE_CHANNELS]);
  const y = model.predict(input) as tf.Tensor;
  const p = await y.data();
  input.dispose();
  y.dispose();
  console.log(`${(t - t0).toFixed(3)}  ${p[W].toFixed(2)}  ${lateral(m - 1, hand).toFixed(3)}`);
}
model.dispose();
