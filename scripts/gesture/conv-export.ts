/**
 * Rebuilds the temporal-convolution gesture net (train_conv.py) in tfjs layers, loads the weights
 * PyTorch wrote (BatchNorm folded into the convolutions) and checks that tfjs computes PyTorch's
 * probabilities on validation windows. train.ts then tunes the decision and saves it like the
 * dense net, so the app and the eval load it unchanged.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { GESTURE_LABELS } from '../../src/core/types';
import { GESTURE_CHANNELS, GESTURE_STEPS } from '../../src/perception/gesture/features';

type S = tf.SymbolicTensor;

export interface GestureConvSpec {
  widths: number[];
  kernels: number[];
  poolAfter: number[];
  weights: { name: string; shape: number[] }[];
}

/** The tfjs twin of train_conv.py's ConvNet (layers named as the export names the weights). */
export function buildConvGestureNet(spec: Pick<GestureConvSpec, 'widths' | 'kernels' | 'poolAfter'>): tf.LayersModel {
  if (spec.widths.length !== spec.kernels.length) throw new Error(`conv gesture net: ${spec.widths.length} widths but ${spec.kernels.length} kernel sizes`);
  if (spec.kernels.some((k) => k % 2 === 0)) throw new Error(`conv gesture net: kernel sizes must be odd ('same' padding as PyTorch's k // 2), got ${spec.kernels.join(',')}`);
  const inp = tf.input({ shape: [GESTURE_STEPS, GESTURE_CHANNELS], name: 'motion_window' });
  let x = inp as S;
  spec.widths.forEach((w, i) => {
    x = tf.layers.conv1d({ filters: w, kernelSize: spec.kernels[i], padding: 'same', activation: 'relu', name: `conv${i + 1}` }).apply(x) as S;
    if (spec.poolAfter.includes(i)) x = tf.layers.maxPooling1d({ poolSize: 2, strides: 2, name: `pool${i + 1}` }).apply(x) as S;
  });
  const mean = tf.layers.globalAveragePooling1d({ name: 'time_mean' }).apply(x) as S;
  const max = tf.layers.globalMaxPooling1d({ name: 'time_max' }).apply(x) as S;
  x = tf.layers.concatenate({ name: 'pooled' }).apply([mean, max]) as S;
  x = tf.layers.dense({ units: 64, activation: 'relu', name: 'fc' }).apply(x) as S;
  const out = tf.layers.dense({ units: GESTURE_LABELS.length, activation: 'softmax', name: 'out' }).apply(x) as S;
  return tf.model({ inputs: inp, outputs: out, name: 'gesture_conv' });
}

/** Load DIR/conv-weights.{json,bin} into the tfjs net; returns it with the largest probability difference on DIR/conv-check.json. */
export function loadGestureConvExport(dir: string): { model: tf.LayersModel; spec: GestureConvSpec; maxDiff: number } {
  const spec = JSON.parse(readFileSync(join(dir, 'conv-weights.json'), 'utf8')) as GestureConvSpec;
  const buf = readFileSync(join(dir, 'conv-weights.bin'));
  const all = new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
  const model = buildConvGestureNet(spec);
  try {
    setWeights(model, spec, all, dir);
    const check = JSON.parse(readFileSync(join(dir, 'conv-check.json'), 'utf8')) as { x: number[][]; p: number[][] };
    const p = tf.tidy(() => (model.predict(tf.tensor3d(check.x.flat(), [check.x.length, GESTURE_STEPS, GESTURE_CHANNELS])) as tf.Tensor).arraySync() as number[][]);
    let maxDiff = 0;
    p.forEach((row, i) => row.forEach((v, j) => (maxDiff = Math.max(maxDiff, Math.abs(v - check.p[i][j])))));
    return { model, spec, maxDiff };
  } catch (err) {
    model.dispose();
    throw err;
  }
}

function setWeights(model: tf.LayersModel, spec: GestureConvSpec, all: Float32Array, dir: string): void {
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
    const vars = layer.getWeights();
    if (!vars.length) continue;
    const values = vars.map((v, i) => {
      const name = `${layer.name}/${i === 0 ? 'kernel' : 'bias'}`;
      const data = byName.get(name);
      if (!data) throw new Error(`gesture conv export: no weights ${name} in ${dir}`);
      if (data.length !== v.size) throw new Error(`gesture conv export: ${name} has ${data.length} values, the tfjs layer needs ${v.shape.join('x')}`);
      return tf.tensor(data, v.shape);
    });
    layer.setWeights(values);
    tf.dispose(values);
  }
}

/** Like loadGestureConvExport, but throws when tfjs and PyTorch disagree (beyond 1e-3). */
export function importGestureConv(dir: string): { model: tf.LayersModel; spec: GestureConvSpec; maxDiff: number } {
  const r = loadGestureConvExport(dir);
  if (!(r.maxDiff < 1e-3)) {
    r.model.dispose();
    throw new Error(`gesture conv export: tfjs and PyTorch probabilities differ by up to ${r.maxDiff} on ${join(dir, 'conv-check.json')} (layer order or layout mismatch)`);
  }
  return r;
}
