/**
 * synth-sixth.ts: the sixth motion-clip generator. EVALUATION ONLY: its clips judge the gesture
 * model on a motion model that no training generator shares; never train or tune on them.
 *
 * Motion model (task-space motor control, not joint-angle keyframes and not a physics arm):
 * - Hand paths are sums of overlapping minimum-jerk submovements (Flash & Hogan; superposition as
 *   in Flash & Henis). A reach is a stochastic optimised-submovement plan (Meyer et al.): a primary
 *   submovement whose duration follows a Fitts-like law and whose endpoint scatter grows with its
 *   mean speed (speed-accuracy noise, usually undershooting), then up to two corrective
 *   submovements launched before the previous one ends. Curved approaches go through via points.
 * - Rhythmic parts (wave, beckon) are closed curves (thin, sagging, asymmetric loops) in a plane
 *   whose timing obeys the two-thirds power law (speed = K * curvature^-beta, beta ~ 1/3) with a
 *   per-person frequency (within PERCEPTION.md's ranges), amplitude, asymmetry and a damping of
 *   successive cycles; they are added to the submovement path with a smooth envelope.
 * - A two-bone arm IK only places the elbow; the forearm direction and wrist style give the
 *   controller / wrist orientation unless the task sets it (pointing ray, palm-out push).
 * - The head has its own model: main-sequence gaze shifts (duration and peak speed grow with
 *   amplitude), nod / shake as damped oscillations of varying count, amplitude and bias, and
 *   1/f-like micro-motion; the body stands anywhere within a few metres facing any direction,
 *   sways with 1/f-like noise, and may walk, turn or lean.
 * - Tracking artefacts: uneven timestamps (30-120 Hz, jitter, dropped frames, hitches),
 *   controller or hand-tracking mode (wrist pose, hands lost outside the tracking cone, random
 *   dropouts, re-acquisition delay), measurement noise, slow world drift and a One-Euro filter.
 *
 * Built independently: written only from PERCEPTION.md's "Gestures" and "Motion clip format"
 * sections, src/core/types.ts, scripts/gesture/motion-math.ts, scripts/gesture/node-io.ts and
 * tests/support/motion.ts; no other generator, feature code, model, trainer or clip was read.
 *
 * Usage: node --import tsx scripts/gesture/synth-sixth.ts --out DIR --per-label N --seed S
 */
import { pathToFileURL } from 'node:url';
import { GESTURE_LABELS, type GestureLabel, type MotionFrame, type Pose, type Quat, type Vec3 } from '../../src/core/types';
import {
  add,
  createRng,
  cross,
  dot,
  len,
  lerp3,
  minJerk,
  norm,
  parseArgs,
  qaxis,
  qeuler,
  qlook,
  qmul,
  qnorm,
  qrot,
  qslerp,
  scale,
  sub,
  writeClips,
  type MotionClip,
  type Rng,
} from './motion-math';

const DEG = Math.PI / 180;
const TAU = 2 * Math.PI;
const clamp = (x: number, a: number, b: number) => Math.min(b, Math.max(a, x));
const ZERO: Vec3 = [0, 0, 0];
const UP: Vec3 = [0, 1, 0];

type Side = 'left' | 'right';
const SIDES: readonly Side[] = ['left', 'right'];
const sgn = (s: Side) => (s === 'right' ? 1 : -1);
const otherSide = (s: Side): Side => (s === 'right' ? 'left' : 'right');
type Fn3 = (t: number) => Vec3;
type Ang3 = [number, number, number];

const gauss3 = (rng: Rng, sd: number): Vec3 => [rng.normal(0, sd), rng.normal(0, sd), rng.normal(0, sd)];

/** Rotate v about unit axis by angle. */
const rotAbout = (v: Vec3, axis: Vec3, angle: number): Vec3 => qrot(qaxis(norm(axis), angle), v);

/** Move p toward c so that |p - c| <= r. */
function within(c: Vec3, p: Vec3, r: number): Vec3 {
  const d = sub(p, c);
  const l = len(d);
  return l <= r ? p : add(c, scale(d, r / l));
}

// ---------------------------------------------------------------------------------------------
// Noise sources
// ---------------------------------------------------------------------------------------------

/**
 * 1/f-like noise: sinusoids at log-spaced frequencies (density ~ 1/f) with equal amplitudes, so
 * the power spectrum falls as 1/f between fLo and fHi; `rms` is the overall RMS.
 */
function pink(rng: Rng, rms: number, fLo = 0.12, fHi = 3, n = 7): (t: number) => number {
  const fs: number[] = [];
  const as: number[] = [];
  const ph: number[] = [];
  let p = 0;
  for (let i = 0; i < n; i++) {
    fs.push(fLo * Math.pow(fHi / fLo, (i + rng.uniform(0.15, 0.85)) / n));
    const a = rng.uniform(0.7, 1.3);
    as.push(a);
    ph.push(rng.uniform(0, TAU));
    p += (a * a) / 2;
  }
  const k = rms / Math.sqrt(p);
  return (t) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += as[i] * Math.sin(TAU * fs[i] * t + ph[i]);
    return s * k;
  };
}

/** Three independent 1/f-like channels with per-axis RMS. */
function pink3(rng: Rng, rms: Vec3, fLo = 0.12, fHi = 3): Fn3 {
  const c = rms.map((r) => pink(rng, r, fLo, fHi));
  return (t) => [c[0](t), c[1](t), c[2](t)];
}

/** Physiological tremor: narrow-band noise around f0 (8-12 Hz), amplitude `amp` metres. */
function tremor(rng: Rng, amp: number, f0: number): Fn3 {
  const comps = Array.from({ length: 6 }, () => ({
    f: f0 + rng.uniform(-1.2, 1.2),
    ph: rng.uniform(0, TAU),
    axis: rng.int(0, 2),
    a: amp * rng.uniform(0.5, 1),
  }));
  return (t) => {
    const v: Vec3 = [0, 0, 0];
    for (const c of comps) v[c.axis] += c.a * Math.sin(TAU * c.f * t + c.ph);
    return v;
  };
}

// ---------------------------------------------------------------------------------------------
// The person
// ---------------------------------------------------------------------------------------------

/** Body dimensions and motor style of one simulated person (metres, seconds). */
interface Person {
  H: number;
  eyeY: number;
  neckY: number;
  hipY: number;
  shX: number;
  shY: number;
  shZ: number;
  upper: number;
  fore: number;
  reach: number;
  /** Movement-duration multiplier (slow people > 1). */
  tempo: number;
  /** Speed-accuracy constant: endpoint SD = kNoise * distance / duration. */
  kNoise: number;
  /** Power-law exponent (speed ~ curvature^-beta). */
  beta: number;
  /** Gaze-shift duration multiplier. */
  headDur: number;
  tremorAmp: number;
  tremorHz: number;
  dominant: Side;
}

function makePerson(rng: Rng): Person {
  const H = rng.uniform(1.58, 1.97);
  const eyeY = H * rng.uniform(0.927, 0.937);
  const upper = H * 0.186 * rng.uniform(0.96, 1.04);
  const fore = H * 0.146 * rng.uniform(0.96, 1.04) + 0.05;
  return {
    H,
    eyeY,
    neckY: eyeY - 0.09,
    hipY: H * rng.uniform(0.51, 0.55),
    shX: H * rng.uniform(0.098, 0.112),
    shY: H * rng.uniform(0.81, 0.83),
    shZ: rng.uniform(0.01, 0.05),
    upper,
    fore,
    reach: upper + fore,
    tempo: rng.uniform(0.8, 1.25),
    kNoise: rng.uniform(0.006, 0.022),
    beta: rng.uniform(0.29, 0.37),
    headDur: rng.uniform(0.85, 1.2),
    tremorAmp: rng.uniform(0.0002, 0.0009),
    tremorHz: rng.uniform(7.5, 11.5),
    dominant: rng.chance(0.85) ? 'right' : 'left',
  };
}

const shoulderOf = (P: Person, s: Side): Vec3 => [sgn(s) * P.shX, P.shY, P.shZ];
const neckOf = (P: Person): Vec3 => [0, P.neckY, 0.02];
/** Eye (viewer) point relative to the neck pivot, in the head's own frame. */
const EYE_OFF: Vec3 = [0, 0.09, -0.09];
/** Eye point in the trunk frame for head angles (yaw, pitch, roll). */
const eyeAt = (P: Person, a: Ang3): Vec3 => add(neckOf(P), qrot(qeuler(a[0], a[1], a[2]), EYE_OFF));

/** Head yaw / pitch that look from the eye at trunk-frame point q. */
function lookAngles(P: Person, q: Vec3): [number, number] {
  const d = sub(q, eyeAt(P, [0, 0, 0]));
  return [Math.atan2(-d[0], -d[2]), Math.atan2(d[1], Math.hypot(d[0], d[2]))];
}

// ---------------------------------------------------------------------------------------------
// Tracker-side filters
// ---------------------------------------------------------------------------------------------

const euroAlpha = (fc: number, dt: number) => 1 / (1 + 1 / (TAU * fc * dt));

/** One-Euro filter on a vector (speed-adaptive low-pass). */
class EuroVec {
  private x: number[] | null = null;
  private dx: number[] = [];
  private t = 0;
  constructor(
    private readonly minCut: number,
    private readonly beta: number,
    private readonly dCut = 1,
  ) {}
  reset(): void {
    this.x = null;
  }
  step(v: readonly number[], t: number): number[] {
    if (!this.x) {
      this.x = [...v];
      this.dx = v.map(() => 0);
      this.t = t;
      return [...v];
    }
    const dt = Math.max(1e-4, t - this.t);
    this.t = t;
    const prev = this.x;
    const ad = euroAlpha(this.dCut, dt);
    this.dx = v.map((x, i) => this.dx[i] + ad * ((x - prev[i]) / dt - this.dx[i]));
    const speed = Math.hypot(...this.dx);
    const a = euroAlpha(this.minCut + this.beta * speed, dt);
    this.x = v.map((x, i) => prev[i] + a * (x - prev[i]));
    return [...this.x];
  }
}

