/**
 * Experiment (session 14): geometry of point clips against the shipped net's peak p(point), to see
 * what the points the net never hears have in common. Per clip: the pointing hand (the one
 * furthest from the head in the clip's last second), its reach (hand-head distance), ray
 * elevation, the angle between the ray and the head->hand direction, the hand's speed over the
 * stillest 0.5 s, and the share of null hand frames.
 *
 *   node --import tsx scripts/gesture/experiments/point-geometry.ts DIR...
 */
import * as tf from '@tensorflow/tfjs';
import { GESTURE_LABELS, type MotionFrame, type Pose } from '../../../src/core/types';
import { len, norm, qrot, sub } from '../motion-math';
import { dirModelHandler, GESTURE_MODEL_DIR, readClipFolder } from '../node-io';
import { streamProbs } from '../train';

const L = GESTURE_LABELS.length;
const POINT = GESTURE_LABELS.indexOf('point');
const DEG = 180 / Math.PI;

function stats(frames: readonly MotionFrame[]) {
  const end = frames[frames.length - 1].t;
  let best: 'left' | 'right' = 'right';
  let bestD = -1;
  for (const h of ['left', 'right'] as const) {
    const ds = frames.filter((f) => f.t > end - 1 && f[h] && f.head).map((f) => len(sub((f[h] as Pose).p, f.head!.p)));
    const d = ds.length ? ds.reduce((a, b) => a + b, 0) / ds.length : -1;
    if (d > bestD) [best, bestD] = [h, d];
  }
  const hs = frames.filter((f) => f[best] && f.head);
  // stillest 0.5 s
  let minSpeed = Infinity;
  let at = 0;
  for (let i = 0; i < hs.length; i++) {
    let j = i;
    while (j < hs.length && hs[j].t - hs[i].t < 0.5) j++;
    if (j >= hs.length) break;
    const v = len(sub(hs[j][best]!.p, hs[i][best]!.p)) / (hs[j].t - hs[i].t);
    if (v < minSpeed) [minSpeed, at] = [v, i];
  }
  const f = hs[at] ?? hs[hs.length - 1];
  const hand = f[best]!;
  const ray = qrot(hand.q, [0, 0, -1]);
  const toHand = norm(sub(hand.p, f.head!.p));
  const angle = Math.acos(Math.max(-1, Math.min(1, ray[0] * toHand[0] + ray[1] * toHand[1] + ray[2] * toHand[2]))) * DEG;
  const nulls = frames.filter((fr) => !fr[best]).length / frames.length;
  return { reach: len(sub(hand.p, f.head!.p)), rayEl: Math.asin(ray[1]) * DEG, angle, still: minSpeed, drop: f.head!.p[1] - hand.p[1], nulls, dur: end - frames[0].t };
}

await tf.setBackend('cpu');
await tf.ready();
const model = await tf.loadLayersModel(dirModelHandler(GESTURE_MODEL_DIR));
for (const dir of process.argv.slice(2)) {
  const clips = readClipFolder(dir, (truth) => truth === 'point');
  const streams = await streamProbs(model, clips.map((c) => c.clip));
  const rows = clips.map((c, i) => {
    let m = 0;
    for (let k = POINT; k < streams[i].probs.length; k += L) m = Math.max(m, streams[i].probs[k]);
    return { file: c.file, peak: m, hz: c.clip.hz, ...stats(c.clip.frames) };
  });
  rows.sort((a, b) => a.peak - b.peak);
  console.log(`${dir}: ${rows.length} point clips; peak p(point), reach m, ray elevation deg, ray-vs-head->hand deg, hand below head m, stillest 0.5 s m/s, null share, duration s, hz`);
  for (const r of rows) console.log([r.file.padEnd(28), r.peak.toFixed(2), r.reach.toFixed(2), r.rayEl.toFixed(0), r.angle.toFixed(0), r.drop.toFixed(2), r.still.toFixed(3), r.nulls.toFixed(2), r.dur.toFixed(2), r.hz].join('  '));
}
model.dispose();
