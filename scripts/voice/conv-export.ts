/**
 * Rebuilds the convolutional voice net (train_conv.py) in tfjs layers, loads the weights PyTorch
 * wrote (BatchNorm already folded into the convolutions), checks that tfjs computes the same
 * probabilities as PyTorch on validation windows, and saves model.json + weights.bin with the
 * voice settings in `userDefinedMetadata.voice`: the same kind of file the app and the eval load.
 */
import * as tf from '@tensorflow/tfjs';
import { VOICE_LABELS } from '../../src/core/types';
import type { VoiceSettings } from '../../src/perception/voice/voice-settings';
import { loadTorchExport, requireParity, type TorchExport, type TorchExportSpec } from '../lib/torch-export';
import { diskSaveHandler } from './disk-io';
import { cepstralSmoothing } from './train';

type S = tf.SymbolicTensor;

export interface ConvSpec extends TorchExportSpec {
  channels: number[];
  lifter: number;
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
export function loadConvExport(dir: string): TorchExport<ConvSpec> {
  return loadTorchExport<ConvSpec>(dir, (spec) => buildConvVoiceNet(spec), [81, 40], 'conv export');
}

/** Export DIR's PyTorch weights as a tfjs voice model in OUT with `settings`; throws when tfjs and PyTorch disagree. */
export async function exportConvVoiceModel(dir: string, out: string, settings: VoiceSettings): Promise<{ params: number; maxDiff: number }> {
  const { model, maxDiff } = requireParity(loadConvExport(dir), dir, 'conv export');
  model.setUserDefinedMetadata({ voice: settings as unknown as Record<string, unknown> });
  await model.save(diskSaveHandler(out));
  const params = model.countParams();
  model.dispose();
  return { params, maxDiff };
}
