/**
 * The EVALUATION motion generator, structurally different from the training one (synth.ts) and
 * used only to score models, never to train or tune them:
 * - hands follow Catmull-Rom splines through timed keyframes with sine ease timing (training uses
 *   min-jerk segments and sinusoids);
 * - controller orientation is keyframed directly (aim direction + palm roll, slerped) from a
 *   heuristic elbow, not solved by IK;
 * - body proportions are drawn from a normal distribution with different ratios; head sway is an
 *   Ornstein-Uhlenbeck random walk; sampling follows device profiles (72/90/120 Hz headsets with
 *   missed frames, a throttled 30-45 Hz browser), and hands drop out in bursts near the face;
 * - `none` includes motions the training generator never makes (clapping, shrugging, bending down
 *   to pick something up, adjusting the headset, crossing arms, stretching).
 *
 * `node --import tsx scripts/gesture/synth-heldout.ts --out DIR --per-label 40 --seed 7`
 * writes `label__0001.json` clips in the contract format.
 */
import type { GestureLabel, Pose, Quat, Vec3 } from '../../src/core/types';
import { GESTURE_LABELS } from '../../src/core/types';
import { add, createRng, lerp3, norm, parseArgs, qaxis, qeuler, qlook, qmul, qnorm, qrot, qslerp, scale, sub, writeClips, type MotionClip, type Rng } from './motion-math';

const DEG = Math.PI / 180;

/** Sine ease-in-out. */
const ease = (u: number) => 0.5 - 0.5 * Math.cos(Math.PI * Math.min(1, Math.max(0, u)));

/** A keyframed track of 3-vectors: Catmull-Rom through the keys, with eased time in each span. */
function spline(keys: [number, Vec3][]): (t: number) => Vec3 {
  return (t) => {
    if (t <= keys[0][0]) return keys[0][1];
    const last = keys.length - 1;
    if (t >= keys[last][0]) return keys[last][1];
    let i = 0;
    while (keys[i + 1][0] < t) i++;
    const p0 = keys[Math.max(0, i - 1)][1];
    const p1 = keys[i][1];
    const p2 = keys[i + 1][1];
    const p3 = keys[Math.min(last, i + 2)][1];
    const u = ease((t - keys[i][0]) / (keys[i + 1][0] - keys[i][0]));
    const u2 = u * u;
    const u3 = u2 * u;
    const cr = (a: number, b: number, c: number, d: number) => 0.5 * (2 * b + (-a + c) * u + (2 * a - 5 * b + 4 * c - d) * u2 + (-a + 3 * b - 3 * c + d) * u3);
    return [cr(p0[0], p1[0], p2[0], p3[0]), cr(p0[1], p1[1], p2[1], p3[1]), cr(p0[2], p1[2], p2[2], p3[2])];
  };
}

/** A keyframed scalar track (eased linear). */
function track(keys: [number, number][]): (t: number) => number {
  return (t) => {
    if (t <= keys[0][0]) return keys[0][1];
    for (let i = 1; i < keys.length; i++) if (t <= keys[i][0]) return keys[i - 1][1] + (keys[i][1] - keys[i - 1][1]) * ease((t - keys[i - 1][0]) / (keys[i][0] - keys[i - 1][0]));
    return keys[keys.length - 1][1];
  };
}

/** Ornstein-Uhlenbeck noise sampled on a fixed grid, read by time. */
function ou(rng: Rng, sigma: number, theta: number, duration: number): (t: number) => Vec3 {
  const dt = 1 / 200;
  const n = Math.ceil(duration / dt) + 2;
  const xs: Vec3[] = [[0, 0, 0]];
  for (let i = 1; i < n; i++) {
    const p = xs[i - 1];
    xs.push(p.map((v) => v - theta * v * dt + sigma * Math.sqrt(dt) * rng.normal()) as Vec3);
  }
  return (t) => xs[Math.min(n - 1, Math.max(0, Math.round(t / dt)))];
}

interface Body {
  eye: number;
  shoulderY: number;
  shoulderX: number;
  arm: number;
  waist: number;
}

