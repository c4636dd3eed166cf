/**
 * The motion stream: head and both controllers' (or wrists') poses in `local-floor` space, one
 * frame per device frame, in a bounded ring buffer. Frame layout (MOTION_STRIDE floats): for each
 * of head, left, right: `[tracked (0|1), px, py, pz, qx, qy, qz, qw]`.
 */
import { createTimedRingBuffer, type TimedRingBuffer } from '../../core/ring-buffer';
import type { MotionFrame, Pose } from '../../core/types';

/** Floats per part (tracked flag, position, quaternion). */
export const MOTION_PART_STRIDE = 8;
/** Parts in order. */
export const MOTION_PARTS = ['head', 'left', 'right'] as const;
/** Floats per motion frame. */
export const MOTION_STRIDE = MOTION_PART_STRIDE * MOTION_PARTS.length;

/** A motion ring buffer plus helpers to write poses without allocating. */
export interface MotionBuffer {
  readonly buffer: TimedRingBuffer;
  /** Write one frame. Pass `null` for an untracked part. Arrays are copied. */
  push(t: number, head: Pose | null, left: Pose | null, right: Pose | null): void;
}

/** Create a motion buffer holding `seconds` of motion at up to `maxHz`. */
export function createMotionBuffer(seconds = 4, maxHz = 120): MotionBuffer {
  const buffer = createTimedRingBuffer(MOTION_STRIDE, Math.ceil(seconds * maxHz));
  const scratch = new Float32Array(MOTION_STRIDE);
  const write = (part: number, pose: Pose | null) => {
    const o = part * MOTION_PART_STRIDE;
    if (!pose) {
      scratch.fill(0, o, o + MOTION_PART_STRIDE);
      return;
    }
    scratch[o] = 1;
    scratch[o + 1] = pose.p[0];
    scratch[o + 2] = pose.p[1];
    scratch[o + 3] = pose.p[2];
    scratch[o + 4] = pose.q[0];
    scratch[o + 5] = pose.q[1];
    scratch[o + 6] = pose.q[2];
    scratch[o + 7] = pose.q[3];
  };
  return {
    buffer,
    push(t, head, left, right) {
      write(0, head);
      write(1, left);
      write(2, right);
      buffer.push(t, scratch);
    },
  };
}

/** Decode row `i` of a window read from a motion buffer into a `MotionFrame` (allocates; for tools and tests). */
export function decodeMotionFrame(data: Float32Array, i: number, t: number): MotionFrame {
  const part = (k: number): Pose | null => {
    const o = i * MOTION_STRIDE + k * MOTION_PART_STRIDE;
    if (data[o] < 0.5) return null;
    return { p: [data[o + 1], data[o + 2], data[o + 3]], q: [data[o + 4], data[o + 5], data[o + 6], data[o + 7]] };
  };
  return { t, head: part(0), left: part(1), right: part(2) };
}

/** Encode a `MotionFrame` into row `i` of `out` (the buffer's layout). */
export function encodeMotionFrame(frame: MotionFrame, out: Float32Array, i: number): void {
  MOTION_PARTS.forEach((name, k) => {
    const pose = frame[name];
    const o = i * MOTION_STRIDE + k * MOTION_PART_STRIDE;
    if (!pose) {
      out.fill(0, o, o + MOTION_PART_STRIDE);
      return;
    }
    out[o] = 1;
    out.set(pose.p, o + 1);
    out.set(pose.q, o + 4);
  });
}
