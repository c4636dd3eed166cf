/**
 * Seventeenth motion-clip generator (evaluation only): STOCHASTIC LANDSCAPE DYNAMICS.
 *
 * Motion model
 * - Hand targets, the gaze target and the body root are particles under underdamped Langevin
 *   dynamics  dv = (-grad U(x, t) - gamma v + B x v) dt + sqrt(2 gamma T) dW  in a time-varying
 *   potential landscape U made of soft-cone attractor wells (U = w k rho^2 (sqrt(1 + r^2/rho^2) - 1):
 *   quadratic near the centre, a constant pull far away). A gesture is a schedule of landscape
 *   changes: the rest well fades out while gesture wells fade in; a point is a deep well at the
 *   extended pose that the hand falls into and then jitters in (the well deepens and cools after
 *   the hand arrives); a push is a well whose centre travels forward and then stays; a wave is two
 *   wells left and right of a raised hand whose depths are switched by a rhythm (a tilted double
 *   well with a saddle between them); a beckon is a far and a near well in front of the chest;
 *   nods and shakes are alternating gaze wells below/above or left/right in gaze-angle space.
 *   Amplitude, tempo and the shape of every swing come out of the dynamics and the noise.
 * - Rhythm: a per-person Fourier series (fundamental plus 2-4 harmonics with per-person amplitudes
 *   and phases) whose phase advances at a tempo that drifts with the x coordinate of a Lorenz
 *   system (integrated with RK4 at a per-person rate and rescaled). The rhythm switches well
 *   depths through a logistic gate and shifts well positions with its harmonic residue.
 * - Laban effort per performer and per gesture: Weight (light/strong) -> well depth, Time
 *   (sustained/sudden) -> well stiffness and switching time constants, Flow (bound/free) -> damping
 *   ratio (over/under-damped), Space (direct/indirect) -> noise temperature and a gyroscopic
 *   (magnetic-like) curl force B x v that bends indirect paths.
 * - Arms: 7 DOF (shoulder flexion, abduction, humeral rotation, elbow flexion, forearm pronation,
 *   wrist flexion, wrist deviation) with joint limits, solved each 1/120 s by damped-least-squares
 *   (Levenberg-Marquardt, adaptive damping) Jacobian IK on the grip point, with a null-space
 *   posture task (comfort posture, elbow swivel, per-gesture wrist pose: palm out for a push). The
 *   target ray comes from the IK'd wrist/hand frame times a per-person grip offset. Physiological
 *   tremor is a stiff, lightly damped Langevin particle (8-12 Hz) added to the hand target.
 * - Neck: 3 joints (lower-neck pitch, upper-neck yaw, upper-neck pitch) solved by the same DLS IK
 *   (2-D direction task plus a null-space split of the pitch) toward the Langevin gaze target.
 * - People: children to tall adults (arm lengths scale with stature), either handedness,
 *   occasional two-hand pushes, seated or standing, tempo, amplitude, tremor, anywhere within ~3 m
 *   of the origin facing any direction, Langevin body sway, walking steps and turns for `none`.
 * - Trackers (one per clip): (a) inside-out headset cameras: controllers lost outside the camera
 *   frustum or when the hands overlap, then IMU dead reckoning with decaying velocity and drift,
 *   then null or frozen; (b) optical hand tracking: wrist pose as the target ray, narrower
 *   frustum, null when lost (out of view, next to the face, random drop-outs), one-euro filtered;
 *   (c) outside-in lighthouse: one or two fixed base stations, lost only when the body capsule
 *   (torso and head) occludes every station, IMU coast then null. All with latency, jitter,
 *   smoothing, dropped frames and uneven timestamps at 30-120 Hz.
 * - `none`: 17 kinds of everyday motion and hard negatives (idle with weight shifts, looking
 *   around, a single head turn/tilt that stays, reach-and-pull-back, scratching the head, a
 *   walking step or leaning in a chair, adjusting the headset, a sweep without a hold, a single
 *   swipe, checking a watch, hand to chin, stretching, fidgeting, turning the body, drinking,
 *   shrugging, inspecting a hand).
 * - Every clip is verified from its tracked output only (head and hand poses); gesture clips
 *   that do not show their label clearly, and `none` clips that would satisfy any gesture
 *   definition, are redrawn.
 *
 * Reading rule followed: while writing this file I read ONLY /work/shared/brief/PERCEPTION.md
 * (its "Gestures", "Motion clip format" and "Evaluation command" sections),
 * /work/main/src/core/types.ts, /work/main/scripts/gesture/motion-math.ts,
 * /work/main/scripts/gesture/node-io.ts and /work/main/tests/support/motion.ts. No other
 * generator, perception code, training/eval script, doc, data or test was opened.
 *
 * CLI: node --import tsx scripts/gesture/synth-seventeenth.ts --out DIR [--per-label N] [--seed S]
 */
import { fileURLToPath } from 'node:url';
import type { MotionFrame, Pose, Quat, Vec3 } from '../../src/core/types';
import { GESTURE_LABELS, type GestureLabel } from '../../src/core/types';
import {
  add,
  createRng,
  cross,
  dot,
  len,
  lerp3,
  norm,
  qfromBasis,
  qmul,
  qaxis,
  qnorm,
  qrot,
  qslerp,
  scale,
  sub,
  writeClips,
  type MotionClip,
  type Rng,
} from './motion-math';

// ---------------------------------------------------------------------------------------------
// Small maths: scalars, 3x3 rotation matrices (row-major), seeds
// ---------------------------------------------------------------------------------------------

const DEG = Math.PI / 180;
const clamp = (x: number, a: number, b: number) => (x < a ? a : x > b ? b : x);
const logistic = (x: number) => 1 / (1 + Math.exp(-clamp(x, -40, 40)));
/** Smooth switch 0 -> 1 around t0 with time constant tau. */
const gate = (t: number, t0: number, tau: number) => logistic((t - t0) / Math.max(1e-3, tau));
/** On at t0, off at t1. */
const pulse = (t: number, t0: number, t1: number, tau: number) => gate(t, t0, tau) * (1 - gate(t, t1, tau));

type M3 = number[];
function mRx(a: number): M3 {
  const c = Math.cos(a), s = Math.sin(a);
  return [1, 0, 0, 0, c, -s, 0, s, c];
}
function mRy(a: number): M3 {
  const c = Math.cos(a), s = Math.sin(a);
  return [c, 0, s, 0, 1, 0, -s, 0, c];
}
function mRz(a: number): M3 {
  const c = Math.cos(a), s = Math.sin(a);
  return [c, -s, 0, s, c, 0, 0, 0, 1];
}
function mMul(a: M3, b: M3): M3 {
  const r = new Array<number>(9);
  for (let i = 0; i < 3; i++)
    for (let j = 0; j < 3; j++) r[i * 3 + j] = a[i * 3] * b[j] + a[i * 3 + 1] * b[3 + j] + a[i * 3 + 2] * b[6 + j];
  return r;
}
const mApply = (m: M3, v: Vec3): Vec3 => [
  m[0] * v[0] + m[1] * v[1] + m[2] * v[2],
  m[3] * v[0] + m[4] * v[1] + m[5] * v[2],
  m[6] * v[0] + m[7] * v[1] + m[8] * v[2],
];
const mCol = (m: M3, j: number): Vec3 => [m[j], m[3 + j], m[6 + j]];
const mToQuat = (m: M3): Quat => qfromBasis(mCol(m, 0), mCol(m, 1), mCol(m, 2));

/** Mix integers into a 32-bit seed. */
function mixSeed(...xs: number[]): number {
  let h = 0x9e3779b9 >>> 0;
  for (const x of xs) {
    h = Math.imul(h ^ (x >>> 0), 0x85ebca6b) >>> 0;
    h = (h ^ (h >>> 13)) >>> 0;
    h = Math.imul(h, 0xc2b2ae35) >>> 0;
    h = (h ^ (h >>> 16)) >>> 0;
  }
  return h >>> 0;
}

/** A random unit vector. */
function randUnit(rng: Rng): Vec3 {
  return norm([rng.normal(), rng.normal(), rng.normal()]);
}

// ---------------------------------------------------------------------------------------------
// Chaotic tempo drift (Lorenz) and per-person Fourier rhythm
// ---------------------------------------------------------------------------------------------

/** Lorenz system integrated with RK4; `drift()` is x rescaled to about [-1, 1]. */
class Lorenz {
  private s: [number, number, number];
  constructor(rng: Rng, private readonly rate: number) {
    this.s = [rng.uniform(-10, 10), rng.uniform(-10, 10), rng.uniform(10, 35)];
    for (let i = 0; i < 400 + rng.int(0, 400); i++) this.rk4(0.01); // settle on the attractor
  }
  private f(v: readonly number[]): [number, number, number] {
    return [10 * (v[1] - v[0]), v[0] * (28 - v[2]) - v[1], v[0] * v[1] - (8 / 3) * v[2]];
  }
  private rk4(h: number): void {
    const s = this.s;
    const k1 = this.f(s);
    const k2 = this.f(s.map((x, i) => x + (h / 2) * k1[i]));
    const k3 = this.f(s.map((x, i) => x + (h / 2) * k2[i]));
    const k4 = this.f(s.map((x, i) => x + h * k3[i]));
    this.s = [0, 1, 2].map((i) => s[i] + (h / 6) * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i])) as [number, number, number];
  }
  step(dt: number): void {
    this.rk4(this.rate * dt);
  }
  drift(): number {
    return clamp(this.s[0] / 17, -1.3, 1.3);
  }
  drift2(): number {
    return clamp(this.s[1] / 22, -1.3, 1.3);
  }
}

/** Per-person harmonic content of rhythmic movement. */
interface Harmonics {
  amp: number[]; // amplitudes of harmonics 2.. (fundamental is 1)
  phase: number[];
}

function drawHarmonics(rng: Rng): Harmonics {
  const n = rng.int(2, 4);
  const amp: number[] = [];
  const phase: number[] = [];
  const caps = [0.32, 0.16, 0.08, 0.05];
  for (let k = 0; k < n; k++) {
    amp.push(rng.uniform(0.02, caps[k]));
    phase.push(rng.uniform(-Math.PI, Math.PI));
  }
  return { amp, phase };
}

/**
 * A rhythm: phase advances at f0 * (1 + depth * lorenz drift) from `start`; value() is the Fourier
 * series normalised to peak 1 (sign alternates twice a cycle); residue() is the harmonic part only.
 */
class Rhythm {
  phase: number;
  private readonly norm: number;
  constructor(
    readonly f0: number,
    private readonly h: Harmonics,
    private readonly lor: Lorenz,
    private readonly depth: number,
    readonly start: number,
    private readonly phase0 = 0,
  ) {
    this.phase = phase0;
    let m = 0;
    for (let i = 0; i < 64; i++) m = Math.max(m, Math.abs(this.raw((i / 64) * 2 * Math.PI, true)));
    this.norm = m || 1;
  }
  private raw(ph: number, withFund: boolean): number {
    let v = withFund ? Math.cos(ph) : 0;
    for (let k = 0; k < this.h.amp.length; k++) v += this.h.amp[k] * Math.cos((k + 2) * ph + this.h.phase[k]);
    return v;
  }
  step(t: number, dt: number): void {
    if (t >= this.start) this.phase += 2 * Math.PI * this.f0 * Math.max(0.3, 1 + this.depth * this.lor.drift()) * dt;
  }
  value(): number {
    return this.raw(this.phase, true) / this.norm;
  }
  residue(): number {
    return this.raw(this.phase, false) / this.norm;
  }
  /** Cycles completed since start. */
  cycles(): number {
    return (this.phase - this.phase0) / (2 * Math.PI);
  }
}

// ---------------------------------------------------------------------------------------------
// People and Laban efforts
// ---------------------------------------------------------------------------------------------

/** Laban effort factors in [-1, 1]: space +direct/-indirect, weight +strong/-light, time +sudden/-sustained, flow +free/-bound. */
interface Laban {
  space: number;
  weight: number;
  time: number;
  flow: number;
}

/** What an effort does to a landscape. */
interface Effort {
  depth: number; // multiplies well stiffness
  omega: number; // multiplies natural frequency
  zeta: number; // damping ratio
  temp: number; // multiplies noise temperature
  curl: number; // gyroscopic curl strength (1/s)
  tau: number; // landscape switching time constant (s)
  kappa: number; // rhythm gate sharpness
}

function effortOf(l: Laban): Effort {
  return {
    depth: Math.exp(0.3 * l.weight),
    omega: Math.exp(0.2 * l.time),
    zeta: clamp(1.0 - 0.28 * l.flow, 0.62, 1.4),
    temp: Math.exp(-0.55 * l.space),
    curl: Math.max(0, -l.space) * 5,
    tau: 0.07 * Math.exp(-0.45 * l.time),
    kappa: 5 * Math.exp(0.35 * l.time),
  };
}

