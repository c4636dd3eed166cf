/**
 * Evaluation-only motion-clip generator ("eighteenth" set): ballistic, impulse-driven motor control.
 *
 * MOTION MODEL
 * - Every moving part is a passive rigid-body plant integrated with symplectic (semi-implicit) Euler
 *   at 240 Hz. Each arm is a serial chain with a 3-DOF shoulder (flexion, abduction, humeral
 *   rotation), elbow flexion, forearm pronation and a 2-DOF wrist (flexion, deviation); upper arm,
 *   forearm and hand masses, lengths and inertias scale with the person's stature and body mass
 *   (a held controller adds to the hand). The joint-space mass matrix and gravity torque come from
 *   the geometric Jacobians of the chain (velocity-product terms are neglected). The head-neck is a
 *   3-DOF chain (yaw, pitch, roll) with an eccentric head mass; the whole body is a planar
 *   mass/yaw inertia (steps, turns, walking) and posture is a 2-DOF inverted pendulum (sway).
 * - Motion comes ONLY from torque bursts in the triphasic pattern: an agonist burst, an antagonist
 *   braking burst and a small second agonist burst (per-person ratio), each a compact polynomial
 *   bump. Between bursts the plant is passive: joint viscosity, soft tissue limits, and the tonic
 *   "step" of the pulse-step model (gravity hold of the commanded posture plus weak intrinsic muscle
 *   stiffness around it), ramped from the old to the new posture during a move.
 * - Discrete moves (raise, point, push, reach, returns, gaze shifts, steps, turns) are planned by
 *   the minimum torque-change criterion (Uno-Kawato): for a few candidate burst timings the burst
 *   amplitudes that reach the goal (posture, end velocity) are solved on a linearised internal
 *   model (mass matrices, gravity stiffness and gravity mismatch along a reference path), the
 *   candidate with the least integrated squared torque rate wins, and its amplitudes are refined by
 *   a few (per-person) damped shooting iterations on the full nonlinear plant (Levenberg-Marquardt
 *   steps, Broyden-updated Jacobian, bursts capped by per-person muscle strength). Large moves go
 *   through a via-point passed at speed. Signal-dependent amplitude noise and timing errors are
 *   then applied; intermittent checks trigger small corrective triphasic moves when the endpoint
 *   error is large, so imperfect solutions leave realistic endpoint errors.
 * - Rhythms (wave, beckon, nod, shake, walking steps and arm swing, scratching) are trains of such
 *   moves alternating between two goals, with onsets from a per-person Wing-Kristofferson
 *   timekeeper (clock intervals + motor delays; successive intervals negatively correlated).
 * - Physiological tremor is a train of tiny alternating bursts at 8-12 Hz; postural sway comes from
 *   small spontaneous bursts on the sway pendulum plus intermittent corrective moves.
 * - People vary: stature 1.15-1.98 m (children to tall adults), body mass, handedness, seated or
 *   standing, position within ~3 m of the origin, facing, tempo, amplitude, vigour, tremor, noise.
 *
 * TRACKERS (one per clip)
 * - 'insideout': headset cameras; controllers outside the camera cone coast on the IMU (decaying
 *   velocity, then frozen) and are blended back on reacquisition; 60-120 Hz.
 * - 'hands': WebXR hand tracking; the wrist frame times a grip offset is the target ray, `null`
 *   when out of the camera cone or dropped; 30-72 Hz, more jitter and latency.
 * - 'outsidein': base stations; very low jitter, short occlusions coasted on the IMU; 90-120 Hz.
 * All have latency, Gaussian jitter, exponential smoothing with velocity prediction, uneven frame
 * times and occasional dropped frames. Clips whose tracked output does not clearly show their label
 * (or, for `none`, shows any gesture) are redrawn, using checks on the output poses only.
 *
 * READING RULE followed: the only project files read while writing this generator were
 * /work/shared/brief/PERCEPTION.md (its "Gestures", "Motion clip format" and "Evaluation command"
 * sections only), src/core/types.ts, scripts/gesture/motion-math.ts, scripts/gesture/node-io.ts and
 * tests/support/motion.ts. No other generator, perception code, training/eval script, data or doc.
 *
 * CLI: node --import tsx scripts/gesture/synth-eighteenth.ts --out DIR [--per-label N] [--seed S]
 */
import { fileURLToPath } from 'node:url';
import { GESTURE_LABELS, type GestureLabel, type MotionFrame, type Pose, type Quat, type Vec3 } from '../../src/core/types';
import { createRng, qfromBasis, qmul, qaxis, qnorm, qslerp, qrot, writeClips, type MotionClip, type Rng } from './motion-math';

// ---------------------------------------------------------------------------------------------
// Rigid-body plants
// ---------------------------------------------------------------------------------------------

const GRAV = 9.81;
const SIM_HZ = 240;
const DT = 1 / SIM_HZ;

/** A plant: joint-space mass matrix and generalised gravity force at posture q. */
interface Plant {
  readonly n: number;
  dyn(q: Float64Array, M: Float64Array, G: Float64Array): void;
}

interface JointDef {
  /** Offset of this joint from the previous joint, in the previous joint's frame. */
  off: Vec3;
  /** Local rotation axis: 0 = x, 1 = y, 2 = z. */
  axis: 0 | 1 | 2;
}
interface SegDef {
  /** Index of the joint whose frame carries the segment. */
  after: number;
  mass: number;
  com: Vec3;
  /** Principal moments about the centre of mass, in the carrying frame. */
  inertia: Vec3;
}

/** A serial chain of revolute joints (column-major rotation matrices per joint frame). */
class Chain implements Plant {
  readonly n: number;
  readonly R: Float64Array;
  readonly O: Float64Array;
  readonly A: Float64Array;
  private readonly jv: Float64Array;
  private readonly wv: Float64Array;
  constructor(
    readonly joints: JointDef[],
    readonly segs: SegDef[],
    readonly armature: number[],
  ) {
    this.n = joints.length;
    this.R = new Float64Array(9 * this.n);
    this.O = new Float64Array(3 * this.n);
    this.A = new Float64Array(3 * this.n);
    this.jv = new Float64Array(3 * this.n);
    this.wv = new Float64Array(3 * this.n);
  }

  /** Forward kinematics: fills R, O, A (world = chain base frame). */
  fk(q: ArrayLike<number>): void {
    const { R, O, A } = this;
    let p0 = 0, p1 = 0, p2 = 0;
    // parent rotation (column-major)
    const P = [1, 0, 0, 0, 1, 0, 0, 0, 1];
    for (let i = 0; i < this.n; i++) {
      const { off, axis } = this.joints[i];
      p0 += P[0] * off[0] + P[3] * off[1] + P[6] * off[2];
      p1 += P[1] * off[0] + P[4] * off[1] + P[7] * off[2];
      p2 += P[2] * off[0] + P[5] * off[1] + P[8] * off[2];
      O[3 * i] = p0;
      O[3 * i + 1] = p1;
      O[3 * i + 2] = p2;
      A[3 * i] = P[3 * axis];
      A[3 * i + 1] = P[3 * axis + 1];
      A[3 * i + 2] = P[3 * axis + 2];
      const ci = (axis + 1) % 3, cj = (axis + 2) % 3;
      const c = Math.cos(q[i]), s = Math.sin(q[i]);
      for (let r = 0; r < 3; r++) {
        const a = P[3 * ci + r], b = P[3 * cj + r];
        P[3 * ci + r] = c * a + s * b;
        P[3 * cj + r] = -s * a + c * b;
      }
      for (let k = 0; k < 9; k++) R[9 * i + k] = P[k];
    }
  }

  dyn(q: Float64Array, M: Float64Array, G: Float64Array): void {
    const n = this.n;
    this.fk(q);
    M.fill(0);
    G.fill(0);
    const { R, O, A, jv, wv } = this;
    for (const s of this.segs) {
      const f = 9 * s.after, o = 3 * s.after;
      const cx = O[o] + R[f] * s.com[0] + R[f + 3] * s.com[1] + R[f + 6] * s.com[2];
      const cy = O[o + 1] + R[f + 1] * s.com[0] + R[f + 4] * s.com[1] + R[f + 7] * s.com[2];
      const cz = O[o + 2] + R[f + 2] * s.com[0] + R[f + 5] * s.com[1] + R[f + 8] * s.com[2];
      for (let i = 0; i <= s.after; i++) {
        const ax = A[3 * i], ay = A[3 * i + 1], az = A[3 * i + 2];
        const rx = cx - O[3 * i], ry = cy - O[3 * i + 1], rz = cz - O[3 * i + 2];
        jv[3 * i] = ay * rz - az * ry;
        jv[3 * i + 1] = az * rx - ax * rz;
        jv[3 * i + 2] = ax * ry - ay * rx;
        // w = R diag(I) R^T a
        const l0 = R[f] * ax + R[f + 1] * ay + R[f + 2] * az;
        const l1 = R[f + 3] * ax + R[f + 4] * ay + R[f + 5] * az;
        const l2 = R[f + 6] * ax + R[f + 7] * ay + R[f + 8] * az;
        const m0 = s.inertia[0] * l0, m1 = s.inertia[1] * l1, m2 = s.inertia[2] * l2;
        wv[3 * i] = R[f] * m0 + R[f + 3] * m1 + R[f + 6] * m2;
        wv[3 * i + 1] = R[f + 1] * m0 + R[f + 4] * m1 + R[f + 7] * m2;
        wv[3 * i + 2] = R[f + 2] * m0 + R[f + 5] * m1 + R[f + 8] * m2;
        G[i] += -s.mass * GRAV * jv[3 * i + 1];
      }
      for (let i = 0; i <= s.after; i++) {
        for (let j = i; j <= s.after; j++) {
          const v =
            s.mass * (jv[3 * i] * jv[3 * j] + jv[3 * i + 1] * jv[3 * j + 1] + jv[3 * i + 2] * jv[3 * j + 2]) +
            A[3 * j] * wv[3 * i] + A[3 * j + 1] * wv[3 * i + 1] + A[3 * j + 2] * wv[3 * i + 2];
          M[i * n + j] += v;
          if (j !== i) M[j * n + i] += v;
        }
      }
    }
    for (let i = 0; i < n; i++) M[i * n + i] += this.armature[i];
  }
}

/** A plant with a constant diagonal mass matrix and an optional generalised gravity force. */
class DiagPlant implements Plant {
  readonly n: number;
  constructor(
    readonly m: number[],
    readonly grav?: (q: Float64Array, G: Float64Array) => void,
  ) {
    this.n = m.length;
  }
  dyn(q: Float64Array, M: Float64Array, G: Float64Array): void {
    M.fill(0);
    G.fill(0);
    for (let i = 0; i < this.n; i++) M[i * this.n + i] = this.m[i];
    if (this.grav) this.grav(q, G);
  }
}

/** Solve A x = b in place (Gaussian elimination, partial pivoting); A is n x n row-major; result in b. */
function solveInPlace(A: Float64Array, b: Float64Array, n: number): void {
  for (let c = 0; c < n; c++) {
    let p = c, best = Math.abs(A[c * n + c]);
    for (let r = c + 1; r < n; r++) {
      const v = Math.abs(A[r * n + c]);
      if (v > best) {
        best = v;
        p = r;
      }
    }
    if (best < 1e-12) {
      A[c * n + c] = 1e-12;
      p = c;
    }
    if (p !== c) {
      for (let k = 0; k < n; k++) {
        const t = A[c * n + k];
        A[c * n + k] = A[p * n + k];
        A[p * n + k] = t;
      }
      const t = b[c];
      b[c] = b[p];
      b[p] = t;
    }
    const d = A[c * n + c];
    for (let r = c + 1; r < n; r++) {
      const f = A[r * n + c] / d;
      if (f === 0) continue;
      for (let k = c; k < n; k++) A[r * n + k] -= f * A[c * n + k];
      b[r] -= f * b[c];
    }
  }
  for (let r = n - 1; r >= 0; r--) {
    let s = b[r];
    for (let k = r + 1; k < n; k++) s -= A[r * n + k] * b[k];
    b[r] = s / A[r * n + r];
  }
}

// ---------------------------------------------------------------------------------------------
// Triphasic bursts, the pulse-step motor and the minimum torque-change planner
// ---------------------------------------------------------------------------------------------

/** A torque burst on one dof: a compact polynomial bump (1 - u^2)^2, u = (t - c) / hw. */
interface Pulse {
  d: number;
  c: number;
  hw: number;
  a: number;
}
const bumpShape = (u: number): number => (u <= -1 || u >= 1 ? 0 : (1 - u * u) * (1 - u * u));

