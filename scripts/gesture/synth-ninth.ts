/**
 * EVALUATION ONLY: never train or tune on its clips.
 *
 * Ninth motion generator: a "motion-capture-like" model. A 15-joint skeleton (pelvis, spine, chest,
 * neck, head, two clavicles, shoulders, elbows, wrists and grip points) is posed by forward
 * kinematics from joint rotations. Each clip plays a procedural "take" (a gesture or an everyday
 * motion) built as 2-3 per-person style variants that are blended joint-by-joint (quaternion slerp)
 * with Perlin-drifting weights, then crossfaded over an idle take (breathing, sway, look drift).
 * Take time is reached from clip time through a nonuniform time map made like a dynamic-time-warping
 * path (a random walk on the DTW lattice with steps (1,1), (1,2), (2,1), smoothed). Rhythm comes from
 * an irregular beat clock: log-normal beat intervals, sawtooth phase within each beat, shaped by a
 * dwell sigmoid u^g / (u^g + (1-u)^g) between per-beat extremes. Secondary motion and tremor are
 * Perlin gradient noise. Bodies: children, short and tall adults, seated and wheelchair users,
 * varied arm lengths and shoulder widths, either handedness. The tracker is a headset model with
 * latency plus over-predictive extrapolation (overshoot at reversals), rolling-shutter-like
 * velocity-dependent jitter, timestamp quantisation (1 ms or 11 ms), jittered and dropped frames,
 * whole-frame duplicates, stalls, hand-loss stretches and, in hand-tracking mode, field-of-view loss.
 * A clip whose true hand moves faster than 3.3 m/s (over 0.1 s) is redrawn.
 *
 * Built independently: written only from PERCEPTION.md's "Gestures" and "Motion clip format"
 * sections, src/core/types.ts, scripts/gesture/motion-math.ts, scripts/gesture/node-io.ts and
 * tests/support/motion.ts; no other generator, feature code, model, trainer or clip was read.
 *
 * Usage: node --import tsx scripts/gesture/synth-ninth.ts --out DIR --per-label N --seed S
 */
import { GESTURE_LABELS } from '../../src/core/types';
import type { MotionFrame, Pose, Quat, Vec3 } from '../../src/core/types';
import { add, createRng, cross, dot, len, norm, parseArgs, qaxis, qeuler, qfromBasis, qmul, qnorm, qrot, qslerp, scale, sub, writeClips } from './motion-math';
import type { MotionClip, Rng } from './motion-math';

const X: Vec3 = [1, 0, 0];
const Y: Vec3 = [0, 1, 0];
const Z: Vec3 = [0, 0, 1];
const QI: Quat = [0, 0, 0, 1];
const clamp = (x: number, a: number, b: number) => Math.min(b, Math.max(a, x));
/** Dwell sigmoid: 0 -> 1 with flat ends, steeper for larger g. */
const dwell = (u: number, g: number) => {
  const v = clamp(u, 0, 1);
  const a = Math.pow(v, g);
  const b = Math.pow(1 - v, g);
  return a / (a + b);
};
const qconj = (q: Quat): Quat => [-q[0], -q[1], -q[2], q[3]];
const rotAbout = (v: Vec3, axis: Vec3, ang: number): Vec3 => qrot(qaxis(norm(axis), ang), v);
/** q^k for a unit quaternion (scales its rotation angle). */
function qpow(q: Quat, k: number): Quat {
  const qq = q[3] < 0 ? ([-q[0], -q[1], -q[2], -q[3]] as Quat) : q;
  const s = Math.hypot(qq[0], qq[1], qq[2]);
  if (s < 1e-9) return QI;
  const ang = 2 * Math.atan2(s, qq[3]);
  return qaxis([qq[0] / s, qq[1] / s, qq[2] / s], ang * k);
}
/** Weighted slerp blend of several quaternions (incremental). */
function qblend(qs: readonly Quat[], ws: readonly number[]): Quat {
  let acc = qs[0];
  let wsum = ws[0];
  for (let i = 1; i < qs.length; i++) {
    wsum += ws[i];
    if (wsum > 1e-9) acc = qslerp(acc, qs[i], ws[i] / wsum);
  }
  return qnorm(acc);
}

// ---------------------------------------------------------------- Perlin gradient noise
type Noise = (t: number) => number;
/** A factory of independent 1D Perlin noise channels: `mk(freqHz, amplitude)`. */
function noiseFactory(rng: Rng): (freq: number, amp: number) => Noise {
  const g = Array.from({ length: 256 }, () => rng.uniform(-1, 1));
  const perlin = (x: number) => {
    const i = Math.floor(x);
    const f = x - i;
    const a = g[i & 255] * f;
    const b = g[(i + 1) & 255] * (f - 1);
    const u = f * f * f * (f * (f * 6 - 15) + 10);
    return 2 * (a + (b - a) * u);
  };
  return (freq, amp) => {
    const o1 = rng.uniform(0, 250);
    const o2 = rng.uniform(0, 250);
    return (t) => amp * 0.8 * (perlin(t * freq + o1) + 0.5 * perlin(t * freq * 2.03 + o2));
  };
}

// ---------------------------------------------------------------- irregular beat clock
interface Beats {
  t: number[];
  v: number[];
  g: number[];
}
/**
 * Extremes `v[k]` at times `t[k]`; `pattern` gives the sequence of extremes ('alt': side to side,
 * 'pull': pull then release, 'dip': down then back up). Intervals are log-normal around `half`.
 */
function makeBeats(rng: Rng, t0: number, half: number, n: number, opt: { irr: number; gamma: number; pattern: 'alt' | 'pull' | 'dip'; lo?: number; hi?: number }): Beats {
  const lo = opt.lo ?? 0.08;
  const hi = opt.hi ?? 1;
  const t = [t0];
  const v = [0];
  const g: number[] = [];
  const sign = rng.chance(0.5) ? 1 : -1;
  const rit = rng.uniform(-0.03, 0.08);
  let tt = t0;
  for (let k = 0; k <= n; k++) {
    let iv = half * Math.exp(rng.normal(0, opt.irr)) * (1 + rit * k);
    iv = clamp(iv, lo, hi);
    if (k === 0 || k === n) iv *= opt.pattern === 'alt' ? rng.uniform(0.55, 0.75) : rng.uniform(0.75, 1);
    tt += iv;
    t.push(tt);
    const a = clamp(rng.normal(1, 0.12), 0.7, 1.3);
    if (k === n) v.push(0);
    else if (opt.pattern === 'alt') v.push((k % 2 ? -1 : 1) * sign * a);
    else if (opt.pattern === 'pull') v.push(k % 2 ? -rng.uniform(0, 0.3) : a);
    else v.push(k % 2 ? rng.uniform(-0.05, 0.3) : -a);
    g.push(clamp(opt.gamma + rng.normal(0, 0.2), 1.15, 3));
  }
  return { t, v, g };
}
function beatAt(b: Beats, tau: number): number {
  const n = b.t.length;
  if (tau <= b.t[0]) return b.v[0];
  if (tau >= b.t[n - 1]) return b.v[n - 1];
  let k = 0;
  while (k < n - 2 && tau >= b.t[k + 1]) k++;
  const u = (tau - b.t[k]) / (b.t[k + 1] - b.t[k]);
  return b.v[k] + (b.v[k + 1] - b.v[k]) * dwell(u, b.g[k]);
}

