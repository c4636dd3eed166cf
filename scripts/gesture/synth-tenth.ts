/**
 * EVALUATION ONLY: never train or tune on its clips.
 *
 * Tenth motion-clip generator: an equilibrium-point (lambda-model) muscle simulation.
 * Every degree of freedom (seven per arm, three for the neck, two for the trunk, and the walking
 * heading/distance) is a joint driven by an agonist/antagonist muscle pair. Each muscle's
 * activation is its delayed (30-60 ms reflex loop) stretch beyond a central threshold lambda,
 * plus a velocity term, low-passed as calcium dynamics; force grows exponentially with
 * activation and saturates. The brain only shifts the thresholds: a "virtual trajectory" made of
 * constant-rate steps, with co-activation (stiffness) raised for fast or held movements. Gravity
 * loads the arm and wrist (partly compensated per person, so loose holders' rays droop), motor
 * noise is signal-dependent and a physiological tremor rides on the torques; everything is
 * integrated at 1 kHz. The body is its own (short to tall adults, some leaning on one leg,
 * handedness) and the tracker is a standalone headset with vsync-quantised Android-style frame
 * pacing (stalls then bursts), controllers lagging the head, constellation losses filled by IMU
 * dead reckoning, or hand-tracking wrists whose orientation is noisier than their position.
 *
 * Built independently: written only from PERCEPTION.md's "Gestures" and "Motion clip format"
 * sections, src/core/types.ts, scripts/gesture/motion-math.ts, scripts/gesture/node-io.ts and
 * tests/support/motion.ts; no other generator, feature code, model, trainer or clip was read.
 *
 * Usage: node --import tsx scripts/gesture/synth-tenth.ts --out DIR --per-label N --seed S
 */
import { fileURLToPath } from 'node:url';
import { GESTURE_LABELS, type GestureLabel, type MotionFrame, type Pose, type Quat, type Vec3 } from '../../src/core/types';
import { add, createRng, dot, len, norm, parseArgs, qaxis, qeuler, qmul, qnorm, qrot, scale, sub, writeClips, type MotionClip, type Rng } from './motion-math';

const DT = 0.001;
const T_PRE = 0.7; // settling time simulated before the clip starts
const INTRINSIC = 0.8; // share of the muscle's length feedback that is instantaneous
const X: Vec3 = [1, 0, 0];
const Y: Vec3 = [0, 1, 0];
const Z: Vec3 = [0, 0, 1];
const clamp = (x: number, a: number, b: number) => Math.min(b, Math.max(a, x));

const ARM_J = ['az', 'flex', 'abd', 'hum', 'elbow', 'wpitch', 'wroll'] as const;
type ArmJ = (typeof ARM_J)[number];
type Side = 'R' | 'L';
type ArmPosture = Record<ArmJ, number>;
const ARM_LIMITS: Record<ArmJ, [number, number]> = {
  az: [-1.2, 1.4], flex: [-0.6, 3.0], abd: [-0.3, 2.8], hum: [-1.7, 1.3], elbow: [0.02, 2.5], wpitch: [-1.1, 1.7], wroll: [-1.7, 1.7],
};

/** Piecewise-linear threshold command (the virtual trajectory); later shifts interrupt earlier ones. */
class Sched {
  ts: number[] = [];
  vs: number[] = [];
  constructor(public v0: number) {}
  at(t: number): number {
    const { ts, vs } = this;
    if (!ts.length || t <= ts[0]) return ts.length ? vs[0] : this.v0;
    if (t >= ts[ts.length - 1]) return vs[vs.length - 1];
    let i = 1;
    while (ts[i] < t) i++;
    const u = (t - ts[i - 1]) / Math.max(1e-9, ts[i] - ts[i - 1]);
    return vs[i - 1] + (vs[i] - vs[i - 1]) * u;
  }
  /** Shift the threshold from its current value to `v` at a constant rate over `ramp` seconds. */
  to(t: number, v: number, ramp: number): void {
    const from = this.at(t);
    while (this.ts.length && this.ts[this.ts.length - 1] >= t) {
      this.ts.pop();
      this.vs.pop();
    }
    this.ts.push(t, t + Math.max(0.01, ramp));
    this.vs.push(from, v);
  }
}

/** Muscle-pair parameters of one joint. */
interface JointParams {
  K: number; // small-signal stiffness at nominal co-activation (unit inertia)
  c: number; // exponential force-activation shape (1/rad)
  rho: number;
  mu: number; // reflex velocity sensitivity (s)
  b: number; // intrinsic viscosity
  delaySteps: number;
  tauAct: number;
  fmax: number;
  lo: number;
  hi: number;
}

function jointParams(fn: number, zeta: number, delay: number, lo: number, hi: number, c0: number): JointParams {
  const w = 2 * Math.PI * fn;
  const K = w * w;
  const c = 5;
  return { K, c, rho: K / (2 * c * Math.exp(c * c0)), mu: (0.45 * zeta * w) / K, b: 1.1 * zeta * w, delaySteps: Math.round(delay / DT), tauAct: 0.025, fmax: K * 1.1, lo, hi };
}

/** One simulated joint with its delayed stretch reflex. */
class Joint {
  th: number;
  om = 0;
  af = 0;
  ae = 0;
  private hTh: Float64Array;
  private hOm: Float64Array;
  private k = 0;
  trace: Float64Array;
  constructor(public p: JointParams, th0: number, steps: number) {
    this.th = th0;
    const n = p.delaySteps + 1;
    this.hTh = new Float64Array(n).fill(th0);
    this.hOm = new Float64Array(n);
    this.trace = new Float64Array(steps);
  }
  step(R: number, C: number, tauExt: number, noise: number): void {
    const p = this.p;
    const n = this.hTh.length;
    const d = (this.k + 1) % n; // oldest sample = delayed by delaySteps
    const thD = this.hTh[d];
    const omD = this.hOm[d];
    // reflex drive: delayed stretch beyond the threshold plus velocity, low-passed (calcium dynamics)
    this.af += ((R + C - thD - p.mu * omD - this.af) * DT) / p.tauAct;
    this.ae += ((thD - (R - C) + p.mu * omD - this.ae) * DT) / p.tauAct;
    // length-tension: the stretch since the reflex sample acts at once (intrinsic muscle stiffness)
    const dl = INTRINSIC * (thD - this.th);
    const force = (a: number) => p.fmax * Math.tanh((p.rho * (Math.exp(Math.min(8, p.c * Math.max(0, a))) - 1)) / p.fmax);
    const Ff = force(this.af + dl);
    const Fe = force(this.ae - dl);
    let tau = Ff - Fe - p.b * this.om + tauExt + noise * (Ff + Fe);
    if (this.th < p.lo) tau += 6 * p.K * (p.lo - this.th) - 0.5 * p.b * this.om;
    if (this.th > p.hi) tau -= 6 * p.K * (this.th - p.hi) + 0.5 * p.b * this.om;
    this.om += tau * DT;
    this.th += this.om * DT;
    this.k = (this.k + 1) % n;
    this.hTh[this.k] = this.th;
    this.hOm[this.k] = this.om;
  }
}