function gestureLaban(base: Laban, bias: Partial<Laban>, rng: Rng): Laban {
  const f = (k: keyof Laban) => clamp(base[k] * 0.7 + (bias[k] ?? 0) + rng.normal(0, 0.25), -1, 1);
  return { space: f('space'), weight: f('weight'), time: f('time'), flow: f('flow') };
}

type RestKind = 'hang' | 'hold' | 'lap';

interface Person {
  height: number;
  s: number; // stature / 1.75 m
  seated: boolean;
  eye: number; // eye height in the torso frame
  seatH: number;
  hipY: number;
  arm: number; // arm length factor
  L1: number;
  L2: number;
  Lh: number; // wrist to grip
  dominant: 0 | 1; // 0 left, 1 right
  pos: Vec3; // world position of the root on the floor
  yaw: number; // facing (radians about +y, 0 faces -z)
  tempo: number;
  amp: number;
  tremorAmp: number;
  tremorHz: number;
  temp: number; // base Langevin temperature of the hands (m^2/s^2)
  sway: number; // body sway (m)
  laban: Laban;
  harmonics: Harmonics;
  lorenzRate: number;
  tempoDepth: number;
  grip: Quat; // per-person grip offset of the target ray
  headset: Quat; // headset fit offset
  rest: RestKind;
  restSpread: number;
  comfort: number[]; // 7 comfort joint angles
}

function drawPerson(rng: Rng): Person {
  const child = rng.chance(0.2);
  const height = child ? rng.uniform(1.22, 1.5) : clamp(rng.normal(1.72, 0.1), 1.5, 1.98);
  const s = height / 1.75;
  const seated = rng.chance(0.3);
  const seatH = rng.uniform(0.38, 0.5) * s;
  const eye = seated ? seatH + 0.455 * height + rng.normal(0, 0.015) : 0.935 * height + rng.normal(0, 0.01);
  const arm = rng.uniform(0.94, 1.06);
  const r = Math.sqrt(rng()) * 2.9;
  const a = rng.uniform(-Math.PI, Math.PI);
  const lab = (): number => clamp(rng.normal(0, 0.5), -1, 1);
  return {
    height,
    s,
    seated,
    eye,
    seatH,
    hipY: seated ? seatH + 0.08 * s : 0.52 * height,
    arm,
    L1: 0.3 * s * arm,
    L2: 0.26 * s * arm,
    Lh: 0.075 * s * arm,
    dominant: rng.chance(0.85) ? 1 : 0,
    pos: [r * Math.cos(a), 0, r * Math.sin(a)],
    yaw: rng.uniform(-Math.PI, Math.PI),
    tempo: Math.exp(rng.normal(0, 0.15)),
    amp: Math.exp(rng.normal(0, 0.18)),
    tremorAmp: rng.chance(0.15) ? rng.uniform(0.0015, 0.004) : rng.uniform(0.0002, 0.0012),
    tremorHz: rng.uniform(8, 12),
    temp: Math.exp(rng.uniform(Math.log(0.0006), Math.log(0.004))),
    sway: rng.uniform(0.003, 0.015) * (seated ? 0.5 : 1),
    laban: { space: lab(), weight: lab(), time: lab(), flow: lab() },
    harmonics: drawHarmonics(rng),
    lorenzRate: rng.uniform(0.25, 0.9),
    tempoDepth: rng.uniform(0.03, 0.14),
    grip: qnorm(qmul(qmul(qaxis([0, 1, 0], rng.normal(0, 0.08)), qaxis([1, 0, 0], rng.uniform(-0.55, 0.05))), qaxis([0, 0, 1], rng.normal(0, 0.08)))),
    headset: qnorm(qmul(qaxis([1, 0, 0], rng.normal(0, 0.05)), qaxis([0, 0, 1], rng.normal(0, 0.03)))),
    rest: seated ? (rng.chance(0.6) ? 'lap' : 'hold') : rng.chance(0.5) ? 'hang' : 'hold',
    restSpread: rng.uniform(0, 1),
    comfort: [
      rng.uniform(0.1, 0.35),
      rng.uniform(0.12, 0.35),
      rng.uniform(0.0, 0.45),
      rng.uniform(0.7, 1.2),
      rng.uniform(0.1, 0.6),
      rng.normal(0, 0.1),
      rng.normal(0, 0.08),
    ],
  };
}

/** Body landmarks in the torso frame (x right, y up, z back; origin on the floor under the torso). */
const SIDE = [-1, 1] as const; // hand index 0 = left, 1 = right
const shoulderOf = (P: Person, h: 0 | 1): Vec3 => [SIDE[h] * 0.19 * P.s, P.eye - 0.21 * P.s, 0.03 * P.s];
const neckBase = (P: Person): Vec3 => [0, P.eye - 0.17 * P.s, 0.06 * P.s];
const C1_OFF = (P: Person): Vec3 => [0, 0.1 * P.s, -0.02 * P.s];
const EYE_OFF = (P: Person): Vec3 => [0, 0.07 * P.s, -0.1 * P.s];
const reachOf = (P: Person) => P.L1 + P.L2 + P.Lh;

function restPos(P: Person, h: 0 | 1): Vec3 {
  const s = P.s, side = SIDE[h], sy = shoulderOf(P, h)[1], u = P.restSpread;
  if (P.rest === 'hang') return [side * (0.2 + 0.03 * u) * s, sy - 0.56 * s, -0.04 * s];
  if (P.rest === 'hold') return [side * (0.12 + 0.08 * u) * s, sy - (0.38 + 0.1 * u) * s, -(0.15 + 0.1 * u) * s];
  return [side * (0.1 + 0.08 * u) * s, sy - (0.42 + 0.08 * u) * s, -(0.22 + 0.08 * u) * s];
}

// ---------------------------------------------------------------------------------------------
// Langevin particles in soft-cone wells
// ---------------------------------------------------------------------------------------------

/** A soft-cone attractor well: stiffness k (1/s^2) near the centre, pull k*rho far away, weight w. */
interface Well {
  c: Vec3;
  k: number;
  rho: number;
  w: number;
}

/** The landscape a particle sees at one instant. */
interface Field {
  wells: Well[];
  temp: number; // noise temperature (units^2/s^2)
  gamma: number; // damping (1/s)
  curl?: number; // gyroscopic strength (1/s)
  curlAxis?: Vec3;
  vcap?: number; // speed where the drag starts to climb steeply
}

/** An underdamped Langevin particle. */
class Particle {
  x: Vec3;
  v: Vec3 = [0, 0, 0];
  constructor(x: Vec3) {
    this.x = [x[0], x[1], x[2]];
  }
  step(f: Field, dt: number, rng: Rng, dims = 3): void {
    let fx = 0, fy = 0, fz = 0;
    for (const w of f.wells) {
      if (w.w <= 1e-5) continue;
      const dx = w.c[0] - this.x[0], dy = w.c[1] - this.x[1], dz = w.c[2] - this.x[2];
      const r2 = dx * dx + dy * dy + dz * dz;
      const m = (w.w * w.k) / Math.sqrt(1 + r2 / (w.rho * w.rho));
      fx += m * dx;
      fy += m * dy;
      fz += m * dz;
    }
    const v = this.v;
    if (f.curl && f.curlAxis) {
      const c = cross(f.curlAxis, v);
      fx += f.curl * c[0];
      fy += f.curl * c[1];
      fz += f.curl * c[2];
    }
    const sp = len(v);
    const vcap = f.vcap ?? 2.4;
    const gEff = f.gamma * (1 + (sp / vcap) ** 4);
    const sd = Math.sqrt(2 * f.gamma * Math.max(0, f.temp) * dt);
    const nx = rng.normal(0, sd), ny = rng.normal(0, sd), nz = dims === 3 ? rng.normal(0, sd) : 0;
    v[0] = (v[0] + fx * dt + nx) / (1 + gEff * dt);
    v[1] = (v[1] + fy * dt + ny) / (1 + gEff * dt);
    v[2] = dims === 3 ? (v[2] + fz * dt + nz) / (1 + gEff * dt) : 0;
    this.x[0] += v[0] * dt;
    this.x[1] += v[1] * dt;
    this.x[2] += v[2] * dt;
  }
}

/** A well helper. */
const well = (c: Vec3, omega: number, rho: number, w: number): Well => ({ c, k: omega * omega, rho, w });

/** Context handed to landscape programmes each step. */
interface Ctx {
  r: number; // rhythm value in [-1, 1]
  res: number; // harmonic residue
  cyc: number; // rhythm cycles since its start
  drift: number; // lorenz drift
  drift2: number;
}

type HandProg = (t: number, c: Ctx) => Field;
/** Gaze programme: wells in (yaw, pitch, 0) radians relative to the torso; yaw + is left, pitch + is up. */
type GazeProg = (t: number, c: Ctx) => Field;
/** Root programme: wells for root offset (x, bob y, z) in the start frame, and for (yaw, lean, 0). */
interface RootProg {
  pos: (t: number, c: Ctx) => Field;
  ang: (t: number, c: Ctx) => Field;
}

/** A scheduled scene for one clip. */
interface Scene {
  kind: string;
  duration: number;
  hands: [HandProg, HandProg];
  posture: [(t: number) => number[], (t: number) => number[]];
  gaze: GazeProg;
  root: RootProg;
  rhythm: Rhythm | null;
  lor: Lorenz;
}

// ---------------------------------------------------------------------------------------------
// 7-DOF arm and 3-joint neck: damped-least-squares (Levenberg-Marquardt) IK with null-space posture
// ---------------------------------------------------------------------------------------------

/** Joint limits: flexion, abduction, humeral rotation, elbow, pronation, wrist flexion, deviation. */
const ARM_LIMITS: readonly (readonly [number, number])[] = [
  [-0.8, 3.1],
  [-0.6, 2.8],
  [-1.2, 1.5],
  [0.03, 2.6],
  [-1.5, 1.6],
  [-1.2, 1.35],
  [-0.5, 0.5],
];
/** Null-space posture gains per joint (wrist and forearm follow the posture task harder). */
const POSTURE_GAIN = [0.12, 0.12, 0.25, 0.12, 0.45, 0.5, 0.5];

interface ArmState {
  grip: Vec3;
  wrist: Vec3;
  hand: M3; // hand frame (long axis -y)
  axes: Vec3[];
  pivots: Vec3[];
}

function armFK(P: Person, h: 0 | 1, q: readonly number[]): ArmState {
  const side = SIDE[h];
  const S = shoulderOf(P, h);
  const R1 = mRx(q[0]);
  const R2 = mMul(R1, mRz(side * q[1]));
  const R3 = mMul(R2, mRy(side * q[2]));
  const elbow = add(S, mApply(R3, [0, -P.L1, 0]));
  const R4 = mMul(R3, mRx(q[3]));
  const R5 = mMul(R4, mRy(side * q[4]));
  const wrist = add(elbow, mApply(R5, [0, -P.L2, 0]));
  const R6 = mMul(R5, mRx(q[5]));
  const R7 = mMul(R6, mRz(side * q[6]));
  const grip = add(wrist, mApply(R7, [0, -P.Lh, 0]));
  const axes: Vec3[] = [
    [1, 0, 0],
    scale(mCol(R1, 2), side),
    scale(mCol(R2, 1), side),
    mCol(R3, 0),
    scale(mCol(R4, 1), side),
    mCol(R5, 0),
    scale(mCol(R6, 2), side),
  ];
  return { grip, wrist, hand: R7, axes, pivots: [S, S, S, elbow, elbow, wrist, wrist] };
}

/** Solve a 3x3 system A y = b (A symmetric positive definite here). */
function solve3(A: number[], b: Vec3): Vec3 {
  const [a, bb, c, d, e, f, g, h, i] = A;
  const det = a * (e * i - f * h) - bb * (d * i - f * g) + c * (d * h - e * g);
  const inv = [
    (e * i - f * h) / det,
    (c * h - bb * i) / det,
    (bb * f - c * e) / det,
    (f * g - d * i) / det,
    (a * i - c * g) / det,
    (c * d - a * f) / det,
    (d * h - e * g) / det,
    (bb * g - a * h) / det,
    (a * e - bb * d) / det,
  ];
  return mApply(inv, b);
}

/**
 * One DLS step with null-space posture: dq = J# e + (I - J# J) K (q_post - q), J# = J^T (J J^T + l^2 I)^-1.
 * `cols` are the Jacobian columns (3-vectors), n joints.
 */
