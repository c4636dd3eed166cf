import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { dirModelHandler, GESTURE_MODEL_DIR, parseClip } from '../node-io';
import { streamProbs } from '../train';
await tf.setBackend('cpu'); await tf.ready();
const model = await tf.loadLayersModel(dirModelHandler(GESTURE_MODEL_DIR));
for (const dir of process.argv.slice(2)) {
  const files = readdirSync(dir).filter((f) => f.startsWith('point__'));
  const clips = files.map((f) => parseClip(readFileSync(join(dir, f), 'utf8'), f));
  const streams = await streamProbs(model, clips as never);
  const maxes = streams.map((s) => { let m = 0; for (let i = 2; i < s.probs.length; i += 7) m = Math.max(m, s.probs[i]); return m; });
  const bins = [0.3, 0.5, 0.7, 0.8, 0.9, 1.01];
  const hist = bins.map((b, k) => maxes.filter((v) => v < b && v >= (k ? bins[k - 1] : 0)).length);
  console.log(dir, 'point clips', maxes.length, 'max p(point) histogram <0.3,<0.5,<0.7,<0.8,<0.9,>=0.9:', hist.join(' '));
}