// ---------------------------------------------------------------- DTW-lattice time warp
interface Warp {
  w: (t: number) => number;
  inv: (x: number) => number;
}
function makeWarp(rng: Rng, strength: number): Warp {
  const cell = 0.05;
  const cells = 80;
  const slopes: number[] = [];
  const p = rng.uniform(0.15, 0.45);
  let lastDiag = true;
  while (slopes.length < cells) {
    if (lastDiag && rng.chance(p)) {
      if (rng.chance(0.5)) slopes.push(2);
      else slopes.push(0.5, 0.5);
      lastDiag = false;
    } else {
      slopes.push(1);
      lastDiag = true;
    }
  }
  const sm = slopes.map((_, i) => {
    let s = 0;
    let c = 0;
    for (let j = Math.max(0, i - 4); j <= Math.min(slopes.length - 1, i + 4); j++) {
      s += slopes[j];
      c++;
    }
    return clamp(1 + strength * (s / c - 1), 0.86, 1.17);
  });
  const dt = 0.005;
  const tab = [0];
  for (let i = 1; i * dt <= cells * cell; i++) tab.push(tab[i - 1] + dt * sm[Math.min(sm.length - 1, Math.floor(((i - 0.5) * dt) / cell))]);
  const w = (t: number) => {
    if (t <= 0) return t;
    const x = t / dt;
    const i = Math.floor(x);
    if (i >= tab.length - 1) return tab[tab.length - 1] + (t - (tab.length - 1) * dt);
    return tab[i] + (tab[i + 1] - tab[i]) * (x - i);
  };
  const inv = (x: number) => {
    let a = Math.min(0, x) - 1;
    let b = Math.max(x, 0) * 1.3 + 1;
    for (let k = 0; k < 50; k++) {
      const m = (a + b) / 2;
      if (w(m) < x) a = m;
      else b = m;
    }
    return (a + b) / 2;
  };
  return { w, inv };
}

// ---------------------------------------------------------------- people and bodies
interface Person {
  H: number;
  seated: boolean;
  seatH: number;
  legK: number;
  armK: number;
  shK: number;
  dom: 1 | -1;
  tempo: number;
  amp: number;
  gamma: number;
  tremor: number;
  rest: { out: number; fwd: number; flex: number; pron: number };
  headPitch: number;
  rayTilt: number;
  grip: number;
  style: number;
}
function makePerson(rng: Rng): Person {
  const r = rng();
  const H = r < 0.16 ? rng.uniform(1.0, 1.45) : r < 0.3 ? rng.uniform(1.45, 1.6) : r < 0.83 ? rng.uniform(1.6, 1.86) : rng.uniform(1.86, 2.05);
  const seated = rng.chance(0.2);
  const seatH = H < 1.4 ? rng.uniform(0.32, 0.45) : rng.uniform(0.42, 0.54);
  return {
    H,
    seated,
    seatH,
    legK: rng.uniform(0.96, 1.04),
    armK: rng.uniform(0.92, 1.08),
    shK: rng.uniform(0.9, 1.12),
    dom: rng.chance(0.88) ? 1 : -1,
    tempo: Math.exp(rng.normal(0, 0.13)),
    amp: Math.exp(rng.normal(0, 0.15)),
    gamma: rng.uniform(1.4, 2.5),
    tremor: rng.chance(0.1) ? rng.uniform(0.01, 0.02) : rng.uniform(0.002, 0.007),
    rest: { out: rng.uniform(0.03, 0.2), fwd: rng.uniform(0.05, 0.35), flex: seated ? rng.uniform(1.0, 1.5) : rng.uniform(0.35, 1.45), pron: rng.uniform(0.1, 1.1) },
    headPitch: rng.uniform(-0.18, 0.06),
    rayTilt: rng.uniform(-0.35, 0.05),
    grip: rng.uniform(0.05, 0.09),
    style: rng.int(1, 1e9),
  };
}
interface Bones {
  pelvisY: number;
  spine: number;
  chest: number;
  neckY: number;
  neckZ: number;
  headY: number;
  clavY: number;
  clavZ: number;
  shX: number;
  upper: number;
  fore: number;
  eyeUp: number;
  eyeFwd: number;
}
function bonesOf(p: Person): Bones {
  const H = p.H;
  return {
    pelvisY: p.seated ? p.seatH + 0.055 * H : 0.53 * H * p.legK,
    spine: 0.07 * H,
    chest: 0.11 * H,
    neckY: 0.12 * H,
    neckZ: 0.01 * H,
    headY: 0.06 * H,
    clavY: 0.1 * H,
    clavZ: -0.02 * H,
    shX: 0.11 * H * p.shK,
    upper: 0.186 * H * p.armK,
    fore: 0.146 * H * p.armK,
    eyeUp: 0.045 * H,
    eyeFwd: 0.045 * H + 0.02,
  };
}

// ---------------------------------------------------------------- joint rotations
/** Arm pose in the chest frame, right-arm coordinates (+x outward); mirrored for the left arm. */
interface ArmParams {
  dir: Vec3;
  bend: Vec3;
  flex: number;
  pron?: number;
  wflex?: number;
  wdev?: number;
  shrug?: number;
}
interface ArmRots {
  clav: Quat;
  sh: Quat;
  el: Quat;
  wr: Quat;
}
/** Shoulder orientation whose bone axis (-y) runs along `dir` and whose elbow bends toward `bend`. */
function armBasis(dir: Vec3, bend: Vec3): Quat {
  const d = norm(dir);
  let b = sub(bend, scale(d, dot(bend, d)));
  if (len(b) < 1e-4) b = sub(Z, scale(d, dot(Z, d)));
  const y = scale(d, -1);
  const z = scale(norm(b), -1);
  const x = cross(y, z);
  return qfromBasis(x, y, z);
}
const mirror = (v: Vec3, s: number): Vec3 => [v[0] * s, v[1], v[2]];
function armRots(a: ArmParams, s: number): ArmRots {
  return {
    clav: qaxis(Z, s * (a.shrug ?? 0)),
    sh: armBasis(mirror(a.dir, s), mirror(a.bend, s)),
    el: qaxis(X, a.flex),
    wr: qmul(qaxis(Y, s * (a.pron ?? 0)), qmul(qaxis(X, a.wflex ?? 0), qaxis(Z, s * (a.wdev ?? 0)))),
  };
}
function blendArms(rs: readonly ArmRots[], ws: readonly number[]): ArmRots {
  return {
    clav: qblend(rs.map((r) => r.clav), ws),
    sh: qblend(rs.map((r) => r.sh), ws),
    el: qblend(rs.map((r) => r.el), ws),
    wr: qblend(rs.map((r) => r.wr), ws),
  };
}
const mixArm = (a: ArmRots, b: ArmRots, w: number): ArmRots => (w <= 0 ? a : w >= 1 ? b : blendArms([a, b], [1 - w, w]));