function dlsStep(cols: Vec3[], e: Vec3, lambda: number, q: number[], post: readonly number[], gains: readonly number[]): number[] {
  const n = cols.length;
  const A = [0, 0, 0, 0, 0, 0, 0, 0, 0];
  for (const c of cols) for (let r = 0; r < 3; r++) for (let k = 0; k < 3; k++) A[r * 3 + k] += c[r] * c[k];
  A[0] += lambda * lambda;
  A[4] += lambda * lambda;
  A[8] += lambda * lambda;
  const y = solve3(A, e);
  const dq = cols.map((c) => dot(c, y));
  // null-space posture term: z - J#(J z)
  const z = post.map((p, i) => gains[i] * (p - q[i]));
  const Jz: Vec3 = [0, 0, 0];
  for (let i = 0; i < n; i++) for (let r = 0; r < 3; r++) Jz[r] += cols[i][r] * z[i];
  const y2 = solve3(A, Jz);
  for (let i = 0; i < n; i++) dq[i] += z[i] - dot(cols[i], y2);
  return dq;
}

/** Arm IK toward `target` (torso frame), warm-started from q (updated in place). Returns the solved state. */
function solveArm(P: Person, h: 0 | 1, q: number[], target: Vec3, post: readonly number[], iters: number, lm: { lambda: number }): ArmState {
  const S = shoulderOf(P, h);
  const reach = reachOf(P) * 0.985;
  let tgt = target;
  const d = sub(tgt, S);
  if (len(d) > reach) tgt = add(S, scale(norm(d), reach));
  let st = armFK(P, h, q);
  let err = len(sub(tgt, st.grip));
  for (let it = 0; it < iters; it++) {
    const e = sub(tgt, st.grip);
    const cols = st.axes.map((a, i) => cross(a, sub(st.grip, st.pivots[i])));
    const dq = dlsStep(cols, e, lm.lambda, q, post, POSTURE_GAIN);
    let m = 0;
    for (const x of dq) m = Math.max(m, Math.abs(x));
    const k = m > 0.6 ? 0.6 / m : 1;
    const q2 = q.map((x, i) => clamp(x + k * dq[i], ARM_LIMITS[i][0], ARM_LIMITS[i][1]));
    const st2 = armFK(P, h, q2);
    const err2 = len(sub(tgt, st2.grip));
    if (err2 <= err + 1e-4) {
      for (let i = 0; i < q.length; i++) q[i] = q2[i];
      st = st2;
      err = err2;
      lm.lambda = Math.max(0.01, lm.lambda * 0.6); // Levenberg-Marquardt: trust more
    } else {
      lm.lambda = Math.min(0.5, lm.lambda * 2.5); // trust less and retry next iteration
    }
    if (err < 5e-4 && it >= 1) break;
  }
  return st;
}

/** The target-ray frame in hand coordinates: ray -z along the hand's long axis (-y), ray up = hand -z. */
const RAY_BASE: M3 = [1, 0, 0, 0, 0, 1, 0, -1, 0];

/** Mirror a per-person quaternion offset for the left hand. */
const mirrorQ = (q: Quat): Quat => [q[0], -q[1], -q[2], q[3]];

const NECK_LIMITS: readonly (readonly [number, number])[] = [
  [-0.6, 0.5],
  [-1.35, 1.35],
  [-0.75, 0.6],
];

interface NeckState {
  eye: Vec3;
  R: M3;
  fwd: Vec3;
  axes: Vec3[];
}

function neckFK(P: Person, q: readonly number[]): NeckState {
  const R1 = mRx(q[0]);
  const R2 = mMul(R1, mRy(q[1]));
  const R3 = mMul(R2, mRx(q[2]));
  const c1 = add(neckBase(P), mApply(R1, C1_OFF(P)));
  const eye = add(c1, mApply(R3, EYE_OFF(P)));
  return { eye, R: R3, fwd: mApply(R3, [0, 0, -1]), axes: [[1, 0, 0], mCol(R1, 1), mCol(R2, 0)] };
}

/** Neck IK: turn the head's forward toward direction `dir` (torso frame); q updated in place. */
function solveNeck(P: Person, q: number[], dir: Vec3, iters: number): NeckState {
  let st = neckFK(P, q);
  for (let it = 0; it < iters; it++) {
    const e = sub(dir, st.fwd);
    const cols = st.axes.map((a) => cross(a, st.fwd));
    const pitch = q[0] + q[2];
    const post = [0.3 * pitch, q[1], 0.7 * pitch];
    const dq = dlsStep(cols, e, 0.04, q, post, [0.5, 0, 0.5]);
    for (let i = 0; i < 3; i++) q[i] = clamp(q[i] + dq[i], NECK_LIMITS[i][0], NECK_LIMITS[i][1]);
    st = neckFK(P, q);
    if (len(sub(dir, st.fwd)) < 1e-3) break;
  }
  return st;
}

/** Gaze direction in the torso frame from (yaw, pitch). */
const gazeDir = (yaw: number, pitch: number): Vec3 => [-Math.sin(yaw) * Math.cos(pitch), Math.sin(pitch), -Math.cos(yaw) * Math.cos(pitch)];

// ---------------------------------------------------------------------------------------------
// Simulation: Langevin landscapes -> IK -> world poses at 120 Hz
// ---------------------------------------------------------------------------------------------

/** One 120 Hz snapshot of the true body (world frame). */
interface Snap {
  t: number;
  head: Pose;
  ray: [Pose, Pose]; // controller target-ray poses (grip point)
  wrist: [Pose, Pose]; // wrist poses (hand tracking)
  chest: Vec3; // torso centre (occlusion)
  hip: Vec3;
}

const SIM_DT = 1 / 240;
const SIM_T0 = -0.9;

function simulate(P: Person, scene: Scene, rng: Rng): Snap[] {
  const lor = scene.lor;
  const hands = [new Particle(restPos(P, 0)), new Particle(restPos(P, 1))];
  const tremor = [new Particle([0, 0, 0]), new Particle([0, 0, 0])];
  const gaze = new Particle([0, 0, 0]);
  const rootPos = new Particle([0, 0, 0]);
  const rootAng = new Particle([0, 0, 0]);
  const qArm = [P.comfort.slice(), P.comfort.slice()];
  const lm = [{ lambda: 0.05 }, { lambda: 0.05 }];
  const qNeck = [0, 0, 0];
  const wT = 2 * Math.PI * P.tremorHz;
  const tremorField: Field = { wells: [well([0, 0, 0], wT, 1, 1)], gamma: 2 * 0.15 * wT, temp: P.tremorAmp * P.tremorAmp * wT * wT, vcap: 50 };
  const hipL: Vec3 = [0, P.hipY, 0];
  const yaw0 = mRy(P.yaw);
  const gripQ: [Quat, Quat] = [mirrorQ(P.grip), P.grip];
  const rayBase = mToQuat(RAY_BASE);
  const snaps: Snap[] = [];
  const n = Math.ceil((scene.duration + 0.05 - SIM_T0) / SIM_DT);
  // settle the IK at the starting posture
  for (const h of [0, 1] as const) solveArm(P, h, qArm[h], hands[h].x, scene.posture[h](SIM_T0), 30, lm[h]);
  for (let i = 0; i <= n; i++) {
    const t = SIM_T0 + i * SIM_DT;
    lor.step(SIM_DT);
    const rh = scene.rhythm;
    if (rh) rh.step(t, SIM_DT);
    const ctx: Ctx = {
      r: rh ? rh.value() : 1,
      res: rh ? rh.residue() : 0,
      cyc: rh && t >= rh.start ? rh.cycles() : 0,
      drift: lor.drift(),
      drift2: lor.drift2(),
    };
    for (const h of [0, 1] as const) {
      hands[h].step(scene.hands[h](t, ctx), SIM_DT, rng);
      tremor[h].step(tremorField, SIM_DT, rng);
    }
    gaze.step(scene.gaze(t, ctx), SIM_DT, rng, 2);
    rootPos.step(scene.root.pos(t, ctx), SIM_DT, rng);
    rootAng.step(scene.root.ang(t, ctx), SIM_DT, rng, 2);
    if (i % 2 !== 0) continue;
    // world transform of the torso frame
    const o = mApply(yaw0, rootPos.x);
    const Rw = mMul(mRy(P.yaw + rootAng.x[0]), mRx(rootAng.x[1]));
    const qW = mToQuat(Rw);
    const base = add(add(P.pos, o), hipL);
    const toWorld = (p: Vec3): Vec3 => add(base, mApply(Rw, sub(p, hipL)));
    const ray: Pose[] = [];
    const wrist: Pose[] = [];
    for (const h of [0, 1] as const) {
      const st = solveArm(P, h, qArm[h], add(hands[h].x, tremor[h].x), scene.posture[h](t), 3, lm[h]);
      const qh = qmul(qW, qmul(mToQuat(st.hand), rayBase));
      ray.push({ p: toWorld(st.grip), q: qnorm(qmul(qh, gripQ[h])) });
      wrist.push({ p: toWorld(st.wrist), q: qnorm(qh) });
    }
    const neck = solveNeck(P, qNeck, gazeDir(gaze.x[0], gaze.x[1]), 3);
    snaps.push({
      t,
      head: { p: toWorld(neck.eye), q: qnorm(qmul(qW, qmul(mToQuat(neck.R), P.headset))) },
      ray: [ray[0], ray[1]],
      wrist: [wrist[0], wrist[1]],
      chest: toWorld([0, P.eye - 0.45 * P.s, 0.04 * P.s]),
      hip: toWorld([0, P.hipY, 0.02 * P.s]),
    });
  }
  return snaps;
}

/** Interpolated snapshot pose at time t. */
function sampleSnaps(snaps: readonly Snap[], t: number, pick: (s: Snap) => Pose): Pose {
  const u = (t - snaps[0].t) / (2 * SIM_DT);
  const i = clamp(Math.floor(u), 0, snaps.length - 2);
  const f = clamp(u - i, 0, 1);
  const a = pick(snaps[i]), b = pick(snaps[i + 1]);
  return { p: lerp3(a.p, b.p, f), q: qslerp(a.q, b.q, f) };
}
const sampleVec = (snaps: readonly Snap[], t: number, pick: (s: Snap) => Vec3): Vec3 => sampleSnaps(snaps, t, (s) => ({ p: pick(s), q: [0, 0, 0, 1] })).p;

// ---------------------------------------------------------------------------------------------
// Trackers: inside-out cameras + IMU, optical hand tracking, outside-in lighthouse
// ---------------------------------------------------------------------------------------------

type TrackerKind = 'inside-out' | 'hand-tracking' | 'lighthouse';
const TRACKER_KINDS: readonly TrackerKind[] = ['inside-out', 'hand-tracking', 'lighthouse'];

interface Tracker {
  kind: TrackerKind;
  hz: number;
  tJitter: number;
  drop: number;
  latency: number;
  headLatency: number;
  latJit: number;
  posSd: number;
  angSd: number;
  headPosSd: number;
  headAngSd: number;
  smooth: number;
  euro: { minCut: number; beta: number } | null;
  hfov: number;
  vmin: number;
  vmax: number;
  minDist: number;
  coast: number;
  freeze: boolean;
  freezeFor: number;
  dropIn: number;
  dropOut: number;
  stations: Vec3[];
}

const HZ_CHOICES = [30, 36, 45, 50, 60, 72, 75, 80, 90, 100, 110, 120];

