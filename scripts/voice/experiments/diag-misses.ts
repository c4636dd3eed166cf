/**
 * Diagnostic: for each command file the model gets wrong, the recognizer's decisions and the
 * model's three most probable labels (and the true label's probability) for every window it was
 * asked about. Reads any labelled folder; decides nothing.
 *   node --import tsx scripts/voice/experiments/diag-misses.ts DIR [MODEL_JSON]
 */
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { VOICE_LABELS } from '../../../src/core/types';
import { resampleSignal } from '../../../src/sensors/audio/resampler';
import { initBackend } from '../../../src/perception/backend';
import { recognizeSignal } from '../../../src/perception/voice/recognize-signal';
import { loadVoiceModel } from '../../../src/perception/voice/voice-model';
import { labelFromFileName } from '../../lib/eval-report';
import { diskModelHandler } from '../disk-io';
import { readWav } from '../wav-io';
import { fileLabel } from '../eval';

const dir = process.argv[2];
const modelPath = process.argv[3] ?? 'public/models/voice/model.json';
await initBackend(['wasm', 'cpu']);
const model = await loadVoiceModel({ modelUrl: diskModelHandler(resolve(modelPath)) });
const probs: number[][] = [];
const orig = model.estimate.bind(model);
model.estimate = async (w, out) => {
  await orig(w, out);
  probs.push(Array.from(out));
};
for (const f of readdirSync(dir).filter((x) => x.endsWith('.wav')).sort()) {
  const truth = labelFromFileName(f);
  if (truth === 'unknown' || truth === 'silence') continue;
  const wav = readWav(join(dir, f));
  probs.length = 0;
  const r = await recognizeSignal(resampleSignal(wav.samples, wav.sampleRate), model);
  const pred = fileLabel(r.percepts);
  if (pred === truth) continue;
  const ti = VOICE_LABELS.indexOf(truth as never);
  const lines = probs.map((p) => {
    const order = p.map((v, i) => [v, i]).sort((a, b) => b[0] - a[0]).slice(0, 3);
    return `[${order.map(([v, i]) => `${VOICE_LABELS[i]}:${v.toFixed(2)}`).join(' ')} | truth ${p[ti].toFixed(2)}]`;
  });
  console.log(`${f} -> ${pred}  decisions=${r.decisions.map((d) => `${d.label}@${d.latency.toFixed(2)}`).join(',')}  ${lines.join(' ')}`);
}