/** What a take contributes at one instant: arm targets with crossfade weights, additive head/trunk/root. */
interface Layer {
  arms: [ArmRots | null, ArmRots | null];
  armW: [number, number];
  neck: Vec3;
  trunk: Vec3;
  root: Vec3;
  yaw: number;
}
const emptyLayer = (): Layer => ({ arms: [null, null], armW: [0, 0], neck: [0, 0, 0], trunk: [0, 0, 0], root: [0, 0, 0], yaw: 0 });
interface Take {
  dur: number;
  /** Take-time interval that must lie inside the clip. */
  core: [number, number];
  at: (tau: number) => Layer;
}
interface Ctx {
  rng: Rng;
  sty: Rng;
  nz: (freq: number, amp: number) => Noise;
  p: Person;
  side: 1 | -1;
  rest: (s: number) => ArmParams;
}
const sideIdx = (s: number) => (s < 0 ? 0 : 1);

/** Envelope: 0 before, rises over [0, a], 1 until b, falls over [b, b + r]. */
function envelope(tau: number, a: number, b: number, r: number, g: number): number {
  if (tau <= 0) return 0;
  if (tau < a) return dwell(tau / a, g);
  if (tau <= b) return 1;
  if (r <= 0) return 1;
  return 1 - dwell((tau - b) / r, g);
}

/**
 * A take whose arm pose is a blend of style variants; `variant(v)` gives the arm params at take
 * time for variant v, `env` the crossfade from idle. Variant weights drift with Perlin noise.
 */
function armTake(c: Ctx, sides: number[], nVar: number, dur: number, core: [number, number], env: (tau: number) => number, variant: (v: number, tau: number, s: number) => ArmParams, extra?: (tau: number, l: Layer) => void): Take {
  const wn = Array.from({ length: nVar }, () => c.nz(0.5, 1.4));
  return {
    dur,
    core,
    at: (tau) => {
      const l = emptyLayer();
      const e = env(tau);
      if (e > 0) {
        const ws = wn.map((f) => Math.exp(f(tau)));
        for (const s of sides) {
          const rs = ws.map((_, v) => armRots(variant(v, tau, s), s));
          l.arms[sideIdx(s)] = blendArms(rs, ws);
          l.armW[sideIdx(s)] = e;
        }
      }
      if (extra) extra(tau, l);
      return l;
    },
  };
}

// ---------------------------------------------------------------- gesture takes
function takeWave(c: Ctx): Take {
  const { rng, sty, p } = c;
  const sides = rng.chance(0.06) ? [1, -1] : [c.side];
  const f = clamp(rng.uniform(1.75, 3.0) * p.tempo, 1.75, 3.0);
  const n = rng.int(4, 8);
  const P = rng.uniform(0.45, 0.7);
  const b = makeBeats(rng, P * 0.72, 1 / (2 * f), n, { irr: rng.uniform(0.04, 0.12), gamma: p.gamma, pattern: 'alt', lo: 0.17, hi: 0.28 });
  const end = b.t[b.t.length - 1];
  const R = rng.uniform(0.35, 0.6);
  const base = { ux: sty.uniform(0.2, 0.6), uy: sty.uniform(-0.7, 0.05), flex: sty.uniform(1.3, 1.85), pron: sty.uniform(0.2, 1.3) };
  const amp = clamp(p.amp * rng.uniform(0.8, 1.15), 0.7, 1.25) * clamp(2.3 / f, 0.75, 1.1);
  const V = Array.from({ length: 3 }, () => {
    const m = [rng.uniform(0.2, 1), rng.uniform(0, 0.7), rng.uniform(0, 0.6)];
    const ms = m[0] + m[1] + m[2];
    return {
      dir: norm([base.ux + rng.normal(0, 0.08), base.uy + rng.normal(0, 0.08), -0.8]) as Vec3,
      flex: base.flex + rng.normal(0, 0.1),
      pron: base.pron + rng.normal(0, 0.15),
      a: (0.5 * amp * m[0]) / ms,
      bb: (0.4 * amp * m[1]) / ms,
      gd: (0.9 * amp * m[2]) / ms,
    };
  });
  const cEnd = b.t[Math.min(5, b.t.length - 1)];
  return armTake(c, sides, 3, end + R + 0.05, [b.t[0], cEnd], (tau) => envelope(tau, P, end, R, 1.8), (v, tau) => {
    const o = beatAt(b, tau);
    const q = V[v];
    const dir = rotAbout(q.dir, Z, q.bb * o);
    const bend = rotAbout(norm([-0.25, 1, 0.1]), q.dir, q.a * o);
    return { dir, bend, flex: q.flex, pron: q.pron, wflex: -0.25, wdev: q.gd * o };
  });
}

function takeBeckon(c: Ctx): Take {
  const { rng, sty, p } = c;
  const f = clamp(rng.uniform(1.1, 2.2) * p.tempo, 0.9, 2.5);
  const n = 2 * rng.int(2, 4) - 1;
  const P = rng.uniform(0.35, 0.6);
  const b = makeBeats(rng, P * 0.8, 1 / (2 * f), n, { irr: rng.uniform(0.05, 0.15), gamma: p.gamma, pattern: 'pull' });
  const end = b.t[b.t.length - 1];
  const R = rng.uniform(0.35, 0.6);
  const base = { x: sty.uniform(0.1, 0.35), z: sty.uniform(-0.6, -0.3), flex: sty.uniform(1.2, 1.55), pron: sty.uniform(-0.5, 0.3) };
  const amp = clamp(p.amp * rng.uniform(0.85, 1.2), 0.8, 1.3);
  const V = Array.from({ length: 3 }, () => {
    const m = [rng.uniform(0.3, 1), rng.uniform(0.1, 0.7), rng.uniform(0.3, 1)];
    const ms = m[0] + m[1] + m[2];
    return {
      dir: norm([base.x + rng.normal(0, 0.05), -1, base.z + rng.normal(0, 0.06)]) as Vec3,
      flex: base.flex + rng.normal(0, 0.08),
      pron: base.pron + rng.normal(0, 0.12),
      ef: (0.5 * amp * m[0]) / ms + 0.2,
      wf: (1.0 * amp * m[1]) / ms,
      sp: (0.45 * amp * m[2]) / ms + 0.12,
    };
  });
  return armTake(c, [c.side], 3, end + R + 0.05, [b.t[0], b.t[Math.min(4, b.t.length - 1)]], (tau) => envelope(tau, P, end, R, 1.8), (v, tau) => {
    const o = beatAt(b, tau);
    const q = V[v];
    const dir = rotAbout(q.dir, X, -q.sp * o);
    return { dir, bend: [-0.15, 0.1, -1], flex: q.flex + q.ef * o, pron: q.pron, wflex: 0.1 + q.wf * o };
  });
}