/** Candidate triphasic timings (fractions of the movement time): AG1 centre=half-width, ANT centre, ANT half-width. */
const TRIPHASIC_CANDIDATES: [number, number, number][] = [
  [0.25, 0.62, 0.25],
  [0.22, 0.57, 0.24],
  [0.3, 0.67, 0.26],
  [0.2, 0.55, 0.3],
];
const AG2_C = 0.92;
const AG2_HW = 0.08;

/** Per-plant passive and motor-noise parameters. */
interface MotorParams {
  /** Joint viscosity. */
  b: number[];
  /** Weak intrinsic stiffness of the tonic step. */
  k: number[];
  lo: number[];
  hi: number[];
  /** Soft tissue stiffness beyond the limits. */
  klim: number[];
  /** Second agonist burst as a share of the first. */
  rho: number;
  /** Signal-dependent amplitude noise (sd, relative). */
  sigA: number;
  /** Burst timing error (sd, seconds). */
  sigT: number;
  /** Shooting iterations on the full plant. */
  iters: number;
  /** Peak burst torque (muscle strength) per dof. */
  tmax: number[];
  /** Endpoint-error weights per dof (distal joints matter less). */
  w?: number[];
}

type Cmd =
  | { t: number; kind: 'move'; q: number[]; T: number; vf?: number[]; fix?: number; tol?: number; via?: boolean }
  | { t: number; kind: 'check'; q: number[]; tol: number; left: number; Tc: number };

/** A plant under pulse-step control, simulated on the 240 Hz grid from t0. */
class Motor {
  readonly n: number;
  q: Float64Array;
  v: Float64Array;
  t: number;
  pulses: Pulse[] = [];
  /** Tremor / spontaneous bursts (not known to the planner), sorted by centre. */
  noise: Pulse[] = [];
  private ni = 0;
  set0: Float64Array;
  set1: Float64Array;
  g0: Float64Array;
  g1: Float64Array;
  r0 = 0;
  r1 = 0;
  rec: number[] = [];
  private M: Float64Array;
  private G: Float64Array;
  private tau: Float64Array;
  private sset: Float64Array;
  private sg: Float64Array;

  constructor(
    readonly plant: Plant,
    q0: number[],
    readonly P: MotorParams,
    t0: number,
    readonly rng: Rng,
  ) {
    const n = (this.n = plant.n);
    this.q = Float64Array.from(q0);
    this.v = new Float64Array(n);
    this.t = t0;
    this.M = new Float64Array(n * n);
    this.G = new Float64Array(n);
    this.tau = new Float64Array(n);
    this.sset = new Float64Array(n);
    this.sg = new Float64Array(n);
    this.set0 = Float64Array.from(q0);
    this.set1 = Float64Array.from(q0);
    plant.dyn(this.q, this.M, this.G);
    this.g0 = Float64Array.from(this.G);
    this.g1 = Float64Array.from(this.G);
    this.r0 = this.r1 = t0;
    for (let i = 0; i < n; i++) this.rec.push(this.q[i]);
  }

  /** Tonic step at time t: commanded posture and the gravity force it holds. */
  private tonic(t: number, set: Float64Array, g: Float64Array): void {
    const u = this.r1 > this.r0 ? Math.min(1, Math.max(0, (t - this.r0) / (this.r1 - this.r0))) : 1;
    for (let i = 0; i < this.n; i++) {
      set[i] = this.set0[i] + (this.set1[i] - this.set0[i]) * u;
      g[i] = this.g0[i] + (this.g1[i] - this.g0[i]) * u;
    }
  }

  /** One symplectic Euler step of (q, v) at time t. */
  private step(q: Float64Array, v: Float64Array, t: number, pulses: readonly Pulse[], withNoise: boolean): void {
    const { n, M, G, tau, sset, sg, P } = this;
    this.plant.dyn(q, M, G);
    this.tonic(t, sset, sg);
    for (let i = 0; i < n; i++) {
      let f = G[i] - sg[i] + P.k[i] * (sset[i] - q[i]) - P.b[i] * v[i];
      if (q[i] < P.lo[i]) f += P.klim[i] * (P.lo[i] - q[i]) - 3 * P.b[i] * v[i];
      else if (q[i] > P.hi[i]) f -= P.klim[i] * (q[i] - P.hi[i]) + 3 * P.b[i] * v[i];
      tau[i] = f;
    }
    for (const p of pulses) tau[p.d] += p.a * bumpShape((t - p.c) / p.hw);
    if (withNoise) {
      while (this.ni < this.noise.length && this.noise[this.ni].c + this.noise[this.ni].hw < t) this.ni++;
      for (let k = this.ni; k < this.noise.length; k++) {
        const p = this.noise[k];
        if (p.c - p.hw > t) break;
        tau[p.d] += p.a * bumpShape((t - p.c) / p.hw);
      }
    }
    solveInPlace(M, tau, n);
    for (let i = 0; i < n; i++) {
      v[i] += DT * tau[i];
      q[i] += DT * v[i];
    }
  }

  /** Advance the real (recorded) state to time `tEnd`. */
  advance(tEnd: number): void {
    while (this.t < tEnd - 1e-9) {
      this.step(this.q, this.v, this.t, this.pulses, true);
      this.t += DT;
      for (let i = 0; i < this.n; i++) this.rec.push(this.q[i]);
    }
  }

  /** Simulate a copy of the state from now over `dur` with `pulses` (no noise): final q, v. */
  private shoot(dur: number, pulses: readonly Pulse[]): { q: Float64Array; v: Float64Array } {
    const q = Float64Array.from(this.q), v = Float64Array.from(this.v);
    const steps = Math.max(1, Math.round(dur / DT));
    let t = this.t;
    for (let s = 0; s < steps; s++) {
      this.step(q, v, t, pulses, false);
      t += DT;
    }
    return { q, v };
  }

  /**
   * Plan and issue one discrete triphasic move to posture `qf` (end velocity `vf`) in time T:
   * minimum torque-change choice of burst timing on a linear internal model, then shooting.
   */
  plan(qf: readonly number[], T: number, vf?: readonly number[]): void {
    const n = this.n, t0 = this.t, P = this.P;
    T = Math.max(6 * DT, T);
    this.pulses = this.pulses.filter((p) => p.c + p.hw > t0);
    // new tonic step, ramped over the move
    this.tonic(t0, this.sset, this.sg);
    this.set0 = Float64Array.from(this.sset);
    this.g0 = Float64Array.from(this.sg);
    this.set1 = Float64Array.from(qf);
    const qfa = Float64Array.from(qf);
    this.plant.dyn(qfa, this.M, this.G);
    this.g1 = Float64Array.from(this.G);
    this.r0 = t0;
    this.r1 = t0 + T;
    // internal model: linearisation along a reference path (mass matrices and gravity mismatch at
    // NODES postures between start and goal), used for the first guess and the Jacobian
    const NODES = 5;
    const MinvN: Float64Array[] = [];
    const GmisN: Float64Array[] = [];
    const DGN: Float64Array[] = [];
    const QRN: Float64Array[] = [];
    const Mm = new Float64Array(n * n), Gm = new Float64Array(n), qm = new Float64Array(n);
    for (let k = 0; k < NODES; k++) {
      const u = k / (NODES - 1), sm = u * u * (3 - 2 * u);
      for (let i = 0; i < n; i++) qm[i] = this.q[i] + (qf[i] - this.q[i]) * sm;
      this.plant.dyn(qm, Mm, Gm);
      const Minv = new Float64Array(n * n);
      for (let j = 0; j < n; j++) {
        const A = Float64Array.from(Mm), e = new Float64Array(n);
        e[j] = 1;
        solveInPlace(A, e, n);
        for (let i = 0; i < n; i++) Minv[i * n + j] = e[i];
      }
      MinvN.push(Minv);
      // gravity stiffness dG/dq (finite differences)
      const dG = new Float64Array(n * n), Gp = new Float64Array(n), Mp = new Float64Array(n * n);
      for (let j = 0; j < n; j++) {
        const qq = Float64Array.from(qm);
        qq[j] += 1e-4;
        this.plant.dyn(qq, Mp, Gp);
        for (let i = 0; i < n; i++) dG[i * n + j] = (Gp[i] - Gm[i]) / 1e-4;
      }
      DGN.push(dG);
      QRN.push(Float64Array.from(qm));
      const mis = new Float64Array(n);
      for (let i = 0; i < n; i++) mis[i] = Gm[i] - (this.g0[i] + (this.g1[i] - this.g0[i]) * u);
      GmisN.push(mis);
    }
    const steps = Math.max(1, Math.round(T / DT));
    const rho = P.rho;
    const W = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      W[i] = P.w ? P.w[i] : 1;
      W[n + i] = 0.04 * W[i];
    }
    const shapeA = (cand: [number, number, number], s: number) => {
      const u = s / T;
      return bumpShape((u - cand[0]) / cand[0]) + rho * bumpShape((u - AG2_C) / AG2_HW);
    };
    const shapeB = (cand: [number, number, number], s: number) => bumpShape((s / T - cand[1]) / cand[2]);
    // linear internal model; `free` adds the tonic ramp, initial state and gravity mismatch
    const linSim = (force: ((s: number, out: Float64Array) => void) | null, x0: Float64Array, v0: Float64Array) => {
      const x = Float64Array.from(x0), v = Float64Array.from(v0), f = new Float64Array(n);
      for (let s = 0; s < steps; s++) {
        const ts = s * DT;
        const u = Math.min(1, ts / T);
        const node = Math.min(NODES - 1, Math.round(u * (NODES - 1)));
        const Minv = MinvN[node], dG = DGN[node], qr = QRN[node];
        if (force) {
          force(ts, f);
          for (let i = 0; i < n; i++) {
            let g = 0;
            for (let j = 0; j < n; j++) g += dG[i * n + j] * x[j];
            f[i] += g - P.k[i] * x[i] - P.b[i] * v[i];
          }
        } else {
          const fu = u * (NODES - 1), k0 = Math.min(NODES - 2, Math.floor(fu)), w = fu - k0;
          for (let i = 0; i < n; i++) {
            let g = 0;
            for (let j = 0; j < n; j++) g += dG[i * n + j] * (x[j] + qf[j] - qr[j]);
            f[i] = g + P.k[i] * ((this.set0[i] - qf[i]) * (1 - u) - x[i]) - P.b[i] * v[i] + GmisN[k0][i] * (1 - w) + GmisN[k0 + 1][i] * w;
          }
        }
        for (let i = 0; i < n; i++) {
          let a = 0;
          for (let j = 0; j < n; j++) a += Minv[i * n + j] * f[j];
          v[i] += DT * a;
        }
        for (let i = 0; i < n; i++) x[i] += DT * v[i];
      }
      return { x, v };
    };
    const e0 = new Float64Array(n);
    for (let i = 0; i < n; i++) e0[i] = this.q[i] - qf[i];
    const free = linSim(null, e0, Float64Array.from(this.v));
    const target = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      target[i] = -free.x[i];
      target[n + i] = (vf ? vf[i] : 0) - free.v[i];
    }
    let bestCost = Infinity;
    let bestCand = TRIPHASIC_CANDIDATES[0];
    let bestJ: Float64Array | null = null;
    let bestAmp: Float64Array | null = null;
    const z = new Float64Array(n);
    for (const cand of TRIPHASIC_CANDIDATES) {
      // sensitivity J (2n x 2n): rows = [x(T); v(T)], cols = [A_j; B_j]
      const J = new Float64Array(4 * n * n);
      for (let j = 0; j < n; j++) {
        for (let kind = 0; kind < 2; kind++) {
          const r = linSim(
            (s, out) => {
              out.fill(0);
              out[j] = kind === 0 ? shapeA(cand, s) : shapeB(cand, s);
            },
            z,
            z,
          );
          const col = kind * n + j;
          for (let i = 0; i < n; i++) {
            J[i * 2 * n + col] = r.x[i];
            J[(n + i) * 2 * n + col] = r.v[i];
          }
        }
      }
      const amp = lmStep(J, target, W, 2 * n, 1e-3);
      // integrated squared torque rate of the bursts (same shapes for every dof)
      let paa = 0, pab = 0, pbb = 0;
      let pa = shapeA(cand, 0), pb = shapeB(cand, 0);
      for (let s = 1; s <= steps; s++) {
        const a = shapeA(cand, s * DT), b = shapeB(cand, s * DT);
        const da = (a - pa) / DT, db = (b - pb) / DT;
        paa += da * da * DT;
        pab += da * db * DT;
        pbb += db * db * DT;
        pa = a;
        pb = b;
      }
      let cost = 0;
      for (let j = 0; j < n; j++) cost += amp[j] * amp[j] * paa + 2 * amp[j] * amp[n + j] * pab + amp[n + j] * amp[n + j] * pbb;
      if (cost < bestCost) {
        bestCost = cost;
        bestCand = cand;
        bestJ = J;
        bestAmp = amp;
      }
    }
    const cand = bestCand;
    const J = bestJ as Float64Array;
    const amp = bestAmp as Float64Array;
    const mkPulses = (a0: Float64Array): Pulse[] => {
      const out: Pulse[] = [];
      const a = a0.map((x, i) => Math.max(-P.tmax[i % n], Math.min(P.tmax[i % n], x)));
      for (let j = 0; j < n; j++) {
        if (Math.abs(a[j]) > 1e-6) {
          out.push({ d: j, c: t0 + cand[0] * T, hw: cand[0] * T, a: a[j] });
          if (rho > 0) out.push({ d: j, c: t0 + AG2_C * T, hw: AG2_HW * T, a: rho * a[j] });
        }
        if (Math.abs(a[n + j]) > 1e-6) out.push({ d: j, c: t0 + cand[1] * T, hw: cand[2] * T, a: a[n + j] });
      }
      return out;
    };
    // shooting on the full plant: Levenberg-Marquardt steps on the internal-model Jacobian
    // (Broyden-updated from each shot); the damping also keeps burst torques small
    const evalAmp = (a: Float64Array) => {
      const res = this.shoot(T, [...this.pulses, ...mkPulses(a)]);
      const err = new Float64Array(2 * n);
      let en = 0;
      for (let i = 0; i < n; i++) {
        err[i] = qf[i] - res.q[i];
        err[n + i] = (vf ? vf[i] : 0) - res.v[i];
        en += W[i] * err[i] * err[i] + W[n + i] * err[n + i] * err[n + i];
      }
      return { err, en };
    };
    const clampAmp = (a: Float64Array) => a.map((x, i) => Math.max(-P.tmax[i % n], Math.min(P.tmax[i % n], x)));
    let best = clampAmp(amp);
    let cur = evalAmp(best);
    let sims = 1;
    let mu = 0.01;
    while (sims < P.iters + 3 && cur.en > 1e-6) {
      const d = lmStep(J, cur.err, W, 2 * n, mu);
      const trial = clampAmp(best.map((x, i) => x + d[i]));
      const r = evalAmp(trial);
      sims++;
      // Broyden rank-one update of the Jacobian from the observed change
      const da = trial.map((x, i) => x - best[i]);
      let dd = 0;
      for (let i = 0; i < 2 * n; i++) dd += da[i] * da[i];
      if (dd > 1e-12) {
        for (let r0 = 0; r0 < 2 * n; r0++) {
          let jd = 0;
          for (let c = 0; c < 2 * n; c++) jd += J[r0 * 2 * n + c] * da[c];
          const g = (-(r.err[r0] - cur.err[r0]) - jd) / dd;
          for (let c = 0; c < 2 * n; c++) J[r0 * 2 * n + c] += g * da[c];
        }
      }
      if (r.en < cur.en) {
        best = trial;
        cur = r;
        mu = Math.max(1e-4, mu / 3);
      } else mu *= 5;
    }
    // signal-dependent noise and timing errors
    const issued = mkPulses(best).map((p) => ({
      ...p,
      a: p.a * (1 + this.rng.normal(0, P.sigA)),
      c: p.c + this.rng.normal(0, P.sigT),
    }));
    this.pulses.push(...issued);
  }

  /** Run a command list to tEnd, recording every tick. */
  run(cmds: Cmd[], tEnd: number): void {
    const queue = [...cmds].sort((a, b) => a.t - b.t);
    while (queue.length) {
      const c = queue.shift() as Cmd;
      if (c.t > tEnd) break;
      this.advance(c.t);
      if (c.kind === 'move') {
        let d = 0;
        for (let i = 0; i < this.n; i++) d += (c.q[i] - this.q[i]) ** 2;
        if (!c.via && !c.vf && Math.sqrt(d) > 0.8 && c.T > 0.3) {
          // large move: a via-point half way, passed at speed, then the rest planned from there
          const mid = c.q.map((x, i) => 0.5 * (x + this.q[i]));
          const vmid = c.q.map((x, i) => (1.5 * (x - this.q[i])) / c.T);
          this.plan(mid, c.T / 2, vmid);
          insertCmd(queue, { ...c, t: this.t + c.T / 2, T: c.T / 2, via: true });
          continue;
        }
        this.plan(c.q, c.T, c.vf);
        if (c.fix && c.fix > 0) {
          const tc = this.t + c.T + 0.1 + 0.08 * this.rng();
          insertCmd(queue, { t: tc, kind: 'check', q: c.q, tol: c.tol ?? 0.05, left: c.fix, Tc: Math.max(0.16, 0.35 * c.T) });
        }
      } else {
        let e = 0;
        for (let i = 0; i < this.n; i++) e = Math.max(e, Math.abs(c.q[i] - this.q[i]));
        let stale = false;
        for (let i = 0; i < this.n; i++) if (Math.abs(c.q[i] - this.set1[i]) > 1e-9) stale = true;
        const moving = stale || this.t < this.r1 || queue.some((o) => o.kind === 'move' && o.t < this.t + c.Tc);
        let vmax = 0;
        for (let i = 0; i < this.n; i++) vmax = Math.max(vmax, Math.abs(this.v[i]));
        if (e > c.tol && !moving && vmax < 1.5) {
          this.plan(c.q, c.Tc);
          if (c.left > 1) insertCmd(queue, { ...c, t: this.t + c.Tc + 0.1 + 0.08 * this.rng(), left: c.left - 1 });
        }
      }
    }
    this.advance(tEnd);
  }
}

