/**
 * Streaming gesture recognition: reads the motion ring buffer each frame, runs the classifier at its
 * own rate (never two inferences in flight), turns probabilities into one percept per gesture
 * (decision.ts), and for `point` captures the pointing ray (the controller's target ray at
 * recognition time) for fusion.
 */
import type { Percept, Vec3 } from '../../core/types';
import { GESTURE_LABELS, LOCAL_USER_ID } from '../../core/types';
import { MOTION_PART_STRIDE, MOTION_STRIDE, type MotionBuffer } from '../../sensors/motion/motion-buffer';
import { createGestureDecider, type GestureDecider } from './decision';
import { GESTURE_FEATURE_SIZE, computeGestureFeaturesFromBuffer, createGestureBufferScratch } from './features';
import type { GestureModel } from './model';

/** A ray in `local-floor` space. */
export interface PointRay {
  origin: Vec3;
  /** Unit direction. */
  direction: Vec3;
}

/** A gesture percept; `point` percepts carry the pointing ray. */
export interface GesturePercept extends Percept {
  kind: 'gesture';
  /** For `point`: the controller's target ray when the point was recognised (a fresh object per percept). */
  ray?: PointRay;
  /** For `point`: which hand pointed. */
  hand?: 'left' | 'right';
}

/** Recognizer options. */
export interface GestureRecognizerOptions {
  /** User id put in percepts. @default LOCAL_USER_ID */
  source?: string;
  /** Inference rate, Hz. @default model.settings.inferenceHz */
  inferenceHz?: number;
  /** Called once per recognised gesture. */
  onPercept?: (p: GesturePercept) => void;
  /** Called when an inference fails (the recognizer keeps going). @default console.error */
  onError?: (err: unknown) => void;
}

/** A running gesture recognizer. */
export interface GestureRecognizer {
  /** Call every frame with the shared clock time (s); runs inference when due and idle. Never throws. */
  update(t: number): void;
  /**
   * The motion stream ended at `t` (a clip's last frame, tracking lost, the session over): waits
   * for an inference in flight, classifies the newest window once more if motion arrived since the
   * last inference, and decides without waiting for the confirming inferences that will not come
   * (`GestureDecider.settle`). A gesture completed just as the stream stopped still yields its
   * percept. Never rejects.
   */
  flush(t: number): Promise<void>;
  /** Add a percept listener; returns a function that removes it. */
  onPercept(listener: (p: GesturePercept) => void): () => void;
  /**
   * Copy the ray of the last recognised `point` into `out`; returns false when there was none.
   * `out.origin` and `out.direction` are written in place.
   */
  getLastPointRay(out: PointRay): boolean;
  /** Probabilities of the last inference (GESTURE_LABELS order; live view, do not keep). */
  readonly probs: Float32Array;
  /** Whether an inference is in flight. */
  readonly busy: boolean;
  /** Resolves when no inference is in flight (tools and tests). */
  idle(): Promise<void>;
  /** Inferences finished so far. */
  readonly inferences: number;
  /** Milliseconds the last inference took (features + model). */
  readonly lastInferenceMs: number;
  /** Forget decision history and the last point ray. */
  reset(): void;
  /** Stop: later updates do nothing (the model is the caller's to dispose). */
  dispose(): void;
}

const POINT = GESTURE_LABELS.indexOf('point');
/** How long a hand that dropped out keeps its last pose for naming the pointing hand, s. */
const POINT_HAND_HOLD_S = 0.25;
/** Frames read back for that (0.25 s at up to 120 Hz, with room). */
const RECENT_FRAMES = 40;