/** One-Euro filter on an orientation (angular-speed-adaptive slerp). */
class EuroQuat {
  private q: Quat | null = null;
  private w = 0;
  private t = 0;
  constructor(
    private readonly minCut: number,
    private readonly beta: number,
  ) {}
  reset(): void {
    this.q = null;
  }
  step(q: Quat, t: number): Quat {
    if (!this.q) {
      this.q = q;
      this.t = t;
      return q;
    }
    const dt = Math.max(1e-4, t - this.t);
    this.t = t;
    const d = Math.abs(this.q[0] * q[0] + this.q[1] * q[1] + this.q[2] * q[2] + this.q[3] * q[3]);
    const ang = 2 * Math.acos(Math.min(1, d));
    this.w += euroAlpha(1, dt) * (ang / dt - this.w);
    this.q = qnorm(qslerp(this.q, q, euroAlpha(this.minCut + this.beta * this.w, dt)));
    return this.q;
  }
}

// ---------------------------------------------------------------------------------------------
// Minimum-jerk submovements (task space, trunk frame)
// ---------------------------------------------------------------------------------------------

interface Sub {
  t0: number;
  D: number;
  d: Vec3;
}

/** A hand path: a start point plus superposed minimum-jerk submovements plus additive extras. */
class Track {
  readonly subs: Sub[] = [];
  readonly extras: Fn3[] = [];
  constructor(readonly start: Vec3) {}
  /** Where the submovements planned so far end (the planner's belief; extras excluded). */
  end(): Vec3 {
    return this.subs.reduce((p, s) => add(p, s.d), this.start);
  }
  at(t: number): Vec3 {
    let p = this.start;
    for (const s of this.subs) if (t > s.t0) p = add(p, scale(s.d, minJerk((t - s.t0) / s.D)));
    for (const e of this.extras) p = add(p, e(t));
    return p;
  }
}

interface MoveOpts {
  /** Target tolerance (m): corrections are made while the error exceeds it. */
  tol?: number;
  corrections?: number;
  /** Fixed primary duration (s); otherwise a Fitts-like law. */
  D?: number;
  /** Speed multiplier (> 1 faster). */
  vigor?: number;
  /** Primary gain range (undershoot below 1). */
  gain?: [number, number];
}

interface MoveResult {
  t0: number;
  D: number;
  /** When the last (corrective) submovement ends. */
  settled: number;
  end: Vec3;
}

/**
 * Stochastic optimised submovements: a primary minimum-jerk submovement toward `target` (Fitts-
 * like duration, undershoot gain, endpoint scatter proportional to mean speed), then corrective
 * submovements that start before the previous one has ended while the error exceeds `tol`.
 */
function moveTo(rng: Rng, P: Person, tr: Track, target: Vec3, t0: number, o: MoveOpts = {}): MoveResult {
  const tol = o.tol ?? 0.02;
  const from = tr.end();
  const d = sub(target, from);
  const dist = len(d);
  if (dist < 1e-4) return { t0, D: 0, settled: t0, end: from };
  const D = o.D ?? clamp(((0.12 + 0.085 * Math.log2(1 + dist / tol)) * P.tempo) / (o.vigor ?? 1), 0.15, 1.3);
  const [g0, g1] = o.gain ?? [0.88, 1.0];
  let cur = add(from, add(scale(d, rng.uniform(g0, g1)), gauss3(rng, (P.kNoise * dist) / D)));
  tr.subs.push({ t0, D, d: sub(cur, from) });
  let settled = t0 + D;
  let ts = t0;
  let Ds = D;
  for (let c = 0; c < (o.corrections ?? 2); c++) {
    const err = sub(target, cur);
    const e = len(err);
    if (e < tol) break;
    const tc = ts + Ds * rng.uniform(0.6, 0.92);
    const Dc = clamp((0.1 + 0.06 * Math.log2(1 + e / tol)) * P.tempo, 0.1, 0.4);
    const next = add(cur, add(scale(err, rng.uniform(0.92, 1.03)), gauss3(rng, (P.kNoise * e) / Dc)));
    tr.subs.push({ t0: tc, D: Dc, d: sub(next, cur) });
    cur = next;
    ts = tc;
    Ds = Dc;
    settled = Math.max(settled, tc + Dc);
  }
  return { t0, D, settled, end: cur };
}

/** Via-point path: overlapping submovements through `points`; corrections only on the last leg. */
function viaPath(rng: Rng, P: Person, tr: Track, points: Vec3[], t0: number, o: MoveOpts = {}): MoveResult {
  let t = t0;
  let r: MoveResult = { t0, D: 0, settled: t0, end: tr.end() };
  points.forEach((q, i) => {
    const last = i === points.length - 1;
    r = moveTo(rng, P, tr, q, t, last ? o : { ...o, corrections: 0, tol: 0.05 });
    t = r.t0 + r.D * rng.uniform(0.45, 0.75);
  });
  return r;
}

/** A brief small submovement (fidget) of a resting hand. */
function fidget(rng: Rng, P: Person, tr: Track, t0: number): number {
  const r = moveTo(rng, P, tr, add(tr.end(), gauss3(rng, 0.03)), t0, { corrections: 0, tol: 0.03 });
  return r.settled;
}

// ---------------------------------------------------------------------------------------------
// Rhythmic parts: closed curves timed by the two-thirds power law
// ---------------------------------------------------------------------------------------------

export interface RhythmOpts {
  t0: number;
  /** Mean cycle frequency (Hz). */
  f: number;
  cycles: number;
  /** Half-amplitude along e1 (m). */
  a: number;
  /** Loop half-width along e2 (m, signed). */
  b: number;
  /** Sag (crescent) along e2 as a fraction of a. */
  sag: number;
  /** Asymmetry (second harmonic along e1). */
  asym: number;
  /** Amplitude ratio of successive cycles. */
  damp: number;
  e1: Vec3;
  e2: Vec3;
  beta: number;
  /** Start phase (0: the +e1 end). */
  s0: number;
  /** Cycle-to-cycle frequency jitter (relative SD), kept within fRange (Hz). */
  fJit: number;
  fRange: [number, number];
  /** Envelope rise / fall time (s). */
  ramp: number;
}

export interface Rhythm {
  off: Fn3;
  /** Normalised e1 position in [-1, 1] times the envelope (for wrist coupling). */
  x: (t: number) => number;
  t0: number;
  t1: number;
  ramp: number;
}

/** A rhythmic offset path (exported for the power-law unit test). */
export function powerLawRhythm(rng: Rng, o: RhythmOpts): Rhythm {
  const N = 128;
  const full = Math.ceil(o.cycles);
  const M = Math.round(o.cycles * N);
  const ds = TAU / N;
  const shape = (s: number): [number, number] => {
    const m = Math.pow(o.damp, s / TAU);
    const u = s + o.s0;
    const sn = Math.sin(u);
    return [m * o.a * (Math.cos(u) + o.asym * Math.cos(2 * u)), m * (o.b * sn + o.sag * o.a * sn * sn)];
  };
  const kMin = 1 / (8 * o.a);
  const w: number[] = [];
  const h = ds / 4;
  for (let i = 0; i < full * N; i++) {
    const s = (i + 0.5) * ds;
    const p0 = shape(s - h);
    const p1 = shape(s);
    const p2 = shape(s + h);
    const dx = (p2[0] - p0[0]) / (2 * h);
    const dy = (p2[1] - p0[1]) / (2 * h);
    const ddx = (p2[0] - 2 * p1[0] + p0[0]) / (h * h);
    const ddy = (p2[1] - 2 * p1[1] + p0[1]) / (h * h);
    const sp = Math.hypot(dx, dy);
    const kappa = Math.max(kMin, Math.abs(dx * ddy - dy * ddx) / Math.max(1e-12, sp * sp * sp));
    // dt = ds * |r'| / v with v = K * kappa^-beta (K per cycle, below).
    w.push(sp * Math.pow(kappa, o.beta) * ds);
  }
  const ts: number[] = [0];
  for (let k = 0; k < full; k++) {
    const fk = clamp(o.f * clamp(1 + rng.normal(0, o.fJit), 0.85, 1.15), o.fRange[0], o.fRange[1]);
    let W = 0;
    for (let i = k * N; i < (k + 1) * N; i++) W += w[i];
    for (let i = k * N; i < (k + 1) * N && i < M; i++) ts.push(ts[ts.length - 1] + w[i] / (W * fk));
  }
  const t0 = o.t0;
  const t1 = t0 + ts[ts.length - 1];
  const sAt = (t: number): number => {
    const tau = t - t0;
    let lo = 0;
    let hi = ts.length - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (ts[mid] <= tau) lo = mid;
      else hi = mid;
    }
    const u = (tau - ts[lo]) / Math.max(1e-9, ts[hi] - ts[lo]);
    return (lo + clamp(u, 0, 1)) * ds;
  };
  const env = (t: number) => minJerk((t - t0) / o.ramp) * minJerk((t1 - t) / o.ramp);
  return {
    t0,
    t1,
    ramp: o.ramp,
    off: (t) => {
      if (t <= t0 || t >= t1) return ZERO;
      const [x, y] = shape(sAt(t));
      const e = env(t);
      return add(scale(o.e1, x * e), scale(o.e2, y * e));
    },
    x: (t) => (t <= t0 || t >= t1 ? 0 : (shape(sAt(t))[0] / o.a) * env(t)),
  };
}