function takePoint(c: Ctx): Take {
  const { rng, p } = c;
  const az = rng.uniform(-0.35, 1.05);
  const el = rng.uniform(-0.45, 0.35);
  const target: Vec3 = [Math.sin(az) * Math.cos(el), Math.sin(el), -Math.cos(az) * Math.cos(el)];
  const P = rng.uniform(0.5, 0.85) / Math.sqrt(p.tempo);
  const hold = rng.uniform(0.7, 1.7);
  const R = rng.uniform(0.4, 0.7);
  const settleF = rng.uniform(3, 5.5);
  const settleA = rng.uniform(0.01, 0.035);
  const V = Array.from({ length: 2 }, () => {
    const flex = rng.uniform(0.05, 0.35);
    const err = rng.normal(0, 0.03);
    return { flex, dir: rotAbout(target, Y, err), bend: norm([rng.uniform(-0.6, 0), rng.uniform(0.3, 1), rng.uniform(-0.2, 0.2)]) as Vec3 };
  });
  return armTake(c, [c.side], 2, P + hold + R, [P * 0.6, P + 0.62], (tau) => envelope(tau, P, P + hold, R, 2), (v, tau) => {
    const q = V[v];
    const k = tau > P * 0.85 ? Math.exp(-(tau - P * 0.85) / 0.12) * Math.sin(2 * Math.PI * settleF * (tau - P * 0.85)) : 0;
    const dir = rotAbout(q.dir, X, settleA * k);
    return { dir, bend: q.bend, flex: q.flex, pron: 0, wflex: -q.flex - p.rayTilt };
  });
}

function takePush(c: Ctx): Take {
  const { rng, sty, p } = c;
  const sides = rng.chance(0.2) ? [1, -1] : [c.side];
  const P1 = rng.uniform(0.32, 0.55);
  const S = rng.uniform(0.28, 0.48) / Math.sqrt(p.tempo);
  const hold = rng.uniform(0.65, 1.6);
  const R = rng.uniform(0.4, 0.7);
  const g = rng.uniform(1.6, 2.6);
  const start: ArmParams = { dir: norm([0.2, -0.85, -0.35]), bend: [-0.2, 0.6, -1], flex: rng.uniform(1.8, 2.2), pron: 0.4, wflex: -0.5 };
  const V = Array.from({ length: 2 }, () => ({
    dir: norm([sty.uniform(0.05, 0.25) + rng.normal(0, 0.04), rng.uniform(-0.35, 0.1), -1]) as Vec3,
    flex: rng.uniform(0.08, 0.4),
    wext: rng.uniform(0.3, 1.3),
    pron: rng.uniform(0.8, 1.5),
  }));
  return armTake(c, sides, 2, P1 + S + hold + R, [P1, P1 + S + 0.55], (tau) => envelope(tau, P1, P1 + S + hold, R, g), (v, tau) => {
    const q = V[v];
    const u = dwell((tau - P1) / S, 1.5);
    const endDir = q.dir;
    return {
      dir: norm(add(scale(start.dir, 1 - u), scale(endDir, u))),
      bend: [-0.2, 0.6, -1],
      flex: start.flex + (q.flex - start.flex) * u,
      pron: 0.4 + (q.pron - 0.4) * u,
      wflex: -0.5 + (-q.wext + 0.5) * u,
    };
  });
}

function headTake(c: Ctx, kind: 'nod' | 'shake'): Take {
  const { rng, p } = c;
  const cycles = rng.int(1, 3);
  const n = kind === 'nod' ? 2 * cycles - 1 : 2 * cycles;
  const f = clamp(rng.uniform(1.6, 3.3) * p.tempo, 1.4, 3.8);
  const t0 = rng.uniform(0.05, 0.2);
  const b = makeBeats(rng, t0, 1 / (2 * f), n, { irr: rng.uniform(0.05, 0.15), gamma: p.gamma, pattern: kind === 'nod' ? 'dip' : 'alt', lo: 0.1, hi: 0.4 });
  const end = b.t[b.t.length - 1];
  const A = kind === 'nod' ? clamp(rng.uniform(0.13, 0.38) * p.amp, 0.1, 0.45) : clamp(rng.uniform(0.16, 0.5) * p.amp, 0.13, 0.55);
  const cross = rng.normal(0, 0.12);
  const trunkK = rng.uniform(0, 0.15);
  const cEnd = kind === 'nod' ? b.t[Math.min(2, b.t.length - 1)] + 0.05 : b.t[Math.min(3, b.t.length - 1)];
  return {
    dur: end + 0.1,
    core: [b.t[0], Math.min(end, cEnd)],
    at: (tau) => {
      const l = emptyLayer();
      const o = beatAt(b, tau) * A;
      if (kind === 'nod') {
        l.neck = [o, cross * o, 0];
        l.trunk = [trunkK * o, 0, 0];
      } else {
        l.neck = [Math.abs(o) * cross * 0.3, o, o * cross];
        l.trunk = [0, trunkK * o, 0];
      }
      return l;
    },
  };
}

// ---------------------------------------------------------------- everyday (none) takes
type NoneKind = 'idle' | 'tilt' | 'floor' | 'reach' | 'sweep' | 'scratch' | 'headset' | 'look' | 'walk' | 'stretch' | 'clap' | 'type' | 'watch' | 'shrug';
const NONE_KINDS: readonly NoneKind[] = ['idle', 'tilt', 'floor', 'reach', 'sweep', 'scratch', 'headset', 'look', 'walk', 'stretch', 'clap', 'type', 'watch', 'shrug'];