/** A person: body, habits and tracker. */
interface Person {
  H: number;
  Lu: number;
  Lf: number;
  shHalf: number;
  shY: number;
  hipY: number;
  neckY: number;
  eyeOff: Vec3;
  dom: Side;
  tempo: number;
  amp: number;
  vmax: number;
  delay: number;
  fnScale: number;
  comp: number;
  loose: boolean;
  gripDroop: number;
  leanX: number;
  tremor: number;
  sdn: number;
  rest: Record<Side, ArmPosture>;
  hands: boolean;
  pos: Vec3;
  yaw: number;
}

function makePerson(rng: Rng): Person {
  const H = clamp(rng.normal(1.71, 0.1), 1.5, 1.96);
  const k = H / 1.75;
  const dom: Side = rng.chance(0.13) ? 'L' : 'R';
  const loose = rng.chance(0.25);
  const restArm = (): ArmPosture => {
    const ready = rng.chance(0.3); // controllers held in front at the waist
    return {
      az: rng.uniform(-0.05, 0.25), flex: ready ? rng.uniform(0.15, 0.45) : rng.uniform(-0.05, 0.2), abd: rng.uniform(0.05, 0.25), hum: rng.uniform(-0.2, 0.3),
      elbow: ready ? rng.uniform(1.0, 1.5) : rng.uniform(0.15, 0.6), wpitch: rng.uniform(0.4, 0.9), wroll: rng.uniform(-0.4, 0.4),
    };
  };
  return {
    H, Lu: 0.172 * H * rng.uniform(0.96, 1.04), Lf: 0.158 * H * rng.uniform(0.96, 1.04), shHalf: 0.104 * H * rng.uniform(0.93, 1.08), shY: 0.818 * H, hipY: 0.53 * H, neckY: 0.885 * H,
    eyeOff: scale([0, 0.07, -0.09], k), dom, tempo: rng.uniform(0.8, 1.25), amp: rng.uniform(0.75, 1.25), vmax: rng.uniform(1.8, 2.8), delay: rng.uniform(0.03, 0.06),
    fnScale: rng.uniform(0.85, 1.2), comp: loose ? rng.uniform(0.2, 0.5) : rng.uniform(0.7, 0.98), loose, gripDroop: loose ? rng.uniform(0.12, 0.3) : rng.uniform(0, 0.06),
    leanX: rng.chance(0.3) ? rng.pick([-1, 1]) * rng.uniform(0.025, 0.06) : rng.normal(0, 0.006), tremor: rng.uniform(0.5, 2), sdn: rng.uniform(0.01, 0.04),
    rest: { R: restArm(), L: restArm() }, hands: rng.chance(0.3), pos: [rng.uniform(-3, 3), 0, rng.uniform(-3, 3)], yaw: rng.uniform(-Math.PI, Math.PI),
  };
}

const jn = (side: Side, j: ArmJ) => `${side}.${j}`;

/** The threshold commands of a clip and helpers to shift them. */
class Plan {
  R = new Map<string, Sched>();
  C = new Map<string, Sched>();
  constructor(public p: Person) {
    for (const s of ['R', 'L'] as Side[]) for (const j of ARM_J) this.R.set(jn(s, j), new Sched(p.rest[s][j]));
    for (const j of ['H.yaw', 'H.pitch', 'H.roll', 'T.yaw', 'T.lean', 'W.yaw', 'W.dist']) this.R.set(j, new Sched(0));
    this.R.get('H.pitch')!.v0 = -0.08;
    for (const g of ['R', 'L', 'H', 'T', 'W']) this.C.set(g, new Sched(0.08));
  }
  r(name: string): Sched {
    return this.R.get(name)!;
  }
  /** Shift an arm's thresholds toward a posture; all joints share one constant-rate ramp. Returns its end. */
  arm(side: Side, t: number, post: Partial<ArmPosture>, speed = 1, minRamp = 0.1): number {
    let big = 0;
    for (const j of ARM_J) if (post[j] !== undefined) big = Math.max(big, Math.abs(post[j]! - this.r(jn(side, j)).at(t)));
    const ramp = Math.max(minRamp, big / (this.p.vmax * speed));
    for (const j of ARM_J) if (post[j] !== undefined) this.r(jn(side, j)).to(t, clamp(post[j]!, ...ARM_LIMITS[j]), ramp);
    return t + ramp;
  }
  rest(side: Side, t: number, speed = 0.8): number {
    return this.arm(side, t, this.p.rest[side], speed, 0.25);
  }
  head(t: number, h: { yaw?: number; pitch?: number; roll?: number }, ramp: number): number {
    if (h.yaw !== undefined) this.r('H.yaw').to(t, h.yaw, ramp);
    if (h.pitch !== undefined) this.r('H.pitch').to(t, h.pitch, ramp);
    if (h.roll !== undefined) this.r('H.roll').to(t, h.roll, ramp);
    return t + ramp;
  }
  coact(g: string, t: number, v: number, ramp = 0.1): void {
    this.C.get(g)!.to(t, v, ramp);
  }
}

/** Arm forward kinematics in the canonical (right) shoulder frame: elbow, wrist, hand frame. */
function armFK(a: ArmPosture, p: Person): { elbow: Vec3; wrist: Vec3; q: Quat } {
  const qSh = qmul(qmul(qmul(qaxis(Y, a.az), qaxis(X, a.flex)), qaxis(Z, a.abd)), qaxis(Y, a.hum));
  const elbow = qrot(qSh, [0, -p.Lu, 0]);
  const qFo = qmul(qSh, qaxis(X, a.elbow));
  const wrist = add(elbow, qrot(qFo, [0, -p.Lf, 0]));
  const q = qmul(qmul(qFo, qaxis(Y, a.wroll)), qaxis(X, a.wpitch - Math.PI / 2));
  return { elbow, wrist, q };
}

/** Gravity torques on the seven arm joints (unit inertia units), by finite differences of the potential. */
function armGravity(a: ArmPosture, p: Person): number[] {
  const Ga = 48;
  const Gw = p.loose ? 85 : 45;
  const V = (x: ArmPosture) => {
    const f = armFK(x, p);
    const tip = add(f.wrist, qrot(f.q, [0, 0, -0.12]));
    return (Ga * (0.55 * f.elbow[1] + f.wrist[1])) / (p.Lu + p.Lf) + (Gw * (tip[1] - f.wrist[1])) / 0.12;
  };
  const v0 = V(a);
  return ARM_J.map((j) => {
    const b = { ...a, [j]: a[j] + 1e-4 };
    return -(V(b) - v0) / 1e-4;
  });
}

