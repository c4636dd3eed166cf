/**
 * Experiment (session 14, docs/gesture.md): average the per-window probabilities of several trained
 * gesture models and score the average on clip folders, with (a) the shipped decision settings and
 * (b) settings tuned by the trainer's tuneDecision on the averaged output of the trainer's
 * validation clips (seed 1234, the default seven sources). Streams are cached per model and set
 * (stream-cache.ts), so subsets of members cost no new inference.
 *
 *   node --import tsx scripts/gesture/experiments/model-ensemble.ts --models A,B,C --sets DIR,DIR [--subsets A+B,A+C]
 */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { GestureDecisionSettings } from '../../../src/perception/gesture/decision';
import { parseArgs, type MotionClip } from '../motion-math';
import { GESTURE_MODEL_DIR, readClipFolder } from '../node-io';
import { decide, labelIndices, tuneDecision, validationClips } from '../train';
import { cachedStreams, modelName, type CachedStreams, type Streams } from './stream-cache';

const a = parseArgs(process.argv.slice(2));
const models = (a.get('models') ?? GESTURE_MODEL_DIR).split(',');
const sets = (a.get('sets') ?? '').split(',').filter(Boolean);
const subsets = a.get('subsets') ? a.get('subsets')!.split(',').map((s) => s.split('+')) : [models.map(modelName)];

await tf.setBackend('cpu');
await tf.ready();

/** `make` run at most once, on first use (the clips are drawn or read only when some model's streams are not cached). */
function once<T>(make: () => T): () => T {
  let value: { v: T } | undefined;
  return () => (value ??= { v: make() }).v;
}

function average(list: Streams[]): Streams {
  return list[0].map((s, i) => {
    const probs = new Float32Array(s.probs.length);
    for (const l of list) for (let k = 0; k < probs.length; k++) probs[k] += l[i].probs[k] / list.length;
    return { times: s.times, probs };
  });
}

/** Every model's cached streams on one set, by model name. */
async function streamsBy(key: string, clips: () => { clips: MotionClip[]; truth: number[] }): Promise<Map<string, CachedStreams>> {
  const out = new Map<string, CachedStreams>();
  for (const m of models) out.set(modelName(m), await cachedStreams(m, key, clips));
  return out;
}

const shipped = JSON.parse(readFileSync(join(GESTURE_MODEL_DIR, 'settings.json'), 'utf8')) as GestureDecisionSettings;
const validation = await streamsBy(
  'validation-1234',
  once(() => {
    const { clips } = validationClips(1234);
    return { clips, truth: labelIndices(clips.map((c) => c.label)) };
  }),
);
const setData: { dir: string; byModel: Map<string, CachedStreams> }[] = [];
for (const dir of sets) {
  const byModel = await streamsBy(
    basename(dir),
    once(() => {
      const clips = readClipFolder(dir);
      return { clips: clips.map((c) => c.clip), truth: labelIndices(clips.map((c) => c.truth)) };
    }),
  );
  setData.push({ dir, byModel });
}
const f = (s: { accuracy: number; falseTriggers: number }) => `${s.accuracy.toFixed(4)} / ${s.falseTriggers.toFixed(4)}`;
for (const sub of subsets) {
  const valTruth = validation.get(sub[0])!.truth;
  const vs = average(sub.map((n) => validation.get(n)!.streams));
  const tuned = tuneDecision(vs, valTruth);
  console.log(`\n== ${sub.join(' + ')}: validation shipped-settings ${f(decide(vs, valTruth, shipped))}, tuned ${f(tuned.score)} ${JSON.stringify(tuned.settings.thresholds)} s${tuned.settings.smoothing} c${tuned.settings.consecutive}`);
  let sumS = 0;
  let sumT = 0;
  for (const d of setData) {
    const truth = d.byModel.get(sub[0])!.truth;
    const st = average(sub.map((n) => d.byModel.get(n)!.streams));
    const rs = decide(st, truth, shipped);
    const rt = decide(st, truth, tuned.settings);
    sumS += rs.accuracy;
    sumT += rt.accuracy;
    console.log(`  ${basename(d.dir).padEnd(20)} shipped-settings ${f(rs)}   tuned ${f(rt)}`);
  }
  if (setData.length) console.log(`  mean accuracy: shipped-settings ${(sumS / setData.length).toFixed(4)}, tuned ${(sumT / setData.length).toFixed(4)}`);
}
