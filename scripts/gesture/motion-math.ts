/**
 * Small vector/quaternion helpers, a seeded RNG and the clip JSON writer shared by the two motion
 * generators (synth.ts for training, synth-heldout.ts for evaluation). Kinematics differ between
 * the generators and live in their own files.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MotionFrame, Quat, Vec3 } from '../../src/core/types';

/** A seeded PRNG (mulberry32) with helpers. */
export interface Rng {
  (): number;
  uniform(a: number, b: number): number;
  int(a: number, b: number): number;
  normal(mean?: number, sd?: number): number;
  pick<T>(xs: readonly T[]): T;
  chance(p: number): boolean;
}

/** Create a seeded RNG. */
export function createRng(seed: number): Rng {
  let s = seed >>> 0;
  const next = (() => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }) as Rng;
  next.uniform = (a, b) => a + (b - a) * next();
  next.int = (a, b) => Math.floor(a + (b - a + 1) * next());
  next.normal = (mean = 0, sd = 1) => mean + sd * Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
  next.pick = (xs) => xs[Math.floor(next() * xs.length)];
  next.chance = (p) => next() < p;
  return next;
}

/** a + b */
export const add = (a: Vec3, b: Vec3): Vec3 => [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
/** a - b */
export const sub = (a: Vec3, b: Vec3): Vec3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
/** a * k */
export const scale = (a: Vec3, k: number): Vec3 => [a[0] * k, a[1] * k, a[2] * k];
/** Dot product. */
export const dot = (a: Vec3, b: Vec3): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
/** Cross product. */
export const cross = (a: Vec3, b: Vec3): Vec3 => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
/** Length. */
export const len = (a: Vec3): number => Math.hypot(a[0], a[1], a[2]);
/** Unit vector (returns [0,0,-1] for a zero vector). */
export const norm = (a: Vec3): Vec3 => {
  const l = len(a);
  return l > 1e-9 ? scale(a, 1 / l) : [0, 0, -1];
};
/** Linear interpolation. */
export const lerp3 = (a: Vec3, b: Vec3, u: number): Vec3 => [a[0] + (b[0] - a[0]) * u, a[1] + (b[1] - a[1]) * u, a[2] + (b[2] - a[2]) * u];

/** Quaternion product a * b. */
export function qmul(a: Quat, b: Quat): Quat {
  const [ax, ay, az, aw] = a;
  const [bx, by, bz, bw] = b;
  return [
    aw * bx + ax * bw + ay * bz - az * by,
    aw * by - ax * bz + ay * bw + az * bx,
    aw * bz + ax * by - ay * bx + az * bw,
    aw * bw - ax * bx - ay * by - az * bz,
  ];
}

/** Quaternion for a rotation of `angle` radians about unit `axis`. */
export function qaxis(axis: Vec3, angle: number): Quat {
  const s = Math.sin(angle / 2);
  return [axis[0] * s, axis[1] * s, axis[2] * s, Math.cos(angle / 2)];
}

/** Rotate v by unit quaternion q. */
export function qrot(q: Quat, v: Vec3): Vec3 {
  const [x, y, z, w] = q;
  const tx = 2 * (y * v[2] - z * v[1]);
  const ty = 2 * (z * v[0] - x * v[2]);
  const tz = 2 * (x * v[1] - y * v[0]);
  return [v[0] + w * tx + (y * tz - z * ty), v[1] + w * ty + (z * tx - x * tz), v[2] + w * tz + (x * ty - y * tx)];
}

/** Normalise a quaternion. */
export function qnorm(q: Quat): Quat {
  const l = Math.hypot(q[0], q[1], q[2], q[3]) || 1;
  return [q[0] / l, q[1] / l, q[2] / l, q[3] / l];
}

/** Spherical interpolation. */
export function qslerp(a: Quat, b: Quat, u: number): Quat {
  let d = a[0] * b[0] + a[1] * b[1] + a[2] * b[2] + a[3] * b[3];
  let bb = b;
  if (d < 0) {
    d = -d;
    bb = [-b[0], -b[1], -b[2], -b[3]];
  }
  if (d > 0.9995) return qnorm([a[0] + (bb[0] - a[0]) * u, a[1] + (bb[1] - a[1]) * u, a[2] + (bb[2] - a[2]) * u, a[3] + (bb[3] - a[3]) * u]);
  const th = Math.acos(d);
  const sa = Math.sin((1 - u) * th) / Math.sin(th);
  const sb = Math.sin(u * th) / Math.sin(th);
  return [a[0] * sa + bb[0] * sb, a[1] * sa + bb[1] * sb, a[2] * sa + bb[2] * sb, a[3] * sa + bb[3] * sb];
}

/** Rotation matrix columns (x, y, z axes) to a quaternion. */
export function qfromBasis(x: Vec3, y: Vec3, z: Vec3): Quat {
  const m00 = x[0], m10 = x[1], m20 = x[2];
  const m01 = y[0], m11 = y[1], m21 = y[2];
  const m02 = z[0], m12 = z[1], m22 = z[2];
  const tr = m00 + m11 + m22;
  let q: Quat;
  if (tr > 0) {
    const s = 0.5 / Math.sqrt(tr + 1);
    q = [(m21 - m12) * s, (m02 - m20) * s, (m10 - m01) * s, 0.25 / s];
  } else if (m00 > m11 && m00 > m22) {
    const s = 2 * Math.sqrt(1 + m00 - m11 - m22);
    q = [0.25 * s, (m01 + m10) / s, (m02 + m20) / s, (m21 - m12) / s];
  } else if (m11 > m22) {
    const s = 2 * Math.sqrt(1 + m11 - m00 - m22);
    q = [(m01 + m10) / s, 0.25 * s, (m12 + m21) / s, (m02 - m20) / s];
  } else {
    const s = 2 * Math.sqrt(1 + m22 - m00 - m11);
    q = [(m02 + m20) / s, (m12 + m21) / s, 0.25 * s, (m10 - m01) / s];
  }
  return qnorm(q);
}

/**
 * Orientation whose local -z points along `forward` and whose local +y is as close to `upHint` as
 * possible (a WebXR target-ray or viewer pose looks down its -z).
 */
export function qlook(forward: Vec3, upHint: Vec3 = [0, 1, 0]): Quat {
  const z = scale(norm(forward), -1);
  let x = cross(upHint, z);
  if (len(x) < 1e-6) x = cross([0, 0, 1], z);
  x = norm(x);
  const y = cross(z, x);
  return qfromBasis(x, y, z);
}

/** Yaw (about +y), then pitch (about local +x, positive looks up), then roll (about local -z). */
export function qeuler(yaw: number, pitch: number, roll = 0): Quat {
  return qmul(qmul(qaxis([0, 1, 0], yaw), qaxis([1, 0, 0], pitch)), qaxis([0, 0, -1], roll));
}

/** Minimum-jerk ease 0 -> 1 for u in [0, 1] (clamped). */
export function minJerk(u: number): number {
  const v = Math.min(1, Math.max(0, u));
  return v * v * v * (10 - 15 * v + 6 * v * v);
}

/** A labelled clip in the contract's JSON format. */
export interface MotionClip {
  label?: string;
  hz: number;
  frames: MotionFrame[];
}

const round = (x: number, k = 1e5) => Math.round(x * k) / k;

/** JSON text of a clip with values rounded to 0.01 mm / 1e-5 (keeps files small). */
export function clipToJson(clip: MotionClip): string {
  const pose = (p: { p: Vec3; q: Quat } | null) => (p ? { p: p.p.map((v) => round(v)), q: p.q.map((v) => round(v)) } : null);
  return JSON.stringify({
    label: clip.label,
    hz: clip.hz,
    frames: clip.frames.map((f) => ({ t: round(f.t, 1e6), head: pose(f.head), left: pose(f.left), right: pose(f.right) })),
  });
}

/** Write clips as `label__NNNN.json` into `dir` (created if missing). */
export function writeClips(dir: string, clips: readonly MotionClip[]): void {
  mkdirSync(dir, { recursive: true });
  const counts = new Map<string, number>();
  for (const clip of clips) {
    const label = clip.label ?? 'unlabelled';
    const k = (counts.get(label) ?? 0) + 1;
    counts.set(label, k);
    writeFileSync(join(dir, `${label}__${String(k).padStart(4, '0')}.json`), clipToJson(clip));
  }
}

/** Parse `--name value` / `--flag` options. */
export function parseArgs(args: string[]): Map<string, string> {
  const m = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith('--')) continue;
    const next = args[i + 1];
    if (next !== undefined && !next.startsWith('--')) {
      m.set(a.slice(2), next);
      i++;
    } else m.set(a.slice(2), 'true');
  }
  return m;
}
