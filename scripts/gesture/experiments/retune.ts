/**
 * Re-tune the shipped gesture model's decision settings (weights unchanged) with the trainer's
 * tuneDecision on its validation streams plus other generators' validation clips (their trainer
 * seeds), and write model + new settings.json to OUT (session 13, docs/gesture.md).
 *
 *   node --import tsx scripts/gesture/experiments/retune.ts OUT [extra sources, default eighth,ninth,tenth] [MODEL_DIR]
 *
 * MODEL_DIR (default the shipped model) re-tunes another trained model; session 14 used it to give
 * session 12's eight-generator model (data/gesture-g8, trained with `--sources ...,eighth`) the
 * decision today's trainer would write for it (`retune.ts data/gesture-g8d eighth data/gesture-g8`).
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { dirModelHandler, GESTURE_MODEL_DIR } from '../node-io';
import { decide, DEFAULT_SOURCES, labelIndices, parseSources, streamProbs, tuneDecision, validationClips } from '../train';

const [out, extra = 'eighth,ninth,tenth', modelDir = GESTURE_MODEL_DIR] = process.argv.slice(2);
if (!out) throw new Error('usage: retune.ts OUT [extra,sources] [MODEL_DIR]');
await tf.setBackend('cpu');
await tf.ready();
const model = await tf.loadLayersModel(dirModelHandler(modelDir));
const shipped = JSON.parse(readFileSync(join(modelDir, 'settings.json'), 'utf8')) as Record<string, unknown> & { thresholds: number[]; smoothing: number; consecutive: number; refractoryS: number; releaseThreshold: number };
const sources = parseSources(`${DEFAULT_SOURCES},${extra}`);
// The trainer's defaults: seed 1234, 80 validation clips a label of synth.ts, 30 of each other source, none x4.
const { clips } = validationClips(1234, sources, 80, 30, 4);
const streams = await streamProbs(model, clips);
const truth = labelIndices(clips.map((c) => c.label));
const before = decide(streams, truth, shipped);
const { settings, score } = tuneDecision(streams, truth);
console.log(`validation ${clips.length} clips (sources train,${sources.join(',')})`);
console.log(`${modelDir} settings: ${JSON.stringify(shipped.thresholds)} smoothing ${shipped.smoothing} consecutive ${shipped.consecutive}: accuracy=${before.accuracy.toFixed(4)} false_triggers=${before.falseTriggers.toFixed(4)}`);
console.log(`re-tuned: ${JSON.stringify(settings.thresholds)} smoothing ${settings.smoothing} consecutive ${settings.consecutive}: accuracy=${score.accuracy.toFixed(4)} false_triggers=${score.falseTriggers.toFixed(4)}`);
mkdirSync(out, { recursive: true });
for (const f of ['model.json', 'weights.bin']) copyFileSync(join(modelDir, f), join(out, f));
writeFileSync(join(out, 'settings.json'), JSON.stringify({ ...shipped, ...settings }, null, 2) + '\n');
model.dispose();
