/**
 * Rebuilds the convolutional voice net (train_conv.py) in tfjs layers, loads the weights PyTorch
 * wrote (BatchNorm already folded into the convolutions), checks that tfjs computes the same
 * probabilities as PyTorch on validation windows, and saves model.json + weights.bin with the
 * voice settings in `userDefinedMetadata.voice`: the same kind of file the app and the eval load.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { VOICE_LABELS } from '../../src/core/types';
import type { VoiceSettings } from '../../src/perception/voice/voice-settings';
import { diskSaveHandler } from './disk-io';
import { cepstralSmoothing } from './train';

type S = tf.SymbolicTensor;

export interface ConvSpec {
  channels: number[];
  lifter: number;
  weights: { name: string; shape: number[] }[];
}

/** The tfjs twin of train_conv.py's ConvNet (weights named as the export names them). */
export function buildConvVoiceNet(spec: Pick<ConvSpec, 'channels' | 'lifter'>, frames = 81, nMels = 40): tf.LayersModel {
  if (frames !== 81 || nMels !== 40) throw new Error(`conv voice net expects 81 frames x 40 mels, got ${frames} x ${nMels}`);
  if (spec.channels.length !== 4) throw new Error(`conv voice net needs four channel widths, got ${spec.channels.join(',')}`);
  const inp = tf.input({ shape: [frames, nMels], name: 'log_mel_window' });
  let x = inp as S;
  if (spec.lifter > 0) {
    const smooth = tf.tensor2d(cepstralSmoothing(nMels, spec.lifter), [nMels, nMels]);
    x = tf.layers.dense({ units: nMels, useBias: false, trainable: false, weights: [smooth], name: 'cepstral_smoothing' }).apply(x) as S;
    smooth.dispose();
  }
  x = tf.layers.reshape({ targetShape: [frames, nMels, 1], name: 'to_image' }).apply(x) as S;
  spec.channels.forEach((c, i) => {
    x = tf.layers.conv2d({ filters: c, kernelSize: 3, padding: 'same', activation: 'relu', name: `conv${i + 1}` }).apply(x) as S;
    if (i < 3) x = tf.layers.maxPooling2d({ poolSize: 2, strides: 2, name: `pool${i + 1}` }).apply(x) as S;
  });
  // [10, 5, C]: mean and max over time, the 5 mel bands kept (train_conv.py's order: band-major).
  const mean = tf.layers.flatten({ name: 'mean_flat' }).apply(tf.layers.averagePooling2d({ poolSize: [10, 1], strides: [10, 1], name: 'time_mean' }).apply(x) as S) as S;
  const max = tf.layers.flatten({ name: 'max_flat' }).apply(tf.layers.maxPooling2d({ poolSize: [10, 1], strides: [10, 1], name: 'time_max' }).apply(x) as S) as S;
  x = tf.layers.concatenate({ name: 'pooled' }).apply([mean, max]) as S;
  x = tf.layers.dense({ units: 64, activation: 'relu', name: 'fc' }).apply(x) as S;
  const out = tf.layers.dense({ units: VOICE_LABELS.length, activation: 'softmax', name: 'out' }).apply(x) as S;
  return tf.model({ inputs: inp, outputs: out, name: 'voice_commands_conv' });
}

/** Load DIR/conv-weights.{json,bin} into the tfjs net; returns it with the largest parity error on DIR/conv-check.json. */
export function loadConvExport(dir: string): { model: tf.LayersModel; spec: ConvSpec; maxDiff: number } {
  const spec = JSON.parse(readFileSync(join(dir, 'conv-weights.json'), 'utf8')) as ConvSpec;
  const buf = readFileSync(join(dir, 'conv-weights.bin'));
  const all = new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
  const model = buildConvVoiceNet(spec);
  try {
    return { model, spec, maxDiff: setConvWeights(model, spec, all, dir) };
  } catch (err) {
    model.dispose();
    throw err;
  }
}

function setConvWeights(model: tf.LayersModel, spec: ConvSpec, all: Float32Array, dir: string): number {
  const byName = new Map<string, Float32Array>();
  let off = 0;
  for (const w of spec.weights) {
    const size = w.shape.reduce((a, b) => a * b, 1);
    if (off + size > all.length) throw new Error(`${join(dir, 'conv-weights.bin')}: too short for ${w.name} ${JSON.stringify(w.shape)}`);
    byName.set(w.name, all.subarray(off, off + size));
    off += size;
  }
  if (off !== all.length) throw new Error(`${join(dir, 'conv-weights.bin')}: ${all.length - off} floats more than conv-weights.json lists`);
  for (const layer of model.layers) {
    const vars = layer.trainable ? layer.getWeights() : [];
    if (!vars.length) continue;
    const names = [`${layer.name}/kernel`, `${layer.name}/bias`];
    const values = vars.map((v, i) => {
      const data = byName.get(names[i]);
      if (!data) throw new Error(`conv export: no weights ${names[i]} in ${dir}`);
      if (data.length !== v.size) throw new Error(`conv export: ${names[i]} has ${data.length} values, the tfjs layer needs ${v.shape.join('x')}`);
      return data;
    });
    const tensors = values.map((data, i) => tf.tensor(data, vars[i].shape));
    layer.setWeights(tensors);
    tf.dispose(tensors);
  }
  const check = JSON.parse(readFileSync(join(dir, 'conv-check.json'), 'utf8')) as { x: number[][]; p: number[][] };
  const p = tf.tidy(() => (model.predict(tf.tensor3d(check.x.flat(), [check.x.length, 81, 40])) as tf.Tensor).arraySync() as number[][]);
  let maxDiff = 0;
  p.forEach((row, i) => row.forEach((v, j) => (maxDiff = Math.max(maxDiff, Math.abs(v - check.p[i][j])))));
  return maxDiff;
}

/** Export DIR's PyTorch weights as a tfjs voice model in OUT with `settings`; throws when tfjs and PyTorch disagree. */
export async function exportConvVoiceModel(dir: string, out: string, settings: VoiceSettings): Promise<{ params: number; maxDiff: number }> {
  const { model, maxDiff } = loadConvExport(dir);
  if (!(maxDiff < 1e-3)) throw new Error(`conv export: tfjs and PyTorch probabilities differ by up to ${maxDiff} on ${dir}/conv-check.json (layer order or layout mismatch)`);
  model.setUserDefinedMetadata({ voice: settings as unknown as Record<string, unknown> });
  await model.save(diskSaveHandler(out));
  const params = model.countParams();
  model.dispose();
  return { params, maxDiff };
}
