/**
 * Experiment (session 10, not the app's path): the average of a dense and a conv gesture model
 * (`npm run train -- gesture [--conv] --seed S`) as one tfjs model (scripts/gesture/ensemble.ts's
 * merge), its decision tuned on the same validation clips trainMember tunes on for seed S.
 *   node --import tsx scripts/gesture/experiments/dense-conv-ensemble.ts --seed S --out DIR MODEL_DIR MODEL_DIR
 */
import * as tf from '@tensorflow/tfjs';
import { mergeMembers } from '../ensemble';
import { parseArgs } from '../motion-math';
import { dirModelHandler } from '../node-io';
import { formatConfusion, labelIndices, streamProbs, tuneDecision, validationClips, writeGestureModel } from '../train';

const argv = process.argv.slice(2);
const a = parseArgs(argv);
const seed = Number(a.get('seed'));
const out = a.get('out');
const dirs = argv.filter((x, i) => !x.startsWith('--') && !argv[i - 1]?.startsWith('--'));
if (!Number.isInteger(seed) || !out || dirs.length < 2) throw new Error('usage: dense-conv-ensemble.ts --seed S --out DIR MODEL_DIR MODEL_DIR [...]');
await tf.setBackend('cpu');
await tf.ready();
const members = await Promise.all(dirs.map((d) => tf.loadLayersModel(dirModelHandler(d))));
const model = mergeMembers(members);
members.forEach((m) => m.dispose());
const { clips } = validationClips(seed);
const streams = await streamProbs(model, clips);
const truth = labelIndices(clips.map((c) => c.label));
const { settings, score } = tuneDecision(streams, truth);
console.log(`ensemble of ${dirs.join(' + ')}: validation (seed ${seed}, ${truth.length} clips) accuracy=${score.accuracy.toFixed(4)} false_triggers=${score.falseTriggers.toFixed(4)}`);
console.log(`decision: ${JSON.stringify(settings)}`);
console.log(formatConfusion(score.confusion));
await writeGestureModel(model, settings, out);
model.dispose();
console.log(`wrote ${out}`);
