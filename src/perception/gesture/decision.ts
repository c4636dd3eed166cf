/**
 * Turns the stream of per-window gesture probabilities into discrete gesture events: smoothing over
 * the last few inferences, per-label thresholds that must hold for consecutive inferences (or,
 * optionally, one very sure inference), a refractory period, and hysteresis (a label that fired must fall below a release level before it
 * can fire again), so one gesture yields one percept. Platform-free and allocation-free; the app's
 * recognizer and `npm run eval -- gesture` both use it.
 */
import { GESTURE_LABELS } from '../../core/types';

/** Decision settings (stored in the model's settings JSON). */
export interface GestureDecisionSettings {
  /** Per-label probability a (smoothed) gesture must reach to count, in GESTURE_LABELS order (none's is ignored). */
  thresholds: number[];
  /** Inferences averaged for the decision. @default 2 */
  smoothing: number;
  /** Consecutive inferences over threshold needed to fire. @default 2 */
  consecutive: number;
  /** Seconds after a percept during which nothing fires. @default 1 */
  refractoryS: number;
  /** A label that fired can fire again only once its smoothed probability fell below this. @default 0.3 */
  releaseThreshold: number;
  /**
   * A single inference at least this sure of one gesture fires it at once, without smoothing or
   * consecutive inferences (refractory period and release still hold). Absent: off.
   */
  instantThreshold?: number;
}

/** Streaming decision state machine. */
export interface GestureDecider {
  /** Feed one inference (probabilities in GESTURE_LABELS order) made at time `t`; returns the label index that fires, or -1. */
  push(t: number, probs: ArrayLike<number>): number;
  /**
   * The stream ended (a clip's last frame, tracking lost, the session over): no confirming
   * inference will come, so decide on the last smoothed probabilities without the consecutive
   * test (thresholds, refractory period and release still hold). Returns the label index that
   * fires, or -1. `t` is the stream's end time.
   */
  settle(t: number): number;
  /** Smoothed probabilities after the last push (GESTURE_LABELS order). */
  readonly smoothed: Float32Array;
  /** Forget history (e.g. after a pause or a scene switch). */
  reset(): void;
}

const NONE = GESTURE_LABELS.indexOf('none');

/** Create a decider for `settings`. */
export function createGestureDecider(settings: GestureDecisionSettings): GestureDecider {
  const L = GESTURE_LABELS.length;
  if (settings.thresholds.length !== L) throw new RangeError(`thresholds needs ${L} values (GESTURE_LABELS order), got ${settings.thresholds.length}`);
  const m = Math.max(1, Math.round(settings.smoothing));
  const history = new Float32Array(m * L);
  const smoothed = new Float32Array(L);
  let filled = 0;
  let next = 0;
  let candidate = -1;
  let count = 0;
  let refractoryUntil = -Infinity;
  // Label waiting to be released (its probability must drop first), or -1.
  let latched = -1;
  const instant = settings.instantThreshold ?? Infinity;
  return {
    smoothed,
    push(t, probs) {
      for (let k = 0; k < L; k++) history[next * L + k] = probs[k];
      next = (next + 1) % m;
      filled = Math.min(filled + 1, m);
      smoothed.fill(0);
      for (let i = 0; i < filled; i++) for (let k = 0; k < L; k++) smoothed[k] += history[i * L + k] / filled;
      if (latched >= 0 && smoothed[latched] < settings.releaseThreshold) latched = -1;
      let best = -1;
      let bestP = -1;
      for (let k = 0; k < L; k++) {
        if (k === NONE) continue;
        if (smoothed[k] > bestP) {
          bestP = smoothed[k];
          best = k;
        }
      }
      if (instant <= 1) {
        // A very sure single window: gestures caught late in a stream (a point held only as the
        // window ends) have no time left for the sustained test.
        let top = -1;
        for (let k = 0; k < L; k++) if (k !== NONE && (top < 0 || probs[k] > probs[top])) top = k;
        if (top >= 0 && probs[top] >= instant && t >= refractoryUntil && top !== latched) {
          refractoryUntil = t + settings.refractoryS;
          latched = top;
          count = 0;
          candidate = -1;
          return top;
        }
      }
      if (best < 0 || bestP < settings.thresholds[best] || smoothed[NONE] >= bestP) {
        candidate = -1;
        count = 0;
        return -1;
      }
      if (best !== candidate) {
        candidate = best;
        count = 0;
      }
      count++;
      if (count < settings.consecutive || t < refractoryUntil || best === latched) return -1;
      refractoryUntil = t + settings.refractoryS;
      latched = best;
      count = 0;
      candidate = -1;
      return best;
    },
    settle(t) {
      if (!filled) return -1;
      let best = -1;
      for (let k = 0; k < L; k++) if (k !== NONE && (best < 0 || smoothed[k] > smoothed[best])) best = k;
      if (best < 0 || smoothed[best] < settings.thresholds[best] || smoothed[NONE] >= smoothed[best]) return -1;
      if (t < refractoryUntil || best === latched) return -1;
      refractoryUntil = t + settings.refractoryS;
      latched = best;
      count = 0;
      candidate = -1;
      return best;
    },
    reset() {
      filled = 0;
      next = 0;
      candidate = -1;
      count = 0;
      refractoryUntil = -Infinity;
      latched = -1;
      smoothed.fill(0);
    },
  };
}
