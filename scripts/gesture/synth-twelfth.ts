/**
 * EVALUATION ONLY: never train or tune on its clips.
 *
 * Twelfth motion generator: labelled VR clips (head + two controllers or tracked wrists) from a
 * motion model no recognizer has seen, used only to judge how well the gesture recognizer holds up.
 *
 * Motion model: Dynamic Movement Primitives (Ijspeert, Nakanishi, Schaal) drive a simulated body.
 * - Discrete DMPs (critically damped point attractor, tau*dz = az(bz(g-y)-z) + f(x), with a
 *   Gaussian-basis forcing term on a decaying canonical phase x) plan reaches, points, pushes and
 *   one-off moves of the wrist in task space and of the head in yaw/pitch/roll. Forcing weights are
 *   fitted once by locally weighted regression to hand-designed prototypes (asymmetric bell-shaped
 *   progress and arc-shaped path bumps), then perturbed per performance. Goal changes mid-movement
 *   go through a goal filter; the phase is slowed by the body's tracking error (phase stopping).
 * - Rhythmic DMPs (phase oscillator, von Mises basis) add periodic offsets: wave swings, beckon
 *   pulls, nods, shakes, gait bob/sway and arm swing, claps, scratching, brushing. Amplitude ramps
 *   (smooth start/stop coupling) and cycle-to-cycle tempo drift are part of the oscillator.
 * - The planned wrist pose goes through an analytic IK (elbow swivel from a hint) to joint targets of
 *   a rigid-body arm per side (shoulder ball joint, elbow hinge, 3-DOF forearm/wrist) and a neck
 *   ball joint, each tracked by a computed-torque PD controller with per-person gains, inertia error,
 *   partial gravity compensation and torque saturation, integrated at 500 Hz with gravity and
 *   configuration-dependent (diagonal) joint inertia. The trunk sways (noise-driven second-order
 *   system), breathes, and bobs/sways when walking. So the tracked motion lags and overshoots.
 * - People: child to tall adult, left/right handed, standing or seated, anywhere within 3 m of the
 *   origin facing any yaw, with varied idle postures.
 * Trackers (WebXR local-floor, metres, y up, quaternions [x, y, z, w]): head = eye midpoint with
 * headset orientation; controllers = target-ray pose (grip + offset, -z along the hand). Profiles:
 * (1) lighthouse: low noise and latency, random occlusions give null hands; (2) inside-out: latency
 * with velocity-based prediction (overshoots on reversals), jitter, drop-outs that freeze the last
 * pose, then null; (3) optical hand tracking: wrist poses, noisy orientation, null outside the
 * cameras' field of view. 30-120 Hz with timestamp jitter and dropped frames; 1-3 s windows cut
 * from a longer simulation that always contain what makes the label true.
 *
 * Reading rule: written after reading only PERCEPTION.md ("Gestures" and "Motion clip format"),
 * src/core/types.ts, scripts/gesture/motion-math.ts, scripts/gesture/node-io.ts and
 * tests/support/motion.ts (plus, by slip, the first five lines of package.json: name/description).
 * No other generator, recognizer, training, eval, docs or data file was opened.
 *
 * Usage: node --import tsx scripts/gesture/synth-twelfth.ts --out DIR --per-label N --seed S
 */
import { fileURLToPath } from 'node:url';
import { GESTURE_LABELS, type GestureLabel, type MotionFrame, type Pose, type Quat, type Vec3 } from '../../src/core/types';
import { add, createRng, cross, dot, len, lerp3, norm, parseArgs, qaxis, qeuler, qfromBasis, qlook, qmul, qnorm, qrot, qslerp, scale, sub, writeClips } from './motion-math';
import type { MotionClip, Rng } from './motion-math';

// ------------------------------------------------------------------------------------ math
const DEG = Math.PI / 180;
const TAU = 2 * Math.PI;
const ID_Q: Quat = [0, 0, 0, 1];
const clamp = (x: number, a: number, b: number): number => Math.min(b, Math.max(a, x));
const qconj = (q: Quat): Quat => [-q[0], -q[1], -q[2], q[3]];
const dist2 = (a: Vec3, b: Vec3): number => dot(sub(a, b), sub(a, b));
const clampLen = (v: Vec3, m: number): Vec3 => (len(v) > m ? scale(v, m / len(v)) : v);

/** Rotation vector (axis * angle, shortest way) of a unit quaternion. */
function rotvec(q: Quat): Vec3 {
  const sgn = q[3] < 0 ? -1 : 1;
  const [x, y, z, w] = [q[0] * sgn, q[1] * sgn, q[2] * sgn, q[3] * sgn];
  const s = Math.hypot(x, y, z);
  if (s < 1e-9) return [2 * x, 2 * y, 2 * z];
  const a = 2 * Math.atan2(s, w);
  return [(x / s) * a, (y / s) * a, (z / s) * a];
}
/** Quaternion of a rotation vector. */
function qexp(v: Vec3): Quat {
  const a = len(v);
  return a < 1e-12 ? qnorm([v[0] / 2, v[1] / 2, v[2] / 2, 1]) : qaxis(scale(v, 1 / a), a);
}
/** Hand segment frame -> ray frame: the ray (-z) runs along the forearm when the wrist is neutral. */
const C_HAND = qaxis([1, 0, 0], -Math.PI / 2);

// ------------------------------------------------------------------------------------ DMPs
const [AZ, AX, NB] = [25, 4, 16];
const BZ = AZ / 4;
const DC = Array.from({ length: NB }, (_, i) => Math.exp((-AX * i) / (NB - 1)));
const DH = DC.map((c) => NB ** 1.5 / c / AX);
const RC = Array.from({ length: NB }, (_, i) => (TAU * i) / NB);
const RH = 1 / (0.8 * (TAU / NB)) ** 2;
/** Gaussian basis on the discrete phase x and von Mises basis on the rhythmic phase. */
const psiD = (x: number, i: number) => Math.exp(-DH[i] * (x - DC[i]) ** 2);
const psiR = (phi: number, i: number) => Math.exp(RH * (Math.cos(phi - RC[i]) - 1));
/** Normalised basis mix sum(psi_i w_i) / sum(psi_i). */
function mix(w: readonly number[], psi: (v: number, i: number) => number, v: number): number {
  let [s, ws] = [0, 0];
  for (let i = 0; i < NB; i++) {
    const p = psi(v, i);
    [s, ws] = [s + p, ws + p * w[i]];
  }
  return s > 1e-10 ? ws / s : 0;
}

/** LWR fit of discrete forcing weights to a demo y[0..n] over t in [0, 1] (tau = 1, D = 1). */
function fitDiscrete(y: readonly number[], goal: number): number[] {
  const [n, num, den] = [y.length - 1, new Array<number>(NB).fill(0), new Array<number>(NB).fill(0)];
  const dt = 1 / n;
  for (let k = 1; k < n; k++) {
    const yd = (y[k + 1] - y[k - 1]) / (2 * dt);
    const ydd = (y[k + 1] - 2 * y[k] + y[k - 1]) / (dt * dt);
    const x = Math.exp(-AX * k * dt);
    const f = ydd - AZ * (BZ * (goal - y[k]) - yd);
    for (let i = 0; i < NB; i++) [num[i], den[i]] = [num[i] + psiD(x, i) * x * f, den[i] + psiD(x, i) * x * x];
  }
  return num.map((v, i) => v / (den[i] + 1e-10));
}
/** LWR fit of rhythmic forcing weights to a unit-tempo periodic demo y(phi). */
function fitRhythmic(demo: (p: number) => number): number[] {
  const [n, num, den] = [720, new Array<number>(NB).fill(0), new Array<number>(NB).fill(0)];
  const h = TAU / n;
  for (let k = 0; k < n; k++) {
    const p = k * h;
    const y = demo(p);
    const yd = (demo(p + h) - demo(p - h)) / (2 * h);
    const ydd = (demo(p + h) - 2 * y + demo(p - h)) / (h * h);
    const f = ydd + AZ * BZ * y + AZ * yd;
    for (let i = 0; i < NB; i++) [num[i], den[i]] = [num[i] + psiR(p, i) * f, den[i] + psiR(p, i)];
  }
  return num.map((v, i) => v / den[i]);
}

type Prof = 'normal' | 'quick' | 'late' | 'slow';
const BETA: Record<Prof, [number, number]> = { normal: [2, 2.6], quick: [1.7, 2.3], late: [2.6, 1.9], slow: [2.4, 2.4] };
/** Progress demo: integral of an asymmetric bell s^a (1-s)^b, normalised to end at 1. */
function betaDemo(a: number, b: number, n = 1000): number[] {
  const y = [0];
  for (let k = 1; k <= n; k++) {
    const s = (k - 0.5) / n;
    y.push(y[k - 1] + s ** a * (1 - s) ** b);
  }
  return y.map((v) => v / y[n]);
}
const ALONG = Object.fromEntries((Object.keys(BETA) as Prof[]).map((p) => [p, fitDiscrete(betaDemo(...BETA[p]), 1)])) as Record<Prof, number[]>;
const BUMP = fitDiscrete(Array.from({ length: 1001 }, (_, k) => Math.sin((Math.PI * k) / 1000) ** 2), 0);

const SHAPES = {
  sin: (p: number) => Math.sin(p),
  cos: (p: number) => Math.cos(p),
  arc: (p: number) => -(1 - Math.cos(2 * p)) / 2,
  skew: (p: number) => Math.sin(p - 0.55 * Math.sin(p)),
  bob: (p: number) => -Math.cos(2 * p),
  dip: (p: number) => (Math.cos(p) - 1) / 2,
};
type Shape = keyof typeof SHAPES;
const RW = Object.fromEntries((Object.keys(SHAPES) as Shape[]).map((s) => [s, fitRhythmic(SHAPES[s])])) as Record<Shape, number[]>;

const rms = (w: readonly number[]): number => Math.sqrt(w.reduce((s, v) => s + v * v, 0) / w.length);
const perturb = (rng: Rng, w: readonly number[], sd: number): number[] => w.map((v) => v + rng.normal(0, sd));

