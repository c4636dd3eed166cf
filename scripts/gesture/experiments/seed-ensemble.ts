/**
 * Experiment (not the app's path): average the outputs of several trained gesture models (e.g. the
 * shipped one and a reseeded copy) and score the average with the FIRST model's decision settings
 * (tuned on its validation split), through the eval's streaming path.
 *   node --import tsx scripts/gesture/experiments/seed-ensemble.ts DIR MODEL_DIR [MODEL_DIR ...]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { GESTURE_LABELS, GESTURE_NON_COMMANDS } from '../../../src/core/types';
import type { GestureModel } from '../../../src/perception/gesture/model';
import { formatReport, labelFromFileName, type EvalItem } from '../../lib/eval-report';
import { loadGestureModelFromDir, parseClip } from '../node-io';
import { streamClip } from '../stream-sim';

const [dir, ...modelDirs] = process.argv.slice(2);
if (!dir || modelDirs.length < 1) throw new Error('usage: seed-ensemble.ts DIR MODEL_DIR [MODEL_DIR ...]');
await tf.setBackend('cpu');
await tf.ready();
const models = await Promise.all(modelDirs.map((d) => loadGestureModelFromDir(d)));
const tmp = new Float32Array(GESTURE_LABELS.length);
const ensemble: GestureModel = {
  settings: models[0].settings,
  async estimate(features, out) {
    out.fill(0);
    for (const m of models) {
      await m.estimate(features, tmp);
      for (let k = 0; k < tmp.length; k++) out[k] += tmp[k] / models.length;
    }
  },
  async warmUp() {
    let ms = 0;
    for (const m of models) ms += await m.warmUp();
    return ms;
  },
  dispose() {
    for (const m of models) m.dispose();
  },
  reset() {},
};
const items: EvalItem[] = [];
for (const f of readdirSync(dir).filter((x) => x.endsWith('.json')).sort()) {
  const clip = parseClip(readFileSync(join(dir, f), 'utf8'), f);
  const r = await streamClip(ensemble, clip.frames);
  items.push({ file: f, truth: labelFromFileName(f), predicted: r.label, ms: r.totalMs });
}
ensemble.dispose();
console.log(`ensemble of ${modelDirs.join(' + ')} on ${dir}`);
console.log(formatReport(items, GESTURE_LABELS, GESTURE_NON_COMMANDS));