function drawTracker(rng: Rng, kind: TrackerKind): Tracker {
  const hz = rng.chance(0.7) ? rng.pick(HZ_CHOICES) : rng.int(30, 120);
  const common = { hz, tJitter: rng.uniform(0.005, 0.12), drop: rng.chance(0.5) ? rng.uniform(0, 0.04) : 0, latJit: rng.uniform(0, 0.004) };
  if (kind === 'inside-out')
    return {
      kind,
      ...common,
      latency: rng.uniform(0.005, 0.04),
      headLatency: rng.uniform(0, 0.012),
      posSd: rng.uniform(0.0003, 0.0012),
      angSd: rng.uniform(0.1, 0.4) * DEG,
      headPosSd: rng.uniform(0.0001, 0.0005),
      headAngSd: rng.uniform(0.02, 0.1) * DEG,
      smooth: rng.uniform(0.003, 0.018),
      euro: null,
      hfov: rng.uniform(70, 85) * DEG,
      vmin: -rng.uniform(75, 88) * DEG,
      vmax: rng.uniform(45, 60) * DEG,
      minDist: 0.08,
      coast: rng.uniform(0.15, 0.9),
      freeze: rng.chance(0.6),
      freezeFor: rng.uniform(0.3, 2),
      dropIn: 0,
      dropOut: 1,
      stations: [],
    };
  if (kind === 'hand-tracking')
    return {
      kind,
      ...common,
      latency: rng.uniform(0.025, 0.07),
      headLatency: rng.uniform(0, 0.012),
      posSd: rng.uniform(0.0012, 0.0035),
      angSd: rng.uniform(0.6, 2.2) * DEG,
      headPosSd: rng.uniform(0.0001, 0.0005),
      headAngSd: rng.uniform(0.02, 0.1) * DEG,
      smooth: 0,
      euro: { minCut: rng.uniform(1.2, 3.5), beta: rng.uniform(0.3, 2.0) },
      hfov: rng.uniform(60, 75) * DEG,
      vmin: -rng.uniform(68, 82) * DEG,
      vmax: rng.uniform(38, 52) * DEG,
      minDist: rng.uniform(0.12, 0.17),
      coast: rng.uniform(0, 0.04),
      freeze: true,
      freezeFor: rng.uniform(0, 0.08),
      dropIn: rng.uniform(0, 0.006),
      dropOut: rng.uniform(0.15, 0.5),
      stations: [],
    };
  const sx = rng.chance(0.5) ? 1 : -1;
  return {
    kind,
    ...common,
    latency: rng.uniform(0.006, 0.02),
    headLatency: rng.uniform(0, 0.01),
    posSd: rng.uniform(0.0001, 0.0006),
    angSd: rng.uniform(0.03, 0.15) * DEG,
    headPosSd: rng.uniform(0.0001, 0.0004),
    headAngSd: rng.uniform(0.02, 0.08) * DEG,
    smooth: rng.uniform(0.002, 0.01),
    euro: null,
    hfov: Math.PI,
    vmin: -Math.PI,
    vmax: Math.PI,
    minDist: 0,
    coast: rng.uniform(0.1, 0.5),
    freeze: false,
    freezeFor: 0,
    dropIn: 0,
    dropOut: 1,
    stations: [
      [2.7 * sx, rng.uniform(2.0, 2.5), 2.7],
      [-2.7 * sx, rng.uniform(2.0, 2.5), -2.7],
    ].slice(0, rng.chance(0.3) ? 1 : 2) as Vec3[],
  };
}

/** Frame timestamps: nominal 1/hz with jitter and dropped frames, from 0 up to `duration`. */
function frameTimes(tr: Tracker, duration: number, rng: Rng): number[] {
  const ts = [0];
  const T = 1 / tr.hz;
  let t = 0;
  for (;;) {
    t += T * clamp(1 + rng.normal(0, tr.tJitter), 0.55, 1.6);
    if (t > duration) break;
    if (rng.chance(tr.drop)) continue; // dropped frame: the next one comes an interval later
    ts.push(t);
  }
  return ts;
}

const qconj = (q: Quat): Quat => [-q[0], -q[1], -q[2], q[3]];
const noiseQ = (rng: Rng, sd: number): Quat => qaxis(randUnit(rng), rng.normal(0, sd));

/** One-euro filter on a 3-vector. */
class OneEuro {
  private x: Vec3 | null = null;
  private dx: Vec3 = [0, 0, 0];
  constructor(private readonly minCut: number, private readonly beta: number) {}
  reset(): void {
    this.x = null;
    this.dx = [0, 0, 0];
  }
  filter(v: Vec3, dt: number): Vec3 {
    if (!this.x) {
      this.x = v;
      return v;
    }
    const a = (fc: number) => 1 - Math.exp(-2 * Math.PI * fc * dt);
    const raw = scale(sub(v, this.x), 1 / dt);
    this.dx = lerp3(this.dx, raw, a(1));
    const fc = this.minCut + this.beta * len(this.dx);
    this.x = lerp3(this.x, v, a(fc));
    return this.x;
  }
}

/** Is the segment from p toward the station blocked by the body (torso capsule or head)? */
function occluded(p: Vec3, station: Vec3, chest: Vec3, hip: Vec3, head: Vec3, r: number): boolean {
  const dir = norm(sub(station, p));
  const axis = sub(chest, hip);
  const al = len(axis);
  const au = scale(axis, 1 / Math.max(1e-6, al));
  for (let d = 0.06; d <= 0.9; d += 0.06) {
    const x = add(p, scale(dir, d));
    const u = clamp(dot(sub(x, hip), au), -0.1, al + 0.12);
    if (len(sub(x, add(hip, scale(au, u)))) < r) return true;
    if (len(sub(x, head)) < r * 0.8) return true;
  }
  return false;
}

/** Run a tracker over the true snapshots: returns contract frames. */
function track(P: Person, snaps: readonly Snap[], tr: Tracker, duration: number, rng: Rng): MotionFrame[] {
  const times = frameTimes(tr, duration, rng);
  const frames: MotionFrame[] = [];
  const useWrist = tr.kind === 'hand-tracking';
  let headOut: Pose | null = null;
  const hs = [0, 1].map(() => ({
    out: null as Pose | null,
    prevOut: null as Pose | null,
    prevT: 0,
    lostAt: -1, // time tracking was lost (-1 when tracked)
    coastP: null as Vec3 | null,
    coastV: [0, 0, 0] as Vec3,
    bias: [0, 0, 0] as Vec3,
    reacq: null as { e: Vec3; t: number } | null,
    dropped: false,
    euro: tr.euro ? new OneEuro(tr.euro.minCut, tr.euro.beta) : null,
    filt: null as Pose | null,
  }));
  let prevT = 0;
  for (let k = 0; k < times.length; k++) {
    const t = times[k];
    const dt = k === 0 ? 1 / tr.hz : t - prevT;
    prevT = t;
    // head: IMU-fused, low latency, always present
    const hTrue = sampleSnaps(snaps, t - tr.headLatency, (s) => s.head);
    const hMeas: Pose = { p: add(hTrue.p, [rng.normal(0, tr.headPosSd), rng.normal(0, tr.headPosSd), rng.normal(0, tr.headPosSd)]), q: qnorm(qmul(hTrue.q, noiseQ(rng, tr.headAngSd))) };
    const ah = 1 - Math.exp(-dt / 0.004);
    headOut = headOut ? { p: lerp3(headOut.p, hMeas.p, ah), q: qnorm(qslerp(headOut.q, hMeas.q, ah)) } : hMeas;
    const ts = t - tr.latency + rng.normal(0, tr.latJit);
    const truth = [0, 1].map((h) => sampleSnaps(snaps, ts, (s) => (useWrist ? s.wrist[h] : s.ray[h])));
    const headAt = sampleSnaps(snaps, ts, (s) => s.head);
    const chest = sampleVec(snaps, ts, (s) => s.chest);
    const hip = sampleVec(snaps, ts, (s) => s.hip);
    const out: (Pose | null)[] = [null, null];
    for (const h of [0, 1]) {
      const st = hs[h];
      const p = truth[h].p;
      // visibility
      let vis = true;
      if (tr.kind === 'lighthouse') {
        vis = tr.stations.some((sta) => !occluded(p, sta, chest, hip, headAt.p, 0.17 * P.s));
      } else {
        const rel = qrot(qconj(headAt.q), sub(p, headAt.p));
        const fwd = -rel[2];
        const d = len(rel);
        if (fwd < 0.04 || d < tr.minDist) vis = false;
        else {
          const ha = Math.atan2(rel[0], fwd), va = Math.atan2(rel[1], fwd);
          if (Math.abs(ha) > tr.hfov || va < tr.vmin || va > tr.vmax) vis = false;
        }
        const other = truth[1 - h].p;
        if (vis && len(sub(p, other)) < 0.06 && len(sub(p, headAt.p)) > len(sub(other, headAt.p))) vis = false;
      }
      if (tr.dropIn > 0) {
        if (!st.dropped && rng.chance(tr.dropIn)) st.dropped = true;
        else if (st.dropped && rng.chance(tr.dropOut)) st.dropped = false;
        if (st.dropped) vis = false;
      }
      if (vis) {
        let meas: Pose = {
          p: add(p, [rng.normal(0, tr.posSd), rng.normal(0, tr.posSd), rng.normal(0, tr.posSd)]),
          q: qnorm(qmul(truth[h].q, noiseQ(rng, tr.angSd))),
        };
        if (st.lostAt >= 0 && st.out && !useWrist) st.reacq = { e: sub(st.out.p, meas.p), t };
        if (st.lostAt >= 0 && useWrist) st.euro?.reset();
        if (st.lostAt >= 0) st.filt = null;
        st.lostAt = -1;
        if (st.reacq) {
          const f = Math.exp(-(t - st.reacq.t) / 0.05);
          meas = { p: add(meas.p, scale(st.reacq.e, f)), q: meas.q };
          if (f < 0.01) st.reacq = null;
        }
        let pf = meas.p;
        let qf = meas.q;
        if (st.euro) pf = st.euro.filter(meas.p, dt);
        if (st.filt) {
          const a = tr.smooth > 0 ? 1 - Math.exp(-dt / tr.smooth) : 1;
          if (!st.euro) pf = lerp3(st.filt.p, meas.p, a);
          qf = qnorm(qslerp(st.filt.q, meas.q, st.euro ? 0.6 : a));
        }
        st.filt = { p: pf, q: qf };
        out[h] = st.filt;
      } else {
        if (st.lostAt < 0) {
          st.lostAt = t;
          st.coastP = st.out ? st.out.p : null;
          st.coastV = st.out && st.prevOut && st.prevT < t ? scale(sub(st.out.p, st.prevOut.p), 1 / Math.max(1 / tr.hz, dt)) : [0, 0, 0];
          if (len(st.coastV) > 2) st.coastV = scale(norm(st.coastV), 2);
          st.bias = [rng.normal(0, 0.15), rng.normal(0, 0.15), rng.normal(0, 0.15)];
        }
        const age = t - st.lostAt;
        if (st.coastP && age <= tr.coast) {
          const tau = 0.07;
          const p2 = add(add(st.coastP, scale(st.coastV, tau * (1 - Math.exp(-age / tau)))), scale(st.bias, 0.5 * age * age));
          out[h] = { p: p2, q: useWrist ? st.out!.q : qnorm(qmul(truth[h].q, noiseQ(rng, tr.angSd))) };
        } else if (tr.freeze && st.out && age <= tr.coast + tr.freezeFor) {
          out[h] = st.out;
        } else out[h] = null;
      }
      st.prevOut = st.out;
      st.prevT = t;
      st.out = out[h];
    }
    frames.push({ t, head: headOut, left: out[0], right: out[1] });
  }
  return frames;
}

// ---------------------------------------------------------------------------------------------
// Landscape programmes: building blocks
// ---------------------------------------------------------------------------------------------

/** Gesture wells for one hand at time t: their total weight G (the rest well gets 1 - G). */
interface HandPart {
  wells: Well[];
  G: number;
  omega: number;
  temp?: number;
  curl?: number;
  curlAxis?: Vec3;
}
type PartFn = (t: number, c: Ctx) => HandPart;
const NO_PART: PartFn = () => ({ wells: [], G: 0, omega: 0 });

/** A hand programme: rest well (slowly wandering with the chaotic drift) plus gesture wells. */
function handProg(P: Person, h: 0 | 1, eff: Effort, rng: Rng, part: PartFn = NO_PART): HandProg {
  const rp = restPos(P, h);
  const wr = rng.uniform(6, 10);
  const wander: Vec3 = scale(randUnit(rng), rng.uniform(0.004, 0.015));
  const tempRest = P.temp * rng.uniform(0.3, 0.7);
  return (t, c) => {
    const g = part(t, c);
    const G = clamp(g.G, 0, 1);
    const rc = add(rp, scale(wander, c.drift2));
    const wells = [well(rc, wr, 0.12, 1 - G), ...g.wells];
    const omega = wr * (1 - G) + g.omega * G;
    return {
      wells,
      temp: g.temp ?? tempRest * (1 - G) + P.temp * eff.temp * G,
      gamma: 2 * eff.zeta * omega,
      curl: (g.curl ?? 0) * G,
      curlAxis: g.curlAxis,
      vcap: 2.3,
    };
  };
}

/** Posture for the IK null space: the comfort posture blended toward `target` (NaN keeps comfort) by G(t). */
function postureProg(P: Person, target: readonly number[] | null, G: (t: number) => number): (t: number) => number[] {
  if (!target) return () => P.comfort;
  return (t) => {
    const g = clamp(G(t), 0, 1);
    return P.comfort.map((c, i) => (Number.isNaN(target[i]) ? c : c + (target[i] - c) * g));
  };
}

/** Gaze parts: weighted gaze wells (yaw, pitch) on top of a base gaze well. */
interface GazePart {
  wells: Well[];
  G: number;
  omega: number;
  temp?: number;
}
type GazePartFn = (t: number, c: Ctx) => GazePart;