/** Damped least squares: solve (J^T W J + mu diag(J^T W J)) x = J^T W r. */
function lmStep(J: Float64Array, r: Float64Array, W: Float64Array, m: number, mu: number): Float64Array {
  const A = new Float64Array(m * m), b = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    for (let j = i; j < m; j++) {
      let s = 0;
      for (let k = 0; k < m; k++) s += J[k * m + i] * W[k] * J[k * m + j];
      A[i * m + j] = s;
      A[j * m + i] = s;
    }
    let s = 0;
    for (let k = 0; k < m; k++) s += J[k * m + i] * W[k] * r[k];
    b[i] = s;
  }
  let tr = 0;
  for (let i = 0; i < m; i++) tr += A[i * m + i];
  for (let i = 0; i < m; i++) A[i * m + i] += mu * A[i * m + i] + 1e-9 * tr;
  solveInPlace(A, b, m);
  return b;
}

function insertCmd(queue: Cmd[], c: Cmd): void {
  let i = queue.length;
  while (i > 0 && queue[i - 1].t > c.t) i--;
  queue.splice(i, 0, c);
}

// ---------------------------------------------------------------------------------------------
// People: anthropometry, plants, timekeeper, tremor
// ---------------------------------------------------------------------------------------------

type Side = 'left' | 'right';
type TrackerKind = 'insideout' | 'hands' | 'outsidein';

interface Person {
  H: number;
  mass: number;
  child: boolean;
  seated: boolean;
  dom: Side;
  x: number;
  z: number;
  yaw: number;
  L1: number;
  L2: number;
  Lh: number;
  shX: number;
  shY: number;
  neckY: number;
  eyeUp: number;
  eyeFwd: number;
  pivotY: number;
  vigour: number;
  ampScale: number;
  /** Preferred rhythm interval (s) scale: < 1 faster. */
  tempo: number;
  wkClockSd: number;
  wkMotorMean: number;
  wkMotorSd: number;
  rho: number;
  sigA: number;
  sigT: number;
  iters: number;
  tremorNm: number;
  tremorHz: number;
  swayScale: number;
  ctrlMass: number;
}

function drawPerson(rng: Rng, tracker: TrackerKind): Person {
  const child = rng.chance(0.15);
  const H = child ? rng.uniform(1.2, 1.48) : Math.min(1.98, Math.max(1.5, rng.normal(1.71, 0.09)));
  const bmi = child ? rng.uniform(15, 19.5) : rng.uniform(19, 31);
  const mass = bmi * H * H;
  const seated = rng.chance(0.3);
  let shY = 0.818 * H, neckY = 0.865 * H, pivotY = 0;
  if (seated) {
    const seat = rng.uniform(0.36, 0.48) * (child ? 0.85 : 1);
    const drop = 0.416 * H - seat;
    shY -= drop;
    neckY -= drop;
    pivotY = seat + 0.06;
  }
  const r = 2.8 * Math.sqrt(rng());
  const th = rng.uniform(-Math.PI, Math.PI);
  return {
    H,
    mass,
    child,
    seated,
    dom: rng.chance(0.8) ? 'right' : 'left',
    x: r * Math.cos(th),
    z: r * Math.sin(th),
    yaw: rng.uniform(-Math.PI, Math.PI),
    L1: 0.186 * H,
    L2: 0.146 * H,
    Lh: 0.108 * H,
    shX: 0.105 * H,
    shY,
    neckY,
    eyeUp: 0.071 * H,
    eyeFwd: 0.05 * H,
    pivotY,
    vigour: rng.uniform(0.8, 1.3),
    ampScale: rng.uniform(0.8, 1.2),
    tempo: rng.uniform(0.8, 1.25),
    wkClockSd: rng.uniform(0.02, 0.07),
    wkMotorMean: rng.uniform(0.02, 0.05),
    wkMotorSd: rng.uniform(0.004, 0.015),
    rho: rng.uniform(0, 0.3),
    sigA: rng.uniform(0.02, 0.08),
    sigT: rng.uniform(0.002, 0.01),
    iters: rng.int(2, 4),
    tremorNm: rng.uniform(0.02, 0.1),
    tremorHz: rng.uniform(8, 12),
    swayScale: rng.uniform(0.5, 1.5) * (seated ? 0.5 : 1),
    ctrlMass: tracker === 'hands' ? 0 : rng.uniform(0.14, 0.2),
  };
}

/** The canonical (right) arm chain of a person. */
function armChain(p: Person): Chain {
  const mu = 0.028 * p.mass, mf = 0.016 * p.mass, mh = 0.006 * p.mass + p.ctrlMass;
  const sq = (x: number) => x * x;
  const sc = p.mass / 70;
  return new Chain(
    [
      { off: [0, 0, 0], axis: 0 },
      { off: [0, 0, 0], axis: 2 },
      { off: [0, 0, 0], axis: 1 },
      { off: [0, -p.L1, 0], axis: 0 },
      { off: [0, 0, 0], axis: 1 },
      { off: [0, -p.L2, 0], axis: 0 },
      { off: [0, 0, 0], axis: 2 },
    ],
    [
      { after: 2, mass: mu, com: [0, -0.436 * p.L1, 0], inertia: [mu * sq(0.32 * p.L1), mu * sq(0.16 * p.L1), mu * sq(0.32 * p.L1)] },
      { after: 4, mass: mf, com: [0, -0.43 * p.L2, 0], inertia: [mf * sq(0.3 * p.L2), mf * sq(0.13 * p.L2), mf * sq(0.3 * p.L2)] },
      { after: 6, mass: mh, com: [0, -0.42 * p.Lh, 0], inertia: [mh * sq(0.3 * p.Lh), mh * sq(0.2 * p.Lh), mh * sq(0.3 * p.Lh)] },
    ],
    [0.004, 0.004, 0.006, 0.004, 0.006, 0.003, 0.003].map((a) => a * Math.max(0.4, sc)),
  );
}

function armParams(p: Person, rng: Rng): MotorParams {
  const sc = Math.max(0.3, (p.mass / 70) * (p.H / 1.75) ** 2);
  const jit = () => rng.uniform(0.8, 1.25);
  return {
    b: [1.0, 1.0, 0.3, 0.5, 0.1, 0.12, 0.12].map((x) => x * sc * jit()),
    k: [4, 4, 1.2, 2, 0.8, 1.0, 1.0].map((x) => x * sc * jit()),
    lo: [-0.8, -0.35, -1.7, 0.0, -0.2, -1.25, -0.45],
    hi: [3.0, 2.8, 1.2, 2.6, 2.8, 1.2, 0.55],
    klim: [60, 60, 20, 30, 8, 8, 8].map((x) => x * sc),
    tmax: [45, 45, 20, 30, 4, 5, 5].map((x) => x * sc * p.vigour),
    w: [1, 1, 0.6, 1, 0.2, 0.2, 0.2],
    rho: p.rho,
    sigA: p.sigA,
    sigT: p.sigT,
    iters: p.iters,
  };
}