function makeBody(rng: Rng): Body {
  const h = Math.min(1.97, Math.max(1.48, rng.normal(1.71, 0.1)));
  return { eye: h - rng.uniform(0.1, 0.13), shoulderY: h * rng.uniform(0.79, 0.83), shoulderX: rng.uniform(0.16, 0.23), arm: h * rng.uniform(0.36, 0.41), waist: h * rng.uniform(0.56, 0.62) };
}

interface HandKey {
  p: (t: number) => Vec3;
  /** Extra rotation of the aim about its local x (pitch, + up) over time. */
  pitch?: (t: number) => number;
  /** Palm roll over time. */
  roll?: (t: number) => number;
  /** Aim override: direction in the body frame (else elbow heuristic). */
  aim?: (t: number) => Vec3 | null;
}

interface Plan {
  duration: number;
  complete: number;
  head: { yaw: (t: number) => number; pitch: (t: number) => number; roll?: (t: number) => number; bob?: (t: number) => Vec3 };
  hands: [HandKey | null, HandKey | null];
  walk?: (t: number) => { p: Vec3; yaw: number };
}

function plan(label: GestureLabel, rng: Rng, b: Body): Plan {
  const side = rng.chance(0.7) ? 1 : -1; // which hand: + right
  const hi = side > 0 ? 1 : 0;
  const sh = (s: number): Vec3 => [s * b.shoulderX, b.shoulderY, 0];
  const restFor = (s: number): Vec3 =>
    rng.chance(0.5) ? [s * rng.uniform(0.15, 0.3), b.waist + rng.uniform(-0.05, 0.12), -rng.uniform(0.15, 0.32)] : [s * rng.uniform(0.2, 0.3), b.waist - rng.uniform(0.05, 0.15), rng.uniform(-0.08, 0.02)];
  const rest: [Vec3, Vec3] = [restFor(-1), restFor(1)];
  const fidget = [ou(rng, 0.015, 1.5, 3.2), ou(rng, 0.015, 1.5, 3.2)];
  const idleHand = (h: number): HandKey => ({ p: (t) => add(rest[h], fidget[h](t)) });
  const hands: [HandKey | null, HandKey | null] = [idleHand(0), idleHand(1)];
  if (rng.chance(0.08)) hands[1 - hi] = null; // one controller only
  const headYaw0 = rng.uniform(-10, 10) * DEG;
  const headPitch0 = rng.uniform(-15, 5) * DEG;
  const head: Plan['head'] = { yaw: () => headYaw0, pitch: () => headPitch0 };
  const lead = rng.uniform(0.05, 0.6);
  const dir = (az: number, el: number): Vec3 => [Math.sin(az) * Math.cos(el), Math.sin(el), -Math.cos(az) * Math.cos(el)];
  const r = rest[hi];
  let complete = Infinity;
  let end = lead;
  switch (label) {
    case 'wave': {
      const f = rng.uniform(1.5, 3.5);
      const half = 0.5 / f;
      const halves = rng.int(3, 8);
      const cx = side * rng.uniform(0.12, 0.4);
      const cy = b.shoulderY + rng.uniform(0.02, 0.35);
      const cz = -rng.uniform(0.1, 0.35);
      const amp = rng.uniform(0.07, 0.2);
      const up = lead + rng.uniform(0.3, 0.6);
      const keys: [number, Vec3][] = [[lead, r], [up, [cx, cy, cz]]];
      for (let k = 0; k < halves; k++) {
        const s = k % 2 ? -1 : 1;
        keys.push([up + (k + 0.5) * half, [cx + s * amp, cy - 0.25 * amp * Math.abs(s), cz]]);
      }
      end = up + halves * half + 0.05;
      if (rng.chance(0.4)) keys.push([end + 0.4, r]);
      const sp = spline(keys);
      const lean = rng.uniform(-0.5, -0.2);
      hands[hi] = { p: sp, aim: (t) => (t > up - 0.1 && t < end ? norm([(sp(t)[0] - cx) * 1.5, 1, lean]) : null) };
      complete = up + 2.2 * half;
      break;
    }
    case 'beckon': {
      const f = rng.uniform(0.8, 2.0);
      const n = rng.int(2, 4);
      const out: Vec3 = [side * rng.uniform(0.05, 0.25), b.shoulderY - rng.uniform(0.1, 0.3), -rng.uniform(0.3, 0.45)];
      const pull = rng.uniform(0.03, 0.12);
      const inn: Vec3 = add(out, [0, pull * 0.4, pull]);
      const up = lead + rng.uniform(0.3, 0.6);
      const keys: [number, Vec3][] = [[lead, r], [up, out]];
      const pitchKeys: [number, number][] = [[lead, 0], [up, 10 * DEG]];
      const curl = rng.uniform(25, 60) * DEG;
      for (let k = 0; k < n; k++) {
        keys.push([up + (k + 0.4) / f, inn], [up + (k + 1) / f, out]);
        pitchKeys.push([up + (k + 0.4) / f, 10 * DEG + curl], [up + (k + 1) / f, 10 * DEG]);
      }
      end = up + n / f;
      hands[hi] = { p: spline(keys), pitch: track(pitchKeys), roll: () => Math.PI * (rng.chance(0.5) ? 1 : 0.95) };
      complete = up + 1.6 / f;
      break;
    }
    case 'point': {
      const az = side * rng.uniform(-35, 85) * DEG;
      const el = rng.uniform(-50, 25) * DEG;
      const d = dir(az, el);
      const tip = add(sh(side), scale(d, b.arm * rng.uniform(0.88, 1.0)));
      const t1 = lead + rng.uniform(0.3, 0.7);
      const hold = rng.uniform(0.6, 1.8);
      end = t1 + hold;
      const keys: [number, Vec3][] = [[lead, r], [t1, tip], [end, add(tip, [rng.normal(0, 0.015), rng.normal(0, 0.015), 0])]];
      if (rng.chance(0.3)) keys.push([end + 0.5, r]);
      const sp = spline(keys);
      hands[hi] = { p: sp, aim: (t) => (t > t1 - 0.15 && t < end ? norm(add(d, [rng.normal(0, 0.01), rng.normal(0, 0.01), 0])) : null) };
      head.yaw = track([[lead, headYaw0], [t1, headYaw0 + az * rng.uniform(0, 0.8)]]);
      complete = t1 + 0.55;
      break;
    }
    case 'push': {
      const both = rng.chance(0.25);
      const t1 = lead + rng.uniform(0.2, 0.45);
      const t2 = t1 + rng.uniform(0.15, 0.35);
      end = t2 + rng.uniform(0.45, 1.2);
      const y = b.shoulderY + rng.uniform(-0.2, 0.05);
      for (const s of both ? [-1, 1] : [side]) {
        const h = s > 0 ? 1 : 0;
        const near: Vec3 = [s * rng.uniform(0.1, 0.2), y, -rng.uniform(0.15, 0.22)];
        const far: Vec3 = [s * rng.uniform(0.05, 0.2), y + rng.uniform(-0.03, 0.05), -b.arm * rng.uniform(0.8, 0.95)];
        const palm = rng.uniform(55, 90) * DEG;
        hands[h] = { p: spline([[lead, rest[h]], [t1, near], [t2, far], [end, far]]), pitch: track([[lead, 0], [t1, palm], [end, palm]]) };
      }
      complete = t2 + 0.3;
      break;
    }
    case 'nod': {
      const n = rng.int(1, 3);
      const keys: [number, number][] = [[lead, headPitch0]];
      let t = lead;
      for (let k = 0; k < n; k++) {
        t += rng.uniform(0.15, 0.35);
        keys.push([t, headPitch0 - rng.uniform(10, 28) * DEG]);
        t += rng.uniform(0.15, 0.35);
        keys.push([t, headPitch0 + rng.uniform(-3, 5) * DEG]);
        if (k === 0) complete = t;
      }
      end = t;
      head.pitch = track(keys);
      break;
    }
    case 'shake': {
      const segs = rng.int(2, 6);
      const a = rng.uniform(12, 35) * DEG;
      const first = rng.chance(0.5) ? 1 : -1;
      const keys: [number, number][] = [[lead, headYaw0]];
      let t = lead;
      for (let k = 0; k < segs; k++) {
        t += rng.uniform(0.12, 0.3);
        keys.push([t, headYaw0 + first * (k % 2 ? -1 : 1) * a * rng.uniform(0.8, 1.1)]);
        if (k === 1) complete = t;
      }
      t += rng.uniform(0.12, 0.25);
      keys.push([t, headYaw0]);
      if (segs < 2) complete = t;
      end = t;
      head.yaw = track(keys);
      break;
    }
    case 'none':
      return planNone(rng, b, rest, hands, head, lead, side, hi, sh, dir);
  }
  const duration = Math.min(3, Math.max(1, end + rng.uniform(0.05, 0.5)));
  return { duration, complete, head, hands };
}