/** A discrete DMP in 3-D with a movement-aligned forcing term, goal filter and phase stopping. */
class DiscreteDmp {
  z: Vec3 = [0, 0, 0];
  x = 0;
  tau = 0.5;
  D = 0;
  e: [Vec3, Vec3, Vec3] = [[1, 0, 0], [0, 1, 0], [0, 0, 1]];
  w: [number[], number[], number[]] | null = null;
  g: Vec3;
  goal: Vec3;
  y0: Vec3;
  q0: Quat;
  q1: Quat;
  constructor(public y: Vec3, q: Quat, private readonly ap: number) {
    [this.g, this.goal, this.y0, this.q0, this.q1] = [y, y, y, q, q];
  }
  start(goal: Vec3, q: Quat, tau: number, w: [number[], number[], number[]]): void {
    [this.q0, this.q1, this.y0, this.goal, this.g] = [this.orient(), q, this.y, goal, goal];
    this.z = scale(this.z, tau / this.tau); // keep dy/dt continuous across tempo changes
    [this.tau, this.x, this.w, this.D] = [tau, 1, w, len(sub(goal, this.y))];
    const e1: Vec3 = this.D > 1e-6 ? scale(sub(goal, this.y), 1 / this.D) : [1, 0, 0];
    const e2 = norm(len(cross([0, 1, 0], e1)) < 0.2 ? cross([0, 0, 1], e1) : cross([0, 1, 0], e1));
    this.e = [e1, e2, cross(e1, e2)];
  }
  /** Goal change mid-movement: the attractor follows through the goal filter. */
  retarget(goal: Vec3, q?: Quat): void {
    [this.goal, this.q1] = [goal, q ?? this.q1];
  }
  /** Orientation follows the movement's progress along its main axis. */
  orient(): Quat {
    const s = this.D < 1e-4 ? 1 : clamp(dot(sub(this.y, this.y0), this.e[0]) / this.D, 0, 1);
    return qslerp(this.q0, this.q1, s);
  }
  step(dt: number, err: number): void {
    const tau = this.tau;
    this.g = add(this.g, scale(sub(this.goal, this.g), Math.min(1, ((AZ / 2) * dt) / tau)));
    let f: Vec3 = [0, 0, 0];
    if (this.w && this.x > 1e-4) {
      for (let j = 0; j < 3; j++) f = add(f, scale(this.e[j], mix(this.w[j], psiD, this.x) * this.x * this.D));
      this.x -= (((AX * this.x) / (1 + this.ap * err * err)) * dt) / tau; // phase stopping
    }
    for (let d = 0; d < 3; d++) this.z[d] += ((AZ * (BZ * (this.g[d] - this.y[d]) - this.z[d]) + f[d]) / tau) * dt;
    this.y = add(this.y, scale(this.z, dt / tau));
  }
}

interface OscSpec {
  shapes: [Shape, Shape]; U: Vec3; V: Vec3; hz: number; ramp: number; rotAxis?: Vec3; rotGain?: number; phase0?: number;
  instant?: boolean; w?: [number[], number[]];
}

/** A two-channel rhythmic DMP whose output is y_a U + y_b V (and an optional rotation from y_a). */
class RhythmicDmp {
  on = false;
  phi = 0;
  om = 0;
  om0 = 0;
  tempo = 1;
  r = 0;
  rT = 0;
  ramp = 0.3;
  y = [0, 0];
  z = [0, 0];
  w = [RW.sin, RW.sin];
  U: Vec3 = [0, 0, 0];
  V: Vec3 = [0, 0, 0];
  axis: Vec3 = [1, 0, 0];
  gain = 0;
  start(s: OscSpec): void {
    this.om0 = TAU * s.hz;
    if (!this.on) [this.phi, this.y, this.z, this.om, this.tempo, this.r] = [s.phase0 ?? 0, [0, 0], [0, 0], this.om0, 1, s.instant ? 1 : 0];
    [this.on, this.rT, this.ramp, this.U, this.V] = [true, 1, s.ramp, s.U, s.V];
    [this.w, this.axis, this.gain] = [s.w ?? [RW[s.shapes[0]], RW[s.shapes[1]]], s.rotAxis ?? [1, 0, 0], s.rotGain ?? 0];
  }
  /** Smooth stop: the amplitude decays over `ramp` cycles. */
  stop(): void {
    this.rT = 0;
  }
  step(dt: number, rng: Rng): void {
    if (!this.on) return;
    this.om += (this.om0 * this.tempo - this.om) * Math.min(1, 4 * dt);
    const om = this.om;
    this.phi += om * dt;
    if (this.phi >= TAU) [this.phi, this.tempo] = [this.phi - TAU, clamp(1 + rng.normal(0, 0.03), 0.94, 1.06)]; // tempo drift per cycle
    this.r += (this.rT - this.r) * Math.min(1, (om / TAU / this.ramp) * dt);
    const nsub = Math.max(1, Math.ceil((dt * om * AZ) / 0.3));
    const h = dt / nsub;
    for (let c = 0; c < 2; c++) {
      const f = this.r * mix(this.w[c], psiR, this.phi);
      for (let k = 0; k < nsub; k++) {
        this.z[c] += h * om * (AZ * (-BZ * this.y[c] - this.z[c]) + f);
        this.y[c] += h * om * this.z[c];
      }
    }
    if (this.rT === 0 && this.r < 0.005 && Math.abs(this.y[0]) + Math.abs(this.y[1]) < 2e-3) [this.on, this.y, this.z] = [false, [0, 0], [0, 0]];
  }
  offset(): Vec3 {
    return add(scale(this.U, this.y[0]), scale(this.V, this.y[1]));
  }
  rot(q: Quat): Quat {
    return this.gain ? qmul(qaxis(this.axis, this.gain * this.y[0]), q) : q;
  }
}

// ------------------------------------------------------------------------------------ people
/** Per-person joint control: natural frequencies (shoulder, elbow, wrist, neck; rad/s), damping ratio, share of
 * the desired acceleration fed forward, inertia estimate / true inertia, share of gravity compensated, torque limits. */
interface Gains { wn: number[]; zeta: number; ff: number; iErr: number; gc: number; tmax: number[] }
interface RestPose { w: Vec3; q: Quat; hint: Vec3; }
interface Person {
  H: number; k: number; M: number; seated: boolean; dom: Hand; controllers: boolean;
  sh: number; sw: number; pelvisY: number; neckY: number; eyeY: number; eyeUp: number; eyeFwd: number;
  L1: number; L2: number; grip: number;
  mass: number[]; // upper arm, forearm, hand (+controller), head (+headset)
  root: Vec3; yaw: number; gains: Gains; rest: [RestPose, RestPose]; head0: Vec3; headset: Quat;
  swaySd: number; breathHz: number; breathAmp: number;
  wobble: [number, number]; // postural wander of the hands (m) and head (rad)
}
const SIDE = [-1, 1] as const;
type Hand = 0 | 1;

function makePerson(rng: Rng, controllers: boolean): Person {
  const child = rng.chance(0.12);
  const H = child ? rng.uniform(1.05, 1.45) : rng.uniform(1.5, 1.98);
  const k = H / 1.75;
  const M = (child ? 16 : 22) * H * H * rng.uniform(0.85, 1.3);
  const seated = rng.chance(0.2);
  const pelvisY = seated ? rng.uniform(0.4, 0.5) * (child ? 0.85 : 1) + 0.09 * k : 0.53 * H;
  const sh = pelvisY + 0.288 * H * (seated ? rng.uniform(0.93, 0.99) : 1);
  const [neckY, eyeUp, L1, L2] = [sh + 0.06 * H, 0.058 * H, 0.186 * H, 0.146 * H];
  const sw = 0.2 * H * rng.uniform(0.92, 1.08);
  const dom: Hand = rng.chance(0.88) ? 1 : 0;
  const idle = seated ? rng.pick(['front', 'lap'] as const) : rng.pick(['hang', 'hang', 'front', 'low'] as const);
  const restFor = (i: Hand): RestPose => {
    const s = SIDE[i];
    const S: Vec3 = [(s * sw) / 2, sh, 0];
    const j = (a: number) => rng.uniform(-a, a) * k;
    let w: Vec3;
    if (idle === 'hang') w = add(S, [s * 0.05 * k + j(0.02), -0.88 * (L1 + L2), -0.1 * k + j(0.04)]);
    else if (idle === 'front') w = [s * 0.13 * k + j(0.03), sh - 0.95 * L1 + j(0.03), -(0.55 * L2 + 0.08 * k) + j(0.03)];
    else if (idle === 'lap') w = [s * 0.14 * k + j(0.03), pelvisY + 0.12 * k, -0.3 * k + j(0.04)];
    else w = add(S, [j(0.03), -0.78 * (L1 + L2), -0.26 * k + j(0.04)]);
    const q = controllers
      ? qlook(norm([s * 0.1, -rng.uniform(0.35, 1.0), -1]), [0, 1, 0])
      : idle === 'hang'
        ? qlook([s * 0.05, -1, -0.2], [0, 0, -1])
        : qlook(norm([-s * 0.4, -0.4, -1]), [s, 0, 0]);
    return { w, q, hint: norm([s * 0.5, -1, 0.35]) };
  };
  const r = 3 * Math.sqrt(rng());
  const a = rng.uniform(0, TAU);
  const wn = (lo: number, hi: number) => TAU * rng.uniform(lo, hi);
  return {
    H, k, M, seated, dom, controllers, sh, sw, pelvisY, neckY, eyeY: neckY + eyeUp, eyeUp, eyeFwd: 0.05 * H, L1, L2, grip: 0.04 * H,
    mass: [0.028 * M, 0.016 * M, 0.006 * M + (controllers ? 0.17 : 0), 0.07 * M + 0.5],
    root: [r * Math.cos(a), 0, r * Math.sin(a)],
    yaw: rng.uniform(-Math.PI, Math.PI),
    gains: {
      wn: [wn(2.4, 4.5), wn(3, 5.5), wn(4, 7.5), wn(3, 5.5)], zeta: rng.uniform(0.5, 0.95), ff: rng.uniform(0.55, 1),
      iErr: rng.uniform(0.8, 1.25), gc: rng.uniform(0.75, 1.05), tmax: [0.6 * M, 0.35 * M, 0.09 * M, 0.2 * M],
    },
    swaySd: (seated ? 0.3 : 0.7) * DEG * rng.uniform(0.5, 1.5),
    wobble: [rng.uniform(0.003, 0.009) * k, rng.uniform(0.4, 1.2) * DEG],
    breathHz: rng.uniform(0.2, 0.35),
    breathAmp: rng.uniform(0.002, 0.005),
    headset: qeuler(0, rng.uniform(-6, 6) * DEG, rng.uniform(-2, 2) * DEG),
    rest: [restFor(0), restFor(1)],
    head0: [rng.uniform(-8, 8) * DEG, rng.uniform(-10, 4) * DEG, 0],
  };
}

