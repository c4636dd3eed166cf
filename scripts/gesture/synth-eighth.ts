/**
 * EVALUATION ONLY: never train or tune on its clips. An eighth, independent motion-clip generator
 * for judging the gesture model on a motion model that no training generator shares.
 *
 * Motion model: stochastic optimal feedback control. Every degree of freedom (hand x/y/z, wrist
 * pitch/roll, head yaw/pitch/roll, spine flexion/bend/twist) is a point mass behind a first-order
 * muscle filter, driven by a finite-horizon LQR law whose gain is looked up by time-to-go to a
 * deadline and re-planned every 1/240 s as goals move, with signal-dependent (multiplicative) motor
 * noise and an internal-model observer fed by noisy proprioception (Todorov & Jordan style LQG).
 * Rhythm comes from van der Pol limit cycles with tempo drift and random phase kicks: each swing's
 * goal is the extremum the cycle heads for and its deadline the predicted time to reach it. The body
 * stands or sits, with a lumbar + thoracic spine that flexes, bends and twists, a neck with a
 * separate head pivot, and idle arms mixed from a few per-person random postural synergies. The
 * tracker is one of inside-out controllers (camera cone + IMU coasting), outside-in base stations
 * (line of sight occluded by the torso capsule and head), or WebXR hand tracking (wrist poses,
 * narrow cone); each has a per-clip latency, controller clock drift and offset, an alpha-beta
 * smoother with latency prediction (overshoots at stops), measurement noise, 30-120 Hz frames with
 * jitter, dropped frames, hitches and tracking-loss bursts. People vary in size, handedness, tempo,
 * amplitude, tremor, room position and facing (any yaw).
 *
 * Built independently: written only from PERCEPTION.md's "Gestures" and "Motion clip format" sections, src/core/types.ts, scripts/gesture/motion-math.ts, scripts/gesture/node-io.ts and tests/support/motion.ts; no other generator, feature code, model, trainer or clip was read.
 *
 * Usage: node --import tsx scripts/gesture/synth-eighth.ts --out DIR --per-label N --seed S
 */
import { fileURLToPath } from 'node:url';
import { GESTURE_LABELS, type GestureLabel, type MotionFrame, type Pose, type Quat, type Vec3 } from '../../src/core/types';
import {
  add, createRng, cross, dot, len, lerp3, norm, parseArgs, qaxis, qeuler,
  qlook, qmul, qnorm, qrot, qslerp, scale, sub, writeClips, type MotionClip, type Rng,
} from './motion-math';

const DT = 1 / 240;
const KMAX = 288;
const DEG = Math.PI / 180;
const UP: Vec3 = [0, 1, 0];
const clamp = (x: number, a: number, b: number) => Math.min(b, Math.max(a, x));

// ---------------------------------------------------------------------------------------------
// Stochastic optimal feedback control of one degree of freedom

/**
 * Finite-horizon discrete LQR gains for (position, velocity, muscle force) with effort cost `r`
 * per step and terminal cost diag(1, wv, wf); row k is the gain with k steps to go.
 */
function lqrTable(tau: number, r: number, wv: number, wf: number): Float64Array[] {
  const a = 1 - DT / tau;
  const b = DT / tau;
  const A = [
    [1, DT, 0],
    [0, 1, DT],
    [0, 0, a],
  ];
  const mm = (X: number[][], Y: number[][]) => X.map((row) => [0, 1, 2].map((j) => row[0] * Y[0][j] + row[1] * Y[1][j] + row[2] * Y[2][j]));
  const At = [0, 1, 2].map((i) => [A[0][i], A[1][i], A[2][i]]);
  let S = [
    [1, 0, 0],
    [0, wv, 0],
    [0, 0, wf],
  ];
  const out = [new Float64Array(3)];
  for (let k = 1; k <= KMAX; k++) {
    const SA = mm(S, A);
    const den = r + b * b * S[2][2];
    const L = new Float64Array([(b * SA[2][0]) / den, (b * SA[2][1]) / den, (b * SA[2][2]) / den]);
    const M = A.map((row) => row.slice());
    for (let j = 0; j < 3; j++) M[2][j] -= b * L[j];
    S = mm(At, mm(S, M));
    out.push(L);
  }
  return out;
}

interface Effector {
  gains: Float64Array[];
  tau: number;
  /** Multiplicative (signal-dependent) motor noise sd. */
  sig: number;
  /** Additive motor noise sd. */
  con: number;
  /** Proprioceptive noise sd. */
  obs: number;
  kp: number;
  kv: number;
}

/** One controlled degree of freedom: true plant state and the controller's estimate of it. */
class Axis {
  v = 0;
  f = 0;
  ph: number;
  vh = 0;
  fh = 0;
  constructor(
    public p: number,
    private e: Effector,
  ) {
    this.ph = p;
  }
  step(target: number, ttg: number, rng: Rng): void {
    const e = this.e;
    const L = e.gains[clamp(Math.round(ttg / DT), 1, KMAX)];
    const u = -(L[0] * (this.ph - target) + L[1] * this.vh + L[2] * this.fh);
    const un = u * (1 + e.sig * rng.normal()) + e.con * rng.normal();
    this.p += DT * this.v;
    this.v += DT * this.f;
    this.f += (DT * (un - this.f)) / e.tau;
    this.ph += DT * this.vh;
    this.vh += DT * this.fh;
    this.fh += (DT * (u - this.fh)) / e.tau;
    const inn = this.p + e.obs * rng.normal() - this.ph;
    this.ph += e.kp * inn;
    this.vh += e.kv * inn;
  }
  /** Clamp the plant (a joint limit or a fully stretched arm); the estimate sees it too. */
  set(p: number): void {
    this.ph += p - this.p;
    this.p = p;
    this.v *= 0.3;
    this.vh *= 0.3;
  }
}

// ---------------------------------------------------------------------------------------------
// Rhythm: van der Pol limit cycle with tempo drift and phase kicks

class VdP {
  x = 0;
  v: number;
  t: number;
  w0: number;
  w: number;
  constructor(
    freq: number,
    private mu: number,
    t0: number,
    firstSide: number,
    private rng: Rng,
    private kickRate = 0.25,
  ) {
    this.w0 = 2 * Math.PI * freq;
    this.w = this.w0 * (1 + (mu * mu) / 16);
    this.v = firstSide * 2 * this.w;
    this.t = t0;
  }
  advance(t: number): void {
    while (this.t + DT <= t) {
      const { mu, w } = this;
      this.v += DT * (mu * w * (1 - this.x * this.x) * this.v - w * w * this.x);
      this.x += DT * this.v;
      this.w *= Math.exp(0.06 * Math.sqrt(DT) * this.rng.normal());
      if (this.rng() < this.kickRate * DT) this.v += this.rng.normal(0, 0.5) * w;
      this.t += DT;
    }
  }
  /** The extremum the cycle heads for (+1 / -1) and the predicted seconds to reach it. */
  heading(t: number): { side: number; ttg: number } {
    this.advance(t);
    const phi = Math.atan2(-this.v / this.w, this.x);
    const rem = this.v > 0 ? -phi : Math.PI - phi;
    const wEff = this.w / (1 + (this.mu * this.mu) / 16);
    return { side: this.v > 0 ? 1 : -1, ttg: clamp(rem, 0, Math.PI) / wEff };
  }
}