const HELDOUT_NONE = ['idle', 'walk', 'look-around', 'pick-up', 'adjust-headset', 'talk', 'clap', 'shrug', 'cross-arms', 'stretch', 'single-swing', 'brief-point', 'raised-hand', 'look-at-hand'] as const;

function planNone(
  rng: Rng,
  b: Body,
  rest: [Vec3, Vec3],
  hands: [HandKey | null, HandKey | null],
  head: Plan['head'],
  lead: number,
  side: number,
  hi: number,
  sh: (s: number) => Vec3,
  dir: (az: number, el: number) => Vec3,
): Plan {
  const kind = rng.pick(HELDOUT_NONE);
  const duration = rng.uniform(1, 3);
  const r = rest[hi];
  let walk: Plan['walk'];
  const y0 = head.yaw(0);
  const p0 = head.pitch(0);
  switch (kind) {
    case 'idle':
      break;
    case 'walk': {
      const v = rng.uniform(0.4, 1.2);
      const curve = rng.uniform(-0.5, 0.5);
      const step = rng.uniform(1.6, 2.1);
      walk = (t) => ({ p: [Math.sin(curve * t) * v * t * 0.5, 0.02 * Math.sin(2 * Math.PI * step * t), -v * t], yaw: curve * t });
      head.bob = (t) => [0.015 * Math.sin(Math.PI * step * t), 0, 0];
      for (const h of [0, 1]) {
        const hk = hands[h];
        if (hk) hands[h] = { p: (t) => add(rest[h], [0, 0, 0.08 * Math.sin(Math.PI * step * t + h * Math.PI)]) };
      }
      break;
    }
    case 'look-around': {
      const keys: [number, number][] = [[lead, y0]];
      const pk: [number, number][] = [[lead, p0]];
      let t = lead;
      while (t < duration) {
        t += rng.uniform(0.4, 1.1);
        keys.push([t, y0 + rng.uniform(-90, 90) * DEG]);
        pk.push([t, p0 + rng.uniform(-20, 20) * DEG]);
        t += rng.uniform(0.1, 0.8);
        keys.push([t, keys[keys.length - 1][1]]);
        pk.push([t, pk[pk.length - 1][1]]);
      }
      head.yaw = track(keys);
      head.pitch = track(pk);
      break;
    }
    case 'pick-up': {
      const t1 = lead + rng.uniform(0.5, 0.9);
      const low: Vec3 = [side * rng.uniform(0.1, 0.35), rng.uniform(0.3, 0.7), -rng.uniform(0.3, 0.5)];
      hands[hi] = { p: spline([[lead, r], [t1, low], [t1 + rng.uniform(0.1, 0.3), low], [t1 + 1, r]]) };
      head.pitch = track([[lead, p0], [t1, p0 - rng.uniform(30, 55) * DEG], [t1 + 1, p0]]);
      head.bob = (t) => [0, -0.35 * Math.sin(Math.PI * Math.min(1, Math.max(0, (t - lead) / (t1 + 1 - lead)))), -0.1];
      break;
    }
    case 'adjust-headset': {
      const t1 = lead + rng.uniform(0.3, 0.6);
      const at: Vec3 = [side * 0.09, b.eye + 0.03, -0.02];
      hands[hi] = { p: spline([[lead, r], [t1, at], [t1 + rng.uniform(0.3, 1.0), add(at, [0, 0.02, 0])], [t1 + 1.6, r]]), pitch: () => 50 * DEG };
      break;
    }
    case 'talk': {
      for (const h of rng.chance(0.6) ? [0, 1] : [hi]) {
        const s = h ? 1 : -1;
        const keys: [number, Vec3][] = [[0, rest[h]]];
        let t = rng.uniform(0.1, 0.4);
        while (t < duration + 0.5) {
          keys.push([t, [s * rng.uniform(0.05, 0.3), b.waist + rng.uniform(0.05, 0.35), -rng.uniform(0.2, 0.45)]]);
          t += rng.uniform(0.25, 0.7);
        }
        hands[h] = { p: spline(keys), roll: track(keys.map(([tt], i) => [tt, ((i % 3) - 1) * 40 * DEG])) };
      }
      break;
    }
    case 'clap': {
      const n = rng.int(2, 5);
      const f = rng.uniform(2, 4);
      const c: Vec3 = [0, b.shoulderY - rng.uniform(0.1, 0.3), -rng.uniform(0.25, 0.4)];
      const t1 = lead + 0.35;
      for (const h of [0, 1]) {
        const s = h ? 1 : -1;
        const keys: [number, Vec3][] = [[lead, rest[h]], [t1, add(c, [s * 0.12, 0, 0])]];
        for (let k = 0; k < n; k++) keys.push([t1 + (k + 0.5) / f, add(c, [s * 0.03, 0, 0])], [t1 + (k + 1) / f, add(c, [s * 0.13, 0, 0])]);
        hands[h] = { p: spline(keys), aim: () => [-s * 0.3, 0.3, -0.9] };
      }
      break;
    }
    case 'shrug': {
      const t1 = lead + rng.uniform(0.3, 0.5);
      for (const h of [0, 1]) {
        const s = h ? 1 : -1;
        const out: Vec3 = [s * rng.uniform(0.3, 0.45), b.waist + rng.uniform(0.05, 0.2), -rng.uniform(0.15, 0.3)];
        hands[h] = { p: spline([[lead, rest[h]], [t1, out], [t1 + rng.uniform(0.3, 0.8), out], [t1 + 1.3, rest[h]]]), roll: () => s * 90 * DEG };
      }
      head.roll = track([[lead, 0], [t1, rng.uniform(-12, 12) * DEG], [t1 + 1, 0]]);
      break;
    }
    case 'cross-arms': {
      const t1 = lead + rng.uniform(0.5, 0.9);
      for (const h of [0, 1]) {
        const s = h ? 1 : -1;
        const tgt: Vec3 = [-s * 0.12, b.shoulderY - 0.25, -0.12];
        hands[h] = { p: spline([[lead, rest[h]], [t1, tgt]]) };
      }
      break;
    }
    case 'stretch': {
      const t1 = lead + rng.uniform(0.6, 1.2);
      for (const h of rng.chance(0.6) ? [0, 1] : [hi]) {
        const s = h ? 1 : -1;
        const tgt = add(sh(s), scale(dir(s * rng.uniform(0, 30) * DEG, rng.uniform(50, 85) * DEG), b.arm * 0.95));
        hands[h] = { p: spline([[lead, rest[h]], [t1, tgt], [t1 + rng.uniform(0.3, 1), tgt], [t1 + 1.8, rest[h]]]) };
      }
      head.pitch = track([[lead, p0], [t1, p0 + 15 * DEG]]);
      break;
    }
    case 'single-swing': {
      const t1 = lead + rng.uniform(0.3, 0.6);
      const c: Vec3 = [side * rng.uniform(0.15, 0.35), b.shoulderY + rng.uniform(0.05, 0.3), -rng.uniform(0.1, 0.3)];
      const amp = rng.uniform(0.08, 0.18);
      hands[hi] = { p: spline([[lead, r], [t1, add(c, [-amp, 0, 0])], [t1 + rng.uniform(0.15, 0.3), add(c, [amp, 0, 0])], [t1 + rng.uniform(0.8, 1.5), r]]) };
      break;
    }
    case 'brief-point': {
      const d = dir(side * rng.uniform(-30, 80) * DEG, rng.uniform(-40, 20) * DEG);
      const tip = add(sh(side), scale(d, b.arm * 0.95));
      const t1 = lead + rng.uniform(0.3, 0.5);
      const hold = rng.uniform(0.05, 0.3);
      hands[hi] = { p: spline([[lead, r], [t1, tip], [t1 + hold, tip], [t1 + hold + rng.uniform(0.3, 0.5), r]]), aim: (t) => (t > t1 - 0.1 && t < t1 + hold + 0.1 ? d : null) };
      break;
    }
    case 'raised-hand': {
      const t1 = lead + rng.uniform(0.3, 0.6);
      const c: Vec3 = [side * rng.uniform(0.15, 0.3), b.shoulderY + rng.uniform(0.1, 0.35), -rng.uniform(0.05, 0.25)];
      hands[hi] = { p: spline([[lead, r], [t1, c], [t1 + rng.uniform(0.5, 2), c]]), aim: (t) => (t > t1 - 0.1 ? [0, 1, -0.3] : null) };
      break;
    }
    case 'look-at-hand': {
      const t1 = lead + rng.uniform(0.3, 0.6);
      const c: Vec3 = [side * rng.uniform(0.0, 0.15), b.shoulderY - rng.uniform(0.05, 0.2), -rng.uniform(0.25, 0.4)];
      hands[hi] = { p: spline([[lead, r], [t1, c], [t1 + rng.uniform(0.4, 1.2), c], [t1 + 1.8, r]]), roll: () => side * 80 * DEG };
      head.pitch = track([[lead, p0], [t1, p0 - rng.uniform(20, 35) * DEG]]);
      break;
    }
  }
  return { duration, complete: Infinity, head, hands, walk };
}