// ------------------------------------------------------------------------------------ scenes
type Cmd =
  | { t: number; kind: 'move'; goal: Vec3; q: Quat; tau: number; w: [number[], number[], number[]]; hint?: Vec3 }
  | { t: number; kind: 'retarget'; goal: Vec3; q?: Quat }
  | { t: number; kind: 'osc'; spec: OscSpec }
  | { t: number; kind: 'stop' };
interface Walk { speed: number; hz: number; sway: number; bob: number; turn: number; }
interface MoveOpts { prof?: Prof; lat?: number; vert?: number; hint?: Vec3; }

/** A performance plan: timed DMP commands for the left hand, right hand and head (indices 0, 1, 2). */
class Scene {
  readonly cmds: Cmd[][] = [[], [], []];
  walk: Walk | null = null;
  key: [number, number] = [1, 1.5];
  mask = 0;
  gi: Hand = 1;
  end = 4;
  constructor(
    readonly P: Person,
    readonly rng: Rng,
  ) {}
  sh(i: Hand): Vec3 {
    return [(SIDE[i] * this.P.sw) / 2, this.P.sh, 0];
  }
  /** The gesturing hand: mostly the dominant one. */
  hand(): Hand {
    const i: Hand = this.rng.chance(0.8) ? this.P.dom : ((1 - this.P.dom) as Hand);
    [this.gi, this.mask] = [i, this.mask | (1 << i)];
    return i;
  }
  /** Schedule a discrete DMP move with forcing weights drawn around the prototype `prof` plus path bumps. */
  move(e: 0 | 1 | 2, t: number, goal: Vec3, q: Quat, tau: number, o: MoveOpts = {}): number {
    const { rng } = this;
    const al = ALONG[o.prof ?? 'normal'];
    const sd = rng.uniform(0.03, 0.12) * rms(al);
    const w: [number[], number[], number[]] = [
      perturb(rng, al, sd),
      perturb(rng, BUMP.map((v) => v * (o.lat ?? rng.normal(0, 0.06))), sd),
      perturb(rng, BUMP.map((v) => v * (o.vert ?? rng.normal(0.04, 0.06))), sd),
    ];
    this.cmds[e].push({ t, kind: 'move', goal: e < 2 ? this.reachable(e as Hand, goal) : goal, q, tau, w, hint: o.hint });
    return t + tau;
  }
  reachable(i: Hand, goal: Vec3): Vec3 {
    const [S, m] = [this.sh(i), 0.95 * (this.P.L1 + this.P.L2)];
    return len(sub(goal, S)) > m ? add(S, scale(norm(sub(goal, S)), m)) : goal;
  }
  look(t: number, yaw: number, pitch: number, roll: number, tau: number): number {
    return this.move(2, t, [yaw, pitch, roll], ID_Q, tau, { prof: 'slow', lat: this.rng.normal(0, 0.05), vert: 0 });
  }
  home(i: Hand, t: number, tau: number): number {
    return this.move(i, t, this.P.rest[i].w, this.P.rest[i].q, tau, { hint: this.P.rest[i].hint });
  }
  retarget(e: 0 | 1 | 2, t: number, goal: Vec3, q?: Quat): void {
    this.cmds[e].push({ t, kind: 'retarget', goal: e < 2 ? this.reachable(e as Hand, goal) : goal, q });
  }
  /** Schedule `cycles` cycles of a rhythmic DMP (weights perturbed around the prototype shapes). */
  osc(e: 0 | 1 | 2, t: number, spec: OscSpec, cycles: number): number {
    const sd = this.rng.uniform(0.03, 0.1);
    const w = spec.shapes.map((sh) => perturb(this.rng, RW[sh], sd * rms(RW[sh]))) as [number[], number[]];
    const tEnd = t + cycles / spec.hz;
    this.cmds[e].push({ t, kind: 'osc', spec: { ...spec, w } }, { t: tEnd, kind: 'stop' });
    return tEnd;
  }
}

const U = (sc: Scene, a: number, b: number) => sc.rng.uniform(a, b);

/** Small slow idle re-adjustments of a hand between t0 and t1. */
function drift(sc: Scene, i: Hand, t0: number, t1: number): void {
  const { P, rng } = sc;
  let t = t0 + rng.uniform(0, 0.8);
  while (t < t1 && rng.chance(0.75)) {
    const r = P.rest[i];
    const tau = rng.uniform(0.8, 1.6);
    const j = (sd: number) => rng.normal(0, sd) * P.k;
    const q = qmul(qexp([rng.normal(0, 0.08), rng.normal(0, 0.08), rng.normal(0, 0.08)]), r.q);
    sc.move(i, t, add(r.w, [j(0.02), j(0.015), j(0.02)]), q, tau, { prof: 'slow', hint: r.hint });
    t += tau + rng.uniform(0.3, 1.2);
  }
}
/** At most one small, slow look away from the start direction. */
function headIdle(sc: Scene, t0: number, t1: number, amp: number): void {
  if (!sc.rng.chance(0.6)) return;
  const h = sc.P.head0;
  sc.look(U(sc, t0, t1), h[0] + U(sc, -amp, amp) * DEG, h[1] + U(sc, -amp, amp) * 0.5 * DEG, 0, U(sc, 0.8, 1.5));
}
function idleRest(sc: Scene, skip: number, t1: number, headAmp = 8): void {
  for (const i of [0, 1] as const) if (!(skip & (1 << i))) drift(sc, i, 0.2, t1);
  if (headAmp > 0) headIdle(sc, 0.3, t1, headAmp);
}

const palmOut = (elev: number, s: number, rng: Rng): Quat =>
  qlook(norm([s * rng.uniform(-0.1, 0.15), Math.sin(elev), -Math.cos(elev)]), [0, 0, 1]);

// ---- the six gestures
function wave(sc: Scene): void {
  const { P, rng } = sc;
  const i = sc.hand();
  const s = SIDE[i];
  const t0 = U(sc, 0.5, 1.6);
  const anchor = add(sc.sh(i), [s * U(sc, 0.02, 0.26) * P.k, U(sc, 0.0, 0.28) * P.k, -U(sc, 0.1, 0.35) * P.k]);
  const hz = U(sc, 1.65, 3.25);
  const A = U(sc, 0.06, Math.min(0.18, 2.3 / (TAU * hz))) * Math.sqrt(P.k);
  const q = qlook(norm([s * U(sc, 0, 0.3), 1, -U(sc, 0.05, 0.5)]), [0, 0, 1]);
  const tUp = U(sc, 0.5, 0.9);
  sc.move(i, t0, anchor, q, tUp, { vert: U(sc, 0.05, 0.25), hint: [s, -0.7, 0.3] });
  const tOsc = t0 + tUp * U(sc, 0.5, 0.9); // swings begin while the hand is still rising
  const dir = rng.chance(0.5) ? 1 : -1;
  const cycles = U(sc, 1.9, 4.5);
  const V: Vec3 = [0, A * U(sc, 0.1, 0.5), 0]; // forearm pivot: the hand dips at the ends of a swing and tilts with it
  const tEnd = sc.osc(i, tOsc, { shapes: ['sin', 'arc'], U: [dir * A, 0, 0], V, hz, ramp: 0.3, rotAxis: [0, 0, -1], rotGain: dir * U(sc, 0.15, 0.5) }, cycles);
  if (rng.chance(0.6)) sc.home(i, tEnd + U(sc, 0, 0.3), U(sc, 0.5, 0.9));
  sc.key = [tOsc + 0.3 / hz, tOsc + 1.8 / hz];
  sc.end = tEnd + 1.5;
  idleRest(sc, sc.mask, sc.end, 6);
}

function beckon(sc: Scene): void {
  const { P, rng } = sc;
  const i = sc.hand();
  const s = SIDE[i];
  const t0 = U(sc, 0.5, 1.5);
  const anchor: Vec3 = [s * U(sc, 0.0, 0.2) * P.k, P.sh - U(sc, 0.1, 0.3) * P.k, -U(sc, 0.3, 0.42) * P.k];
  const palmUp = rng.chance(0.6); // palm up, fingers forward; or palm toward the body, fingers up
  const q = palmUp ? qlook(norm([-s * 0.2, U(sc, 0.1, 0.6), -1]), [0, -1, 0]) : qlook(norm([-s * 0.1, 1.2, -U(sc, 0.4, 0.9)]), [0, 0, -1]);
  const tTo = U(sc, 0.4, 0.7);
  sc.move(i, t0, anchor, q, tTo, { hint: [s * 0.6, -1, 0.3] });
  const hz = U(sc, 0.9, 2.2);
  const A = U(sc, 0.06, 0.13) * P.k;
  const tOsc = t0 + tTo * U(sc, 0.7, 1.1);
  const V: Vec3 = [0, A * U(sc, 0.1, 0.4), 0]; // quick pull toward the body (+z) with a slight lift and a wrist curl
  const tEnd = sc.osc(i, tOsc, { shapes: ['skew', 'sin'], U: [0, 0, A], V, hz, ramp: 0.25, rotAxis: [1, 0, 0], rotGain: U(sc, 0.3, 0.6) }, U(sc, 2.3, 4.5));
  if (rng.chance(0.6)) sc.home(i, tEnd + U(sc, 0, 0.3), U(sc, 0.5, 0.9));
  sc.key = [tOsc + 0.25 / hz, tOsc + 2.25 / hz];
  sc.end = tEnd + 1.5;
  idleRest(sc, sc.mask, sc.end, 6);
}