function headChain(p: Person): Chain {
  const mh = (p.child ? 0.085 : 0.07) * p.mass;
  const s = p.H / 1.75;
  const sc = (mh / 4.9) * s * s;
  return new Chain(
    [
      { off: [0, 0, 0], axis: 1 },
      { off: [0, 0, 0], axis: 0 },
      { off: [0, 0, 0], axis: 2 },
    ],
    [{ after: 2, mass: mh, com: [0, 0.06 * s, -0.025 * s], inertia: [0.018 * sc, 0.012 * sc, 0.016 * sc] }],
    [0.002, 0.002, 0.002],
  );
}

function headParams(p: Person, rng: Rng): MotorParams {
  const s = p.H / 1.75;
  const sc = ((p.child ? 0.085 : 0.07) * p.mass * s * s) / 4.9;
  const jit = () => rng.uniform(0.8, 1.25);
  return {
    b: [0.25, 0.25, 0.2].map((x) => x * sc * jit()),
    k: [1.5, 2.0, 2.5].map((x) => x * sc * jit()),
    lo: [-1.3, -0.9, -0.5],
    hi: [1.3, 0.7, 0.5],
    klim: [15, 15, 15].map((x) => x * sc),
    tmax: [6, 8, 5].map((x) => x * sc),
    rho: p.rho,
    sigA: p.sigA,
    sigT: p.sigT,
    iters: p.iters,
  };
}

function bodyPlant(p: Person): { plant: DiagPlant; params: MotorParams } {
  const Iy = p.mass * 0.025 * (p.H / 1.75) ** 2;
  return {
    plant: new DiagPlant([p.mass, p.mass, Iy]),
    params: {
      b: [0.9 * p.mass, 0.9 * p.mass, 2.5 * Iy],
      k: [0.1 * p.mass, 0.1 * p.mass, 0.3 * Iy],
      lo: [-1e9, -1e9, -1e9],
      hi: [1e9, 1e9, 1e9],
      klim: [0, 0, 0],
      tmax: [1.5 * p.mass * GRAV, 1.5 * p.mass * GRAV, 40 * Iy],
      rho: p.rho,
      sigA: p.sigA,
      sigT: p.sigT,
      iters: 2,
    },
  };
}

function swayPlant(p: Person, rng: Rng): { plant: DiagPlant; params: MotorParams; mgh: number } {
  const m = p.seated ? 0.6 * p.mass : p.mass;
  const h = p.seated ? 0.3 * p.H : 0.55 * p.H;
  const mgh = m * GRAV * h;
  const I = m * h * h;
  const K = mgh * rng.uniform(1.15, 1.4);
  return {
    plant: new DiagPlant([I, I], (q, G) => {
      G[0] = mgh * Math.sin(q[0]);
      G[1] = mgh * Math.sin(q[1]);
    }),
    params: {
      b: [0.5 * Math.sqrt(K * I), 0.5 * Math.sqrt(K * I)],
      k: [K, K],
      lo: [-0.2, -0.2],
      hi: [0.2, 0.2],
      klim: [0, 0],
      tmax: [0.5 * mgh, 0.5 * mgh],
      rho: p.rho,
      sigA: p.sigA,
      sigT: p.sigT,
      iters: 1,
    },
    mgh,
  };
}

/** Wing-Kristofferson timekeeper: n+1 response onsets (first near 0) for mean interval `mean`. */
function wkOnsets(rng: Rng, p: Person, n: number, mean: number): number[] {
  const D = Array.from({ length: n + 1 }, () => Math.max(0, p.wkMotorMean + rng.normal(0, p.wkMotorSd)));
  const out: number[] = [];
  let clock = 0;
  for (let k = 0; k <= n; k++) {
    out.push(clock + D[k]);
    clock += Math.min(1.4 * mean, Math.max(0.65 * mean, rng.normal(mean, p.wkClockSd * mean)));
  }
  const t0 = out[0];
  return out.map((t) => t - t0);
}

/** Physiological tremor: alternating tiny bursts at 8-12 Hz on the given dofs. */
function tremorBursts(rng: Rng, p: Person, dofs: [number, number][], t0: number, t1: number): Pulse[] {
  const out: Pulse[] = [];
  for (const [d, gain] of dofs) {
    let t = t0 + rng.uniform(0, 0.1);
    let sign = rng.chance(0.5) ? 1 : -1;
    while (t < t1) {
      const per = (1 / p.tremorHz) * (1 + rng.normal(0, 0.08));
      out.push({ d, c: t, hw: 0.3 * per, a: sign * gain * p.tremorNm * (1 + rng.normal(0, 0.3)) });
      sign = -sign;
      t += per / 2;
    }
  }
  return out.sort((a, b) => a.c - b.c);
}

// ---------------------------------------------------------------------------------------------
// Scenes: command lists for the plants, simulation and composition into world poses
// ---------------------------------------------------------------------------------------------

/** Simulation starts before the clip so gestures may already be under way at t = 0. */
const T_START = -1.5;

/** One plant's script: commanded postures (the planner turns them into bursts). */
class Track {
  cmds: Cmd[] = [];
  cur: number[];
  readonly q0: number[];
  constructor(q0: number[]) {
    this.cur = [...q0];
    this.q0 = [...q0];
  }
  move(t: number, q: number[], T: number, opts: { vf?: number[]; fix?: number; tol?: number } = {}): void {
    this.cmds.push({ t, kind: 'move', q: [...q], T, ...opts });
    this.cur = [...q];
  }
  /** Intermittent hold checks (corrective moves if the posture drifted). */
  holdChecks(t0: number, t1: number, tol: number, rng: Rng): void {
    for (let t = t0; t < t1; t += rng.uniform(0.3, 0.55)) this.cmds.push({ t, kind: 'check', q: [...this.cur], tol, left: 1, Tc: 0.2 });
  }
}

interface Scene {
  D: number;
  tracks: { right: Track; left: Track; head: Track; body: Track };
  kind: string;
}

/** Arm posture [flex, abd, rot, elbow, pron, wflex, wdev]. */
type ArmQ = number[];

function restArm(p: Person, rng: Rng): ArmQ {
  return p.seated
    ? [rng.uniform(0.15, 0.45), rng.uniform(0.05, 0.2), rng.uniform(-0.4, 0), rng.uniform(0.5, 0.9), rng.uniform(0.9, 1.6), rng.uniform(-0.1, 0.2), rng.uniform(-0.1, 0.1)]
    : [rng.uniform(0.0, 0.2), rng.uniform(0.05, 0.2), rng.uniform(-0.2, 0.2), rng.uniform(0.15, 0.5), rng.uniform(1.0, 1.5), rng.uniform(-0.1, 0.2), rng.uniform(-0.1, 0.1)];
}

/** Movement time of a discrete arm move of joint-space size d (Fitts-like, per-person vigour). */
function mtArm(p: Person, a: number[], b: number[]): number {
  let d = 0;
  for (let i = 0; i < 4; i++) d += (a[i] - b[i]) ** 2;
  d = Math.sqrt(d);
  return Math.min(1.3, Math.max(0.22, (0.22 + 0.15 * Math.log2(1 + d / 0.1)) / p.vigour));
}
function mtHead(p: Person, a: number[], b: number[]): number {
  const d = Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
  return Math.min(0.9, Math.max(0.15, (0.14 + 0.09 * Math.log2(1 + d / 0.05)) / p.vigour));
}

interface SimOut {
  t0: number;
  K: number;
  hp: Float64Array;
  hq: Float64Array;
  side: Record<Side, { p: Float64Array; q: Float64Array }>;
}

interface TrackerCfg {
  kind: TrackerKind;
  hz: number;
  frameJit: number;
  dropP: number;
  lat: number;
  pred: number;
  alpha: number;
  headAlpha: number;
  posJit: number;
  rotJit: number;
  headJit: number;
  cone: number;
  coastTau: number;
  gamma: number;
  gripPos: Vec3;
  occlRate: number;
  dropoutRate: number;
}

const DEG = Math.PI / 180;

function drawTracker(rng: Rng): TrackerCfg {
  const kind: TrackerKind = rng.pick(['insideout', 'insideout', 'hands', 'outsidein'] as const);
  if (kind === 'insideout') {
    const lat = rng.uniform(0.008, 0.025);
    return {
      kind,
      hz: rng.pick([60, 72, 80, 90, 120]),
      frameJit: rng.uniform(0.01, 0.06),
      dropP: rng.uniform(0, 0.02),
      lat,
      pred: lat * rng.uniform(0.5, 1.1),
      alpha: rng.uniform(0.5, 0.85),
      headAlpha: rng.uniform(0.7, 0.95),
      posJit: rng.uniform(0.0004, 0.0015),
      rotJit: rng.uniform(0.1, 0.5) * DEG,
      headJit: rng.uniform(0.0001, 0.0005),
      cone: rng.uniform(85, 100) * DEG,
      coastTau: rng.uniform(0.08, 0.3),
      gamma: rng.uniform(50, 75) * DEG,
      gripPos: [rng.uniform(0.0, 0.03), -rng.uniform(0.35, 0.5), -rng.uniform(0.01, 0.04)],
      occlRate: 0,
      dropoutRate: 0,
    };
  }
  if (kind === 'hands') {
    const lat = rng.uniform(0.03, 0.07);
    return {
      kind,
      hz: rng.pick([30, 36, 45, 60, 72]),
      frameJit: rng.uniform(0.02, 0.08),
      dropP: rng.uniform(0, 0.03),
      lat,
      pred: lat * rng.uniform(0.3, 0.9),
      alpha: rng.uniform(0.4, 0.75),
      headAlpha: rng.uniform(0.7, 0.95),
      posJit: rng.uniform(0.0015, 0.004),
      rotJit: rng.uniform(1, 3) * DEG,
      headJit: rng.uniform(0.0002, 0.0006),
      cone: rng.uniform(85, 100) * DEG,
      coastTau: 0,
      gamma: rng.uniform(75, 95) * DEG,
      gripPos: [0, -rng.uniform(0, 0.05), 0],
      occlRate: 0,
      dropoutRate: rng.uniform(0, 0.5),
    };
  }
  const lat = rng.uniform(0.004, 0.012);
  return {
    kind,
    hz: rng.pick([90, 100, 120]),
    frameJit: rng.uniform(0.005, 0.03),
    dropP: rng.uniform(0, 0.01),
    lat,
    pred: lat * rng.uniform(0.5, 1.0),
    alpha: rng.uniform(0.6, 0.95),
    headAlpha: rng.uniform(0.8, 0.98),
    posJit: rng.uniform(0.0002, 0.0006),
    rotJit: rng.uniform(0.05, 0.2) * DEG,
    headJit: rng.uniform(0.0001, 0.0003),
    cone: Math.PI,
    coastTau: rng.uniform(0.05, 0.2),
    gamma: rng.uniform(50, 75) * DEG,
    gripPos: [rng.uniform(0.0, 0.03), -rng.uniform(0.35, 0.5), -rng.uniform(0.01, 0.04)],
    occlRate: rng.uniform(0, 0.8),
    dropoutRate: 0,
  };
}

const colsToQuat = (R: Float64Array, f: number): Quat =>
  qfromBasis([R[f], R[f + 1], R[f + 2]], [R[f + 3], R[f + 4], R[f + 5]], [R[f + 6], R[f + 7], R[f + 8]]);