interface Device {
  hz: number;
  jitter: number;
  missP: number;
}

const DEVICES: Device[] = [
  { hz: 72, jitter: 0.01, missP: 0.01 },
  { hz: 90, jitter: 0.02, missP: 0.02 },
  { hz: 120, jitter: 0.03, missP: 0.02 },
  { hz: 60, jitter: 0.05, missP: 0.03 },
  { hz: 45, jitter: 0.15, missP: 0.03 },
  { hz: 30, jitter: 0.25, missP: 0.02 },
];

/** Render a plan to frames (world placement, orientation keyframes, device sampling, dropouts). */
function renderPlan(p: Plan, b: Body, rng: Rng, label: GestureLabel): MotionClip {
  const dev = rng.pick(DEVICES);
  const hz = rng.chance(0.3) ? Math.round(rng.uniform(30, 120)) : dev.hz;
  const origin: Vec3 = [rng.uniform(-4, 4), 0, rng.uniform(-4, 4)];
  const yaw0 = rng.uniform(-Math.PI, Math.PI);
  const headSway = ou(rng, rng.uniform(0.004, 0.012), 1.2, p.duration + 0.2);
  const headRot = ou(rng, rng.uniform(0.01, 0.03), 1.5, p.duration + 0.2);
  const start = rng.chance(0.3) ? 0 : rng.uniform(1, 3000);
  const loss = [0, 0];
  const lossP = rng.uniform(0, 0.015);
  const smoothQ: (Quat | null)[] = [null, null];
  const frames: MotionClip['frames'] = [];
  let t = 0;
  while (t <= p.duration) {
    const w = p.walk?.(t) ?? { p: [0, 0, 0] as Vec3, yaw: 0 };
    const qb = qaxis([0, 1, 0], yaw0 + w.yaw);
    const base = add(origin, qrot(qaxis([0, 1, 0], yaw0), w.p));
    const hr = headRot(t);
    const qh = qeuler(p.head.yaw(t) + hr[0], p.head.pitch(t) + hr[1], (p.head.roll?.(t) ?? 0) + hr[2] * 0.5);
    const headLocal = add(add([0, b.eye, -0.03], headSway(t)), p.head.bob?.(t) ?? [0, 0, 0]);
    // The head turns about the neck: the eyes move with it.
    const headPos = add(headLocal, sub(qrot(qh, [0, 0.08, -0.09]), [0, 0.08, -0.09]));
    const frame: MotionClip['frames'][number] = { t: start + t, head: { p: add(base, qrot(qb, headPos)), q: qmul(qb, qh) }, left: null, right: null };
    for (const h of [0, 1]) {
      const hk = p.hands[h];
      const s = h ? 1 : -1;
      if (!hk) continue;
      const hp = hk.p(t);
      // Near the face tracking often drops out.
      const nearFace = Math.hypot(hp[0] - headPos[0], hp[1] - headPos[1], hp[2] - headPos[2]) < 0.2;
      if (loss[h] > 0) loss[h]--;
      else if (rng.chance(lossP + (nearFace ? 0.08 : 0))) loss[h] = rng.int(1, 12);
      // Orientation: aim from a heuristic elbow (below and outside the hand, towards the shoulder).
      const elbow = lerp3([s * b.shoulderX, b.shoulderY, 0], hp, 0.45);
      elbow[1] -= 0.12;
      elbow[0] += s * 0.05;
      const aim = hk.aim?.(t) ?? norm(sub(hp, elbow));
      let q = qlook(aim, [0, 1, 0.3]);
      q = qmul(q, qeuler(0, hk.pitch?.(t) ?? 0, hk.roll?.(t) ?? 0));
      // Orientation changes are smoothed (a wrist cannot snap), unlike positions.
      smoothQ[h] = smoothQ[h] ? qslerp(smoothQ[h]!, q, 0.35) : q;
      if (loss[h] > 0) continue;
      const pose: Pose = {
        p: add(base, qrot(qb, add(hp, [rng.normal(0, 0.0008), rng.normal(0, 0.0008), rng.normal(0, 0.0008)]))),
        q: qnorm(qmul(qb, smoothQ[h]!)),
      };
      if (h === 0) frame.left = pose;
      else frame.right = pose;
    }
    frames.push(frame);
    let dt = (1 / hz) * Math.max(0.4, 1 + rng.normal(0, dev.jitter));
    while (rng.chance(dev.missP)) dt += 1 / hz; // a missed frame
    t += dt;
  }
  return { label, hz, frames };
}

