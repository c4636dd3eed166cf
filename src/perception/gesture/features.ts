/**
 * Gesture features, shared by the browser, training and evaluation: a window of motion (head and
 * both controllers in the motion buffer's layout) is resampled by time to a fixed rate and moved
 * into a body-centred frame (origin at the window's mean head position, rotated by the window's
 * mean head yaw so the user faces -z), so the same movement anywhere in the room, facing any way,
 * gives the same features. Positions, orientations and velocities; untracked hands are masked.
 */
import type { MotionFrame } from '../../core/types';
import { MOTION_PART_STRIDE, MOTION_STRIDE, encodeMotionFrame, type MotionBuffer } from '../../sensors/motion/motion-buffer';

/** Resampling rate of the feature window, Hz. */
export const GESTURE_RATE_HZ = 20;
/** Window length, seconds. */
export const GESTURE_WINDOW_S = 2;
/** Time steps in a window. */
export const GESTURE_STEPS = Math.round(GESTURE_RATE_HZ * GESTURE_WINDOW_S);
/**
 * Channels per step:
 * head position (3), head forward (3), head up (3), head velocity (3), head forward rate (3), then
 * for left and right: tracked mask (1), position relative to the head (3), target-ray direction (3),
 * velocity relative to the head (3).
 */
export const GESTURE_CHANNELS = 35;
/** Floats in one feature window (`GESTURE_STEPS * GESTURE_CHANNELS`, step-major). */
export const GESTURE_FEATURE_SIZE = GESTURE_STEPS * GESTURE_CHANNELS;
/** First channel of each hand's block (left, right). */
export const HAND_CHANNEL_OFFSETS = [15, 25] as const;
/**
 * Channels holding an x component (body-frame left/right), used to mirror a window (left-right
 * flip) in training.
 */
export const X_CHANNELS: readonly number[] = [0, 3, 6, 9, 12, 16, 19, 22, 26, 29, 32];

/** A hand sample further than this from the resampling time is not used (seconds). */
const MAX_GAP_S = 0.2;
/** Velocities are scaled so that typical values lie within about ±1. */
const VEL_SCALE = 0.3;
const ANG_VEL_SCALE = 0.1;
/** Motion read before the window, so hands can be interpolated across a gap at its start. */
export const GESTURE_READ_MARGIN_S = MAX_GAP_S + 0.05;

/** Scratch space for `computeGestureFeatures` (allocate once per caller). */
export interface GestureFeatureScratch {
  /** Resampled frames in the motion layout, GESTURE_STEPS rows. */
  resampled: Float32Array;
}

/** Allocate scratch for `computeGestureFeatures`. */
export function createGestureFeatureScratch(): GestureFeatureScratch {
  return { resampled: new Float32Array(GESTURE_STEPS * MOTION_STRIDE) };
}

/** Find the newest tracked sample of `part` at index <= i with time >= tMin; -1 when none. */
function trackedBefore(data: Float32Array, times: ArrayLike<number>, part: number, i: number, tMin: number): number {
  for (let j = i; j >= 0 && times[j] >= tMin; j--) if (data[j * MOTION_STRIDE + part * MOTION_PART_STRIDE] >= 0.5) return j;
  return -1;
}

/** Find the oldest tracked sample of `part` at index >= i with time <= tMax; -1 when none. */
function trackedAfter(data: Float32Array, times: ArrayLike<number>, n: number, part: number, i: number, tMax: number): number {
  for (let j = i; j < n && times[j] <= tMax; j++) if (data[j * MOTION_STRIDE + part * MOTION_PART_STRIDE] >= 0.5) return j;
  return -1;
}

/** Write `part` at time `tau` (interpolated between tracked samples a and b) into row `row` of `out`. */
function writePart(
  data: Float32Array,
  times: ArrayLike<number>,
  a: number,
  b: number,
  tau: number,
  part: number,
  out: Float32Array,
  row: number,
): void {
  const o = row * MOTION_STRIDE + part * MOTION_PART_STRIDE;
  if (a < 0 && b < 0) {
    out.fill(0, o, o + MOTION_PART_STRIDE);
    return;
  }
  if (a < 0) a = b;
  if (b < 0) b = a;
  const oa = a * MOTION_STRIDE + part * MOTION_PART_STRIDE;
  const ob = b * MOTION_STRIDE + part * MOTION_PART_STRIDE;
  const span = times[b] - times[a];
  const w = a === b || span <= 0 ? 0 : Math.min(1, Math.max(0, (tau - times[a]) / span));
  out[o] = 1;
  for (let k = 1; k < 4; k++) out[o + k] = data[oa + k] + (data[ob + k] - data[oa + k]) * w;
  // Normalised lerp of quaternions, taking the shorter way round.
  const dot = data[oa + 4] * data[ob + 4] + data[oa + 5] * data[ob + 5] + data[oa + 6] * data[ob + 6] + data[oa + 7] * data[ob + 7];
  const s = dot < 0 ? -1 : 1;
  let len = 0;
  for (let k = 4; k < 8; k++) {
    const v = data[oa + k] * (1 - w) + s * data[ob + k] * w;
    out[o + k] = v;
    len += v * v;
  }
  len = Math.sqrt(len) || 1;
  for (let k = 4; k < 8; k++) out[o + k] /= len;
}