function takeNone(c: Ctx, kind: NoneKind): Take {
  const { rng, p } = c;
  const s = c.side;
  const g = rng.uniform(1.5, 2.5);
  switch (kind) {
    case 'idle': {
      const drift = c.nz(0.6, 0.15);
      return { dur: 3, core: [0, 0.5], at: (tau) => ({ ...emptyLayer(), neck: [drift(tau) * 0.4, drift(tau + 9), 0] }) };
    }
    case 'tilt': {
      const roll = rng.uniform(0.15, 0.35) * (rng.chance(0.5) ? 1 : -1);
      const pitch = rng.chance(0.4) ? -rng.uniform(0.08, 0.2) : 0;
      const a = rng.uniform(0.35, 0.7);
      const hold = rng.uniform(0.6, 1.8);
      return { dur: a + hold + 0.6, core: [0, a + 0.2], at: (tau) => ({ ...emptyLayer(), neck: scale([pitch, 0, roll], envelope(tau, a, a + hold, 0.6, g)) }) };
    }
    case 'floor': {
      const pitch = -rng.uniform(0.55, 1.0);
      const a = rng.uniform(0.45, 0.9);
      const hold = rng.uniform(1.0, 2.0);
      const back = rng.chance(0.5) ? rng.uniform(0.6, 1) : 0;
      const lean = p.seated ? rng.uniform(0.1, 0.35) : rng.uniform(0, 0.15);
      return {
        dur: a + hold + back,
        core: [0, a + 0.3],
        at: (tau) => {
          const e = envelope(tau, a, a + hold, back, g);
          return { ...emptyLayer(), neck: [pitch * e, 0.1 * e, 0], trunk: [-lean * e, 0, 0] };
        },
      };
    }
    case 'reach': {
      const dir = norm([rng.uniform(-0.1, 0.7), rng.uniform(-0.7, 0.15), -1]) as Vec3;
      const out = rng.uniform(0.45, 0.8);
      const pause = rng.uniform(0.08, 0.3);
      const back = rng.uniform(0.45, 0.8);
      const hold: ArmParams = { dir: norm([0.15, -0.8, -0.45]), bend: [-0.2, 0.5, -1], flex: rng.uniform(1.5, 2.0), pron: 0.8, wflex: 0.2 };
      const pr = rng.uniform(0.4, 1.2);
      return armTake(
        c,
        [s],
        1,
        out + pause + back + 0.6,
        [0, out + pause + back],
        (tau) => envelope(tau, out, out + pause + back, 0.6, g),
        (_v, tau) => {
          const u = tau < out + pause ? 0 : dwell((tau - out - pause) / back, 1.7);
          return { dir: norm(add(scale(dir, 1 - u), scale(hold.dir, u))), bend: [-0.2, 0.5, -1], flex: 0.25 + (hold.flex - 0.25) * u, pron: pr, wflex: 0.2 * u };
        },
        (tau, l) => {
          const e = envelope(tau, out, out + pause, back, g);
          l.trunk = [-0.15 * e * (dir[1] < -0.3 ? 2 : 1), 0, 0];
          l.neck = [(dir[1] - 0.1) * 0.7 * e, -s * dir[0] * 0.5 * e, 0];
        },
      );
    }
    case 'sweep': {
      const a0 = rng.uniform(-0.5, 0.3);
      const a1 = a0 + rng.uniform(0.6, 1.3);
      const el = rng.uniform(-0.3, 0.2);
      const P = rng.uniform(0.35, 0.55);
      const T = rng.uniform(0.7, 1.5);
      const rev = rng.chance(0.5);
      return armTake(c, [s], 1, P + T + 0.5, [0, P + T], (tau) => envelope(tau, P, P + T, 0.5, g), (_v, tau) => {
        const u = clamp((tau - P * 0.5) / (T + P * 0.5), 0, 1);
        const az = rev ? a1 + (a0 - a1) * u : a0 + (a1 - a0) * u;
        const d: Vec3 = [Math.sin(az) * Math.cos(el), Math.sin(el), -Math.cos(az) * Math.cos(el)];
        return { dir: d, bend: [-0.3, 0.8, 0], flex: 0.15, wflex: -0.15 - p.rayTilt };
      });
    }
    case 'scratch': {
      const a = rng.uniform(0.45, 0.7);
      const dur = rng.uniform(0.6, 1.4);
      const f = rng.uniform(3, 6);
      const A = rng.uniform(0.12, 0.3);
      const high = rng.uniform(0.3, 0.6);
      return armTake(
        c,
        [s],
        1,
        a + dur + 0.6,
        [0, a + dur],
        (tau) => envelope(tau, a, a + dur, 0.6, g),
        (_v, tau) => ({ dir: norm([0.75, high, -0.25]), bend: [-0.6, 0.6, -0.2], flex: 2.35, pron: 0.5, wflex: 0.5 + A * Math.sin(2 * Math.PI * f * tau) }),
        (tau, l) => {
          l.neck = [-0.08 * envelope(tau, a, a + dur, 0.6, g), 0, s * 0.12 * envelope(tau, a, a + dur, 0.6, g)];
        },
      );
    }
    case 'headset': {
      const a = rng.uniform(0.4, 0.7);
      const dur = rng.uniform(0.5, 1.2);
      const both = rng.chance(0.6);
      const jig = c.nz(2.5, 0.12);
      return armTake(
        c,
        both ? [1, -1] : [s],
        1,
        a + dur + 0.6,
        [0, a + dur],
        (tau) => envelope(tau, a, a + dur, 0.6, g),
        (_v, tau, ss) => ({ dir: norm([0.55, 0.0, -0.6]), bend: [-0.55, 0.8, 0.1], flex: 2.25 + jig(tau + ss), pron: 1.0, wflex: 0.2 }),
        (tau, l) => {
          l.neck = [jig(tau * 0.7 + 3) * 0.8, jig(tau * 0.5 + 7) * 0.6, jig(tau + 11) * 0.5];
        },
      );
    }
    case 'look': {
      const fix: number[] = [0];
      const times: number[] = [0];
      let tt = rng.uniform(0.05, 0.4);
      const nFix = rng.int(2, 3);
      for (let k = 0; k < nFix; k++) {
        const last = fix[fix.length - 1];
        let next = rng.uniform(-1.1, 1.1);
        if (Math.abs(next - last) < 0.35) next = last + Math.sign(next - last || 1) * 0.4;
        fix.push(next);
        times.push(tt);
        tt += rng.uniform(0.35, 0.6) + rng.uniform(0.45, 1.0);
      }
      const moveT = rng.uniform(0.35, 0.6);
      const pitches = fix.map(() => rng.uniform(-0.3, 0.15));
      return {
        dur: tt,
        core: [0, Math.min(tt, 1.2)],
        at: (tau) => {
          let yaw = fix[0];
          let pitch = 0;
          for (let k = 1; k < fix.length; k++) {
            const u = dwell((tau - times[k]) / moveT, 1.7);
            yaw += (fix[k] - fix[k - 1]) * u;
            pitch += (pitches[k] - (k > 1 ? pitches[k - 1] : 0)) * u;
          }
          return { ...emptyLayer(), neck: [pitch, yaw * 0.75, 0], trunk: [0, yaw * 0.25, 0] };
        },
      };
    }
    case 'walk': {
      const v = p.seated ? rng.uniform(0.2, 0.6) : rng.uniform(0.5, 1.3);
      const turn = rng.uniform(-1.6, 1.6) * (rng.chance(0.3) ? 0 : 1);
      const fStep = rng.uniform(1.6, 2.1);
      const lat = rng.uniform(-0.4, 0.4);
      const ph = rng.uniform(0, 6.28);
      const swing = p.seated ? 0 : rng.uniform(0.1, 0.3);
      const look = c.nz(0.5, 0.3);
      return armTake(
        c,
        [1, -1],
        1,
        3.2,
        [0, 1],
        () => (swing > 0 ? 1 : 0),
        (_v, tau, ss) => {
          const r = c.rest(ss);
          const sw = swing * Math.sin(Math.PI * fStep * tau + ph + (ss > 0 ? 0 : Math.PI));
          return { ...r, dir: rotAbout(r.dir, X, sw), flex: r.flex * 0.7 };
        },
        (tau, l) => {
          const u = clamp(tau / 3, 0, 1);
          const yaw = turn * dwell(u, 1.3);
          const dist = v * tau;
          const fwd: Vec3 = [Math.sin(lat) * dist, 0, -Math.cos(lat) * dist];
          const bob = p.seated ? 0 : 0.022 * Math.cos(2 * Math.PI * fStep * tau + ph);
          const sway = p.seated ? 0 : 0.025 * Math.sin(Math.PI * fStep * tau + ph);
          l.root = add(rotAbout(fwd, Y, yaw * 0.5), [sway, bob, 0]);
          l.yaw = yaw;
          l.neck = [look(tau) * 0.5 - 0.05, look(tau + 5) + turn * 0.15 * Math.sin(Math.PI * u), 0];
          l.trunk = [0, 0.04 * Math.sin(Math.PI * fStep * tau + ph), 0];
        },
      );
    }
    case 'stretch': {
      const up = rng.chance(0.6);
      const a = rng.uniform(0.7, 1.2);
      const hold = rng.uniform(0.2, 0.8);
      const d: Vec3 = up ? norm([0.25, 1, -0.1]) : norm([1, rng.uniform(0, 0.3), 0.1]);
      return armTake(
        c,
        [1, -1],
        1,
        a + hold + 0.9,
        [0, a + hold],
        (tau) => envelope(tau, a, a + hold, 0.9, 1.6),
        () => ({ dir: d, bend: [0, 0, -1], flex: 0.15, pron: 0.5, wflex: -0.3 }),
        (tau, l) => {
          const e = envelope(tau, a, a + hold, 0.9, 1.6);
          l.trunk = [0.12 * e, 0, 0];
          l.neck = [0.2 * e, 0, 0];
        },
      );
    }
    case 'clap': {
      const a = rng.uniform(0.35, 0.55);
      const hit = rng.uniform(0.12, 0.22);
      const apart = rng.uniform(0.25, 0.45);
      return armTake(c, [1, -1], 1, a + hit + apart + 0.5, [0, a + hit + apart], (tau) => envelope(tau, a, a + hit + apart, 0.5, g), (_v, tau) => {
        const u = dwell((tau - a * 0.6) / (a * 0.4 + hit), 2) - dwell((tau - a - hit) / apart, 1.8);
        return { dir: norm([0.35 - 0.3 * u, -0.55, -0.75]), bend: [-1, 0.3, -0.3], flex: 1.5 + 0.35 * u, pron: 1.3, wflex: 0 };
      });
    }
    case 'type': {
      const a = rng.uniform(0.4, 0.7);
      const dur = rng.uniform(1.0, 2.0);
      const taps = [c.nz(7, 0.5), c.nz(7, 0.5)];
      return armTake(
        c,
        [1, -1],
        1,
        a + dur + 0.5,
        [0, a + dur],
        (tau) => envelope(tau, a, a + dur, 0.5, g),
        (_v, tau, ss) => ({ dir: norm([0.15, -1, -0.25]), bend: [-0.3, 0, -1], flex: 1.5 + 0.05 * taps[sideIdx(ss)](tau), pron: 1.4, wflex: Math.max(0, taps[sideIdx(ss)](tau + 3)) }),
        (tau, l) => {
          l.neck = [-0.45 * envelope(tau, a, a + dur, 0.5, g), 0, 0];
        },
      );
    }
    case 'watch': {
      const a = rng.uniform(0.45, 0.7);
      const hold = rng.uniform(0.5, 1.2);
      return armTake(
        c,
        [-s],
        1,
        a + hold + 0.5,
        [0, a + hold],
        (tau) => envelope(tau, a, a + hold, 0.5, g),
        () => ({ dir: norm([0.3, -0.7, -0.5]), bend: [-0.8, 0.5, -0.2], flex: 1.9, pron: 1.2, wflex: 0 }),
        (tau, l) => {
          const e = envelope(tau, a, a + hold, 0.5, g);
          l.neck = [-0.45 * e, s * 0.25 * e, 0];
        },
      );
    }
    case 'shrug': {
      const a = rng.uniform(0.3, 0.5);
      const hold = rng.uniform(0.2, 0.5);
      return armTake(c, [1, -1], 1, a + hold + 0.5, [0, a + hold], (tau) => envelope(tau, a, a + hold, 0.5, g), (_v, _t, ss) => ({ ...c.rest(ss), dir: norm([0.5, -1, -0.3]), flex: 1.5, pron: -0.4, shrug: 0.18 }), (tau, l) => {
        l.neck = [0, 0, 0.1 * envelope(tau, a, a + hold, 0.5, g)];
      });
    }
  }
}