/** Simulated joint traces of one clip at 1 kHz, plus the integrated walking path. */
interface Sim {
  t0: number;
  joints: Map<string, Float64Array>;
  rootX: Float64Array;
  rootZ: Float64Array;
}

function simulate(plan: Plan, p: Person, rng: Rng, D: number): Sim {
  const steps = Math.ceil((D + T_PRE + 0.1) / DT);
  const t0 = -T_PRE;
  const joints = new Map<string, Joint>();
  const fnArm: Record<ArmJ, number> = { az: 3.6, flex: 3.6, abd: 3.6, hum: 4.2, elbow: 4.4, wpitch: 5.2, wroll: 5.5 };
  for (const s of ['R', 'L'] as Side[])
    for (const j of ARM_J) {
      const fn = j === 'wpitch' && p.loose ? 2.6 : fnArm[j] * p.fnScale;
      joints.set(jn(s, j), new Joint(jointParams(fn, 0.75, p.delay, ...ARM_LIMITS[j], 0.08), plan.r(jn(s, j)).at(t0), steps));
    }
  const hp = { fn: 5.5 * p.fnScale, d: p.delay * 0.8 };
  joints.set('H.yaw', new Joint(jointParams(hp.fn, 0.8, hp.d, -1.4, 1.4, 0.08), plan.r('H.yaw').at(t0), steps));
  joints.set('H.pitch', new Joint(jointParams(hp.fn, 0.8, hp.d, -1.0, 0.8, 0.08), plan.r('H.pitch').at(t0), steps));
  joints.set('H.roll', new Joint(jointParams(hp.fn * 0.9, 0.8, hp.d, -0.5, 0.5, 0.08), plan.r('H.roll').at(t0), steps));
  joints.set('T.yaw', new Joint(jointParams(2.0, 1.0, p.delay, -0.9, 0.9, 0.08), plan.r('T.yaw').at(t0), steps));
  joints.set('T.lean', new Joint(jointParams(1.8, 1.0, p.delay, -0.25, 0.9, 0.08), plan.r('T.lean').at(t0), steps));
  joints.set('W.yaw', new Joint(jointParams(1.3, 1.0, p.delay, -50, 50, 0.08), plan.r('W.yaw').at(t0), steps));
  joints.set('W.dist', new Joint(jointParams(1.1, 1.0, p.delay, -50, 50, 0.08), plan.r('W.dist').at(t0), steps));
  // tremor: 8-12 Hz oscillation with a slowly wandering amplitude, per limb
  const trem = new Map<string, { f: number; ph: number }>();
  for (const g of ['R', 'L', 'H']) trem.set(g, { f: rng.uniform(8, 12), ph: rng.uniform(0, 2 * Math.PI) });
  const noiseState = new Map<string, number>();
  for (const k of joints.keys()) noiseState.set(k, 0);
  const rootX = new Float64Array(steps);
  const rootZ = new Float64Array(steps);
  let x = 0;
  let z = 0;
  let prevDist = plan.r('W.dist').at(t0);
  const grav: Record<Side, number[]> = { R: ARM_J.map(() => 0), L: ARM_J.map(() => 0) };
  const ff: Record<Side, number[]> = { R: ARM_J.map(() => 0), L: ARM_J.map(() => 0) };
  for (let i = 0; i < steps; i++) {
    const t = t0 + i * DT;
    if (i % 4 === 0)
      for (const s of ['R', 'L'] as Side[]) {
        const cur = {} as ArmPosture;
        const cmd = {} as ArmPosture;
        for (const j of ARM_J) {
          cur[j] = joints.get(jn(s, j))!.th;
          cmd[j] = plan.r(jn(s, j)).at(t);
        }
        grav[s] = armGravity(cur, p);
        ff[s] = armGravity(cmd, p).map((g) => -p.comp * g);
      }
    for (const [name, jt] of joints) {
      const g = name[0];
      const C = plan.C.get(g)!.at(t);
      let ext = 0;
      if (g === 'R' || g === 'L') {
        const ji = ARM_J.indexOf(name.slice(2) as ArmJ);
        ext = grav[g][ji] + ff[g][ji];
      }
      // signal-dependent motor noise, low-passed (50 ms), plus tremor
      const nz = noiseState.get(name)! * 0.98 + 0.02 * rng.normal(0, 1) * 4.5;
      noiseState.set(name, nz);
      let tr = 0;
      const tq = trem.get(g);
      if (tq && !name.endsWith('wroll')) tr = p.tremor * 0.0035 * jt.p.K * 6 * Math.sin(2 * Math.PI * tq.f * t + tq.ph) * (1 + 0.4 * Math.sin(1.3 * t));
      jt.step(plan.r(name).at(t), C, ext + tr, p.sdn * nz);
      jt.trace[i] = jt.th;
    }
    const dist = joints.get('W.dist')!.th;
    const hd = p.yaw + joints.get('W.yaw')!.th;
    x += -Math.sin(hd) * (dist - prevDist);
    z += -Math.cos(hd) * (dist - prevDist);
    prevDist = dist;
    rootX[i] = x;
    rootZ[i] = z;
  }
  const out = new Map<string, Float64Array>();
  for (const [k, v] of joints) out.set(k, v.trace);
  return { t0, joints: out, rootX, rootZ };
}

function sample(arr: Float64Array, sim: Sim, t: number): number {
  const u = clamp((t - sim.t0) / DT, 0, arr.length - 1.001);
  const i = Math.floor(u);
  return arr[i] + (arr[i + 1] - arr[i]) * (u - i);
}

const mirrorQ = (q: Quat): Quat => [q[0], -q[1], -q[2], q[3]];