function gazeProg(P: Person, eff: Effort, rng: Rng, part: GazePartFn | null = null, base?: Vec3, wanderScale = 1): GazeProg {
  const b: Vec3 = base ?? [rng.normal(0, 7) * DEG, rng.uniform(-10, 6) * DEG, 0];
  const wb = rng.uniform(9, 15);
  const wander = rng.uniform(1, 4) * DEG * wanderScale;
  const sd = rng.uniform(0.3, 1.0) * DEG * (P.seated ? 0.8 : 1);
  return (t, c) => {
    const g = part ? part(t, c) : { wells: [], G: 0, omega: 0 };
    const G = clamp(g.G, 0, 1);
    const bc: Vec3 = [b[0] + wander * c.drift, b[1] + 0.5 * wander * c.drift2, 0];
    const omega = wb * (1 - G) + g.omega * G;
    return {
      wells: [well(bc, wb, 0.25, 1 - G), ...g.wells],
      temp: g.temp ?? omega * omega * sd * sd,
      gamma: 2 * eff.zeta * omega,
      vcap: 7,
    };
  };
}

/** Root programme: sway well at the start, optional step / turn / lean schedules. */
function rootProg(
  P: Person,
  rng: Rng,
  opts: { step?: (t: number, c: Ctx) => { c: Vec3; G: number }; turn?: (t: number) => number; lean?: (t: number) => number } = {},
): RootProg {
  const wp = rng.uniform(1.5, 3);
  const tp = wp * wp * P.sway * P.sway;
  const lean0 = rng.normal(-0.02, 0.03);
  const wa = rng.uniform(2.5, 4);
  const ta = wa * wa * (0.4 * DEG) ** 2;
  return {
    pos: (t, c) => {
      const s = opts.step ? opts.step(t, c) : { c: [0, 0, 0] as Vec3, G: 0 };
      const w = s.G > 0 ? wp + (7 - wp) * s.G : wp;
      return { wells: [well(s.c, w, 0.3, 1)], temp: tp, gamma: 2 * 0.9 * w, vcap: 1.4 };
    },
    ang: (t) => {
      const yaw = opts.turn ? opts.turn(t) : 0;
      const lean = lean0 + (opts.lean ? opts.lean(t) : 0);
      const w = opts.turn ? 6 : wa;
      return { wells: [well([yaw, lean, 0], w, 0.5, 1)], temp: ta, gamma: 2 * 0.95 * w, vcap: 3 };
    },
  };
}

/** Which hand does a one-hand gesture. */
const gestureHand = (P: Person, rng: Rng): 0 | 1 => (rng.chance(0.82) ? P.dominant : ((1 - P.dominant) as 0 | 1));
/** Duration within [1.12, 3] that leaves room after `need`. */
const durationAfter = (need: number, rng: Rng, lo = 1.2) => clamp(Math.max(rng.uniform(lo, 3), need + rng.uniform(0.12, 0.45)), 1.12, 3);

// ---------------------------------------------------------------------------------------------
// Gesture scenes
// ---------------------------------------------------------------------------------------------

const NAN = Number.NaN;

function idleScene(P: Person, rng: Rng, lor: Lorenz, kind: string, duration: number): Scene {
  const eff = effortOf(gestureLaban(P.laban, {}, rng));
  return {
    kind,
    duration,
    hands: [handProg(P, 0, eff, rng), handProg(P, 1, eff, rng)],
    posture: [postureProg(P, null, () => 0), postureProg(P, null, () => 0)],
    gaze: gazeProg(P, eff, rng),
    root: rootProg(P, rng),
    rhythm: null,
    lor,
  };
}

/** Replace one hand's programme and posture in a scene. */
function withHand(sc: Scene, h: 0 | 1, prog: HandProg, post: (t: number) => number[]): Scene {
  const hands: [HandProg, HandProg] = [sc.hands[0], sc.hands[1]];
  const posture: [(t: number) => number[], (t: number) => number[]] = [sc.posture[0], sc.posture[1]];
  hands[h] = prog;
  posture[h] = post;
  return { ...sc, hands, posture };
}

function sceneWave(P: Person, rng: Rng, lor: Lorenz): Scene {
  const h = gestureHand(P, rng);
  const side = SIDE[h], s = P.s, S = shoulderOf(P, h);
  const eff = effortOf(gestureLaban(P.laban, { time: 0.2, flow: 0.2 }, rng));
  const f0 = clamp(rng.uniform(1.7, 3.1) * P.tempo, 1.6, 3.3);
  const need0 = 0.4 + 3.4 / (2 * f0);
  let tOn = rng.uniform(-0.45, 0.5);
  if (tOn + need0 > 2.7) tOn = 2.7 - need0;
  const need = tOn + need0;
  const duration = durationAfter(need, rng);
  const tOff = duration - need > 0.7 && rng.chance(0.4) ? need + rng.uniform(0.25, duration - need - 0.3) : Infinity;
  const rh = new Rhythm(f0, P.harmonics, lor, P.tempoDepth, tOn + 0.15, rng.uniform(-0.3, 0.3));
  const C: Vec3 = [side * rng.uniform(0.08, 0.26) * s, S[1] + rng.uniform(0.1, 0.3) * s, -rng.uniform(0.15, 0.35) * s];
  const A = clamp(rng.uniform(0.07, 0.13) * s * P.amp, 0.055, 0.16);
  const tilt = rng.uniform(-0.3, 0.3), yt = rng.uniform(-0.3, 0.3);
  const lat = norm([Math.cos(tilt) * Math.cos(yt), Math.sin(tilt), Math.sin(yt)]);
  const dip = rng.uniform(0, 0.35) * A;
  const om = rng.uniform(20, 30) * eff.omega * Math.sqrt(eff.depth);
  const rho = rng.uniform(0.1, 0.18);
  const sgn = rng.chance(0.5) ? 1 : -1;
  const axis = randUnit(rng);
  const G = (t: number) => pulse(t, tOn, tOff, 0.06 + eff.tau);
  const part: PartFn = (t, c) => {
    const g = G(t);
    const gR = logistic(eff.kappa * sgn * c.r);
    const a = A * (1 + 0.1 * c.drift2);
    const cL = add(sub(C, scale(lat, a * (1 + 0.15 * c.res))), [0, -dip, 0]);
    const cR = add(add(C, scale(lat, a * (1 - 0.15 * c.res))), [0, -dip, 0]);
    return {
      wells: [well(cL, om, rho, g * (1 - gR)), well(cR, om, rho, g * gR), well(C, om * 0.4, 0.2, g * 0.15)],
      G: g,
      omega: om,
      curl: eff.curl,
      curlAxis: axis,
    };
  };
  const sc = idleScene(P, rng, lor, 'wave', duration);
  const post = [1.0, 0.9, -0.4, 1.7, 0.6 + rng.normal(0, 0.2), 0.2, 0];
  return { ...withHand(sc, h, handProg(P, h, eff, rng, part), postureProg(P, post, G)), rhythm: rh };
}

function sceneBeckon(P: Person, rng: Rng, lor: Lorenz): Scene {
  const h = gestureHand(P, rng);
  const side = SIDE[h], s = P.s, S = shoulderOf(P, h);
  const eff = effortOf(gestureLaban(P.laban, { weight: -0.2, flow: 0.1 }, rng));
  const f0 = clamp(rng.uniform(1.0, 2.0) * P.tempo, 0.9, 2.2);
  const need0 = 0.5 + 2.0 / f0;
  let tOn = rng.uniform(-0.35, 0.4);
  if (tOn + need0 > 2.75) tOn = 2.75 - need0;
  const need = tOn + need0;
  const duration = durationAfter(need, rng);
  const tOff = duration - need > 0.7 && rng.chance(0.35) ? need + rng.uniform(0.25, duration - need - 0.3) : Infinity;
  const rh = new Rhythm(f0, P.harmonics, lor, P.tempoDepth, tOn + 0.3, -rng.uniform(0.4, 1.0));
  const cx = side * rng.uniform(0.0, 0.16) * s, cy = S[1] - rng.uniform(0.03, 0.18) * s;
  const zNear = -rng.uniform(0.29, 0.35) * s;
  const zFar = zNear - clamp(rng.uniform(0.13, 0.22) * s * P.amp, 0.1, 0.19);
  const near: Vec3 = [cx, cy + rng.uniform(0, 0.05) * s, zNear];
  const far: Vec3 = [cx + side * 0.02 * s, cy - 0.02 * s, zFar];
  const om = rng.uniform(13, 20) * eff.omega * Math.sqrt(eff.depth);
  const rho = rng.uniform(0.08, 0.15);
  const axis = randUnit(rng);
  const G = (t: number) => pulse(t, tOn, tOff, 0.06 + eff.tau);
  const part: PartFn = (t, c) => {
    const g = G(t);
    const gF = logistic(eff.kappa * c.r);
    const sh: Vec3 = [0, 0.02 * c.res, 0];
    return {
      wells: [well(add(far, sh), om, rho, g * gF), well(add(near, sh), om, rho, g * (1 - gF))],
      G: g,
      omega: om,
      curl: eff.curl,
      curlAxis: axis,
    };
  };
  const sc = idleScene(P, rng, lor, 'beckon', duration);
  const post = [NAN, NAN, NAN, NAN, -1.1, 0.35, NAN];
  return { ...withHand(sc, h, handProg(P, h, eff, rng, part), postureProg(P, post, G)), rhythm: rh };
}

/** Direction from azimuth (outward toward the hand's side) and elevation. */
const outwardDir = (side: number, az: number, el: number): Vec3 => [side * Math.sin(az) * Math.cos(el), Math.sin(el), -Math.cos(az) * Math.cos(el)];

function scenePoint(P: Person, rng: Rng, lor: Lorenz): Scene {
  const h = gestureHand(P, rng);
  const side = SIDE[h], S = shoulderOf(P, h);
  const eff = effortOf(gestureLaban(P.laban, { space: 0.6, time: 0.3 }, rng));
  const az = rng.uniform(-25, 70) * DEG, el = rng.uniform(-18, 28) * DEG;
  const target = add(S, scale(outwardDir(side, az, el), reachOf(P) * rng.uniform(0.96, 1.05)));
  let tOn = rng.uniform(-0.25, 0.6);
  const need0 = 0.5 + 0.8;
  if (tOn + need0 > 2.75) tOn = 2.75 - need0;
  const need = tOn + need0;
  const duration = durationAfter(need, rng);
  const tOff = duration - need > 0.55 && rng.chance(0.35) ? need + rng.uniform(0.1, duration - need - 0.35) : Infinity;
  const tArr = tOn + rng.uniform(0.3, 0.42);
  const om0 = rng.uniform(8, 13) * eff.omega * Math.sqrt(eff.depth);
  const rho = rng.uniform(0.14, 0.25);
  const deepen = rng.uniform(0.9, 1.5);
  const G = (t: number) => pulse(t, tOn, tOff, 0.05 + eff.tau);
  const part: PartFn = (t) => {
    const g = G(t);
    const d = gate(t, tArr, 0.08);
    const om = om0 * (1 + deepen * d);
    return { wells: [well(target, om, rho, g)], G: g, omega: om, temp: P.temp * eff.temp * (g * (1 - 0.8 * d) + (1 - g) * 0.5) };
  };
  const sc = idleScene(P, rng, lor, 'point', duration);
  const post = [NAN, NAN, NAN, NAN, rng.uniform(0.2, 0.7), rng.normal(0, 0.1), 0];
  let out = withHand(sc, h, handProg(P, h, eff, rng, part), postureProg(P, post, G));
  if (rng.chance(0.7)) {
    // look where the finger points
    const eyeL: Vec3 = [0, P.eye, -0.06 * P.s];
    const d = norm(sub(target, eyeL));
    const gy = Math.atan2(-d[0], -d[2]), gp = Math.asin(clamp(d[1], -1, 1));
    const wg = rng.uniform(10, 16);
    const tLook = tOn + rng.uniform(-0.1, 0.25);
    out = { ...out, gaze: gazeProg(P, eff, rng, (t) => ({ wells: [well([gy, gp, 0], wg, 0.3, gate(t, tLook, 0.08))], G: gate(t, tLook, 0.08), omega: wg })) };
  }
  return out;
}