function point(sc: Scene): void {
  const { P, rng } = sc;
  const i = sc.hand();
  const s = SIDE[i];
  const S = sc.sh(i);
  const aim = (az: number, el: number) => {
    const dir: Vec3 = [Math.cos(el) * Math.sin(az), Math.sin(el), -Math.cos(el) * Math.cos(az)];
    const target = add(S, scale(dir, U(sc, 1.5, 5)));
    const w = add(S, scale(dir, (P.L1 + P.L2) * U(sc, 0.88, 0.96)));
    const roll = rng.chance(0.5) ? U(sc, -0.3, 0.3) : s * U(sc, 0.9, 1.4);
    const q = qmul(qlook(sub(target, add(w, scale(dir, P.grip))), [0, 1, 0]), qaxis([0, 0, -1], roll));
    return { w, q };
  };
  const az = s * U(sc, -30, 70) * DEG;
  const el = U(sc, -25, 28) * DEG;
  const t0 = U(sc, 0.4, 1.5);
  const tau = U(sc, 0.55, 0.95);
  const a = aim(az, el);
  sc.move(i, t0, a.w, a.q, tau, { prof: rng.pick(['normal', 'quick'] as const), hint: [s * 0.4, -1, 0.1] });
  let reached = t0 + tau * 1.15;
  if (rng.chance(0.3)) {
    // re-aim mid-reach: goal change through the goal filter
    const b = aim(az + U(sc, -10, 10) * DEG, el + U(sc, -6, 6) * DEG);
    sc.retarget(i, t0 + tau * U(sc, 0.3, 0.6), b.w, b.q);
    reached += 0.2;
  }
  sc.look(t0 - U(sc, 0, 0.2), az * U(sc, 0.6, 1), el * U(sc, 0.5, 0.9), 0, U(sc, 0.4, 0.7));
  const hold = U(sc, 0.8, 1.6);
  if (rng.chance(0.6)) {
    sc.home(i, reached + hold, U(sc, 0.6, 1));
    sc.look(reached + hold + U(sc, 0, 0.3), P.head0[0], P.head0[1], 0, U(sc, 0.5, 0.9));
  }
  sc.key = [reached, reached + 0.65];
  sc.end = reached + hold + 1.5;
  idleRest(sc, sc.mask, sc.end, 0);
}

function push(sc: Scene): void {
  const { P, rng } = sc;
  const i = sc.hand();
  const both = rng.chance(0.2);
  if (both) sc.mask = 3;
  const t0 = U(sc, 0.4, 1.3);
  const prep = rng.chance(0.6);
  const elev = U(sc, 45, 85) * DEG;
  const tauP = prep ? U(sc, 0.3, 0.5) : U(sc, 0.5, 0.75);
  const ext = U(sc, 0.8, 0.92);
  const dy = U(sc, -0.15, 0.08) * P.k;
  let tPush = t0;
  for (const h of both ? ([0, 1] as const) : [i]) {
    const s = SIDE[h];
    const q = palmOut(elev, s, rng);
    if (prep) {
      const tau = U(sc, 0.4, 0.7);
      sc.move(h, t0, [s * 0.12 * P.k, P.sh - 0.15 * P.k, -0.22 * P.k], q, tau, { hint: [s * 0.6, -1, 0.2] });
      tPush = Math.max(tPush, t0 + tau * U(sc, 0.7, 1.0));
    }
  }
  for (const h of both ? ([0, 1] as const) : [i]) {
    const s = SIDE[h];
    const S = sc.sh(h);
    const goal = add(S, scale(norm([-s * 0.08, dy / (P.L1 + P.L2), -1]), (P.L1 + P.L2) * ext));
    sc.move(h, tPush + (h === i ? 0 : U(sc, 0, 0.06)), goal, palmOut(elev, s, rng), tauP, { prof: rng.pick(['late', 'quick'] as const), hint: [s * 0.5, -1, 0.2] });
  }
  const hold = U(sc, 0.6, 1.4);
  if (rng.chance(0.5)) for (const h of both ? ([0, 1] as const) : [i]) sc.home(h, tPush + tauP + hold, U(sc, 0.6, 1));
  sc.key = [tPush, tPush + tauP + 0.55]; // the push and a clear hold
  sc.end = tPush + tauP + hold + 1.4;
  idleRest(sc, sc.mask, sc.end, 5);
}

function nod(sc: Scene): void {
  const { P, rng } = sc;
  const t0 = U(sc, 0.5, 1.5);
  const h = P.head0;
  if (rng.chance(0.3)) {
    // one or two single nods planned as discrete down / up moves
    let t = t0;
    const n = rng.chance(0.7) ? 1 : 2;
    for (let j = 0; j < n; j++) {
      const A = U(sc, 9, 20) * DEG;
      const td = U(sc, 0.22, 0.35);
      sc.look(t, h[0], h[1] - A, 0, td);
      t += td * U(sc, 0.8, 1.0);
      const tu = U(sc, 0.25, 0.4);
      sc.look(t, h[0], h[1] + U(sc, -2, 2) * DEG, 0, tu);
      t += tu * U(sc, 0.9, 1.2);
    }
    sc.key = [t0, t];
    sc.end = t + 1.5;
  } else {
    const hz = U(sc, 1.2, 3);
    const A = U(sc, 8, 22) * DEG; // down from the start pose and back up
    const V: Vec3 = [U(sc, -0.1, 0.1) * A, U(sc, -0.15, 0.15) * A, U(sc, -0.1, 0.1) * A];
    const tEnd = sc.osc(2, t0, { shapes: ['dip', 'sin'], U: [0, A, 0], V, hz, ramp: 0.15 }, U(sc, 1.3, 4));
    sc.key = [t0, t0 + 1.25 / hz];
    sc.end = tEnd + 1.2;
  }
  idleRest(sc, 0, sc.end, 0);
}

function shake(sc: Scene): void {
  const { rng } = sc;
  const t0 = U(sc, 0.5, 1.5);
  const hz = U(sc, 1.2, 3);
  const A = Math.min(U(sc, 10, 30), 300 / (TAU * hz)) * DEG;
  const dir = rng.chance(0.5) ? 1 : -1;
  const tEnd = sc.osc(2, t0, { shapes: ['sin', 'arc'], U: [dir * A, 0, 0], V: [0, U(sc, 0, 0.15) * A, 0], hz, ramp: 0.15 }, U(sc, 1.3, 4));
  sc.key = [t0, t0 + 1.25 / hz];
  sc.end = tEnd + 1.2;
  idleRest(sc, 0, sc.end, 0);
}

// ---- none: everyday motion that is none of the gestures
const NONE_ACTS = ['idle', 'walk', 'look', 'reach', 'scratch', 'headset', 'clap', 'stretch', 'talk', 'watch', 'cross', 'tilt', 'hip', 'brush'] as const;
type NoneAct = (typeof NONE_ACTS)[number];

