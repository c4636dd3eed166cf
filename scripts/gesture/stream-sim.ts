/**
 * Runs a clip through the app's streaming path: frames go into a motion ring buffer one by one,
 * the recognizer's `update(t)` is called after each (as the systems runner does every frame), and
 * the clip's label is the first percept it emits (`none` when it emits none). Used by
 * `npm run eval -- gesture` and the tests, so their figures are the app's.
 */
import type { MotionFrame } from '../../src/core/types';
import { createMotionBuffer } from '../../src/sensors/motion/motion-buffer';
import { createGestureRecognizer, type GesturePercept } from '../../src/perception/gesture/recognizer';
import type { GestureModel } from '../../src/perception/gesture/model';

/** What the stream made of one clip. */
export interface StreamResult {
  /** First percept's label, or 'none'. */
  label: string;
  confidence: number;
  percepts: GesturePercept[];
  /** Inferences run and their total time, ms (features + model). */
  inferences: number;
  totalMs: number;
  /** Per-inference times, ms. */
  inferenceMs: number[];
}

/** Times at which the recognizer would run inference for frames at `times` (greedy, rate-limited). */
export function inferenceSchedule(times: ArrayLike<number>, inferenceHz: number): number[] {
  const period = 1 / inferenceHz;
  const out: number[] = [];
  let last = -Infinity;
  for (let i = 0; i < times.length; i++) {
    if (times[i] - last >= period) {
      out.push(times[i]);
      last = times[i];
    }
  }
  return out;
}

/**
 * Stream `frames` through a fresh recognizer on `model`. With `flush` (the default) the clip's end
 * is the stream's end: `recognizer.flush` decides on what the last windows hold.
 */
export async function streamClip(model: GestureModel, frames: readonly MotionFrame[], options: { flush?: boolean } = {}): Promise<StreamResult> {
  const motion = createMotionBuffer(4, 160);
  const percepts: GesturePercept[] = [];
  const rec = createGestureRecognizer(model, motion, { onPercept: (p) => percepts.push(p), onError: (e) => { throw e; } });
  const inferenceMs: number[] = [];
  for (const f of frames) {
    motion.push(f.t, f.head, f.left, f.right);
    rec.update(f.t);
    if (rec.busy) {
      await rec.idle();
      inferenceMs.push(rec.lastInferenceMs);
    }
  }
  if ((options.flush ?? true) && frames.length) {
    const before = rec.inferences;
    await rec.flush(frames[frames.length - 1].t);
    if (rec.inferences > before) inferenceMs.push(rec.lastInferenceMs);
  }
  rec.dispose();
  const first = percepts[0];
  return {
    label: first?.label ?? 'none',
    confidence: first?.confidence ?? 0,
    percepts,
    inferences: inferenceMs.length,
    totalMs: inferenceMs.reduce((a, b) => a + b, 0),
    inferenceMs,
  };
}