// ---------------------------------------------------------------- clip assembly
interface BodyState {
  eye: Pose;
  hands: [Pose, Pose];
}

function makeClip(label: string, p: Person, rng: Rng): MotionClip | null {
  const nz = noiseFactory(rng);
  const b = bonesOf(p);
  const sty = createRng((p.style ^ (label.length * 0x9e3779b1)) >>> 0);
  const side: 1 | -1 = rng.chance(0.18) ? (-p.dom as 1 | -1) : p.dom;
  const restN = [nz(0.35, 0.05), nz(0.35, 0.05), nz(0.3, 0.1), nz(0.3, 0.1), nz(0.4, 0.08), nz(0.4, 0.08)];
  const rest = (s: number): ArmParams => {
    const i = sideIdx(s);
    const r = p.rest;
    const seatFwd = p.seated ? 0.35 : 0;
    return { dir: norm([r.out + restN[i](0), -1, -r.fwd - seatFwd]), bend: [0.15, 0, -1], flex: r.flex, pron: r.pron, wflex: 0.1 };
  };
  const ctx: Ctx = { rng, sty, nz, p, side, rest };
  let take: Take;
  if (label === 'wave') take = takeWave(ctx);
  else if (label === 'beckon') take = takeBeckon(ctx);
  else if (label === 'point') take = takePoint(ctx);
  else if (label === 'push') take = takePush(ctx);
  else if (label === 'nod' || label === 'shake') take = headTake(ctx, label);
  else take = takeNone(ctx, rng.pick(NONE_KINDS));

  // placement of the take in the clip through the warp
  const warp = makeWarp(rng, rng.uniform(0.25, 0.8));
  const [cA, cB] = take.core;
  let mode = rng.pick(['start', 'start', 'middle', 'middle', 'middle', 'end', 'end'] as const);
  let tau0 = 0;
  let T = rng.uniform(1.2, 2.98);
  for (let tries = 0; tries < 3; tries++) {
    if (mode === 'start') {
      tau0 = rng.uniform(Math.max(0, cA - 0.3), cA);
      const need = warp.inv(cB - tau0);
      T = clamp(Math.max(T, need + rng.uniform(0.02, 0.3)), 1.12, 2.98);
      break;
    } else if (mode === 'middle') {
      tau0 = -rng.uniform(0.05, 0.5);
      const need = warp.inv(cB - tau0);
      if (need > 2.9) {
        mode = 'start';
        continue;
      }
      T = clamp(warp.inv(take.dur - tau0) + rng.uniform(0.05, 0.4), Math.max(1.12, need + 0.05), 2.98);
      break;
    } else {
      const need = warp.inv(cB - cA) + 0.12;
      if (need > 2.95) {
        mode = 'start';
        continue;
      }
      T = rng.uniform(Math.max(1.12, need), Math.max(1.12, need, Math.min(2.98, need + 1.2)));
      const tB = T - rng.uniform(0, 0.12);
      tau0 = cB - warp.w(tB);
      break;
    }
  }
  const tauOf = (t: number) => tau0 + warp.w(t);

  // idle take channels
  const breathF = rng.uniform(0.2, 0.35);
  const nSway = [nz(0.3, 0.012), nz(0.3, 0.012), nz(0.25, 0.01), nz(0.25, 0.012)];
  const nLook = [nz(0.3, 0.04), nz(0.3, 0.07), nz(0.3, 0.02)];
  const nTrem = [nz(9, p.tremor), nz(9.5, p.tremor), nz(8.5, p.tremor), nz(10, p.tremor)];
  const nHead = [nz(2, 0.006), nz(2, 0.006)];
  const trunk0 = p.seated ? rng.uniform(-0.12, 0.08) : rng.uniform(-0.05, 0.04);
  const start: Vec3 = [rng.uniform(-2.5, 2.5), 0, rng.uniform(-2.5, 2.5)];
  const yaw0 = rng.uniform(-Math.PI, Math.PI);

  const body = (t: number): BodyState => {
    const L = take.at(tauOf(t));
    const breath = Math.sin(2 * Math.PI * breathF * t);
    const trunk: Vec3 = add([trunk0 + 0.01 * breath + nSway[2](t), nSway[3](t) * 2, nSway[3](t + 4)], L.trunk);
    const neck: Vec3 = add([p.headPitch + nLook[0](t) + nHead[0](t), nLook[1](t) + nHead[1](t), nLook[2](t)], L.neck);
    const yaw = yaw0 + L.yaw;
    const rootLocal = add([nSway[0](t), b.pelvisY + 0.003 * breath, nSway[1](t)], L.root);
    const root = add(start, rotAbout(rootLocal, Y, yaw0));
    const q0 = qmul(qaxis(Y, yaw), qeuler(0, nSway[2](t + 7) * 0.5, nSway[3](t + 2) * 0.5));
    const q1 = qmul(q0, qeuler(trunk[1] * 0.4, trunk[0] * 0.4, trunk[2] * 0.4));
    const pChest = add(add(root, qrot(q0, [0, b.spine, 0])), qrot(q1, [0, b.chest, 0]));
    const q2 = qmul(q1, qeuler(trunk[1] * 0.6, trunk[0] * 0.6, trunk[2] * 0.6));
    const pNeck = add(pChest, qrot(q2, [0, b.neckY, b.neckZ]));
    const q3 = qmul(q2, qeuler(neck[1] * 0.35, neck[0] * 0.4, neck[2] * 0.4));
    const pHead = add(pNeck, qrot(q3, [0, b.headY, 0]));
    const q4 = qmul(q3, qeuler(neck[1] * 0.65, neck[0] * 0.6, neck[2] * 0.6));
    const eye: Pose = { p: add(pHead, qrot(q4, [0, b.eyeUp, -b.eyeFwd])), q: q4 };
    const hands: Pose[] = [];
    for (const s of [-1, 1]) {
      const i = sideIdx(s);
      const idle = armRots(rest(s), s);
      const a = L.arms[i] ? mixArm(idle, L.arms[i] as ArmRots, L.armW[i]) : idle;
      const shrug = qmul(a.clav, qaxis(Z, s * 0.01 * breath));
      const pClav = add(pChest, qrot(q2, [s * 0.015 * p.H, b.clavY, b.clavZ]));
      const pSh = add(pClav, qrot(qmul(q2, shrug), [s * b.shX, 0.008 * p.H, 0.03 * p.H]));
      const qs = qmul(q2, qmul(a.sh, qeuler(nTrem[0](t) * 0.3, nTrem[1](t) * 0.3)));
      const pEl = add(pSh, qrot(qs, [0, -b.upper, 0]));
      const qe = qmul(qs, a.el);
      const pWr = add(pEl, qrot(qe, [0, -b.fore, 0]));
      const qw = qmul(qe, qmul(a.wr, qeuler(nTrem[2](t), nTrem[3](t))));
      hands.push({ p: add(pWr, qrot(qw, [0, -p.grip, 0])), q: qnorm(qmul(qw, qaxis(X, -Math.PI / 2 + p.rayTilt))) });
    }
    return { eye, hands: [hands[0], hands[1]] };
  };
  // a person cannot move a hand faster than this (peak over 0.1 s windows): reject and redraw
  for (let t = 0; t + 0.1 <= T; t += 0.02) {
    const a = body(t);
    const c = body(t + 0.1);
    if (Math.max(len(sub(c.hands[0].p, a.hands[0].p)), len(sub(c.hands[1].p, a.hands[1].p))) > 0.33) return null;
  }
  return { label, ...track(rng, body, T, side) };
}