function none(sc: Scene): NoneAct {
  const { P, rng } = sc;
  let act: NoneAct = rng.pick(NONE_ACTS);
  while (P.seated && (act === 'walk' || act === 'hip')) act = rng.pick(NONE_ACTS);
  const k = P.k;
  const t0 = U(sc, 0.4, 1.3);
  const d = P.dom;
  const o = (1 - d) as Hand;
  const sd = SIDE[d];
  let used = 0;
  let headAmp = rng.chance(0.3) ? 15 : 6;
  sc.key = [t0, t0 + 0.5];
  if (act === 'idle') {
    sc.key = [1, 1.5];
    sc.end = 4.5;
  } else if (act === 'walk') {
    sc.walk = { speed: U(sc, 0.5, 1.2) * Math.sqrt(k), hz: U(sc, 0.8, 1.0), sway: U(sc, 0.015, 0.035), bob: U(sc, 0.01, 0.025), turn: U(sc, -0.4, 0.4) };
    P.root = add(P.root, qrot(qaxis([0, 1, 0], P.yaw), [0, 0, 2.4 * sc.walk.speed])); // the walk passes near the drawn spot
    const A = U(sc, 0.04, 0.14) * k;
    for (const i of [0, 1] as const) sc.osc(i, 0, { shapes: ['sin', 'cos'], U: [0, 0, SIDE[i] * A], V: [0, A * 0.15, 0], hz: sc.walk.hz, ramp: 0.5, instant: true }, 20);
    sc.key = [1.2, 1.7];
    sc.end = 4.8;
  } else if (act === 'look') {
    let t = t0;
    const n = rng.int(1, 3);
    let side = rng.chance(0.5) ? 1 : -1;
    for (let j = 0; j < n; j++) {
      const tau = U(sc, 0.5, 0.9);
      sc.look(t, side * U(sc, 25, 75) * DEG, U(sc, -25, 18) * DEG, U(sc, -4, 4) * DEG, tau);
      t += tau + U(sc, 0.7, 1.3);
      if (rng.chance(0.5)) side = -side;
    }
    sc.key = [t0, t0 + 0.8];
    sc.end = t + 0.5;
    headAmp = 0;
  } else if (act === 'reach') {
    const S = sc.sh(d);
    const table = rng.chance(0.6);
    const obj: Vec3 = table
      ? [sd * U(sc, 0.05, 0.35) * k, P.seated ? U(sc, 0.62, 0.75) : U(sc, 0.72, 1.0) * Math.max(k, 0.75), -U(sc, 0.35, 0.6) * k]
      : [sd * U(sc, 0.0, 0.4) * k, P.sh + U(sc, -0.15, 0.25) * k, -U(sc, 0.4, 0.55) * k];
    const q = table
      ? qlook(norm([0, -U(sc, 0.5, 1.2), -1]), [0, 1, 0])
      : qmul(qlook(norm(sub(obj, S)), [0, 1, 0]), qaxis([0, 0, -1], sd * U(sc, 1.0, 1.5)));
    const tau = U(sc, 0.55, 0.95);
    sc.move(d, t0, obj, q, tau, { prof: 'normal', vert: U(sc, 0.05, 0.2) });
    if (rng.chance(0.35)) sc.retarget(d, t0 + tau * U(sc, 0.3, 0.5), add(obj, [U(sc, -0.1, 0.1) * k, U(sc, -0.05, 0.05) * k, U(sc, -0.08, 0.08) * k]));
    const grasp = U(sc, 0.1, 0.35);
    const tb = t0 + tau + grasp;
    if (rng.chance(0.5)) sc.move(d, tb, [sd * 0.1 * k, P.sh - 0.25 * k, -0.3 * k], qlook(norm([-sd * 0.3, 0.3, -1]), [0, 1, 0]), U(sc, 0.5, 0.9));
    else sc.home(d, tb, U(sc, 0.5, 0.9));
    const eo = sub(obj, [0, P.eyeY, 0]);
    sc.look(t0 - 0.1, Math.atan2(-eo[0], -eo[2]) * 0.8, Math.atan2(eo[1], Math.hypot(eo[0], eo[2])) * 0.8, 0, U(sc, 0.4, 0.7));
    used = 1 << d;
    headAmp = 0;
    sc.key = [t0 + 0.2, tb + 0.3];
    sc.end = tb + 2;
  } else if (act === 'scratch') {
    const goal: Vec3 = [sd * U(sc, 0.04, 0.1) * k, P.eyeY + U(sc, 0.0, 0.1) * k, U(sc, -0.02, 0.06) * k];
    const tau = U(sc, 0.7, 1.1);
    sc.move(d, t0, goal, qlook(norm([-sd, 0.6, 0.1]), [0, 0, -1]), tau, { hint: [sd, 0.3, 0.1] });
    const A = U(sc, 0.008, 0.02);
    const tEnd = sc.osc(d, t0 + tau * 0.8, { shapes: ['sin', 'cos'], U: [0, A, 0], V: [0, 0, A * U(sc, 0.3, 0.8)], hz: U(sc, 3.5, 6), ramp: 0.4 }, U(sc, 3, 8));
    sc.home(d, tEnd + U(sc, 0, 0.2), U(sc, 0.5, 0.8));
    sc.look(t0 + 0.2, P.head0[0], P.head0[1], sd * U(sc, 3, 8) * DEG, 0.5);
    used = 1 << d;
    headAmp = 0;
    sc.key = [t0, t0 + tau + 0.4];
    sc.end = tEnd + 1.5;
  } else if (act === 'headset') {
    const hands = rng.chance(0.6) ? ([0, 1] as const) : ([d] as const);
    const tau = U(sc, 0.7, 1.0);
    for (const i of hands) {
      const s = SIDE[i];
      const g: Vec3 = [s * U(sc, 0.09, 0.13) * k, P.eyeY + U(sc, -0.05, 0.04) * k, -U(sc, 0.0, 0.08) * k];
      const q = qlook(norm([-s * 0.3, 1, -0.6]), [s, 0, 0]);
      sc.move(i, t0, g, q, tau, { hint: [s, -0.3, 0.2] });
      sc.move(i, t0 + tau + U(sc, 0.05, 0.2), add(g, [0, U(sc, -0.025, 0.025), U(sc, -0.02, 0.02)]), q, U(sc, 0.25, 0.4), { hint: [s, -0.3, 0.2] });
      sc.home(i, t0 + tau + U(sc, 0.6, 1.1), U(sc, 0.6, 0.9));
      used |= 1 << i;
    }
    sc.look(t0 + tau, P.head0[0], P.head0[1] + U(sc, -6, 6) * DEG, U(sc, -3, 3) * DEG, U(sc, 0.4, 0.7));
    headAmp = 0;
    sc.key = [t0, t0 + tau + 0.5];
    sc.end = t0 + tau + 2.5;
  } else if (act === 'clap') {
    const hz = U(sc, 1.8, 4);
    const A = U(sc, 0.05, Math.min(0.1, 2.2 / (TAU * hz))) * k;
    const y = P.sh - U(sc, 0.18, 0.35) * k;
    const z = -U(sc, 0.25, 0.4) * k;
    const tau = U(sc, 0.4, 0.6);
    let tEnd = 0;
    for (const i of [0, 1] as const) {
      const s = SIDE[i];
      sc.move(i, t0, [s * (A + 0.03 * k), y, z], qlook(norm([0, U(sc, 0.3, 1), -1]), [s, 0, 0]), tau, { hint: [s * 0.6, -1, 0.2] });
      tEnd = sc.osc(i, t0 + tau * 0.8, { shapes: ['sin', 'arc'], U: [s * A, 0, 0], V: [0, 0.01, 0], hz, ramp: 0.3 }, U(sc, 2, 5));
      sc.home(i, tEnd + 0.1, U(sc, 0.5, 0.8));
    }
    used = 3;
    sc.key = [t0 + tau, t0 + tau + 1.5 / hz];
    sc.end = tEnd + 1.5;
  } else if (act === 'stretch') {
    const overhead = rng.chance(0.6);
    const tau = U(sc, 1.2, 1.8);
    const hold = U(sc, 0.5, 1.1);
    for (const i of [0, 1] as const) {
      const s = SIDE[i];
      const g: Vec3 = overhead
        ? [s * U(sc, 0.04, 0.12) * k, P.sh + 0.85 * (P.L1 + P.L2), U(sc, -0.08, 0.05) * k]
        : [s * U(sc, 0.05, 0.1) * k, P.eyeY + U(sc, 0.02, 0.08) * k, U(sc, 0.08, 0.14) * k];
      const q = overhead ? qlook([-s, 0.1, 0], [0, -1, 0]) : qlook(norm([-s, 0.2, 0.2]), [0, 0, 1]);
      sc.move(i, t0, g, q, tau, { prof: 'slow', hint: overhead ? [s, 0.2, 0.3] : [s, 0.5, -0.2] });
      sc.home(i, t0 + tau + hold, U(sc, 0.8, 1.2));
    }
    sc.look(t0 + 0.3, P.head0[0], U(sc, 5, 15) * DEG, 0, U(sc, 0.8, 1.2));
    sc.look(t0 + tau + hold, P.head0[0], P.head0[1], 0, U(sc, 0.8, 1.2));
    used = 3;
    headAmp = 0;
    sc.key = [t0, t0 + tau + 0.3];
    sc.end = t0 + tau + hold + 1.8;
  } else if (act === 'talk') {
    const hands = rng.chance(0.5) ? ([0, 1] as const) : ([d] as const);
    for (const i of hands) {
      const s = SIDE[i];
      const base: Vec3 = [s * U(sc, 0.1, 0.22) * k, P.sh - U(sc, 0.25, 0.45) * k, -U(sc, 0.25, 0.38) * k];
      let t = t0 + U(sc, 0, 0.2);
      const n = rng.int(3, 7);
      for (let j = 0; j < n; j++) {
        const g = add(base, [U(sc, -0.08, 0.08) * k, U(sc, -0.06, 0.08) * k, U(sc, -0.03, 0.03) * k]);
        const q = qlook(norm([-s * U(sc, 0, 0.6), U(sc, -0.2, 0.5), -1]), rng.pick([[0, -1, 0], [s, 0, 0], [0, 1, 0]] as Vec3[]));
        const tau = U(sc, 0.22, 0.45);
        sc.move(i, t, g, q, tau, { prof: rng.pick(['quick', 'normal'] as const) });
        t += tau + U(sc, 0.15, 0.5);
      }
      sc.end = Math.max(sc.end, t + 1);
      used |= 1 << i;
    }
    headAmp = 4;
    sc.key = [t0 + 0.3, t0 + 1];
  } else if (act === 'watch') {
    const s = SIDE[o];
    const tau = U(sc, 0.5, 0.8);
    const hold = U(sc, 0.8, 1.4);
    sc.move(o, t0, [s * U(sc, -0.02, 0.06) * k, P.sh - U(sc, 0.15, 0.3) * k, -U(sc, 0.28, 0.38) * k], qlook(norm([-s, U(sc, 0, 0.3), U(sc, -0.3, 0.1)]), [0, 1, 0]), tau, { hint: [s, -0.6, 0.3] });
    sc.look(t0 + 0.2, s * U(sc, 5, 15) * DEG, -U(sc, 15, 30) * DEG, 0, U(sc, 0.5, 0.8));
    sc.look(t0 + tau + hold, P.head0[0], P.head0[1], 0, U(sc, 0.5, 0.9));
    sc.home(o, t0 + tau + hold + 0.1, U(sc, 0.5, 0.8));
    used = 1 << o;
    headAmp = 0;
    sc.key = [t0, t0 + tau + 0.6];
    sc.end = t0 + tau + hold + 1.6;
  } else if (act === 'cross') {
    for (const i of [0, 1] as const) {
      const s = SIDE[i];
      const g: Vec3 = [-s * U(sc, 0.1, 0.16) * k, P.sh - (U(sc, 0.22, 0.3) + (i ? 0.03 : -0.03)) * k, -U(sc, 0.16, 0.22) * k];
      sc.move(i, t0 + U(sc, 0, 0.2), g, qlook(norm([-s, -0.2, 0.3]), [0, 1, 0]), U(sc, 0.6, 1.0), { hint: [s, -1, 0.2] });
    }
    used = 3;
    sc.key = [t0, t0 + 0.9];
    sc.end = t0 + 3.5;
  } else if (act === 'tilt') {
    const tau = U(sc, 0.4, 0.8);
    sc.look(t0, P.head0[0], P.head0[1], (rng.chance(0.5) ? 1 : -1) * U(sc, 8, 18) * DEG, tau);
    if (rng.chance(0.5)) sc.look(t0 + tau + U(sc, 0.5, 1.2), P.head0[0], P.head0[1], 0, U(sc, 0.5, 0.9));
    headAmp = 0;
    sc.key = [t0, t0 + tau];
    sc.end = t0 + 3.5;
  } else if (act === 'hip') {
    const i = rng.chance(0.7) ? d : o;
    const s = SIDE[i];
    const tau = U(sc, 0.6, 1.0);
    sc.move(i, t0, [s * (P.sw / 2 + U(sc, 0.0, 0.05) * k), P.pelvisY + U(sc, 0.03, 0.1) * k, U(sc, -0.04, 0.04) * k], qlook(norm([-s * 0.5, -0.6, -0.6]), [s, 0, 0]), tau, { hint: [s, 0, 0.6] });
    used = 1 << i;
    sc.key = [t0, t0 + tau];
    sc.end = t0 + 3.5;
  } else {
    // brush something off the opposite sleeve: short downward strokes along the upper arm
    const anchor: Vec3 = [-sd * (P.sw / 2 + 0.02 * k), P.sh - U(sc, 0.1, 0.25) * k, -U(sc, 0.06, 0.12) * k];
    const tau = U(sc, 0.45, 0.7);
    sc.move(d, t0, anchor, qlook(norm([-sd, -0.5, -0.2]), [0, 1, 0]), tau, { hint: [sd, -1, -0.2] });
    const hz = U(sc, 2.5, 4.5);
    const A = U(sc, 0.03, 0.06) * k;
    const tEnd = sc.osc(d, t0 + tau * 0.8, { shapes: ['skew', 'sin'], U: scale(norm([-sd * 0.3, -1, -0.15]), A), V: [-sd * 0.2 * A, 0, 0], hz, ramp: 0.3 }, U(sc, 2, 4));
    sc.home(d, tEnd + 0.05, U(sc, 0.5, 0.8));
    used = 1 << d;
    sc.key = [t0 + tau * 0.8, t0 + tau * 0.8 + 1.5 / hz];
    sc.end = tEnd + 1.5;
  }
  idleRest(sc, used, sc.end, headAmp);
  return act;
}

const BUILDERS: Record<GestureLabel, (sc: Scene) => unknown> = { wave, beckon, point, push, nod, shake, none };

// ------------------------------------------------------------------------------------ body simulation
const SIM_HZ = 500;
const DT = 1 / SIM_HZ;
const GRAV: Vec3 = [0, -9.81, 0];
const AP_HAND = 250; // phase stopping gain, 1/m^2
const AP_HEAD = 30; // 1/rad^2

