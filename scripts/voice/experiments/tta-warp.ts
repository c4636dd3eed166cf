/**
 * Experiment (not the app's path): test-time averaging over mel-axis shifts, i.e. the shipped voice
 * model run on each window and on copies shifted by +-S mel bins (a crude vocal-tract-length warp),
 * probabilities averaged. Scored at the file level on espeak/MBROLA validation over the calibration
 * grid, like calibrate.ts.
 *   TTA_SHIFTS=-1,0,1 node --import tsx scripts/voice/experiments/tta-warp.ts [--val DIR]
 */
import * as tf from '@tensorflow/tfjs';
import { VOICE_LABELS, VOICE_NON_COMMANDS } from '../../../src/core/types';
import { initBackend } from '../../../src/perception/backend';
import { recognizeSignal } from '../../../src/perception/voice/recognize-signal';
import { modelFrames, parseVoiceSettings } from '../../../src/perception/voice/voice-settings';
import type { VoiceClassifier } from '../../../src/perception/voice/voice-recognizer';
import { labelFromFileName, summarize, type EvalItem } from '../../lib/eval-report';
import { CALIBRATION_GRID, loadValidationSignals, parseTuningArgs } from '../calibrate';
import { diskModelHandler } from '../disk-io';
import { fileLabel } from '../eval';

const { model: modelPath, val } = parseTuningArgs(process.argv.slice(2), 'tta-warp');
const SHIFTS = (process.env.TTA_SHIFTS ?? '-1,0,1').split(',').map(Number);
const GRID = process.env.TTA_GRID ? process.env.TTA_GRID.split(',').map(Number) : CALIBRATION_GRID;
const signals = loadValidationSignals(val, 'tta-warp');
await initBackend(['wasm', 'cpu']);
const net = await tf.loadLayersModel(diskModelHandler(modelPath));
// ENSEMBLE=a/model.json,b/model.json: also average these models' outputs (unshifted).
const others = await Promise.all((process.env.ENSEMBLE ?? '').split(',').filter(Boolean).map((p) => tf.loadLayersModel(diskModelHandler(p))));
const settings = parseVoiceSettings((net.getUserDefinedMetadata() as { voice?: unknown } | undefined)?.voice, modelPath);
const F = modelFrames(settings);
const M = settings.nMels;
const batch = new Float32Array(SHIFTS.length * F * M);

function shifted(src: Float32Array, s: number, dst: Float32Array, off: number) {
  for (let f = 0; f < F; f++)
    for (let m = 0; m < M; m++) {
      const x = Math.min(M - 1, Math.max(0, m - s));
      const lo = Math.floor(x);
      const hi = Math.min(M - 1, lo + 1);
      const w = x - lo;
      dst[off + f * M + m] = (1 - w) * src[f * M + lo] + w * src[f * M + hi];
    }
}

const tta: VoiceClassifier = {
  settings,
  async estimate(window, out) {
    SHIFTS.forEach((s, k) => shifted(window, s, batch, k * F * M));
    const y = tf.tidy(() => {
      const x = tf.tensor3d(batch, [SHIFTS.length, F, M]);
      const ys = [net.predict(x) as tf.Tensor, ...others.map((o) => o.predict(x) as tf.Tensor)];
      return tf.concat(ys, 0).mean(0);
    });
    const p = await y.data();
    y.dispose();
    for (let i = 0; i < VOICE_LABELS.length; i++) out[i] = p[i];
  },
};

for (const th of GRID) {
  const at: VoiceClassifier = { settings: { ...settings, commandThreshold: th }, estimate: tta.estimate };
  const items: EvalItem[] = [];
  for (const { f, x } of signals) {
    const r = await recognizeSignal(x, at);
    items.push({ file: f, truth: labelFromFileName(f), predicted: fileLabel(r.percepts), ms: 0 });
  }
  const s = summarize(items, VOICE_NON_COMMANDS);
  console.log(`shifts ${SHIFTS.join(',')}${others.length ? ` + ${others.length} more models` : ''} threshold ${th.toFixed(2)} accuracy=${s.accuracy.toFixed(4)} false_triggers=${s.falseTriggers.toFixed(4)} (${signals.length} files)`);
}
net.dispose();
others.forEach((o) => o.dispose());