/** Ornstein-Uhlenbeck process sampled on the simulation grid. */
class OU {
  x = 0;
  constructor(
    private tau: number,
    private sd: number,
    rng: Rng,
  ) {
    this.x = rng.normal(0, sd);
  }
  step(rng: Rng): number {
    this.x += (-this.x / this.tau) * DT + this.sd * Math.sqrt((2 * DT) / this.tau) * rng.normal();
    return this.x;
  }
}

// ---------------------------------------------------------------------------------------------
// Body

interface Person {
  H: number;
  seated: boolean;
  hipY: number;
  lum: number;
  tho: number;
  neck: number;
  eyeUp: number;
  eyeFwd: number;
  shW: number;
  shDown: number;
  arm: number;
  dominant: number; // -1 left, +1 right
  hand: Effector;
  wrist: Effector;
  head: Effector;
  spine: Effector;
  rest: [Vec3, Vec3]; // per hand (0 left, 1 right), side-mirrored shoulder-relative thorax coordinates
  restPitch: number;
  slouch: number;
  synergies: { vec: number[]; proc: OU }[];
  tremorAmp: number;
  tremorHz: number;
  tempo: number;
  amp: number;
}

function effector(rng: Rng, tau: number, r: number, sig: number, con: number, obs: number): Effector {
  return { gains: lqrTable(tau, r, rng.uniform(0.005, 0.05), 1e-4), tau, sig, con, obs, kp: rng.uniform(0.08, 0.15), kv: rng.uniform(4, 8) };
}

function makePerson(rng: Rng): Person {
  const female = rng.chance(0.5);
  const H = clamp(rng.normal(female ? 1.63 : 1.76, 0.075), 1.45, 1.98);
  const seated = rng.chance(0.18);
  const restStyle = rng.pick(['hang', 'ready', 'ready', 'clasp', 'mixed'] as const);
  const A = 0.37 * H * rng.uniform(0.96, 1.04);
  const shW = 0.115 * H * rng.uniform(0.92, 1.08);
  const restFor = (which: number): Vec3 => {
    const st = restStyle === 'mixed' ? (which === 0 ? 'hang' : 'ready') : restStyle;
    if (st === 'hang') return [rng.uniform(0.02, 0.07), -A * rng.uniform(0.84, 0.92), -rng.uniform(0.02, 0.1)];
    if (st === 'clasp') return [-(shW - rng.uniform(0.02, 0.06)), -A * rng.uniform(0.6, 0.72), -A * rng.uniform(0.2, 0.3)];
    return [-rng.uniform(0.0, 0.08), -A * rng.uniform(0.45, 0.62), -A * rng.uniform(0.32, 0.45)];
  };
  const rest: [Vec3, Vec3] = [restFor(0), restFor(1)];
  if (seated) for (const r of rest) r[1] = Math.max(r[1], -A * 0.55);
  const tauH = rng.uniform(0.035, 0.06);
  const sig = rng.uniform(0.25, 0.7) * Math.sqrt(0.01 / DT);
  return {
    H,
    seated,
    hipY: seated ? rng.uniform(0.42, 0.52) + 0.09 : 0.52 * H,
    lum: 0.11 * H,
    tho: 0.19 * H,
    neck: 0.045 * H,
    eyeUp: 0.065 * H,
    eyeFwd: rng.uniform(0.07, 0.1),
    shW,
    shDown: 0.035 * H,
    arm: A,
    dominant: rng.chance(0.11) ? -1 : 1,
    hand: effector(rng, tauH, Math.exp(rng.uniform(Math.log(1e-8), Math.log(3e-7))), sig, rng.uniform(0.05, 0.4), rng.uniform(0.002, 0.006)),
    wrist: effector(rng, rng.uniform(0.03, 0.05), 1e-8, sig * 0.7, rng.uniform(0.2, 1.0), 0.01),
    head: effector(rng, rng.uniform(0.03, 0.05), Math.exp(rng.uniform(Math.log(1e-8), Math.log(1e-7))), sig * 0.6, rng.uniform(0.1, 0.6), 0.004),
    spine: effector(rng, rng.uniform(0.08, 0.12), 1e-7, sig * 0.4, rng.uniform(0.02, 0.1), 0.004),
    rest,
    restPitch: rng.uniform(-5, 35) * DEG,
    slouch: (seated ? rng.uniform(4, 18) : rng.uniform(-2, 8)) * DEG,
    synergies: Array.from({ length: 3 }, () => {
      const raw = Array.from({ length: 6 }, () => rng.normal());
      const n = Math.hypot(...raw);
      return { vec: raw.map((x) => x / n), proc: new OU(rng.uniform(0.5, 2), rng.uniform(0.01, 0.04), rng) };
    }),
    tremorAmp: rng.uniform(0.0003, rng.chance(0.15) ? 0.004 : 0.0015),
    tremorHz: rng.uniform(7.5, 12),
    tempo: Math.exp(rng.normal(0, 0.12)),
    amp: Math.exp(rng.normal(0, 0.15)),
  };
}

// ---------------------------------------------------------------------------------------------
// Plans: goals for every effector as functions of time (called once per step, in time order)

interface HandGoal {
  /** Shoulder-relative target in the thorax frame, x mirrored so that + is away from the midline. */
  x: Vec3;
  ttg: number;
  pitch: number;
  roll: number;
  /** Pointing target (same frame as x): the ray aims at it when set. */
  aim?: Vec3;
}
type HandPlan = (t: number) => HandGoal;
interface HeadGoal {
  yaw: number;
  pitch: number;
  roll: number;
  ttg: number;
}
interface SpineGoal {
  flex: number;
  lat: number;
  twist: number;
  ttg: number;
}
interface RootState {
  /** Displacement in the initial facing frame (x right, -z forward), bob included in y. */
  d: Vec3;
  yaw: number;
}
interface Plan {
  hands: [HandPlan, HandPlan];
  head: (t: number) => HeadGoal;
  spine: (t: number) => SpineGoal;
  root: (t: number) => RootState;
}
/** Shared per-step state the plans read. */
interface Ctx {
  syn: [Vec3, Vec3];
  gaze: [number, number];
  sway: [number, number];
}