function simulate(p: Person, scene: Scene, cfg: TrackerCfg, rng: Rng): SimOut {
  const tEnd = scene.D + 0.3;
  const arms = {} as Record<Side, { chain: Chain; motor: Motor }>;
  const s = Math.max(0.4, p.mass / 70);
  for (const side of ['right', 'left'] as const) {
    const chain = armChain(p);
    const tr = scene.tracks[side];
    const motor = new Motor(chain, startOf(tr), armParams(p, rng), T_START, rng);
    motor.noise = tremorBursts(rng, p, [[3, 4 * s], [5, 1 * s], [6, 0.6 * s], [4, 0.5 * s]], T_START, tEnd);
    motor.run(tr.cmds, tEnd);
    arms[side] = { chain, motor };
  }
  const hc = headChain(p);
  const head = new Motor(hc, startOf(scene.tracks.head), headParams(p, rng), T_START, rng);
  head.noise = tremorBursts(rng, p, [[0, 0.4], [1, 0.4]], T_START, tEnd);
  head.run(scene.tracks.head.cmds, tEnd);
  const bp = bodyPlant(p);
  const body = new Motor(bp.plant, startOf(scene.tracks.body), bp.params, T_START, rng);
  body.run(scene.tracks.body.cmds, tEnd);
  const sp = swayPlant(p, rng);
  const sway = new Motor(sp.plant, [rng.normal(0, 0.004), rng.normal(0, 0.003)], sp.params, T_START, rng);
  const spont: Pulse[] = [];
  for (let t = T_START + rng.uniform(0, 0.3); t < tEnd; t += rng.uniform(0.15, 0.5))
    spont.push({ d: rng.int(0, 1), c: t, hw: rng.uniform(0.05, 0.12), a: rng.normal(0, 0.012 * sp.mgh * p.swayScale) });
  sway.noise = spont.sort((a, b) => a.c - b.c);
  const swayChecks: Cmd[] = [];
  for (let t = T_START + 0.3; t < tEnd; t += rng.uniform(0.4, 0.9)) swayChecks.push({ t, kind: 'check', q: [0, 0], tol: 0.006, left: 1, Tc: 0.45 });
  sway.run(swayChecks, tEnd);

  const K = Math.min(head.rec.length / 3, body.rec.length / 3, sway.rec.length / 2, arms.right.motor.rec.length / 7, arms.left.motor.rec.length / 7);
  const out: SimOut = {
    t0: T_START,
    K,
    hp: new Float64Array(3 * K),
    hq: new Float64Array(4 * K),
    side: { right: { p: new Float64Array(3 * K), q: new Float64Array(4 * K) }, left: { p: new Float64Array(3 * K), q: new Float64Array(4 * K) } },
  };
  // grip offset (hand frame -> target ray)
  const g = cfg.gamma;
  const ray: Vec3 = [Math.cos(g), -Math.sin(g), 0];
  const up: Vec3 = [Math.sin(g), Math.cos(g), 0];
  const zc: Vec3 = [-ray[0], -ray[1], -ray[2]];
  const xc: Vec3 = [up[1] * zc[2] - up[2] * zc[1], up[2] * zc[0] - up[0] * zc[2], up[0] * zc[1] - up[1] * zc[0]];
  const gripQ = qfromBasis(xc, up, zc);
  const gp: Vec3 = [cfg.gripPos[0], cfg.gripPos[1] * (cfg.kind === 'hands' ? 1 : p.Lh), cfg.gripPos[2]];
  const pivot: Vec3 = [0, p.pivotY, 0];
  const qa = new Float64Array(7), qh = new Float64Array(3);
  for (let k = 0; k < K; k++) {
    const bx = body.rec[3 * k], bz = body.rec[3 * k + 1], yaw = body.rec[3 * k + 2];
    const Qy = qaxis([0, 1, 0], yaw);
    const Qs = qmul(qaxis([1, 0, 0], sway.rec[2 * k]), qaxis([0, 0, 1], sway.rec[2 * k + 1]));
    const Qt = qmul(Qy, Qs);
    const toWorld = (v: Vec3): Vec3 => {
      const r = qrot(Qs, [v[0] - pivot[0], v[1] - pivot[1], v[2] - pivot[2]]);
      const w = qrot(Qy, [r[0] + pivot[0], r[1] + pivot[1], r[2] + pivot[2]]);
      return [w[0] + bx, w[1], w[2] + bz];
    };
    for (let i = 0; i < 3; i++) qh[i] = head.rec[3 * k + i];
    hc.fk(qh);
    const R = hc.R;
    const eye: Vec3 = [
      R[18 + 3] * p.eyeUp - R[18 + 6] * p.eyeFwd,
      p.neckY + R[18 + 4] * p.eyeUp - R[18 + 7] * p.eyeFwd,
      R[18 + 5] * p.eyeUp - R[18 + 8] * p.eyeFwd,
    ];
    const hw = toWorld(eye);
    const hqw = qnorm(qmul(Qt, colsToQuat(R, 18)));
    out.hp.set(hw, 3 * k);
    out.hq.set(hqw, 4 * k);
    for (const side of ['right', 'left'] as const) {
      const { chain, motor } = arms[side];
      for (let i = 0; i < 7; i++) qa[i] = motor.rec[7 * k + i];
      chain.fk(qa);
      const f = 9 * 6;
      const Rr = chain.R;
      const pc: Vec3 = [
        p.shX + chain.O[18] + Rr[f] * gp[0] + Rr[f + 3] * gp[1] + Rr[f + 6] * gp[2],
        p.shY + chain.O[19] + Rr[f + 1] * gp[0] + Rr[f + 4] * gp[1] + Rr[f + 7] * gp[2],
        chain.O[20] + Rr[f + 2] * gp[0] + Rr[f + 5] * gp[1] + Rr[f + 8] * gp[2],
      ];
      let qc = qmul(colsToQuat(Rr, f), gripQ);
      if (side === 'left') {
        pc[0] = -pc[0];
        qc = [qc[0], -qc[1], -qc[2], qc[3]];
      }
      out.side[side].p.set(toWorld(pc), 3 * k);
      out.side[side].q.set(qnorm(qmul(Qt, qc)), 4 * k);
    }
  }
  return out;
}

function startOf(tr: Track): number[] {
  return tr.q0;
}

// ---------------------------------------------------------------------------------------------
// Trackers
// ---------------------------------------------------------------------------------------------

function sampleAt(t0: number, K: number, P: Float64Array, Q: Float64Array, t: number): Pose {
  let u = (t - t0) / DT;
  if (u < 0) u = 0;
  if (u > K - 1.000001) u = K - 1.000001;
  const k = Math.floor(u), f = u - k;
  const p: Vec3 = [0, 1, 2].map((i) => P[3 * k + i] + (P[3 * k + 3 + i] - P[3 * k + i]) * f) as Vec3;
  const qa: Quat = [Q[4 * k], Q[4 * k + 1], Q[4 * k + 2], Q[4 * k + 3]];
  const qb: Quat = [Q[4 * k + 4], Q[4 * k + 5], Q[4 * k + 6], Q[4 * k + 7]];
  return { p, q: qnorm(qslerp(qa, qb, f)) };
}

function jitterQ(q: Quat, sd: number, rng: Rng): Quat {
  if (sd <= 0) return q;
  const ax: Vec3 = [rng.normal(), rng.normal(), rng.normal()];
  const l = Math.hypot(...ax) || 1;
  return qnorm(qmul(q, qaxis([ax[0] / l, ax[1] / l, ax[2] / l], rng.normal(0, sd))));
}

/** Exponential smoothing with velocity prediction. */
class Stream {
  fp: Vec3 | null = null;
  fq: Quat | null = null;
  vel: Vec3 = [0, 0, 0];
  lt = 0;
  constructor(
    readonly alpha: number,
    readonly pred: number,
  ) {}
  reset(): void {
    this.fp = null;
    this.fq = null;
    this.vel = [0, 0, 0];
  }
  update(p: Vec3, q: Quat, t: number): Pose {
    if (!this.fp || !this.fq) {
      this.fp = [...p];
      this.fq = q;
      this.lt = t;
      return { p: [...p], q };
    }
    const a = this.alpha, dt = Math.max(1e-3, t - this.lt);
    const np: Vec3 = [0, 1, 2].map((i) => (this.fp as Vec3)[i] + a * (p[i] - (this.fp as Vec3)[i])) as Vec3;
    this.vel = [0, 1, 2].map((i) => 0.5 * this.vel[i] + 0.5 * ((np[i] - (this.fp as Vec3)[i]) / dt)) as Vec3;
    this.fp = np;
    this.fq = qnorm(qslerp(this.fq, q, a));
    this.lt = t;
    return { p: [np[0] + this.vel[0] * this.pred, np[1] + this.vel[1] * this.pred, np[2] + this.vel[2] * this.pred], q: this.fq };
  }
}

function intervals(rng: Rng, rate: number, dmin: number, dmax: number, D: number): [number, number][] {
  const out: [number, number][] = [];
  if (rate <= 0) return out;
  let t = -Math.log(1 - rng()) / rate;
  while (t < D) {
    const d = rng.uniform(dmin, dmax);
    out.push([t, t + d]);
    t += d - Math.log(1 - rng()) / rate;
  }
  return out;
}

function trackClip(sim: SimOut, cfg: TrackerCfg, D: number, rng: Rng): MotionFrame[] {
  const times: number[] = [];
  let t = 0;
  while (t <= D + 1e-9) {
    times.push(t);
    let dt = (1 / cfg.hz) * Math.min(1.4, Math.max(0.6, 1 + rng.normal(0, cfg.frameJit)));
    if (rng.chance(cfg.dropP)) dt += 1 / cfg.hz;
    t += dt;
  }
  const occl = { right: intervals(rng, cfg.occlRate, 0.04, 0.2, D), left: intervals(rng, cfg.occlRate, 0.04, 0.2, D) };
  const drops = { right: intervals(rng, cfg.dropoutRate, 0.05, 0.2, D), left: intervals(rng, cfg.dropoutRate, 0.05, 0.2, D) };
  const inAny = (iv: [number, number][], x: number) => iv.some(([a, b]) => x >= a && x < b);
  const headS = new Stream(cfg.headAlpha, cfg.pred);
  const hs = { right: new Stream(cfg.alpha, cfg.pred), left: new Stream(cfg.alpha, cfg.pred) };
  const st = {
    right: { coasting: false, base: [0, 0, 0] as Vec3, vel: [0, 0, 0] as Vec3, lostT: 0, last: [0, 0, 0] as Vec3, off: [0, 0, 0] as Vec3, offT: 0 },
    left: { coasting: false, base: [0, 0, 0] as Vec3, vel: [0, 0, 0] as Vec3, lostT: 0, last: [0, 0, 0] as Vec3, off: [0, 0, 0] as Vec3, offT: 0 },
  };
  const frames: MotionFrame[] = [];
  for (const tf of times) {
    const ts = tf - cfg.lat;
    const ht = sampleAt(sim.t0, sim.K, sim.hp, sim.hq, ts);
    const hraw: Vec3 = [ht.p[0] + rng.normal(0, cfg.headJit), ht.p[1] + rng.normal(0, cfg.headJit), ht.p[2] + rng.normal(0, cfg.headJit)];
    const head = headS.update(hraw, jitterQ(ht.q, cfg.rotJit * 0.3, rng), tf);
    const fwd = qrot(ht.q, [0, 0, -1]);
    const frame: MotionFrame = { t: tf, head, left: null, right: null };
    for (const side of ['right', 'left'] as const) {
      const tr = sampleAt(sim.t0, sim.K, sim.side[side].p, sim.side[side].q, ts);
      const d: Vec3 = [tr.p[0] - ht.p[0], tr.p[1] - ht.p[1], tr.p[2] - ht.p[2]];
      const dl = Math.hypot(...d);
      let visible: boolean;
      if (cfg.kind === 'outsidein') visible = !inAny(occl[side], tf);
      else visible = dl > 0.08 && Math.acos(Math.max(-1, Math.min(1, (d[0] * fwd[0] + d[1] * fwd[1] + d[2] * fwd[2]) / dl))) < cfg.cone;
      if (cfg.kind === 'hands') visible = visible && !inAny(drops[side], tf);
      const s = st[side];
      const stream = hs[side];
      if (!visible && cfg.kind === 'hands') {
        stream.reset();
        frame[side] = null;
        continue;
      }
      let raw: Vec3;
      if (!visible) {
        if (!s.coasting) {
          s.coasting = true;
          s.base = stream.fp ? [...stream.fp] : [...tr.p];
          s.vel = [...stream.vel];
          s.lostT = tf;
        }
        const e = cfg.coastTau * (1 - Math.exp(-(tf - s.lostT) / cfg.coastTau));
        raw = [s.base[0] + s.vel[0] * e, s.base[1] + s.vel[1] * e, s.base[2] + s.vel[2] * e];
        s.last = raw;
      } else {
        if (s.coasting) {
          s.coasting = false;
          s.off = [s.last[0] - tr.p[0], s.last[1] - tr.p[1], s.last[2] - tr.p[2]];
          s.offT = tf;
        }
        const w = Math.exp(-(tf - s.offT) / 0.2);
        raw = [0, 1, 2].map((i) => tr.p[i] + s.off[i] * w + rng.normal(0, cfg.posJit)) as Vec3;
      }
      frame[side] = stream.update(raw, jitterQ(tr.q, cfg.rotJit, rng), tf);
    }
    frames.push(frame);
  }
  return frames;
}

// ---------------------------------------------------------------------------------------------
// Behaviour scripts (commanded goals and timings only; the plants and planner make the motion)
// ---------------------------------------------------------------------------------------------

