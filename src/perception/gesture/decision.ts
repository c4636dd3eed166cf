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
  /**
   * Per-label consecutive inferences (GESTURE_LABELS order; none's ignored), replacing
   * `consecutive` where given: a label other motion models hold only briefly (a point) can fire
   * sooner than the others. Absent: `consecutive` for every label.
   */
  consecutiveByLabel?: number[];
  /** Seconds after a percept during which nothing fires. @default 1 */
  refractoryS: number;
  /** A label that fired can fire again only once its smoothed probability fell below this. @default 0.3 */
  releaseThreshold: number;
  /**
   * At a stream's end (`settle`), when the smoothed probabilities fire nothing, the newest single
   * inference fires its top gesture if it is at least this sure (and over that label's threshold
   * and `none`). A gesture completed just as the stream ends shows in the newest window only, and
   * the average with older windows hides it; mid-stream the sustained test still rules. Absent: off.
   */
  settleInstantThreshold?: number;
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
  if (settings.consecutiveByLabel && settings.consecutiveByLabel.length !== L)
    throw new RangeError(`consecutiveByLabel needs ${L} values (GESTURE_LABELS order), got ${settings.consecutiveByLabel.length}`);
  const needed = GESTURE_LABELS.map((_, k) => Math.max(1, Math.round(settings.consecutiveByLabel?.[k] ?? settings.consecutive)));
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
  const settleInstant = settings.settleInstantThreshold ?? Infinity;
  // Slot of the newest inference in `history`.
  let newest = 0;

  /** The most probable gesture (not `none`) in `p` from index `o` on, the first on ties. */
  function topGesture(p: ArrayLike<number>, o = 0): number {
    let best = -1;
    for (let k = 0; k < L; k++) if (k !== NONE && (best < 0 || p[o + k] > p[o + best])) best = k;
    return best;
  }

  /** Whether the smoothed probability of gesture `k` clears its threshold and beats `none`. */
  function clears(k: number): boolean {
    return smoothed[k] >= settings.thresholds[k] && smoothed[NONE] < smoothed[k];
  }

  /** Fire `k` at `t` unless the refractory period or its release holds it back; returns `k` or -1. */
  function fire(k: number, t: number): number {
    if (t < refractoryUntil || k === latched) return -1;
    refractoryUntil = t + settings.refractoryS;
    latched = k;
    count = 0;
    candidate = -1;
    return k;
  }

  return {
    smoothed,
    push(t, probs) {
      for (let k = 0; k < L; k++) history[next * L + k] = probs[k];
      newest = next;
      next = (next + 1) % m;
      filled = Math.min(filled + 1, m);
      smoothed.fill(0);
      for (let i = 0; i < filled; i++) for (let k = 0; k < L; k++) smoothed[k] += history[i * L + k] / filled;
      if (latched >= 0 && smoothed[latched] < settings.releaseThreshold) latched = -1;
      if (instant <= 1) {
        // A very sure single window: gestures caught late in a stream (a point held only as the
        // window ends) have no time left for the sustained test.
        const top = topGesture(probs);
        if (probs[top] >= instant && fire(top, t) >= 0) return top;
      }
      const best = topGesture(smoothed);
      if (!clears(best)) {
        candidate = -1;
        count = 0;
        return -1;
      }
      if (best !== candidate) {
        candidate = best;
        count = 0;
      }
      count++;
      if (count < needed[best]) return -1;
      return fire(best, t);
    },
    settle(t) {
      if (!filled) return -1;
      const best = topGesture(smoothed);
      if (clears(best)) return fire(best, t);
      if (settleInstant > 1) return -1;
      const o = newest * L;
      const top = topGesture(history, o);
      const p = history[o + top];
      return p >= settleInstant && p >= settings.thresholds[top] && p > history[o + NONE] ? fire(top, t) : -1;
    },
    reset() {
      filled = 0;
      next = 0;
      newest = 0;
      candidate = -1;
      count = 0;
      refractoryUntil = -Infinity;
      latched = -1;
      smoothed.fill(0);
    },
  };
}