/** Generate one held-out clip of `label`. */
export function heldoutClip(label: GestureLabel, rng: Rng): MotionClip {
  for (;;) {
    const b = makeBody(rng);
    const p = plan(label, rng, b);
    if (label === 'none' || p.complete <= p.duration - 0.05) return renderPlan(p, b, rng, label);
  }
}

/** Generate `perLabel` held-out clips of every label (none gets `noneFactor` times as many). */
export function heldoutDataset(perLabel: number, seed: number, noneFactor = 2): MotionClip[] {
  const rng = createRng(seed ^ 0x5eed);
  const clips: MotionClip[] = [];
  for (const label of GESTURE_LABELS) for (let i = 0; i < perLabel * (label === 'none' ? noneFactor : 1); i++) clips.push(heldoutClip(label, rng));
  return clips;
}

function cli(args: string[]): void {
  const a = parseArgs(args);
  const out = a.get('out');
  if (!out) throw new Error('usage: synth-heldout.ts --out DIR [--per-label N] [--seed S] [--none-factor K]');
  const clips = heldoutDataset(Number(a.get('per-label') ?? 40), Number(a.get('seed') ?? 7), Number(a.get('none-factor') ?? 2));
  writeClips(out, clips);
  console.log(`wrote ${clips.length} held-out clips to ${out}`);
}

if (import.meta.url === `file://${process.argv[1]}`) cli(process.argv.slice(2));
