/**
 * Evaluation-only motion-clip generator ("twentieth"): motion as integral curves of hand-designed,
 * time-varying velocity fields.
 *
 * MOTION MODEL (vector fields and flows)
 * - Every effector is a point that flows along a velocity field v(x, t) and is integrated with a
 *   midpoint (RK2) step at 300 Hz: each hand's grip point (in a body frame that turns and walks
 *   with the person), the gaze direction (a point in (yaw, pitch, roll) space), and the pelvis /
 *   stance (x, z, yaw in the room).
 * - Fields are sums of radial-basis-function components:
 *   - sinks: the gradient of a saturated well centred on a target (reach, point, push, rest,
 *     look-at, step); the flow slows as the field vanishes near the sink;
 *   - residual micro-vortices: Gaussian-RBF curl fields around a sink whose centres drift by an
 *     Ornstein-Uhlenbeck process, so a "held" effector keeps a few mm of curling jitter;
 *   - limit-cycle vortices: a tangential (curl) term gated by a Gaussian RBF ring plus a radial
 *     term k (1 - rho) toward an ellipse of "radius" rho = 1, flattened into the plane of the
 *     gesture: a side-to-side ellipse in front of a raised hand's pivot (wave), a sagittal ellipse
 *     in front of the chest (beckon), pitch- or yaw-dominant ellipses of the gaze (nod, shake).
 *     Tempo is the vortex's angular speed; its gain drifts by an OU process.
 *   - tremor: an 8-12 Hz micro limit-cycle vortex (0.4-2 mm) on a separate offset state.
 * - Behaviours are switched by a smooth partition of unity over time: phase weights built from
 *   telescoping tanh steps (they sum to 1), and the effector velocity is the weighted sum of the
 *   phases' fields, so transitions are curved flows rather than interpolated keys.
 * - Arms: analytic two-bone solution from shoulder to the flowing grip point, the swivel angle of
 *   the elbow chosen in closed form by a linear comfort cost (elbow low and out, person-specific
 *   weights), low-pass filtered. Wrist/target-ray orientation: the forearm direction tilted toward
 *   the flow direction, a wrist flexion that is itself a blended sink (palm out for a push, curl
 *   driven by the inward flow for a beckon) and a per-person grip offset for the controller's
 *   target ray. Head: follows the gaze flow through a first-order neck lag, pivoting on the neck
 *   (eyes ahead of and above the pivot), on top of OU postural sway.
 * - People: height 1.1-1.95 m (children to tall adults), seated or standing, either hand (and
 *   occasional two-hand pushes), tempo, amplitude, tremor, rest posture, anywhere within 3 m of the
 *   origin facing any direction.
 *
 * TRACKERS (one per clip)
 * - insideOut: controllers seen by headset cameras; out of the camera cone the pose coasts on the
 *   IMU (orientation kept, position dead-reckoned with decaying velocity) then goes null, and is
 *   re-acquired after a delay with a smoothing blend; latency, jitter, low-pass + prediction.
 * - hands: WebXR hand tracking, wrist pose as the target ray, null when out of the narrower camera
 *   cone or in random dropout bursts; larger jitter, speed-adaptive (one-euro-like) filter.
 * - outsideIn: base-station tracking, sub-mm jitter, occlusion by the torso relative to a station
 *   direction (short IMU coast then null), prediction.
 * All: 30-120 Hz nominal rate, uneven timestamps, dropped frames, latency.
 * Every clip's tracked output is checked: gesture clips are redrawn unless the output clearly shows
 * the label (strict checks), `none` clips are redrawn if they satisfy any gesture (loose checks).
 *
 * READING RULE followed: the only project files read while writing this were
 * /work/shared/brief/PERCEPTION.md ("Gestures", "Motion clip format", "Evaluation command"),
 * src/core/types.ts, scripts/gesture/motion-math.ts, scripts/gesture/node-io.ts and
 * tests/support/motion.ts. No other generator, perception code, data or docs were opened.
 *
 * CLI: node --import tsx scripts/gesture/synth-twentieth.ts --out DIR [--per-label N] [--seed S]
 */
import { fileURLToPath } from 'node:url';
import { GESTURE_LABELS, type GestureLabel, type MotionFrame, type Pose, type Quat, type Vec3 } from '../../src/core/types';
import { add, createRng, cross, dot, len, norm, qaxis, qeuler, qlook, qmul, qnorm, qrot, qslerp, scale, sub, writeClips, type MotionClip, type Rng } from './motion-math';

// ---------------------------------------------------------------------------------------------
// Small maths
// ---------------------------------------------------------------------------------------------

const SIM_HZ = 300;
const SIM_DT = 1 / SIM_HZ;
const PREROLL = 0.4;
const DEG = Math.PI / 180;
const clamp = (x: number, a: number, b: number) => Math.min(b, Math.max(a, x));
const wrapPi = (a: number) => Math.atan2(Math.sin(a), Math.cos(a));
const ZERO: Vec3 = [0, 0, 0];

/** Scale v down so that |v| <= vmax. */
function capSpeed(v: Vec3, vmax: number): Vec3 {
  const l = len(v);
  return l > vmax ? scale(v, vmax / l) : v;
}

/** A unit vector perpendicular to n. */
function perp(n: Vec3): Vec3 {
  const a: Vec3 = Math.abs(n[1]) < 0.9 ? [0, 1, 0] : [1, 0, 0];
  return norm(cross(n, a));
}

/** A small random rotation (angle ~ N(0, sd)). */
function qjitter(rng: Rng, sd: number): Quat {
  const ax = norm([rng.normal(), rng.normal(), rng.normal()]);
  return qaxis(ax, rng.normal(0, sd));
}

/** A signal sampled on the simulation grid, read with linear interpolation. */
class Sig {
  constructor(
    readonly t0: number,
    readonly v: Float64Array,
  ) {}
  at(t: number): number {
    const u = (t - this.t0) * SIM_HZ;
    const n = this.v.length;
    if (u <= 0) return this.v[0];
    if (u >= n - 1) return this.v[n - 1];
    const i = Math.floor(u);
    const f = u - i;
    return this.v[i] * (1 - f) + this.v[i + 1] * f;
  }
}

/** Ornstein-Uhlenbeck path (exact discretisation), stationary start. */
function ouSig(rng: Rng, t0: number, n: number, tau: number, sd: number): Sig {
  const v = new Float64Array(n);
  const a = Math.exp(-SIM_DT / tau);
  const b = sd * Math.sqrt(1 - a * a);
  v[0] = rng.normal(0, sd);
  for (let i = 1; i < n; i++) v[i] = a * v[i - 1] + b * rng.normal();
  return new Sig(t0, v);
}

/** A 3-vector OU path. */
interface Sig3 {
  at(t: number): Vec3;
}
function ouSig3(rng: Rng, t0: number, n: number, tau: number, sd: number): Sig3 {
  const s = [ouSig(rng, t0, n, tau, sd), ouSig(rng, t0, n, tau, sd), ouSig(rng, t0, n, tau, sd)];
  return { at: (t) => [s[0].at(t), s[1].at(t), s[2].at(t)] };
}

// ---------------------------------------------------------------------------------------------
// Velocity-field primitives
// ---------------------------------------------------------------------------------------------

/** A time-varying velocity field. */
export type Field = (x: Vec3, t: number) => Vec3;

/** Shared per-clip noise sources the fields draw on. */
interface Noise {
  rng: Rng;
  t0: number;
  n: number;
}

/**
 * Residual micro-vortices: Gaussian RBF curl fields whose centres sit near `c` and drift by an OU
 * process (so the field, and the effector caught in it, never quite settles).
 */
function microVortices(nz: Noise, count: number, sigma: number, gamma: number, spread: number): (x: Vec3, t: number, c: Vec3) => Vec3 {
  const vs = Array.from({ length: count }, () => ({
    off: scale(norm([nz.rng.normal(), nz.rng.normal(), nz.rng.normal()]), spread * nz.rng.uniform(0.2, 1)),
    axis: norm([nz.rng.normal(), nz.rng.normal(), nz.rng.normal()]),
    g: gamma * nz.rng.uniform(0.6, 1.4) * (nz.rng.chance(0.5) ? 1 : -1),
    drift: ouSig3(nz.rng, nz.t0, nz.n, nz.rng.uniform(0.15, 0.5), spread * 0.8),
  }));
  return (x, t, c) => {
    let v: Vec3 = [0, 0, 0];
    for (const m of vs) {
      const cj = add(add(c, m.off), m.drift.at(t));
      const d = sub(x, cj);
      const g = Math.exp(-dot(d, d) / (2 * sigma * sigma));
      v = add(v, scale(cross(m.axis, d), m.g * g));
    }
    return v;
  };
}

/**
 * Sink: gradient flow of a saturated well at c(t) (speed k|d| near the centre, at most k*sat far
 * away), plus optional residual micro-vortices.
 */
function sink(c: Vec3 | ((t: number) => Vec3), k: number, sat: number, micro?: (x: Vec3, t: number, c: Vec3) => Vec3): Field {
  return (x, t) => {
    const cc = typeof c === 'function' ? c(t) : c;
    const d = sub(x, cc);
    const l = len(d);
    let v = scale(d, -k / (1 + l / sat));
    if (micro) v = add(v, micro(x, t, cc));
    return v;
  };
}

/** A limit-cycle vortex: an ellipse (semi-axes A along e1, B along e2) centred on c. */
interface VortexSpec {
  c: Vec3;
  e1: Vec3;
  e2: Vec3;
  A: number;
  B: number;
  /** Angular speed (rad/s) at time t; its sign sets the sense of rotation. */
  omega: (t: number) => number;
  /** Radial gain toward the ellipse (1/s). */
  kr: number;
  /** Gain pulling back into the ellipse's plane (1/s). */
  kn: number;
  /** Width of the Gaussian RBF ring that gates the curl term (in rho units). */
  ring: number;
}

/**
 * v = curl term tangent to the ellipse family, gated by exp(-(rho-1)^2 / 2 ring^2)
 *   + radial term kr (1 - rho) (a, b) toward the ellipse rho = 1
 *   - kn (offset out of the plane).
 * On rho = 1 the flow is a = A cos(th), b = B sin(th) with th' = omega.
 */