class Sc {
  readonly tracks: Scene['tracks'];
  constructor(
    readonly p: Person,
    readonly rng: Rng,
  ) {
    const head0 = [rng.normal(0, 0.04), rng.uniform(-0.15, 0.05), rng.normal(0, 0.03)];
    this.tracks = {
      right: new Track(restArm(p, rng)),
      left: new Track(restArm(p, rng)),
      head: new Track(head0),
      body: new Track([p.x, p.z, p.yaw]),
    };
  }
  get other(): Side {
    return this.p.dom === 'right' ? 'left' : 'right';
  }
  /** Discrete arm move (minimum torque-change planned); returns its end time. */
  arm(side: Side, t: number, q: number[], o: { T?: number; fix?: number; tol?: number } = {}): number {
    const tr = this.tracks[side];
    const T = o.T ?? mtArm(this.p, tr.cur, q);
    tr.move(t, q, T, { fix: o.fix ?? 1, tol: o.tol ?? 0.06 });
    return t + T;
  }
  head(t: number, q: number[], T?: number, fix = 1): number {
    const tr = this.tracks.head;
    const TT = T ?? mtHead(this.p, tr.cur, q);
    tr.move(t, q, TT, { fix, tol: 0.04 });
    return t + TT;
  }
  /** A rhythm: n moves alternating between goals a and b, onsets from the WK timekeeper. */
  rhythm(tr: Track, t0: number, a: number[], b: number[], n: number, meanI: number, jitter: (q: number[]) => number[] = (q) => q): number[] {
    const on = wkOnsets(this.rng, this.p, n, meanI).map((x) => x + t0);
    for (let k = 0; k < n; k++) tr.move(on[k], jitter(k % 2 === 0 ? a : b), on[k + 1] - on[k], {});
    return on;
  }
  restOf(side: Side): number[] {
    return this.tracks[side].q0;
  }
  /** A small, single head re-orientation (secondary activity). */
  glance(t: number, size: number): void {
    const h = this.tracks.head.cur;
    this.head(t, [h[0] + this.rng.uniform(-size, size), h[1] + this.rng.uniform(-size, size) * 0.4, h[2]], undefined, 0);
  }
  shiftAll(dt: number): void {
    for (const tr of Object.values(this.tracks)) for (const c of tr.cmds) c.t += dt;
  }
}

type Script = (sc: Sc, t0: number) => number;

const U = (rng: Rng, a: number, b: number) => rng.uniform(a, b);

// --- gestures ---------------------------------------------------------------------------------

const waveScript: Script = (sc, t0) => {
  const { p, rng } = sc;
  const side = rng.chance(0.85) ? p.dom : sc.other;
  // upper arm forward-out, forearm up; the swing is humeral rotation (hand side to side)
  const up = [U(rng, 1.0, 1.35), U(rng, 0.2, 0.5), U(rng, -0.35, 0.1), U(rng, 1.6, 1.9), U(rng, 0.0, 0.5), U(rng, -0.2, 0.1), 0];
  const amp = U(rng, 0.5, 0.75) * p.ampScale;
  const meanI = Math.min(0.32, Math.max(0.15, (1 / (2 * U(rng, 1.7, 3.1))) * p.tempo));
  const a = [...up], b = [...up];
  a[2] += amp / 2;
  b[2] -= amp / 2;
  a[3] -= 0.04;
  b[3] += 0.04;
  const tUp = sc.arm(side, t0, up, { fix: 0 });
  const n = rng.int(4, 7);
  const extra = rng.chance(0.5) ? rng.int(2, 6) : 0;
  const on = sc.rhythm(sc.tracks[side], tUp - 0.05, a, b, n + extra, meanI, (q) => q.map((x, i) => (i === 2 ? x + rng.normal(0, 0.04) : x)));
  const done = on[n];
  if (!extra && rng.chance(0.5)) sc.arm(side, on[n] + 0.02, sc.restOf(side), { fix: 0 });
  else if (!extra) sc.arm(side, on[n], up, { fix: 0, T: meanI });
  if (rng.chance(0.3)) sc.glance(t0 + U(rng, 0, 0.6), 0.2);
  return done;
};

const beckonScript: Script = (sc, t0) => {
  const { p, rng } = sc;
  const side = rng.chance(0.85) ? p.dom : sc.other;
  const out = [U(rng, 0.5, 0.9), U(rng, 0.05, 0.3), U(rng, -0.3, 0.1), U(rng, 1.05, 1.4), U(rng, 0.0, 0.4), U(rng, -0.2, 0.1), 0];
  const pulled = [...out];
  pulled[3] += U(rng, 0.45, 0.65) * p.ampScale;
  pulled[5] += U(rng, 0.3, 0.6);
  pulled[0] -= U(rng, 0.0, 0.1);
  const meanI = Math.min(0.33, Math.max(0.17, U(rng, 0.2, 0.32) * p.tempo));
  const tOut = sc.arm(side, t0, out, { fix: 0 });
  const pulls = rng.int(2, 4);
  const extra = rng.chance(0.4) ? rng.int(1, 4) : 0;
  const on = sc.rhythm(sc.tracks[side], tOut + U(rng, 0, 0.08), pulled, out, 2 * (pulls + extra) - 1, meanI);
  const done = on[2 * pulls - 1];
  if (!extra && rng.chance(0.5)) sc.arm(side, done + U(rng, 0.1, 0.3), sc.restOf(side), { fix: 0 });
  if (rng.chance(0.3)) sc.glance(t0 + U(rng, 0, 0.6), 0.15);
  return done;
};

function pointPosture(rng: Rng): number[] {
  return [U(rng, 1.3, 1.75), U(rng, -0.1, 0.6), U(rng, -0.3, 0.2), U(rng, 0.15, 0.35), U(rng, 1.0, 1.5), U(rng, -0.1, 0.2), U(rng, -0.1, 0.1)];
}

const pointScript: Script = (sc, t0) => {
  const { p, rng } = sc;
  const side = rng.chance(0.85) ? p.dom : sc.other;
  const q = pointPosture(rng);
  const tArr = sc.arm(side, t0, q, { fix: 2, tol: 0.04 });
  const hold = U(rng, 0.8, 1.6);
  sc.tracks[side].holdChecks(tArr + 0.35, tArr + hold + 1.5, 0.025, rng);
  if (rng.chance(0.4)) sc.arm(side, tArr + hold, sc.restOf(side), { fix: 0 });
  if (rng.chance(0.5)) {
    // gaze follows the pointing direction (a single triphasic head move)
    const h = sc.tracks.head.cur;
    const sgn = side === 'right' ? -1 : 1;
    sc.head(t0 + U(rng, -0.1, 0.2), [h[0] + sgn * (q[1] * 0.6 + U(rng, -0.05, 0.1)), h[1] + (1.57 - q[0]) * 0.3, h[2]], undefined, 0);
  }
  return tArr + 0.8;
};

const pushScript: Script = (sc, t0) => {
  const { p, rng } = sc;
  const both = rng.chance(0.2);
  const side = rng.chance(0.85) ? p.dom : sc.other;
  const ready = [U(rng, 0.7, 1.1), U(rng, 0.1, 0.35), U(rng, -0.5, -0.1), U(rng, 1.7, 2.1), U(rng, 1.3, 1.7), U(rng, -1.0, -0.7), 0];
  const ext = [U(rng, 1.3, 1.6), U(rng, 0.0, 0.3), U(rng, -0.4, 0.0), U(rng, 0.2, 0.45), U(rng, 1.4, 1.8), U(rng, -1.15, -0.85), 0];
  const sides: Side[] = both ? ['right', 'left'] : [side];
  let tArr = 0;
  for (const s of sides) {
    const lag = s === side ? 0 : U(rng, -0.04, 0.04);
    const tReady = sc.arm(s, t0 + lag, ready.map((x) => x + rng.normal(0, 0.03)), { fix: 0 });
    const tPush = tReady + U(rng, 0.0, 0.15);
    const Tp = Math.max(0.25, Math.min(0.45, U(rng, 0.28, 0.42) / p.vigour));
    tArr = Math.max(tArr, sc.arm(s, tPush, ext.map((x) => x + rng.normal(0, 0.03)), { T: Tp, fix: 2, tol: 0.04 }));
    sc.tracks[s].holdChecks(tPush + Tp + 0.3, tPush + Tp + 2.5, 0.025, rng);
  }
  return tArr + 0.6;
};

const nodScript: Script = (sc, t0) => {
  const { p, rng } = sc;
  const h0 = sc.tracks.head.cur;
  const n = rng.int(1, 3);
  const amp = U(rng, 0.24, 0.42) * p.ampScale;
  const down = [h0[0], h0[1] - amp, h0[2] + rng.normal(0, 0.02)];
  const upq = [h0[0], h0[1] + U(rng, -0.02, 0.06), h0[2]];
  const meanI = Math.min(0.32, Math.max(0.18, U(rng, 0.2, 0.3) * p.tempo));
  const on = sc.rhythm(sc.tracks.head, t0, down, upq, 2 * n, meanI, (q) => [q[0] + rng.normal(0, 0.01), q[1] + rng.normal(0, 0.02), q[2]]);
  if (rng.chance(0.3)) sc.arm(sc.other, t0 + U(rng, -0.3, 0.8), restArm(p, rng), { fix: 0 });
  return on[2 * n];
};

const shakeScript: Script = (sc, t0) => {
  const { p, rng } = sc;
  const h0 = sc.tracks.head.cur;
  const n = rng.int(2, 5);
  const amp = U(rng, 0.28, 0.5) * p.ampScale;
  const first = rng.chance(0.5) ? 1 : -1;
  const a = [h0[0] + first * amp, h0[1] + rng.normal(0, 0.03), h0[2]];
  const b = [h0[0] - first * amp, h0[1] + rng.normal(0, 0.03), h0[2]];
  const meanI = Math.min(0.32, Math.max(0.18, U(rng, 0.2, 0.3) * p.tempo));
  const on = sc.rhythm(sc.tracks.head, t0, a, b, n, meanI, (q) => [q[0] + rng.normal(0, 0.03), q[1], q[2]]);
  sc.head(on[n], h0, meanI * 1.1, 0);
  if (rng.chance(0.3)) sc.arm(sc.other, t0 + U(rng, -0.3, 0.8), restArm(p, rng), { fix: 0 });
  return on[n] + meanI * 0.6;
};

// --- none: everyday motion and hard negatives -------------------------------------------------

