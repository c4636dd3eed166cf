/**
 * Loads the perception models behind the loading bar (after the tfjs backend), runs each once on a
 * blank input there (shader compilation, so the first utterance or gesture does not stall a frame),
 * and turns them into systems of the one runner: the voice recognizer reads the microphone's log-mel
 * ring buffer, the gesture recognizer the motion buffer; both publish raw percepts for fusion. Each model may fail
 * on its own: the HUD says which is off and the app goes on (the command buttons still work).
 */
import { now } from '../core/clock';
import type { System } from '../core/systems-runner';
import type { TimedRingBuffer } from '../core/ring-buffer';
import type { Percept } from '../core/types';
import type { LoadProgress } from '../world';
import type { Runtime } from './runtime';

/** The part of src/perception/voice the app uses (see docs of that module). */
interface VoiceModule {
  loadVoiceModel(config: { modelUrl: string }): Promise<{ warmUp(): Promise<number>; dispose(): void }>;
  createVoiceRecognizer(
    model: never,
    melBuffer: TimedRingBuffer,
    options: { onPercept?: (p: Percept) => void; onError?: (err: unknown) => void },
  ): { update(t: number): void; flush(): void };
}

// Found at build time: an empty map when the voice module is not in this build, so the app
// still builds and reports "voice commands off" instead of failing.
const voiceModules = import.meta.glob<VoiceModule>('../perception/voice/index.ts');

/** What loaded. */
export interface PerceptionSystems {
  /** Runner systems, voice then gesture. */
  systems: System[];
  /** Call when push-to-talk is released: decide the utterance now. */
  flushVoice(): void;
  /** Free the models. */
  dispose(): void;
}

/** Where the models are served from (public/models/). */
export const MODEL_URLS = {
  voice: `${import.meta.env.BASE_URL}models/voice/model.json`,
  gesture: `${import.meta.env.BASE_URL}models/gesture/model.json`,
} as const;

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** Load the voice and gesture models (the backend must be running) and build their systems. */
export async function loadPerceptionSystems(runtime: Runtime, progress: LoadProgress): Promise<PerceptionSystems> {
  const { reportIssue, setModelWarmup } = runtime.store.getState();
  const systems: System[] = [];
  const disposers: (() => void)[] = [];
  let flushVoice = () => {};
  const emit = (p: Parameters<Runtime['rawPercepts']['emit']>[0]) => runtime.rawPercepts.emit(p);
  /** Run the model once behind the loading bar and record how long it took; a model that fails it is freed and off. */
  const warmUpOrDispose = async (name: 'voice' | 'gesture', model: { warmUp(): Promise<number>; dispose(): void }) => {
    try {
      setModelWarmup(name, await model.warmUp());
    } catch (err) {
      model.dispose();
      throw err;
    }
  };

  progress.report('models', 0.4, 'loading the voice model');
  try {
    const load = voiceModules['../perception/voice/index.ts'];
    if (!load) throw new Error('this build has no voice recognizer (src/perception/voice)');
    const { loadVoiceModel, createVoiceRecognizer } = await load();
    const model = await loadVoiceModel({ modelUrl: MODEL_URLS.voice });
    progress.report('models', 0.55, 'warming up the voice model');
    await warmUpOrDispose('voice', model);
    const recognizer = createVoiceRecognizer(model as never, runtime.voice.buffer, {
      onPercept: emit,
      onError: (err) => reportIssue('voice-inference', `voice inference failed: ${message(err)}`),
    });
    systems.push({ name: 'perception.voice', update: (_dt, t) => recognizer.update(t) });
    // Also look at new audio as soon as it arrives (every 20 ms chunk), not only at the next
    // render frame: an utterance's end is seen up to a frame earlier (the system above then finds
    // nothing new).
    disposers.push(runtime.voice.onFrames(() => recognizer.update(now())));
    flushVoice = () => recognizer.flush();
    disposers.push(() => model.dispose());
  } catch (err) {
    reportIssue('voice-model', `voice commands off (use the buttons): ${message(err)}`);
  }

  progress.report('models', 0.7, 'loading the gesture model');
  try {
    const { loadGestureModel, createGestureRecognizer } = await import('../perception/gesture');
    const model = await loadGestureModel({ modelUrl: MODEL_URLS.gesture });
    progress.report('models', 0.85, 'warming up the gesture model');
    await warmUpOrDispose('gesture', model);
    const recognizer = createGestureRecognizer(model, runtime.motion, {
      onPercept: emit,
      onError: (err) => reportIssue('gesture-inference', `gesture inference failed: ${message(err)}`),
    });
    systems.push({ name: 'perception.gesture', update: (_dt, t) => recognizer.update(t) });
    disposers.push(() => {
      recognizer.dispose();
      model.dispose();
    });
  } catch (err) {
    reportIssue('gesture-model', `gesture recognition off: ${message(err)}`);
  }

  return {
    systems,
    flushVoice: () => flushVoice(),
    dispose: () => disposers.forEach((d) => d()),
  };
}