/**
 * Compute the feature window ending at `tEnd` from `n` motion frames (`data` in the motion
 * buffer's layout, `times` ascending). Times before the first frame hold the first frame (as when
 * a stream has just started). Allocation-free: writes `GESTURE_FEATURE_SIZE` floats into `out`.
 * Returns false (and zeroes `out`) when no frame has a tracked head.
 */
export function computeGestureFeatures(
  data: Float32Array,
  times: ArrayLike<number>,
  n: number,
  tEnd: number,
  out: Float32Array,
  scratch: GestureFeatureScratch,
): boolean {
  if (out.length < GESTURE_FEATURE_SIZE) throw new RangeError(`out needs ${GESTURE_FEATURE_SIZE} floats, got ${out.length}`);
  out.fill(0, 0, GESTURE_FEATURE_SIZE);
  const rs = scratch.resampled;
  if (n <= 0) return false;
  const dt = 1 / GESTURE_RATE_HZ;
  const t0 = tEnd - (GESTURE_STEPS - 1) * dt;
  // 1. Resample by time. `i` is the last frame with time <= tau (or -1).
  let i = -1;
  for (let s = 0; s < GESTURE_STEPS; s++) {
    const tau = t0 + s * dt;
    while (i + 1 < n && times[i + 1] <= tau) i++;
    // Before the first frame, hold the first frame; after the last, hold the last.
    const tq = Math.min(Math.max(tau, times[0]), times[n - 1]);
    const iq = i < 0 ? 0 : i;
    for (let part = 0; part < 3; part++) {
      // The head holds its nearest tracked pose however old; hands only across short gaps.
      const gap = part === 0 ? Infinity : MAX_GAP_S;
      const a = trackedBefore(data, times, part, iq, tq - gap);
      const b = trackedAfter(data, times, n, part, times[iq] >= tq ? iq : iq + 1, tq + gap);
      writePart(data, times, a, b, tq, part, rs, s);
    }
  }
  // 2. Reference frame: mean head position and mean horizontal heading over the window.
  let mx = 0;
  let my = 0;
  let mz = 0;
  let fx = 0;
  let fz = 0;
  let heads = 0;
  for (let s = 0; s < GESTURE_STEPS; s++) {
    const o = s * MOTION_STRIDE;
    if (rs[o] < 0.5) continue;
    heads++;
    mx += rs[o + 1];
    my += rs[o + 2];
    mz += rs[o + 3];
    const qx = rs[o + 4];
    const qy = rs[o + 5];
    const qz = rs[o + 6];
    const qw = rs[o + 7];
    fx += -2 * (qx * qz + qw * qy);
    fz += -(1 - 2 * (qx * qx + qy * qy));
  }
  if (!heads) return false;
  mx /= heads;
  my /= heads;
  mz /= heads;
  const psi = fx * fx + fz * fz > 1e-12 ? Math.atan2(-fx, -fz) : 0;
  const c = Math.cos(psi);
  const sn = Math.sin(psi);
  // 3. Per-step features in the body frame.
  for (let s = 0; s < GESTURE_STEPS; s++) {
    const o = s * MOTION_STRIDE;
    const f = s * GESTURE_CHANNELS;
    const hx = rs[o + 1] - mx;
    const hy = rs[o + 2] - my;
    const hz = rs[o + 3] - mz;
    out[f] = hx * c - hz * sn;
    out[f + 1] = hy;
    out[f + 2] = hx * sn + hz * c;
    let qx = rs[o + 4];
    let qy = rs[o + 5];
    let qz = rs[o + 6];
    let qw = rs[o + 7];
    let dx = -2 * (qx * qz + qw * qy);
    let dy = -2 * (qy * qz - qw * qx);
    let dz = -(1 - 2 * (qx * qx + qy * qy));
    out[f + 3] = dx * c - dz * sn;
    out[f + 4] = dy;
    out[f + 5] = dx * sn + dz * c;
    const ux = 2 * (qx * qy - qw * qz);
    const uy = 1 - 2 * (qx * qx + qz * qz);
    const uz = 2 * (qy * qz + qw * qx);
    out[f + 6] = ux * c - uz * sn;
    out[f + 7] = uy;
    out[f + 8] = ux * sn + uz * c;
    for (let h = 0; h < 2; h++) {
      const po = o + (h + 1) * MOTION_PART_STRIDE;
      const ho = f + HAND_CHANNEL_OFFSETS[h];
      if (rs[po] < 0.5) continue; // masked: all zero
      out[ho] = 1;
      const px = rs[po + 1] - rs[o + 1];
      const py = rs[po + 2] - rs[o + 2];
      const pz = rs[po + 3] - rs[o + 3];
      out[ho + 1] = px * c - pz * sn;
      out[ho + 2] = py;
      out[ho + 3] = px * sn + pz * c;
      qx = rs[po + 4];
      qy = rs[po + 5];
      qz = rs[po + 6];
      qw = rs[po + 7];
      dx = -2 * (qx * qz + qw * qy);
      dy = -2 * (qy * qz - qw * qx);
      dz = -(1 - 2 * (qx * qx + qy * qy));
      out[ho + 4] = dx * c - dz * sn;
      out[ho + 5] = dy;
      out[ho + 6] = dx * sn + dz * c;
    }
  }
  // 4. Velocities by finite differences (the first step copies the second).
  for (let s = 1; s < GESTURE_STEPS; s++) {
    const f = s * GESTURE_CHANNELS;
    const p = f - GESTURE_CHANNELS;
    for (let k = 0; k < 3; k++) {
      out[f + 9 + k] = (out[f + k] - out[p + k]) * GESTURE_RATE_HZ * VEL_SCALE;
      out[f + 12 + k] = (out[f + 3 + k] - out[p + 3 + k]) * GESTURE_RATE_HZ * ANG_VEL_SCALE;
    }
    for (let h = 0; h < 2; h++) {
      const ho = HAND_CHANNEL_OFFSETS[h];
      if (out[f + ho] < 0.5 || out[p + ho] < 0.5) continue;
      for (let k = 0; k < 3; k++) out[f + ho + 7 + k] = (out[f + ho + 1 + k] - out[p + ho + 1 + k]) * GESTURE_RATE_HZ * VEL_SCALE;
    }
  }
  for (let k = 9; k < 15; k++) out[k] = out[GESTURE_CHANNELS + k];
  for (let h = 0; h < 2; h++) {
    const ho = HAND_CHANNEL_OFFSETS[h];
    if (out[ho] >= 0.5 && out[GESTURE_CHANNELS + ho] >= 0.5)
      for (let k = 7; k < 10; k++) out[ho + k] = out[GESTURE_CHANNELS + ho + k];
  }
  return true;
}