const NONE_SCRIPTS: Record<string, Script> = {
  idle: (sc, t0) => {
    const { p, rng } = sc;
    if (rng.chance(0.6)) sc.arm(rng.pick(['left', 'right'] as const), t0 + U(rng, 0, 1), restArm(p, rng), { fix: 0 });
    return t0 + 0.5;
  },
  look_around: (sc, t0) => {
    const { rng } = sc;
    const h0 = sc.tracks.head.cur;
    let t = t0;
    let yaw = h0[0];
    const n = rng.int(1, 3);
    for (let k = 0; k < n; k++) {
      yaw = Math.max(-1.1, Math.min(1.1, yaw + (rng.chance(0.5) ? 1 : -1) * U(rng, 0.3, 0.9)));
      const end = sc.head(t, [yaw, h0[1] + U(rng, -0.12, 0.12), h0[2] + rng.normal(0, 0.04)], undefined, 0);
      t = end + U(rng, 1.1, 1.6);
    }
    return t;
  },
  reach_back: (sc, t0) => {
    const { p, rng } = sc;
    const side = rng.chance(0.8) ? p.dom : sc.other;
    const q = [U(rng, 0.7, 1.5), U(rng, -0.1, 0.5), U(rng, -0.4, 0.2), U(rng, 0.25, 0.7), U(rng, 0.6, 1.4), U(rng, -0.3, 0.3), 0];
    const tA = sc.arm(side, t0, q, { fix: 0 });
    const tB = sc.arm(side, tA + U(rng, -0.08, 0.0), rng.chance(0.5) ? sc.restOf(side) : restArm(p, rng), { fix: 0 });
    if (rng.chance(0.5)) sc.head(t0 - 0.1, [sc.tracks.head.cur[0], sc.tracks.head.cur[1] - U(rng, 0.1, 0.3), 0], undefined, 0);
    return tB;
  },
  scratch: (sc, t0) => {
    const { p, rng } = sc;
    const side = rng.chance(0.7) ? p.dom : sc.other;
    const q = [U(rng, 2.1, 2.5), U(rng, 0.4, 0.8), U(rng, -0.3, 0.3), U(rng, 2.1, 2.45), U(rng, 0.9, 1.4), U(rng, 0.1, 0.4), 0];
    const tA = sc.arm(side, t0, q, { fix: 0 });
    const a = [...q], b = [...q];
    a[5] += 0.1;
    b[5] -= 0.1;
    const on = sc.rhythm(sc.tracks[side], tA, a, b, rng.int(4, 9), U(rng, 0.1, 0.14));
    if (rng.chance(0.3)) sc.head(t0 + 0.2, [sc.tracks.head.cur[0], sc.tracks.head.cur[1] - U(rng, 0.05, 0.2), U(rng, -0.15, 0.15)], undefined, 0);
    let end = on[on.length - 1];
    if (rng.chance(0.6)) end = sc.arm(side, end + U(rng, 0, 0.2), sc.restOf(side), { fix: 0 });
    return end;
  },
  step: (sc, t0) => {
    const { p, rng } = sc;
    const dir = p.yaw + rng.pick([0, Math.PI, Math.PI / 2, -Math.PI / 2]) + U(rng, -0.4, 0.4);
    const d = U(rng, 0.25, 0.6) * (p.H / 1.75);
    const b = sc.tracks.body.cur;
    const T = U(rng, 0.6, 1.0) / p.vigour;
    sc.tracks.body.move(t0, [b[0] - Math.sin(dir) * d, b[1] - Math.cos(dir) * d, b[2] + rng.normal(0, 0.1)], T);
    for (const s of ['left', 'right'] as const)
      if (rng.chance(0.5)) {
        const q = [...sc.restOf(s)];
        q[0] += U(rng, -0.2, 0.25);
        sc.arm(s, t0 + U(rng, 0, 0.2), q, { fix: 0 });
      }
    return t0 + T;
  },
  head_tilt: (sc, t0) => {
    const { rng } = sc;
    const h = sc.tracks.head.cur;
    const kind = rng.int(0, 2);
    const q = kind === 0 ? [h[0], h[1] - U(rng, 0.15, 0.4), h[2]] : kind === 1 ? [h[0], h[1], h[2] + (rng.chance(0.5) ? 1 : -1) * U(rng, 0.15, 0.35)] : [h[0], h[1] + U(rng, 0.12, 0.3), h[2]];
    return sc.head(t0, q, undefined, 1);
  },
  turn: (sc, t0) => {
    const { p, rng } = sc;
    const d = (rng.chance(0.5) ? 1 : -1) * U(rng, 0.5, 1.8);
    const b = sc.tracks.body.cur;
    const T = U(rng, 0.7, 1.3) / p.vigour;
    const h = sc.tracks.head.cur;
    const lead = Math.sign(d) * Math.min(0.25, Math.abs(d) * 0.3);
    sc.head(t0 - 0.1, [h[0] + lead, h[1], h[2]], undefined, 0);
    sc.tracks.body.move(t0 + 0.05, [b[0], b[1], b[2] + d], T);
    sc.head(t0 + 0.05 + T * 0.3, [h[0], h[1], h[2]], T * 0.9, 0);
    return t0 + T;
  },
  sweep: (sc, t0) => {
    const { p, rng } = sc;
    const side = rng.chance(0.8) ? p.dom : sc.other;
    const f = U(rng, 1.1, 1.6);
    const a = [f, U(rng, 0.7, 1.0), U(rng, -0.3, 0.1), U(rng, 0.2, 0.45), U(rng, 0.4, 1.4), 0, 0];
    const b = [f + U(rng, -0.1, 0.1), U(rng, -0.3, -0.1), a[2], a[3], a[4], 0, 0];
    const first = rng.chance(0.5);
    const tA = sc.arm(side, t0, first ? a : b, { fix: 0 });
    const tB = sc.arm(side, tA - 0.03, first ? b : a, { fix: 0, T: U(rng, 0.4, 0.8) / p.vigour });
    return sc.arm(side, tB - 0.02, sc.restOf(side), { fix: 0 });
  },
  watch: (sc, t0) => {
    const { p, rng } = sc;
    const side = rng.chance(0.8) ? sc.other : p.dom;
    const q = [U(rng, 0.2, 0.45), U(rng, 0.1, 0.3), U(rng, -1.1, -0.7), U(rng, 2.2, 2.45), U(rng, 1.7, 2.3), U(rng, -0.2, 0.2), 0];
    const tA = sc.arm(side, t0, q, { fix: 0 });
    const h = sc.tracks.head.cur;
    sc.head(t0 + 0.1, [h[0] + (side === 'left' ? 1 : -1) * U(rng, 0.05, 0.2), h[1] - U(rng, 0.3, 0.5), h[2]], undefined, 0);
    const hold = U(rng, 1.1, 1.6);
    sc.arm(side, tA + hold, sc.restOf(side), { fix: 0 });
    sc.head(tA + hold + 0.1, h, undefined, 0);
    return tA + 0.3;
  },
  walk: (sc, t0) => {
    const { p, rng } = sc;
    const heading = p.yaw + U(rng, -0.3, 0.3);
    const fx = -Math.sin(heading), fz = -Math.cos(heading);
    const I = U(rng, 0.45, 0.6) * p.tempo;
    const L = U(rng, 0.5, 0.72) * (p.H / 1.75);
    const v = L / I;
    const n = Math.ceil((3.5 - t0) / I) + 1;
    const on = wkOnsets(rng, p, n, I).map((x) => x + t0);
    const b = sc.tracks.body.cur;
    let x = b[0], z = b[1];
    for (let k = 0; k < n; k++) {
      const step = k === 0 ? 0.5 * L : L;
      x += fx * step;
      z += fz * step;
      sc.tracks.body.move(on[k], [x, z, heading + rng.normal(0, 0.03)], on[k + 1] - on[k], { vf: [fx * v, fz * v, 0] });
    }
    const sw = U(rng, 0.12, 0.3);
    for (const s of ['left', 'right'] as const) {
      const r = sc.restOf(s);
      const fwd = [...r], back = [...r];
      fwd[0] = r[0] + sw;
      back[0] = r[0] - sw * 0.7;
      fwd[3] = r[3] + 0.1;
      sc.rhythm(sc.tracks[s], t0 + U(rng, 0, 0.05), s === 'left' ? fwd : back, s === 'left' ? back : fwd, n, I);
    }
    return t0 + 1;
  },
  swipe: (sc, t0) => {
    const { p, rng } = sc;
    const side = rng.chance(0.8) ? p.dom : sc.other;
    const a = [U(rng, 0.7, 1.1), U(rng, 0.1, 0.3), U(rng, -1.0, -0.7), U(rng, 1.3, 1.6), U(rng, 0.6, 1.2), 0, 0];
    const b = [...a];
    b[2] = U(rng, 0.2, 0.5);
    b[1] += 0.2;
    const fromA = rng.chance(0.5);
    const tA = sc.arm(side, t0, fromA ? a : b, { fix: 0 });
    const tB = sc.arm(side, tA - 0.02, fromA ? b : a, { fix: 0, T: U(rng, 0.22, 0.35) });
    return sc.arm(side, tB + U(rng, 0, 0.1), sc.restOf(side), { fix: 0 });
  },
  headset: (sc, t0) => {
    const { rng } = sc;
    const q = [U(rng, 1.6, 2.1), U(rng, 0.6, 1.0), U(rng, -0.8, -0.3), U(rng, 2.0, 2.4), U(rng, 0.5, 1.0), U(rng, -0.2, 0.2), 0];
    let end = 0;
    for (const s of ['left', 'right'] as const) {
      const tA = sc.arm(s, t0 + U(rng, 0, 0.1), q.map((x) => x + rng.normal(0, 0.05)), { fix: 0 });
      const adj = q.map((x, i) => (i < 4 ? x + rng.normal(0, 0.04) : x));
      const tB = sc.arm(s, tA + U(rng, 0.1, 0.3), adj, { fix: 0, T: 0.3 });
      end = Math.max(end, sc.arm(s, tB + U(rng, 0.1, 0.4), sc.restOf(s), { fix: 0 }));
    }
    const h = sc.tracks.head.cur;
    sc.head(t0 + 0.4, [h[0], h[1] + U(rng, -0.1, 0.1), h[2] + U(rng, -0.1, 0.1)], undefined, 0);
    return end;
  },
  drink: (sc, t0) => {
    const { p, rng } = sc;
    const side = rng.chance(0.8) ? p.dom : sc.other;
    const q = [U(rng, 0.8, 1.1), U(rng, 0.2, 0.4), U(rng, -0.6, -0.2), U(rng, 2.2, 2.5), U(rng, 0.8, 1.2), U(rng, -0.4, 0), 0];
    const tA = sc.arm(side, t0, q, { fix: 0 });
    const h = sc.tracks.head.cur;
    sc.head(tA - 0.1, [h[0], h[1] + U(rng, 0.1, 0.25), h[2]], undefined, 0);
    const hold = U(rng, 1.1, 1.5);
    sc.head(tA + hold, h, undefined, 0);
    return sc.arm(side, tA + hold, sc.restOf(side), { fix: 0 });
  },
  lower_hand: (sc, _t0) => {
    const { p, rng } = sc;
    const side = rng.chance(0.8) ? p.dom : sc.other;
    const up = [U(rng, 1.0, 1.35), U(rng, 0.2, 0.5), U(rng, -0.35, 0.1), U(rng, 1.6, 1.9), U(rng, 0.0, 0.6), 0, 0];
    const tA = sc.arm(side, T_START + 0.1, up, { fix: 0 });
    return sc.arm(side, Math.max(tA, U(rng, -0.1, 0.15)), sc.restOf(side), { fix: 0 });
  },
};

/** Kinds of `none`, ordered so that neighbours differ in what moves. */
export const NONE_KINDS = ['idle', 'look_around', 'reach_back', 'step', 'head_tilt', 'scratch', 'turn', 'sweep', 'watch', 'walk', 'swipe', 'headset', 'drink', 'lower_hand'] as const;

const GESTURE_SCRIPTS: Record<Exclude<GestureLabel, 'none'>, Script> = {
  wave: waveScript,
  beckon: beckonScript,
  point: pointScript,
  push: pushScript,
  nod: nodScript,
  shake: shakeScript,
};

// ---------------------------------------------------------------------------------------------
// Checks on the tracked output (head and hand poses only) used to redraw unclear clips
// ---------------------------------------------------------------------------------------------

interface CheckCfg {
  wave: { h: number; dmin: number; dmax: number; upMin: number };
  beckon: { h: number; fmin: number; upLo: number; upHi: number; dmax: number };
  nod: { amp: number; win: number };
  shake: { amp: number; win: number };
  point: { ext: number; upMin: number; box: number; hold: number };
  push: { dist: number; hold: number; box: number; fmin: number; within: number };
}

/** Stricter thresholds for a gesture clip to count as clearly showing its label. */
const STRICT: CheckCfg = {
  wave: { h: 0.06, dmin: 0.11, dmax: 0.4, upMin: -0.25 },
  beckon: { h: 0.05, fmin: 0.12, upLo: -0.6, upHi: 0.05, dmax: 0.5 },
  nod: { amp: 9, win: 0.7 },
  shake: { amp: 9, win: 0.7 },
  point: { ext: 0.38, upMin: -0.45, box: 0.03, hold: 0.6 },
  push: { dist: 0.13, hold: 0.4, box: 0.03, fmin: 0.32, within: 1.0 },
};
/** Looser thresholds: a `none` clip must fail all of these. */
const LOOSE: CheckCfg = {
  wave: { h: 0.03, dmin: 0.07, dmax: 0.6, upMin: -0.38 },
  beckon: { h: 0.025, fmin: 0.08, upLo: -0.7, upHi: 0.15, dmax: 0.7 },
  nod: { amp: 5, win: 1.0 },
  shake: { amp: 5, win: 1.0 },
  point: { ext: 0.3, upMin: -0.55, box: 0.05, hold: 0.4 },
  push: { dist: 0.08, hold: 0.25, box: 0.05, fmin: 0.25, within: 1.2 },
};

interface HandSample {
  t: number;
  fwd: number;
  lat: number;
  up: number;
  hor: number;
  p: Vec3;
}

function analyse(frames: readonly MotionFrame[]) {
  const t0 = frames[0].t;
  let fx = 0, fz = 0;
  for (const f of frames) {
    if (!f.head || f.t - t0 > 0.25) continue;
    const v = qrot(f.head.q, [0, 0, -1]);
    fx += v[0];
    fz += v[2];
  }
  const l = Math.hypot(fx, fz) || 1;
  const F: Vec3 = [fx / l, 0, fz / l];
  const Rt: Vec3 = [-F[2], 0, F[0]];
  const head: { t: number; yaw: number; pitch: number }[] = [];
  for (const f of frames) {
    if (!f.head) continue;
    const v = qrot(f.head.q, [0, 0, -1]);
    head.push({ t: f.t, yaw: (Math.atan2(-(v[0] * Rt[0] + v[2] * Rt[2]), v[0] * F[0] + v[2] * F[2]) * 180) / Math.PI, pitch: (Math.asin(Math.max(-1, Math.min(1, v[1]))) * 180) / Math.PI });
  }
  const hands = (['left', 'right'] as const).map((side) => {
    const out: HandSample[] = [];
    for (const f of frames) {
      const h = f[side];
      if (!h || !f.head) continue;
      const d: Vec3 = [h.p[0] - f.head.p[0], h.p[1] - f.head.p[1], h.p[2] - f.head.p[2]];
      out.push({ t: f.t, fwd: d[0] * F[0] + d[2] * F[2], lat: d[0] * Rt[0] + d[2] * Rt[2], up: d[1], hor: Math.hypot(d[0], d[2]), p: h.p });
    }
    return out;
  });
  return { head, hands };
}