/** True world poses at time t: head, and both hands (controller target ray or wrist). */
function bodyAt(sim: Sim, p: Person, t: number): { head: Pose; hands: Record<Side, Pose>; wrists: Record<Side, Pose> } {
  const J = (n: string) => sample(sim.joints.get(n)!, sim, t);
  const dist = J('W.dist');
  const psi = p.yaw + J('W.yaw');
  const qRoot = qaxis(Y, psi);
  const P: Vec3 = [p.pos[0] + sample(sim.rootX, sim, t), 0, p.pos[2] + sample(sim.rootZ, sim, t)];
  const stepLen = 0.7 * p.H * 0.42;
  const walkPhase = (Math.PI * dist) / stepLen;
  const bob = 0.022 * Math.abs(Math.sin(walkPhase)) * clamp(Math.abs(dist) / 0.2, 0, 1) - 0.012 * Math.abs(p.leanX) / 0.06;
  const sway = p.leanX + 0.006 * Math.sin(2 * Math.PI * 0.23 * t + p.H * 10) + 0.02 * Math.sin(walkPhase) * clamp(Math.abs(dist) / 0.2, 0, 1);
  const qUp = qmul(qmul(qaxis(Y, J('T.yaw')), qaxis(Z, -sway * 0.6)), qaxis(X, -J('T.lean')));
  const hip: Vec3 = [sway, p.hipY + bob, 0.004 * Math.sin(2 * Math.PI * 0.17 * t + p.H * 7)];
  const world = (vRelHip: Vec3): Vec3 => add(P, qrot(qRoot, add(hip, qrot(qUp, vRelHip))));
  const qBody = qmul(qRoot, qUp);
  const qHeadL = qeuler(J('H.yaw'), J('H.pitch'), J('H.roll'));
  const pivot = world([0, p.neckY - p.hipY, 0.01]);
  const qHead = qmul(qBody, qHeadL);
  const head: Pose = { p: add(pivot, qrot(qHead, p.eyeOff)), q: qnorm(qHead) };
  const hands = {} as Record<Side, Pose>;
  const wrists = {} as Record<Side, Pose>;
  for (const s of ['R', 'L'] as Side[]) {
    const a = {} as ArmPosture;
    for (const j of ARM_J) a[j] = J(jn(s, j));
    const f = armFK(a, p);
    const m = s === 'R' ? 1 : -1;
    const sh: Vec3 = [m * p.shHalf, p.shY - p.hipY, 0.02];
    const wristL: Vec3 = add(sh, [m * f.wrist[0], f.wrist[1], f.wrist[2]]);
    const qh = s === 'R' ? f.q : mirrorQ(f.q);
    const qRay = qmul(qh, qaxis(X, -p.gripDroop));
    const qW = qnorm(qmul(qBody, qh));
    const qR = qnorm(qmul(qBody, qRay));
    const wp = world(wristL);
    wrists[s] = { p: wp, q: qW };
    hands[s] = { p: add(wp, qrot(qR, [0, 0.02, -0.06])), q: qR };
  }
  return { head, hands, wrists };
}

/** Headset frame timestamps: vsync-quantised, with dropped frames and stalls followed by bursts. */
function frameTimes(rng: Rng, hz: number, D: number): number[] {
  const dt = 1 / hz;
  const pDrop = rng.uniform(0, 0.04);
  const pStall = rng.uniform(0, 0.025);
  const out: number[] = [0];
  let k = 1;
  while (k * dt <= D) {
    const tv = k * dt + rng.normal(0, 0.00025);
    if (rng.chance(pStall)) {
      const skip = rng.int(2, 3);
      k += skip;
      const burst = rng.int(2, 3);
      for (let i = 0; i < burst; i++) {
        const tb = k * dt - (burst - 1 - i) * rng.uniform(0.002, 0.004);
        if (tb > out[out.length - 1] + 2e-4 && tb <= D) out.push(tb);
      }
      k++;
      continue;
    }
    if (!rng.chance(pDrop) && tv > out[out.length - 1] + 2e-4) out.push(tv);
    k++;
  }
  return out;
}

/** Tracker model: controllers with lag, constellation loss and IMU dead reckoning, or hand tracking. */
function track(sim: Sim, p: Person, rng: Rng, D: number, hz: number, absent: Side | null): MotionFrame[] {
  const times = frameTimes(rng, hz, D);
  const lag = rng.uniform(0.002, 0.014);
  const frames: MotionFrame[] = [];
  const st: Record<Side, { lostAt: number | null; p: Vec3; v: Vec3; bias: Vec3; seen: number; err: Vec3; errT: number; jit: Vec3; jq: Vec3 }> = {
    R: { lostAt: null, p: [0, 0, 0], v: [0, 0, 0], bias: [0, 0, 0], seen: 3, err: [0, 0, 0], errT: 0, jit: [0, 0, 0], jq: [0, 0, 0] },
    L: { lostAt: null, p: [0, 0, 0], v: [0, 0, 0], bias: [0, 0, 0], seen: 3, err: [0, 0, 0], errT: 0, jit: [0, 0, 0], jq: [0, 0, 0] },
  };
  const drTimeout = rng.uniform(0.2, 0.5);
  let prevT = 0;
  for (const t of times) {
    const b = bodyAt(sim, p, t);
    const bl = bodyAt(sim, p, t - lag);
    const hn = (): number => rng.normal(0, 0.0003);
    const head: Pose = { p: add(b.head.p, [hn(), hn(), hn()]), q: qnorm(qmul(b.head.q, qaxis(norm([rng.normal(), rng.normal(), rng.normal()]), rng.normal(0, 0.0008)))) };
    const qInv: Quat = [-b.head.q[0], -b.head.q[1], -b.head.q[2], b.head.q[3]];
    const fr: MotionFrame = { t, head, left: null, right: null };
    for (const s of ['R', 'L'] as Side[]) {
      if (s === absent) continue;
      const S = st[s];
      const truth = p.hands ? bl.wrists[s] : bl.hands[s];
      const toHand = sub(truth.p, b.head.p);
      // tracking cameras' coverage in the head frame: an ellipse of horizontal and vertical angles
      const dl = qrot(qInv, toHand);
      const az = Math.atan2(dl[0], -dl[2]);
      const el = Math.atan2(dl[1], Math.hypot(dl[0], dl[2]));
      const inView = (h: number, up: number, down: number) => (az / h) ** 2 + (el / (el > 0 ? up : down)) ** 2 < 1;
      let pose: Pose | null;
      if (p.hands) {
        // hand tracking: narrower view, drops at once; wrist orientation noisier than position
        const vis = inView(1.45, 0.95, 1.2) && len(toHand) < 1.1;
        S.seen = vis ? S.seen + 1 : 0;
        for (let i = 0; i < 3; i++) {
          S.jit[i] = 0.7 * S.jit[i] + rng.normal(0, 0.0025);
          S.jq[i] = 0.6 * S.jq[i] + rng.normal(0, 0.05);
        }
        pose = S.seen >= 2 ? { p: add(truth.p, S.jit), q: qnorm(qmul(truth.q, qaxis(norm(S.jq), len(S.jq)))) } : null;
      } else {
        const ringN = norm(qrot(truth.q, [0, 1, 0.5]));
        const facing = dot(ringN, scale(norm(toHand), -1));
        const vis = inView(1.5, 1.0, 1.45) && facing > -0.8 && !rng.chance(0.003);
        const v = scale(sub(truth.p, bodyAt(sim, p, t - lag - 0.01).hands[s].p), 100);
        if (t === times[0]) {
          S.p = truth.p; // the tracker had the controller before the clip began
          S.v = v;
        }
        S.seen = vis ? S.seen + 1 : 0;
        if (S.lostAt !== null && S.seen >= 2) {
          // reacquired: the filter pulls the dead-reckoned estimate back onto the optical fix
          S.err = t - S.lostAt < drTimeout ? sub(S.p, truth.p) : [0, 0, 0];
          S.errT = t;
          S.lostAt = null;
        }
        if (S.lostAt === null && !vis) {
          S.lostAt = t;
          S.bias = scale(norm([rng.normal(), rng.normal(), rng.normal()]), rng.uniform(0.2, 0.8));
        }
        if (S.lostAt === null) {
          const pull = Math.exp(-(t - S.errT) / 0.08);
          S.p = add(truth.p, scale(S.err, pull));
          S.v = v;
          pose = { p: add(S.p, [hn(), hn(), hn()]), q: truth.q };
        } else {
          const el = t - S.lostAt;
          const dtf = t - prevT;
          // IMU dead reckoning: velocity decays, accelerometer bias integrates into drift
          S.v = add(scale(S.v, Math.exp(-dtf / 0.09)), scale(S.bias, dtf));
          S.p = add(S.p, scale(S.v, dtf));
          pose = el < drTimeout ? { p: S.p, q: qnorm(qmul(truth.q, qaxis(Y, 0.05 * el))) } : null;
        }
      }
      if (s === 'R') fr.right = pose;
      else fr.left = pose;
    }
    frames.push(fr);
    prevT = t;
  }
  return frames;
}