/** Sequence: the plan of the last step whose time has come. */
function seq(first: HandPlan, steps: [number, HandPlan][]): HandPlan {
  return (t) => {
    let p = first;
    for (const [at, s] of steps) if (t >= at) p = s;
    return p(t);
  };
}
const goTo =
  (x: Vec3, pitch: number, roll: number, deadline: number, floor: number, aim?: Vec3): HandPlan =>
  (t) => ({ x, pitch, roll, ttg: Math.max(deadline - t, floor), aim });

/** Choose a start so that at least `minIn` s of the core (after `pre` s) lies inside [0, D]. */
function place(rng: Rng, D: number, pre: number, core: number, minIn: number, wholeP = 0.5): number {
  const m = Math.min(minIn, core, D - 0.15);
  if (rng.chance(wholeP) && pre + core < D - 0.1) return rng.uniform(0.05, D - 0.05 - pre - core);
  const lo = 0.05 - pre - (core - m);
  const hi = D - 0.05 - pre - m;
  return hi > lo ? rng.uniform(lo, hi) : (lo + hi) / 2;
}

interface Scene {
  plan: Plan;
  variant: string;
}

function buildScene(label: GestureLabel, P: Person, D: number, rng: Rng, noneVariant: string, ctx: Ctx): Scene {
  const rest = (i: number): HandPlan => {
    const s = P.rest[i];
    const roll = rng.uniform(-20, 20) * DEG;
    return () => ({ x: add(s, ctx.syn[i]), pitch: P.restPitch, roll, ttg: 0.45 });
  };
  const hands: [HandPlan, HandPlan] = [rest(0), rest(1)];
  const gazeYaw0 = rng.normal(0, 6) * DEG;
  const gazePitch0 = rng.normal(-3, 5) * DEG;
  const gaze = (): HeadGoal => ({ yaw: gazeYaw0 + ctx.gaze[0], pitch: gazePitch0 + ctx.gaze[1], roll: 0, ttg: 0.28 });
  let head: (t: number) => HeadGoal = gaze;
  let spine: (t: number) => SpineGoal = () => ({ flex: P.slouch, lat: 0, twist: 0, ttg: 0.6 });
  let root: (t: number) => RootState = () => ({ d: [ctx.sway[0], 0, ctx.sway[1]], yaw: 0 });
  const gi = rng.chance(0.87) ? (P.dominant > 0 ? 1 : 0) : P.dominant > 0 ? 0 : 1; // gesturing hand index
  const tempo = P.tempo;
  const mu = rng.uniform(0.2, 1.6);
  const lowerAfter = (i: number, at: number): [number, HandPlan] => {
    const r = rest(i);
    const dl = at + rng.uniform(0.45, 0.8);
    return [at, (t) => ({ ...r(t), ttg: Math.max(dl - t, 0.3) })];
  };
  let variant: string = label;

  if (label === 'wave') {
    const f = clamp(rng.uniform(1.6, 3.2) * tempo, 1.5, 3.5);
    const a = Math.min(rng.uniform(0.05, 0.19) * P.amp, 2.3 / (7.5 * f));
    const c: Vec3 = [rng.uniform(0.0, 0.2), rng.uniform(-0.04, 0.28), -rng.uniform(0.2, 0.45)];
    const raise = clamp(len(sub(c, P.rest[gi])) / (rng.uniform(0.9, 1.4) * tempo), 0.3, 0.8);
    const cycles = rng.uniform(1.6, 4.5);
    const ts = place(rng, D, raise, cycles / f, 1.25 / f, 0.4);
    const t1 = ts + raise;
    const t2 = t1 + cycles / f;
    const pitch = rng.uniform(50, 85) * DEG;
    const rollAmp = rng.uniform(10, 35) * DEG;
    const drop = (0.5 * a * a) / 0.3;
    const osc = new VdP(f, mu, t1 - 0.01, rng.chance(0.5) ? 1 : -1, rng, 0.15);
    hands[gi] = seq(hands[gi], [
      [ts, goTo(c, pitch, 0, t1, 0.1)],
      [t1, (t) => {
        const h = osc.heading(t);
        return { x: add(c, [h.side * a, -drop, 0]), pitch, roll: h.side * rollAmp, ttg: Math.max(h.ttg, 0.06) };
      }],
      lowerAfter(gi, t2),
    ]);
  } else if (label === 'beckon') {
    const f = clamp(rng.uniform(1.0, 2.2) * tempo, 0.9, 2.5);
    const pull = rng.uniform(0.08, 0.2) * P.amp;
    const far: Vec3 = [-rng.uniform(0.02, 0.15), -rng.uniform(0.08, 0.28), -rng.uniform(0.3, 0.48)];
    const near: Vec3 = [far[0], far[1] + rng.uniform(0.02, 0.08), far[2] + pull];
    const raise = clamp(len(sub(far, P.rest[gi])) / (rng.uniform(0.9, 1.4) * tempo), 0.3, 0.7);
    const cycles = rng.uniform(2, 4);
    const ts = place(rng, D, raise, cycles / f, 1.6 / f, 0.5);
    const t1 = ts + raise;
    const roll = rng.uniform(70, 170) * DEG;
    const curl = rng.uniform(15, 45) * DEG;
    const osc = new VdP(f, mu, t1 - 0.01, 1, rng, 0.15);
    hands[gi] = seq(hands[gi], [
      [ts, goTo(far, 0, roll, t1, 0.1)],
      [t1, (t) => {
        const h = osc.heading(t);
        return { x: h.side > 0 ? near : far, pitch: h.side > 0 ? curl : 0, roll, ttg: Math.max(h.ttg, 0.06) };
      }],
      lowerAfter(gi, t1 + cycles / f),
    ]);
  } else if (label === 'point') {
    const az = rng.uniform(-45, 75) * DEG;
    const el = rng.uniform(-30, 35) * DEG;
    const dist = rng.uniform(1.5, 6);
    const dir: Vec3 = [Math.sin(az) * Math.cos(el), Math.sin(el), -Math.cos(az) * Math.cos(el)];
    const aim = scale(dir, dist);
    const x = scale(dir, P.arm * rng.uniform(0.86, 0.97));
    const raise = clamp(len(sub(x, P.rest[gi])) / (rng.uniform(0.9, 1.4) * tempo), 0.42, 0.9);
    const hold = rng.uniform(0.6, 1.8);
    const ts = place(rng, D, raise, hold, 0.65, 0.6);
    hands[gi] = seq(hands[gi], [[ts, goTo(x, 0, rng.uniform(-15, 15) * DEG, ts + raise, rng.uniform(0.18, 0.3), aim)], lowerAfter(gi, ts + raise + hold)]);
    const s = gi === 1 ? 1 : -1;
    const hy = -s * az * rng.uniform(0.4, 0.85); // positive yaw turns left
    const hp = el * rng.uniform(0.3, 0.7);
    const tLook = ts + raise * 0.6;
    head = (t) => (t < tLook ? gaze() : { yaw: hy, pitch: hp, roll: 0, ttg: Math.max(tLook + 0.35 - t, 0.2) });
    spine = (t) => ({ flex: P.slouch, lat: 0, twist: t > ts ? -s * az * 0.15 : 0, ttg: 0.5 });
  } else if (label === 'push') {
    const both = rng.chance(0.25);
    const reach = P.arm * rng.uniform(0.82, 0.97);
    const y = rng.uniform(-0.22, 0.06);
    const xo = -rng.uniform(0.0, 0.15);
    const x: Vec3 = [xo, y, -Math.sqrt(Math.max(reach * reach - y * y - xo * xo, 0.04))];
    const dur = clamp(len(sub(x, P.rest[gi])) / (rng.uniform(1.0, 1.5) * tempo), 0.3, 0.7);
    const hold = rng.uniform(0.45, 1.5);
    const ts = rng.uniform(0.03, Math.max(0.04, Math.min(D - dur - 0.55, D * 0.5)));
    const pitch = rng.uniform(50, 88) * DEG;
    for (const i of both ? [0, 1] : [gi]) hands[i] = seq(hands[i], [[ts, goTo(x, pitch, rng.uniform(-15, 15) * DEG, ts + dur, rng.uniform(0.15, 0.3))], lowerAfter(i, ts + dur + hold)]);
    const lean = rng.uniform(1, 4) * DEG;
    spine = (t) => ({ flex: P.slouch + (t > ts && t < ts + dur + hold ? lean : 0), lat: 0, twist: 0, ttg: 0.4 });
  } else if (label === 'nod' || label === 'shake') {
    const nod = label === 'nod';
    const f = nod ? clamp(rng.uniform(1.4, 3) * tempo, 1.2, 3.4) : clamp(rng.uniform(1.5, 3.2) * tempo, 1.3, 3.6);
    const a = (nod ? rng.uniform(7, Math.min(22, 50 / f)) : rng.uniform(8, Math.min(30, 55 / f))) * DEG * P.amp;
    const halves = nod ? 2 * rng.int(1, 3) : rng.int(3, 7);
    const core = halves / (2 * f);
    const ts = place(rng, D, 0, core, nod ? Math.min(core, 0.6) : Math.max(1 / f, Math.min(core, 0.8)), 0.7);
    const first = nod ? -1 : rng.chance(0.5) ? 1 : -1;
    const osc = new VdP(f, mu, ts - 0.01, first, rng, 0.1);
    const upFrac = rng.uniform(0.05, 0.45);
    const te = ts + core;
    head = (t) => {
      const g = gaze();
      if (t < ts) return g;
      if (t > te) return { ...g, ttg: Math.max(te + 0.3 - t, 0.2) };
      const h = osc.heading(t);
      const ttg = Math.max(h.ttg, 0.05);
      if (nod) return { yaw: g.yaw, pitch: g.pitch + (h.side < 0 ? -a : a * upFrac), roll: 0, ttg };
      return { yaw: g.yaw + h.side * a, pitch: g.pitch - 0.12 * a, roll: -h.side * 0.1 * a, ttg };
    };
  } else {
    variant = noneVariant;
    const s = gi === 1 ? 1 : -1;
    const ts = rng.uniform(-0.2, Math.max(0, D - 1));
    if (noneVariant === 'tilt') {
      const kind = rng.pick(['roll', 'down', 'up'] as const);
      const ang = rng.uniform(10, 28) * DEG * (kind === 'roll' ? (rng.chance(0.5) ? 1 : -1) : kind === 'down' ? -1 : 0.7);
      const mv = rng.uniform(0.3, 0.6);
      head = (t) => {
        const g = gaze();
        if (t < ts) return g;
        return kind === 'roll' ? { ...g, roll: ang, ttg: Math.max(ts + mv - t, 0.25) } : { ...g, pitch: g.pitch + ang, ttg: Math.max(ts + mv - t, 0.25) };
      };
    } else if (noneVariant === 'reach') {
      const x: Vec3 = [rng.uniform(-0.2, 0.25), rng.uniform(-0.45, 0.05), -P.arm * rng.uniform(0.6, 0.9)];
      const go = rng.uniform(0.4, 0.7) / tempo;
      const dwell = rng.uniform(0.05, 0.25);
      const back: Vec3 = [rng.uniform(-0.15, 0.05), -rng.uniform(0.2, 0.4), -rng.uniform(0.15, 0.3)];
      const t1 = ts + go + dwell;
      hands[gi] = seq(hands[gi], [
        [ts, goTo(x, -rng.uniform(0, 30) * DEG, rng.uniform(-40, 40) * DEG, ts + go, 0.1)],
        [t1, goTo(back, 0, 0.5, t1 + rng.uniform(0.4, 0.7), 0.25)],
        lowerAfter(gi, t1 + rng.uniform(0.7, 1.2)),
      ]);
      const lean = rng.uniform(3, 12) * DEG;
      const look = Math.atan2(x[1] - 0.25, -x[2]);
      spine = (t) => ({ flex: P.slouch + (t > ts && t < t1 ? lean : 0), lat: 0, twist: 0, ttg: 0.4 });
      head = (t) => (t < ts || t > t1 + 0.3 ? gaze() : { ...gaze(), pitch: look, ttg: 0.3 });
    } else if (noneVariant === 'sweep') {
      const az0 = rng.uniform(-40, 60) * DEG;
      const dirn = az0 > 10 * DEG ? -1 : 1;
      const rate = rng.uniform(45, 110) * DEG;
      const el = rng.uniform(-20, 20) * DEG;
      const raise = rng.uniform(0.35, 0.6);
      const sweepT = rng.uniform(0.6, 1.4);
      const r = P.arm * rng.uniform(0.85, 0.96);
      const at = (t: number) => {
        const az = az0 + dirn * rate * clamp(t - ts - raise * 0.7, 0, sweepT);
        return [Math.sin(az) * Math.cos(el), Math.sin(el), -Math.cos(az) * Math.cos(el)] as Vec3;
      };
      hands[gi] = seq(hands[gi], [
        [ts, (t) => ({ x: scale(at(t), r), pitch: 0, roll: 0, ttg: Math.max(ts + raise - t, 0.12), aim: scale(at(t), 4) })],
        lowerAfter(gi, ts + raise * 0.7 + sweepT + 0.05),
      ]);
      head = (t) => (t < ts ? gaze() : { yaw: -s * (az0 + dirn * rate * clamp(t - ts - raise, 0, sweepT)) * 0.6, pitch: el * 0.5, roll: 0, ttg: 0.2 });
    } else if (noneVariant === 'scratch' || noneVariant === 'headset') {
      const scratch = noneVariant === 'scratch';
      const both = !scratch && rng.chance(0.6);
      const spot: Vec3 = [-P.shW + rng.uniform(0.06, 0.12), 0.15 * P.H + rng.uniform(-0.03, 0.05), rng.uniform(-0.09, 0.04)];
      const go = rng.uniform(0.4, 0.7) / tempo;
      const stay = rng.uniform(0.5, 1.4);
      const f = rng.uniform(3, 6);
      const a = scratch ? rng.uniform(0.008, 0.025) : rng.uniform(0.01, 0.03);
      const axis = rng.pick([0, 1, 2]);
      const osc = new VdP(scratch ? f : rng.uniform(0.5, 1.2), mu, ts + go, 1, rng, 0.5);
      for (const i of both ? [0, 1] : [gi]) {
        hands[i] = seq(hands[i], [
          [ts, goTo(spot, rng.uniform(40, 80) * DEG, rng.uniform(-60, 60) * DEG, ts + go, 0.12)],
          [ts + go, (t) => {
            const h = osc.heading(t);
            const off: Vec3 = [0, 0, 0];
            off[scratch ? axis : 1] = h.side * a;
            return { x: add(spot, off), pitch: 60 * DEG, roll: 0, ttg: Math.max(h.ttg, scratch ? 0.05 : 0.2) };
          }],
          lowerAfter(i, ts + go + stay),
        ]);
      }
      const tilt = rng.uniform(-12, 8) * DEG;
      head = (t) => (t < ts + go ? gaze() : { ...gaze(), pitch: gaze().pitch + tilt, roll: scratch ? -s * 8 * DEG : 0, ttg: 0.35 });
    } else if (noneVariant === 'look') {
      const n = rng.int(1, 3);
      const pts: [number, number, number][] = [];
      let t = ts;
      let side = rng.chance(0.5) ? 1 : -1;
      for (let k = 0; k < n; k++) {
        const mv = rng.uniform(0.35, 0.7);
        pts.push([t, side * rng.uniform(20, 70) * DEG, rng.uniform(-20, 12) * DEG]);
        t += mv + rng.uniform(0.45, 1.0);
        if (rng.chance(0.6)) side = -side;
      }
      head = (tt) => {
        let g = gaze();
        for (const [at, y, p] of pts) if (tt >= at) g = { yaw: y, pitch: p, roll: 0, ttg: Math.max(at + 0.5 - tt, 0.25) };
        return g;
      };
      spine = (tt) => ({ flex: P.slouch, lat: 0, twist: 0.2 * head(tt).yaw, ttg: 0.6 });
    } else if (noneVariant === 'walk') {
      const fStep = rng.uniform(1.6, 2.1) * tempo;
      const gait = new VdP(fStep / 2, 0.3, -1.5, 1, rng, 0);
      const side = rng.chance(0.25);
      const vmax = side ? rng.uniform(0.3, 0.5) : rng.uniform(0.5, 1.2);
      const heading = side ? rng.pick([-90, 90]) * DEG : rng.normal(0, 15) * DEG; // + is to the right
      const turn = rng.normal(0, 25) * DEG;
      const tw0 = rng.uniform(-0.8, D * 0.4);
      const tw1 = tw0 + rng.uniform(1.2, 3);
      let dist = 0;
      let tl = -1.5;
      const bob = rng.uniform(0.015, 0.035);
      const speed = (t: number) => vmax * clamp((t - tw0) / 0.5, 0, 1) * clamp((tw1 - t) / 0.5, 0, 1);
      root = (t) => {
        while (tl < t) {
          dist += speed(tl) * DT;
          tl += DT;
        }
        gait.advance(t);
        const xn = clamp(gait.x / 2, -1.2, 1.2);
        const sp = speed(t) / vmax;
        const yaw = turn * clamp((t - tw0) / (tw1 - tw0), 0, 1);
        const d: Vec3 = [Math.sin(heading - yaw * 0.5) * dist, sp * bob * (xn * xn - 0.5), -Math.cos(heading - yaw * 0.5) * dist];
        return { d: add(d, [ctx.sway[0] + sp * 0.025 * xn, 0, ctx.sway[1]]), yaw };
      };
      for (const i of [0, 1]) {
        const r0 = rest(i);
        const sw = rng.uniform(0.08, 0.2);
        const sgn = i === 0 ? 1 : -1;
        hands[i] = (t) => {
          const g = r0(t);
          gait.advance(t);
          return { ...g, x: add(g.x, [0, 0, sgn * sw * clamp(gait.x / 2, -1, 1) * (speed(t) / vmax)]), ttg: 0.18 };
        };
      }
      head = () => ({ ...gaze(), yaw: gaze().yaw - heading * 0.3, pitch: -8 * DEG + ctx.gaze[1] });
    } else if (noneVariant === 'talk') {
      const f = rng.uniform(1.0, 2.4);
      const osc = new VdP(f, mu, ts, -1, rng, 1.2);
      const c: Vec3 = [-rng.uniform(0, 0.12), -rng.uniform(0.3, 0.45), -rng.uniform(0.25, 0.4)];
      const a = rng.uniform(0.015, 0.05);
      const both = rng.chance(0.4);
      const roll = rng.uniform(0, 70) * DEG;
      for (const i of both ? [0, 1] : [gi]) {
        hands[i] = seq(hands[i], [
          [ts, (t) => {
            const h = osc.heading(t);
            return { x: add(c, [h.side * a * 0.5, h.side * a, 0]), pitch: 10 * DEG, roll, ttg: Math.max(h.ttg, 0.12) };
          }],
        ]);
      }
    } else if (noneVariant === 'watch') {
      const x: Vec3 = [-rng.uniform(0.08, 0.2), -rng.uniform(0.1, 0.25), -rng.uniform(0.25, 0.35)];
      const go = rng.uniform(0.35, 0.6);
      const hold = rng.uniform(0.7, 1.4);
      const other = 1 - gi;
      hands[other] = seq(hands[other], [[ts, goTo(x, 10 * DEG, rng.uniform(60, 100) * DEG, ts + go, 0.2)], lowerAfter(other, ts + go + hold)]);
      const down = rng.uniform(18, 35) * DEG;
      head = (t) =>
        t < ts + go * 0.5 || t > ts + go + hold ? { ...gaze(), ttg: 0.4 } : { yaw: s * 15 * DEG, pitch: -down, roll: 0, ttg: Math.max(ts + go - t, 0.35) };
    } else if (noneVariant === 'stretch') {
      const up: Vec3 = [rng.uniform(-0.05, 0.15), P.arm * rng.uniform(0.8, 0.95), -rng.uniform(0.0, 0.2)];
      const go = rng.uniform(0.5, 0.9);
      for (const i of rng.chance(0.6) ? [0, 1] : [gi]) hands[i] = seq(hands[i], [[ts, goTo(up, 80 * DEG, 0, ts + go, 0.2)], lowerAfter(i, ts + go + rng.uniform(0.05, 0.25))]);
      spine = (t) => ({ flex: t > ts && t < ts + go + 0.3 ? -5 * DEG : P.slouch, lat: 0, twist: 0, ttg: 0.5 });
    } else if (noneVariant === 'cross') {
      const kind = rng.pick(['cross', 'hip', 'chin'] as const);
      const go = rng.uniform(0.5, 0.9);
      for (const i of kind === 'chin' ? [gi] : [0, 1]) {
        const x: Vec3 =
          kind === 'cross'
            ? [-P.shW - rng.uniform(0.05, 0.12), -rng.uniform(0.15, 0.25), -rng.uniform(0.12, 0.2)]
            : kind === 'hip'
              ? [rng.uniform(0.05, 0.1), -P.arm * 0.6, rng.uniform(-0.02, 0.05)]
              : [-P.shW + 0.05, 0.12 * P.H, -rng.uniform(0.06, 0.12)];
        hands[i] = seq(hands[i], [[ts + (i === gi ? 0 : 0.15), goTo(x, 0, 0.5, ts + go, 0.3)]]);
      }
    }
    // 'idle' keeps the defaults
  }
  return { plan: { hands, head, spine, root }, variant };
}

