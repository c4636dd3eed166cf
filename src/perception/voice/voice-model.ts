/**
 * The voice-command model, tfjs-models style: `loadVoiceModel({ modelUrl })` -> `{ estimate,
 * dispose, reset, settings }`. Weights and settings come from one `model.json` (tfjs layers format,
 * settings in `userDefinedMetadata.voice`), served from `public/models/voice/` in the browser or read
 * from disk in Node through an IOHandler.
 */
import * as tf from '@tensorflow/tfjs';
import { VOICE_LABELS } from '../../core/types';
import type { VoiceClassifier } from './voice-recognizer';
import { warmUpModel } from '../warmup';
import './sphinx-layer';
import { inputWidth, modelFrames, parseVoiceSettings, type VoiceSettings } from './voice-settings';

/** Where the model is. */
export interface VoiceModelConfig {
  /** URL of `model.json` (e.g. `/models/voice/model.json`), or a tfjs IOHandler (Node: read from disk). */
  modelUrl: string | tf.io.IOHandler;
}

/** A loaded voice model. */
export interface VoiceModel extends VoiceClassifier {
  /** Settings the model was trained with (window, thresholds, gate). */
  readonly settings: VoiceSettings;
  /**
   * Classify one prepared window (`prepareVoiceWindow` output, `modelFrames(settings)` x `nMels`);
   * writes probabilities in `VOICE_LABELS` order into `out`. Leaves no tensors behind.
   */
  estimate(window: Float32Array, out: Float32Array): Promise<void>;
  /** One inference on a silent window (shader compilation, kernel set-up); resolves to its milliseconds. */
  warmUp(): Promise<number>;
  /** Nothing is carried between windows; present for the tfjs-models interface. */
  reset(): void;
  /** Free the weights. */
  dispose(): void;
}

/** Load the voice model; errors say which file and what is wrong with it. */
export async function loadVoiceModel(config: VoiceModelConfig): Promise<VoiceModel> {
  if (!config || (typeof config.modelUrl !== 'string' && typeof config.modelUrl?.load !== 'function'))
    throw new Error('loadVoiceModel: config.modelUrl must be a model.json URL or a tfjs IOHandler');
  const where = typeof config.modelUrl === 'string' ? config.modelUrl : 'the given IOHandler';
  let model: tf.LayersModel;
  try {
    model = await tf.loadLayersModel(config.modelUrl);
  } catch (err) {
    throw new Error(`voice model at ${where} could not be loaded: ${err instanceof Error ? err.message : String(err)}`);
  }
  let settings: VoiceSettings;
  try {
    const meta = model.getUserDefinedMetadata() as { voice?: unknown } | undefined;
    if (!meta?.voice) throw new Error('model.json has no userDefinedMetadata.voice settings');
    settings = parseVoiceSettings(meta.voice, `voice model at ${where}`);
    const [, frames, mels] = model.inputs[0].shape;
    if (frames !== modelFrames(settings) || mels !== inputWidth(settings))
      throw new Error(`input shape [${frames}, ${mels}] differs from the settings' [${modelFrames(settings)}, ${inputWidth(settings)}]`);
    const outUnits = model.outputs[0].shape[1];
    if (outUnits !== VOICE_LABELS.length) throw new Error(`model has ${outUnits} outputs, VOICE_LABELS has ${VOICE_LABELS.length}`);
  } catch (err) {
    model.dispose();
    throw new Error(`voice model at ${where}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const frames = modelFrames(settings);
  const width = inputWidth(settings);
  const size = frames * width;
  let disposed = false;

  const voiceModel: VoiceModel = {
    settings,
    async estimate(window, out) {
      if (disposed) throw new Error('voice model was disposed');
      if (window.length !== size) throw new RangeError(`voice window has ${window.length} floats, the model takes ${size}`);
      const y = tf.tidy(() => model.predict(tf.tensor3d(window, [1, frames, width])) as tf.Tensor);
      try {
        const p = await y.data();
        for (let i = 0; i < VOICE_LABELS.length; i++) out[i] = p[i];
      } finally {
        y.dispose();
      }
    },
    warmUp: () => warmUpModel(`voice model at ${where}`, (x, out) => voiceModel.estimate(x, out), size, VOICE_LABELS.length),
    reset() {},
    dispose() {
      if (!disposed) model.dispose();
      disposed = true;
    },
  };
  return voiceModel;
}