/** A gesture or everyday motion: how long its defining part lasts and how to plan it from t0. */
interface Act {
  len: number;
  run: (t0: number) => void;
}
type Maker = (pl: Plan, p: Person, rng: Rng, hand: Side) => Act;

const other = (s: Side): Side => (s === 'R' ? 'L' : 'R');

/** Alternate a joint's threshold between two values: `n` half-swings of `half` seconds. */
function alternate(pl: Plan, name: string, t: number, a: number, b: number, n: number, half: number, rng: Rng, jitter = 0.08): number {
  for (let i = 0; i < n; i++) {
    const h = half * (1 + rng.normal(0, jitter));
    pl.r(name).to(t, i % 2 === 0 ? a : b, h * rng.uniform(0.7, 0.95));
    t += h;
  }
  return t;
}

/** Duration of the constant-rate threshold shift from the rest posture to `post` (as `Plan.arm` ramps it). */
function rampFrom(p: Person, hand: Side, post: Partial<ArmPosture>, speed: number, minRamp: number): number {
  let big = 0;
  for (const j of ARM_J) if (post[j] !== undefined) big = Math.max(big, Math.abs(post[j]! - p.rest[hand][j]));
  return Math.max(minRamp, big / (p.vmax * speed));
}

const wave: Maker = (pl, p, rng, hand) => {
  const f = clamp(rng.uniform(1.6, 3.3) * p.tempo, 1.5, 3.5);
  const half = 1 / (2 * f);
  const n = rng.int(4, Math.min(9, Math.floor(1.9 / half)));
  const style = rng.pick(['hum', 'elbow', 'overhead'] as const);
  const A0 = rng.uniform(0.3, 0.5) * p.amp;
  let post: Partial<ArmPosture>, sj: ArmJ, base: number;
  if (style === 'hum') {
    post = { az: rng.uniform(0.1, 0.5), flex: rng.uniform(0.6, 1.0), abd: rng.uniform(0.3, 0.6), hum: -0.2, elbow: rng.uniform(1.6, 2.0), wpitch: rng.uniform(0.6, 1.3), wroll: rng.uniform(-0.3, 0.3) };
    sj = 'hum';
    base = -0.2;
  } else if (style === 'elbow') {
    post = { az: rng.uniform(0.4, 0.8), flex: rng.uniform(0.25, 0.55), abd: rng.uniform(1.3, 1.55), hum: rng.uniform(-1.5, -1.2), elbow: rng.uniform(1.1, 1.4), wpitch: rng.uniform(0.6, 1.2), wroll: 0 };
    sj = 'elbow';
    base = post.elbow!;
  } else {
    post = { az: rng.uniform(0.1, 0.4), flex: rng.uniform(1.7, 2.1), abd: 0.1, hum: 0, elbow: rng.uniform(0.2, 0.6), wpitch: rng.uniform(0.2, 0.8), wroll: 0 };
    sj = 'abd';
    base = 0.1;
  }
  // keep the hand's swing speed humanly possible (peak about 2*pi*f*A*radius)
  const A = Math.min(A0, 1.1 / (2 * Math.PI * f * (style === 'overhead' ? 0.5 : 0.33)));
  const raise = rampFrom(p, hand, post, 1.1, 0.35);
  return {
    len: raise + n * half,
    run: (t0) => {
      pl.coact(hand, t0, 0.2 + 0.05 * f, 0.2);
      const up = pl.arm(hand, t0, post, 1.1, 0.35);
      const end = alternate(pl, `${hand}.${sj}`, up - 0.08, base + A, base - A, n, half, rng);
      pl.r(`${hand}.${sj}`).to(end, base, half * 0.6);
      pl.head(t0 + 0.1, { roll: rng.normal(0, 0.06) }, 0.4);
      if (rng.chance(0.7)) pl.rest(hand, end + rng.uniform(0.05, 0.3));
      pl.coact(hand, end + 0.2, 0.08, 0.3);
    },
  };
};

const beckon: Maker = (pl, p, rng, hand) => {
  const f = clamp(rng.uniform(1.1, 2.3) * p.tempo, 0.9, 2.8);
  const n = 2 * rng.int(2, 4);
  const half = 1 / (2 * f);
  const bring = 0.3;
  return {
    len: bring + n * half,
    run: (t0) => {
      const e0 = rng.uniform(1.0, 1.35);
      const pull = Math.min(rng.uniform(0.45, 0.75) * p.amp, 0.9 / (2 * Math.PI * f * 0.3));
      pl.coact(hand, t0, 0.16, 0.2);
      pl.arm(hand, t0, { az: rng.uniform(0.05, 0.35), flex: rng.uniform(0.55, 0.9), abd: rng.uniform(0.05, 0.25), hum: rng.uniform(-0.2, 0.2), elbow: e0, wpitch: rng.uniform(0.0, 0.4), wroll: rng.uniform(-1.4, -0.6) }, 1, bring * 0.8);
      let t = t0 + bring;
      for (let i = 0; i < n; i++) {
        const h = half * (1 + rng.normal(0, 0.07));
        const toward = i % 2 === 0;
        pl.r(`${hand}.elbow`).to(t, toward ? e0 + pull : e0, h * 0.8);
        pl.r(`${hand}.wpitch`).to(t, toward ? 0.9 : 0.1, h * 0.5);
        pl.r(`${hand}.flex`).to(t, pl.r(`${hand}.flex`).at(t) + (toward ? -0.12 : 0.12), h * 0.6);
        t += h;
      }
      if (rng.chance(0.6)) pl.rest(hand, t + rng.uniform(0.05, 0.3));
    },
  };
};