/** Turning points with hysteresis h: [anchor, reversals..., running extreme]. */
function turning(xs: readonly number[], h: number): number[] {
  if (!xs.length) return [];
  let dir = 0, hi = 0, lo = 0, ext = 0;
  const out: number[] = [];
  for (let i = 1; i < xs.length; i++) {
    if (dir === 0) {
      if (xs[i] > xs[hi]) hi = i;
      if (xs[i] < xs[lo]) lo = i;
      if (xs[hi] - xs[lo] >= h) {
        dir = hi > lo ? 1 : -1;
        out.push(dir > 0 ? lo : hi);
        ext = dir > 0 ? hi : lo;
      }
    } else if (dir > 0) {
      if (xs[i] >= xs[ext]) ext = i;
      else if (xs[ext] - xs[i] >= h) {
        out.push(ext);
        dir = -1;
        ext = i;
      }
    } else {
      if (xs[i] <= xs[ext]) ext = i;
      else if (xs[i] - xs[ext] >= h) {
        out.push(ext);
        dir = 1;
        ext = i;
      }
    }
  }
  if (dir !== 0) out.push(ext);
  return out;
}

/** Contiguous runs (gaps <= 0.15 s) of samples passing `keep`. */
function runs(xs: readonly HandSample[], keep: (s: HandSample) => boolean): HandSample[][] {
  const out: HandSample[][] = [];
  let cur: HandSample[] = [];
  for (const s of xs) {
    if (!keep(s) || (cur.length && s.t - cur[cur.length - 1].t > 0.15)) {
      if (cur.length) out.push(cur);
      cur = keep(s) ? [s] : [];
    } else cur.push(s);
  }
  if (cur.length) out.push(cur);
  return out;
}

function waveCheck(hands: HandSample[][], c: CheckCfg['wave']): boolean {
  for (const hs of hands)
    for (const run of runs(hs, (s) => s.up >= c.upMin)) {
      const tp = turning(run.map((s) => s.lat), c.h);
      let streak = 0;
      for (let k = 1; k + 1 < tp.length; k++) {
        const a = run[tp[k]], b = run[tp[k + 1]];
        const ok = Math.abs(b.lat - a.lat) >= c.h && b.t - a.t >= c.dmin && b.t - a.t <= c.dmax;
        streak = ok ? streak + 1 : 0;
        if (streak >= 2) return true;
      }
    }
  return false;
}

function beckonCheck(hands: HandSample[][], c: CheckCfg['beckon']): boolean {
  for (const hs of hands)
    for (const run of runs(hs, (s) => s.fwd >= c.fmin && s.up >= c.upLo && s.up <= c.upHi)) {
      const tp = turning(run.map((s) => s.fwd), c.h);
      let pulls = 0;
      for (let k = 0; k + 1 < tp.length; k++) {
        const a = run[tp[k]], b = run[tp[k + 1]];
        if (a.fwd - b.fwd >= c.h && b.t - a.t <= c.dmax) pulls++;
      }
      if (pulls >= 2) return true;
    }
  return false;
}

/** Down-then-up (of at least amp) within win seconds. */
function dipCheck(ts: readonly number[], xs: readonly number[], amp: number, win: number): boolean {
  for (let i = 0; i < xs.length; i++) {
    let mn = xs[i];
    for (let k = i + 1; k < xs.length && ts[k] - ts[i] <= win; k++) {
      if (xs[k] < mn) mn = xs[k];
      if (xs[i] - mn >= amp && xs[k] - mn >= amp) return true;
    }
  }
  return false;
}

function stillWindow(hs: readonly HandSample[], ok: (s: HandSample) => boolean, box: number, hold: number, then?: (i: number) => boolean): boolean {
  for (let i = 0; i < hs.length; i++) {
    if (!ok(hs[i])) continue;
    const mn = [...hs[i].p], mx = [...hs[i].p];
    for (let j = i + 1; j < hs.length; j++) {
      const s = hs[j];
      if (!ok(s) || s.t - hs[j - 1].t > 0.15) break;
      for (let a = 0; a < 3; a++) {
        mn[a] = Math.min(mn[a], s.p[a]);
        mx[a] = Math.max(mx[a], s.p[a]);
      }
      if (Math.hypot(mx[0] - mn[0], mx[1] - mn[1], mx[2] - mn[2]) > box) break;
      if (s.t - hs[i].t >= hold && (!then || then(i))) return true;
    }
  }
  return false;
}

function pointCheck(hands: HandSample[][], c: CheckCfg['point']): boolean {
  return hands.some((hs) => stillWindow(hs, (s) => s.hor >= c.ext && s.up >= c.upMin, c.box, c.hold));
}

function pushCheck(hands: HandSample[][], c: CheckCfg['push']): boolean {
  return hands.some((hs) =>
    stillWindow(hs, (s) => s.fwd >= c.fmin, c.box, c.hold, (i) => {
      for (let a = i - 1; a >= 0 && hs[i].t - hs[a].t <= c.within; a--) if (hs[i].fwd - hs[a].fwd >= c.dist) return true;
      return false;
    }),
  );
}

/** Which gesture checks a tracked clip satisfies under thresholds `c`. */
export function gestureChecks(frames: readonly MotionFrame[], c: CheckCfg = STRICT): Record<Exclude<GestureLabel, 'none'>, boolean> {
  const a = analyse(frames);
  const ts = a.head.map((h) => h.t);
  const pitch = a.head.map((h) => h.pitch);
  const yaw = a.head.map((h) => h.yaw);
  return {
    wave: waveCheck(a.hands, c.wave),
    beckon: beckonCheck(a.hands, c.beckon),
    point: pointCheck(a.hands, c.point),
    push: pushCheck(a.hands, c.push),
    nod: dipCheck(ts, pitch, c.nod.amp, c.nod.win),
    shake: dipCheck(ts, yaw, c.shake.amp, c.shake.win) || dipCheck(ts, yaw.map((y) => -y), c.shake.amp, c.shake.win),
  };
}

function peakSpeed(frames: readonly MotionFrame[], side: Side): number {
  let best = 0;
  for (let i = 0, j = 0; i < frames.length; i++) {
    const a = frames[i][side];
    if (!a) continue;
    if (j <= i) j = i + 1;
    while (j < frames.length && frames[j].t - frames[i].t < 0.1) j++;
    const b = j < frames.length ? frames[j][side] : null;
    if (b) best = Math.max(best, Math.hypot(b.p[0] - a.p[0], b.p[1] - a.p[1], b.p[2] - a.p[2]) / (frames[j].t - frames[i].t));
  }
  return best;
}

function plausible(frames: readonly MotionFrame[]): boolean {
  for (const f of frames) {
    if (!f.head) return false;
    if (!(f.head.p[1] > 0.65 && f.head.p[1] < 2.15)) return false;
    for (const pose of [f.head, f.left, f.right]) {
      if (!pose) continue;
      if (![...pose.p, ...pose.q].every(Number.isFinite)) return false;
      if (Math.abs(Math.hypot(...pose.q) - 1) > 1e-3) return false;
    }
  }
  for (let i = 1; i < frames.length; i++) if (!(frames[i].t > frames[i - 1].t)) return false;
  return Math.max(peakSpeed(frames, 'left'), peakSpeed(frames, 'right')) <= 3.3;
}

// ---------------------------------------------------------------------------------------------
// Clips and dataset
// ---------------------------------------------------------------------------------------------

function hashSeed(...xs: number[]): number {
  let h = 0x9e3779b9;
  for (const x of xs) {
    h = Math.imul(h ^ (x >>> 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

/** One attempt at a clip; null when it fails its output checks. */
function tryClip(label: GestureLabel, rng: Rng, noneKind: string): MotionClip | null {
  const cfg = drawTracker(rng);
  const p = drawPerson(rng, cfg.kind);
  const sc = new Sc(p, rng);
  const script = label === 'none' ? NONE_SCRIPTS[noneKind] : GESTURE_SCRIPTS[label];
  const tOn = label === 'none' ? U(rng, -0.3, 0.8) : U(rng, -0.5, 0.4);
  const done = script(sc, tOn);
  let D = U(rng, 1.0, 3.0);
  if (label !== 'none') {
    const tail = U(rng, 0.1, 0.45);
    if (done + tail > D) D = Math.min(3, done + tail);
    if (done + tail > D) {
      const shift = D - tail - done;
      if (tOn + shift < T_START + 0.25) return null;
      sc.shiftAll(shift);
    }
  }
  D = Math.round(D * 1000) / 1000;
  const sim = simulate(p, { D, tracks: sc.tracks, kind: noneKind }, cfg, rng);
  const frames = trackClip(sim, cfg, D, rng);
  if (frames.length < 2 || frames[frames.length - 1].t < 1.0 || !plausible(frames)) return null;
  if (label === 'none') {
    if (Object.values(gestureChecks(frames, LOOSE)).some(Boolean)) return null;
  } else if (!gestureChecks(frames, STRICT)[label]) return null;
  return { label, hz: cfg.hz, frames };
}

/** Rejection counts of the last dataset call (for the summary). */
let lastRedraws = 0;

/** perLabel clips of every gesture label (7 x perLabel), deterministic for a seed. */
export function eighteenthDataset(perLabel: number, seed: number): MotionClip[] {
  const clips: MotionClip[] = [];
  lastRedraws = 0;
  GESTURE_LABELS.forEach((label, li) => {
    for (let i = 0; i < perLabel; i++) {
      const kind = NONE_KINDS[(i + (seed >>> 0)) % NONE_KINDS.length];
      let clip: MotionClip | null = null;
      for (let attempt = 0; !clip; attempt++) {
        if (attempt > 400) throw new Error(`could not draw a clear ${label} clip (${kind}) for seed ${seed}`);
        clip = tryClip(label, createRng(hashSeed(seed, li, i, attempt)), kind);
        if (!clip) lastRedraws++;
      }
      clips.push(clip);
    }
  });
  return clips;
}

/** One-line summary of a clip set. */
export function summarise(clips: readonly MotionClip[]): string {
  const counts = new Map<string, number>();
  let dur = 0, frames = 0, nulls = 0, hands = 0;
  const hz = new Set<number>();
  for (const c of clips) {
    counts.set(c.label ?? '?', (counts.get(c.label ?? '?') ?? 0) + 1);
    dur += c.frames[c.frames.length - 1].t - c.frames[0].t;
    frames += c.frames.length;
    hz.add(c.hz);
    for (const f of c.frames) {
      hands += 2;
      nulls += (f.left ? 0 : 1) + (f.right ? 0 : 1);
    }
  }
  const per = [...counts].map(([k, v]) => `${k}=${v}`).join(' ');
  return `${clips.length} clips (${per}); mean ${(dur / Math.max(1, clips.length)).toFixed(2)} s, ${frames} frames, hz ${[...hz].sort((a, b) => a - b).join('/')}, untracked hands ${((100 * nulls) / Math.max(1, hands)).toFixed(1)}%, redraws ${lastRedraws}`;
}

function main(): void {
  const args = process.argv.slice(2);
  const known = new Set(['--out', '--per-label', '--seed']);
  const opts = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!known.has(a)) throw new Error(`unknown argument "${a}" (usage: --out DIR [--per-label N] [--seed S])`);
    const v = args[i + 1];
    if (v === undefined || v.startsWith('--')) throw new Error(`${a} needs a value`);
    opts.set(a, v);
    i++;
  }
  const out = opts.get('--out');
  if (!out) throw new Error('missing --out DIR (usage: --out DIR [--per-label N] [--seed S])');
  const perLabel = Number(opts.get('--per-label') ?? '40');
  const seed = Number(opts.get('--seed') ?? '18');
  if (!Number.isInteger(perLabel) || perLabel < 1) throw new Error(`--per-label must be a positive integer, got ${opts.get('--per-label')}`);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, got ${opts.get('--seed')}`);
  const clips = eighteenthDataset(perLabel, seed);
  writeClips(out, clips);
  console.log(summarise(clips));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    main();
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