interface Desired { qs: Quat; th: number; qw: Quat; ws: Vec3; wth: number; ww: Vec3; }
interface ArmState {
  S: Vec3; qs: Quat; ws: Vec3; th: number; wth: number; qw: Quat; ww: Vec3; dmp: DiscreteDmp; rh: RhythmicDmp; hint: Vec3;
  hintT: Vec3; dq: Desired; W: Vec3; Q: Quat; desW: Vec3; wander: Wander;
}

/** Analytic two-link IK with the elbow swivel taken from a hint direction. */
function armIK(P: Person, S: Vec3, W: Vec3, hint: Vec3): { qs: Quat; th: number } {
  const { L1, L2 } = P;
  const reach = L1 + L2;
  const n = norm(sub(W, S));
  const d = clamp(len(sub(W, S)), 0.3 * reach, 0.975 * reach);
  const b = Math.acos(clamp((L1 * L1 + d * d - L2 * L2) / (2 * L1 * d), -1, 1));
  let h = sub(hint, scale(n, dot(hint, n)));
  if (len(h) < 1e-4) h = cross(n, [1, 0, 0]);
  h = norm(h);
  const u = add(scale(n, Math.cos(b)), scale(h, Math.sin(b)));
  const E = add(S, scale(u, L1));
  const f = norm(sub(add(S, scale(n, d)), E));
  const th = Math.PI - Math.acos(clamp((L1 * L1 + L2 * L2 - d * d) / (2 * L1 * L2), -1, 1));
  const Y = scale(u, -1);
  const Z = norm(scale(add(f, scale(Y, Math.cos(th))), -1 / Math.sin(th)));
  return { qs: qfromBasis(cross(Y, Z), Y, Z), th };
}

function armKin(P: Person, S: Vec3, qs: Quat, th: number, qw: Quat): { E: Vec3; Rf: Quat; W: Vec3; Q: Quat } {
  const E = add(S, qrot(qs, [0, -P.L1, 0]));
  const Rf = qmul(qs, qaxis([1, 0, 0], th));
  const W = add(E, qrot(Rf, [0, -P.L2, 0]));
  return { E, Rf, W, Q: qmul(qmul(Rf, qw), C_HAND) };
}

/** One 500 Hz step of a PD/computed-torque controlled ball joint. */
function ballStep(q: Quat, w: Vec3, qd: Quat, wd: Vec3, ad: Vec3, I: number, tg: Vec3, wn: number, g: Gains, tmax: number, damp: number): [Quat, Vec3] {
  const e = rotvec(qmul(qd, qconj(q)));
  const cmd = add(add(scale(ad, g.ff), scale(e, wn * wn)), scale(sub(wd, w), 2 * g.zeta * wn));
  const tau = clampLen(sub(scale(cmd, I * g.iErr), scale(tg, g.gc)), tmax);
  const acc = scale(add(add(tau, tg), scale(w, -damp)), 1 / I);
  const w2 = add(w, scale(acc, DT));
  return [qnorm(qmul(qexp(scale(w2, DT)), q)), w2];
}

/** Smooth postural wander: critically damped second-order noise (sd `sd`, corner `hz`), state [x, v]. */
interface Wander { x: Vec3; v: Vec3; }
function wander(rng: Rng, w: Wander, sd: number, hz: number): Vec3 {
  const om = TAU * hz;
  const q = Math.sqrt((4 * om ** 3 * sd * sd) / DT);
  for (let j = 0; j < 3; j++) {
    w.v[j] += (-om * om * w.x[j] - 2 * om * w.v[j] + q * rng.normal()) * DT;
    w.x[j] += w.v[j] * DT;
  }
  return w.x;
}

const angVel = (q: Quat, qPrev: Quat): Vec3 => scale(rotvec(qmul(q, qconj(qPrev))), SIM_HZ);

function initArm(P: Person, i: Hand): ArmState {
  const S: Vec3 = [(SIDE[i] * P.sw) / 2, P.sh, 0];
  const r = P.rest[i];
  const ik = armIK(P, S, r.w, r.hint);
  const Rf = qmul(ik.qs, qaxis([1, 0, 0], ik.th));
  const qw = qmul(qmul(qconj(Rf), r.q), qconj(C_HAND));
  const k = armKin(P, S, ik.qs, ik.th, qw);
  return {
    S, qs: ik.qs, ws: [0, 0, 0], th: ik.th, wth: 0, qw, ww: [0, 0, 0],
    dmp: new DiscreteDmp(r.w, r.q, AP_HAND), rh: new RhythmicDmp(), hint: r.hint, hintT: r.hint,
    dq: { qs: ik.qs, th: ik.th, qw, ws: [0, 0, 0], wth: 0, ww: [0, 0, 0] }, W: k.W, Q: k.Q, desW: r.w, wander: { x: [0, 0, 0], v: [0, 0, 0] },
  };
}

function stepArm(P: Person, a: ArmState, rng: Rng): void {
  const g = P.gains;
  const [m1, m2, m3] = P.mass;
  a.dmp.step(DT, len(sub(a.W, a.desW)));
  a.rh.step(DT, rng);
  a.hint = norm(lerp3(a.hint, a.hintT, 3 * DT));
  a.desW = add(add(a.dmp.y, a.rh.offset()), wander(rng, a.wander, P.wobble[0], 0.4));
  const desQ = a.rh.rot(a.dmp.orient());
  // joint-space targets from the task-space plan
  const ik = armIK(P, a.S, a.desW, a.hint);
  const RfD = qmul(ik.qs, qaxis([1, 0, 0], ik.th));
  const qwD = qexp(clampLen(rotvec(qmul(qmul(qconj(RfD), desQ), qconj(C_HAND))), 2.2));
  const wsD = angVel(ik.qs, a.dq.qs);
  const wthD = (ik.th - a.dq.th) * SIM_HZ;
  const wwD = angVel(qwD, a.dq.qw);
  const asD = clampLen(scale(sub(wsD, a.dq.ws), SIM_HZ), 400);
  const athD = clamp((wthD - a.dq.wth) * SIM_HZ, -400, 400);
  const awD = clampLen(scale(sub(wwD, a.dq.ww), SIM_HZ), 600);
  a.dq = { qs: ik.qs, th: ik.th, qw: qwD, ws: wsD, wth: wthD, ww: wwD };
  // rigid-body terms at the current configuration
  const { E, Rf, W, Q } = armKin(P, a.S, a.qs, a.th, a.qw);
  const c1 = lerp3(a.S, E, 0.44);
  const c2 = lerp3(E, W, 0.43);
  const c3 = add(W, qrot(Q, [0, 0, -P.grip * 0.8]));
  const [f1, f2, f3] = [scale(GRAV, m1), scale(GRAV, m2), scale(GRAV, m3)];
  const tgS = add(add(cross(sub(c1, a.S), f1), cross(sub(c2, a.S), f2)), cross(sub(c3, a.S), f3));
  const IS = (m1 * P.L1 * P.L1) / 3 + m2 * (dist2(c2, a.S) + (P.L2 * P.L2) / 12) + m3 * dist2(c3, a.S) + 0.002;
  const tgE = dot(add(cross(sub(c2, E), f2), cross(sub(c3, E), f3)), qrot(a.qs, [1, 0, 0]));
  const IE = (m2 * P.L2 * P.L2) / 3 + m3 * dist2(c3, E) + 0.001;
  const tgW = qrot(qconj(Rf), cross(sub(c3, W), f3));
  const IW = m3 * (P.grip * 0.8) ** 2 + 0.0015;
  [a.qs, a.ws] = ballStep(a.qs, a.ws, ik.qs, wsD, asD, IS, tgS, g.wn[0], g, g.tmax[0], 0.3);
  const wn = g.wn[1];
  const cmd = g.ff * athD + wn * wn * (ik.th - a.th) + 2 * g.zeta * wn * (wthD - a.wth);
  const tauE = clamp(cmd * IE * g.iErr - g.gc * tgE, -g.tmax[1], g.tmax[1]);
  a.wth += ((tauE + tgE - 0.1 * a.wth) / IE) * DT;
  a.th += a.wth * DT;
  if (a.th < 0.03 || a.th > 2.6) {
    a.th = clamp(a.th, 0.03, 2.6);
    a.wth = 0;
  }
  [a.qw, a.ww] = ballStep(a.qw, a.ww, qwD, wwD, awD, IW, tgW, g.wn[2], g, g.tmax[2], 0.02);
  const k = armKin(P, a.S, a.qs, a.th, a.qw);
  a.W = k.W;
  a.Q = k.Q;
}

/** What the simulation records at 500 Hz: world poses for the trackers, torso-frame data for checks. */
interface Rec {
  n: number; headP: Vec3[]; headQ: Quat[]; W: [Vec3[], Vec3[]]; Q: [Quat[], Quat[]]; gT: [Vec3[], Vec3[]];
  wT: [Vec3[], Vec3[]]; qT: [Quat[], Quat[]]; yaw: number[]; pitch: number[];
}