// ---------------------------------------------------------------------------------------------
// Head: main-sequence gaze shifts, damped nod / shake oscillations, micro-motion
// ---------------------------------------------------------------------------------------------

class HeadTrack {
  readonly shifts: { t0: number; D: number; d: Ang3 }[] = [];
  readonly extras: ((t: number) => Ang3)[] = [];
  constructor(readonly base: Ang3) {}
  end(): Ang3 {
    return this.shifts.reduce((a, s) => [a[0] + s.d[0], a[1] + s.d[1], a[2] + s.d[2]] as Ang3, this.base);
  }
  at(t: number): Ang3 {
    const a: Ang3 = [...this.base];
    for (const s of this.shifts) {
      if (t <= s.t0) continue;
      const u = minJerk((t - s.t0) / s.D);
      for (let i = 0; i < 3; i++) a[i] += s.d[i] * u;
    }
    for (const e of this.extras) {
      const v = e(t);
      for (let i = 0; i < 3; i++) a[i] += v[i];
    }
    return a;
  }
  /**
   * Gaze shift to absolute head angles. Main sequence: duration grows with amplitude
   * (D = 0.17 s + 4.5 ms/deg), so peak speed grows too; `D` overrides it (slow voluntary moves).
   */
  shift(P: Person, t0: number, yaw: number, pitch: number, roll?: number, D?: number): number {
    const e = this.end();
    const d: Ang3 = [yaw - e[0], pitch - e[1], (roll ?? e[2]) - e[2]];
    const amp = Math.hypot(d[0], d[1], d[2]) / DEG;
    const dur = D ?? (0.17 + 0.0045 * amp) * P.headDur;
    this.shifts.push({ t0, D: dur, d });
    return t0 + dur;
  }
}

/**
 * A damped head oscillation starting at t0: n cycles at f Hz, amplitude A (rad), amplitude ratio
 * `damp` per cycle; `bias` mixes a one-sided (1 - cos) excursion with a symmetric sine.
 */