// ---------------------------------------------------------------- tracker
function track(rng: Rng, body: (t: number) => BodyState, T: number, gestureSide: number): { hz: number; frames: MotionFrame[] } {
  const hz = rng.pick([30, 36, 45, 60, 60, 72, 72, 72, 80, 90, 90, 120]);
  const jit = rng.uniform(0.005, 0.08);
  const dropP = rng.chance(0.5) ? rng.uniform(0, 0.06) : 0;
  const dupP = rng.chance(0.4) ? rng.uniform(0.01, 0.05) : 0;
  const quant = hz <= 72 && rng.chance(0.3) ? 0.011 : 0.001;
  const lat = rng.uniform(0.005, 0.03);
  const predK = rng.uniform(1.0, 1.9);
  const handsMode = rng.chance(0.2);
  const posSd = handsMode ? rng.uniform(0.0015, 0.004) : rng.uniform(0.0003, 0.0015);
  const rotSd = handsMode ? rng.uniform(0.004, 0.01) : rng.uniform(0.001, 0.004);
  const rs = rng.uniform(0.004, 0.014);
  const fov = handsMode ? rng.uniform(1.25, 1.5) : 9;
  const losses: { side: number; a: number; b: number }[] = [];
  if (rng.chance(0.3)) {
    const lsd = rng.chance(0.7) ? -gestureSide : gestureSide;
    const d = lsd === gestureSide ? rng.uniform(0.05, 0.15) : rng.uniform(0.2, 1.0);
    const a = rng.uniform(0, Math.max(0.01, T - d));
    losses.push({ side: lsd, a, b: a + d });
  }
  const stall = rng.chance(0.04) ? rng.uniform(0.3, T - 0.3) : -1;
  const h = 0.008;
  const extrap = (t: number) => {
    const ts = t - lat;
    const s1 = body(ts);
    const s0 = body(ts - h);
    const k = (lat * predK) / h;
    const pr = (a: Pose, b0: Pose): Pose => ({ p: add(a.p, scale(sub(a.p, b0.p), k)), q: qnorm(qmul(qpow(qmul(a.q, qconj(b0.q)), k), a.q)) });
    return { eye: pr(s1.eye, s0.eye), hands: [pr(s1.hands[0], s0.hands[0]), pr(s1.hands[1], s0.hands[1])], vel: [scale(sub(s1.hands[0].p, s0.hands[0].p), 1 / h), scale(sub(s1.hands[1].p, s0.hands[1].p), 1 / h)] };
  };
  const jitterPose = (ps: Pose, psd: number, rsd: number): Pose => ({
    p: add(ps.p, [rng.normal(0, psd), rng.normal(0, psd), rng.normal(0, psd)]),
    q: qnorm(qmul(qeuler(rng.normal(0, rsd), rng.normal(0, rsd), rng.normal(0, rsd)), ps.q)),
  });
  const frames: MotionFrame[] = [];
  let t = 0;
  let lastQ = -1;
  // frames until T, and at least 1 s of clip; never past 3 s
  while (t <= 3 && (t <= T + 1e-9 || frames[frames.length - 1].t < 1)) {
    const tq = Math.round(t / quant) * quant;
    const emit = frames.length === 0 || (tq > lastQ + 1e-9 && tq <= 3 && !rng.chance(dropP));
    if (emit) {
      const tt = Math.round(tq * 1e6) / 1e6;
      if (frames.length > 0 && rng.chance(dupP)) {
        const prev = frames[frames.length - 1];
        frames.push({ t: tt, head: prev.head, left: prev.left, right: prev.right });
      } else {
        const st = extrap(t);
        const head = jitterPose(st.eye, 0.0003, 0.0008);
        const hands = [0, 1].map((i): Pose | null => {
          const s = i === 0 ? -1 : 1;
          if (losses.some((l) => l.side === s && t >= l.a && t <= l.b)) return null;
          const hp = st.hands[i];
          const toHand = norm(sub(hp.p, st.eye.p));
          const fwd = qrot(st.eye.q, [0, 0, -1]);
          if (Math.acos(clamp(dot(toHand, fwd), -1, 1)) > fov) return null;
          const rsOff = scale(st.vel[i], rs * rng.uniform(-0.5, 0.5));
          return jitterPose({ p: add(hp.p, rsOff), q: hp.q }, posSd, rotSd);
        });
        frames.push({ t: tt, head, left: hands[0], right: hands[1] });
      }
      lastQ = tq;
    }
    let dt = (1 / hz) * (1 + rng.normal(0, jit));
    dt = Math.max(dt, 0.35 / hz);
    if (stall > 0 && t < stall && t + dt >= stall) dt += rng.uniform(0.06, 0.15);
    t += dt;
  }
  return { hz, frames: frames.filter((f, i) => i === 0 || f.t > frames[i - 1].t) };
}