// ---------------------------------------------------------------------------------------------
// Simulation on a 240 Hz grid

interface Track {
  t0: number;
  head: Pose[];
  hands: [Pose[], Pose[]];
  pelvis: Vec3[];
  chest: Vec3[];
}

function simulate(P: Person, rng: Rng, D: number, label: GestureLabel, noneVariant: string, place0: Vec3, yaw0: number): { track: Track; variant: string } {
  const ctx: Ctx = { syn: [[0, 0, 0], [0, 0, 0]], gaze: [0, 0], sway: [0, 0] };
  const { plan, variant } = buildScene(label, P, D, rng, noneVariant, ctx);
  const t0 = -1.2;
  const n = Math.ceil((D + 0.25 - t0) / DT);
  const gz = [new OU(0.8, 2.5 * DEG, rng), new OU(0.8, 1.5 * DEG, rng)];
  let sacc: [number, number] = [0, 0];
  const sway = [new OU(1.5, 0.01, rng), new OU(1.5, 0.01, rng)];
  const spineAx = [new Axis(P.slouch, P.spine), new Axis(0, P.spine), new Axis(0, P.spine)];
  const headAx = [new Axis(0, P.head), new Axis(0, P.head), new Axis(0, P.head)];
  const initRest = (i: number) => P.rest[i];
  const handAx: Axis[][] = [0, 1].map(() => [new Axis(0, P.hand), new Axis(0, P.hand), new Axis(0, P.hand)]);
  const wristAx: Axis[][] = [0, 1].map(() => [new Axis(P.restPitch, P.wrist), new Axis(0, P.wrist)]);
  const tremPh = [rng() * 6.3, rng() * 6.3, rng() * 6.3, rng() * 6.3];
  const Rw0 = qaxis(UP, yaw0);
  const track: Track = { t0, head: [], hands: [[], []], pelvis: [], chest: [] };
  let first = true;
  for (let k = 0; k < n; k++) {
    const t = t0 + k * DT;
    // shared processes
    for (let i = 0; i < 2; i++) {
      const off: Vec3 = [0, 0, 0];
      for (const syn of P.synergies) {
        const a = syn.proc.step(rng);
        for (let j = 0; j < 3; j++) off[j] += a * syn.vec[i * 3 + j];
      }
      ctx.syn[i] = off;
    }
    if (rng() < 0.5 * DT) sacc = [rng.normal(0, 9) * DEG, rng.normal(0, 4) * DEG];
    ctx.gaze = [sacc[0] + gz[0].step(rng), sacc[1] + gz[1].step(rng)];
    ctx.sway = [sway[0].step(rng), sway[1].step(rng)];
    // spine
    const sg = plan.spine(t);
    spineAx[0].step(sg.flex, sg.ttg, rng);
    spineAx[1].step(sg.lat, sg.ttg, rng);
    spineAx[2].step(sg.twist, sg.ttg, rng);
    const [flex, lat, tw] = spineAx.map((a) => a.p);
    const Rl = qeuler(0.4 * tw, -0.4 * flex, 0.5 * lat);
    const Rt = qmul(Rl, qeuler(0.6 * tw, -0.6 * flex, 0.5 * lat));
    const pelvis: Vec3 = [0, P.hipY, P.seated ? 0.05 : 0];
    const lumTop = add(pelvis, qrot(Rl, [0, P.lum, 0]));
    const thoTop = add(lumTop, qrot(Rt, [0, P.tho, 0]));
    // head
    const hg = plan.head(t);
    headAx[0].step(clamp(hg.yaw, -80 * DEG, 80 * DEG), hg.ttg, rng);
    headAx[1].step(clamp(hg.pitch, -50 * DEG, 40 * DEG), hg.ttg, rng);
    headAx[2].step(clamp(hg.roll, -35 * DEG, 35 * DEG), hg.ttg, rng);
    const [hy, hp, hr] = headAx.map((a) => a.p);
    const Rn = qmul(Rt, qeuler(hy, hp, hr));
    const neckTop = add(thoTop, qrot(qmul(Rt, qeuler(0.3 * hy, 0.35 * hp, 0.4 * hr)), [0, P.neck, 0]));
    const eye = add(neckTop, qrot(Rn, [0, P.eyeUp, -P.eyeFwd]));
    // hands
    const rt = plan.root(t);
    const Rw = qaxis(UP, yaw0 + rt.yaw);
    const toWorld = (v: Vec3): Vec3 => add(add(place0, qrot(Rw0, rt.d)), qrot(Rw, v));
    const handPoses: Pose[] = [];
    for (let i = 0; i < 2; i++) {
      const sgn = i === 0 ? -1 : 1;
      const mir = (v: Vec3): Vec3 => [sgn * v[0], v[1], v[2]];
      const shoulder = add(thoTop, qrot(Rt, [sgn * P.shW, -P.shDown, 0]));
      const goal = plan.hands[i](t);
      const tgt = add(shoulder, qrot(Rt, mir(goal.x)));
      if (first) handAx[i].forEach((a, j) => a.set(add(shoulder, qrot(Rt, mir(initRest(i))))[j]));
      handAx[i].forEach((a, j) => a.step(tgt[j], goal.ttg, rng));
      let hp3: Vec3 = [handAx[i][0].p, handAx[i][1].p, handAx[i][2].p];
      const rel = sub(hp3, shoulder);
      if (len(rel) > P.arm) {
        hp3 = add(shoulder, scale(norm(rel), P.arm));
        handAx[i].forEach((a, j) => a.set(hp3[j]));
      }
      wristAx[i][0].step(goal.pitch, Math.max(goal.ttg, 0.1), rng);
      wristAx[i][1].step(goal.roll, Math.max(goal.ttg, 0.1), rng);
      // orientation: forearm-ish direction from the arm line blended with the chest's forward
      const fwdT = qrot(Rt, [0, 0, -1]);
      const upT = qrot(Rt, UP);
      let dirv: Vec3;
      if (goal.aim) {
        const aimL = add(shoulder, qrot(Rt, mir(goal.aim)));
        dirv = norm(lerp3(norm(sub(aimL, hp3)), norm(sub(hp3, shoulder)), 0.25));
      } else {
        const frac = clamp(len(rel) / P.arm, 0, 1);
        dirv = norm(lerp3(norm(rel), fwdT, 0.7 - 0.4 * frac));
      }
      let q = qlook(dirv, upT);
      q = qmul(q, qaxis([1, 0, 0], goal.aim ? 0 : wristAx[i][0].p));
      q = qmul(q, qaxis([0, 0, -1], sgn * wristAx[i][1].p));
      const trem = P.tremorAmp * Math.sin(2 * Math.PI * P.tremorHz * t + tremPh[i]);
      const tremv: Vec3 = [trem, P.tremorAmp * Math.sin(2 * Math.PI * P.tremorHz * 1.07 * t + tremPh[i + 2]), 0.5 * trem];
      q = qmul(q, qaxis(norm([1, 0.3, 0]), trem * 4));
      handPoses.push({ p: toWorld(add(hp3, tremv)), q: qnorm(qmul(Rw, q)) });
    }
    first = false;
    track.head.push({ p: toWorld(eye), q: qnorm(qmul(Rw, Rn)) });
    track.hands[0].push(handPoses[0]);
    track.hands[1].push(handPoses[1]);
    track.pelvis.push(toWorld(pelvis));
    track.chest.push(toWorld(thoTop));
  }
  return { track, variant };
}