function vortex(o: VortexSpec): Field {
  const n = norm(cross(o.e1, o.e2));
  return (x, t) => {
    const d = sub(x, o.c);
    const a = dot(d, o.e1);
    const b = dot(d, o.e2);
    const cn = dot(d, n);
    const rho = Math.hypot(a / o.A, b / o.B);
    const g = Math.exp(-((rho - 1) ** 2) / (2 * o.ring * o.ring));
    const w = o.omega(t);
    const ta = -w * (o.A / o.B) * b * g;
    const tb = w * (o.B / o.A) * a * g;
    const r = o.kr * (1 - rho);
    return add(add(scale(o.e1, ta + r * a), scale(o.e2, tb + r * b)), scale(n, -o.kn * cn));
  };
}

/** An OU-modulated angular speed: omega0 * exp(z(t)). */
function tempo(nz: Noise, omega0: number, sd: number): (t: number) => number {
  const z = ouSig(nz.rng, nz.t0, nz.n, nz.rng.uniform(0.4, 1.2), sd);
  return (t) => omega0 * Math.exp(z.at(t));
}

// ---------------------------------------------------------------------------------------------
// Partition of unity over behaviour phases
// ---------------------------------------------------------------------------------------------

/** A hand behaviour: the grip point's field and the wrist flexion target (rad, + = ray up / palm out). */
interface HandBeh {
  field: Field;
  flex: (t: number, v: Vec3) => number;
}

/** One behaviour phase; `start` is where its weight crosses 1/2 (ignored for the first phase). */
interface Phase {
  start: number;
  /** Width (s) of the cross-fade into this phase. */
  tau: number;
  hands: [HandBeh | null, HandBeh | null];
  gaze: Field | null;
  /** Stance target [x, z, yaw] in the room, null to keep the previous one. */
  root: Vec3 | null;
}

/** Phase weights at t: telescoping smooth steps, non-negative and summing to 1. */
function phaseWeights(phases: readonly Phase[], t: number): number[] {
  const S = (k: number) => 0.5 * (1 + Math.tanh((t - phases[k].start) / phases[k].tau));
  const w: number[] = [];
  let prev = 1;
  for (let k = 0; k < phases.length; k++) {
    const next = k + 1 < phases.length ? S(k + 1) : 0;
    w.push(Math.max(0, prev - next));
    prev = Math.min(prev, next);
  }
  const sum = w.reduce((a, b) => a + b, 0) || 1;
  return w.map((x) => x / sum);
}

/** Blend fields with the phase weights. */
function blend(phases: readonly Phase[], pick: (p: Phase) => Field): Field {
  const fs = phases.map(pick);
  return (x, t) => {
    const w = phaseWeights(phases, t);
    let v: Vec3 = [0, 0, 0];
    for (let k = 0; k < fs.length; k++) if (w[k] > 1e-4) v = add(v, scale(fs[k](x, t), w[k]));
    return v;
  };
}