// ---------------------------------------------------------------- dataset and CLI
/** `perLabel` clips for every gesture label (incl. `none`), deterministic for `seed`. */
export function ninthDataset(perLabel: number, seed: number): MotionClip[] {
  const master = createRng((seed * 2654435761) >>> 0 || 1);
  const people = Array.from({ length: Math.max(12, Math.ceil(perLabel / 2)) }, () => makePerson(master));
  const clips: MotionClip[] = [];
  for (const label of GESTURE_LABELS) {
    for (let k = 0; k < perLabel; k++) {
      const rng = createRng((master.int(1, 2 ** 31) ^ (k * 0x85ebca6b)) >>> 0);
      const p = people[rng.int(0, people.length - 1)];
      let clip: MotionClip | null = null;
      for (let tries = 0; !clip; tries++) clip = makeClip(label, tries < 8 ? p : people[rng.int(0, people.length - 1)], rng);
      clips.push(clip);
    }
  }
  return clips;
}

const isMain = typeof process !== 'undefined' && /synth-ninth\.ts$/.test(process.argv[1] ?? '');
if (isMain) {
  const args = parseArgs(process.argv.slice(2));
  const out = args.get('out');
  if (!out) {
    console.error('usage: node --import tsx scripts/gesture/synth-ninth.ts --out DIR --per-label N --seed S');
    process.exit(2);
  }
  const perLabel = Number(args.get('per-label') ?? 40);
  const seed = Number(args.get('seed') ?? 1);
  if (!Number.isInteger(perLabel) || perLabel < 1 || !Number.isFinite(seed)) {
    console.error('--per-label must be a positive integer and --seed a number');
    process.exit(2);
  }
  const clips = ninthDataset(perLabel, seed);
  writeClips(out, clips);
  console.log(`wrote ${clips.length} clips (${perLabel} per label, seed ${seed}) to ${out}`);
}