function scenePush(P: Person, rng: Rng, lor: Lorenz): Scene {
  const both = rng.chance(0.15);
  const h0 = gestureHand(P, rng);
  const eff = effortOf(gestureLaban(P.laban, { weight: 0.5, space: 0.4, time: 0.3 }, rng));
  let tOn = rng.uniform(-0.25, 0.4);
  const tPushRel = rng.uniform(0.25, 0.45);
  const vW = clamp(rng.uniform(0.9, 2.0) * eff.omega, 0.8, 2.4);
  const height = rng.uniform(-0.16, 0.04) * P.s;
  const ext = rng.uniform(0.84, 0.95);
  const plan = (h: 0 | 1) => {
    const side = SIDE[h], s = P.s, S = shoulderOf(P, h);
    const c0: Vec3 = [side * rng.uniform(0.06, 0.17) * s, S[1] - rng.uniform(0.04, 0.18) * s, -rng.uniform(0.14, 0.22) * s];
    const dirv = norm([side * rng.uniform(-0.05, 0.2), height / (reachOf(P) * ext), -1]);
    const c1 = add(S, scale(dirv, reachOf(P) * ext));
    return { c0, c1, tMove: len(sub(c1, c0)) / vW };
  };
  const plans = [plan(0), plan(1)];
  const tMove = Math.max(plans[0].tMove, plans[1].tMove);
  const need0 = tPushRel + tMove + 0.2 + 0.6;
  if (tOn + need0 > 2.75) tOn = 2.75 - need0;
  const need = tOn + need0;
  const duration = durationAfter(need, rng);
  const tOff = duration - need > 0.55 && rng.chance(0.3) ? need + rng.uniform(0.1, duration - need - 0.35) : Infinity;
  const tPush = tOn + tPushRel;
  const om = rng.uniform(12, 18) * eff.omega * Math.sqrt(eff.depth);
  const rho = rng.uniform(0.1, 0.2);
  const G = (t: number) => pulse(t, tOn, tOff, 0.05 + eff.tau);
  const mk = (h: 0 | 1): PartFn => {
    const { c0, c1 } = plans[h];
    return (t) => {
      const g = G(t);
      const u = clamp((t - tPush) / tMove, 0, 1); // the well travels forward at constant speed
      const held = gate(t, tPush + tMove + 0.12, 0.06);
      const o = om * (1 + 0.5 * held);
      return { wells: [well(lerp3(c0, c1, u), o, rho, g)], G: g, omega: o, temp: P.temp * eff.temp * (1 - 0.75 * held) };
    };
  };
  let sc = idleScene(P, rng, lor, both ? 'push2' : 'push', duration);
  const post = [NAN, NAN, NAN, NAN, rng.uniform(-0.2, 0.3), rng.uniform(1.0, 1.3), 0];
  for (const h of both ? ([0, 1] as const) : [h0]) sc = withHand(sc, h, handProg(P, h, eff, rng, mk(h)), postureProg(P, post, G));
  const leanA = -rng.uniform(1, 5) * DEG;
  sc = { ...sc, root: rootProg(P, rng, { lean: (t) => leanA * gate(t, tPush + 0.1, 0.1) * (1 - gate(t, tOff, 0.1)) }) };
  return sc;
}

/** Nod (axis 1: pitch) or shake (axis 0: yaw): alternating gaze wells switched by the rhythm. */
function sceneHead(P: Person, rng: Rng, lor: Lorenz, nod: boolean): Scene {
  const eff = effortOf(gestureLaban(P.laban, {}, rng));
  const f0 = nod ? clamp(rng.uniform(1.6, 3.0) * P.tempo, 1.5, 3.2) : clamp(rng.uniform(1.8, 3.2) * P.tempo, 1.6, 3.4);
  const n = rng.pick([1, 2, 2, 3, 3, 4]);
  const need0 = (n + 0.5) / f0 + 0.25;
  let tOn = rng.uniform(-0.1, 0.8);
  if (tOn + need0 > 2.8) tOn = Math.max(-0.05, 2.8 - need0);
  const need = tOn + need0;
  const duration = durationAfter(need, rng, 1.12);
  const nEnd = n + rng.uniform(0.3, 0.42); // stop during the last return half-cycle: n complete nods / shakes
  // phase starts at pi/2: the first half-cycle is the 'up' (nod) / second-side (shake) well, then alternate
  const rh = new Rhythm(f0, P.harmonics, lor, P.tempoDepth, tOn, Math.PI / 2 + rng.uniform(0.45, 0.7));
  const base: Vec3 = [rng.normal(0, 6) * DEG, rng.uniform(-10, 6) * DEG, 0];
  const a1 = nod ? -rng.uniform(9, 20) * DEG * Math.sqrt(P.amp) : rng.uniform(10, 26) * DEG * Math.sqrt(P.amp) * (rng.chance(0.5) ? 1 : -1);
  const a2 = nod ? rng.uniform(0, 5) * DEG : -a1 * rng.uniform(0.8, 1.1);
  const ax = nod ? 1 : 0;
  const om = rng.uniform(24, 34) * eff.omega;
  const cross2 = rng.normal(0, 1.5) * DEG; // a little of the other axis
  const part: GazePartFn = (t, c) => {
    const g = gate(t, tOn, 0.04) * (1 - logistic((c.cyc - nEnd) / 0.03));
    const g1 = logistic(eff.kappa * c.r);
    const w1: Vec3 = [base[0], base[1], 0];
    const w2: Vec3 = [base[0], base[1], 0];
    w1[ax] += a1 * (1 + 0.12 * c.res);
    w2[ax] += a2;
    w1[1 - ax] += cross2;
    return { wells: [well(w1, om, 0.3, g * g1), well(w2, om, 0.3, g * (1 - g1))], G: g, omega: om };
  };
  const sc = idleScene(P, rng, lor, nod ? 'nod' : 'shake', duration);
  return { ...sc, gaze: gazeProg(P, eff, rng, part, base, 0.25), rhythm: rh };
}

// ---------------------------------------------------------------------------------------------
// Verification from the tracked output only (head and hand poses)
// ---------------------------------------------------------------------------------------------

/** Indices of alternating turning points of xs with hysteresis h (first/last extremes included). */
function turningPoints(xs: readonly number[], h: number): number[] {
  const pts: number[] = [];
  if (xs.length < 2) return pts;
  let dir = 0, cand = 0, lo = 0, hi = 0;
  for (let i = 1; i < xs.length; i++) {
    const x = xs[i];
    if (dir === 0) {
      if (x < xs[lo]) lo = i;
      if (x > xs[hi]) hi = i;
      if (x - xs[lo] >= h && lo < i) {
        pts.push(lo);
        dir = 1;
        cand = i;
      } else if (xs[hi] - x >= h && hi < i) {
        pts.push(hi);
        dir = -1;
        cand = i;
      }
    } else if (dir === 1) {
      if (x > xs[cand]) cand = i;
      else if (xs[cand] - x >= h) {
        pts.push(cand);
        dir = -1;
        cand = i;
      }
    } else {
      if (x < xs[cand]) cand = i;
      else if (x - xs[cand] >= h) {
        pts.push(cand);
        dir = 1;
        cand = i;
      }
    }
  }
  if (dir !== 0) pts.push(cand);
  return pts;
}

interface HandRun {
  t: number[];
  p: Vec3[];
  lat: number[];
  fwd: number[];
  up: number[];
  horiz: number[];
}

interface ClipView {
  t: number[];
  pitch: number[]; // degrees
  yaw: number[]; // degrees, unwrapped, + left
  runs: HandRun[][]; // per hand
}

const medianOf = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function viewClip(frames: readonly MotionFrame[]): ClipView {
  const hf = frames.filter((f) => f.head);
  const t: number[] = [], pitch: number[] = [], yawRaw: number[] = [];
  for (const f of hf) {
    const d = qrot(f.head!.q, [0, 0, -1]);
    t.push(f.t);
    pitch.push(Math.asin(clamp(d[1], -1, 1)) / DEG);
    yawRaw.push(Math.atan2(-d[0], -d[2]));
  }
  const yaw: number[] = [];
  let prev = yawRaw[0] ?? 0, acc = prev;
  for (const y of yawRaw) {
    let d = y - prev;
    while (d > Math.PI) d -= 2 * Math.PI;
    while (d < -Math.PI) d += 2 * Math.PI;
    acc += d;
    prev = y;
    yaw.push(acc);
  }
  const ym = medianOf(yaw);
  const fwdDir: Vec3 = [-Math.sin(ym), 0, -Math.cos(ym)];
  const right: Vec3 = [-fwdDir[2], 0, fwdDir[0]];
  const runs: HandRun[][] = [[], []];
  for (const h of [0, 1] as const) {
    let cur: HandRun | null = null;
    let lastT = -1;
    for (const f of frames) {
      const pose = h === 0 ? f.left : f.right;
      if (!pose || !f.head) continue; // short drop-outs are bridged; long gaps split the run
      if (cur && f.t - lastT > 0.15) {
        runs[h].push(cur);
        cur = null;
      }
      if (!cur) cur = { t: [], p: [], lat: [], fwd: [], up: [], horiz: [] };
      const rel = sub(pose.p, f.head.p);
      const lat = dot(rel, right), fw = dot(rel, fwdDir);
      cur.t.push(f.t);
      cur.p.push(pose.p);
      cur.lat.push(lat);
      cur.fwd.push(fw);
      cur.up.push(rel[1]);
      cur.horiz.push(Math.hypot(lat, fw));
      lastT = f.t;
    }
    if (cur) runs[h].push(cur);
  }
  return { t, pitch, yaw: yaw.map((y) => (y - ym) / DEG), runs };
}

interface Thresholds {
  wave: { h: number; dmin: number; dmax: number; raised: number; allRaised: boolean };
  beckon: { h: number; ymin: number; ymax: number; fmin: number; dmax: number };
  point: { horiz: number; ymin: number; hold: number; diag: number };
  push: { gain: number; within: number; hold: number; rad: number };
  nod: { deg: number; dmax: number };
  shake: { deg: number; dmax: number };
}

/** Acceptance (a gesture clip must pass this: stricter than the tests). */
const STRICT: Thresholds = {
  wave: { h: 0.05, dmin: 0.12, dmax: 0.42, raised: 0.25, allRaised: true },
  beckon: { h: 0.04, ymin: -0.7, ymax: -0.05, fmin: 0.03, dmax: 0.9 },
  point: { horiz: 0.33, ymin: -0.5, hold: 0.6, diag: 0.032 },
  push: { gain: 0.13, within: 1.1, hold: 0.4, rad: 0.025 },
  nod: { deg: 6, dmax: 0.65 },
  shake: { deg: 8, dmax: 0.65 },
};
/** Rejection (a `none` clip must fail all of these: looser than the definitions the tests use). */
const LOOSE: Thresholds = {
  wave: { h: 0.035, dmin: 0.08, dmax: 0.6, raised: 0.33, allRaised: false },
  beckon: { h: 0.027, ymin: -0.8, ymax: 0.05, fmin: -0.03, dmax: 1.1 },
  point: { horiz: 0.28, ymin: -0.6, hold: 0.45, diag: 0.046 },
  push: { gain: 0.09, within: 1.3, hold: 0.27, rad: 0.033 },
  nod: { deg: 3.5, dmax: 0.9 },
  shake: { deg: 5, dmax: 0.9 },
};

function showsWave(v: ClipView, th: Thresholds['wave']): boolean {
  for (const runs of v.runs)
    for (const r of runs) {
      const pts = turningPoints(r.lat, th.h);
      let run = 0;
      for (let k = 1; k < pts.length; k++) {
        const a = pts[k - 1], b = pts[k];
        const d = r.t[b] - r.t[a];
        let ok = d >= th.dmin && d <= th.dmax && r.up[a] >= -th.raised && r.up[b] >= -th.raised;
        if (ok && th.allRaised) for (let i = a; i <= b; i++) if (r.up[i] < -th.raised) ok = false;
        run = ok ? run + 1 : 0;
        if (run >= 2) return true;
      }
    }
  return false;
}

function showsBeckon(v: ClipView, th: Thresholds['beckon']): boolean {
  for (const runs of v.runs)
    for (const r of runs) {
      const pts = turningPoints(r.fwd, th.h);
      let pulls = 0;
      const inRegion = (i: number) => r.up[i] >= th.ymin && r.up[i] <= th.ymax && r.fwd[i] >= th.fmin;
      for (let k = 1; k < pts.length; k++) {
        const a = pts[k - 1], b = pts[k];
        if (r.fwd[b] < r.fwd[a] && r.t[b] - r.t[a] <= th.dmax && inRegion(a) && inRegion(b)) pulls++;
      }
      if (pulls >= 2) return true;
    }
  return false;
}

function showsPoint(v: ClipView, th: Thresholds['point']): boolean {
  for (const runs of v.runs)
    for (const r of runs) {
      const n = r.t.length;
      for (let i = 0; i < n; i++) {
        if (r.horiz[i] < th.horiz || r.up[i] < th.ymin) continue;
        const lo: Vec3 = [...r.p[i]], hi: Vec3 = [...r.p[i]];
        for (let j = i; j < n; j++) {
          if (r.horiz[j] < th.horiz || r.up[j] < th.ymin) break;
          for (let k = 0; k < 3; k++) {
            lo[k] = Math.min(lo[k], r.p[j][k]);
            hi[k] = Math.max(hi[k], r.p[j][k]);
          }
          if (len(sub(hi, lo)) > th.diag) break;
          if (r.t[j] - r.t[i] >= th.hold) return true;
        }
      }
    }
  return false;
}

