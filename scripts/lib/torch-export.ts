/**
 * Loading a net that PyTorch trained (scripts/voice/train_conv.py, scripts/gesture/train_conv.py)
 * into its tfjs twin: the export is conv-weights.json (the weights' names and shapes, plus the
 * net's own fields), conv-weights.bin (float32, tfjs layout, BatchNorm folded in) and
 * conv-check.json (check inputs and PyTorch's probabilities for them).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';

/** What every export's conv-weights.json lists. */
export interface TorchExportSpec {
  weights: { name: string; shape: number[] }[];
}

/** A loaded export: the tfjs net with PyTorch's weights and the largest probability difference on the check inputs. */
export interface TorchExport<S extends TorchExportSpec> {
  model: tf.LayersModel;
  spec: S;
  maxDiff: number;
}

/**
 * Build the tfjs net for DIR's spec with `build`, set its trainable layers' kernel and bias from
 * DIR/conv-weights.bin (named `<layer>/kernel`, `<layer>/bias`), and compare its probabilities on
 * DIR/conv-check.json (inputs of `inputShape`) with PyTorch's. `who` starts the error messages.
 */
export function loadTorchExport<S extends TorchExportSpec>(dir: string, build: (spec: S) => tf.LayersModel, inputShape: number[], who: string): TorchExport<S> {
  const spec = JSON.parse(readFileSync(join(dir, 'conv-weights.json'), 'utf8')) as S;
  const buf = readFileSync(join(dir, 'conv-weights.bin'));
  const all = new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
  const model = build(spec);
  try {
    setWeights(model, spec, all, dir, who);
    const check = JSON.parse(readFileSync(join(dir, 'conv-check.json'), 'utf8')) as { x: number[][]; p: number[][] };
    const p = tf.tidy(() => (model.predict(tf.tensor(check.x.flat(), [check.x.length, ...inputShape])) as tf.Tensor).arraySync() as number[][]);
    let maxDiff = 0;
    p.forEach((row, i) => row.forEach((v, j) => (maxDiff = Math.max(maxDiff, Math.abs(v - check.p[i][j])))));
    return { model, spec, maxDiff };
  } catch (err) {
    model.dispose();
    throw err;
  }
}

/** Throw (freeing the net) when tfjs and PyTorch disagree beyond 1e-3: a layer order or layout slip. */
export function requireParity<S extends TorchExportSpec>(r: TorchExport<S>, dir: string, who: string): TorchExport<S> {
  if (r.maxDiff < 1e-3) return r;
  r.model.dispose();
  throw new Error(`${who}: tfjs and PyTorch probabilities differ by up to ${r.maxDiff} on ${join(dir, 'conv-check.json')} (layer order or layout mismatch)`);
}

function setWeights(model: tf.LayersModel, spec: TorchExportSpec, all: Float32Array, dir: string, who: string): void {
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
    // Fixed layers (the voice net's cepstral smoothing) keep the weights they were built with.
    const vars = layer.trainable ? layer.getWeights() : [];
    if (!vars.length) continue;
    const values = vars.map((v, i) => {
      const name = `${layer.name}/${i === 0 ? 'kernel' : 'bias'}`;
      const data = byName.get(name);
      if (!data) throw new Error(`${who}: no weights ${name} in ${dir}`);
      if (data.length !== v.size) throw new Error(`${who}: ${name} has ${data.length} values, the tfjs layer needs ${v.shape.join('x')}`);
      return tf.tensor(data, v.shape);
    });
    layer.setWeights(values);
    tf.dispose(values);
  }
}
