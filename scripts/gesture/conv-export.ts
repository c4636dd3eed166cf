/**
 * Rebuilds the temporal-convolution gesture net (train_conv.py) in tfjs layers, loads the weights
 * PyTorch wrote (BatchNorm folded into the convolutions) and checks that tfjs computes PyTorch's
 * probabilities on validation windows. train.ts then tunes the decision and saves it like the
 * dense net, so the app and the eval load it unchanged.
 */
import * as tf from '@tensorflow/tfjs';
import { GESTURE_LABELS } from '../../src/core/types';
import { GESTURE_CHANNELS, GESTURE_STEPS } from '../../src/perception/gesture/features';
import { loadTorchExport, requireParity, type TorchExport, type TorchExportSpec } from '../lib/torch-export';

type S = tf.SymbolicTensor;

export interface GestureConvSpec extends TorchExportSpec {
  widths: number[];
  kernels: number[];
  poolAfter: number[];
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
export function loadGestureConvExport(dir: string): TorchExport<GestureConvSpec> {
  return loadTorchExport<GestureConvSpec>(dir, buildConvGestureNet, [GESTURE_STEPS, GESTURE_CHANNELS], 'gesture conv export');
}

/** Like loadGestureConvExport, but throws when tfjs and PyTorch disagree (beyond 1e-3). */
export function importGestureConv(dir: string): TorchExport<GestureConvSpec> {
  return requireParity(loadGestureConvExport(dir), dir, 'gesture conv export');
}