function showsPush(v: ClipView, th: Thresholds['push']): boolean {
  for (const runs of v.runs)
    for (const r of runs) {
      const n = r.t.length;
      let i0 = 0;
      for (let j = 0; j < n; j++) {
        while (r.t[j] - r.t[i0] > th.within) i0++;
        let mn = Infinity;
        for (let i = i0; i < j; i++) mn = Math.min(mn, r.fwd[i]);
        if (r.fwd[j] - mn < th.gain) continue;
        let k = j;
        while (k + 1 < n && len(sub(r.p[k + 1], r.p[j])) <= th.rad) k++;
        if (r.t[k] - r.t[j] >= th.hold) return true;
      }
    }
  return false;
}

function showsHead(xs: readonly number[], ts: readonly number[], deg: number, dmax: number, needMin: boolean): boolean {
  const pts = turningPoints(xs, deg);
  for (let k = 2; k < pts.length; k++) {
    const a = pts[k - 2], b = pts[k - 1], c = pts[k];
    if (ts[b] - ts[a] > dmax || ts[c] - ts[b] > dmax) continue;
    if (!needMin || xs[b] < xs[a]) return true;
  }
  return false;
}

/** Which gesture definitions the tracked clip satisfies under thresholds `th`. */
function gesturesShown(frames: readonly MotionFrame[], th: Thresholds): Set<GestureLabel> {
  const v = viewClip(frames);
  const s = new Set<GestureLabel>();
  if (showsWave(v, th.wave)) s.add('wave');
  if (showsBeckon(v, th.beckon)) s.add('beckon');
  if (showsPoint(v, th.point)) s.add('point');
  if (showsPush(v, th.push)) s.add('push');
  if (showsHead(v.pitch, v.t, th.nod.deg, th.nod.dmax, true)) s.add('nod');
  if (showsHead(v.yaw, v.t, th.shake.deg, th.shake.dmax, false)) s.add('shake');
  return s;
}

/** Plausibility of the tracked output (speed, head height, finite values, unit quaternions, time). */
function plausible(frames: readonly MotionFrame[]): boolean {
  let prevT = -Infinity;
  for (const f of frames) {
    if (!(f.t > prevT) || !Number.isFinite(f.t)) return false;
    prevT = f.t;
    if (!f.head || f.head.p[1] <= 0.65 || f.head.p[1] >= 2.15) return false;
    for (const p of [f.head, f.left, f.right]) {
      if (!p) continue;
      if (![...p.p, ...p.q].every(Number.isFinite)) return false;
      if (Math.abs(Math.hypot(...p.q) - 1) > 1e-3) return false;
    }
  }
  for (const hand of ['left', 'right'] as const)
    for (let i = 0, j = 0; i < frames.length; i++) {
      const a = frames[i][hand];
      if (!a) continue;
      if (j <= i) j = i + 1;
      while (j < frames.length && frames[j].t - frames[i].t < 0.1) j++;
      const b = j < frames.length ? frames[j][hand] : null;
      if (b && len(sub(b.p, a.p)) / (frames[j].t - frames[i].t) > 3.3) return false;
    }
  const d = frames[frames.length - 1].t - frames[0].t;
  return d >= 1 && d <= 3;
}

// ---------------------------------------------------------------------------------------------
// `none` scenes: everyday motion and hard negatives
// ---------------------------------------------------------------------------------------------

export const NONE_KINDS = [
  'idle',
  'look-around',
  'head-turn-hold',
  'reach-back',
  'scratch-head',
  'walk-step',
  'adjust-headset',
  'sweep',
  'swipe',
  'check-watch',
  'hand-to-chin',
  'stretch',
  'fidget',
  'turn-body',
  'drink',
  'shrug',
  'inspect-hand',
] as const;
type NoneKind = (typeof NONE_KINDS)[number];

/** A well at c(t) active between t0 and t1. */
function wellPart(c: (t: number, x: Ctx) => Vec3, t0: number, t1: number, omega: number, rho: number, tau: number, temp?: (t: number) => number): PartFn {
  return (t, x) => {
    const g = pulse(t, t0, t1, tau);
    return { wells: [well(c(t, x), omega, rho, g)], G: g, omega, temp: temp ? temp(t) : undefined };
  };
}

/** Gaze well at (yaw, pitch) active between t0 and t1. */
function gazePart(yaw: number, pitch: number, t0: number, t1: number, omega: number): GazePartFn {
  return (t) => {
    const g = pulse(t, t0, t1, 0.06);
    return { wells: [well([yaw, pitch, 0], omega, 0.3, g)], G: g, omega };
  };
}

/** Gaze direction (yaw, pitch) from the eye toward a torso-frame point. */
function lookAt(P: Person, p: Vec3): [number, number] {
  const d = norm(sub(p, [0, P.eye, -0.06 * P.s]));
  return [Math.atan2(-d[0], -d[2]), Math.asin(clamp(d[1], -1, 1))];
}

const eyePoint = (P: Person, x: number, y: number, z: number): Vec3 => [x * P.s, P.eye + y * P.s, -0.06 * P.s + z * P.s];

function sceneNone(P: Person, rng: Rng, lor: Lorenz, kind: NoneKind): Scene {
  const duration = rng.uniform(1.12, 3);
  const eff = effortOf(gestureLaban(P.laban, {}, rng));
  let sc = idleScene(P, rng, lor, `none:${kind}`, duration);
  const h = gestureHand(P, rng);
  const side = SIDE[h], s = P.s, S = shoulderOf(P, h);
  const tOn = rng.uniform(0, Math.max(0.05, duration - 1.0));
  const om = rng.uniform(8, 14) * eff.omega;
  const setHand = (hh: 0 | 1, part: PartFn, post: readonly number[] | null, G: (t: number) => number) =>
    (sc = withHand(sc, hh, handProg(P, hh, eff, rng, part), postureProg(P, post, G)));
  const setGaze = (part: GazePartFn) => (sc = { ...sc, gaze: gazeProg(P, eff, rng, part) });
  switch (kind) {
    case 'idle': {
      const shift: Vec3 = [rng.normal(0, 0.03), 0, rng.normal(0, 0.02)];
      const tS = rng.uniform(0, duration);
      sc = { ...sc, root: rootProg(P, rng, { step: (t) => ({ c: scale(shift, gate(t, tS, 0.3)), G: 0 }) }) };
      break;
    }
    case 'look-around': {
      const n = rng.int(1, 3);
      const parts: GazePartFn[] = [];
      let t = rng.uniform(-0.2, 0.4);
      for (let i = 0; i < n; i++) {
        const t1 = t + rng.uniform(0.95, 1.5);
        const yaw = (rng.chance(0.5) ? 1 : -1) * rng.uniform(20, 70) * DEG;
        parts.push(gazePart(yaw, rng.uniform(-15, 15) * DEG, t, i === n - 1 ? Infinity : t1, rng.uniform(7, 11)));
        t = t1;
      }
      setGaze((t, c) => {
        const ps = parts.map((p) => p(t, c));
        return { wells: ps.flatMap((p) => p.wells), G: Math.min(1, ps.reduce((a, p) => a + p.G, 0)), omega: ps[0].omega };
      });
      break;
    }
    case 'head-turn-hold': {
      const r = rng();
      const [yaw, pitch] = r < 0.4 ? [rng.normal(0, 5) * DEG, -rng.uniform(15, 35) * DEG] : r < 0.6 ? [rng.normal(0, 5) * DEG, rng.uniform(12, 30) * DEG] : [(rng.chance(0.5) ? 1 : -1) * rng.uniform(20, 60) * DEG, rng.uniform(-10, 10) * DEG];
      setGaze(gazePart(yaw, pitch, tOn, rng.chance(0.3) ? tOn + rng.uniform(1.4, 2) : Infinity, rng.uniform(8, 14)));
      break;
    }
    case 'reach-back': {
      const az = rng.uniform(-20, 60) * DEG, el = rng.uniform(-45, 20) * DEG;
      const obj = add(S, scale(outwardDir(side, az, el), reachOf(P) * rng.uniform(0.75, 1.0)));
      const t0 = rng.uniform(0, Math.max(0.05, duration - 1.1));
      const t1 = t0 + rng.uniform(0.17, 0.27); // touch and come straight back: no hold
      const back = restPos(P, h);
      const oReach = om * 1.5, oBack = om * rng.uniform(1.1, 1.4);
      const tEnd = t1 + rng.uniform(0.4, 0.7);
      setHand(
        h,
        (t) => {
          const g1 = pulse(t, t0, t1, 0.03), g2 = pulse(t, t1, tEnd, 0.03);
          return { wells: [well(obj, oReach, 0.15, g1), well(back, oBack, 0.15, g2)], G: g1 + g2, omega: oReach * g1 + oBack * g2 };
        },
        null,
        () => 0,
      );
      const [gy, gp] = lookAt(P, obj);
      if (rng.chance(0.7)) setGaze(gazePart(gy, gp, t0 - 0.15, rng.chance(0.5) ? Infinity : t1 + rng.uniform(0.6, 1.2), rng.uniform(6, 9)));
      break;
    }
    case 'scratch-head': {
      const spot = eyePoint(P, side * rng.uniform(0.04, 0.1), rng.uniform(0.05, 0.12), rng.uniform(0.02, 0.1));
      const amp = rng.uniform(0.004, 0.008);
      const rh = new Rhythm(rng.uniform(3, 5.5), P.harmonics, lor, P.tempoDepth, tOn + 0.4);
      const ax = randUnit(rng);
      const t1 = rng.chance(0.4) ? tOn + rng.uniform(0.9, 1.6) : Infinity;
      setHand(h, wellPart((_t, c) => add(spot, scale(ax, amp * c.r)), tOn, t1, om * 1.4, 0.12, 0.05), [NAN, NAN, NAN, 2.3, NAN, NAN, NAN], (t) => pulse(t, tOn, t1, 0.1));
      sc = { ...sc, rhythm: rh };
      break;
    }
    case 'walk-step': {
      if (P.seated) {
        const lean = -rng.uniform(4, 10) * DEG;
        const t1 = tOn + rng.uniform(0.6, 1.2);
        sc = { ...sc, root: rootProg(P, rng, { lean: (t) => lean * pulse(t, tOn, t1, 0.15) }) };
        break;
      }
      const dirA = rng.normal(0, 0.6) + (rng.chance(0.2) ? Math.PI / 2 * (rng.chance(0.5) ? 1 : -1) : 0);
      const dist = rng.uniform(0.25, 0.55);
      const T = rng.uniform(0.6, 1.0);
      const stepV: Vec3 = [-Math.sin(dirA) * dist, 0, -Math.cos(dirA) * dist];
      const bob = rng.uniform(0.01, 0.025);
      sc = {
        ...sc,
        root: rootProg(P, rng, {
          step: (t) => {
            const u = clamp((t - tOn) / T, 0, 1);
            const c = scale(stepV, u);
            c[1] = -bob * Math.sin(Math.PI * u) ** 2;
            return { c, G: pulse(t, tOn, tOn + T, 0.1) };
          },
        }),
      };
      for (const hh of [0, 1] as const) {
        const rp = restPos(P, hh);
        const sw = (hh === h ? 1 : -1) * rng.uniform(0.04, 0.1) * s;
        setHand(hh, wellPart((t) => add(rp, [0, 0, sw * Math.sin((2 * Math.PI * clamp(t - tOn, 0, T)) / T)]), tOn, tOn + T + 0.2, 7, 0.1, 0.1), null, () => 0);
      }
      break;
    }
    case 'adjust-headset': {
      const t1 = rng.chance(0.5) ? tOn + rng.uniform(0.8, 1.6) : Infinity;
      for (const hh of [0, 1] as const) {
        const spot = eyePoint(P, SIDE[hh] * rng.uniform(0.08, 0.11), rng.uniform(-0.01, 0.04), rng.uniform(-0.03, 0.03));
        const wob = randUnit(rng);
        setHand(hh, wellPart((_t, c) => add(spot, scale(wob, 0.008 * c.drift)), tOn + rng.uniform(0, 0.15), t1, om * 1.2, 0.12, 0.06), [NAN, NAN, NAN, 2.4, NAN, NAN, NAN], (t) => pulse(t, tOn, t1, 0.1));
      }
      const jig = rng.uniform(0.5, 1.4) * DEG;
      setGaze((t) => {
        const g = pulse(t, tOn + 0.3, t1, 0.1);
        return { wells: [well([0, 0, 0], 9, 0.3, g)], G: g, omega: 9, temp: 81 * jig * jig };
      });
      break;
    }
    case 'sweep': {
      const el = rng.uniform(-10, 15) * DEG;
      const a0 = rng.uniform(-20, 10) * DEG, a1 = a0 + rng.uniform(50, 100) * DEG;
      const [from, to] = rng.chance(0.5) ? [a0, a1] : [a1, a0];
      const wv = rng.uniform(1.6, 3.0);
      const T = Math.abs(to - from) / wv;
      const t0 = rng.uniform(0, Math.max(0.05, duration - T - 0.5));
      const r = reachOf(P) * rng.uniform(0.85, 0.98);
      setHand(
        h,
        wellPart((t) => add(S, scale(outwardDir(side, from + (to - from) * clamp((t - t0 - 0.15) / T, 0, 1), el), r)), t0, t0 + 0.15 + T, om * 1.5, 0.2, 0.05),
        null,
        () => 0,
      );
      break;
    }
    case 'swipe': {
      const C: Vec3 = [side * rng.uniform(0.05, 0.22) * s, S[1] + rng.uniform(-0.05, 0.2) * s, -rng.uniform(0.2, 0.35) * s];
      const A = rng.uniform(0.08, 0.16) * s;
      const dir = rng.chance(0.5) ? 1 : -1;
      const t1 = tOn + rng.uniform(0.12, 0.22);
      const t2 = t1 + rng.uniform(0.1, 0.25);
      setHand(h, wellPart((t) => add(C, [dir * A * (2 * gate(t, t1, 0.03) - 1), 0, 0]), tOn, t2, 22, 0.15, 0.05), null, () => 0);
      break;
    }
    case 'check-watch': {
      const hw = (1 - P.dominant) as 0 | 1;
      const spot: Vec3 = [SIDE[hw] * rng.uniform(-0.02, 0.08) * s, shoulderOf(P, hw)[1] - rng.uniform(0.1, 0.2) * s, -rng.uniform(0.16, 0.22) * s];
      setHand(hw, wellPart(() => spot, tOn, Infinity, om, 0.12, 0.06), [NAN, NAN, 1.0, 1.9, 1.3, NAN, NAN], (t) => gate(t, tOn, 0.1));
      const [gy, gp] = lookAt(P, spot);
      setGaze(gazePart(gy, gp, tOn + 0.2, Infinity, 9));
      break;
    }
    case 'hand-to-chin': {
      const spot = eyePoint(P, side * rng.uniform(0.0, 0.04), -rng.uniform(0.09, 0.13), -rng.uniform(0.06, 0.1));
      setHand(h, wellPart(() => spot, tOn, Infinity, om, 0.12, 0.08), [NAN, NAN, NAN, 2.3, NAN, NAN, NAN], (t) => gate(t, tOn, 0.1));
      setGaze(gazePart(rng.normal(0, 10) * DEG, -rng.uniform(0, 15) * DEG, tOn, Infinity, 6));
      break;
    }
    case 'stretch': {
      const t1 = rng.chance(0.5) ? tOn + rng.uniform(0.9, 1.5) : Infinity;
      for (const hh of [0, 1] as const) {
        const Sh = shoulderOf(P, hh);
        const spot: Vec3 = [SIDE[hh] * rng.uniform(0.1, 0.25) * s, Sh[1] + rng.uniform(0.45, 0.58) * s, rng.uniform(-0.05, 0.05) * s];
        setHand(hh, wellPart(() => spot, tOn, t1, rng.uniform(5, 7), 0.1, 0.15), null, () => 0);
      }
      setGaze(gazePart(0, rng.uniform(5, 20) * DEG, tOn, t1, 5));
      break;
    }
    case 'fidget': {
      for (const hh of [0, 1] as const) {
        const rp = restPos(P, hh);
        const ax = randUnit(rng);
        const rh = rng.uniform(0.004, 0.009);
        setHand(hh, wellPart((_t, c) => add(rp, scale(ax, rh * c.r)), -1, Infinity, 12, 0.1, 0.05, () => P.temp * 2), null, () => 0);
      }
      sc = { ...sc, rhythm: new Rhythm(rng.uniform(1.5, 4), P.harmonics, lor, P.tempoDepth, 0) };
      break;
    }
    case 'turn-body': {
      const ang = (rng.chance(0.5) ? 1 : -1) * rng.uniform(25, 80) * DEG;
      const T = rng.uniform(0.5, 1.0);
      sc = { ...sc, root: rootProg(P, rng, { turn: (t) => ang * clamp((t - tOn) / T, 0, 1) }) };
      setGaze(gazePart(ang * 0.35, 0, tOn - 0.1, tOn + T * 0.8, 8));
      break;
    }
    case 'drink': {
      const spot = eyePoint(P, side * rng.uniform(0.0, 0.04), -rng.uniform(0.08, 0.11), -rng.uniform(0.08, 0.12));
      const t1 = rng.chance(0.5) ? tOn + rng.uniform(0.9, 1.5) : Infinity;
      setHand(h, wellPart(() => spot, tOn, t1, om, 0.12, 0.08), [NAN, NAN, NAN, 2.3, -0.6, NAN, NAN], (t) => pulse(t, tOn, t1, 0.1));
      setGaze(gazePart(0, rng.uniform(5, 15) * DEG, tOn + 0.3, t1, 6));
      break;
    }
    case 'shrug': {
      const t1 = tOn + rng.uniform(0.5, 0.9);
      for (const hh of [0, 1] as const) {
        const rp = restPos(P, hh);
        const spot = add(rp, [SIDE[hh] * rng.uniform(0.04, 0.1) * s, rng.uniform(0.05, 0.1) * s, -rng.uniform(0.0, 0.06) * s]);
        setHand(hh, wellPart(() => spot, tOn, t1, 9, 0.1, 0.08), [NAN, NAN, NAN, NAN, -1.0, NAN, NAN], (t) => pulse(t, tOn, t1, 0.1));
      }
      break;
    }
    case 'inspect-hand': {
      const spot = eyePoint(P, side * rng.uniform(0.02, 0.1), -rng.uniform(0.05, 0.2), -rng.uniform(0.14, 0.2));
      const ax = randUnit(rng);
      setHand(h, wellPart((_t, c) => add(spot, scale(ax, 0.03 * c.drift)), tOn, Infinity, om, 0.12, 0.08, () => P.temp * 3), [NAN, NAN, NAN, NAN, 1.2, 0.3, NAN], (t) => gate(t, tOn, 0.1));
      const [gy, gp] = lookAt(P, spot);
      setGaze(gazePart(gy, gp, tOn + 0.1, Infinity, 9));
      break;
    }
  }
  return sc;
}