function headOsc(t0: number, f: number, n: number, A: number, damp: number, bias: number): { fn: (t: number) => number; t1: number } {
  const w = TAU * f;
  const lam = -f * Math.log(damp);
  const dur = n / f;
  const ramp = Math.min(0.1, 0.2 / f);
  return {
    t1: t0 + dur,
    fn: (t) => {
      const tau = t - t0;
      if (tau <= 0 || tau >= dur) return 0;
      const env = minJerk(tau / ramp) * minJerk((dur - tau) / ramp);
      return A * env * Math.exp(-lam * tau) * ((bias * (1 - Math.cos(w * tau))) / 2 + (1 - bias) * Math.sin(w * tau));
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Arm IK and hand orientation
// ---------------------------------------------------------------------------------------------

/** Two-bone IK: the elbow for shoulder sh and hand point, bent toward `pole`. */
function elbowIK(sh: Vec3, hand: Vec3, L1: number, L2: number, pole: Vec3): Vec3 {
  const d = sub(hand, sh);
  const dist = clamp(len(d), Math.abs(L1 - L2) + 1e-3, L1 + L2 - 1e-4);
  const u = norm(d);
  const a = (L1 * L1 - L2 * L2 + dist * dist) / (2 * dist);
  const r = Math.sqrt(Math.max(0, L1 * L1 - a * a));
  let pp = sub(pole, scale(u, dot(pole, u)));
  if (len(pp) < 1e-6) pp = cross(u, [1, 0, 0]);
  return add(add(sh, scale(u, a)), scale(norm(pp), r));
}

/** Hand frame: -z along the fingers / controller ray, +y out of the back of the hand. */
interface HandOri {
  fwd: Vec3;
  up: Vec3;
}
type OriFn = (t: number, forearm: Vec3, p: Vec3) => HandOri;

/**
 * Default hand orientation from the forearm: back of the hand outward when hanging, up when the
 * forearm is level, toward the body when raised; the wrist pitches the ray by `wristPitch`.
 */
function defaultOri(forearm: Vec3, sigma: number, wristPitch: number): HandOri {
  const fy = forearm[1];
  const wd = Math.max(0, -fy);
  const wu = Math.max(0, fy);
  const wh = 1 - Math.abs(fy);
  const hint = norm([sigma * (wd + 0.4 * wh), wh, wu]);
  const oh = norm(sub(hint, scale(forearm, dot(hint, forearm))));
  const fwd = norm(add(scale(forearm, Math.cos(wristPitch)), scale(oh, Math.sin(wristPitch))));
  return { fwd, up: hint };
}

/** Blend two orientations' axes (w = 0: a, 1: b). */
const blendOri = (a: HandOri, b: HandOri, w: number): HandOri => ({ fwd: norm(lerp3(a.fwd, b.fwd, w)), up: norm(lerp3(a.up, b.up, w)) });

// ---------------------------------------------------------------------------------------------
// Scene builder: body, head, two hands
// ---------------------------------------------------------------------------------------------

/** Body placement relative to the clip's base pose: offset (base-facing frame), yaw, forward lean. */
interface BodyState {
  off: Vec3;
  yaw: number;
  lean: number;
}
type BodyFn = (t: number) => BodyState;

interface Builder {
  rng: Rng;
  P: Person;
  head: HeadTrack;
  hands: Record<Side, Track>;
  ori: Partial<Record<Side, OriFn>>;
  wristPitch: Record<Side, number>;
  off: Record<Side, boolean>;
  rest: Record<Side, Vec3>;
  body: BodyFn[];
}

type RestKind = 'hang' | 'waist';

/** A resting hand position (trunk frame). */
function restPose(rng: Rng, P: Person, side: Side, kind: RestKind): Vec3 {
  const s = sgn(side);
  const sh = shoulderOf(P, side);
  const p: Vec3 =
    kind === 'hang'
      ? [s * (P.shX + rng.uniform(0, 0.06)), P.shY - P.reach * rng.uniform(0.86, 0.93), P.shZ + rng.uniform(-0.08, 0.03)]
      : [s * rng.uniform(0.09, 0.22), P.hipY + rng.uniform(0.03, 0.16), rng.uniform(-0.33, -0.18)];
  return within(sh, p, P.reach * 0.96);
}

function newBuilder(rng: Rng): Builder {
  const P = makePerson(rng);
  const kinds: Record<Side, RestKind> = rng.chance(0.7)
    ? ((k: RestKind) => ({ left: k, right: k }))(rng.pick<RestKind>(['hang', 'waist']))
    : { left: rng.pick<RestKind>(['hang', 'waist']), right: rng.pick<RestKind>(['hang', 'waist']) };
  const rest = { left: restPose(rng, P, 'left', kinds.left), right: restPose(rng, P, 'right', kinds.right) };
  const hands = { left: new Track(rest.left), right: new Track(rest.right) };
  for (const s of SIDES) {
    const r = rng.uniform(0.002, 0.006);
    hands[s].extras.push(pink3(rng, [r, r * 0.7, r], 0.15, 1.5), tremor(rng, P.tremorAmp, P.tremorHz));
  }
  const head = new HeadTrack([rng.normal(0, 6) * DEG, rng.normal(-4, 5) * DEG, rng.normal(0, 2) * DEG]);
  const my = pink(rng, rng.uniform(0.4, 1.2) * DEG, 0.1, 2);
  const mp = pink(rng, rng.uniform(0.3, 0.9) * DEG, 0.1, 2);
  const mr = pink(rng, rng.uniform(0.2, 0.5) * DEG, 0.1, 1.5);
  head.extras.push((t) => [my(t), mp(t), mr(t)]);
  const sway = pink3(rng, [rng.uniform(0.002, 0.008), 0, rng.uniform(0.002, 0.008)], 0.08, 0.6);
  const breathHz = rng.uniform(0.2, 0.35);
  const breathPh = rng.uniform(0, TAU);
  const byaw = pink(rng, rng.uniform(0.3, 1.5) * DEG, 0.08, 0.8);
  const blean = pink(rng, rng.uniform(0.2, 1.0) * DEG, 0.08, 0.8);
  const body: BodyFn[] = [
    (t) => ({ off: add(sway(t), [0, 0.002 * Math.sin(TAU * breathHz * t + breathPh), 0]), yaw: byaw(t), lean: blean(t) }),
  ];
  return {
    rng,
    P,
    head,
    hands,
    ori: {},
    wristPitch: { left: rng.uniform(-25, 10) * DEG, right: rng.uniform(-25, 10) * DEG },
    off: { left: false, right: false },
    rest,
    body,
  };
}

/** The gesture hand: usually the dominant one. */
const gestureSide = (b: Builder): Side => (b.rng.chance(0.8) ? b.P.dominant : otherSide(b.P.dominant));

/** The non-gesture hand: still, a fidget, or untracked (controller put down / hand not seen). */
function idleOther(b: Builder, side: Side, T = 3): void {
  const { rng, P } = b;
  if (rng.chance(0.1)) b.off[side] = true;
  else if (rng.chance(0.25)) fidget(rng, P, b.hands[side], rng.uniform(0.1, T - 0.5));
}

/** Walk a few steps: min-jerk body displacement with step bob, lateral sway and arm swing. */
function addWalk(b: Builder, t0: number, dur: number, dist: number, dirAngle: number, turn: number): number {
  const { rng, P } = b;
  const dir: Vec3 = [-Math.sin(dirAngle), 0, -Math.cos(dirAngle)];
  const fs = rng.uniform(1.6, 2.1);
  const bob = rng.uniform(0.01, 0.025);
  const lat = rng.uniform(0.01, 0.03);
  const swing = rng.uniform(0.06, 0.2) * (Math.abs(dirAngle) < 0.5 ? 1 : 0.4);
  const ph = rng.uniform(0, TAU);
  const speedShape = (t: number) => {
    const u = clamp((t - t0) / dur, 0, 1);
    return 16 * u * u * (1 - u) * (1 - u);
  };
  b.body.push((t) => {
    const u = (t - t0) / dur;
    const sr = speedShape(t);
    const tau = t - t0;
    const fwd = scale(dir, dist * minJerk(u));
    const side = scale([Math.cos(dirAngle), 0, -Math.sin(dirAngle)], lat * sr * Math.sin(Math.PI * fs * tau + ph));
    return { off: add(add(fwd, side), [0, bob * sr * (Math.cos(TAU * fs * tau + 2 * ph) - 1), 0]), yaw: turn * minJerk(u), lean: 3 * DEG * sr };
  });
  for (const s of SIDES) {
    const k = sgn(s);
    b.hands[s].extras.push((t) => {
      const sr = speedShape(t);
      const a = Math.sin(Math.PI * fs * (t - t0) + ph);
      return [0, 0.2 * swing * sr * a * a, -k * swing * sr * a];
    });
  }
  // Head: stabilised forward, a slight look in the walking direction.
  const e = b.head.end();
  b.head.shift(P, Math.max(0, t0 - 0.2), e[0] * 0.4 + clamp(dirAngle, -0.6, 0.6) * 0.4, rng.normal(-6, 4) * DEG);
  return t0 + dur;
}

/** Turn the body about the vertical (min-jerk); the head leads with a gaze shift. */
function addTurn(b: Builder, t0: number, angle: number, dur: number): number {
  const { rng, P } = b;
  b.body.push((t) => ({ off: ZERO, yaw: angle * minJerk((t - t0) / dur), lean: 0 }));
  // Head leads (relative to the trunk it turns first, then re-centres as the body catches up).
  const lead = clamp(angle * rng.uniform(0.3, 0.6), -50 * DEG, 50 * DEG);
  const e = b.head.end();
  const t1 = b.head.shift(P, Math.max(0, t0 - rng.uniform(0.05, 0.2)), e[0] + lead, e[1]);
  b.head.shift(P, Math.max(t1, t0 + dur * 0.6), e[0], e[1], undefined, dur * 0.6);
  return t0 + dur;
}

// ---------------------------------------------------------------------------------------------
// Rendering: kinematics -> tracked device poses with artefacts
// ---------------------------------------------------------------------------------------------

interface Scene {
  T: number;
  b: Builder;
  gesture?: { sides: Side[]; t0: number; t1: number };
}

/** Uneven frame times: nominal rate, jitter, dropped frames and hitches; t[0] = 0, t[last] <= T. */
function timestamps(rng: Rng, T: number): { hz: number; ts: number[] } {
  const hz = rng.chance(0.75) ? rng.pick([30, 36, 45, 60, 72, 72, 80, 90, 90, 120]) : rng.int(30, 120);
  const dt = 1 / hz;
  const jit = rng.chance(0.3) ? 0 : rng.uniform(0.02, 0.15);
  const pDrop = rng.chance(0.5) ? rng.uniform(0.005, 0.06) : 0;
  const hitches: [number, number][] = [];
  if (rng.chance(0.3)) for (let i = rng.int(1, 2); i > 0; i--) {
    const h0 = rng.uniform(0.1, T - 0.3);
    hitches.push([h0, h0 + rng.int(2, 5) * dt]);
  }
  const kMax = Math.floor(T / dt - 0.9);
  const ts: number[] = [];
  for (let k = 0; k <= kMax; k++) {
    const nominal = k * dt;
    if (k > 0 && k < kMax && (rng.chance(pDrop) || hitches.some(([a, c]) => nominal > a && nominal < c))) continue;
    ts.push(nominal + clamp(rng.normal(0, jit * dt), -0.4 * dt, 0.4 * dt));
  }
  const first = ts[0];
  const msRound = rng.chance(0.4);
  for (let i = 0; i < ts.length; i++) {
    let t = ts[i] - first;
    if (msRound) t = Math.round(t * 1000) / 1000;
    ts[i] = i === 0 ? 0 : Math.max(t, ts[i - 1] + 0.15 * dt);
  }
  return { hz, ts };
}

const noiseQuat = (rng: Rng, q: Quat, sd: number): Quat => {
  const r = gauss3(rng, sd);
  const a = len(r);
  return a > 1e-9 ? qnorm(qmul(q, qaxis(norm(r), a))) : q;
};

interface Rendered {
  clip: MotionClip;
  ok: boolean;
}

/** Render a planned scene into a clip with the tracker's artefacts, and check plausibility. */
function render(rng: Rng, sc: Scene, label: GestureLabel): Rendered {
  const { b, T } = sc;
  const { P } = b;
  const base = { p: ((r, a) => [r * Math.cos(a), 0, r * Math.sin(a)] as Vec3)(2.5 * Math.sqrt(rng()), rng.uniform(0, TAU)), yaw: rng.uniform(-Math.PI, Math.PI) };
  const qBase = qaxis(UP, base.yaw);
  const { hz, ts } = timestamps(rng, T);
  const handMode = rng.chance(0.3);
  const hip: Vec3 = [0, P.hipY, 0];
  const pole: Record<Side, Vec3> = { left: [-0.55, -1, 0.3], right: [0.55, -1, 0.3] };

  // True poses per frame.
  const truth = ts.map((t) => {
    const bs = b.body.reduce<BodyState>(
      (acc, f) => {
        const v = f(t);
        return { off: add(acc.off, v.off), yaw: acc.yaw + v.yaw, lean: acc.lean + v.lean };
      },
      { off: ZERO, yaw: 0, lean: 0 },
    );
    const qT = qmul(qaxis(UP, base.yaw + bs.yaw), qaxis([1, 0, 0], -bs.lean));
    const origin = add(base.p, qrot(qBase, bs.off));
    const toW = (v: Vec3): Vec3 => add(add(origin, hip), qrot(qT, sub(v, hip)));
    const ha = b.head.at(t);
    const qH = qeuler(ha[0], ha[1], ha[2]);
    const head: Pose = { p: toW(eyeAt(P, ha)), q: qnorm(qmul(qT, qH)) };
    const hand = (s: Side): Pose | null => {
      if (b.off[s]) return null;
      const sh = shoulderOf(P, s);
      const p = within(sh, b.hands[s].at(t), P.reach * 0.995);
      const fa = norm(sub(p, elbowIK(sh, p, P.upper, P.fore, pole[s])));
      const o = b.ori[s]?.(t, fa, p) ?? defaultOri(fa, sgn(s), b.wristPitch[s]);
      const pt = handMode ? sub(p, scale(o.fwd, 0.06)) : p;
      return { p: toW(pt), q: qnorm(qmul(qT, qlook(o.fwd, o.up))) };
    };
    return { t, head, left: hand('left'), right: hand('right') };
  });

  // Tracker: world drift, measurement noise, visibility / dropouts, One-Euro smoothing.
  const vDrift = gauss3(rng, 0.002);
  const pDrift = pink3(rng, [1, 1, 1].map(() => rng.uniform(0.0005, 0.003)) as Vec3, 0.05, 0.5);
  const drift = (t: number) => add(scale(vDrift, t), pDrift(t));
  const euro = rng.chance(0.6);
  const frames: MotionFrame[] = ts.map((t) => ({ t, head: null, left: null, right: null }));
  const devices: ('head' | Side)[] = ['head', 'left', 'right'];
  for (const dev of devices) {
    const isHead = dev === 'head';
    const pSd = isHead ? rng.uniform(0.0002, 0.0008) : handMode ? rng.uniform(0.001, 0.004) : rng.uniform(0.0003, 0.0015);
    const qSd = (isHead ? rng.uniform(0.05, 0.2) : handMode ? rng.uniform(0.5, 2) : rng.uniform(0.1, 0.5)) * DEG;
    const own = !isHead && handMode ? pink3(rng, [0.003, 0.003, 0.003], 0.1, 1) : () => ZERO;
    const fp = new EuroVec(isHead ? rng.uniform(4, 10) : rng.uniform(1.5, 5), isHead ? rng.uniform(0.5, 5) : rng.uniform(2, 20));
    const fq = new EuroQuat(isHead ? rng.uniform(4, 10) : rng.uniform(1.5, 6), rng.uniform(0.3, 2));
    // Visibility: hand tracking loses hands outside a cone around the head's forward direction.
    const cone = rng.uniform(70, 95) * DEG;
    const reacq = rng.uniform(0.05, 0.25);
    const gaps: [number, number][] = [];
    const rate = isHead ? 0 : handMode ? rng.uniform(0, 0.4) : rng.chance(0.05) ? 1 / T : 0;
    for (let t = rng.uniform(0, 1); t < T; t += rng.uniform(0.3, 2)) {
      if (rng.chance(rate)) gaps.push([t, t + (handMode ? rng.uniform(0.03, 0.2) : rng.uniform(0.01, 0.06))]);
    }
    let seenSince = -Infinity;
    let wasTracked = false;
    truth.forEach((tr, i) => {
      const pose = tr[dev];
      const t = tr.t;
      if (!pose) return;
      if (!isHead) {
        const toHand = norm(sub(pose.p, tr.head.p));
        const fwd = qrot(tr.head.q, [0, 0, -1]);
        const visible = !handMode || Math.acos(clamp(dot(toHand, fwd), -1, 1)) < cone;
        if (!visible) seenSince = Infinity;
        else if (seenSince === Infinity) seenSince = t;
        const inGap = gaps.some(([a, c]) => t >= a && t < c);
        if (!visible || inGap || t - seenSince < reacq) {
          if (wasTracked) {
            fp.reset();
            fq.reset();
          }
          wasTracked = false;
          return;
        }
      }
      wasTracked = true;
      let p = add(add(pose.p, drift(t)), add(own(t), gauss3(rng, pSd)));
      let q = noiseQuat(rng, pose.q, qSd);
      if (euro) {
        p = fp.step(p, t) as Vec3;
        q = fq.step(q, t);
      }
      frames[i][dev] = { p, q };
    });
  }

  // Plausibility and gesture visibility checks.
  let ok = frames.every((f) => f.head && f.head.p[1] >= 1.4 && f.head.p[1] <= 1.9);
  for (const s of SIDES) {
    for (let i = 0, j = 0; ok && i < frames.length; i++) {
      const a = frames[i][s];
      const h = frames[i].head;
      if (!a || !h) continue;
      if (len(sub(a.p, h.p)) > 1.1 || a.p[1] < 0.3) ok = false;
      if (j <= i) j = i + 1;
      while (j < frames.length && frames[j].t - frames[i].t < 0.1) j++;
      const c = j < frames.length ? frames[j][s] : null;
      if (c && len(sub(c.p, a.p)) / (frames[j].t - frames[i].t) > 4.5) ok = false;
    }
  }
  const g = sc.gesture;
  if (ok && g) {
    for (const s of g.sides) {
      const inCore = frames.filter((f) => f.t >= g.t0 && f.t <= g.t1);
      if (inCore.length && inCore.filter((f) => f[s]).length / inCore.length < 0.8) ok = false;
    }
  }
  return { clip: { label, hz, frames }, ok };
}

// ---------------------------------------------------------------------------------------------
// Gesture plans (trunk frame: x right, y up, -z forward; times in seconds)
// ---------------------------------------------------------------------------------------------

const TMAX = 3;
const TMIN = 1.12;

/** Clip length for a gesture whose core ends at tCore (null when it does not fit). */
function clipEnd(rng: Rng, tCore: number, tail: [number, number] = [0.08, 0.6]): number | null {
  if (tCore > TMAX - 0.05) return null;
  return clamp(tCore + rng.uniform(tail[0], tail[1]), TMIN, TMAX);
}

/** An occasional glance of the head during a hand gesture (a small main-sequence gaze shift). */
function glance(b: Builder, t0: number, maxDeg: number): void {
  const e = b.head.end();
  b.head.shift(b.P, t0, e[0] + b.rng.normal(0, maxDeg / 2) * DEG, e[1] + b.rng.normal(0, maxDeg / 3) * DEG);
}

function planWave(b: Builder): Scene | null {
  const { rng, P } = b;
  const side = gestureSide(b);
  const s = sgn(side);
  const sh = shoulderOf(P, side);
  const tr = b.hands[side];
  idleOther(b, otherSide(side));
  const f = rng.uniform(1.6, 3.3);
  const A = rng.uniform(0.06, Math.min(0.2, 2.3 / (TAU * f)));
  const c = within(sh, [s * rng.uniform(0.15, 0.4), P.shY + rng.uniform(0, 0.3), P.shZ - rng.uniform(0.05, 0.3)], P.reach * 0.9 - A);
  const t0 = rng.uniform(0.05, 0.35);
  const via = within(sh, add(lerp3(tr.end(), c, 0.5), [s * 0.08, -0.05, -0.1]), P.reach * 0.95);
  const r = rng.chance(0.5)
    ? viaPath(rng, P, tr, [via, c], t0, { tol: 0.04, corrections: 1 })
    : moveTo(rng, P, tr, c, t0, { tol: 0.04, corrections: 1 });
  const tr0 = r.t0 + r.D * rng.uniform(0.55, 0.95);
  const cycles = Math.min(rng.uniform(2, 4), (TMAX - 0.1 - tr0) * f * 0.95);
  if (cycles < 1.8) return null;
  const yawP = rng.normal(0, 12) * DEG;
  const rollP = rng.normal(0, 10) * DEG;
  const e1 = norm([Math.cos(rollP) * Math.cos(yawP), Math.sin(rollP), Math.sin(yawP)]);
  const e2 = norm(sub(UP, scale(e1, e1[1])));
  const rh = powerLawRhythm(rng, {
    t0: tr0,
    f,
    cycles,
    a: A,
    b: A * rng.uniform(0.03, 0.25) * rng.pick([1, -1]),
    sag: rng.uniform(0, 0.35),
    asym: rng.uniform(-0.15, 0.15),
    damp: rng.uniform(0.82, 1),
    e1,
    e2,
    beta: P.beta,
    s0: rng.pick([0, Math.PI]) + rng.normal(0, 0.2),
    fJit: 0.04,
    fRange: [1.5, 3.5],
    ramp: rng.uniform(0.2, 0.35) / f,
  });
  tr.extras.push(rh.off);
  const wAmp = rng.uniform(5, 25) * DEG;
  const wp = b.wristPitch[side];
  b.ori[side] = (t, fa) => {
    const o = defaultOri(fa, s, wp);
    const a = -wAmp * rh.x(t);
    return { fwd: rotAbout(o.fwd, [0, 0, 1], a), up: rotAbout(o.up, [0, 0, 1], a) };
  };
  if (rng.chance(0.4)) glance(b, rng.uniform(0, tr0), 15);
  if (rng.chance(0.55)) moveTo(rng, P, tr, b.rest[side], rh.t1 - rh.ramp * rng.uniform(0.2, 0.8), { corrections: 0, tol: 0.05 });
  const T = clipEnd(rng, rh.t1);
  return T === null ? null : { T, b, gesture: { sides: [side], t0: rh.t0 + rh.ramp, t1: rh.t1 - rh.ramp } };
}

function planBeckon(b: Builder): Scene | null {
  const { rng, P } = b;
  const side = gestureSide(b);
  const s = sgn(side);
  const sh = shoulderOf(P, side);
  const tr = b.hands[side];
  idleOther(b, otherSide(side));
  const c = within(sh, [s * rng.uniform(-0.02, 0.2), P.shY - rng.uniform(0.08, 0.32), P.shZ - rng.uniform(0.25, 0.45)], P.reach * 0.85);
  const t0 = rng.uniform(0.05, 0.35);
  const r = moveTo(rng, P, tr, c, t0, { tol: 0.03, corrections: 1 });
  const f = rng.uniform(1.0, 2.6);
  const a = rng.uniform(0.04, Math.min(0.11, 1.5 / (TAU * f)));
  const e1 = norm([s * rng.normal(0, 0.15), rng.uniform(0.1, 0.7), 1]);
  const e2 = norm(sub(UP, scale(e1, e1[1])));
  const tr0 = r.t0 + r.D * rng.uniform(0.6, 1.0);
  const cycles = Math.min(rng.uniform(2, 4), (TMAX - 0.1 - tr0) * f * 0.95);
  if (cycles < 1.8) return null;
  const rh = powerLawRhythm(rng, {
    t0: tr0,
    f,
    cycles,
    a,
    b: a * rng.uniform(0.05, 0.4) * rng.pick([1, -1]),
    sag: rng.uniform(-0.2, 0.2),
    asym: rng.uniform(-0.2, 0.2),
    damp: rng.uniform(0.8, 1),
    e1,
    e2,
    beta: P.beta,
    s0: Math.PI + rng.normal(0, 0.3),
    fJit: 0.06,
    fRange: [0.8, 3],
    ramp: rng.uniform(0.2, 0.35) / f,
  });
  tr.extras.push(rh.off);
  const palmUp = rng.chance(0.55);
  const curl = rng.uniform(15, 45) * DEG;
  const wp = b.wristPitch[side];
  const roll = rng.normal(0, 15) * DEG;
  b.ori[side] = (t, fa) => {
    const o = defaultOri(fa, s, wp);
    const up = palmUp ? rotAbout(norm([s * 0.3, -1, 0]), [0, 0, 1], roll) : o.up;
    const k = curl * rh.x(t);
    return { fwd: rotAbout(o.fwd, [1, 0, 0], k), up: rotAbout(up, [1, 0, 0], k) };
  };
  if (rng.chance(0.3)) glance(b, rng.uniform(0, tr0), 12);
  if (rng.chance(0.5)) moveTo(rng, P, tr, b.rest[side], rh.t1 - rh.ramp * rng.uniform(0.2, 0.8), { corrections: 0, tol: 0.05 });
  const T = clipEnd(rng, rh.t1);
  return T === null ? null : { T, b, gesture: { sides: [side], t0: rh.t0 + rh.ramp, t1: rh.t1 - rh.ramp } };
}

/** A pointing target (trunk frame): a floor spot a few metres away or an object in the room. */
function pointTarget(rng: Rng, s: number): Vec3 {
  const az = s * rng.uniform(-35, 65) * DEG;
  const floor = rng.chance(0.55);
  const dist = floor ? rng.uniform(2, 5) : rng.uniform(1.3, 6);
  const h = floor ? 0 : rng.uniform(0.3, 2.2);
  return [dist * Math.sin(az), h, -dist * Math.cos(az)];
}

/** Extended-arm hand position for pointing at tp (ray from a shoulder-eye blend). */
function pointHand(rng: Rng, P: Person, side: Side, tp: Vec3): Vec3 {
  const sh = shoulderOf(P, side);
  const o = lerp3(sh, eyeAt(P, [0, 0, 0]), rng.uniform(0, 0.6));
  return add(sh, scale(norm(sub(tp, o)), P.reach * rng.uniform(0.86, 0.97)));
}

/** Orientation that aims the ray at tp (with a fixed aim error) while weight w(t) is on. */
function aimOri(b: Builder, side: Side, tp: Vec3, w: (t: number) => number): OriFn {
  const s = sgn(side);
  const wp = b.wristPitch[side];
  const errAxis = norm(gauss3(b.rng, 1));
  const err = b.rng.uniform(0.5, 4) * DEG;
  return (t, fa, p) => {
    const o0 = defaultOri(fa, s, wp);
    const fwd = rotAbout(norm(sub(tp, p)), errAxis, err);
    return blendOri(o0, { fwd, up: norm([s * 0.5, 1, 0.1]) }, w(t));
  };
}

function planPoint(b: Builder): Scene | null {
  const { rng, P } = b;
  const side = gestureSide(b);
  const tr = b.hands[side];
  idleOther(b, otherSide(side));
  const tp = pointTarget(rng, sgn(side));
  const hand = pointHand(rng, P, side, tp);
  const t0 = rng.uniform(0.05, 0.45);
  const [gy, gp] = lookAngles(P, tp);
  const hk = rng.uniform(0.55, 0.9);
  b.head.shift(P, Math.max(0, t0 + rng.uniform(-0.1, 0.1)), gy * hk, gp * hk);
  const lift = within(shoulderOf(P, side), add(lerp3(tr.end(), hand, 0.4), [0, 0.12, 0]), P.reach * 0.95);
  const r = rng.chance(0.4)
    ? viaPath(rng, P, tr, [lift, hand], t0, { tol: 0.015, corrections: 2 })
    : moveTo(rng, P, tr, hand, t0, { tol: 0.015, corrections: 2 });
  const holdStart = r.settled;
  const holdEnd = Math.min(holdStart + rng.uniform(0.6, 1.4), TMAX - 0.03);
  if (holdEnd - holdStart < 0.6) return null;
  const retract = holdEnd < TMAX - 0.35 && rng.chance(0.55);
  let tRel = Infinity;
  if (retract) {
    tRel = holdEnd;
    moveTo(rng, P, tr, b.rest[side], holdEnd, { corrections: 0, tol: 0.05 });
    b.head.shift(P, holdEnd + rng.uniform(0, 0.2), rng.normal(0, 5) * DEG, rng.normal(-4, 4) * DEG);
  }
  const aimStart = r.t0;
  const aimDur = Math.max(0.2, holdStart - r.t0);
  b.ori[side] = aimOri(b, side, tp, (t) => minJerk((t - aimStart) / aimDur) * (1 - minJerk((t - tRel) / 0.3)));
  const T = retract ? clamp(holdEnd + rng.uniform(0.15, 0.7), TMIN, TMAX) : clamp(holdEnd, TMIN, TMAX);
  return { T, b, gesture: { sides: [side], t0: r.t0 + 0.5 * r.D, t1: holdStart + 0.6 } };
}

function planPush(b: Builder): Scene | null {
  const { rng, P } = b;
  const main = gestureSide(b);
  const both = rng.chance(0.15);
  const sides: Side[] = both ? ['left', 'right'] : [main];
  if (!both) idleOther(b, otherSide(main));
  const t0 = rng.uniform(0.05, 0.4);
  const pitch = rng.uniform(45, 85) * DEG;
  let holdStart = 0;
  let tPush = 0;
  const plans: { side: Side; tp0: number; tpD: number }[] = [];
  for (const side of sides) {
    const s = sgn(side);
    const sh = shoulderOf(P, side);
    const tr = b.hands[side];
    const ts = t0 + (side === main ? 0 : rng.uniform(0, 0.12));
    const end = add(sh, scale(norm([s * rng.uniform(-0.1, 0.25), rng.uniform(-0.25, 0.12), -1]), P.reach * rng.uniform(0.78, 0.95)));
    let tp = ts;
    if (tr.end()[2] - end[2] < 0.22 || rng.chance(0.7)) {
      const prep: Vec3 = [s * rng.uniform(0.06, 0.16), P.shY - rng.uniform(0.05, 0.2), P.shZ - rng.uniform(0.08, 0.18)];
      const r1 = moveTo(rng, P, tr, prep, ts, { corrections: 0, tol: 0.05 });
      tp = r1.t0 + r1.D * rng.uniform(0.5, 0.85);
    }
    const r2 = moveTo(rng, P, tr, end, tp, { vigor: rng.uniform(1.0, 1.5), tol: 0.03, corrections: 1 });
    if (side === main) tPush = r2.t0;
    let settled = r2.settled;
    if (rng.chance(0.3)) {
      // A second, small push pulse before the hold ("keep away").
      const r3 = moveTo(rng, P, tr, add(tr.end(), [0, 0, -rng.uniform(0.02, 0.05)]), settled - rng.uniform(0, 0.08), { corrections: 0, D: rng.uniform(0.15, 0.25) });
      settled = r3.settled;
    }
    holdStart = Math.max(holdStart, settled);
    plans.push({ side, tp0: ts, tpD: Math.max(0.2, r2.t0 + 0.8 * r2.D - ts) });
  }
  const holdEnd = Math.min(holdStart + rng.uniform(0.4, 1.2), TMAX - 0.03);
  if (holdEnd - holdStart < 0.4) return null;
  const retract = holdEnd < TMAX - 0.35 && rng.chance(0.5);
  const tRel = retract ? holdEnd : Infinity;
  for (const { side, tp0, tpD } of plans) {
    const s = sgn(side);
    const wp = b.wristPitch[side];
    const yawOut = s * rng.uniform(-5, 15) * DEG;
    const palm: HandOri = { fwd: norm([Math.sin(yawOut) * Math.cos(pitch), Math.sin(pitch), -Math.cos(yawOut) * Math.cos(pitch)]), up: norm([s * rng.uniform(0, 0.3), 0, 1]) };
    b.ori[side] = (t, fa) => blendOri(defaultOri(fa, s, wp), palm, minJerk((t - tp0) / tpD) * (1 - minJerk((t - tRel) / 0.3)));
    if (retract) moveTo(rng, P, b.hands[side], b.rest[side], holdEnd + rng.uniform(0, 0.1), { corrections: 0, tol: 0.05 });
  }
  if (rng.chance(0.3)) glance(b, rng.uniform(0, t0 + 0.3), 10);
  const T = retract ? clamp(holdEnd + rng.uniform(0.15, 0.6), TMIN, TMAX) : clamp(holdEnd, TMIN, TMAX);
  return { T, b, gesture: { sides, t0: tPush, t1: Math.min(holdEnd, holdStart + 0.4) } };
}

/** Both hands idle during a head gesture. */
function idleHands(b: Builder, T = 3): void {
  for (const s of SIDES) if (b.rng.chance(0.25)) fidget(b.rng, b.P, b.hands[s], b.rng.uniform(0.1, T - 0.5));
  if (b.rng.chance(0.08)) b.off[b.rng.pick(SIDES)] = true;
}

function planNod(b: Builder): Scene | null {
  const { rng } = b;
  idleHands(b);
  const t0 = rng.uniform(0.1, 0.6);
  if (rng.chance(0.3)) glance(b, rng.uniform(0, t0), 10);
  const f = rng.uniform(1.5, 3.2);
  const A = Math.min(rng.uniform(7, 22), 330 / (TAU * f)) * DEG;
  let n = rng.pick([1, 2, 2, 3, 3, 4]);
  while (n > 1 && t0 + n / f > TMAX - 0.1) n--;
  const o = headOsc(t0, f, n, A, rng.uniform(0.6, 1), rng.uniform(0.4, 0.95));
  const yawK = rng.normal(0, 0.06);
  b.head.extras.push((t) => {
    const v = o.fn(t);
    return [yawK * v, -v, 0];
  });
  // A nod carries the head pivot slightly forward / down with it.
  b.body.push((t) => ({ off: ZERO, yaw: 0, lean: 0.15 * o.fn(t) }));
  const T = clipEnd(rng, o.t1);
  return T === null ? null : { T, b, gesture: { sides: [], t0, t1: o.t1 } };
}

function planShake(b: Builder): Scene | null {
  const { rng } = b;
  idleHands(b);
  const t0 = rng.uniform(0.1, 0.6);
  if (rng.chance(0.3)) glance(b, rng.uniform(0, t0), 8);
  const f = rng.uniform(1.5, 3.5);
  const A = Math.min(rng.uniform(8, 30), 420 / (TAU * f)) * DEG;
  let n = rng.pick([1, 2, 2, 3, 3, 4]);
  while (n > 1 && t0 + n / f > TMAX - 0.1) n--;
  const dir = rng.pick([1, -1]);
  const o = headOsc(t0, f, n, A, rng.uniform(0.6, 1), rng.uniform(0, 0.15));
  const pitchK = rng.uniform(0, 0.1);
  b.head.extras.push((t) => {
    const v = o.fn(t);
    return [dir * v, -pitchK * Math.abs(v), 0];
  });
  const T = clipEnd(rng, o.t1);
  return T === null ? null : { T, b, gesture: { sides: [], t0, t1: o.t1 } };
}

// ---------------------------------------------------------------------------------------------
// `none`: everyday motion and hard negatives
// ---------------------------------------------------------------------------------------------

const NONE_KINDS = [
  'idle',
  'walk',
  'look_around',
  'reach_grab',
  'scratch_head',
  'adjust_headset',
  'arms_crossed',
  'head_tilt',
  'point_no_hold',
  'raise_hand',
  'talk',
  'turn',
  'look_at_hand',
  'swipe',
] as const;
type NoneKind = (typeof NONE_KINDS)[number];

/** Free clip length for activities with no core. */
const freeT = (rng: Rng, lo = 1.3) => rng.uniform(lo, TMAX);
/** Clip length ending around tEnd. */
const endT = (rng: Rng, tEnd: number, lo = -0.2, hi = 0.6) => clamp(tEnd + rng.uniform(lo, hi), TMIN, TMAX);

/** Reset a hand's track to start at p (keeping its sway and tremor). */
function restartTrack(b: Builder, side: Side, p: Vec3): Track {
  const tr = new Track(p);
  const r = b.rng.uniform(0.001, 0.004);
  tr.extras.push(pink3(b.rng, [r, r, r], 0.15, 1.5), tremor(b.rng, b.P.tremorAmp, b.P.tremorHz));
  b.hands[side] = tr;
  return tr;
}

const NONE_PLANS: Record<NoneKind, (b: Builder, side: Side) => Scene | null> = {
  idle: (b) => {
    const T = freeT(b.rng);
    idleHands(b, T);
    for (let t = b.rng.uniform(0, 0.8); t < T - 0.3 && b.rng.chance(0.6); t += b.rng.uniform(0.5, 1.2)) glance(b, t, 20);
    return { T, b };
  },
  walk: (b) => {
    const { rng } = b;
    const T = freeT(rng, 1.5);
    const t0 = rng.uniform(0, 0.4);
    const dur = Math.min(T - t0 + rng.uniform(0, 0.8), 2.8);
    const dirAngle = rng.chance(0.7) ? rng.normal(0, 0.15) : rng.chance(0.5) ? (rng.pick([1, -1]) * Math.PI) / 2 : Math.PI;
    const dist = dur * rng.uniform(0.3, 0.7) * (Math.abs(dirAngle) > 2 ? 0.5 : 1);
    addWalk(b, t0, dur, dist, dirAngle, rng.normal(0, 20) * DEG);
    if (rng.chance(0.08)) b.off[rng.pick(SIDES)] = true;
    return { T, b };
  },
  look_around: (b) => {
    const { rng, P } = b;
    const T = freeT(rng, 1.6);
    idleHands(b, T);
    let t = rng.uniform(0.05, 0.4);
    let dir = rng.pick([1, -1]);
    for (let k = 0; k < 3 && t < T - 0.3; k++) {
      t = b.head.shift(P, t, dir * rng.uniform(20, 75) * DEG, rng.normal(-3, 10) * DEG) + rng.uniform(0.25, 0.9);
      if (rng.chance(0.7)) dir = -dir;
    }
    if (rng.chance(0.3)) addTurn(b, rng.uniform(0.1, 0.8), rng.normal(0, 20) * DEG, rng.uniform(0.6, 1.2));
    return { T, b };
  },
  reach_grab: (b, side) => {
    const { rng, P } = b;
    const s = sgn(side);
    const tr = b.hands[side];
    idleOther(b, otherSide(side));
    const obj = add(shoulderOf(P, side), scale(norm([s * rng.uniform(-0.15, 0.5), rng.uniform(-0.9, 0.05), -1]), P.reach * rng.uniform(0.8, 0.98)));
    const t0 = rng.uniform(0.05, 0.5);
    const [gy, gp] = lookAngles(P, obj);
    b.head.shift(P, Math.max(0, t0 - rng.uniform(0, 0.15)), gy * 0.8, gp * 0.8);
    b.wristPitch[side] = rng.uniform(-35, 0) * DEG;
    const r = moveTo(rng, P, tr, obj, t0, { tol: 0.02, corrections: 2, vigor: rng.uniform(0.9, 1.3) });
    const back: Vec3 = [s * rng.uniform(0.05, 0.2), P.shY - rng.uniform(0.25, 0.45), -rng.uniform(0.15, 0.3)];
    const r2 = moveTo(rng, P, tr, back, r.settled + rng.uniform(0.05, 0.3), { tol: 0.04, corrections: 0 });
    if (r2.t0 + 0.3 > TMAX) return null;
    const lean = rng.chance(0.5) ? rng.uniform(3, 12) * DEG : 0;
    b.body.push((t) => ({ off: ZERO, yaw: 0, lean: lean * (minJerk((t - r.t0) / r.D) - minJerk((t - r2.t0) / r2.D)) }));
    b.head.shift(P, r2.t0 + 0.1, rng.normal(0, 5) * DEG, rng.normal(-10, 5) * DEG);
    return { T: endT(rng, r2.t0 + r2.D), b };
  },
  scratch_head: (b, side) => {
    const { rng, P } = b;
    const s = sgn(side);
    const sh = shoulderOf(P, side);
    const tr = b.hands[side];
    idleOther(b, otherSide(side));
    const spot = within(sh, add(eyeAt(P, b.head.end()), [s * rng.uniform(0.03, 0.09), rng.uniform(0.05, 0.12), rng.uniform(0, 0.09)]), P.reach * 0.95);
    const t0 = rng.uniform(0.05, 0.4);
    const via = within(sh, add(lerp3(tr.end(), spot, 0.5), [s * 0.12, 0, -0.08]), P.reach * 0.95);
    const r = viaPath(rng, P, tr, [via, spot], t0, { tol: 0.03, corrections: 1 });
    const f = rng.uniform(3, 6);
    const amp = rng.uniform(0.006, 0.02);
    const dir = norm(gauss3(rng, 1));
    const dur = rng.uniform(0.4, 1.0);
    const ts = r.settled - 0.05;
    tr.extras.push((t) => {
      const u = (t - ts) / dur;
      return u <= 0 || u >= 1 ? ZERO : scale(dir, amp * Math.sin(TAU * f * (t - ts)) * Math.sin(Math.PI * u));
    });
    const e = b.head.end();
    b.head.shift(P, r.t0 + 0.1, e[0], e[1] - rng.uniform(0, 10) * DEG, e[2] + s * rng.uniform(3, 10) * DEG);
    if (rng.chance(0.7)) moveTo(rng, P, tr, b.rest[side], ts + dur, { corrections: 0, tol: 0.05 });
    return { T: endT(rng, ts + dur), b };
  },
  adjust_headset: (b, side) => {
    const { rng, P } = b;
    const hs: Side[] = rng.chance(0.5) ? ['left', 'right'] : [side];
    if (hs.length === 1) idleOther(b, otherSide(side));
    const t0 = rng.uniform(0.05, 0.5);
    const dwell = rng.uniform(0.3, 0.9);
    let tEnd = 0;
    const eye = eyeAt(P, b.head.end());
    for (const h of hs) {
      const k = sgn(h);
      const spot = within(shoulderOf(P, h), add(eye, [k * rng.uniform(0.07, 0.11), rng.uniform(-0.02, 0.04), rng.uniform(-0.03, 0.05)]), P.reach * 0.95);
      const r = moveTo(rng, P, b.hands[h], spot, t0 + rng.uniform(0, 0.1), { tol: 0.02, corrections: 1 });
      let t = r.settled;
      if (rng.chance(0.6)) t = moveTo(rng, P, b.hands[h], add(spot, gauss3(rng, 0.012)), t + rng.uniform(0, 0.15), { corrections: 0, D: rng.uniform(0.15, 0.3) }).settled;
      const tb = t + dwell * rng.uniform(0.5, 1);
      moveTo(rng, P, b.hands[h], b.rest[h], tb, { corrections: 0, tol: 0.05 });
      tEnd = Math.max(tEnd, tb);
    }
    glance(b, t0 + 0.3, 8);
    return { T: endT(rng, tEnd, 0, 0.7), b };
  },
  arms_crossed: (b) => {
    const { rng, P } = b;
    const T = freeT(rng);
    const crossed = rng.chance(0.55);
    const top = rng.pick(SIDES);
    for (const h of SIDES) {
      const k = sgn(h);
      const pos = within(shoulderOf(P, h), [-k * rng.uniform(0.08, 0.16), P.shY - rng.uniform(0.25, 0.35) + (h === top ? 0.03 : -0.02), -rng.uniform(0.12, 0.2)], P.reach * 0.95);
      if (crossed) restartTrack(b, h, pos);
      else moveTo(rng, P, b.hands[h], pos, rng.uniform(0.05, 0.5), { tol: 0.03, corrections: 1 });
    }
    if (crossed && rng.chance(0.3)) {
      const h = rng.pick(SIDES);
      moveTo(rng, P, b.hands[h], b.rest[h], rng.uniform(Math.max(0.2, T - 1), T - 0.3), { corrections: 0, tol: 0.05 });
    }
    if (rng.chance(0.5)) glance(b, rng.uniform(0, T - 0.4), 15);
    return { T, b };
  },
  head_tilt: (b) => {
    const { rng, P } = b;
    const T = freeT(rng, 1.5);
    idleHands(b, T);
    const e = b.head.end();
    const t0 = rng.uniform(0.05, 0.6);
    const kind = rng.pick(['down', 'roll', 'up']);
    const pitch = kind === 'down' ? Math.max(-30 * DEG, e[1] - rng.uniform(10, 25) * DEG) : kind === 'up' ? e[1] + rng.uniform(8, 20) * DEG : e[1];
    const roll = kind === 'roll' ? e[2] + rng.pick([1, -1]) * rng.uniform(8, 20) * DEG : e[2];
    const t1 = b.head.shift(P, t0, e[0] + rng.normal(0, 3) * DEG, pitch, roll, rng.uniform(0.6, 1.3));
    if (t1 + 0.4 < T - 0.3 && rng.chance(0.5)) b.head.shift(P, t1 + rng.uniform(0.4, 1.0), e[0], e[1], e[2], rng.uniform(0.6, 1.2));
    return { T, b };
  },
  point_no_hold: (b, side) => {
    const { rng, P } = b;
    const tr = b.hands[side];
    idleOther(b, otherSide(side));
    const tp = pointTarget(rng, sgn(side));
    const hand = pointHand(rng, P, side, tp);
    const t0 = rng.uniform(0.05, 0.5);
    const [gy, gp] = lookAngles(P, tp);
    b.head.shift(P, t0, gy * 0.7, gp * 0.7);
    const r = moveTo(rng, P, tr, hand, t0, { tol: 0.03, corrections: 1 });
    let tRet = r.settled + rng.uniform(0, 0.2);
    if (rng.chance(0.4)) {
      // Sweep over an area instead of holding on one spot.
      const sh = shoulderOf(P, side);
      const h2 = add(sh, rotAbout(sub(hand, sh), UP, rng.pick([1, -1]) * rng.uniform(20, 45) * DEG));
      const r2 = moveTo(rng, P, tr, h2, r.t0 + r.D * rng.uniform(0.8, 1.1), { corrections: 0, D: rng.uniform(0.5, 1.0) });
      tRet = r2.t0 + r2.D + rng.uniform(0, 0.15);
    }
    if (tRet + 0.3 > TMAX) return null;
    moveTo(rng, P, tr, b.rest[side], tRet, { corrections: 0, tol: 0.05 });
    b.ori[side] = aimOri(b, side, tp, (t) => minJerk((t - r.t0) / r.D) * (1 - minJerk((t - tRet) / 0.3)));
    return { T: clamp(tRet + rng.uniform(0.3, 0.8), TMIN, TMAX), b };
  },
  raise_hand: (b, side) => {
    const { rng, P } = b;
    const s = sgn(side);
    const tr = b.hands[side];
    idleOther(b, otherSide(side));
    const target = within(shoulderOf(P, side), [s * rng.uniform(0.1, 0.3), P.shY + rng.uniform(-0.05, 0.3), P.shZ - rng.uniform(0.05, 0.3)], P.reach * 0.9);
    const r = moveTo(rng, P, tr, target, rng.uniform(0.05, 0.6), { tol: 0.04, corrections: 1 });
    const r2 = moveTo(rng, P, tr, b.rest[side], r.settled + rng.uniform(0, 0.25), { corrections: 0, tol: 0.05 });
    if (r2.t0 + 0.2 > TMAX) return null;
    return { T: endT(rng, r2.t0 + r2.D), b };
  },
  talk: (b, side) => {
    const { rng, P } = b;
    const T = freeT(rng, 1.5);
    const hs: Side[] = rng.chance(0.4) ? ['left', 'right'] : [side];
    if (hs.length === 1) idleOther(b, otherSide(side), T);
    for (const h of hs) {
      const k = sgn(h);
      for (let t = rng.uniform(0.05, 0.4); t < T - 0.2; ) {
        const target = within(shoulderOf(P, h), [k * rng.uniform(0.05, 0.3), P.hipY + rng.uniform(0.1, 0.45), -rng.uniform(0.2, 0.4)], P.reach * 0.92);
        const r = moveTo(rng, P, b.hands[h], target, t, { corrections: 0, tol: 0.05, D: rng.uniform(0.2, 0.45) });
        t = r.t0 + r.D * rng.uniform(0.6, 1.4) + rng.uniform(0, 0.3);
      }
    }
    if (rng.chance(0.5)) glance(b, rng.uniform(0, T - 0.4), 12);
    return { T, b };
  },
  turn: (b) => {
    const { rng } = b;
    const T = freeT(rng, 1.5);
    idleHands(b, T);
    const t0 = rng.uniform(0.05, 0.6);
    const ang = rng.pick([1, -1]) * rng.uniform(30, 120) * DEG;
    const D = Math.max(rng.uniform(0.6, 1.3), Math.abs(ang) / (160 * DEG));
    addTurn(b, t0, ang, D);
    const step = scale(norm([rng.normal(0, 1), 0, rng.normal(0, 1)]), rng.uniform(0, 0.25));
    b.body.push((t) => ({ off: scale(step, minJerk((t - t0) / D)), yaw: 0, lean: 0 }));
    return { T, b };
  },
  look_at_hand: (b, side) => {
    const { rng, P } = b;
    const s = sgn(side);
    const tr = b.hands[side];
    idleOther(b, otherSide(side));
    const target = within(shoulderOf(P, side), [s * rng.uniform(0, 0.15), P.shY - rng.uniform(0.15, 0.3), -rng.uniform(0.25, 0.4)], P.reach * 0.9);
    const t0 = rng.uniform(0.05, 0.5);
    const r = moveTo(rng, P, tr, target, t0, { tol: 0.03, corrections: 1 });
    const [gy, gp] = lookAngles(P, target);
    b.head.shift(P, t0 + 0.1, gy * 0.8, gp * 0.8);
    const dwell = rng.uniform(0.4, 1.0);
    const rollMax = s * rng.uniform(40, 90) * DEG;
    const wp = b.wristPitch[side];
    b.ori[side] = (t, fa) => {
      const o = defaultOri(fa, s, wp);
      const a = rollMax * minJerk((t - r.settled) / dwell);
      return { fwd: o.fwd, up: rotAbout(o.up, o.fwd, a) };
    };
    const tEnd = r.settled + dwell;
    if (rng.chance(0.6)) moveTo(rng, P, tr, b.rest[side], tEnd, { corrections: 0, tol: 0.05 });
    return { T: endT(rng, tEnd), b };
  },
  swipe: (b, side) => {
    const { rng, P } = b;
    const s = sgn(side);
    const sh = shoulderOf(P, side);
    const tr = b.hands[side];
    idleOther(b, otherSide(side));
    const start = within(sh, [s * rng.uniform(0.15, 0.35), P.shY - rng.uniform(0.05, 0.25), -rng.uniform(0.25, 0.4)], P.reach * 0.9);
    const r1 = moveTo(rng, P, tr, start, rng.uniform(0.05, 0.5), { corrections: 0, tol: 0.05 });
    const end = within(sh, [-s * rng.uniform(0, 0.2), start[1] + rng.normal(0, 0.05), start[2] + rng.normal(0, 0.05)], P.reach * 0.9);
    const D = Math.max(rng.uniform(0.3, 0.55), len(sub(end, start)) / 1.3);
    const r2 = moveTo(rng, P, tr, end, r1.t0 + r1.D * rng.uniform(0.7, 1.0), { corrections: 0, D });
    const r3 = moveTo(rng, P, tr, b.rest[side], r2.t0 + r2.D * rng.uniform(0.8, 1.2), { corrections: 0, tol: 0.05 });
    if (r2.t0 + r2.D > TMAX) return null;
    return { T: endT(rng, r3.t0, 0.2, 0.6), b };
  },
};

// ---------------------------------------------------------------------------------------------
// Public API and CLI
// ---------------------------------------------------------------------------------------------

const GESTURE_PLANS: Record<Exclude<GestureLabel, 'none'>, (b: Builder) => Scene | null> = {
  wave: planWave,
  beckon: planBeckon,
  point: planPoint,
  push: planPush,
  nod: planNod,
  shake: planShake,
};

/** The `none` activities this generator draws from (for documentation and tests). */
export const SIXTH_NONE_KINDS: readonly string[] = NONE_KINDS;

/**
 * One clip of `label`. Draws a per-clip seed from `rng`, then plans and renders until the clip
 * passes the plausibility checks (head height, reach, hand speed, gesture hand tracked).
 */
export function sixthClip(label: GestureLabel, rng: Rng): MotionClip {
  const r = createRng(Math.floor(rng() * 4294967296));
  let last: MotionClip | null = null;
  for (let attempt = 0; attempt < 40; attempt++) {
    const b = newBuilder(r);
    const sc = label === 'none' ? NONE_PLANS[r.pick(NONE_KINDS)](b, gestureSide(b)) : GESTURE_PLANS[label](b);
    if (!sc) continue;
    const out = render(r, sc, label);
    last = out.clip;
    if (out.ok) return out.clip;
  }
  if (!last) throw new Error(`synth-sixth: could not plan a ${label} clip`);
  return last;
}

/** `perLabel` clips of each gesture and `noneFactor * perLabel` of `none`, deterministic in `seed`. */
export function sixthDataset(perLabel: number, seed: number, noneFactor = 2): MotionClip[] {
  const rng = createRng(seed);
  const clips: MotionClip[] = [];
  for (const label of GESTURE_LABELS) {
    const n = label === 'none' ? Math.round(perLabel * noneFactor) : perLabel;
    for (let i = 0; i < n; i++) clips.push(sixthClip(label, rng));
  }
  return clips;
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const out = args.get('out');
  if (!out) {
    console.error('usage: node --import tsx scripts/gesture/synth-sixth.ts --out DIR [--per-label N] [--seed S]');
    process.exit(2);
  }
  const perLabel = Number(args.get('per-label') ?? 40);
  const seed = Number(args.get('seed') ?? 61);
  if (!Number.isInteger(perLabel) || perLabel < 1 || !Number.isFinite(seed)) {
    console.error('synth-sixth: --per-label must be a positive integer and --seed a number');
    process.exit(2);
  }
  const clips = sixthDataset(perLabel, seed);
  writeClips(out, clips);
  console.log(`synth-sixth: wrote ${clips.length} clips to ${out}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