/** Create a recognizer over `motion` (the motion sensor's buffer) with a loaded model. */
export function createGestureRecognizer(model: GestureModel, motion: MotionBuffer, options: GestureRecognizerOptions = {}): GestureRecognizer {
  const settings = model.settings;
  const period = 1 / (options.inferenceHz ?? settings.inferenceHz);
  const source = options.source ?? LOCAL_USER_ID;
  const onError = options.onError ?? ((err: unknown) => console.error('gesture recognizer:', err));
  const listeners: ((p: GesturePercept) => void)[] = [];
  if (options.onPercept) listeners.push(options.onPercept);
  const decider: GestureDecider = createGestureDecider(settings);
  const scratch = createGestureBufferScratch(motion);
  const features = new Float32Array(GESTURE_FEATURE_SIZE);
  const probs = new Float32Array(GESTURE_LABELS.length);
  const recent = new Float32Array(RECENT_FRAMES * MOTION_STRIDE);
  const recentTimes = new Float64Array(RECENT_FRAMES);
  const lastRay: PointRay = { origin: [0, 0, 0], direction: [0, 0, -1] };
  let hasRay = false;
  let lastHand: 'left' | 'right' = 'right';
  let busy = false;
  let pending: Promise<void> = Promise.resolve();
  let lastRun = -Infinity;
  let lastWritten = -1;
  let lastMs = 0;
  let inferences = 0;
  let disposed = false;
  let runT = 0;
  let startMs = 0;

  /**
   * The hand that points: the tracked one held highest and furthest out from the head (height
   * above the head plus half the horizontal reach). Distance alone picks a hand hanging at the
   * side as often as the raised arm: both are about 0.7 m from the head. A hand that dropped out
   * for the last few frames counts with its last pose within POINT_HAND_HOLD_S (the features
   * bridge such gaps too), so a tracking blink at recognition does not hand the point to the
   * other, idle hand. Writes `lastRay`.
   */
  function capturePointRay(): boolean {
    const n = motion.buffer.readLatest(RECENT_FRAMES, recent, recentTimes);
    if (n < 1) return false;
    const newest = (n - 1) * MOTION_STRIDE;
    if (recent[newest] < 0.5) return false;
    const tNow = recentTimes[n - 1];
    let best = -1;
    let bestAt = -1;
    let bestD = -Infinity;
    for (let h = 1; h <= 2; h++) {
      // This hand's newest tracked pose, if recent enough.
      let at = -1;
      for (let i = n - 1; i >= 0 && tNow - recentTimes[i] <= POINT_HAND_HOLD_S; i--) {
        if (recent[i * MOTION_STRIDE + h * MOTION_PART_STRIDE] >= 0.5) {
          at = i * MOTION_STRIDE + h * MOTION_PART_STRIDE;
          break;
        }
      }
      if (at < 0) continue;
      const d = recent[at + 2] - recent[newest + 2] + 0.5 * Math.hypot(recent[at + 1] - recent[newest + 1], recent[at + 3] - recent[newest + 3]);
      if (d > bestD) {
        bestD = d;
        best = h;
        bestAt = at;
      }
    }
    if (best < 0) return false;
    const o = bestAt;
    const [qx, qy, qz, qw] = [recent[o + 4], recent[o + 5], recent[o + 6], recent[o + 7]];
    lastRay.origin[0] = recent[o + 1];
    lastRay.origin[1] = recent[o + 2];
    lastRay.origin[2] = recent[o + 3];
    // The target ray looks down the pose's -z axis.
    lastRay.direction[0] = -2 * (qx * qz + qw * qy);
    lastRay.direction[1] = -2 * (qy * qz - qw * qx);
    lastRay.direction[2] = -(1 - 2 * (qx * qx + qy * qy));
    lastHand = best === 1 ? 'left' : 'right';
    return true;
  }

  function finish(): void {
    busy = false;
    lastMs = performance.now() - startMs;
    inferences++;
    if (disposed) return;
    emit(decider.push(runT, probs), runT);
  }

  function emit(fired: number, t: number): void {
    if (fired < 0) return;
    // A percept is a rare event: allocating it here is fine (not per frame).
    const p: GesturePercept = { t, kind: 'gesture', label: GESTURE_LABELS[fired], confidence: decider.smoothed[fired], source };
    if (fired === POINT && capturePointRay()) {
      hasRay = true;
      p.ray = { origin: [...lastRay.origin], direction: [...lastRay.direction] };
      p.hand = lastHand;
    }
    for (const l of listeners) {
      try {
        l(p);
      } catch (err) {
        onError(err);
      }
    }
  }

  function fail(err: unknown): void {
    busy = false;
    onError(err);
  }

  /** Start one inference on the window ending at `t` (when idle and new motion arrived). */
  function run(t: number): void {
    if (busy) return;
    const written = motion.buffer.written;
    if (written === lastWritten) return; // no new motion: nothing new to classify
    lastRun = t;
    lastWritten = written;
    startMs = performance.now();
    try {
      if (!computeGestureFeaturesFromBuffer(motion, t, features, scratch)) return;
    } catch (err) {
      onError(err);
      return;
    }
    busy = true;
    runT = t;
    pending = model.estimate(features, probs).then(finish, fail);
  }

  return {
    probs,
    get busy() {
      return busy;
    },
    get lastInferenceMs() {
      return lastMs;
    },
    get inferences() {
      return inferences;
    },
    update(t) {
      if (disposed || busy || t - lastRun < period) return;
      run(t);
    },
    async flush(t) {
      await pending;
      if (disposed) return;
      run(t);
      await pending;
      if (!disposed) emit(decider.settle(t), t);
    },
    onPercept(listener) {
      listeners.push(listener);
      return () => {
        const i = listeners.indexOf(listener);
        if (i >= 0) listeners.splice(i, 1);
      };
    },
    getLastPointRay(out) {
      if (!hasRay) return false;
      for (let k = 0; k < 3; k++) {
        out.origin[k] = lastRay.origin[k];
        out.direction[k] = lastRay.direction[k];
      }
      return true;
    },
    idle() {
      return pending;
    },
    reset() {
      decider.reset();
      hasRay = false;
      lastRun = -Infinity;
      lastWritten = -1;
    },
    dispose() {
      disposed = true;
      listeners.length = 0;
    },
  };
}