// ---------------------------------------------------------------------------------------------
// Tracker

type Mode = 'inside-out' | 'lighthouse' | 'hands';

function sampleAt(arr: Pose[], t0: number, t: number): Pose {
  const x = clamp((t - t0) / DT, 0, arr.length - 1.0001);
  const i = Math.floor(x);
  const u = x - i;
  return { p: lerp3(arr[i].p, arr[i + 1].p, u), q: qslerp(arr[i].q, arr[i + 1].q, u) };
}
function sampleVec(arr: Vec3[], t0: number, t: number): Vec3 {
  const x = clamp((t - t0) / DT, 0, arr.length - 1.0001);
  const i = Math.floor(x);
  return lerp3(arr[i], arr[i + 1], x - i);
}

/** Closest distance between segments ab and cd. */
function segDist(a: Vec3, b: Vec3, c: Vec3, d: Vec3): number {
  const u = sub(b, a);
  const v = sub(d, c);
  const w = sub(a, c);
  const A = dot(u, u);
  const B = dot(u, v);
  const C = dot(v, v);
  const Dd = dot(u, w);
  const E = dot(v, w);
  const den = A * C - B * B;
  let s = den > 1e-9 ? clamp((B * E - C * Dd) / den, 0, 1) : 0;
  let tt = C > 1e-9 ? clamp((B * s + E) / C, 0, 1) : 0;
  s = A > 1e-9 ? clamp((B * tt - Dd) / A, 0, 1) : 0;
  tt = C > 1e-9 ? clamp((B * s + E) / C, 0, 1) : 0;
  return len(sub(add(a, scale(u, s)), add(c, scale(v, tt))));
}