const point: Maker = (pl, p, rng, hand) => {
  const hold = rng.uniform(0.6, 1.5);
  const az = rng.uniform(-0.7, 0.6);
  const flex = rng.uniform(1.15, 1.8);
  const post: Partial<ArmPosture> = { az, flex, abd: rng.uniform(0.0, 0.3), hum: rng.uniform(-0.3, 0.3), elbow: rng.uniform(0.05, 0.3), wpitch: rng.uniform(-0.15, 0.15), wroll: rng.uniform(-0.5, 0.3) };
  const speed = 1.2 * p.tempo;
  const raise = rampFrom(p, hand, post, speed, 0.3);
  const settle = 0.12; // the arm settles after the threshold shift ends
  return {
    len: raise + settle + hold,
    run: (t0) => {
      pl.coact(hand, t0, 0.12, 0.2);
      const up = pl.arm(hand, t0, post, speed, 0.3);
      pl.coact(hand, up - 0.1, 0.26, 0.2);
      pl.head(t0 + 0.05, { yaw: (hand === 'R' ? 1 : -1) * az * 0.5, pitch: (flex - 1.5) * 0.5 - 0.05 }, 0.35);
      const end = up + settle + hold;
      if (rng.chance(0.6)) {
        pl.coact(hand, end, 0.08, 0.2);
        pl.rest(hand, end);
        pl.head(end + 0.1, { yaw: 0, pitch: -0.08 }, 0.4);
      }
    },
  };
};

const push: Maker = (pl, p, rng, hand) => {
  const prepPost: Partial<ArmPosture> | null = rng.chance(0.5) ? { flex: rng.uniform(0.3, 0.6), abd: 0.15, elbow: rng.uniform(1.6, 2.0), wpitch: rng.uniform(1.1, 1.5), wroll: rng.uniform(-0.2, 0.2) } : null;
  const post: Partial<ArmPosture> = { az: rng.uniform(0.05, 0.35), flex: rng.uniform(1.15, 1.5), abd: rng.uniform(0.05, 0.3), hum: rng.uniform(-0.2, 0.2), elbow: rng.uniform(0.1, 0.45), wpitch: rng.uniform(1.2, 1.55), wroll: rng.uniform(-0.2, 0.2) };
  const speed = Math.min(1.3, 1.05 * p.tempo);
  const prep = prepPost ? rampFrom(p, hand, prepPost, 1, 0.2) : 0;
  const thrust = prepPost ? Math.max(0.2, (Math.abs(post.flex! - prepPost.flex!) + 0.3) / (p.vmax * speed)) : rampFrom(p, hand, post, speed, 0.22);
  const hold = rng.uniform(0.5, 1.2);
  const both = rng.chance(0.2);
  return {
    len: prep + thrust + 0.1 + hold,
    run: (t0) => {
      const hands: Side[] = both ? [hand, other(hand)] : [hand];
      for (const h of hands) {
        pl.coact(h, t0, 0.15, 0.2);
        const t1 = prepPost ? pl.arm(h, t0, prepPost, 1, 0.2) : t0;
        const out = pl.arm(h, t1, post, speed, 0.2);
        pl.coact(h, out - 0.05, 0.28, 0.15);
        const end = out + 0.1 + hold;
        if (rng.chance(0.55)) {
          pl.coact(h, end, 0.08, 0.2);
          pl.rest(h, end);
        }
      }
    },
  };
};

const nod: Maker = (pl, p, rng) => {
  const n = rng.int(1, 4);
  const half = clamp(rng.uniform(0.16, 0.3) / p.tempo, 0.13, 0.36);
  return {
    len: 2 * n * half + 0.1,
    run: (t0) => {
      const A = rng.uniform(0.16, 0.35) * p.amp;
      const base = pl.r('H.pitch').at(t0);
      pl.coact('H', t0, 0.16, 0.1);
      const end = alternate(pl, 'H.pitch', t0, base - A, base + rng.uniform(0, 0.3) * A, 2 * n, half, rng);
      pl.r('H.pitch').to(end, base, half * 0.7);
      pl.coact('H', end + 0.2, 0.08, 0.2);
    },
  };
};

const shake: Maker = (pl, p, rng) => {
  const n = rng.int(1, 3);
  const half = clamp(rng.uniform(0.17, 0.32) / p.tempo, 0.14, 0.38);
  return {
    len: 2 * n * half + 0.15,
    run: (t0) => {
      const A = rng.uniform(0.2, 0.5) * p.amp;
      const dir = rng.pick([-1, 1]);
      pl.coact('H', t0, 0.16, 0.1);
      const end = alternate(pl, 'H.yaw', t0, dir * A, -dir * A, 2 * n, half, rng);
      pl.r('H.yaw').to(end, 0, half * 0.8);
      pl.coact('H', end + 0.2, 0.08, 0.2);
    },
  };
};

// ---- everyday motions and hard negatives for `none` ----
const simple = (len: number, run: (t0: number) => void): Act => ({ len, run });