function simulate(P: Person, sc: Scene, until: number, rng: Rng): Rec {
  const n = Math.ceil(until * SIM_HZ) + 1;
  const arms = [initArm(P, 0), initArm(P, 1)];
  const headD = new DiscreteDmp(P.head0, ID_Q, AP_HEAD);
  const headR = new RhythmicDmp();
  const qeul = (v: Vec3): Quat => qeuler(clamp(v[0], -1.4, 1.4), clamp(v[1], -1.0, 0.8), clamp(v[2], -0.5, 0.5));
  // neck: state (qn, wn), previous desired (dq, dw); the head's centre of mass sits above and in front of the pivot
  let [qn, wn, dq, dw, headErr] = [qeul(P.head0), [0, 0, 0] as Vec3, qeul(P.head0), [0, 0, 0] as Vec3, 0];
  const headWander: Wander = { x: [0, 0, 0], v: [0, 0, 0] };
  const [pivot, mh, comH]: [Vec3, number, Vec3] = [[0, P.neckY, 0], P.mass[3], [0, 0.1 * P.k, -0.03 * P.k]];
  const IH = mh * (dot(comH, comH) + 0.012);
  // trunk sway (pitch, roll): noise-driven second-order system
  const [sp, sv] = [[0, 0], [0, 0]];
  const w0 = TAU * rng.uniform(0.25, 0.5);
  const sig = P.swaySd * Math.sqrt(4 * 0.5 * w0 ** 3);
  const gait = new RhythmicDmp();
  if (sc.walk) gait.start({ shapes: ['sin', 'bob'], U: [sc.walk.sway, 0, 0], V: [0, sc.walk.bob, 0], hz: sc.walk.hz, ramp: 0.5, instant: true });
  let [root, yaw] = [P.root, P.yaw];
  const breathPh = rng.uniform(0, TAU);
  const cmds = sc.cmds.map((c) => [...c].sort((x, y) => x.t - y.t));
  const ptr = [0, 0, 0];
  const rec: Rec = { n, headP: [], headQ: [], W: [[], []], Q: [[], []], gT: [[], []], wT: [[], []], qT: [[], []], yaw: [], pitch: [] };
  for (let step = 0; step < n; step++) {
    const t = step * DT;
    for (let e = 0; e < 3; e++) {
      while (ptr[e] < cmds[e].length && cmds[e][ptr[e]].t <= t) {
        const c = cmds[e][ptr[e]++];
        const dmp = e < 2 ? arms[e].dmp : headD;
        const rh = e < 2 ? arms[e].rh : headR;
        if (c.kind === 'move') {
          dmp.start(c.goal, c.q, c.tau, c.w);
          if (e < 2) arms[e].hintT = norm(c.hint ?? P.rest[e as Hand].hint);
        } else if (c.kind === 'retarget') dmp.retarget(c.goal, c.q);
        else if (c.kind === 'osc') rh.start(c.spec);
        else rh.stop();
      }
    }
    for (const a of arms) stepArm(P, a, rng);
    // neck
    headD.step(DT, headErr);
    headR.step(DT, rng);
    const qd = qeul(add(add(headD.y, headR.offset()), wander(rng, headWander, P.wobble[1], 0.3)));
    const wd = angVel(qd, dq);
    const ad = clampLen(scale(sub(wd, dw), SIM_HZ), 600);
    [dq, dw] = [qd, wd];
    const tgN = cross(qrot(qn, comH), scale(GRAV, mh));
    [qn, wn] = ballStep(qn, wn, qd, wd, ad, IH, tgN, P.gains.wn[3], P.gains, P.gains.tmax[3], 0.2);
    headErr = len(rotvec(qmul(qd, qconj(qn))));
    // trunk, breathing, gait, walking
    for (let j = 0; j < 2; j++) {
      sv[j] += (-w0 * w0 * sp[j] - w0 * sv[j] + (sig * rng.normal()) / Math.sqrt(DT)) * DT;
      sp[j] += sv[j] * DT;
    }
    gait.step(DT, rng);
    const go = sc.walk ? gait.offset() : ([0, 0, 0] as Vec3);
    if (sc.walk) {
      yaw += sc.walk.turn * Math.sin((TAU * t) / 5) * DT;
      root = add(root, qrot(qaxis([0, 1, 0], yaw), [0, 0, -sc.walk.speed * DT]));
    }
    const sway = qmul(qaxis([1, 0, 0], sp[0]), qaxis([0, 0, 1], sp[1]));
    const off: Vec3 = [go[0], go[1] + P.breathAmp * Math.sin(TAU * P.breathHz * t + breathPh), 0];
    const pel: Vec3 = [0, P.pelvisY, 0];
    const yq = qaxis([0, 1, 0], yaw);
    const toWorld = (p: Vec3): Vec3 => add(root, qrot(yq, add(add(pel, qrot(sway, sub(p, pel))), off)));
    const qWorld = (q: Quat): Quat => qmul(yq, qmul(sway, q));
    rec.headP.push(toWorld(add(pivot, qrot(qn, [0, P.eyeUp, -P.eyeFwd]))));
    rec.headQ.push(qWorld(qmul(qn, P.headset)));
    const fw = qrot(qn, [0, 0, -1]);
    rec.yaw.push(Math.atan2(-fw[0], -fw[2]));
    rec.pitch.push(Math.asin(clamp(fw[1], -1, 1)));
    for (const i of [0, 1] as const) {
      const a = arms[i];
      rec.W[i].push(toWorld(a.W));
      rec.Q[i].push(qWorld(a.Q));
      rec.wT[i].push(a.W);
      rec.qT[i].push(a.Q);
      rec.gT[i].push(add(a.W, qrot(a.Q, [0, 0, -P.grip])));
    }
  }
  return rec;
}

// ------------------------------------------------------------------------------------ label checks (true motion)
/** Number of monotone legs of at least `m` in a series (zig-zag with hysteresis). */
function legs(xs: readonly number[], m: number): number {
  let [piv, ext, dir, n] = [xs[0], xs[0], 0, 0];
  for (const x of xs) {
    if (dir === 0 && Math.abs(x - piv) >= m) [dir, ext, n] = [Math.sign(x - piv), x, 1];
    else if (dir !== 0 && dir * (x - ext) > 0) ext = x;
    else if (dir !== 0 && dir * (ext - x) >= m) [piv, ext, dir, n] = [ext, x, -dir, n + 1];
  }
  return n;
}
const range = (xs: readonly number[]): number => Math.max(...xs) - Math.min(...xs);

function checkLabel(label: GestureLabel, P: Person, sc: Scene, rec: Rec, ws: number, we: number): boolean {
  const a = Math.round(ws * SIM_HZ);
  const b = Math.min(rec.n - 1, Math.round(we * SIM_HZ));
  const ka = Math.round(sc.key[0] * SIM_HZ);
  const kb = Math.round(sc.key[1] * SIM_HZ);
  const i = sc.gi;
  const S = sc.sh(i);
  const reach = P.L1 + P.L2;
  const g = rec.gT[i];
  const W = rec.wT[i];
  const speed = (k: number) => len(sub(g[Math.min(k + 50, rec.n - 1)], g[k])) / 0.1;
  const held = (ok: (k: number) => boolean, need: number): boolean => {
    let run = 0;
    for (let k = a; k < b - 50; k++) {
      run = ok(k) ? run + 1 : 0;
      if (run >= need * SIM_HZ) return true;
    }
    return false;
  };
  const col = (xs: Vec3[], c: number, lo = a, hi = b) => xs.slice(lo, hi + 1).map((v) => v[c]);
  switch (label) {
    case 'wave': {
      const ys = col(g, 1, ka, kb);
      return ys.filter((y) => y >= P.sh - 0.03).length >= 0.85 * ys.length && legs(col(g, 0), 0.04) >= 3;
    }
    case 'beckon': {
      const inFront = col(g, 2, ka, kb).every((z) => z < -0.1) && col(g, 1, ka, kb).every((y) => y < P.sh + 0.12);
      return inFront && legs(col(g, 2), 0.03) >= 4;
    }
    case 'point':
      return held((k) => {
        const ray = qrot(rec.qT[i][k], [0, 0, -1]);
        return speed(k) < 0.15 && len(sub(W[k], S)) > 0.78 * reach && dot(ray, norm(sub(g[k], S))) > Math.cos(20 * DEG);
      }, 0.55);
    case 'push': {
      const fwd = col(g, 2).map((z) => -z);
      const out = held((k) => {
        const ray = qrot(rec.qT[i][k], [0, 0, -1]);
        const palm = qrot(rec.qT[i][k], [0, -1, 0]);
        return speed(k) < 0.2 && len(sub(W[k], S)) > 0.65 * reach && ray[1] > Math.sin(20 * DEG) && palm[2] < -0.5;
      }, 0.3);
      return out && Math.max(...fwd) - Math.min(...fwd) > 0.15 * P.k;
    }
    case 'nod': {
      const p = rec.pitch.slice(a, b + 1);
      return legs(p, 5 * DEG) >= 2 && range(p) > range(rec.yaw.slice(a, b + 1));
    }
    case 'shake': {
      const y = rec.yaw.slice(a, b + 1);
      return legs(y, 7 * DEG) >= 2 && range(y) > range(rec.pitch.slice(a, b + 1));
    }
    default:
      return true;
  }
}

// ------------------------------------------------------------------------------------ trackers
const TRACKERS = ['lighthouse', 'inside-out', 'hand-tracking'] as const;
type TrackerKind = (typeof TRACKERS)[number];
interface Tracker {
  kind: TrackerKind; lat: number; latHead: number; pred: number; posSd: number; rotSd: number; headSd: number; ar: number;
  lossRate: number; lossMean: number; freezeMax: number; rayOff: Vec3; rayRot: Quat;
  fov: [number, number, number] | null; // half-width, down, up (rad)
}

function makeTracker(rng: Rng, kind: TrackerKind): Tracker {
  const base = {
    kind,
    rayOff: [rng.uniform(-0.005, 0.005), rng.uniform(-0.02, 0.0), -rng.uniform(0.03, 0.06)] as Vec3,
    rayRot: qeuler(rng.uniform(-4, 4) * DEG, rng.uniform(-10, 3) * DEG),
    headSd: rng.uniform(0.0002, 0.001),
  };
  if (kind === 'lighthouse')
    return { ...base, lat: rng.uniform(0.004, 0.012), latHead: rng.uniform(0.003, 0.008), pred: 1, posSd: rng.uniform(0.0003, 0.001), rotSd: rng.uniform(0.1, 0.3) * DEG, ar: 0.6, lossRate: rng.uniform(0.1, 0.6), lossMean: rng.uniform(0.05, 0.3), freezeMax: 0, fov: null };
  if (kind === 'inside-out')
    return { ...base, lat: rng.uniform(0.02, 0.05), latHead: rng.uniform(0.005, 0.015), pred: rng.uniform(0.7, 1.15), posSd: rng.uniform(0.001, 0.003), rotSd: rng.uniform(0.3, 1) * DEG, ar: 0.5, lossRate: rng.uniform(0.05, 0.4), lossMean: rng.uniform(0.05, 0.4), freezeMax: rng.uniform(0.2, 0.6), fov: [85 * DEG, 80 * DEG, 70 * DEG] };
  return { ...base, lat: rng.uniform(0.03, 0.07), latHead: rng.uniform(0.005, 0.015), pred: rng.uniform(0.3, 0.8), posSd: rng.uniform(0.002, 0.005), rotSd: rng.uniform(2, 6) * DEG, ar: 0.75, lossRate: rng.uniform(0.1, 0.5), lossMean: rng.uniform(0.05, 0.2), freezeMax: 0, fov: [rng.uniform(60, 75) * DEG, rng.uniform(50, 65) * DEG, rng.uniform(40, 55) * DEG] };
}

