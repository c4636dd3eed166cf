/**
 * The gesture classifier: `loadGestureModel({ modelUrl }) -> { estimate, dispose, reset }` over
 * feature windows from `features.ts`. Weights and the runtime settings JSON are served from
 * `public/models/gesture/` (or anywhere `modelUrl` points).
 */
import * as tf from '@tensorflow/tfjs';
import { warmUpModel } from '../warmup';
import { GESTURE_LABELS } from '../../core/types';
import type { GestureDecisionSettings } from './decision';
import { GESTURE_CHANNELS, GESTURE_FEATURE_SIZE, GESTURE_RATE_HZ, GESTURE_STEPS, GESTURE_WINDOW_S } from './features';

/** Default location of the shipped model (under Vite's public dir). */
export const DEFAULT_GESTURE_MODEL_URL = '/models/gesture/model.json';

/** Runtime settings written by training next to the model (`settings.json`). */
export interface GestureSettings extends GestureDecisionSettings {
  /** Output labels in order; must equal GESTURE_LABELS. */
  labels: string[];
  /** Feature resampling rate, Hz (must equal GESTURE_RATE_HZ). */
  rateHz: number;
  /** Window length, seconds (must equal GESTURE_WINDOW_S). */
  windowS: number;
  /** Steps and channels of the model input (must match features.ts). */
  steps: number;
  channels: number;
  /** How often the recognizer runs the model, Hz. */
  inferenceHz: number;
}

/** Check settings against the feature code; throws an error naming the bad field. */
export function validateGestureSettings(s: unknown, where = 'gesture settings'): GestureSettings {
  const o = s as Partial<GestureSettings> | null;
  const fail = (field: string, why: string): never => {
    throw new Error(`${where}: field "${field}" ${why}`);
  };
  if (!o || typeof o !== 'object') return fail('(root)', 'is not an object');
  if (!Array.isArray(o.labels) || o.labels.join() !== GESTURE_LABELS.join()) fail('labels', `must be ${JSON.stringify(GESTURE_LABELS)}`);
  if (o.rateHz !== GESTURE_RATE_HZ) fail('rateHz', `must be ${GESTURE_RATE_HZ} (features.ts), got ${o.rateHz}`);
  if (o.windowS !== GESTURE_WINDOW_S) fail('windowS', `must be ${GESTURE_WINDOW_S} (features.ts), got ${o.windowS}`);
  if (o.steps !== GESTURE_STEPS) fail('steps', `must be ${GESTURE_STEPS}, got ${o.steps}`);
  if (o.channels !== GESTURE_CHANNELS) fail('channels', `must be ${GESTURE_CHANNELS}, got ${o.channels}`);
  const num = (k: keyof GestureSettings, lo: number, hi: number) => {
    const v = o[k];
    if (typeof v !== 'number' || !(v >= lo && v <= hi)) fail(k, `must be a number in [${lo}, ${hi}], got ${JSON.stringify(v)}`);
  };
  num('inferenceHz', 1, 60);
  num('smoothing', 1, 10);
  num('consecutive', 1, 10);
  num('refractoryS', 0, 10);
  num('releaseThreshold', 0, 1);
  if (o.instantThreshold !== undefined) num('instantThreshold', 0.5, 1);
  if (o.settleInstantThreshold !== undefined) num('settleInstantThreshold', 0.5, 1);
  if (o.consecutiveByLabel !== undefined && (!Array.isArray(o.consecutiveByLabel) || o.consecutiveByLabel.length !== GESTURE_LABELS.length || o.consecutiveByLabel.some((v) => !Number.isInteger(v) || v < 1 || v > 10)))
    fail('consecutiveByLabel', `must be ${GESTURE_LABELS.length} integers in [1, 10] (GESTURE_LABELS order)`);
  if (!Array.isArray(o.thresholds) || o.thresholds.length !== GESTURE_LABELS.length || o.thresholds.some((v) => typeof v !== 'number' || v < 0 || v > 1))
    fail('thresholds', `must be ${GESTURE_LABELS.length} numbers in [0, 1]`);
  return o as GestureSettings;
}