const NONE: Record<string, Maker> = {
  idle: (_pl, _p, rng) => simple(rng.uniform(0.5, 1.5), () => {}),
  lookDown: (pl, _p, rng) => simple(1.4, (t0) => {
    pl.head(t0, { pitch: -rng.uniform(0.3, 0.7) }, rng.uniform(0.35, 0.6));
    if (rng.chance(0.5)) pl.head(t0 + rng.uniform(1.0, 1.3), { pitch: -0.08 }, rng.uniform(0.45, 0.7));
  }),
  headTilt: (pl, _p, rng) => simple(1.2, (t0) => {
    pl.head(t0, { roll: rng.pick([-1, 1]) * rng.uniform(0.15, 0.35), pitch: rng.uniform(-0.2, 0.1) }, rng.uniform(0.3, 0.5));
    if (rng.chance(0.5)) pl.head(t0 + rng.uniform(0.8, 1.1), { roll: 0, pitch: -0.08 }, 0.5);
  }),
  glance: (pl, _p, rng) => simple(1.5, (t0) => {
    pl.head(t0, { yaw: rng.pick([-1, 1]) * rng.uniform(0.35, 1.0), pitch: rng.uniform(-0.15, 0.1) }, rng.uniform(0.2, 0.35));
    pl.head(t0 + rng.uniform(0.6, 1.1), { yaw: rng.normal(0, 0.05), pitch: -0.08 }, rng.uniform(0.3, 0.5));
  }),
  lookAround: (pl, _p, rng) => simple(2.0, (t0) => {
    let t = t0;
    for (let i = 0; i < 3; i++) {
      pl.head(t, { yaw: rng.uniform(-0.8, 0.8), pitch: rng.uniform(-0.3, 0.2) }, rng.uniform(0.35, 0.6));
      t += rng.uniform(0.6, 0.9);
    }
  }),
  reach: (pl, _p, rng, hand) => simple(1.4, (t0) => {
    const out = pl.arm(hand, t0, { az: rng.uniform(-0.4, 0.5), flex: rng.uniform(0.6, 1.2), abd: rng.uniform(0, 0.3), elbow: rng.uniform(0.2, 0.6), wpitch: rng.uniform(0.2, 0.8) }, 1, 0.35);
    pl.head(t0, { pitch: -rng.uniform(0.2, 0.5), yaw: rng.uniform(-0.3, 0.3) }, 0.3);
    pl.r('T.lean').to(t0, rng.uniform(0.05, 0.3), 0.4);
    const grab = out + rng.uniform(0.1, 0.3);
    pl.arm(hand, grab, { flex: rng.uniform(0.3, 0.6), elbow: rng.uniform(1.2, 1.8), wpitch: 0.6 }, 0.9, 0.3);
    pl.r('T.lean').to(grab, 0, 0.5);
    pl.head(grab + 0.1, { pitch: -0.15, yaw: 0 }, 0.4);
  }),
  talk: (pl, _p, rng, hand) => simple(2.0, (t0) => {
    let t = t0;
    const hands: Side[] = rng.chance(0.4) ? [hand, other(hand)] : [hand];
    while (t < t0 + 2.0) {
      for (const h of hands)
        pl.arm(h, t + rng.uniform(0, 0.08), { az: rng.uniform(-0.2, 0.5), flex: rng.uniform(0.2, 0.8), abd: rng.uniform(0.1, 0.5), elbow: rng.uniform(0.9, 1.7), wpitch: rng.uniform(0.2, 1.2), wroll: rng.uniform(-1.2, 0.4) }, 0.8, 0.15);
      t += rng.uniform(0.3, 0.7);
    }
    pl.head(t0 + 0.3, { yaw: rng.uniform(-0.15, 0.15), roll: rng.normal(0, 0.05) }, 0.5);
  }),
  sweep: (pl, _p, rng, hand) => simple(1.3, (t0) => {
    const a = pl.arm(hand, t0, { az: 0.6, flex: rng.uniform(0.9, 1.4), abd: 0.1, elbow: rng.uniform(0.2, 0.6), wpitch: 0.3 }, 1, 0.3);
    const b = pl.arm(hand, a, { az: -rng.uniform(0.6, 1.1) }, 1.1, 0.4);
    pl.rest(hand, b + rng.uniform(0, 0.1));
  }),
  pointFlick: (pl, _p, rng, hand) => simple(1.0, (t0) => {
    const up = pl.arm(hand, t0, { az: rng.uniform(-0.5, 0.5), flex: rng.uniform(1.2, 1.6), abd: 0.1, elbow: rng.uniform(0.1, 0.4), wpitch: 0 }, 1.2, 0.3);
    pl.rest(hand, up + rng.uniform(0.0, 0.15), 1.1);
  }),
  scratch: (pl, _p, rng, hand) => simple(1.6, (t0) => {
    const up = pl.arm(hand, t0, { az: 0.1, flex: rng.uniform(1.0, 1.5), abd: rng.uniform(0.9, 1.3), hum: -0.6, elbow: rng.uniform(2.1, 2.45), wpitch: 0.3 }, 1, 0.4);
    pl.head(t0, { roll: (hand === 'R' ? 1 : -1) * rng.uniform(0.05, 0.2), pitch: -0.15 }, 0.4);
    const end = alternate(pl, `${hand}.wpitch`, up, 0.05, 0.55, rng.int(4, 8), rng.uniform(0.08, 0.12), rng);
    pl.rest(hand, end + 0.1);
    pl.head(end, { roll: 0, pitch: -0.08 }, 0.4);
  }),
  adjustHeadset: (pl, _p, rng, hand) => simple(1.6, (t0) => {
    const hands: Side[] = rng.chance(0.5) ? [hand, other(hand)] : [hand];
    let end = t0;
    for (const h of hands) {
      const up = pl.arm(h, t0, { az: 0.35, flex: rng.uniform(1.3, 1.7), abd: rng.uniform(0.4, 0.7), hum: -0.3, elbow: rng.uniform(2.1, 2.4), wpitch: 1.0 }, 1, 0.4);
      end = Math.max(end, up + rng.uniform(0.3, 0.7));
      pl.rest(h, end);
    }
    pl.head(t0 + 0.4, { pitch: rng.uniform(-0.1, 0.1), roll: rng.normal(0, 0.06) }, 0.3);
    pl.head(end, { pitch: -0.08, roll: 0 }, 0.4);
  }),
  walk: (pl, p, rng, hand) => simple(2.2, (t0) => {
    const speed = rng.uniform(0.6, 1.2);
    pl.r('W.dist').to(t0, speed * 3.0, 3.0);
    if (rng.chance(0.4)) pl.r('W.yaw').to(t0 + 0.3, rng.uniform(-0.8, 0.8), 1.2);
    pl.head(t0, { pitch: -rng.uniform(0.1, 0.35) }, 0.5);
    const stride = (0.7 * p.H * 0.42) / speed;
    for (const s of ['R', 'L'] as Side[]) {
      const base = p.rest[s].flex;
      alternate(pl, `${s}.flex`, t0 + (s === hand ? 0 : stride), base + 0.2, base - 0.12, 6, stride, rng, 0.04);
    }
  }),
  turnAround: (pl, _p, rng) => simple(2.0, (t0) => {
    const turn = rng.pick([-1, 1]) * rng.uniform(1.6, 3.2);
    pl.head(t0, { yaw: Math.sign(turn) * 0.5 }, 0.3);
    pl.r('T.yaw').to(t0 + 0.1, Math.sign(turn) * 0.3, 0.4);
    pl.r('W.yaw').to(t0 + 0.2, turn, rng.uniform(0.9, 1.4));
    pl.head(t0 + 1.0, { yaw: 0 }, 0.5);
    pl.r('T.yaw').to(t0 + 1.1, 0, 0.5);
  }),
  stretch: (pl, _p, rng) => simple(2.0, (t0) => {
    let end = t0;
    for (const h of ['R', 'L'] as Side[]) {
      const up = pl.arm(h, t0, { az: 0.1, flex: rng.uniform(2.4, 2.9), abd: rng.uniform(0.1, 0.4), elbow: rng.uniform(0.1, 0.5), wpitch: 0.8 }, 0.7, 0.6);
      end = Math.max(end, up + rng.uniform(0.4, 0.8));
      pl.rest(h, end, 0.6);
    }
    pl.head(t0 + 0.2, { pitch: rng.uniform(0.1, 0.3) }, 0.6);
    pl.r('T.lean').to(t0 + 0.2, -0.12, 0.6);
    pl.head(end, { pitch: -0.08 }, 0.6);
    pl.r('T.lean').to(end, 0, 0.6);
  }),
  clap: (pl, p, rng) => simple(1.6, (t0) => {
    const n = rng.int(3, 6);
    const half = clamp(rng.uniform(0.14, 0.22) / p.tempo, 0.13, 0.25);
    for (const h of ['R', 'L'] as Side[]) {
      const up = pl.arm(h, t0, { az: 0.6, flex: rng.uniform(0.6, 0.9), abd: 0.2, hum: 0, elbow: rng.uniform(1.3, 1.6), wpitch: 0.4, wroll: -1.1 }, 1, 0.35);
      const end = alternate(pl, `${h}.az`, up, 0.85, 0.5, 2 * n, half, rng, 0.03);
      pl.rest(h, end + 0.1);
    }
  }),
  pocket: (pl, _p, rng, hand) => simple(1.2, (t0) => {
    const at = pl.arm(hand, t0, { az: -0.1, flex: -0.25, abd: 0.25, hum: 0.3, elbow: rng.uniform(0.5, 0.9), wpitch: 0.2 }, 0.8, 0.45);
    if (rng.chance(0.5)) pl.rest(hand, at + rng.uniform(0.3, 0.6));
  }),
  restArms: (pl, _p, rng) => simple(1.4, (t0) => {
    const crossed = rng.chance(0.5);
    for (const h of ['R', 'L'] as Side[])
      pl.arm(h, t0 + rng.uniform(0, 0.15), crossed ? { az: 1.0, flex: 0.35, abd: 0.2, hum: 0.3, elbow: 1.9, wpitch: 0.4 } : { az: -0.2, flex: -0.1, abd: 0.7, hum: 0.6, elbow: 1.5, wpitch: 0.2 }, 0.7, 0.5);
  }),
  checkWatch: (pl, _p, rng, hand) => simple(1.6, (t0) => {
    const up = pl.arm(other(hand), t0, { az: 0.7, flex: 0.6, abd: 0.2, elbow: 1.7, wpitch: 0.3, wroll: -0.5 }, 1, 0.35);
    pl.head(t0 + 0.1, { pitch: -rng.uniform(0.4, 0.7), yaw: (hand === 'R' ? -1 : 1) * 0.2 }, 0.35);
    const end = up + rng.uniform(0.5, 0.9);
    pl.rest(other(hand), end);
    pl.head(end, { pitch: -0.08, yaw: 0 }, 0.45);
  }),
};
const NONE_KEYS = Object.keys(NONE);

