/**
 * The page `npm run bench` opens to time perception inference per tfjs backend in ONE browser run:
 * for each backend (webgpu, webgl, wasm, cpu) it starts the backend with the app's `initBackend`,
 * loads the shipped voice and gesture models with the app's loaders (weights live on the active
 * backend, so each backend loads its own copy), times the first window of each (warm-up: shader
 * compilation, kernel set-up) and then the median of `repeats` windows. A window's time is what
 * the app pays per decision: upload, predict and read back (`estimate` awaits the data).
 * Built by scripts/bench.ts with Vite into `<dist>/bench-inference/`, served with the app.
 */
import { initBackend, setWasmLocation, type BackendName } from '../../src/perception/backend';
import { loadVoiceModel, modelFrames } from '../../src/perception/voice';
import { GESTURE_FEATURE_SIZE, loadGestureModel } from '../../src/perception/gesture';
import { GESTURE_LABELS, VOICE_LABELS } from '../../src/core/types';

/** Figures of one backend, ms. */
export interface BackendFigures {
  backend: BackendName;
  /** Starting the backend (`initBackend([name])`). */
  initMs: number;
  /** Loading both models onto it. */
  loadMs: number;
  /** The first voice / gesture window (warm-up). */
  firstVoiceMs: number;
  firstGestureMs: number;
  /** Median of `repeats` windows after the first. */
  voiceMs: number;
  gestureMs: number;
  /** Every timed window, for the record. */
  voiceAll: number[];
  gestureAll: number[];
}

declare global {
  interface Window {
    runInferenceBench?: (options: { backends: BackendName[]; repeats: number }) => Promise<BackendFigures[]>;
  }
}

// The wasm files are copied next to this page by scripts/bench.ts.
setWasmLocation(new URL('./', window.location.href).href);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Deterministic pseudo-random windows (the timing of these dense/conv nets does not depend on values). */
function windows(size: number, count: number, seed: number): Float32Array[] {
  let x = seed >>> 0;
  const next = () => ((x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 2 ** 32) * 2 - 1;
  return Array.from({ length: count }, () => Float32Array.from({ length: size }, next));
}

async function timeIt(f: () => Promise<void>): Promise<number> {
  const t0 = performance.now();
  await f();
  return performance.now() - t0;
}

window.runInferenceBench = async ({ backends, repeats }) => {
  const out: BackendFigures[] = [];
  for (const name of backends) {
    const initMs = await timeIt(async () => {
      const report = await initBackend([name]);
      if (report.name !== name) throw new Error(`asked for ${name}, got ${report.name}`);
    });
    const t0 = performance.now();
    const base = new URL('/models/', window.location.href).href;
    const voice = await loadVoiceModel({ modelUrl: `${base}voice/model.json` });
    const gesture = await loadGestureModel({ modelUrl: `${base}gesture/model.json` });
    const loadMs = performance.now() - t0;
    try {
      const vIn = windows(modelFrames(voice.settings) * voice.settings.nMels, 4, 1);
      const gIn = windows(GESTURE_FEATURE_SIZE, 4, 2);
      const vOut = new Float32Array(VOICE_LABELS.length);
      const gOut = new Float32Array(GESTURE_LABELS.length);
      const firstVoiceMs = await timeIt(() => voice.estimate(vIn[0], vOut));
      const firstGestureMs = await timeIt(() => gesture.estimate(gIn[0], gOut));
      const voiceAll: number[] = [];
      const gestureAll: number[] = [];
      for (let i = 0; i < repeats; i++) voiceAll.push(await timeIt(() => voice.estimate(vIn[i % 4], vOut)));
      for (let i = 0; i < repeats; i++) gestureAll.push(await timeIt(() => gesture.estimate(gIn[i % 4], gOut)));
      if (!vOut.every(Number.isFinite) || !gOut.every(Number.isFinite)) throw new Error(`${name}: a model gave non-finite probabilities`);
      out.push({ backend: name, initMs, loadMs, firstVoiceMs, firstGestureMs, voiceMs: median(voiceAll), gestureMs: median(gestureAll), voiceAll, gestureAll });
    } finally {
      voice.dispose();
      gesture.dispose();
    }
  }
  return out;
};