/** Where to load the model from. */
export interface GestureModelConfig {
  /** URL of the tfjs layers `model.json`, or a tfjs IOHandler (Node tools read files with one). @default DEFAULT_GESTURE_MODEL_URL */
  modelUrl?: string | tf.io.IOHandler;
  /** URL of the settings JSON. @default `settings.json` beside `modelUrl` */
  settingsUrl?: string;
  /** Settings given directly (skips fetching `settingsUrl`). */
  settings?: GestureSettings;
}

/** A loaded gesture classifier. */
export interface GestureModel {
  /** Runtime settings (window, rate, thresholds) shipped with the weights. */
  readonly settings: GestureSettings;
  /**
   * Classify one feature window (`GESTURE_FEATURE_SIZE` floats from `computeGestureFeatures`):
   * writes probabilities in GESTURE_LABELS order into `out`. `features` must not change until the
   * promise settles. Disposes every tensor it makes.
   */
  estimate(features: Float32Array, out: Float32Array): Promise<void>;
  /** One inference on an all-zero window (shader compilation, kernel set-up); resolves to its milliseconds. */
  warmUp(): Promise<number>;
  /** Release the weights. */
  dispose(): void;
  /** The classifier keeps no state between windows; present for the model interface (streaming state lives in the recognizer). */
  reset(): void;
}

/** Load the gesture classifier and its settings (backend must be initialised: see backend.ts). */
export async function loadGestureModel(config: GestureModelConfig = {}): Promise<GestureModel> {
  const modelUrl = config.modelUrl ?? DEFAULT_GESTURE_MODEL_URL;
  let settings = config.settings;
  if (!settings) {
    if (typeof modelUrl !== 'string' && !config.settingsUrl) throw new Error('loadGestureModel: give settings or settingsUrl when modelUrl is an IOHandler');
    const url = config.settingsUrl ?? (modelUrl as string).replace(/[^/]*$/, 'settings.json');
    const res = await fetch(url);
    if (!res.ok) throw new Error(`loadGestureModel: could not fetch settings ${url}: HTTP ${res.status}`);
    settings = validateGestureSettings(await res.json(), url);
  } else validateGestureSettings(settings);
  const model = await tf.loadLayersModel(modelUrl);
  const shape = model.inputs[0].shape;
  if (shape[1] !== GESTURE_STEPS || shape[2] !== GESTURE_CHANNELS)
    throw new Error(`loadGestureModel: model input is ${JSON.stringify(shape)}, features.ts makes [null, ${GESTURE_STEPS}, ${GESTURE_CHANNELS}]`);
  const outUnits = model.outputs[0].shape[1];
  if (outUnits !== GESTURE_LABELS.length) throw new Error(`loadGestureModel: model has ${outUnits} outputs, expected ${GESTURE_LABELS.length}`);
  const s = settings;
  const where = typeof modelUrl === 'string' ? modelUrl : 'the given IOHandler';
  const gestureModel: GestureModel = {
    settings: s,
    async estimate(features, out) {
      if (features.length < GESTURE_FEATURE_SIZE) throw new RangeError(`estimate: features need ${GESTURE_FEATURE_SIZE} floats, got ${features.length}`);
      const x = tf.tensor3d(features.subarray(0, GESTURE_FEATURE_SIZE), [1, GESTURE_STEPS, GESTURE_CHANNELS]);
      let y: tf.Tensor | undefined;
      try {
        y = model.predict(x) as tf.Tensor;
        const d = await y.data();
        for (let k = 0; k < GESTURE_LABELS.length; k++) out[k] = d[k];
      } finally {
        x.dispose();
        y?.dispose();
      }
    },
    warmUp: () => warmUpModel(`gesture model at ${where}`, (x, out) => gestureModel.estimate(x, out), GESTURE_FEATURE_SIZE, GESTURE_LABELS.length),
    dispose() {
      model.dispose();
    },
    reset() {},
  };
  return gestureModel;
}