function sampleRec(ps: Vec3[], qs: Quat[], ts: number): Pose {
  const x = clamp(ts * SIM_HZ, 0, ps.length - 1);
  const i = Math.min(Math.floor(x), ps.length - 2);
  const u = x - i;
  return { p: lerp3(ps[i], ps[i + 1], u), q: qslerp(qs[i], qs[i + 1], u) };
}
/** Pose reported `lat` late, extrapolated forward with a finite-difference velocity (overshoots on reversals). */
function predicted(get: (ts: number) => Pose, ts: number, lat: number, gain: number, base: number): Pose {
  const [a, b, k] = [get(ts - lat), get(ts - lat - base), (lat * gain) / base];
  return { p: add(a.p, scale(sub(a.p, b.p), k)), q: qnorm(qmul(qexp(scale(rotvec(qmul(a.q, qconj(b.q))), k)), a.q)) };
}

interface Noise { p: Vec3; r: Vec3; }
function noisy(rng: Rng, n: Noise, pose: Pose, ar: number, posSd: number, rotSd: number): Pose {
  const s = Math.sqrt(1 - ar * ar);
  const nv = (v: Vec3, sd: number): Vec3 => [ar * v[0] + s * rng.normal(0, sd), ar * v[1] + s * rng.normal(0, sd), ar * v[2] + s * rng.normal(0, sd)];
  [n.p, n.r] = [nv(n.p, posSd), nv(n.r, rotSd)];
  return { p: add(pose.p, n.p), q: qnorm(qmul(qexp(n.r), pose.q)) };
}

function track(rec: Rec, P: Person, tr: Tracker, ws: number, Lw: number, rng: Rng): { frames: MotionFrame[]; hz: number } {
  const hz = rng.chance(0.5) ? rng.pick([30, 36, 45, 60, 72, 80, 90, 120]) : Math.round(rng.uniform(30, 120));
  const [jit, drop] = [rng.uniform(0, 0.08), rng.uniform(0, 0.04)]; // timestamp jitter, dropped-frame chance
  const headGet = (ts: number) => sampleRec(rec.headP, rec.headQ, ts);
  const handGet = (i: Hand) => (ts: number): Pose => {
    const h = sampleRec(rec.W[i], rec.Q[i], ts);
    if (!P.controllers) return h;
    const grip = add(h.p, qrot(h.q, [0, 0, -P.grip]));
    return { p: add(grip, qrot(h.q, tr.rayOff)), q: qmul(h.q, tr.rayRot) };
  };
  const gets = [handGet(0), handGet(1)];
  const noise: Noise[] = [0, 1, 2].map(() => ({ p: [0, 0, 0], r: [0, 0, 0] }));
  const [lost, unseen, last, frames]: [number[], number[], (Pose | null)[], MotionFrame[]] = [[0, 0], [0, 0], [null, null], []];
  let [t, prevT] = [0, 0];
  while (t <= Lw + 1e-9) {
    const ts = ws + t;
    const dtf = Math.max(t - prevT, 1 / hz);
    prevT = t;
    const headTrue = headGet(ts);
    const head = noisy(rng, noise[2], predicted(headGet, ts, tr.latHead, 1, 0.01), 0.6, tr.headSd, 0.05 * DEG);
    const hands: (Pose | null)[] = [null, null];
    for (const i of [0, 1] as const) {
      const truth = gets[i](ts - tr.lat);
      let visible = true;
      if (tr.fov) {
        const v = qrot(qconj(headTrue.q), sub(truth.p, headTrue.p)); // hand in headset coordinates
        const [h, e] = [Math.atan2(v[0], -v[2]), Math.atan2(v[1], Math.hypot(v[0], v[2]))];
        visible = -v[2] > 0.05 && Math.abs(h) < tr.fov[0] && e > -tr.fov[1] && e < tr.fov[2] && len(v) < 1.3;
      }
      if (lost[i] > 0) lost[i] -= dtf;
      else if (rng.chance(tr.lossRate * dtf)) lost[i] = -tr.lossMean * Math.log(1 - rng());
      if (visible && lost[i] <= 0) {
        unseen[i] = 0;
        const pose = tr.kind === 'lighthouse' ? truth : predicted(gets[i], ts, tr.lat, tr.pred, 0.03);
        hands[i] = noisy(rng, noise[i], pose, tr.ar, tr.posSd, tr.rotSd);
        last[i] = hands[i];
      } else {
        unseen[i] += dtf;
        hands[i] = tr.freezeMax > 0 && unseen[i] <= tr.freezeMax ? last[i] : null;
      }
    }
    frames.push({ t, head, left: hands[0], right: hands[1] });
    let step = (1 / hz) * clamp(1 + rng.normal(0, jit), 0.5, 1.6);
    if (rng.chance(drop)) step += 1 / hz;
    t += step;
  }
  return { frames, hz };
}

// ------------------------------------------------------------------------------------ clip checks
/** Peak speed over >= 0.1 s spans, as the generator tests measure it. */
function peakSpeed(frames: readonly MotionFrame[], get: (f: MotionFrame) => Pose | null, metric: (a: Pose, b: Pose) => number): number {
  let best = 0;
  for (let i = 0, j = 0; i < frames.length; i++) {
    const a = get(frames[i]);
    if (!a) continue;
    if (j <= i) j = i + 1;
    while (j < frames.length && frames[j].t - frames[i].t < 0.1) j++;
    const b = j < frames.length ? get(frames[j]) : null;
    if (b) best = Math.max(best, metric(a, b) / (frames[j].t - frames[i].t));
  }
  return best;
}
const posDist = (a: Pose, b: Pose) => len(sub(b.p, a.p));
const angDist = (a: Pose, b: Pose) => len(rotvec(qmul(b.q, qconj(a.q)))) / DEG;
const handSpeed = (fr: readonly MotionFrame[]) => Math.max(peakSpeed(fr, (f) => f.left, posDist), peakSpeed(fr, (f) => f.right, posDist));
const headRate = (fr: readonly MotionFrame[]) => peakSpeed(fr, (f) => f.head, angDist);

// ------------------------------------------------------------------------------------ dataset
interface Made { clip: MotionClip; tracker: TrackerKind; redraws: number; }

function makeClip(label: GestureLabel, rng: Rng): Made {
  const kind = rng.pick(TRACKERS); // kept across redraws so the tracker mix stays even
  for (let attempt = 0; attempt < 100; attempt++) {
    const P = makePerson(rng, kind !== 'hand-tracking');
    const sc = new Scene(P, rng);
    BUILDERS[label](sc);
    const keyLen = sc.key[1] - sc.key[0];
    if (keyLen + 0.15 > 2.95) continue;
    const Lw = rng.uniform(Math.max(1.15, keyLen + 0.15), 2.95);
    const lo = Math.max(0.35, sc.key[1] - Lw + 0.05);
    const hi = Math.min(sc.key[0] - 0.05, sc.end - Lw - 0.05);
    if (hi < lo) continue;
    const ws = rng.uniform(lo, hi);
    const rec = simulate(P, sc, ws + Lw + 0.1, rng);
    if (!checkLabel(label, P, sc, rec, ws, ws + Lw)) continue;
    const tr = makeTracker(rng, kind);
    const { frames, hz } = track(rec, P, tr, ws, Lw, rng);
    const dur = frames[frames.length - 1].t;
    if (dur < 1 || dur > 3 || handSpeed(frames) > 3.5 || headRate(frames) > 450) continue;
    const inKey = frames.filter((f) => f.t + ws >= sc.key[0] && f.t + ws <= sc.key[1]);
    const seen = (i: Hand) => inKey.filter((f) => (i ? f.right : f.left) !== null).length;
    if ([0, 1].some((i) => sc.mask & (1 << i) && seen(i as Hand) < 0.7 * inKey.length)) continue;
    return { clip: { label, hz, frames }, tracker: kind, redraws: attempt };
  }
  throw new Error(`synth-twelfth: could not draw a valid ${label} clip`);
}

function clipSeed(seed: number, label: number, i: number): number {
  return (Math.imul(seed | 0, 0x9e3779b1) ^ Math.imul(label + 1, 0x85ebca6b) ^ Math.imul(i + 1, 0xc2b2ae35)) >>> 0;
}

function generate(perLabel: number, seed: number): Made[] {
  const out: Made[] = [];
  GESTURE_LABELS.forEach((label, li) => {
    for (let i = 0; i < perLabel; i++) out.push(makeClip(label, createRng(clipSeed(seed, li, i))));
  });
  return out;
}

/** The evaluation clips: `perLabel` clips for each gesture label, deterministic for `seed`. */
export function twelfthDataset(perLabel: number, seed: number): MotionClip[] {
  return generate(perLabel, seed).map((m) => m.clip);
}

function summary(made: readonly Made[], out: string): string {
  const clips = made.map((m) => m.clip);
  let [hLo, hHi] = [Infinity, -Infinity]; // (no spread: there can be hundreds of thousands of frames)
  for (const c of clips) for (const f of c.frames) if (f.head) [hLo, hHi] = [Math.min(hLo, f.head.p[1]), Math.max(hHi, f.head.p[1])];
  const hzs = clips.map((c) => c.hz);
  const durs = clips.map((c) => c.frames[c.frames.length - 1].t - c.frames[0].t);
  const handFrames = clips.reduce((s, c) => s + 2 * c.frames.length, 0);
  const nulls = clips.reduce((s, c) => s + c.frames.filter((f) => !f.left).length + c.frames.filter((f) => !f.right).length, 0);
  const counts = TRACKERS.map((k) => `${k}=${made.filter((m) => m.tracker === k).length}`).join(' ');
  return (
    `synth-twelfth: ${clips.length} clips -> ${out} | max hand speed ${Math.max(...clips.map((c) => handSpeed(c.frames))).toFixed(2)} m/s` +
    ` | head height ${hLo.toFixed(2)}-${hHi.toFixed(2)} m | max head rate ${Math.max(...clips.map((c) => headRate(c.frames))).toFixed(0)} deg/s` +
    ` | hz ${Math.min(...hzs)}-${Math.max(...hzs)} | duration ${Math.min(...durs).toFixed(2)}-${Math.max(...durs).toFixed(2)} s` +
    ` | trackers ${counts} | untracked hand frames ${((100 * nulls) / handFrames).toFixed(1)}% | redraws ${made.reduce((s, m) => s + m.redraws, 0)}`
  );
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const out = args.get('out');
  const perLabel = Number(args.get('per-label') ?? '40');
  const seed = Number(args.get('seed') ?? '12');
  if (!out || !Number.isInteger(perLabel) || perLabel < 1 || !Number.isFinite(seed)) {
    console.error('usage: node --import tsx scripts/gesture/synth-twelfth.ts --out DIR [--per-label N] [--seed S]');
    process.exit(2);
  }
  const made = generate(perLabel, seed);
  writeClips(out, made.map((m) => m.clip));
  console.log(summary(made, out));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