/** Small random rotation. */
function qjitter(rng: Rng, sd: number): Quat {
  return qnorm([rng.normal(0, sd / 2), rng.normal(0, sd / 2), rng.normal(0, sd / 2), 1]);
}

function track2clip(track: Track, D: number, rng: Rng, label: string): MotionClip {
  const mode: Mode = rng.pick(['inside-out', 'inside-out', 'lighthouse', 'hands'] as const);
  const hz = rng.pick([72, 72, 90, 90, 120, 60, 45]);
  const jit = rng.uniform(0.002, 0.06);
  const pDrop = rng.chance(0.6) ? rng.uniform(0, 0.04) : 0;
  const hitchAt = rng.chance(0.2) ? rng.uniform(0.1, D - 0.1) : -1;
  const tStart = rng.chance(0.75) ? 0 : rng.uniform(0.5, 500);
  const times: number[] = [];
  for (let t = 0; t <= D; ) {
    times.push(t);
    let step = (1 / hz) * Math.max(0.3, 1 + rng.normal(0, jit));
    while (rng.chance(pDrop)) step += 1 / hz;
    if (hitchAt >= 0 && t < hitchAt && t + step >= hitchAt) step += rng.int(2, 6) / hz;
    t += step;
  }
  const latHead = rng.uniform(0, 0.03);
  const latCtrl = rng.uniform(0, 0.045) + (mode === 'hands' ? rng.uniform(0.01, 0.04) : 0);
  const drift = rng.normal(0, 0.003);
  const offset = rng.normal(0, 0.012);
  const alpha = rng.uniform(0.45, 0.95);
  const beta = rng.uniform(0.04, 0.3) * alpha * alpha;
  const ahead = latCtrl * rng.uniform(0, 1);
  const posSd = mode === 'hands' ? rng.uniform(0.002, 0.005) : rng.uniform(0.0002, 0.001);
  const angSd = (mode === 'hands' ? rng.uniform(1, 3) : rng.uniform(0.1, 0.4)) * DEG;
  const coneDown = (mode === 'hands' ? rng.uniform(15, 25) : rng.uniform(25, 35)) * DEG;
  const coneHalf = (mode === 'hands' ? rng.uniform(72, 85) : rng.uniform(82, 95)) * DEG;
  const coast = mode === 'hands' ? 0.03 : rng.uniform(0.2, 0.6);
  const reacq = mode === 'hands' ? rng.uniform(0.08, 0.25) : rng.uniform(0.03, 0.1);
  const room = rng.uniform(2, 3);
  const corner = rng.int(0, 3);
  const stations: Vec3[] = [0, 2].map((k) => {
    const a = ((corner + k) * Math.PI) / 2 + Math.PI / 4;
    return [room * Math.SQRT2 * Math.cos(a), rng.uniform(2, 2.5), room * Math.SQRT2 * Math.sin(a)];
  });
  const torsoR = rng.uniform(0.13, 0.17);
  const bursts: [number, number, number][] = []; // [hand, from, to]
  for (let i = 0; i < 2; i++) if (rng.chance(0.12)) {
    const b0 = rng.uniform(0, D);
    bursts.push([i, b0, b0 + rng.uniform(0.05, 0.3)]);
  }
  const headLoss = rng.chance(0.03) ? rng.int(1, Math.max(1, times.length - 6)) : -1;
  const headLossN = rng.int(1, 5);

  const frames: MotionFrame[] = times.map((t) => ({ t: t + tStart, head: null, left: null, right: null }));
  // head: latency + light smoothing + noise
  let hq: Quat | null = null;
  let hp: Vec3 | null = null;
  const hAlpha = rng.uniform(0.7, 1);
  times.forEach((t, k) => {
    const s = sampleAt(track.head, track.t0, t - latHead);
    hp = hp ? lerp3(hp, s.p, hAlpha) : s.p;
    hq = hq ? qslerp(hq, s.q, hAlpha) : s.q;
    if (headLoss >= 0 && k >= headLoss && k < headLoss + headLossN) return;
    frames[k].head = { p: add(hp, [rng.normal(0, 0.0002), rng.normal(0, 0.0002), rng.normal(0, 0.0002)]), q: qnorm(qmul(hq, qjitter(rng, 0.05 * DEG))) };
  });
  if (!frames.some((f) => f.head)) frames[0].head = sampleAt(track.head, track.t0, 0);
  // hands
  for (let i = 0; i < 2; i++) {
    let p: Vec3 | null = null;
    let v: Vec3 = [0, 0, 0];
    let q: Quat | null = null;
    let unseen = 0;
    let seenFor = 1;
    let lost = false;
    let prevT = 0;
    times.forEach((t, k) => {
      const tau = t * (1 + drift) + offset - latCtrl;
      const s = sampleAt(track.hands[i], track.t0, tau);
      const h = sampleAt(track.head, track.t0, tau);
      const dt = k === 0 ? 1 / hz : t - prevT;
      prevT = t;
      let pos = s.p;
      if (mode === 'hands') pos = sub(pos, scale(qrot(s.q, [0, 0, -1]), 0.05));
      // visibility
      let visible: boolean;
      if (mode === 'lighthouse') {
        const pel = sampleVec(track.pelvis, track.t0, tau);
        const ch = sampleVec(track.chest, track.t0, tau);
        visible = stations.some((st) => segDist(st, pos, pel, ch) > torsoR && segDist(st, pos, h.p, h.p) > 0.11);
      } else {
        const fwd = qrot(h.q, [0, 0, -1]);
        const right = norm(cross(fwd, qrot(h.q, UP)));
        const axis = norm(qrot(qaxis(right, -coneDown), fwd));
        const rel = sub(pos, h.p);
        visible = dot(norm(rel), axis) > Math.cos(coneHalf) && len(rel) > 0.1;
      }
      if (bursts.some(([hi, a, b]) => hi === i && t >= a && t <= b)) visible = false;
      if (visible) {
        unseen = 0;
        seenFor += dt;
      } else {
        unseen += dt;
        seenFor = 0;
      }
      if (unseen > coast) lost = true;
      if (lost && seenFor >= reacq) {
        lost = false;
        p = null;
      }
      const noisy = add(pos, [rng.normal(0, posSd), rng.normal(0, posSd), rng.normal(0, posSd)]);
      const nq = qnorm(qmul(s.q, qjitter(rng, angSd)));
      if (!p) {
        p = noisy;
        v = [0, 0, 0];
        q = nq;
      } else {
        const pred = add(p, scale(v, dt));
        const r = sub(noisy, pred);
        p = add(pred, scale(r, alpha));
        v = add(v, scale(r, beta / dt));
        q = qslerp(q ?? nq, nq, alpha);
      }
      if (lost || !q) return;
      const out: Pose = { p: add(p, scale(v, ahead)), q };
      if (i === 0) frames[k].left = out;
      else frames[k].right = out;
    });
  }
  return { label, hz, frames };
}