/** Integrate x' = f(x, t) with RK2 on the simulation grid; `post` projects onto constraints. */
function integrate(x0: Vec3, f: Field, t0: number, n: number, post?: (x: Vec3, t: number) => Vec3): Vec3[] {
  const out: Vec3[] = [x0];
  let x = x0;
  for (let i = 1; i < n; i++) {
    const t = t0 + (i - 1) * SIM_DT;
    const k1 = f(x, t);
    const xm = add(x, scale(k1, SIM_DT / 2));
    const k2 = f(xm, t + SIM_DT / 2);
    x = add(x, scale(k2, SIM_DT));
    if (post) x = post(x, t + SIM_DT);
    out.push(x);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// People and their bodies. Body frame: x right, y up, -z forward (the room frame turned by yaw).
// ---------------------------------------------------------------------------------------------

type RestStyle = 'hang' | 'vr' | 'clasp' | 'lap';

interface Person {
  H: number;
  /** Size factor H / 1.75. */
  s: number;
  seated: boolean;
  /** Dominant side: +1 right, -1 left. */
  dom: 1 | -1;
  pelvisY: number;
  shoulderY: number;
  shX: number;
  neckY: number;
  L1: number;
  L2: number;
  reach: number;
  eyeUp: number;
  eyeFwd: number;
  /** Elbow comfort weights (low, out, back). */
  wLow: number;
  wOut: number;
  wBack: number;
  /** Controller grip offset of the target ray. */
  grip: Quat;
  tempo: number;
  amp: number;
  tremorAmp: number;
  tremorHz: number;
  swaySd: number;
  neckTau: number;
  rest: RestStyle;
  restFlex: number;
  gazePitch: number;
  gazeYaw: number;
  /** Stance in the room: x, z, yaw. */
  stance: Vec3;
}

function samplePerson(rng: Rng): Person {
  const child = rng.chance(0.22);
  const H = child ? rng.uniform(1.1, 1.45) : rng.uniform(1.5, 1.95);
  const s = H / 1.75;
  const seated = rng.chance(0.25) && H >= 1.2;
  const pelvisY = seated ? 0.25 * H + 0.1 : 0.53 * H;
  const shoulderY = pelvisY + 0.29 * H;
  const r = 3 * Math.sqrt(rng()) * 0.95;
  const th = rng.uniform(-Math.PI, Math.PI);
  const rests: RestStyle[] = seated ? ['lap', 'vr', 'vr'] : ['hang', 'hang', 'vr', 'clasp'];
  return {
    H,
    s,
    seated,
    dom: rng.chance(0.8) ? 1 : -1,
    pelvisY,
    shoulderY,
    shX: 0.11 * H,
    neckY: shoulderY + 0.03 * H,
    L1: 0.186 * H,
    L2: 0.2 * H,
    reach: 0.386 * H,
    eyeUp: 0.06 * H,
    eyeFwd: 0.045 * H,
    wLow: 1,
    wOut: rng.uniform(0.25, 0.8),
    wBack: rng.uniform(0, 0.3),
    grip: qeuler(rng.normal(0, 4 * DEG), rng.uniform(-25, 5) * DEG, rng.normal(0, 5 * DEG)),
    tempo: Math.exp(rng.normal(0, 0.12)),
    amp: Math.exp(rng.normal(0, 0.15)),
    tremorAmp: rng.uniform(0.0004, 0.002),
    tremorHz: rng.uniform(8, 12),
    swaySd: (seated ? 0.4 : 1) * rng.uniform(0.004, 0.012),
    neckTau: rng.uniform(0.025, 0.07),
    rest: rng.pick(rests),
    restFlex: rng.uniform(-0.15, 0.15),
    gazePitch: rng.uniform(-10, 2) * DEG,
    gazeYaw: rng.normal(0, 3 * DEG),
    stance: [r * Math.cos(th), r * Math.sin(th), rng.uniform(-Math.PI, Math.PI)],
  };
}

/** Shoulder position (body frame) for side +1 right / -1 left, with the sway offset. */
function shoulder(p: Person, side: number, sw: Vec3 = ZERO): Vec3 {
  return [side * p.shX + sw[0], p.shoulderY + sw[1], sw[2]];
}

/** Body-frame point from the shoulder: out (toward side), up, forward. */
function fromShoulder(p: Person, side: number, out: number, up: number, fwd: number): Vec3 {
  return [side * (p.shX + out), p.shoulderY + up, -fwd];
}

/** A unit direction from azimuth (toward side +) and elevation. */
function dirAzEl(side: number, az: number, el: number): Vec3 {
  return [side * Math.sin(az) * Math.cos(el), Math.sin(el), -Math.cos(az) * Math.cos(el)];
}

function restPoint(p: Person, side: number): Vec3 {
  const s = p.s;
  switch (p.rest) {
    case 'hang':
      return [side * (p.shX + 0.03 * s), p.shoulderY - 0.93 * p.reach, -0.04 * s];
    case 'vr':
      return [side * (p.shX - 0.03 * s), p.shoulderY - 0.17 * p.H, -0.16 * p.H];
    case 'clasp':
      return [side * 0.05 * s, p.pelvisY + 0.03 * s, -0.14 * s];
    case 'lap':
      return [side * 0.12 * s, p.pelvisY + 0.12 * s, -0.28 * s];
  }
}

/** Keep the grip point within the arm's reach shell around the (swayed) shoulder. */
function reachClamp(p: Person, side: number, x: Vec3, sw: Vec3): Vec3 {
  const S = shoulder(p, side, sw);
  const d = sub(x, S);
  const l = len(d);
  const hi = 0.985 * (p.L1 + p.L2);
  const lo = 0.3 * (p.L1 + p.L2);
  if (l > hi) return add(S, scale(d, hi / l));
  if (l < lo) return add(S, scale(norm(d), lo));
  // keep the hand out of the torso (a slab around the body centre line)
  if (x[1] < p.shoulderY + 0.05 && x[1] > p.pelvisY - 0.1 && Math.abs(x[0]) < p.shX * 0.9 && x[2] > -0.09 * p.s) return [x[0], x[1], -0.09 * p.s];
  return x;
}

/**
 * Analytic two-bone arm: elbow on the circle of solutions, swivel chosen in closed form by the
 * linear comfort cost e . (wLow up - wOut outward - wBack forward) (elbow low, out, slightly back).
 */
function elbowFor(p: Person, side: number, S: Vec3, P: Vec3): Vec3 {
  const d = sub(P, S);
  const dl = Math.max(1e-6, len(d));
  const u = scale(d, 1 / dl);
  const a = (p.L1 * p.L1 - p.L2 * p.L2 + dl * dl) / (2 * dl);
  const r = Math.sqrt(Math.max(0, p.L1 * p.L1 - a * a));
  const C = add(S, scale(u, a));
  const g: Vec3 = [-p.wOut * side, p.wLow, -p.wBack];
  const gp = sub(g, scale(u, dot(g, u)));
  const e = len(gp) > 1e-6 ? scale(gp, -1 / len(gp)) : perp(u);
  return add(C, scale(e, r));
}

// ---------------------------------------------------------------------------------------------
// Simulation: integrate the blended fields, then pose the body
// ---------------------------------------------------------------------------------------------

/** A behaviour plan: phases over [0, D] seconds of clip time. */
interface Plan {
  phases: Phase[];
  D: number;
}

/** Ground-truth poses on the simulation grid. */
interface Truth {
  t0: number;
  n: number;
  head: Pose[];
  /** Controller target-ray poses, [left, right]. */
  grip: [Pose[], Pose[]];
  /** Wrist poses (hand-tracking target ray), [left, right]. */
  wrist: [Pose[], Pose[]];
  /** Chest point (room) and body yaw, for torso occlusion. */
  chest: Vec3[];
  yaw: number[];
}

const qyaw = (a: number): Quat => qaxis([0, 1, 0], a);
const SIDES = [-1, 1] as const;

function simulate(p: Person, plan: Plan, nz: Noise): Truth {
  const t0 = -PREROLL;
  const n = nz.n;
  const phases = plan.phases;
  const tAt = (i: number) => t0 + i * SIM_DT;

  // postural sway of the upper body (body frame), OU
  const swayX = ouSig(nz.rng, t0, n, nz.rng.uniform(0.8, 2), p.swaySd);
  const swayZ = ouSig(nz.rng, t0, n, nz.rng.uniform(0.8, 2), p.swaySd);
  const swayY = ouSig(nz.rng, t0, n, 1, 0.0015);

  // pelvis / stance flow in the room: [x, z, yaw]
  const rootTargets: Vec3[] = [];
  let last = p.stance;
  for (const ph of phases) {
    if (ph.root) last = ph.root;
    rootTargets.push(last);
  }
  const rootField: Field = (x, t) => {
    const w = phaseWeights(phases, t);
    let v: Vec3 = [0, 0, 0];
    for (let k = 0; k < phases.length; k++) {
      if (w[k] < 1e-4) continue;
      const tg = rootTargets[k];
      const dx = x[0] - tg[0];
      const dz = x[1] - tg[1];
      const dy = wrapPi(x[2] - tg[2]);
      const l = Math.hypot(dx, dz);
      const kt = -4.2 / (1 + l / 0.2);
      const ky = -4.5 / (1 + Math.abs(dy) / 0.45);
      v = add(v, scale([kt * dx, kt * dz, ky * dy], w[k]));
    }
    return v;
  };
  const root = integrate(p.stance, rootField, t0, n);
  const sway: Vec3[] = [];
  for (let i = 0; i < n; i++) {
    const t = tAt(i);
    const rv = i > 0 ? Math.hypot(root[i][0] - root[i - 1][0], root[i][1] - root[i - 1][1]) * SIM_HZ : 0;
    sway.push([swayX.at(t), swayY.at(t) - 0.03 * Math.min(1, rv / 0.8), swayZ.at(t)]);
  }
  const swayAt = (t: number): Vec3 => sway[clamp(Math.round((t - t0) * SIM_HZ), 0, n - 1)];

  // gaze flow (yaw, pitch, roll relative to the body) and the neck lag that the head follows
  const gazeRest: Vec3 = [p.gazeYaw, p.gazePitch, 0];
  const gazeMicro = microVortices(nz, 2, 0.02, 3, 0.012);
  const gazeDefault = sink(gazeRest, 6, 0.5, gazeMicro);
  const gazeField = blend(phases, (ph) => ph.gaze ?? gazeDefault);
  const gaze = integrate(gazeRest, (x, t) => capSpeed(gazeField(x, t), 7), t0, n);
  const headAng: Vec3[] = [gaze[0]];
  for (let i = 1; i < n; i++) {
    const a = Math.exp(-SIM_DT / p.neckTau);
    const h = headAng[i - 1];
    headAng.push(add(scale(h, a), scale(gaze[i], 1 - a)));
  }

  // hands: grip points in the body frame, tremor offsets, wrist flexion
  const handPts: [Vec3[], Vec3[]] = [[], []];
  const flexes: [number[], number[]] = [[], []];
  const tremors: [Vec3[], Vec3[]] = [[], []];
  SIDES.forEach((side, hi) => {
    const rp = restPoint(p, side);
    const restBeh: HandBeh = { field: sink(rp, 5, 0.35, microVortices(nz, 2, 0.015, 2.5, 0.01)), flex: () => p.restFlex };
    const behs = phases.map((ph) => ph.hands[hi] ?? restBeh);
    const fields = behs.map((b) => b.field);
    const field: Field = (x, t) => {
      const w = phaseWeights(phases, t);
      let v: Vec3 = [0, 0, 0];
      for (let k = 0; k < fields.length; k++) if (w[k] > 1e-4) v = add(v, scale(fields[k](x, t), w[k]));
      return capSpeed(v, 2.9);
    };
    const x0 = reachClamp(p, side, add(rp, [nz.rng.normal(0, 0.01), nz.rng.normal(0, 0.01), nz.rng.normal(0, 0.01)]), swayAt(t0));
    const pts = integrate(x0, field, t0, n, (x, t) => reachClamp(p, side, x, swayAt(t)));
    handPts[hi] = pts;
    // flexion: a blended sink toward each phase's target
    let fl = p.restFlex;
    for (let i = 0; i < n; i++) {
      const t = tAt(i);
      const v = i > 0 ? scale(sub(pts[i], pts[i - 1]), SIM_HZ) : ZERO;
      const w = phaseWeights(phases, t);
      let target = 0;
      for (let k = 0; k < behs.length; k++) if (w[k] > 1e-4) target += w[k] * behs[k].flex(t, v);
      fl += (target - fl) * (1 - Math.exp(-SIM_DT * 14));
      flexes[hi].push(fl);
    }
    // tremor: a tiny 8-12 Hz limit-cycle vortex on an offset state
    const e1 = norm([nz.rng.normal(), nz.rng.normal(), nz.rng.normal()]);
    const e2 = norm(cross(e1, perp(e1)));
    const amp = p.tremorAmp * nz.rng.uniform(0.7, 1.3);
    const trem = vortex({ c: ZERO, e1, e2, A: amp, B: amp * nz.rng.uniform(0.5, 1), omega: tempo(nz, 2 * Math.PI * p.tremorHz, 0.05), kr: 30, kn: 30, ring: 0.8 });
    tremors[hi] = integrate(scale(e1, amp), trem, t0, n);
  });

  // pose everything
  const head: Pose[] = [];
  const grip: [Pose[], Pose[]] = [[], []];
  const wrist: [Pose[], Pose[]] = [[], []];
  const chest: Vec3[] = [];
  const yaw: number[] = [];
  const elbowDir: [Vec3 | null, Vec3 | null] = [null, null];
  for (let i = 0; i < n; i++) {
    const r = root[i];
    const qy = qyaw(r[2]);
    const R: Vec3 = [r[0], 0, r[1]];
    const toWorld = (b: Vec3): Vec3 => add(R, qrot(qy, b));
    const sw = sway[i];
    const ha = headAng[i];
    const qh = qnorm(qeuler(r[2] + ha[0], ha[1], ha[2]));
    const neck = toWorld([sw[0], p.neckY + sw[1], sw[2]]);
    head.push({ p: add(neck, qrot(qh, [0, p.eyeUp, -p.eyeFwd])), q: qh });
    chest.push(toWorld([sw[0], p.shoulderY - 0.12 * p.s + sw[1], sw[2]]));
    yaw.push(r[2]);
    SIDES.forEach((side, hi) => {
      const P = add(handPts[hi][i], tremors[hi][i]);
      const S = shoulder(p, side, sw);
      let E = elbowFor(p, side, S, P);
      // low-pass the swivel direction, re-projected onto the circle of solutions
      const u = norm(sub(P, S));
      const eNow = norm(sub(E, add(S, scale(u, dot(sub(E, S), u)))));
      const prev = elbowDir[hi];
      let e = prev ? norm(add(scale(prev, 0.7), scale(eNow, 0.3))) : eNow;
      e = norm(sub(e, scale(u, dot(e, u))));
      elbowDir[hi] = e;
      const dl = len(sub(P, S));
      const a = (p.L1 * p.L1 - p.L2 * p.L2 + dl * dl) / (2 * dl);
      E = add(add(S, scale(u, a)), scale(e, Math.sqrt(Math.max(0, p.L1 * p.L1 - a * a))));
      const v = i > 0 ? scale(sub(handPts[hi][i], handPts[hi][i - 1]), SIM_HZ) : ZERO;
      const fdir = norm(add(norm(sub(P, E)), scale(v, 0.07)));
      const hint = norm([0, 1, 1.5 * fdir[1]]);
      const qBase = qmul(qlook(fdir, hint), qaxis([1, 0, 0], flexes[hi][i]));
      const qGrip = qnorm(qmul(qy, qmul(qBase, p.grip)));
      const qWrist = qnorm(qmul(qy, qBase));
      const handDir = qrot(qBase, [0, 0, -1]);
      grip[hi].push({ p: toWorld(P), q: qGrip });
      wrist[hi].push({ p: toWorld(sub(P, scale(handDir, 0.06 * p.s))), q: qWrist });
    });
  }
  return { t0, n, head, grip, wrist, chest, yaw };
}

// ---------------------------------------------------------------------------------------------
// Trackers
// ---------------------------------------------------------------------------------------------

type TrackerKind = 'insideOut' | 'hands' | 'outsideIn';

interface Tracker {
  kind: TrackerKind;
  hz: number;
  dtJitter: number;
  dropP: number;
  latency: number;
  /** Share of the latency the runtime predicts away. */
  predict: number;
  headJit: number;
  headRotJit: number;
  handJit: number;
  handRotJit: number;
  /** Low-pass time constant (s). */
  filterTau: number;
  /** Half-angle of the tracking cone (insideOut, hands). */
  fov: number;
  coastMax: number;
  reacquire: number;
  /** hands: chance per frame that a dropout burst starts. */
  burstP: number;
  /** outsideIn: station direction relative to the body (rad). */
  station: number;
}

function sampleTracker(rng: Rng, kind: TrackerKind): Tracker {
  const hzs = kind === 'hands' ? [30, 36, 45, 50, 60, 60, 72, 90] : kind === 'outsideIn' ? [60, 80, 90, 90, 120, 120] : [36, 45, 60, 72, 72, 80, 90, 120];
  return {
    kind,
    hz: rng.pick(hzs),
    dtJitter: rng.uniform(0.01, 0.12),
    dropP: rng.uniform(0, 0.03),
    latency: rng.uniform(0.005, kind === 'hands' ? 0.06 : 0.035),
    predict: rng.uniform(0, 0.9),
    headJit: rng.uniform(0.0002, 0.0012),
    headRotJit: rng.uniform(0.03, 0.2) * DEG,
    handJit: kind === 'hands' ? rng.uniform(0.002, 0.005) : kind === 'outsideIn' ? rng.uniform(0.0002, 0.0008) : rng.uniform(0.0008, 0.002),
    handRotJit: (kind === 'hands' ? rng.uniform(1, 3) : rng.uniform(0.1, 0.6)) * DEG,
    filterTau: kind === 'hands' ? rng.uniform(0.01, 0.04) : rng.uniform(0.002, 0.02),
    fov: (kind === 'hands' ? rng.uniform(68, 80) : rng.uniform(80, 95)) * DEG,
    coastMax: kind === 'outsideIn' ? rng.uniform(0.12, 0.35) : rng.uniform(0.25, 0.6),
    reacquire: rng.uniform(0.03, 0.15),
    burstP: rng.uniform(0.003, 0.02),
    station: rng.uniform(-Math.PI, Math.PI),
  };
}

function poseAt(arr: readonly Pose[], tr: Truth, t: number): Pose {
  const u = clamp((t - tr.t0) * SIM_HZ, 0, tr.n - 1);
  const i = Math.min(tr.n - 2, Math.floor(u));
  const f = u - i;
  const a = arr[i];
  const b = arr[i + 1];
  return { p: [a.p[0] + (b.p[0] - a.p[0]) * f, a.p[1] + (b.p[1] - a.p[1]) * f, a.p[2] + (b.p[2] - a.p[2]) * f], q: qnorm(qslerp(a.q, b.q, f)) };
}

/** Sample the truth through a tracker: uneven timestamps, latency, visibility, filtering, prediction. */
function track(tr: Truth, tk: Tracker, D: number, rng: Rng): MotionFrame[] {
  // timestamps
  const times: number[] = [];
  let tc = 0;
  while (tc <= D + 1e-9) {
    times.push(tc);
    let dt = (1 / tk.hz) * Math.max(0.35, 1 + rng.normal(0, tk.dtJitter));
    while (rng.chance(tk.dropP)) dt += 1 / tk.hz;
    tc += dt;
  }
  const tOff = rng.uniform(0, 30);
  const hasDt = (i: number) => (i > 0 ? times[i] - times[i - 1] : 1 / tk.hz);

  interface HandState {
    out: Vec3 | null;
    vel: Vec3;
    lostFor: number;
    seenFor: number;
    burst: number;
    blend: number;
  }
  const hs: HandState[] = [0, 1].map(() => ({ out: null, vel: [0, 0, 0], lostFor: 0, seenFor: 1, burst: 0, blend: 0 }));
  let headOut: Vec3 | null = null;
  const frames: MotionFrame[] = [];
  const H = tk.latency * tk.predict;
  for (let fi = 0; fi < times.length; fi++) {
    const t = times[fi];
    const dt = hasDt(fi);
    const ts = t - tk.latency;
    // head: predicted, jittered, lightly filtered
    const h0 = poseAt(tr.head, tr, ts);
    const h1 = poseAt(tr.head, tr, ts - 0.02);
    const hv = scale(sub(h0.p, h1.p), 50);
    const hq = qnorm(qmul(qslerp(h1.q, h0.q, 1 + H / 0.02), qjitter(rng, tk.headRotJit)));
    const hmeas = add(add(h0.p, scale(hv, H)), [rng.normal(0, tk.headJit), rng.normal(0, tk.headJit), rng.normal(0, tk.headJit)]);
    const ha = 1 - Math.exp(-dt / 0.004);
    headOut = headOut ? add(headOut, scale(sub(hmeas, headOut), ha)) : hmeas;
    const headPose: Pose = { p: headOut, q: hq };
    const hfwd = qrot(h0.q, [0, 0, -1]);

    const hands: (Pose | null)[] = [0, 1].map((hi) => {
      const st = hs[hi];
      const truthArr = tk.kind === 'hands' ? tr.wrist[hi] : tr.grip[hi];
      const g = poseAt(truthArr, tr, ts);
      const g1 = poseAt(truthArr, tr, ts - 0.02);
      const rel = sub(g.p, h0.p);
      const dist = len(rel);
      const ang = Math.acos(clamp(dot(norm(rel), hfwd), -1, 1));
      let visible: boolean;
      if (tk.kind === 'outsideIn') {
        const k = clamp(Math.round((ts - tr.t0) * SIM_HZ), 0, tr.n - 1);
        const sdir = qrot(qyaw(tr.yaw[k] + tk.station), [0, 0, -1]);
        const hc = sub(g.p, tr.chest[k]);
        const along = dot(hc, sdir);
        const across = len(sub(hc, scale(sdir, along)));
        visible = !(along < -0.06 && across < 0.16);
      } else visible = ang < tk.fov && dist > 0.1 && (tk.kind !== 'hands' || dist < 1.05);
      if (tk.kind === 'hands') {
        if (st.burst > 0) st.burst--;
        else if (rng.chance(tk.burstP)) st.burst = rng.int(1, 6);
        if (st.burst > 0) visible = false;
      }
      const qm = qnorm(qmul(qslerp(g1.q, g.q, 1 + H / 0.02), qjitter(rng, tk.handRotJit)));
      if (visible) {
        st.seenFor += dt;
        if (st.lostFor > 0) {
          st.blend = 0.2;
          st.seenFor = 0;
        }
        st.lostFor = 0;
        if (st.seenFor < tk.reacquire && st.out === null) return null;
        const meas = add(g.p, [rng.normal(0, tk.handJit), rng.normal(0, tk.handJit), rng.normal(0, tk.handJit)]);
        let tau = tk.filterTau;
        if (tk.kind === 'hands') tau = tau / (1 + len(st.vel) / 0.4); // one-euro-like: faster when moving
        if (st.blend > 0) {
          tau = Math.max(tau, 0.05);
          st.blend -= dt;
        }
        const a = 1 - Math.exp(-dt / tau);
        const prev: Vec3 = st.out ?? meas;
        const next = st.out ? add(st.out, scale(sub(meas, st.out), a)) : meas;
        const vraw = st.out ? scale(sub(next, prev), 1 / dt) : ZERO;
        st.vel = add(st.vel, scale(sub(vraw, st.vel), 1 - Math.exp(-dt / 0.04)));
        st.out = next;
        return { p: add(next, scale(st.vel, H)), q: qm };
      }
      // lost
      st.lostFor += dt;
      if (tk.kind === 'hands' || st.out === null || st.lostFor > tk.coastMax) {
        st.out = null;
        st.vel = [0, 0, 0];
        st.seenFor = 0;
        return null;
      }
      // IMU coast: velocity decays, orientation keeps coming from the IMU (with drift)
      st.vel = scale(st.vel, Math.exp(-dt / 0.07));
      st.out = add(st.out, scale(st.vel, dt));
      return { p: st.out, q: qnorm(qmul(qm, qaxis([0, 1, 0], st.lostFor * 0.05))) };
    });
    frames.push({ t: tOff + t, head: headPose, left: hands[0], right: hands[1] });
  }
  return frames;
}

// ---------------------------------------------------------------------------------------------
// Behaviour plans: gestures
// ---------------------------------------------------------------------------------------------

type Builder = (p: Person, rng: Rng, nz: Noise) => Plan;

function phase(start: number, tau: number, o: { hands?: [HandBeh | null, HandBeh | null]; gaze?: Field | null; root?: Vec3 | null } = {}): Phase {
  return { start, tau, hands: o.hands ?? [null, null], gaze: o.gaze ?? null, root: o.root ?? null };
}
/** Hands tuple with `beh` on `side` (and optionally `other` on the other side). */
function on(side: number, beh: HandBeh, other: HandBeh | null = null): [HandBeh | null, HandBeh | null] {
  return side < 0 ? [beh, other] : [other, beh];
}
const flexOf = (x: number) => () => x;
const holdMicro = (nz: Noise) => microVortices(nz, 3, 0.012, 2.2, 0.006);
const gazeMicroOf = (nz: Noise) => microVortices(nz, 2, 0.02, 2.5, 0.01);
/** Gaze sink toward (yaw, pitch, roll). */
const look = (nz: Noise, target: Vec3, k = 7) => sink(target, k, 0.5, gazeMicroOf(nz));
/** Gesture hand: dominant most of the time. */
const gestureSide = (p: Person, rng: Rng) => (rng.chance(0.82) ? p.dom : -p.dom);
/** Gaze yaw (+ = left) and pitch toward a body-frame direction. */
const gazeToward = (d: Vec3): [number, number] => [Math.atan2(-d[0], -d[2]), Math.asin(clamp(d[1], -1, 1))];

const waveBuilder: Builder = (p, rng, nz) => {
  const side = gestureSide(p, rng);
  const f = clamp(rng.uniform(1.7, 3.1) * p.tempo, 1.7, 3.2);
  const w0 = 2 * Math.PI * f;
  const A = clamp(rng.uniform(0.07, 0.14) * p.amp * Math.sqrt(p.s), 0.065, Math.min(0.16, 2.1 / w0));
  const B = Math.min(0.04, A * rng.uniform(0.15, 0.4));
  const c = fromShoulder(p, side, rng.uniform(-0.03, 0.08) * p.s, rng.uniform(0.04, 0.15) * p.s + B, rng.uniform(0.2, 0.32) * p.s);
  const tilt = rng.normal(0, 10 * DEG) * side;
  const q = qyaw(rng.normal(0, 12 * DEG));
  const e1 = qrot(q, [Math.cos(tilt), Math.sin(tilt), 0]);
  const e2 = qrot(q, [-Math.sin(tilt), Math.cos(tilt), 0]);
  const omega = tempo(nz, w0 * (rng.chance(0.5) ? 1 : -1), 0.05);
  const lead = rng.uniform(0.05, 0.45);
  const raise = rng.uniform(0.32, 0.5);
  const tail = rng.uniform(0.12, 0.45);
  let waveT = rng.uniform(2.5, 4.2) / f;
  waveT = Math.min(waveT, 2.95 - lead - raise - tail);
  const flexBase = rng.uniform(0.1, 0.5);
  const waveBeh: HandBeh = {
    field: vortex({ c, e1, e2, A, B, omega, kr: 12, kn: 10, ring: 0.55 }),
    flex: (_t, v) => flexBase + 0.25 * clamp(dot(v, e1) / (w0 * A), -1, 1),
  };
  const raiseBeh: HandBeh = { field: sink(add(c, scale(e1, A)), rng.uniform(7, 10), 0.35), flex: flexOf(flexBase) };
  const gz = look(nz, [p.gazeYaw + rng.normal(0, 8 * DEG), rng.uniform(-6, 4) * DEG, 0], 5);
  const t1 = lead;
  const t2 = lead + raise;
  const t3 = t2 + waveT;
  const phases = [phase(0, 0.1), phase(t1, 0.08, { hands: on(side, raiseBeh), gaze: gz }), phase(t2, 0.1, { hands: on(side, waveBeh), gaze: gz })];
  if (rng.chance(0.5)) {
    phases.push(phase(t3, 0.1, { gaze: gz }));
    return { phases, D: t3 + tail };
  }
  return { phases, D: t3 };
};

const beckonBuilder: Builder = (p, rng, nz) => {
  const side = gestureSide(p, rng);
  const f = clamp(rng.uniform(1.25, 2.2) * p.tempo, 1.2, 2.4);
  const w0 = 2 * Math.PI * f;
  const A = clamp(rng.uniform(0.055, 0.095) * p.amp * p.s, 0.04, 0.1);
  const B = A * rng.uniform(0.2, 0.5);
  const c = fromShoulder(p, side, -rng.uniform(0.0, 0.1) * p.s, -rng.uniform(0.06, 0.18) * p.s, rng.uniform(0.28, 0.36) * p.s);
  const e1: Vec3 = [0, 0, -1];
  const e2: Vec3 = [0, 1, 0];
  const omega = tempo(nz, w0, 0.05);
  const lead = rng.uniform(0.05, 0.4);
  const raise = rng.uniform(0.3, 0.45);
  const tail = rng.uniform(0.12, 0.4);
  let bT = rng.uniform(2.4, 3.6) / f;
  bT = Math.min(bT, 2.95 - lead - raise - tail);
  const flexBase = rng.uniform(0.0, 0.4);
  const beh: HandBeh = {
    field: vortex({ c, e1, e2, A, B, omega, kr: 12, kn: 10, ring: 0.55 }),
    flex: (_t, v) => flexBase + 0.6 * clamp(v[2] / (w0 * A), -1, 1),
  };
  const raiseBeh: HandBeh = { field: sink(add(c, scale(e1, A)), rng.uniform(7, 10), 0.35), flex: flexOf(flexBase) };
  const gz = look(nz, [p.gazeYaw + rng.normal(0, 6 * DEG), rng.uniform(-8, 3) * DEG, 0], 5);
  const t2 = lead + raise;
  const t3 = t2 + bT;
  const phases = [phase(0, 0.1), phase(lead, 0.08, { hands: on(side, raiseBeh), gaze: gz }), phase(t2, 0.1, { hands: on(side, beh), gaze: gz })];
  if (rng.chance(0.5)) {
    phases.push(phase(t3, 0.1, { gaze: gz }));
    return { phases, D: t3 + tail };
  }
  return { phases, D: t3 };
};

const pointBuilder: Builder = (p, rng, nz) => {
  const side = gestureSide(p, rng);
  const az = rng.uniform(-25, 55) * DEG;
  const el = rng.uniform(-12, 25) * DEG;
  const d = dirAzEl(side, az, el);
  const target = add(shoulder(p, side), scale(d, rng.uniform(0.94, 0.99) * (p.L1 + p.L2)));
  const k = rng.uniform(6.5, 9.5);
  const beh: HandBeh = { field: sink(target, k, 0.32, holdMicro(nz)), flex: flexOf(rng.uniform(-0.1, 0.15)) };
  const [gy, gp] = gazeToward(d);
  const gz = look(nz, [gy * rng.uniform(0.6, 0.95), gp * 0.7 + p.gazePitch * 0.3, 0], 6);
  const lead = rng.uniform(0.05, 0.45);
  const hold = rng.uniform(0.95, 1.5);
  const approach = 0.6;
  const lower = rng.chance(0.35);
  const tail = lower ? rng.uniform(0.15, 0.35) : 0;
  const tEnd = Math.min(lead + approach + hold, 2.95 - tail);
  const phases = [phase(0, 0.1), phase(lead, 0.07, { hands: on(side, beh), gaze: gz })];
  if (lower) phases.push(phase(tEnd, 0.1));
  return { phases, D: tEnd + tail };
};

const pushBuilder: Builder = (p, rng, nz) => {
  const side = gestureSide(p, rng);
  const two = rng.chance(0.2);
  const lead = rng.uniform(0.05, 0.35);
  const prep = rng.uniform(0.25, 0.4);
  const hold = rng.uniform(0.8, 1.3);
  const travel = 0.5;
  const azs = rng.uniform(-15, 8) * DEG;
  const el = rng.uniform(-10, 12) * DEG;
  const frac = rng.uniform(0.9, 0.97);
  const k = rng.uniform(8, 11.5);
  const flex = rng.uniform(1.1, 1.45);
  const mk = (sd: number) => {
    const prepAt = fromShoulder(p, sd, -rng.uniform(0.03, 0.08) * p.s, -rng.uniform(0.06, 0.15) * p.s, rng.uniform(0.06, 0.12) * p.s);
    const target = add(shoulder(p, sd), scale(dirAzEl(sd, azs, el), frac * (p.L1 + p.L2)));
    return {
      prep: { field: sink(prepAt, 8, 0.35), flex: flexOf(0.3) } as HandBeh,
      push: { field: sink(target, k, 0.3, holdMicro(nz)), flex: flexOf(flex) } as HandBeh,
    };
  };
  const a = mk(side);
  const b = two ? mk(-side) : null;
  const gz = look(nz, [p.gazeYaw + rng.normal(0, 6 * DEG), rng.uniform(-5, 5) * DEG, 0], 5);
  const t1 = lead;
  const t2 = lead + prep;
  const tEnd = Math.min(t2 + travel + hold, 2.95);
  const phases = [
    phase(0, 0.1),
    phase(t1, 0.07, { hands: on(side, a.prep, b ? b.prep : null), gaze: gz }),
    phase(t2, 0.06, { hands: on(side, a.push, b ? b.push : null), gaze: gz }),
  ];
  return { phases, D: tEnd };
};

const nodBuilder: Builder = (p, rng, nz) => {
  const A = clamp(rng.uniform(8, 18) * p.amp, 7, 22) * DEG;
  const B = A * rng.uniform(0.05, 0.2);
  const f = clamp(rng.uniform(1.5, 2.9) * p.tempo, 1.45, 3.1);
  const rest: Vec3 = [p.gazeYaw, p.gazePitch, 0];
  const c: Vec3 = [p.gazeYaw, p.gazePitch - A, 0];
  const field = vortex({ c, e1: [0, 1, 0], e2: [1, 0, 0], A, B, omega: tempo(nz, 2 * Math.PI * f * (rng.chance(0.5) ? 1 : -1), 0.05), kr: 10, kn: 10, ring: 0.55 });
  const lead = rng.uniform(0.1, 0.6);
  const cycles = rng.uniform(1.3, 3);
  const tail = rng.uniform(0.2, 0.5);
  const tN = Math.min(lead + cycles / f, 2.95 - tail);
  const phases = [phase(0, 0.1), phase(lead, 0.06, { gaze: field })];
  if (rng.chance(0.6)) {
    phases.push(phase(tN, 0.08, { gaze: look(nz, rest, 7) }));
    return { phases, D: Math.max(1.05, tN + tail) };
  }
  return { phases, D: Math.max(1.05, tN) };
};

const shakeBuilder: Builder = (p, rng, nz) => {
  const A = clamp(rng.uniform(12, 28) * p.amp, 10, 32) * DEG;
  const B = A * rng.uniform(0.05, 0.15);
  const f = clamp(rng.uniform(1.4, 2.7) * p.tempo, 1.3, 3);
  const sgn = rng.chance(0.5) ? 1 : -1;
  const c: Vec3 = [p.gazeYaw, p.gazePitch, 0];
  // sense of rotation so that the cycle carries on from the first turn
  const field = vortex({ c, e1: [1, 0, 0], e2: [0, 1, 0], A, B, omega: tempo(nz, 2 * Math.PI * f * (rng.chance(0.5) ? 1 : -1), 0.05), kr: 10, kn: 10, ring: 0.55 });
  const first = look(nz, [p.gazeYaw + sgn * A, p.gazePitch + rng.normal(0, 2 * DEG), 0], 14);
  const lead = rng.uniform(0.1, 0.5);
  const turn = 0.3 / f + 0.05;
  const cycles = rng.uniform(1.3, 3);
  const tail = rng.uniform(0.2, 0.5);
  const tS = Math.min(lead + turn + cycles / f, 2.95 - tail);
  const phases = [phase(0, 0.1), phase(lead, 0.05, { gaze: first }), phase(lead + turn, 0.06, { gaze: field })];
  if (rng.chance(0.6)) {
    phases.push(phase(tS, 0.08, { gaze: look(nz, c, 7) }));
    return { phases, D: Math.max(1.05, tS + tail) };
  }
  return { phases, D: Math.max(1.05, tS) };
};

// ---------------------------------------------------------------------------------------------
// Behaviour plans: `none` (everyday motion and hard negatives)
// ---------------------------------------------------------------------------------------------

const dur = (rng: Rng) => rng.uniform(1.2, 2.9);
/** Room stance moved by (right, forward) metres in the body frame and turned by dyaw. */
function moved(p: Person, right: number, fwd: number, dyaw = 0): Vec3 {
  const d = qrot(qyaw(p.stance[2]), [right, 0, -fwd]);
  return [p.stance[0] + d[0], p.stance[1] + d[2], p.stance[2] + dyaw];
}

const NONE_KINDS: Record<string, Builder> = {
  idle: (p, rng, nz) => {
    const D = dur(rng);
    const t1 = rng.uniform(0.3, D - 0.3);
    return { phases: [phase(0, 0.1), phase(t1, 0.3, { gaze: look(nz, [p.gazeYaw + rng.normal(0, 8 * DEG), p.gazePitch + rng.normal(0, 4 * DEG), 0], 2.5) })], D };
  },
  tiltStay: (p, rng, nz) => {
    const D = dur(rng);
    const t1 = rng.uniform(0.15, Math.min(1.2, D - 0.5));
    const pitch = rng.chance(0.6) ? -rng.uniform(10, 28) * DEG : rng.uniform(-4, 12) * DEG;
    const roll = rng.chance(0.5) ? rng.uniform(-18, 18) * DEG : 0;
    return { phases: [phase(0, 0.1), phase(t1, 0.1, { gaze: look(nz, [p.gazeYaw + rng.normal(0, 5 * DEG), p.gazePitch + pitch, roll], rng.uniform(4, 7)) })], D };
  },
  reachBack: (p, rng, nz) => {
    const side = gestureSide(p, rng);
    const d = dirAzEl(side, rng.uniform(-20, 50) * DEG, rng.uniform(-40, -5) * DEG);
    const target = add(shoulder(p, side), scale(d, rng.uniform(0.75, 0.92) * (p.L1 + p.L2)));
    const [gy, gp] = gazeToward(d);
    const t1 = rng.uniform(0.1, 0.6);
    const t2 = t1 + rng.uniform(0.3, 0.45);
    const D = Math.min(2.95, t2 + rng.uniform(0.5, 1.2));
    return {
      phases: [
        phase(0, 0.1),
        phase(t1, 0.07, { hands: on(side, { field: sink(target, rng.uniform(6, 8), 0.35), flex: flexOf(rng.uniform(-0.2, 0.3)) }), gaze: look(nz, [gy * 0.8, gp * 0.8, 0], 6) }),
        phase(t2, 0.07),
      ],
      D,
    };
  },
  scratchHead: (p, rng, nz) => {
    const side = gestureSide(p, rng);
    const c: Vec3 = [side * rng.uniform(0.04, 0.09) * p.s, p.neckY + rng.uniform(0.08, 0.14) * p.s, rng.uniform(-0.02, 0.04) * p.s];
    const r = rng.uniform(0.006, 0.014);
    const e1 = norm([rng.normal(), rng.normal(), rng.normal()]);
    const e2 = norm(cross(e1, perp(e1)));
    const scratch = vortex({ c, e1, e2, A: r, B: r * rng.uniform(0.4, 1), omega: tempo(nz, 2 * Math.PI * rng.uniform(3, 6), 0.1), kr: 14, kn: 12, ring: 0.6 });
    const t1 = rng.uniform(0.1, 0.5);
    const t2 = t1 + rng.uniform(0.4, 0.55);
    const t3 = t2 + rng.uniform(0.5, 1.1);
    const back = rng.chance(0.6);
    const D = Math.min(2.95, back ? t3 + rng.uniform(0.2, 0.5) : t3);
    const phases = [
      phase(0, 0.1),
      phase(t1, 0.08, { hands: on(side, { field: sink(add(c, scale(e1, r)), 7, 0.35), flex: flexOf(0.2) }), gaze: look(nz, [p.gazeYaw - side * rng.uniform(0, 10) * DEG, p.gazePitch - rng.uniform(0, 12) * DEG, side * rng.uniform(0, 10) * DEG], 4) }),
      phase(t2, 0.08, { hands: on(side, { field: scratch, flex: flexOf(0.2) }), gaze: look(nz, [p.gazeYaw, p.gazePitch - rng.uniform(0, 12) * DEG, 0], 3) }),
    ];
    if (back) phases.push(phase(t3, 0.1));
    return { phases, D };
  },
  lookAround: (p, rng, nz) => {
    const sgn = rng.chance(0.5) ? 1 : -1;
    const y1 = sgn * rng.uniform(25, 60) * DEG;
    const t1 = rng.uniform(0.1, 0.4);
    const t2 = t1 + rng.uniform(1.0, 1.3);
    const D = Math.min(2.95, t2 + rng.uniform(0.6, 1.4));
    const k = rng.uniform(2.5, 3.5);
    const y2 = rng.chance(0.5) ? 0 : y1 * rng.uniform(1.2, 1.5);
    return {
      phases: [
        phase(0, 0.1),
        phase(t1, 0.15, { gaze: look(nz, [p.gazeYaw + y1, p.gazePitch + rng.uniform(-10, 10) * DEG, 0], k) }),
        phase(t2, 0.15, { gaze: look(nz, [p.gazeYaw + y2, p.gazePitch + rng.uniform(-10, 5) * DEG, 0], k) }),
      ],
      D,
    };
  },
  step: (p, rng, nz) => {
    const ang = rng.uniform(-Math.PI, Math.PI);
    const dist = p.seated ? 0 : rng.uniform(0.25, 0.6);
    const t1 = rng.uniform(0.1, 0.5);
    const D = Math.min(2.95, t1 + rng.uniform(1.0, 2.0));
    const root = moved(p, Math.sin(ang) * dist, Math.cos(ang) * dist, p.seated ? rng.uniform(-0.5, 0.5) : rng.normal(0, 0.15));
    return { phases: [phase(0, 0.1), phase(t1, 0.15, { root, gaze: look(nz, [p.gazeYaw, p.gazePitch - rng.uniform(0, 15) * DEG, 0], 4) })], D };
  },
  turn: (p, rng, nz) => {
    const dy = (rng.chance(0.5) ? 1 : -1) * rng.uniform(30, 110) * DEG;
    const t1 = rng.uniform(0.1, 0.5);
    const D = Math.min(2.95, t1 + rng.uniform(1.1, 2.0));
    return {
      phases: [
        phase(0, 0.1),
        phase(t1 - 0.05, 0.08, { gaze: look(nz, [p.gazeYaw + dy * 0.35, p.gazePitch, 0], 8) }),
        phase(t1 + 0.25, 0.2, { root: moved(p, 0, p.seated ? 0 : rng.uniform(0, 0.2), dy) }),
      ],
      D,
    };
  },
  adjustHeadset: (p, rng, nz) => {
    const t1 = rng.uniform(0.1, 0.4);
    const t2 = t1 + rng.uniform(0.8, 1.4);
    const back = rng.chance(0.6);
    const D = Math.min(2.95, back ? t2 + rng.uniform(0.3, 0.7) : t2);
    const at = (sd: number): HandBeh => ({
      field: sink([sd * rng.uniform(0.07, 0.1) * p.s, p.neckY + rng.uniform(0.07, 0.12) * p.s, -rng.uniform(0.03, 0.07) * p.s], 6, 0.35, microVortices(nz, 3, 0.015, 4, 0.01)),
      flex: flexOf(0.4),
    });
    const phases = [phase(0, 0.1), phase(t1, 0.1, { hands: [at(-1), rng.chance(0.7) ? at(1) : null], gaze: look(nz, [p.gazeYaw, p.gazePitch + rng.normal(0, 4 * DEG), rng.normal(0, 4 * DEG)], 3) })];
    if (back) phases.push(phase(t2, 0.1));
    return { phases, D };
  },
  sweep: (p, rng, nz) => {
    const side = gestureSide(p, rng);
    const S = shoulder(p, side);
    const el = rng.uniform(-20, 15) * DEG;
    const start = add(S, scale(dirAzEl(side, rng.uniform(40, 65) * DEG, el), 0.88 * (p.L1 + p.L2)));
    const w = -side * rng.uniform(1.4, 2.6);
    const R = 0.88 * (p.L1 + p.L2);
    // a transient curl field about the vertical axis through the shoulder, with a radial hold
    const swirl: Field = (x) => {
      const d = sub(x, S);
      const r = Math.hypot(d[0], d[2]);
      const radial = scale(norm([d[0], 0, d[2]]), 3 * (R * Math.cos(el) - r));
      return add(add(scale([d[2], 0, -d[0]], -w), radial), [0, 3 * (S[1] + R * Math.sin(el) - x[1]), 0]);
    };
    const t1 = rng.uniform(0.1, 0.4);
    const t2 = t1 + 0.45;
    const t3 = t2 + rng.uniform(0.45, 0.75);
    const D = Math.min(2.95, t3 + rng.uniform(0.3, 0.8));
    return {
      phases: [
        phase(0, 0.1),
        phase(t1, 0.08, { hands: on(side, { field: sink(start, 7, 0.35), flex: flexOf(0) }) }),
        phase(t2, 0.06, { hands: on(side, { field: swirl, flex: flexOf(0) }), gaze: look(nz, [p.gazeYaw + side * w * 0.15, p.gazePitch, 0], 3) }),
        phase(t3, 0.06),
      ],
      D,
    };
  },
  swipe: (p, rng, nz) => {
    const side = gestureSide(p, rng);
    const up = -rng.uniform(0.05, 0.2) * p.s;
    const fwd = rng.uniform(0.2, 0.32) * p.s;
    const a = fromShoulder(p, side, rng.uniform(0.05, 0.15) * p.s, up, fwd);
    const b = fromShoulder(p, side, -rng.uniform(0.3, 0.45) * p.s, up + rng.normal(0, 0.03), fwd);
    const t1 = rng.uniform(0.1, 0.4);
    const t2 = t1 + rng.uniform(0.35, 0.5);
    const t3 = t2 + rng.uniform(0.2, 0.3);
    const D = Math.min(2.95, t3 + rng.uniform(0.4, 1.0));
    return {
      phases: [
        phase(0, 0.1),
        phase(t1, 0.08, { hands: on(side, { field: sink(a, 7, 0.35), flex: flexOf(0.1) }) }),
        phase(t2, 0.05, { hands: on(side, { field: sink(b, 11, 0.3), flex: flexOf(0.1) }), gaze: look(nz, [p.gazeYaw, p.gazePitch, 0], 4) }),
        phase(t3, 0.08),
      ],
      D,
    };
  },
  checkWatch: (p, rng, nz) => {
    const side = -p.dom;
    const at: Vec3 = [-side * rng.uniform(0.0, 0.06) * p.s, p.shoulderY - rng.uniform(0.1, 0.18) * p.s, -rng.uniform(0.16, 0.22) * p.s];
    const t1 = rng.uniform(0.1, 0.35);
    const t2 = t1 + rng.uniform(1.15, 1.5);
    const back = rng.chance(0.5);
    const D = Math.min(2.95, back ? t2 + rng.uniform(0.3, 0.6) : t2);
    const phases = [
      phase(0, 0.1),
      phase(t1, 0.1, { hands: on(side, { field: sink(at, 6, 0.35, holdMicro(nz)), flex: flexOf(-0.3) }), gaze: look(nz, [p.gazeYaw - side * rng.uniform(0, 10) * DEG, -rng.uniform(28, 42) * DEG, 0], rng.uniform(3, 4.5)) }),
    ];
    if (back) phases.push(phase(t2, 0.1));
    return { phases, D };
  },
  gesticulate: (p, rng, nz) => {
    const D = dur(rng);
    const phases = [phase(0, 0.1)];
    let t = rng.uniform(0.1, 0.3);
    const base = (sd: number): Vec3 => fromShoulder(p, sd, -rng.uniform(0.02, 0.1) * p.s, -rng.uniform(0.25, 0.35) * p.s, rng.uniform(0.2, 0.26) * p.s);
    const bl = base(-1);
    const br = base(1);
    while (t < D - 0.2) {
      const jit = (b: Vec3): Vec3 => add(b, [rng.normal(0, 0.05) * p.s, rng.normal(0, 0.04) * p.s, rng.normal(0, 0.008)]);
      phases.push(
        phase(t, 0.1, {
          hands: [
            { field: sink(jit(bl), rng.uniform(3, 5), 0.3), flex: flexOf(rng.uniform(-0.3, 0.4)) },
            { field: sink(jit(br), rng.uniform(3, 5), 0.3), flex: flexOf(rng.uniform(-0.3, 0.4)) },
          ],
          gaze: look(nz, [p.gazeYaw + rng.normal(0, 6 * DEG), p.gazePitch, 0], 3),
        }),
      );
      t += rng.uniform(0.45, 0.8);
    }
    return { phases, D };
  },
  armsRest: (p, rng, nz) => {
    const cross_ = rng.chance(0.5);
    const at = (sd: number): HandBeh => ({
      field: sink(
        cross_ ? [-sd * rng.uniform(0.06, 0.12) * p.s, p.shoulderY - rng.uniform(0.18, 0.24) * p.s, -rng.uniform(0.12, 0.16) * p.s] : [sd * (p.shX + 0.03 * p.s), p.pelvisY + 0.06 * p.s, 0.0],
        5,
        0.3,
        holdMicro(nz),
      ),
      flex: flexOf(0),
    });
    const t1 = rng.uniform(0.1, 0.6);
    const D = Math.min(2.95, t1 + rng.uniform(0.9, 2.0));
    return { phases: [phase(0, 0.1), phase(t1, 0.15, { hands: [at(-1), at(1)], gaze: look(nz, [p.gazeYaw + rng.normal(0, 10 * DEG), p.gazePitch, 0], 3) })], D };
  },
  lookDownUp: (p, rng, nz) => {
    const t1 = rng.uniform(0.1, 0.3);
    const t2 = t1 + rng.uniform(1.0, 1.4);
    const D = Math.min(2.95, t2 + rng.uniform(0.9, 1.3));
    const k = rng.uniform(2.2, 3);
    return {
      phases: [
        phase(0, 0.1),
        phase(t1, 0.15, { gaze: look(nz, [p.gazeYaw + rng.normal(0, 6 * DEG), p.gazePitch - rng.uniform(20, 40) * DEG, 0], k) }),
        phase(t2, 0.15, { gaze: look(nz, [p.gazeYaw + rng.normal(0, 6 * DEG), p.gazePitch, 0], k) }),
      ],
      D,
    };
  },
};

// ---------------------------------------------------------------------------------------------
// Acceptance checks on the tracked output (head and hand poses only)
// ---------------------------------------------------------------------------------------------

interface Thresholds {
  waveSwing: number;
  waveRaised: number;
  waveDt: [number, number];
  waveSwings: number;
  beckonPull: number;
  beckonY: [number, number];
  beckonFwd: number;
  nodDeg: number;
  shakeDeg: number;
  headSpan: number;
  stillDiag: number;
  pointHold: number;
  pointHoriz: number;
  pointY: number;
  pushFwd: number;
  pushHold: number;
  pushReach: number;
  pushY: number;
}

/** Positives must pass these (a clear gesture)... */
const STRICT: Thresholds = {
  waveSwing: 0.08,
  waveRaised: -0.26,
  waveDt: [0.12, 0.4],
  waveSwings: 3,
  beckonPull: 0.04,
  beckonY: [-0.6, -0.08],
  beckonFwd: 0.08,
  nodDeg: 9,
  shakeDeg: 10,
  headSpan: 1.0,
  stillDiag: 0.03,
  pointHold: 0.6,
  pointHoriz: 0.31,
  pointY: -0.42,
  pushFwd: 0.13,
  pushHold: 0.4,
  pushReach: 0.23,
  pushY: -0.47,
};
/** ...and `none` clips must fail these (nothing close to a gesture). */
const LOOSE: Thresholds = {
  waveSwing: 0.045,
  waveRaised: -0.36,
  waveDt: [0.08, 0.55],
  waveSwings: 2,
  beckonPull: 0.02,
  beckonY: [-0.72, 0.0],
  beckonFwd: 0.0,
  nodDeg: 5,
  shakeDeg: 6,
  headSpan: 1.45,
  stillDiag: 0.05,
  pointHold: 0.4,
  pointHoriz: 0.25,
  pointY: -0.5,
  pushFwd: 0.08,
  pushHold: 0.22,
  pushReach: 0.17,
  pushY: -0.55,
};

/** Turning points of a series with hysteresis h (the last running extreme included). */
function turningPoints(ts: readonly number[], xs: readonly number[], h: number): { t: number; v: number; i: number }[] {
  if (xs.length === 0) return [];
  const idx: number[] = [];
  let dir = 0;
  let hiI = 0;
  let loI = 0;
  let ext = 0;
  for (let i = 1; i < xs.length; i++) {
    if (dir === 0) {
      if (xs[i] > xs[hiI]) hiI = i;
      if (xs[i] < xs[loI]) loI = i;
      if (xs[hiI] - xs[loI] >= h) {
        if (hiI > loI) {
          idx.push(loI);
          dir = 1;
          ext = hiI;
        } else {
          idx.push(hiI);
          dir = -1;
          ext = loI;
        }
      }
    } else if (dir === 1) {
      if (xs[i] > xs[ext]) ext = i;
      else if (xs[ext] - xs[i] >= h) {
        idx.push(ext);
        dir = -1;
        ext = i;
      }
    } else if (xs[i] < xs[ext]) ext = i;
    else if (xs[i] - xs[ext] >= h) {
      idx.push(ext);
      dir = 1;
      ext = i;
    }
  }
  if (dir !== 0) idx.push(ext);
  return idx.map((i) => ({ t: ts[i], v: xs[i], i }));
}

/** Per-frame head yaw/pitch and the hand series in the head-relative, median-facing body frame. */
interface View {
  t: number[];
  yaw: number[];
  pitch: number[];
  /** Per hand: runs of consecutive tracked samples (gaps > 0.15 s split a run). */
  hands: { t: number[]; right: number[]; up: number[]; fwd: number[]; horiz: number[] }[][];
}

function viewOf(frames: readonly MotionFrame[]): View {
  const t: number[] = [];
  const yaw: number[] = [];
  const pitch: number[] = [];
  let prevYaw: number | null = null;
  for (const f of frames) {
    if (!f.head) continue;
    const fw = qrot(f.head.q, [0, 0, -1]);
    let y = Math.atan2(-fw[0], -fw[2]);
    if (prevYaw !== null) y = prevYaw + wrapPi(y - prevYaw);
    prevYaw = y;
    t.push(f.t);
    yaw.push(y);
    pitch.push(Math.asin(clamp(fw[1], -1, 1)));
  }
  const sorted = [...yaw].sort((a, b) => a - b);
  const y0 = sorted[Math.floor(sorted.length / 2)];
  const R: Vec3 = [Math.cos(y0), 0, -Math.sin(y0)];
  const F: Vec3 = [-Math.sin(y0), 0, -Math.cos(y0)];
  const hands = (['left', 'right'] as const).map((k) => {
    const runs: View['hands'][number] = [];
    let cur: View['hands'][number][number] | null = null;
    let lastT = -Infinity;
    for (const f of frames) {
      const h = f[k];
      if (!h || !f.head) continue;
      if (!cur || f.t - lastT > 0.15) {
        cur = { t: [], right: [], up: [], fwd: [], horiz: [] };
        runs.push(cur);
      }
      lastT = f.t;
      const d = sub(h.p, f.head.p);
      cur.t.push(f.t);
      cur.right.push(dot(d, R));
      cur.up.push(d[1]);
      cur.fwd.push(dot(d, F));
      cur.horiz.push(Math.hypot(d[0], d[2]));
    }
    return runs;
  });
  return { t, yaw, pitch, hands };
}

function headCycle(ts: number[], xs: number[], minDeg: number, span: number, downFirst: boolean): boolean {
  const pts = turningPoints(ts, xs, 3 * DEG);
  for (let i = 0; i + 2 < pts.length; i++) {
    const d1 = pts[i + 1].v - pts[i].v;
    const d2 = pts[i + 2].v - pts[i + 1].v;
    if (Math.abs(d1) >= minDeg * DEG && Math.abs(d2) >= minDeg * DEG && pts[i + 2].t - pts[i].t <= span && (!downFirst || d1 < 0)) return true;
  }
  return false;
}

/** Windows of >= hold seconds where a hand stays inside a box of diagonal <= diag; returns [start, end] indices. */
function stillWindows(r: View['hands'][number][number], hold: number, diag: number): [number, number][] {
  const out: [number, number][] = [];
  const n = r.t.length;
  let i = 0;
  while (i < n) {
    let lo: Vec3 = [r.right[i], r.up[i], r.fwd[i]];
    let hi: Vec3 = [...lo];
    let j = i + 1;
    for (; j < n; j++) {
      const p: Vec3 = [r.right[j], r.up[j], r.fwd[j]];
      const nlo: Vec3 = [Math.min(lo[0], p[0]), Math.min(lo[1], p[1]), Math.min(lo[2], p[2])];
      const nhi: Vec3 = [Math.max(hi[0], p[0]), Math.max(hi[1], p[1]), Math.max(hi[2], p[2])];
      if (len(sub(nhi, nlo)) > diag) break;
      lo = nlo;
      hi = nhi;
    }
    if (r.t[j - 1] - r.t[i] >= hold) {
      out.push([i, j - 1]);
      i = j;
    } else i++;
  }
  return out;
}

/** Does the tracked clip show gesture `label` under thresholds `th`? */
export function showsGesture(frames: readonly MotionFrame[], label: GestureLabel, th: Thresholds = STRICT): boolean {
  const v = viewOf(frames);
  const runs = [...v.hands[0], ...v.hands[1]];
  switch (label) {
    case 'nod':
      return headCycle(v.t, v.pitch, th.nodDeg, th.headSpan, true);
    case 'shake':
      return headCycle(v.t, v.yaw, th.shakeDeg, th.headSpan, false);
    case 'wave':
      return runs.some((r) => {
        const pts = turningPoints(r.t, r.right, 0.03);
        let run = 0;
        for (let i = 0; i + 1 < pts.length; i++) {
          const a = pts[i];
          const b = pts[i + 1];
          let raised = true;
          for (let k = a.i; k <= b.i; k++) if (r.up[k] < th.waveRaised) raised = false;
          const ok = Math.abs(b.v - a.v) >= th.waveSwing && b.t - a.t >= th.waveDt[0] && b.t - a.t <= th.waveDt[1] && raised;
          run = ok ? run + 1 : 0;
          if (run >= th.waveSwings) return true;
        }
        return false;
      });
    case 'beckon':
      return runs.some((r) => {
        // runs of samples in front of the chest
        let pulls = 0;
        let lastPull = -Infinity;
        const pts = turningPoints(r.t, r.fwd, 0.015);
        for (let i = 0; i + 1 < pts.length; i++) {
          const a = pts[i];
          const b = pts[i + 1];
          let inFront = true;
          for (let k = a.i; k <= b.i; k++) if (r.up[k] < th.beckonY[0] || r.up[k] > th.beckonY[1] || r.fwd[k] < th.beckonFwd) inFront = false;
          if (inFront && a.v - b.v >= th.beckonPull && b.t - a.t <= 0.8) {
            pulls = a.t - lastPull <= 1.2 ? pulls + 1 : 1;
            lastPull = a.t;
            if (pulls >= 2) return true;
          }
        }
        return false;
      });
    case 'point':
      return runs.some((r) =>
        stillWindows(r, th.pointHold, th.stillDiag).some(([i, j]) => {
          for (let k = i; k <= j; k++) if (r.horiz[k] < th.pointHoriz || r.up[k] < th.pointY) return false;
          return true;
        }),
      );
    case 'push':
      return runs.some((r) =>
        stillWindows(r, th.pushHold, th.stillDiag).some(([i, j]) => {
          let mean = 0;
          for (let k = i; k <= j; k++) {
            if (r.fwd[k] < th.pushReach || r.up[k] < th.pushY) return false;
            mean += r.fwd[k] / (j - i + 1);
          }
          for (let k = i; k >= 0 && r.t[i] - r.t[k] <= 1.0; k--) if (mean - r.fwd[k] >= th.pushFwd) return true;
          return false;
        }),
      );
    case 'none':
      return !(['wave', 'beckon', 'point', 'push', 'nod', 'shake'] as const).some((g) => showsGesture(frames, g, th));
  }
}

/** The metric of tests/support/motion.ts: peak speed over >= 0.1 s spans. */
function peakSpeed(frames: readonly MotionFrame[], hand: 'left' | 'right'): number {
  let best = 0;
  for (let i = 0, j = 0; i < frames.length; i++) {
    const a = frames[i][hand];
    if (!a) continue;
    if (j <= i) j = i + 1;
    while (j < frames.length && frames[j].t - frames[i].t < 0.1) j++;
    const b = j < frames.length ? frames[j][hand] : null;
    if (b) best = Math.max(best, len(sub(b.p, a.p)) / (frames[j].t - frames[i].t));
  }
  return best;
}

function plausible(frames: readonly MotionFrame[]): boolean {
  if (frames.length < 2) return false;
  const D = frames[frames.length - 1].t - frames[0].t;
  if (D < 1 || D > 3) return false;
  for (let i = 0; i < frames.length; i++) {
    const f = frames[i];
    if (!f.head || !Number.isFinite(f.t) || (i > 0 && f.t <= frames[i - 1].t)) return false;
    if (!(f.head.p[1] > 0.62 && f.head.p[1] < 2.18)) return false;
    for (const pose of [f.head, f.left, f.right]) if (pose && ![...pose.p, ...pose.q].every(Number.isFinite)) return false;
  }
  return peakSpeed(frames, 'left') <= 3.3 && peakSpeed(frames, 'right') <= 3.3;
}

// ---------------------------------------------------------------------------------------------
// Dataset, summary and CLI
// ---------------------------------------------------------------------------------------------

const GESTURE_BUILDERS: Record<Exclude<GestureLabel, 'none'>, Builder> = {
  wave: waveBuilder,
  beckon: beckonBuilder,
  point: pointBuilder,
  push: pushBuilder,
  nod: nodBuilder,
  shake: shakeBuilder,
};
const TRACKERS: TrackerKind[] = ['insideOut', 'hands', 'outsideIn'];
const MAX_TRIES = 60;
/** Redraw counts by reason (diagnostics). */
export const drawStats = { clips: 0, implausible: 0, unclear: 0, byLabel: new Map<string, number>() };

function hashSeed(...xs: number[]): number {
  let h = 0x811c9dc5;
  for (const x of xs) {
    h = Math.imul(h ^ (x >>> 0), 0x01000193) >>> 0;
    h = Math.imul(h ^ (h >>> 13), 0x5bd1e995) >>> 0;
  }
  return h >>> 0;
}

/** One clip of `label`, redrawn until its tracked output is plausible and clearly (not) the gesture. */
function makeClip(label: GestureLabel, seed: number, noneKind: string, trackerKind: TrackerKind): MotionClip & { kind: string } {
  for (let attempt = 0; attempt < MAX_TRIES; attempt++) {
    const rng = createRng(hashSeed(seed, attempt, 0x2020));
    const p = samplePerson(rng);
    const kind = label === 'none' ? (p.seated && noneKind === 'step' ? 'turn' : noneKind) : label;
    const tk = sampleTracker(rng, trackerKind);
    const nz: Noise = { rng, t0: -PREROLL, n: 0 };
    // plan first (its duration sizes the noise paths), then the noise grid
    const planRng = createRng(hashSeed(seed, attempt, 0x51));
    const tmpNz: Noise = { rng: planRng, t0: -PREROLL, n: Math.ceil((PREROLL + 3.2) * SIM_HZ) };
    const plan = label === 'none' ? NONE_KINDS[kind](p, planRng, tmpNz) : GESTURE_BUILDERS[label](p, planRng, tmpNz);
    if (!(plan.D >= 1.05 && plan.D <= 2.98)) continue;
    nz.n = tmpNz.n;
    const truth = simulate(p, plan, nz);
    const frames = track(truth, tk, plan.D, rng);
    if (!plausible(frames)) {
      drawStats.implausible++;
      continue;
    }
    const ok = label === 'none' ? showsGesture(frames, 'none', LOOSE) : showsGesture(frames, label, STRICT);
    if (!ok) {
      drawStats.unclear++;
      drawStats.byLabel.set(`${label}:${kind}`, (drawStats.byLabel.get(`${label}:${kind}`) ?? 0) + 1);
      continue;
    }
    drawStats.clips++;
    return { label, hz: tk.hz, frames, kind: label === 'none' ? `${kind}/${trackerKind}` : `${label}/${trackerKind}` };
  }
  throw new Error(`synth-twentieth: could not draw an acceptable ${label} clip (${noneKind}, ${trackerKind}) for seed ${seed}`);
}

/** perLabel clips of every gesture label (7 x perLabel), deterministic for a seed. */
export function twentiethDataset(perLabel: number, seed: number): MotionClip[] {
  if (!Number.isInteger(perLabel) || perLabel < 0) throw new Error(`perLabel must be a non-negative integer, got ${perLabel}`);
  const rng = createRng(hashSeed(seed, 0x7e57));
  const kinds = Object.keys(NONE_KINDS);
  for (let i = kinds.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [kinds[i], kinds[j]] = [kinds[j], kinds[i]];
  }
  const trackerOffset = rng.int(0, TRACKERS.length - 1);
  const clips: MotionClip[] = [];
  GESTURE_LABELS.forEach((label, li) => {
    for (let i = 0; i < perLabel; i++) {
      const c = makeClip(label, hashSeed(seed, li, i), kinds[i % kinds.length], TRACKERS[(i + li + trackerOffset) % TRACKERS.length]);
      clips.push({ label: c.label, hz: c.hz, frames: c.frames });
    }
  });
  return clips;
}

/** One-line summary of a clip set. */
export function summarise(clips: readonly MotionClip[]): string {
  const counts = new Map<string, number>();
  let dmin = Infinity;
  let dmax = 0;
  let hmin = Infinity;
  let hmax = 0;
  let lost = 0;
  let hands = 0;
  for (const c of clips) {
    counts.set(c.label ?? 'unlabelled', (counts.get(c.label ?? 'unlabelled') ?? 0) + 1);
    const d = c.frames.length ? c.frames[c.frames.length - 1].t - c.frames[0].t : 0;
    dmin = Math.min(dmin, d);
    dmax = Math.max(dmax, d);
    hmin = Math.min(hmin, c.hz);
    hmax = Math.max(hmax, c.hz);
    for (const f of c.frames) {
      hands += 2;
      lost += (f.left ? 0 : 1) + (f.right ? 0 : 1);
    }
  }
  const per = [...counts].map(([k, v]) => `${k}=${v}`).join(' ');
  if (!clips.length) return '0 clips';
  return `${clips.length} clips (${per}); ${hmin}-${hmax} Hz; ${dmin.toFixed(2)}-${dmax.toFixed(2)} s; hand untracked ${((100 * lost) / Math.max(1, hands)).toFixed(1)}% of samples`;
}

function parseCli(args: string[]): { out: string; perLabel: number; seed: number } {
  const known = new Set(['--out', '--per-label', '--seed']);
  const m = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!known.has(a)) throw new Error(`unknown argument "${a}" (usage: --out DIR [--per-label N] [--seed S])`);
    const v = args[i + 1];
    if (v === undefined || v.startsWith('--')) throw new Error(`${a} needs a value`);
    m.set(a, v);
    i++;
  }
  const out = m.get('--out');
  if (!out) throw new Error('missing --out DIR (usage: --out DIR [--per-label N] [--seed S])');
  const perLabel = Number(m.get('--per-label') ?? '40');
  const seed = Number(m.get('--seed') ?? '2020');
  if (!Number.isInteger(perLabel) || perLabel < 1) throw new Error(`--per-label must be a positive integer, got ${m.get('--per-label')}`);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, got ${m.get('--seed')}`);
  return { out, perLabel, seed };
}

function main(): void {
  let opts: ReturnType<typeof parseCli>;
  try {
    opts = parseCli(process.argv.slice(2));
  } catch (err) {
    console.error(`synth-twentieth: ${err instanceof Error ? err.message : err}`);
    process.exit(2);
  }
  const clips = twentiethDataset(opts.perLabel, opts.seed);
  writeClips(opts.out, clips);
  console.log(summarise(clips));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
