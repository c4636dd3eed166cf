/**
 * Experiment (session 14, docs/gesture.md): average the per-window probabilities of several trained
 * gesture models and score the average on clip folders, with (a) the shipped decision settings and
 * (b) settings tuned by the trainer's tuneDecision on the averaged output of the trainer's
 * validation clips (seed 1234, the default seven sources). Streams are cached per model and folder
 * under /tmp/gesture-streams so that subsets of members cost no new inference (keyed by the model
 * folder's and the set folder's names: delete the cache after re-training a model or redrawing a set).
 *
 *   node --import tsx scripts/gesture/experiments/model-ensemble.ts --models A,B,C --sets DIR,DIR [--subsets A+B,A+C]
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { GESTURE_LABELS } from '../../../src/core/types';
import type { GestureDecisionSettings } from '../../../src/perception/gesture/decision';
import { parseArgs } from '../motion-math';
import { dirModelHandler, GESTURE_MODEL_DIR, readClipFolder } from '../node-io';
import { decide, streamProbs, tuneDecision, validationClips } from '../train';

type Streams = { times: number[]; probs: Float32Array }[];
const CACHE = '/tmp/gesture-streams';

const a = parseArgs(process.argv.slice(2));
const models = (a.get('models') ?? GESTURE_MODEL_DIR).split(',');
const sets = (a.get('sets') ?? '').split(',').filter(Boolean);
const name = (d: string) => (d === GESTURE_MODEL_DIR ? 'shipped' : basename(d));
const subsets = a.get('subsets') ? a.get('subsets')!.split(',').map((s) => s.split('+')) : [models.map(name)];

await tf.setBackend('cpu');
await tf.ready();
mkdirSync(CACHE, { recursive: true });

async function streamsOf(modelDir: string, key: string, clips: () => Parameters<typeof streamProbs>[1]): Promise<Streams> {
  const file = join(CACHE, `${name(modelDir)}--${key}.json`);
  if (existsSync(file)) {
    const j = JSON.parse(readFileSync(file, 'utf8')) as { times: number[]; probs: number[] }[];
    return j.map((s) => ({ times: s.times, probs: Float32Array.from(s.probs) }));
  }
  const model = await tf.loadLayersModel(dirModelHandler(modelDir));
  const st = await streamProbs(model, clips());
  model.dispose();
  writeFileSync(file, JSON.stringify(st.map((s) => ({ times: s.times, probs: Array.from(s.probs) }))));
  return st;
}

function average(list: Streams[]): Streams {
  return list[0].map((s, i) => {
    const probs = new Float32Array(s.probs.length);
    for (const l of list) for (let k = 0; k < probs.length; k++) probs[k] += l[i].probs[k] / list.length;
    return { times: s.times, probs };
  });
}

const shipped = JSON.parse(readFileSync(join(GESTURE_MODEL_DIR, 'settings.json'), 'utf8')) as GestureDecisionSettings;
const val = validationClips(1234);
const valTruth = val.clips.map((c) => GESTURE_LABELS.indexOf(c.label as (typeof GESTURE_LABELS)[number]));
const valStreams = new Map<string, Streams>();
for (const m of models) valStreams.set(name(m), await streamsOf(m, 'validation-1234', () => val.clips));
const setData: { dir: string; truth: number[]; streams: Map<string, Streams> }[] = [];
for (const dir of sets) {
  const clips = readClipFolder(dir);
  const truth = clips.map((c) => GESTURE_LABELS.indexOf(c.truth as (typeof GESTURE_LABELS)[number]));
  const streams = new Map<string, Streams>();
  for (const m of models) streams.set(name(m), await streamsOf(m, basename(dir), () => clips.map((c) => c.clip)));
  setData.push({ dir, truth, streams });
}
const f = (s: { accuracy: number; falseTriggers: number }) => `${s.accuracy.toFixed(4)} / ${s.falseTriggers.toFixed(4)}`;
for (const sub of subsets) {
  const vs = average(sub.map((n) => valStreams.get(n)!));
  const tuned = tuneDecision(vs, valTruth);
  console.log(`\n== ${sub.join(' + ')}: validation shipped-settings ${f(decide(vs, valTruth, shipped))}, tuned ${f(tuned.score)} ${JSON.stringify(tuned.settings.thresholds)} s${tuned.settings.smoothing} c${tuned.settings.consecutive}`);
  let sumS = 0;
  let sumT = 0;
  for (const d of setData) {
    const st = average(sub.map((n) => d.streams.get(n)!));
    const rs = decide(st, d.truth, shipped);
    const rt = decide(st, d.truth, tuned.settings);
    sumS += rs.accuracy;
    sumT += rt.accuracy;
    console.log(`  ${basename(d.dir).padEnd(20)} shipped-settings ${f(rs)}   tuned ${f(rt)}`);
  }
  if (setData.length) console.log(`  mean accuracy: shipped-settings ${(sumS / setData.length).toFixed(4)}, tuned ${(sumT / setData.length).toFixed(4)}`);
}