/** Scratch for `computeGestureFeaturesFromBuffer`, sized for one motion buffer. */
export interface GestureBufferScratch extends GestureFeatureScratch {
  data: Float32Array;
  times: Float64Array;
}

/** Allocate scratch to read windows from `motion` (once, outside the frame loop). */
export function createGestureBufferScratch(motion: MotionBuffer): GestureBufferScratch {
  const cap = motion.buffer.capacity;
  return { ...createGestureFeatureScratch(), data: new Float32Array(cap * MOTION_STRIDE), times: new Float64Array(cap) };
}

/**
 * Read the window ending at `tEnd` from a motion buffer and compute its features into `out`
 * (allocation-free: the streaming path). Returns false when the buffer holds no tracked head.
 */
export function computeGestureFeaturesFromBuffer(motion: MotionBuffer, tEnd: number, out: Float32Array, scratch: GestureBufferScratch): boolean {
  const from = tEnd - GESTURE_WINDOW_S - GESTURE_READ_MARGIN_S;
  const n = motion.buffer.readWindow(from, tEnd, scratch.data, scratch.times);
  return computeGestureFeatures(scratch.data, scratch.times, n, tEnd, out, scratch);
}

/** Motion frames packed in the buffer layout (for tools and tests). */
export interface PackedMotion {
  data: Float32Array;
  times: Float64Array;
  n: number;
}

/** Pack `MotionFrame`s into the motion buffer's layout (allocates; for tools and tests). */
export function packMotionFrames(frames: readonly MotionFrame[]): PackedMotion {
  const data = new Float32Array(frames.length * MOTION_STRIDE);
  const times = new Float64Array(frames.length);
  frames.forEach((fr, i) => {
    encodeMotionFrame(fr, data, i);
    times[i] = fr.t;
  });
  return { data, times, n: frames.length };
}

/** Features of the window ending at `tEnd` of a list of frames (allocates; for tools and tests). */
export function gestureFeaturesOfFrames(frames: readonly MotionFrame[], tEnd: number, out = new Float32Array(GESTURE_FEATURE_SIZE)): Float32Array {
  const p = packMotionFrames(frames);
  computeGestureFeatures(p.data, p.times, p.n, tEnd, out, createGestureFeatureScratch());
  return out;
}

/** Mirror a feature window left-right in place (negate x, swap hands): a training augmentation. */
export function mirrorGestureFeatures(win: Float32Array, offset = 0): void {
  for (let s = 0; s < GESTURE_STEPS; s++) {
    const f = offset + s * GESTURE_CHANNELS;
    for (const k of X_CHANNELS) win[f + k] = -win[f + k];
    for (let k = 0; k < 10; k++) {
      const a = win[f + HAND_CHANNEL_OFFSETS[0] + k];
      win[f + HAND_CHANNEL_OFFSETS[0] + k] = win[f + HAND_CHANNEL_OFFSETS[1] + k];
      win[f + HAND_CHANNEL_OFFSETS[1] + k] = a;
    }
  }
}