const MAKERS: Record<Exclude<GestureLabel, 'none'>, Maker> = { wave, beckon, point, push, nod, shake };

/** Small idle shifts of thresholds (posture adjustments, slow looks) that every clip carries. */
function idleDrift(pl: Plan, p: Person, rng: Rng, D: number, busyHead: boolean, busy: Set<Side>): void {
  for (const s of ['R', 'L'] as Side[]) {
    if (busy.has(s)) continue;
    for (let t = -0.3 + rng.uniform(0, 0.8); t < D; t += rng.uniform(0.6, 1.6)) {
      const post: Partial<ArmPosture> = {};
      for (const j of ['flex', 'abd', 'elbow', 'wpitch'] as ArmJ[]) post[j] = p.rest[s][j] + rng.normal(0, 0.05);
      pl.arm(s, t, post, 0.4, 0.4);
    }
  }
  if (!busyHead) pl.head(rng.uniform(-0.3, D), { yaw: rng.normal(0, 0.06), pitch: -0.08 + rng.normal(0, 0.04) }, rng.uniform(0.4, 0.8));
}

/** Generate one labelled clip. */
function makeClip(label: GestureLabel, rng: Rng): MotionClip {
  const p = makePerson(rng);
  const pl = new Plan(p);
  const hand: Side = rng.chance(0.85) ? p.dom : other(p.dom);
  let kind: string = label;
  if (label === 'none') kind = rng.pick(NONE_KEYS);
  const maker = label === 'none' ? NONE[kind] : MAKERS[label];
  const act = maker(pl, p, rng, hand);
  const len = Math.min(act.len, 2.85);
  const D = clamp(len + rng.uniform(0.15, 0.9), 1.0, 2.98);
  const mode = rng.pick(['start', 'middle', 'end'] as const);
  const slack = Math.max(0, D - len - 0.03);
  const t0 = mode === 'start' ? Math.min(slack, rng.uniform(0.02, 0.2)) : mode === 'end' ? slack * rng.uniform(0.85, 1) : slack * rng.uniform(0.3, 0.7);
  const headBusy = ['nod', 'shake', 'lookDown', 'headTilt', 'glance', 'lookAround', 'turnAround', 'checkWatch', 'stretch', 'adjustHeadset', 'scratch', 'walk', 'reach', 'point'].includes(kind);
  const busy = new Set<Side>();
  if (!['nod', 'shake', 'idle', 'lookDown', 'headTilt', 'glance', 'lookAround', 'turnAround'].includes(kind)) {
    busy.add(hand);
    if (['stretch', 'clap', 'restArms', 'talk', 'adjustHeadset', 'push', 'walk'].includes(kind)) busy.add(other(hand));
    if (kind === 'checkWatch') busy.add(other(hand));
  }
  idleDrift(pl, p, rng, D, headBusy, busy);
  act.run(t0);
  const sim = simulate(pl, p, rng, D);
  const hz = p.hands ? rng.pick([30, 45, 60, 60, 72, 90]) : rng.pick([72, 72, 80, 90, 90, 120, 60, 36]);
  const absent: Side | null = rng.chance(0.05) && !busy.has(other(hand)) ? other(hand) : null;
  return { label, hz, frames: track(sim, p, rng, D, hz, absent) };
}

/** `perLabel` clips for every gesture label (incl. `none`), deterministic for `seed`. */
export function tenthDataset(perLabel: number, seed: number): MotionClip[] {
  const clips: MotionClip[] = [];
  GESTURE_LABELS.forEach((label, li) => {
    for (let i = 0; i < perLabel; i++) clips.push(makeClip(label, createRng((seed * 7919 + li * 104729 + i * 31337) >>> 0)));
  });
  return clips;
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const out = args.get('out');
  const perLabel = Number(args.get('per-label') ?? 20);
  const seed = Number(args.get('seed') ?? 1);
  if (!out || !Number.isInteger(perLabel) || perLabel < 1 || !Number.isFinite(seed)) {
    console.error('usage: node --import tsx scripts/gesture/synth-tenth.ts --out DIR --per-label N --seed S');
    process.exit(2);
  }
  const clips = tenthDataset(perLabel, seed);
  writeClips(out, clips);
  console.log(`wrote ${clips.length} clips (${perLabel} per label, seed ${seed}) to ${out}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