// ---------------------------------------------------------------------------------------------

const NONE_VARIANTS = ['idle', 'idle', 'tilt', 'tilt', 'reach', 'reach', 'sweep', 'sweep', 'scratch', 'headset', 'look', 'look', 'walk', 'walk', 'talk', 'watch', 'stretch', 'cross'];

/** Generate `perLabel` clips for every gesture label, deterministically from `seed`. */
export function generateEighth(perLabel: number, seed: number): MotionClip[] {
  const rng = createRng(seed ^ 0x8e1a7);
  const order = [...NONE_VARIANTS];
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [order[i], order[j]] = [order[j], order[i]];
  }
  const clips: MotionClip[] = [];
  for (const label of GESTURE_LABELS) {
    for (let n = 0; n < perLabel; n++) {
      const person = makePerson(rng);
      const D = rng.uniform(1.05, 2.98);
      const where: Vec3 = [rng.uniform(-2.5, 2.5), 0, rng.uniform(-2.5, 2.5)];
      const yaw = rng.uniform(-Math.PI, Math.PI);
      const { track } = simulate(person, rng, D, label, order[n % order.length], where, yaw);
      clips.push(track2clip(track, D, rng, label));
    }
  }
  return clips;
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const out = args.get('out');
  const perLabel = Number(args.get('per-label') ?? 50);
  const seed = Number(args.get('seed') ?? 8);
  if (!out || !Number.isInteger(perLabel) || perLabel < 1 || !Number.isFinite(seed)) {
    console.error('usage: node --import tsx scripts/gesture/synth-eighth.ts --out DIR --per-label N --seed S');
    process.exit(2);
  }
  const clips = generateEighth(perLabel, seed);
  writeClips(out, clips);
  console.log(`wrote ${clips.length} clips (${perLabel} per label, seed ${seed}) to ${out}`);
}

// Run only as a command, so tools can import generateEighth.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
