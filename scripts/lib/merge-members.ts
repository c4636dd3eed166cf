/**
 * Ensembles as ONE tfjs layers model, for the gesture and voice trainers: trained members are
 * copied into parallel branches of a functional model whose output is the average of their
 * outputs. The app loads it like a single model (same input, same output).
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';

/** Whether `dir` holds a member model trained with the arguments `key` (its args.json). */
export function memberIsCurrent(dir: string, key: string): boolean {
  const keyFile = join(dir, 'args.json');
  return existsSync(join(dir, 'model.json')) && existsSync(keyFile) && readFileSync(keyFile, 'utf8') === key;
}

/**
 * Train a member into `dir` with `train`, recording `key` only once it has finished (a run that
 * fails half-way leaves no key, so the folder is trained again next time).
 */
export async function trainMemberInto(dir: string, key: string, train: () => Promise<void>): Promise<void> {
  rmSync(join(dir, 'args.json'), { force: true });
  await train();
  writeFileSync(join(dir, 'args.json'), key);
}

/**
 * Copy trained `members` (same input shape) into one model: input -> each member's layers
 * (fresh names m<k>_<layer>) -> average. Weights are copied, trainable or not, so each branch
 * computes its member exactly. Members may be graphs (crops, concatenations) but take one input
 * and give one output, each layer applied once.
 */
export function mergeMembers(
  members: tf.LayersModel[],
  inputShape: number[],
  names: { input: string; model: string },
  /** Per member, what it reads of the shared input (e.g. a crop), when not the input itself. */
  adapt?: (((input: tf.SymbolicTensor, k: number) => tf.SymbolicTensor) | undefined)[],
): tf.LayersModel {
  const input = tf.input({ shape: inputShape, name: names.input });
  const outs = members.map((m, k) => {
    // Rebuild the member's graph on the new input: layers in order, each applied to the copies of its inputs.
    const made = new Map<string, tf.SymbolicTensor>();
    made.set(m.inputs[0].name, adapt?.[k]?.(input, k) ?? input);
    for (const layer of m.layers) {
      const cls = layer.getClassName();
      if (cls === 'InputLayer') continue;
      const config = { ...layer.getConfig(), name: `m${k + 1}_${layer.name}` } as Record<string, unknown>;
      delete config.batchInputShape;
      delete config.inputShape;
      delete config.weights;
      const entry = tf.serialization.SerializationMap.getMap().classNameMap[cls];
      if (!entry) throw new Error(`mergeMembers: unknown layer class ${cls}`);
      const [ctor, fromConfig] = entry;
      const fresh = fromConfig(ctor, config as tf.serialization.ConfigDict) as tf.layers.Layer;
      const ins = ([] as tf.SymbolicTensor[]).concat(layer.input as tf.SymbolicTensor | tf.SymbolicTensor[]).map((t) => {
        const s = made.get(t.name);
        if (!s) throw new Error(`mergeMembers: layer ${layer.name} of member ${k + 1} reads ${t.name}, which is not built yet`);
        return s;
      });
      const out = fresh.apply(ins.length === 1 ? ins[0] : ins) as tf.SymbolicTensor;
      fresh.setWeights(layer.getWeights());
      made.set((layer.output as tf.SymbolicTensor).name, out);
    }
    const o = made.get(m.outputs[0].name);
    if (!o) throw new Error(`mergeMembers: member ${k + 1}'s output was not built`);
    return o;
  });
  const avg = members.length === 1 ? outs[0] : (tf.layers.average({ name: 'average' }).apply(outs) as tf.SymbolicTensor);
  return tf.model({ inputs: input, outputs: avg, name: names.model });
}