// ---------------------------------------------------------------------------------------------
// Dataset, summary, CLI
// ---------------------------------------------------------------------------------------------

interface ClipMeta {
  kind: string;
  tracker: TrackerKind;
  attempts: number;
}
const META = new WeakMap<MotionClip, ClipMeta>();

function buildScene(label: GestureLabel, P: Person, rng: Rng, lor: Lorenz, noneKind: NoneKind): Scene {
  switch (label) {
    case 'wave':
      return sceneWave(P, rng, lor);
    case 'beckon':
      return sceneBeckon(P, rng, lor);
    case 'point':
      return scenePoint(P, rng, lor);
    case 'push':
      return scenePush(P, rng, lor);
    case 'nod':
      return sceneHead(P, rng, lor, true);
    case 'shake':
      return sceneHead(P, rng, lor, false);
    default:
      return sceneNone(P, rng, lor, noneKind);
  }
}

const MAX_ATTEMPTS = 80;

/** One verified clip of `label` (the i-th for this seed). */
function makeClip(label: GestureLabel, seed: number, i: number): MotionClip {
  const li = GESTURE_LABELS.indexOf(label);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const rng = createRng(mixSeed(seed, li, i, attempt));
    const P = drawPerson(rng);
    const lor = new Lorenz(rng, P.lorenzRate);
    const noneKind: NoneKind = attempt < 12 ? NONE_KINDS[(i + (seed >>> 0)) % NONE_KINDS.length] : rng.pick(NONE_KINDS);
    const scene = buildScene(label, P, rng, lor, noneKind);
    const tKind = rng.pick(TRACKER_KINDS);
    const tr = drawTracker(rng, tKind);
    const snaps = simulate(P, scene, rng);
    const frames = track(P, snaps, tr, scene.duration, rng);
    if (!plausible(frames)) continue;
    const ok = label === 'none' ? gesturesShown(frames, LOOSE).size === 0 : gesturesShown(frames, STRICT).has(label);
    if (!ok) continue;
    const clip: MotionClip = { label, hz: tr.hz, frames };
    META.set(clip, { kind: scene.kind, tracker: tKind, attempts: attempt + 1 });
    return clip;
  }
  throw new Error(`synth-seventeenth: no acceptable ${label} clip after ${MAX_ATTEMPTS} attempts (seed ${seed}, index ${i})`);
}

/** perLabel verified clips of every gesture label (7 x perLabel), deterministic for a seed. */
export function seventeenthDataset(perLabel: number, seed: number): MotionClip[] {
  if (!Number.isInteger(perLabel) || perLabel < 0) throw new Error(`perLabel must be a non-negative integer, got ${perLabel}`);
  const clips: MotionClip[] = [];
  for (const label of GESTURE_LABELS) for (let i = 0; i < perLabel; i++) clips.push(makeClip(label, seed, i));
  return clips;
}

/** One-line summary of a clip set. */
export function summarise(clips: readonly MotionClip[]): string {
  const by = new Map<string, number>();
  const trackers = new Map<string, number>();
  const kinds = new Set<string>();
  let hzMin = Infinity, hzMax = -Infinity, dMin = Infinity, dMax = -Infinity, frames = 0, nulls = 0, hands = 0, attempts = 0;
  for (const c of clips) {
    by.set(c.label ?? 'unlabelled', (by.get(c.label ?? 'unlabelled') ?? 0) + 1);
    hzMin = Math.min(hzMin, c.hz);
    hzMax = Math.max(hzMax, c.hz);
    const d = c.frames.length ? c.frames[c.frames.length - 1].t - c.frames[0].t : 0;
    dMin = Math.min(dMin, d);
    dMax = Math.max(dMax, d);
    frames += c.frames.length;
    for (const f of c.frames) {
      hands += 2;
      nulls += (f.left ? 0 : 1) + (f.right ? 0 : 1);
    }
    const m = META.get(c);
    if (m) {
      trackers.set(m.tracker, (trackers.get(m.tracker) ?? 0) + 1);
      if (c.label === 'none') kinds.add(m.kind);
      attempts += m.attempts;
    }
  }
  const labels = [...by].map(([k, v]) => `${k} ${v}`).join(', ');
  const tr = [...trackers].map(([k, v]) => `${k} ${v}`).join(', ');
  const f = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '-');
  return (
    `${clips.length} clips (${labels}); hz ${f(hzMin)}-${f(hzMax)}; duration ${f(dMin)}-${f(dMax)} s; ${frames} frames; ` +
    `untracked hand samples ${hands ? ((100 * nulls) / hands).toFixed(1) : '0'}%; none kinds ${kinds.size}; trackers: ${tr || '-'}` +
    (attempts ? `; draws per clip ${(attempts / clips.length).toFixed(2)}` : '')
  );
}

/** Parse CLI arguments strictly. */
export function parseCli(argv: readonly string[]): { out: string; perLabel: number; seed: number } {
  let out: string | undefined;
  let perLabel = 40;
  let seed = 1717;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      const v = argv[i + 1];
      if (v === undefined || v.startsWith('--')) throw new Error(`${a} needs a value`);
      i++;
      return v;
    };
    if (a === '--out') out = val();
    else if (a === '--per-label') {
      const v = val();
      perLabel = Number(v);
      if (!Number.isInteger(perLabel) || perLabel < 1) throw new Error(`--per-label must be a positive integer, got ${v}`);
    } else if (a === '--seed') {
      const v = val();
      seed = Number(v);
      if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, got ${v}`);
    } else throw new Error(`unknown argument ${JSON.stringify(a)} (usage: --out DIR [--per-label N] [--seed S])`);
  }
  if (!out) throw new Error('missing --out DIR (usage: --out DIR [--per-label N] [--seed S])');
  return { out, perLabel, seed };
}

function main(): void {
  let args: ReturnType<typeof parseCli>;
  try {
    args = parseCli(process.argv.slice(2));
  } catch (err) {
    console.error(`synth-seventeenth: ${err instanceof Error ? err.message : err}`);
    process.exit(2);
  }
  const clips = seventeenthDataset(args.perLabel, args.seed);
  writeClips(args.out, clips);
  console.log(summarise(clips));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
