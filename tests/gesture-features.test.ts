import { describe, expect, it } from 'vitest';
import type { MotionFrame, Pose, Quat, Vec3 } from '../src/core/types';
import { createMotionBuffer } from '../src/sensors/motion/motion-buffer';
import {
  GESTURE_CHANNELS,
  GESTURE_FEATURE_SIZE,
  GESTURE_STEPS,
  HAND_CHANNEL_OFFSETS,
  computeGestureFeaturesFromBuffer,
  createGestureBufferScratch,
  gestureFeaturesOfFrames,
  mirrorGestureFeatures,
} from '../src/perception/gesture/features';
import { createRng, qaxis, qmul, qrot } from '../scripts/gesture/motion-math';
import { makePerformer, synthClip } from '../scripts/gesture/synth';

const clip = (label: 'wave' | 'point' | 'nod', seed: number) => synthClip(label, makePerformer(3), createRng(seed));

/** Rotate every pose about the world y axis by `yaw` and then translate by `d`. */
function moveClip(frames: MotionFrame[], yaw: number, d: Vec3): MotionFrame[] {
  const r = qaxis([0, 1, 0], yaw);
  const mv = (p: Pose | null): Pose | null => {
    if (!p) return null;
    const x = qrot(r, p.p);
    return { p: [x[0] + d[0], x[1] + d[1], x[2] + d[2]], q: qmul(r, p.q) as Quat };
  };
  return frames.map((f) => ({ t: f.t, head: mv(f.head), left: mv(f.left), right: mv(f.right) }));
}

const maxAbsDiff = (a: Float32Array, b: Float32Array) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);

describe('gesture features', () => {
  it('are the same for a clip rotated to any yaw and moved anywhere on the floor', () => {
    for (const [label, seed] of [['wave', 1], ['point', 2], ['nod', 3]] as const) {
      const c = clip(label, seed);
      const tEnd = c.frames[c.frames.length - 1].t;
      const base = gestureFeaturesOfFrames(c.frames, tEnd);
      for (const [yaw, d] of [
        [Math.PI / 2, [2.5, 0, -1.5]],
        [-2.4, [-3, 0, 3]],
        [3.1, [0.4, 0, 2.2]],
      ] as [number, Vec3][]) {
        const moved = gestureFeaturesOfFrames(moveClip(c.frames, yaw, d), tEnd);
        expect(maxAbsDiff(base, moved)).toBeLessThan(2e-3);
      }
    }
  });

  it('change when the motion changes (not trivially constant)', () => {
    const a = clip('wave', 1);
    const b = clip('nod', 3);
    const fa = gestureFeaturesOfFrames(a.frames, a.frames[a.frames.length - 1].t);
    const fb = gestureFeaturesOfFrames(b.frames, b.frames[b.frames.length - 1].t);
    expect(maxAbsDiff(fa, fb)).toBeGreaterThan(0.1);
  });

  it('put the user facing -z: a hand held straight ahead has negative z and ~zero x', () => {
    const frames: MotionFrame[] = [];
    // User at (1, 0, 2) facing +x (yaw -90 degrees), right hand 0.5 m ahead of the head.
    const q = qaxis([0, 1, 0], -Math.PI / 2) as Quat;
    for (let i = 0; i < 90; i++) {
      frames.push({ t: i / 45, head: { p: [1, 1.6, 2], q }, left: null, right: { p: [1.5, 1.3, 2], q } });
    }
    const f = gestureFeaturesOfFrames(frames, frames[89].t);
    const s = (GESTURE_STEPS - 1) * GESTURE_CHANNELS + HAND_CHANNEL_OFFSETS[1];
    expect(f[s]).toBe(1); // tracked
    expect(f[s + 1]).toBeCloseTo(0, 4); // x
    expect(f[s + 2]).toBeCloseTo(-0.3, 4); // y relative to head
    expect(f[s + 3]).toBeCloseTo(-0.5, 4); // z: ahead
    expect(f[s + 6]).toBeCloseTo(-1, 4); // target ray looks ahead
    const l = (GESTURE_STEPS - 1) * GESTURE_CHANNELS + HAND_CHANNEL_OFFSETS[0];
    expect(f[l]).toBe(0); // untracked left hand is masked
  });

  it('read time stamps: the same motion at 30 Hz with jitter and at 120 Hz gives close features', () => {
    const rng = createRng(5);
    const pose = (t: number): MotionFrame => ({
      t,
      head: { p: [0, 1.6, 0], q: [0, 0, 0, 1] },
      left: null,
      right: { p: [0.25 + 0.12 * Math.sin(2 * Math.PI * 2.5 * t), 1.65, -0.3], q: [0, 0, 0, 1] },
    });
    const slow: MotionFrame[] = [];
    for (let t = 0; t < 2.5; t += (1 / 30) * (1 + 0.2 * (rng() - 0.5))) slow.push(pose(t));
    const fast: MotionFrame[] = [];
    for (let t = 0; t < 2.5; t += 1 / 120) fast.push(pose(t));
    const fa = gestureFeaturesOfFrames(slow, 2.4);
    const fb = gestureFeaturesOfFrames(fast, 2.4);
    // Position channels agree to a few cm (linear interpolation of a 2.5 Hz swing at 30 Hz).
    for (let s = 0; s < GESTURE_STEPS; s++) expect(Math.abs(fa[s * GESTURE_CHANNELS + 26] - fb[s * GESTURE_CHANNELS + 26])).toBeLessThan(0.03);
  });

  it('bridge short dropped hand frames and mask long gaps', () => {
    const frames: MotionFrame[] = [];
    for (let i = 0; i < 120; i++) {
      const t = i / 60;
      const dropped = (i >= 50 && i < 54) || i >= 80; // 66 ms gap, then lost for good
      frames.push({ t, head: { p: [0, 1.6, 0], q: [0, 0, 0, 1] }, left: null, right: dropped ? null : { p: [0.2, 1.2, -0.3], q: [0, 0, 0, 1] } });
    }
    const f = gestureFeaturesOfFrames(frames, frames[119].t);
    const dt = 1 / 20;
    const mask = (t: number) => f[Math.round((t - (frames[119].t - (GESTURE_STEPS - 1) * dt)) / dt) * GESTURE_CHANNELS + HAND_CHANNEL_OFFSETS[1]];
    expect(mask(52 / 60)).toBe(1);
    expect(mask(1.9)).toBe(0);
  });

  it('give the same features from the motion ring buffer as from the clip', () => {
    const c = clip('wave', 4);
    const motion = createMotionBuffer(4, 160);
    for (const fr of c.frames) motion.push(fr.t, fr.head, fr.left, fr.right);
    const tEnd = c.frames[c.frames.length - 1].t;
    const out = new Float32Array(GESTURE_FEATURE_SIZE);
    expect(computeGestureFeaturesFromBuffer(motion, tEnd, out, createGestureBufferScratch(motion))).toBe(true);
    expect(maxAbsDiff(out, gestureFeaturesOfFrames(c.frames, tEnd))).toBeLessThan(1e-6);
  });

  it('mirror twice back to the original', () => {
    const c = clip('point', 6);
    const f = gestureFeaturesOfFrames(c.frames, c.frames[c.frames.length - 1].t);
    const g = Float32Array.from(f);
    mirrorGestureFeatures(g);
    expect(maxAbsDiff(f, g)).toBeGreaterThan(0.01);
    mirrorGestureFeatures(g);
    expect(maxAbsDiff(f, g)).toBe(0);
  });
});
