/**
 * Per-window probabilities of a gesture model over a clip set (train.ts's streamProbs: the eval's
 * schedule and end-of-clip inference), cached with the clips' true labels under
 * /tmp/gesture-streams, so that experiments comparing decisions or averaged models run inference
 * once per model and set (session 14: model-ensemble.ts writes the cache, decision-smoothing.ts
 * reads it). A cache file is keyed by the model folder's and the set's names: delete the folder
 * after re-training a model or redrawing a set.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { MotionClip } from '../motion-math';
import { dirModelHandler, GESTURE_MODEL_DIR, readClipFolder } from '../node-io';
import { labelIndices, streamProbs } from '../train';

export type Streams = Awaited<ReturnType<typeof streamProbs>>;
/** A set's streams under one model, and the clips' true labels (GESTURE_LABELS indices). */
export interface CachedStreams {
  truth: number[];
  streams: Streams;
}

const CACHE = '/tmp/gesture-streams';
/** Cache name of a model folder ('shipped' for the shipped model). */
export const modelName = (dir: string): string => (dir === GESTURE_MODEL_DIR ? 'shipped' : basename(dir));
const cacheFile = (name: string, key: string) => join(CACHE, `${name}--${key}.json`);

/** The cached streams of model `name` on set `key`; a clear error when model-ensemble.ts has not written them. */
export function readCachedStreams(name: string, key: string): CachedStreams {
  const file = cacheFile(name, key);
  if (!existsSync(file)) throw new Error(`${file} is missing: run scripts/gesture/experiments/model-ensemble.ts for model ${name} and set ${key} first`);
  const j = JSON.parse(readFileSync(file, 'utf8')) as { truth: number[]; streams: { times: number[]; probs: number[] }[] };
  return { truth: j.truth, streams: j.streams.map((s) => ({ times: s.times, probs: Float32Array.from(s.probs) })) };
}

/**
 * The streams of the model in `modelDir` on set `key`, from the cache, or computed (the clips are
 * loaded only then: `clips()`) and cached.
 */
export async function cachedStreams(modelDir: string, key: string, clips: () => { clips: MotionClip[]; truth: number[] }): Promise<CachedStreams> {
  const name = modelName(modelDir);
  if (existsSync(cacheFile(name, key))) return readCachedStreams(name, key);
  const set = clips();
  const model = await tf.loadLayersModel(dirModelHandler(modelDir));
  const streams = await streamProbs(model, set.clips);
  model.dispose();
  mkdirSync(CACHE, { recursive: true });
  writeFileSync(cacheFile(name, key), JSON.stringify({ truth: set.truth, streams: streams.map((s) => ({ times: s.times, probs: Array.from(s.probs) })) }));
  return { truth: set.truth, streams };
}

/** The streams of the model in `modelDir` on the clip folder `setDir` (cached under the folder's name). */
export function folderStreams(modelDir: string, setDir: string): Promise<CachedStreams> {
  return cachedStreams(modelDir, basename(setDir), () => {
    const clips = readClipFolder(setDir);
    return { clips: clips.map((c) => c.clip), truth: labelIndices(clips.map((c) => c.truth)) };
  });
}
