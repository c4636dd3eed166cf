/**
 * Fifth motion-clip generator: EVALUATION ONLY. Its clips measure how a gesture model copes with a
 * motion model it has never seen; they are never used to train, tune or select a model.
 *
 * How it is built (independently of the other generators):
 * - Body: a person (height 1.45-2.0 m, proportional segments, handedness, tempo) standing
 *   anywhere in the room, facing any way. Stance sway is a noisy PD-balanced inverted pendulum
 *   about the ankles; weight shifts, a step, walking (bob, lateral sway, arm swing), torso turns and
 *   forward leans are body-level events.
 * - Arms: each arm is a 6-joint chain (shoulder plane/elevation/humeral rotation, elbow, forearm
 *   rotation, wrist flexion) with segment masses (plus a controller in the hand), integrated at
 *   500 Hz under gravity (configuration-dependent effective inertia and gravity torque from the
 *   segments' centre-of-mass Jacobians). Joints are driven by PD torques (per-person stiffness and
 *   damping: under- or over-damped moves) plus an imperfect internal model (gravity and inertia
 *   feedforward through first-order muscle activation), torque limits and signal-dependent motor
 *   noise (noise proportional to torque, Harris & Wolpert). Hand-tracking users hold no controller.
 * - Planner: gestures are task-level hand goals and palm normals in the body frame, turned into
 *   joint goals by analytic IK with a swivel angle and a palm search; the virtual trajectory is a
 *   joint-space ramp passed through neural low-pass stages. Rhythmic parts come from Hopf
 *   oscillators (central pattern generators) mapped into joint space by a Jacobian synergy.
 * - Head: gaze fixations with eye-head coordination (head takes a fraction of large shifts), a
 *   second-order head plant stabilised in world space (vestibular-like), nods/shakes as Hopf bursts.
 * - Tracker: display timestamps (72/80/90/120 Hz, sometimes 30-60) with jitter and dropped frames;
 *   per-device constant-acceleration Kalman filters fed at the sensor rate with latency and
 *   extrapolated to display time; controller mode (target ray along the hand, device tilt) or hand
 *   tracking (wrist pose, ray from an estimated shoulder, lost out of the cameras' view or near the
 *   face); loss bursts and a slow world-locked drift.
 *   A gesture clip in which hand tracking lost the gesturing hand for much of its second half is
 *   redrawn, so every gesture is complete and visible.
 * Every event the planner stores is a fresh object; nothing mutates a shared goal.
 *
 * CLI: node --import tsx scripts/gesture/synth-fifth.ts --out DIR --per-label 40 --seed 51
 */
import { GESTURE_LABELS, type GestureLabel, type MotionFrame, type Pose, type Quat, type Vec3 } from '../../src/core/types';
import { add, createRng, cross, dot, len, lerp3, norm, parseArgs, qaxis, qeuler, qlook, qmul, qnorm, qrot, qslerp, scale, sub, writeClips, type MotionClip, type Rng } from './motion-math';

const D = Math.PI / 180;
const DT = 0.002;
const WARM = 0.5;
const X: Vec3 = [1, 0, 0];
const Y: Vec3 = [0, 1, 0];
const Z: Vec3 = [0, 0, 1];
const DOWN: Vec3 = [0, -1, 0];
const clamp = (v: number, a: number, b: number) => Math.min(b, Math.max(a, v));
const qinv = (q: Quat): Quat => [-q[0], -q[1], -q[2], q[3]];
const ease = (u: number) => 0.5 - 0.5 * Math.cos(Math.PI * clamp(u, 0, 1));
/** Joint limits (canonical right arm): plane, elevation, humeral rotation, elbow, forearm rotation, wrist. */
const LO = [-55 * D, -50 * D, -85 * D, 0, -85 * D, -70 * D];
const HI = [145 * D, 175 * D, 95 * D, 150 * D, 85 * D, 75 * D];

interface Person {
  H: number; M: number; U: number; F: number; grip: number; sw: number; shH: number; neckH: number; eyeUp: number; eyeFwd: number;
  dom: 1 | -1; tempo: number; wn: number; zeta: number; ffG: number; ffI: number; sdn: number; tauM: number;
  headWn: number; headZeta: number; headFrac: number; vor: number; headWander: number; tilt: number; handTracking: boolean; swayK: number; swayD: number; swaySig: number;
}

function person(rng: Rng): Person {
  const H = clamp(rng.normal(1.72, 0.1), 1.45, 2.0);
  const hand = rng.chance(0.3);
  const swayK = (9.81 / (0.55 * H)) * rng.uniform(0.25, 0.6);
  const swayD = 2 * rng.uniform(0.25, 0.5) * Math.sqrt(swayK);
  return {
    H, M: clamp(rng.normal(24 * H * H, 10), 40, 120), U: 0.186 * H, F: 0.146 * H, grip: hand ? 0 : 0.045 * H, sw: rng.uniform(0.105, 0.125) * H,
    shH: rng.uniform(0.81, 0.83) * H, neckH: 0.9 * H, eyeUp: 0.036 * H, eyeFwd: 0.05 * H, dom: rng.chance(0.88) ? 1 : -1,
    tempo: rng.uniform(0.75, 1.3), wn: rng.uniform(18, 32), zeta: rng.uniform(0.55, 1.2), ffG: rng.uniform(0.82, 1.0), ffI: rng.uniform(0.75, 1.05),
    sdn: rng.uniform(0.03, 0.12), tauM: rng.uniform(0.025, 0.05), headWn: rng.uniform(10, 17), headZeta: rng.uniform(0.65, 1.05),
    headFrac: rng.uniform(0.35, 0.85), vor: rng.uniform(0.7, 0.95), headWander: rng.uniform(0.5, 2) * D * Math.sqrt(2 / 0.5), tilt: hand ? 0 : rng.uniform(0, 40) * D, handTracking: hand, swayK, swayD, swaySig: rng.uniform(0.002, 0.005) * Math.sqrt(2 * swayD * swayK),
  };
}

/** Forward kinematics of the canonical (right) arm in the torso frame; S is the shoulder. */
function fk(q: readonly number[], P: Person, S: Vec3) {
  const Qu = qmul(qmul(qaxis(Y, -q[0]), qaxis(X, q[1])), qaxis(Y, q[2]));
  const E = add(S, scale(qrot(Qu, DOWN), P.U));
  const Qf = qmul(Qu, qaxis(X, q[3]));
  const W = add(E, scale(qrot(Qf, DOWN), P.F));
  const Qh = qmul(qmul(Qf, qaxis(Y, q[4])), qaxis(Z, -q[5]));
  const G = add(W, scale(qrot(Qh, DOWN), P.grip));
  return { S, E, W, G, Qh };
}

/** Analytic IK for the wrist (relative to the shoulder) with a swivel angle; returns joints 0-3. */
function ik(P: Person, wRel: Vec3, swivel: number, prevPlane: number): number[] {
  const A = P.U + P.F;
  let w = wRel;
  const d = clamp(len(w), 0.3 * A, 0.95 * A);
  w = scale(norm(w), d);
  const eps = Math.PI - Math.acos(clamp((P.U * P.U + P.F * P.F - d * d) / (2 * P.U * P.F), -1, 1));
  const a = Math.acos(clamp((P.U * P.U + d * d - P.F * P.F) / (2 * P.U * d), -1, 1));
  const n = norm(w);
  let pref: Vec3 = [0.35, -1, 0.25];
  if (Math.abs(dot(norm(pref), n)) > 0.97) pref = [0.3, 0, 1];
  const e1 = norm(sub(pref, scale(n, dot(pref, n))));
  const c = cross(n, e1);
  const e2 = c[0] < 0 ? scale(c, -1) : c;
  let best: number[] = [];
  let bestErr = Infinity;
  // swivel candidates near the requested one, and two parameterisations of the same upper-arm
  // direction (flexion plane vs. extension): keep the one that reaches the goal within joint limits
  for (const ds of [0, 0.3, -0.3, 0.6, -0.6, 1, -1]) for (const flip of [false, true]) {
    const eDir = add(scale(e1, Math.cos(swivel + ds)), scale(e2, Math.sin(swivel + ds)));
    const E = add(scale(n, P.U * Math.cos(a)), scale(eDir, P.U * Math.sin(a)));
    const u = norm(E);
    const f = norm(sub(w, E));
    const b0 = Math.acos(clamp(-u[1], -1, 1));
    const beta = flip ? -b0 : b0;
    let alpha = Math.sin(b0) < 0.12 ? prevPlane : Math.atan2(u[0], -u[2]) + (flip ? Math.PI : 0);
    while (alpha - prevPlane > Math.PI) alpha -= 2 * Math.PI;
    while (alpha - prevPlane < -Math.PI) alpha += 2 * Math.PI;
    const Qp = qmul(qaxis(Y, -alpha), qaxis(X, beta));
    const bend = qrot(qinv(Qp), sub(f, scale(u, Math.cos(eps))));
    const gamma = Math.sin(eps) < 0.05 ? 0.3 : Math.atan2(-bend[0], -bend[2]);
    const q = [alpha, beta, gamma, eps].map((v, i) => clamp(v, LO[i], HI[i]));
    const err = len(sub(fk([...q, 0, 0], P, [0, 0, 0]).W, w)) + 0.02 * Math.abs(alpha - prevPlane) + 0.01 * Math.abs(ds);
    if (err < bestErr) {
      bestErr = err;
      best = q;
    }
  }
  return best;
}

/** Forearm rotation and wrist flexion whose palm normal (hand -x) best matches `palm`. */
function palmSearch(P: Person, q4: number[], palm: Vec3): [number, number] {
  let best: [number, number] = [0.2, 0];
  let bestCost = Infinity;
  const target = norm(palm);
  for (let rho = -80; rho <= 80; rho += 8) {
    for (let kap = -70; kap <= 70; kap += 10) {
      const { Qh } = fk([...q4, rho * D, kap * D], P, [0, 0, 0]);
      const cost = Math.acos(clamp(dot(qrot(Qh, [-1, 0, 0]), target), -1, 1)) + 0.15 * (Math.abs(rho) + Math.abs(kap)) * D;
      if (cost < bestCost) {
        bestCost = cost;
        best = [rho * D, kap * D];
      }
    }
  }
  return best;
}

interface Goal { t: number; dur: number; q: readonly number[] }
interface Osc { t0: number; t1: number; f: number; syn: readonly number[]; asym: number; grow: number }
interface Burst { t0: number; t1: number; f: number; amp: number; asym: number; axis: 0 | 1 }
interface Fix { t: number; yaw: number; pitch: number }
interface Turn { t0: number; dur: number; yaw: number }
interface Lean { t0: number; dur: number; pitch: number }

/** Task-level plan builder; every event it stores is a fresh object (never shared or mutated). */
class Plan {
  goals: [Goal[], Goal[]] = [[], []];
  oscs: [Osc[], Osc[]] = [[], []];
  q0: [number[], number[]];
  bursts: Burst[] = [];
  fixes: Fix[] = [];
  turns: Turn[] = [];
  leans: Lean[] = [];
  walk: { t0: number; t1: number; v: number; heading: number; fs: number } | null = null;
  step: { t0: number; dur: number; d: Vec3 } | null = null;
  shift: { t0: number; ml: number } | null = null;
  constructor(readonly P: Person, readonly rng: Rng) {
    this.q0 = [this.rest(), this.rest()];
  }
  /** Index 0 = left arm, 1 = right arm. */
  idx(side: 1 | -1): 0 | 1 {
    return side > 0 ? 1 : 0;
  }
  rest(): number[] {
    const r = this.rng;
    return r.chance(0.5)
      ? [r.uniform(0, 0.3), r.uniform(0.05, 0.25), r.uniform(0.1, 0.5), r.uniform(0.15, 0.6), r.uniform(-0.1, 0.4), r.uniform(-0.1, 0.3)]
      : [r.uniform(0, 0.35), r.uniform(0.1, 0.35), r.uniform(0.3, 0.7), r.uniform(1.0, 1.5), r.uniform(-0.2, 0.5), r.uniform(-0.2, 0.2)];
  }
  last(side: 1 | -1): readonly number[] {
    const g = this.goals[this.idx(side)];
    return g.length ? g[g.length - 1].q : this.q0[this.idx(side)];
  }
  /** Joint-space goal; the duration stretches so the mean hand speed along the joint path stays under `vMean`. */
  moveJ(side: 1 | -1, t: number, dur: number, q: readonly number[], vMean = 1.1): number {
    const to = q.map((v, i) => clamp(v, LO[i], HI[i]));
    const from = this.last(side);
    let path = 0;
    let p = fk(from, this.P, [0, 0, 0]).G;
    for (let k = 1; k <= 12; k++) {
      const n = fk(from.map((v, i) => v + ((to[i] - v) * k) / 12), this.P, [0, 0, 0]).G;
      path += len(sub(n, p));
      p = n;
    }
    const d = Math.max(dur * this.P.tempo, path / (vMean * this.rng.uniform(0.85, 1.15)));
    this.goals[this.idx(side)].push({ t, dur: d, q: to });
    return t + d;
  }
  /** Move the wrist to `wRel` (canonical, relative to the shoulder) with the palm facing `palm` (or [forearm rotation, wrist flexion]). */
  moveTo(side: 1 | -1, t: number, dur: number, wRel: Vec3, palm: Vec3 | [number, number] | null, swivel = 0, vMean = 1.1): number {
    const q4 = ik(this.P, wRel, swivel, this.last(side)[0]);
    const pw = !palm ? [0.2, 0] : palm.length === 2 ? palm : palmSearch(this.P, q4, palm);
    return this.moveJ(side, t, dur, [...q4, ...pw], vMean);
  }
  home(side: 1 | -1, t: number, dur: number): number {
    return this.moveJ(side, t, dur, this.q0[this.idx(side)].slice());
  }
  /** A Hopf-oscillator rhythm: `dir`*`amp` (m, half amplitude) through a Jacobian synergy, plus joint extras. */
  osc(side: 1 | -1, t0: number, cycles: number, f: number, dir: Vec3, amp: number, extra: [number, number][] = [], asym = 1): number {
    const q = this.last(side);
    const h = 1e-4;
    const w0 = fk(q, this.P, [0, 0, 0]).G;
    const J = [0, 1, 2, 3].map((j) => scale(sub(fk(q.map((v, i) => (i === j ? v + h : v)), this.P, [0, 0, 0]).G, w0), 1 / h));
    // syn = J^T (J J^T + lambda I)^-1 d
    const m = [0, 1, 2].map((r) => [0, 1, 2].map((c) => J.reduce((s, col) => s + col[r] * col[c], 0) + (r === c ? 1e-3 : 0)));
    const det = (a: number[][]) => a[0][0] * (a[1][1] * a[2][2] - a[1][2] * a[2][1]) - a[0][1] * (a[1][0] * a[2][2] - a[1][2] * a[2][0]) + a[0][2] * (a[1][0] * a[2][1] - a[1][1] * a[2][0]);
    const dd = scale(norm(dir), amp);
    const k = det(m);
    const y = [0, 1, 2].map((c) => det(m.map((row, r) => row.map((v, cc) => (cc === c ? dd[r] : v)))) / k);
    let syn = [0, 1, 2, 3].map((j) => J[j][0] * y[0] + J[j][1] * y[1] + J[j][2] * y[2]).concat([0, 0]);
    // rescale so the actual (non-linear) wrist excursion at the synergy's extreme is `amp`
    const moved = len(sub(fk(q.map((v, i) => v + syn[i]), this.P, [0, 0, 0]).G, w0));
    if (moved > 1e-6) syn = syn.map((v) => (v * amp) / moved);
    for (const [j, a] of extra) syn[j] += a;
    const t1 = t0 + cycles / f;
    this.oscs[this.idx(side)].push({ t0, t1, f, syn, asym, grow: this.rng.uniform(10, 20) });
    return t1;
  }
  fix(t: number, yaw: number, pitch: number): void {
    this.fixes.push({ t, yaw, pitch });
  }
  /** Shift every event by dt (new objects). */
  shiftAll(dt: number): void {
    const sg = (g: Goal[]) => g.map((e) => ({ ...e, t: e.t + dt }));
    const so = (o: Osc[]) => o.map((e) => ({ ...e, t0: e.t0 + dt, t1: e.t1 + dt }));
    this.goals = [sg(this.goals[0]), sg(this.goals[1])];
    this.oscs = [so(this.oscs[0]), so(this.oscs[1])];
    this.bursts = this.bursts.map((e) => ({ ...e, t0: e.t0 + dt, t1: e.t1 + dt }));
    this.fixes = this.fixes.map((e) => ({ ...e, t: e.t + dt }));
    this.turns = this.turns.map((e) => ({ ...e, t0: e.t0 + dt }));
    this.leans = this.leans.map((e) => ({ ...e, t0: e.t0 + dt }));
    if (this.walk) this.walk = { ...this.walk, t0: this.walk.t0 + dt, t1: this.walk.t1 + dt };
    if (this.step) this.step = { ...this.step, t0: this.step.t0 + dt };
    if (this.shift) this.shift = { ...this.shift, t0: this.shift.t0 + dt };
  }
}

/** Gesture plans: each gets the gesturing side and a time budget, returns when the gesture is complete. */
type PlanFn = (b: Plan, s: 1 | -1, budget: number) => number;

const GESTURES: Record<Exclude<GestureLabel, 'none'>, PlanFn> = {
  wave(b, s, budget) {
    const r = b.rng, A = b.P.U + b.P.F;
    let w: Vec3 = [r.uniform(0.0, 0.3), r.uniform(0.02, 0.36), -r.uniform(0.12, 0.4)];
    if (len(w) > 0.9 * A) w = scale(w, (0.9 * A) / len(w));
    const raise = b.moveTo(s, 0, r.uniform(0.35, 0.65), w, [r.uniform(-0.25, 0.25), r.uniform(-0.1, 0.2), -1], r.uniform(-0.2, 0.6));
    const f = r.uniform(1.6, 3.3);
    const t0 = raise * r.uniform(0.8, 1.0);
    const cycles = clamp(r.uniform(1.3, 3.6), 1.2, (budget - t0) * f);
    const royal = r.chance(0.15);
    const amp = Math.min(royal ? r.uniform(0.05, 0.08) : r.uniform(0.06, 0.16), 2.3 / (2 * Math.PI * f));
    const extra: [number, number][] = royal ? [[4, r.uniform(0.35, 0.6)]] : [[5, r.uniform(-0.15, 0.15)]];
    const end = b.osc(s, t0, cycles, f, [1, r.uniform(-0.1, 0.15), r.uniform(-0.3, 0.3)], amp, extra, r.uniform(0.8, 1));
    b.home(s, end + r.uniform(0.15, 0.5), r.uniform(0.5, 0.8));
    return end;
  },
  beckon(b, s, budget) {
    const r = b.rng;
    const style = r.pick(['arm', 'arm', 'arm', 'wrist', 'palmdown'] as const);
    const w: Vec3 = [-r.uniform(0.03, 0.25), -r.uniform(0.12, 0.33), -r.uniform(0.22, 0.42)];
    const reach = b.moveTo(s, 0, r.uniform(0.35, 0.6), w, style === 'palmdown' ? [0, -1, 0.2] : [r.uniform(-0.3, 0.1), 1, 0.4], r.uniform(-0.2, 0.3));
    const f = r.uniform(1.0, 2.4);
    const t0 = reach * r.uniform(0.75, 1.05);
    const cycles = clamp(r.uniform(2, 4.2), 1.8, (budget - t0) * f);
    const cap = 1.45 / (2 * Math.PI * f);
    const amp = Math.min(style === 'arm' ? r.uniform(0.04, 0.11) : r.uniform(0.02, 0.045), cap);
    const dir: Vec3 = style === 'palmdown' ? [0, -0.35, 1] : [r.uniform(-0.2, 0.1), r.uniform(0.2, 0.6), 1];
    const kap = style === 'arm' ? r.uniform(0.15, 0.45) : r.uniform(0.4, 0.75);
    const end = b.osc(s, t0, cycles, f, dir, amp, [[5, kap]], r.uniform(0.55, 0.95));
    b.home(s, end + r.uniform(0.2, 0.5), r.uniform(0.5, 0.8));
    return end;
  },
  point(b, s, budget) {
    const r = b.rng, A = b.P.U + b.P.F;
    const az = r.uniform(-35, 65) * D, el = r.uniform(-25, 30) * D;
    const dir: Vec3 = [Math.sin(az) * Math.cos(el), Math.sin(el), -Math.cos(az) * Math.cos(el)];
    // with a controller the user raises the arm until the (down-tilted) ray lands on the target
    const ea = el + b.P.tilt * r.uniform(0.5, 1);
    const arm: Vec3 = [Math.sin(az) * Math.cos(ea), Math.sin(ea), -Math.cos(az) * Math.cos(ea)];
    const reach = b.moveTo(s, 0, r.uniform(0.35, 0.7), scale(arm, r.uniform(0.86, 0.95) * A), [r.uniform(0, 1.2), r.normal(0, 0.08)], r.uniform(-0.2, 0.4));
    if (r.chance(0.7)) b.fix(r.uniform(0, 0.2), Math.atan2(-s * dir[0], -dir[2]), el * 0.8);
    return Math.min(budget, reach + r.uniform(0.55, 1.2));
  },
  push(b, s, budget) {
    const r = b.rng, A = b.P.U + b.P.F;
    const both = r.chance(0.3);
    let t = 0;
    const x = r.uniform(-0.12, 0.08), y = r.uniform(-0.18, 0.05);
    const ext = r.uniform(0.84, 0.94) * A;
    const w: Vec3 = [x, y, -Math.sqrt(Math.max(0.01, ext * ext - x * x - y * y))];
    const palm: Vec3 = [r.uniform(-0.15, 0.15), r.uniform(0, 0.25), -1];
    const sides: (1 | -1)[] = both ? [s, -s as 1 | -1] : [s];
    if (r.chance(0.35)) {
      for (const sd of sides) t = Math.max(t, b.moveTo(sd, 0, 0.3, [-0.1, -0.22, -0.2], [0, 0.2, -1], 0.3));
      t += r.uniform(0, 0.1);
    }
    const dur = r.uniform(0.22, 0.45);
    let end = 0;
    for (const sd of sides) end = Math.max(end, b.moveTo(sd, t + (sd === s ? 0 : r.uniform(0, 0.08)), dur, w, palm, r.uniform(-0.1, 0.4), r.uniform(1.2, 1.7)));
    return Math.min(budget, end + r.uniform(0.4, 0.9));
  },
  nod(b, _s, budget) {
    const r = b.rng;
    const f = r.uniform(1.4, 3.0);
    const cycles = clamp(r.uniform(1, 3.5), 1, budget * f);
    const amp = Math.min(r.uniform(5, 30), 330 / (2 * Math.PI * f)) * D;
    b.bursts.push({ t0: 0, t1: cycles / f, f, amp, asym: r.uniform(0.2, 0.8), axis: 0 });
    return cycles / f + 0.1;
  },
  shake(b, _s, budget) {
    const r = b.rng;
    const f = r.uniform(1.5, 3.6);
    const cycles = clamp(r.uniform(1, 3.5), 1, budget * f);
    const amp = Math.min(r.uniform(8, 35), 420 / (2 * Math.PI * f)) * D * (r.chance(0.5) ? 1 : -1);
    b.bursts.push({ t0: 0, t1: cycles / f, f, amp, asym: r.uniform(0.6, 1), axis: 1 });
    return cycles / f + 0.1;
  },
};

/** Everyday motions for `none` (each given a start time and the clip length). */
const NONE: Record<string, (b: Plan, s: 1 | -1, t: number, T: number) => void> = {
  idle(b, _s, t, T) {
    for (let k = t; k < T; k += b.rng.uniform(0.5, 1.2)) b.fix(k, b.rng.normal(0, 6 * D), b.rng.normal(-4 * D, 4 * D));
  },
  beats(b, s, t, T) {
    const r = b.rng;
    const both = r.chance(0.5);
    for (const sd of both ? [s, -s as 1 | -1] : [s]) {
      b.moveTo(sd, t, 0.45, [-r.uniform(0, 0.15), -r.uniform(0.38, 0.5), -r.uniform(0.2, 0.35)], [-0.5, 0.8, 0], 0.2);
      let k = t + 0.4;
      while (k < T - 0.3) k = b.osc(sd, k, r.uniform(0.8, 2.5), r.uniform(1.5, 3), [r.uniform(-0.3, 0.3), 1, r.uniform(-0.3, 0.3)], r.uniform(0.01, 0.035)) + r.uniform(0.1, 0.5);
    }
  },
  watch(b, s, t) {
    const w = -s as 1 | -1;
    b.moveTo(w, t, 0.5, [-0.22, -0.3, -0.28], [0, 1, 0.3], 0.2);
    b.moveTo(w, t + 0.5, 0.2, [-0.24, -0.28, -0.27], [0, 1, 0.3], 0.2);
    b.fix(t + 0.3, 8 * D * s, -45 * D);
    b.fix(t + b.rng.uniform(1.1, 1.6), 0, -5 * D);
    b.home(w, t + b.rng.uniform(1.2, 1.7), 0.6);
  },
  headset(b, s, t) {
    const r = b.rng;
    const up = b.P.neckH + b.P.eyeUp - b.P.shH;
    const e = b.moveTo(s, t, 0.55, [r.uniform(-0.1, 0.02), up * r.uniform(0.6, 0.9), -r.uniform(0.05, 0.12)], [-1, 0, 0], 0.6);
    b.osc(s, e, r.uniform(1, 2), r.uniform(2, 4), [0, 1, 0], 0.008);
    b.home(s, t + r.uniform(1.0, 1.5), 0.6);
  },
  crossArms(b, s, t) {
    for (const sd of [s, -s as 1 | -1]) b.moveTo(sd, t + (sd === s ? 0 : 0.12), 0.7, [-b.P.sw * 1.6, -0.25, -0.14], [0, 0, 1], 0.6);
  },
  hips(b, s, t) {
    for (const sd of [s, -s as 1 | -1]) b.moveTo(sd, t + b.rng.uniform(0, 0.15), 0.6, [0.07, -(b.P.shH - 0.56 * b.P.H), 0.02], [-1, 0, 0], 1.2);
  },
  scratch(b, s, t) {
    const up = b.P.neckH - b.P.shH - 0.03;
    // scratch the jaw / chin, or the side of the neck with the elbow out
    const w: Vec3 = b.rng.chance(0.5) ? [-b.P.sw * 0.9, up * 0.6, -0.14] : [0, up + 0.06, -0.12];
    const e = b.moveTo(s, t, 0.55, w, [-1, 0, 0.3], 0.8);
    b.osc(s, e, b.rng.uniform(2, 5), b.rng.uniform(3.5, 5.5), [0, 1, 0.2], 0.012);
    b.fix(t, 0, b.rng.uniform(-15, -5) * D);
    b.home(s, t + b.rng.uniform(1.2, 1.8), 0.6);
  },
  pickUp(b, s, t) {
    const r = b.rng, A = b.P.U + b.P.F;
    const low = r.chance(0.5);
    const obj: Vec3 = [r.uniform(-0.1, 0.25), low ? -0.65 : -r.uniform(0.45, 0.6), -r.uniform(0.35, 0.55)];
    const lean = low ? r.uniform(18, 30) * D : r.uniform(4, 12) * D;
    b.leans.push({ t0: t, dur: 0.6, pitch: lean });
    b.moveTo(s, t, r.uniform(0.55, 0.8), scale(obj, Math.min(1, (0.93 * A) / len(obj))), [-0.7, 0, -0.3], 0.2);
    b.fix(t - 0.1, -s * 0.2, -45 * D);
    const back = t + 0.7 * b.P.tempo + r.uniform(0.15, 0.35);
    b.leans.push({ t0: back, dur: 0.6, pitch: -lean });
    b.moveTo(s, back, 0.6, [-0.1, -0.3, -0.25], [-0.5, 0.8, 0], 0.2);
    b.fix(back + 0.1, 0, -20 * D);
  },
  lookBehind(b, _s, t) {
    const r = b.rng;
    const yaw = r.uniform(60, 150) * D * (r.chance(0.5) ? 1 : -1);
    b.turns.push({ t0: t, dur: r.uniform(0.6, 1.0), yaw: yaw * r.uniform(0.3, 0.55) });
    b.fix(t, yaw, r.uniform(-10, 5) * D);
    if (r.chance(0.4)) {
      b.fix(t + r.uniform(1.2, 1.6), yaw * 0.2, 0);
      b.turns.push({ t0: t + 1.3, dur: 0.9, yaw: -yaw * 0.3 });
    }
  },
  walk(b, s, t, T) {
    const r = b.rng;
    const heading = r.uniform(-0.8, 0.8);
    b.walk = { t0: t, t1: T + 1, v: r.uniform(0.6, 1.3), heading, fs: r.uniform(1.6, 2.1) };
    b.turns.push({ t0: t, dur: 0.5, yaw: heading });
    b.fix(t, heading + r.normal(0, 0.1), r.uniform(-15, 0) * D);
    const sw = r.uniform(0.15, 0.35);
    for (const sd of [s, -s as 1 | -1]) b.moveJ(sd, t, 0.3, [0, 0.08, 0.3, r.uniform(0.25, 0.6), 0.1, 0.05]);
    b.oscs[1].push({ t0: t + 0.2, t1: T + 1, f: b.walk.fs / 2, syn: [0, sw, 0, 0.1, 0, 0], asym: 1, grow: 8 });
    b.oscs[0].push({ t0: t + 0.2 + 1 / b.walk.fs, t1: T + 1, f: b.walk.fs / 2, syn: [0, sw, 0, 0.1, 0, 0], asym: 1, grow: 8 });
  },
  drink(b, s, t) {
    const r = b.rng;
    b.moveTo(s, t, 0.45, [-0.1, -0.35, -0.28], [-1, 0, 0], 0.2);
    const mouth = b.P.neckH + b.P.eyeUp * 0.2 - b.P.shH;
    b.moveTo(s, t + 0.5, 0.55, [-b.P.sw + 0.03, mouth, -b.P.eyeFwd - 0.04], [-1, 0, 0.4], 0.9);
    b.bursts.push({ t0: t + 0.9, t1: t + 1.1, f: 0.45, amp: -r.uniform(8, 18) * D, asym: 0.1, axis: 0 });
    b.moveTo(s, t + r.uniform(1.4, 1.9), 0.6, [-0.1, -0.4, -0.25], [-1, 0, 0], 0.2);
  },
  stretch(b, s, t) {
    // both arms overhead, or one arm pulled across the chest (a shoulder stretch)
    const r = b.rng, A = b.P.U + b.P.F;
    if (r.chance(0.6)) {
      for (const sd of [s, -s as 1 | -1]) {
        b.moveTo(sd, t, r.uniform(0.7, 1.0), [-0.05, 0.9 * A, 0.02], [-1, 0, 0], 0.3);
        b.home(sd, t + r.uniform(1.1, 1.5), 0.8);
      }
      b.fix(t, 0, 15 * D);
    } else {
      b.moveTo(s, t, r.uniform(0.6, 0.9), [-2 * b.P.sw - 0.1, -0.08, -0.22], [0, 0, 1], 0.4);
      b.moveTo(-s as 1 | -1, t + 0.2, 0.6, [-0.12, -0.15, -0.22], [-1, 0, 0], 0.8);
      b.home(s, t + r.uniform(1.3, 1.8), 0.8);
    }
  },
  lookAround(b, _s, t, T) {
    const r = b.rng;
    let yaw = 0;
    for (let k = t; k < T; k += r.uniform(0.5, 0.9)) {
      yaw = clamp(yaw + r.uniform(-55, 55) * D, -1.3, 1.3);
      b.fix(k, yaw, r.uniform(-25, 15) * D);
    }
  },
};

/** Truth streams sampled at DT from -WARM. */
interface Truth { head: Pose[]; ray: [Quat[], Quat[]]; grip: [Vec3[], Vec3[]]; wrist: [Vec3[], Vec3[]]; thumb: [Vec3[], Vec3[]] }

function simulate(b: Plan, T: number, x0: Vec3, yaw0: number): Truth {
  const P = b.P, rng = b.rng;
  const n = Math.ceil((T + WARM + 0.1) / DT);
  const out: Truth = { head: [], ray: [[], []], grip: [[], []], wrist: [[], []], thumb: [[], []] };
  const arms = [0, 1].map((i) => {
    const q = b.q0[i].slice();
    return { q, v: [0, 0, 0, 0, 0, 0], tau: [0, 0, 0, 0, 0, 0], nz: [0, 0, 0, 0, 0, 0], f1: q.slice(), f2: q.slice(), ref: q.slice(), prev: q.slice(), pv: [0, 0, 0, 0, 0, 0], I: [0.1, 0.1, 0.1, 0.1, 0.01, 0.01], G: [0, 0, 0, 0, 0, 0], osc: b.oscs[i].map(() => [0, -0.25]), goalStart: b.q0[i].slice(), gi: -1 };
  });
  const mh = 0.006 * P.M + (P.handTracking ? 0 : 0.15), mf = 0.016 * P.M, mu = 0.028 * P.M;
  const tauMax = [1, 1, 0.5, 0.8, 0.08, 0.12].map((k) => k * 60 * (P.M / 75));
  const sway = [0, 0, 0, 0]; // ml, ml', ap, ap'
  let hy = yaw0, hp = -3 * D, hvy = 0, hvp = 0, tyPrev = yaw0, hyT = yaw0, hpT = -3 * D;
  let gazeY = 0, gazeP = -3 * D, fi = 0;
  const wander = [0, 0];
  const roll = rng.normal(0, 2) * D;
  const burstSt = b.bursts.map(() => [0, -0.25]);
  const hipY = 0.53 * P.H;
  let pos: Vec3 = [x0[0], 0, x0[2]];
  for (let k = 0; k < n; k++) {
    const t = k * DT - WARM;
    // body: yaw, lean, walking, step, sway
    let yaw = yaw0, lean = 0;
    for (const e of b.turns) yaw += e.yaw * ease((t - e.t0) / e.dur);
    for (const e of b.leans) lean += e.pitch * ease((t - e.t0) / e.dur);
    let bob = 0, lat = 0;
    if (b.walk && t > b.walk.t0) {
      const w = b.walk, ramp = ease((t - w.t0) / 0.6) * (1 - ease((t - w.t1) / 0.5));
      const hd = yaw0 + w.heading;
      pos = add(pos, scale([-Math.sin(hd), 0, -Math.cos(hd)], w.v * ramp * DT));
      bob = ramp * 0.025 * Math.cos(2 * Math.PI * w.fs * (t - w.t0));
      lat = ramp * 0.02 * Math.sin(Math.PI * w.fs * (t - w.t0));
    }
    let stepOff: Vec3 = [0, 0, 0];
    if (b.step) {
      const u = ease((t - b.step.t0) / b.step.dur);
      stepOff = add(scale(b.step.d, u), [0, 0.02 * Math.sin(Math.PI * clamp((t - b.step.t0) / b.step.dur, 0, 1)), 0]);
    }
    const mlRef = b.shift ? (b.shift.ml / (0.55 * P.H)) * ease((t - b.shift.t0) / 0.7) : 0;
    for (const a of [0, 2]) {
      const ref = a === 0 ? mlRef : 0;
      const acc = -P.swayK * (sway[a] - ref) - P.swayD * sway[a + 1] + (P.swaySig * rng.normal()) / Math.sqrt(DT);
      sway[a + 1] += acc * DT;
      sway[a] += sway[a + 1] * DT;
    }
    const qyaw = qaxis(Y, yaw), qlean = qaxis(X, -lean);
    const toWorld = (pb: Vec3): Vec3 => {
      const h: Vec3 = [0, hipY, 0];
      const p = add(h, qrot(qlean, sub(pb, h)));
      const sw: Vec3 = [sway[0] * pb[1] + lat, bob, sway[2] * pb[1]];
      return add(add(pos, stepOff), qrot(qyaw, add(p, sw)));
    };
    const rotWorld = (v: Vec3): Vec3 => qrot(qyaw, qrot(qlean, v));
    // arms
    for (const i of [0, 1] as const) {
      const a = arms[i], side = i === 1 ? 1 : -1;
      const goals = b.goals[i];
      while (a.gi + 1 < goals.length && t >= goals[a.gi + 1].t) {
        a.goalStart = a.ref.slice();
        a.gi++;
      }
      if (a.gi >= 0) {
        const g = goals[a.gi], u = clamp((t - g.t) / g.dur, 0, 1);
        a.ref = a.goalStart.map((v, j) => v + (g.q[j] - v) * u);
      }
      const target = a.ref.map((v, j) => {
        a.f1[j] += ((v - a.f1[j]) * DT) / 0.05;
        a.f2[j] += ((a.f1[j] - a.f2[j]) * DT) / 0.04;
        return a.f2[j];
      });
      b.oscs[i].forEach((o, oi) => {
        const st = a.osc[oi];
        if (t < o.t0) return;
        const r2 = st[0] * st[0] + st[1] * st[1], w = 2 * Math.PI * o.f;
        const gain = t < o.t1 ? o.grow * (1 - r2) : -o.grow * 0.6;
        const dx = gain * st[0] - w * st[1], dy = gain * st[1] + w * st[0];
        st[0] += dx * DT;
        st[1] += dy * DT;
        const y = st[0] >= 0 ? st[0] : st[0] * o.asym;
        for (let j = 0; j < 6; j++) target[j] += o.syn[j] * y;
      });
      const S: Vec3 = [P.sw, P.shH + 0.035 * clamp((a.q[1] - 1.2) / 1.6, 0, 1), 0];
      if (k % 5 === 0) {
        // effective inertia and gravity torque from COM Jacobians (finite differences)
        const com = (q: number[]) => {
          const f = fk(q, P, S);
          return [lerp3(S, f.E, 0.44), lerp3(f.E, f.W, 0.43), f.G];
        };
        const c0 = com(a.q);
        for (let j = 0; j < 6; j++) {
          const c1 = com(a.q.map((v, jj) => (jj === j ? v + 1e-4 : v)));
          let I = 0, G = 0;
          [mu, mf, mh].forEach((m, s) => {
            const d = scale(sub(c1[s], c0[s]), 1e4);
            I += m * dot(d, d);
            G += m * 9.81 * d[1];
          });
          a.I[j] = Math.max(I, [0.03, 0.03, 0.01, 0.012, 0.0015, 0.002][j]);
          a.G[j] = G;
          if (k === 0) a.tau[j] = P.ffG * G;
        }
      }
      for (let j = 0; j < 6; j++) {
        const vd = (target[j] - a.prev[j]) / DT, ad = (vd - a.pv[j]) / DT;
        a.prev[j] = target[j];
        a.pv[j] = vd;
        const kp = a.I[j] * P.wn * P.wn, kd = 2 * P.zeta * P.wn * a.I[j];
        // feedforward (internal model) passes through muscle activation dynamics; the PD part acts
        // as the muscles' intrinsic/reflex impedance; signal-dependent noise scales with the torque
        const ff = P.ffG * a.G[j] + (k > 2 ? P.ffI * a.I[j] * clamp(ad, -400, 400) : 0);
        a.tau[j] += ((ff - a.tau[j]) * DT) / P.tauM;
        const cmd = clamp(kp * (target[j] - a.q[j]) + kd * (vd - a.v[j]) + a.tau[j], -tauMax[j], tauMax[j]);
        a.nz[j] += (-a.nz[j] * DT) / 0.03 + Math.sqrt((2 * DT) / 0.03) * rng.normal();
        let tau = cmd * (1 + P.sdn * a.nz[j]) + 0.02 * tauMax[j] * P.sdn * a.nz[j];
        if (a.q[j] < LO[j]) tau += a.I[j] * 6400 * (LO[j] - a.q[j]) - a.I[j] * 80 * a.v[j];
        if (a.q[j] > HI[j]) tau += a.I[j] * 6400 * (HI[j] - a.q[j]) - a.I[j] * 80 * a.v[j];
        a.v[j] += ((tau - a.G[j] - 0.2 * a.I[j] * a.v[j]) / a.I[j]) * DT;
        a.q[j] += a.v[j] * DT;
      }
      const f = fk(a.q, P, S);
      const mir = (v: Vec3): Vec3 => [side * v[0], v[1], v[2]];
      out.grip[i].push(toWorld(mir(f.G)));
      out.wrist[i].push(toWorld(mir(f.W)));
      const thumb = rotWorld(mir(qrot(f.Qh, [0, 0, -1])));
      out.thumb[i].push(thumb);
      out.ray[i].push(qnorm(qlook(rotWorld(mir(qrot(f.Qh, DOWN))), thumb)));
    }
    // head: gaze fixations with eye-head coordination, world-stabilised second-order plant
    while (fi < b.fixes.length && t >= b.fixes[fi].t) {
      const fx = b.fixes[fi++];
      const dy = fx.yaw + yaw0 - (gazeY + yaw0), dp = fx.pitch - gazeP;
      if (Math.abs(dy) > 12 * D) hyT += Math.sign(dy) * Math.max(P.headFrac * Math.abs(dy), Math.abs(dy) - 35 * D);
      if (Math.abs(dp) > 10 * D) hpT += Math.sign(dp) * Math.max(P.headFrac * 0.8 * Math.abs(dp), Math.abs(dp) - 30 * D);
      gazeY = fx.yaw;
      gazeP = fx.pitch;
    }
    hyT = clamp(hyT, yaw - 80 * D, yaw + 80 * D);
    hpT = clamp(hpT, -60 * D, 45 * D);
    hy += (1 - P.vor) * (yaw - tyPrev);
    tyPrev = yaw;
    // slow postural wander of the head (OU, ~1-2 degrees)
    for (const a of [0, 1]) wander[a] += -wander[a] * DT / 0.5 + Math.sqrt(DT) * P.headWander * rng.normal();
    hvy += (P.headWn * P.headWn * (hyT + wander[0] - hy) - 2 * P.headZeta * P.headWn * hvy) * DT;
    hvp += (P.headWn * P.headWn * (hpT + wander[1] - hp) - 2 * P.headZeta * P.headWn * hvp) * DT;
    hy += hvy * DT;
    hp += hvp * DT;
    const off = [0, 0];
    b.bursts.forEach((e, bi) => {
      const st = burstSt[bi];
      if (t < e.t0) return;
      const r2 = st[0] * st[0] + st[1] * st[1], w = 2 * Math.PI * e.f;
      const gain = t < e.t1 ? 14 * (1 - r2) : -9;
      const dx = gain * st[0] - w * st[1], dy = gain * st[1] + w * st[0];
      st[0] += dx * DT;
      st[1] += dy * DT;
      off[e.axis] += e.amp * (st[0] >= 0 ? st[0] : st[0] * e.asym);
    });
    const hq = qeuler(hy + off[1], clamp(hp - off[0] - lean * 0.3, -75 * D, 50 * D), roll);
    const pivot = toWorld([0, P.neckH, 0.01]);
    out.head.push({ p: add(pivot, qrot(hq, [0, P.eyeUp, -P.eyeFwd])), q: hq });
  }
  return out;
}

/** Constant-acceleration Kalman filter on one axis. */
class Kf {
  x = [0, 0, 0];
  P = [[1, 0, 0], [0, 1, 0], [0, 0, 1]];
  constructor(readonly q: number, readonly r: number, p0: number) {
    this.x = [p0, 0, 0];
    this.P = [[r, 0, 0], [0, 1, 0], [0, 0, 10]];
  }
  update(z: number, dt: number): void {
    const F = [[1, dt, (dt * dt) / 2], [0, 1, dt], [0, 0, 1]];
    const q = this.q, d2 = dt * dt, d3 = d2 * dt;
    const Q = [[(d3 * d2) / 20, (d2 * d2) / 8, d3 / 6], [(d2 * d2) / 8, d3 / 3, d2 / 2], [d3 / 6, d2 / 2, dt]].map((r) => r.map((v) => v * q));
    const x = F.map((r) => r[0] * this.x[0] + r[1] * this.x[1] + r[2] * this.x[2]);
    const FP = F.map((r) => [0, 1, 2].map((c) => r[0] * this.P[0][c] + r[1] * this.P[1][c] + r[2] * this.P[2][c]));
    const Pp = FP.map((r, i) => [0, 1, 2].map((c) => r[0] * F[c][0] + r[1] * F[c][1] + r[2] * F[c][2] + Q[i][c]));
    const s = Pp[0][0] + this.r;
    const K = [Pp[0][0] / s, Pp[1][0] / s, Pp[2][0] / s];
    const y = z - x[0];
    this.x = x.map((v, i) => v + K[i] * y);
    this.P = Pp.map((r, i) => r.map((v, c) => v - K[i] * Pp[0][c]));
  }
  predict(h: number, ka: number): number {
    return this.x[0] + this.x[1] * h + 0.5 * ka * this.x[2] * h * h;
  }
}

const at = <T>(xs: T[], t: number): T => xs[clamp(Math.round((t + WARM) / DT), 0, xs.length - 1)];

/** Tracker model: display timestamps, sensor-rate Kalman filters with latency and prediction, loss, drift. */
function track(truth: Truth, P: Person, T: number, rng: Rng, absent: number): { hz: number; frames: MotionFrame[] } {
  const hz = rng.chance(0.15) ? rng.int(30, 60) : rng.pick([72, 72, 80, 90, 90, 120]);
  const jit = rng.uniform(0.0001, 0.0006), hiccup = rng.uniform(0.003, 0.03);
  const times: number[] = [];
  for (let t = 0; t <= T; t += Math.max(0.3 / hz, (rng.chance(hiccup) ? rng.int(2, 3) : 1) / hz + rng.normal(0, jit))) times.push(t);
  const drift0: Vec3 = [rng.normal(0, 0.002), rng.normal(0, 0.001), rng.normal(0, 0.002)];
  const driftV: Vec3 = [rng.normal(0, 0.002), rng.normal(0, 0.0008), rng.normal(0, 0.002)];
  const drift = (t: number) => add(drift0, scale(driftV, t));
  const ht = P.handTracking;
  const dev = {
    head: { rate: rng.uniform(250, 500), lat: rng.uniform(0.002, 0.008), sig: rng.uniform(0.00005, 0.0002), q: rng.uniform(500, 5000), ka: rng.uniform(0.3, 1) },
    hand: ht
      ? { rate: rng.pick([30, 45, 60, 60]), lat: rng.uniform(0.02, 0.045), sig: rng.uniform(0.0004, 0.001), q: rng.uniform(150, 800), ka: rng.uniform(0, 0.3) }
      : { rate: rng.uniform(120, 250), lat: rng.uniform(0.004, 0.015), sig: rng.uniform(0.00005, 0.00025), q: rng.uniform(300, 3000), ka: rng.uniform(0.2, 0.8) },
  };
  const qTilt = qaxis(X, -P.tilt);
  const fovH = rng.uniform(70, 85) * D, fovDown = rng.uniform(60, 75) * D, fovUp = rng.uniform(40, 55) * D;
  const burst = rng.chance(ht ? 0.25 : 0.12) ? { side: rng.int(0, 1), t0: rng.uniform(0, T), d: rng.uniform(0.05, 0.3) } : null;
  const hs = truth.head;
  // streams: 0 head, 1 left, 2 right; each with three KFs fed at its own sensor rate
  const streams = [0, 1, 2].map((s) => {
    const d = s === 0 ? dev.head : dev.hand;
    const src = s === 0 ? hs.map((h) => h.p) : ht ? truth.wrist[s - 1] : truth.grip[s - 1];
    return { d, src, kf: null as Kf[] | null, tm: -Infinity, next: -d.lat - rng.uniform(0, 1 / d.rate), lastSeen: -Infinity, oq: null as Quat | null };
  });
  const visible = (s: number, tm: number) => {
    if (!ht || s === 0) return !(burst && burst.side === s - 1 && tm >= burst.t0 && tm < burst.t0 + burst.d);
    const h = at(hs, tm), v = sub(at(truth.wrist[s - 1], tm), h.p);
    const local = qrot(qinv(h.q), v), dist = len(v);
    const yawA = Math.atan2(local[0], -local[2]), pitA = Math.atan2(local[1], Math.hypot(local[0], local[2]));
    const speed = len(sub(at(truth.wrist[s - 1], tm), at(truth.wrist[s - 1], tm - 0.02))) / 0.02;
    return dist > 0.13 && local[2] < 0 && Math.abs(yawA) < fovH && pitA > -fovDown && pitA < fovUp && !(speed > 2.5 && rng.chance(0.3)) && !rng.chance(0.01);
  };
  const frames: MotionFrame[] = [];
  for (const t of times) {
    const poses = streams.map((st, s) => {
      if (s > 0 && s - 1 === absent) return null;
      while (st.next + st.d.lat <= t) {
        const tm = st.next;
        st.next += (1 / st.d.rate) * (1 + rng.normal(0, 0.02));
        if (!visible(s, tm)) continue;
        const z = add(at(st.src, tm), drift(tm));
        if (!st.kf || tm - st.lastSeen > 0.12) st.kf = z.map((v) => new Kf(st.d.q, st.d.sig * st.d.sig, v));
        else st.kf.forEach((k, a) => k.update(z[a] + rng.normal(0, st.d.sig), tm - st.tm));
        st.tm = tm;
        st.lastSeen = tm;
      }
      if (!st.kf || t - st.lastSeen > (ht && s > 0 ? 0.1 : 0.08) + st.d.lat) return null;
      const h = Math.min(t - st.tm, 0.08);
      const p = st.kf.map((k) => k.predict(h, st.d.ka)) as Vec3;
      let q: Quat;
      if (s === 0) q = qmul(at(hs, t).q, qaxis(norm([rng.normal(), rng.normal(), rng.normal()]), rng.normal(0, 0.05) * D));
      else if (ht) {
        const hq = at(hs, t).q, side = s === 1 ? -1 : 1;
        const fw = qrot(hq, [0, 0, -1]);
        const sh = add(at(hs, t).p, qrot(qaxis(Y, Math.atan2(-fw[0], -fw[2])), [side * 0.17, -0.22, 0.06]));
        const raw = qlook(sub(p, sh), at(truth.thumb[s - 1], t));
        q = st.oq ? qslerp(st.oq, raw, 0.6) : raw;
        q = qmul(q, qaxis(norm([rng.normal(), rng.normal(), rng.normal()]), rng.normal(0, 1.2) * D));
      } else q = qmul(qmul(at(truth.ray[s - 1], t - 0.003), qTilt), qaxis(norm([rng.normal(), rng.normal(), rng.normal()]), rng.normal(0, 0.2) * D));
      q = qnorm(q);
      st.oq = q;
      return { p, q };
    });
    frames.push({ t, head: poses[0] ?? { p: add(at(hs, t).p, drift(t)), q: at(hs, t).q }, left: poses[1], right: poses[2] });
  }
  return { hz, frames };
}

/** One clip of `label`; `style` names the motion variant. */
export function fifthClip(label: GestureLabel, rng: Rng): MotionClip & { style: string } {
  // a gesture clip must show the complete gesture: redraw (same stream, so still deterministic) when
  // hand tracking lost the gesturing hand for much of the second half of the clip
  for (let k = 0; ; k++) {
    const { clip, s } = attempt(label, rng);
    const key = s > 0 ? 'right' : 'left';
    const tail = clip.frames.filter((f) => f.t > clip.frames[clip.frames.length - 1].t / 2);
    if (k >= 7 || !['wave', 'beckon', 'point', 'push'].includes(label) || tail.filter((f) => f[key]).length >= 0.8 * tail.length) return clip;
  }
}

function attempt(label: GestureLabel, rng: Rng): { clip: MotionClip & { style: string }; s: 1 | -1 } {
  const P = person(rng);
  const b = new Plan(P, rng);
  const s: 1 | -1 = rng.chance(0.75) ? P.dom : (-P.dom as 1 | -1);
  const x0: Vec3 = [rng.uniform(-4, 4), 0, rng.uniform(-4, 4)];
  const yaw0 = rng.uniform(-Math.PI, Math.PI);
  b.fix(-WARM, rng.normal(0, 4 * D), rng.normal(-3 * D, 4 * D));
  if (rng.chance(0.15)) b.shift = { t0: rng.uniform(-0.3, 2), ml: rng.uniform(-0.06, 0.06) };
  let T: number, style: string;
  if (label === 'none') {
    style = rng.pick(Object.keys(NONE));
    T = rng.uniform(1.15, 2.98);
    NONE[style](b, s, rng.uniform(0, 0.6), T);
    if (style !== 'walk' && rng.chance(0.08)) b.step = { t0: rng.uniform(0, T - 0.6), dur: rng.uniform(0.5, 0.8), d: [rng.normal(0, 0.15), 0, rng.normal(0, 0.15)] };
  } else {
    style = label;
    const runOn = rng.uniform(0.1, 0.5), lead = rng.uniform(0.1, 0.6);
    const end = GESTURES[label](b, s, 2.98 - 0.1 - runOn);
    const l = clamp(Math.max(lead, 1.15 - end - runOn), 0.05, 2.98 - end - runOn);
    b.shiftAll(l);
    T = clamp(l + end + runOn, 1.15, 2.98);
    if (label !== 'nod' && label !== 'shake' && rng.chance(0.04)) b.step = { t0: rng.uniform(0, l), dur: 0.6, d: [rng.normal(0, 0.1), 0, rng.normal(0, 0.1)] };
    style = `${label}${s === P.dom ? '' : '-offhand'}`;
  }
  const yawW = (v: Vec3): Vec3 => qrot(qaxis(Y, yaw0), v);
  if (b.step) b.step = { ...b.step, d: yawW(b.step.d) };
  const truth = simulate(b, T, x0, yaw0);
  const absent = rng.chance(0.05) ? (s > 0 ? 0 : 1) : -1;
  const { hz, frames } = track(truth, P, T, rng, absent);
  return { clip: { label, hz, frames, style: `${style}${P.handTracking ? '/hands' : '/controllers'}` }, s };
}

/** `perLabel` clips of every gesture label and `noneFactor` times as many `none` (deterministic for a seed). */
export function fifthDataset(perLabel: number, seed: number, noneFactor = 2): (MotionClip & { style: string })[] {
  const rng = createRng(seed);
  const clips: (MotionClip & { style: string })[] = [];
  for (const label of GESTURE_LABELS) {
    const n = label === 'none' ? perLabel * noneFactor : perLabel;
    for (let i = 0; i < n; i++) clips.push(fifthClip(label, createRng(Math.floor(rng() * 2 ** 31))));
  }
  return clips;
}

function cli(args: string[]): void {
  const o = parseArgs(args);
  const out = o.get('out');
  if (!out) throw new Error('usage: synth-fifth.ts --out DIR [--per-label 40] [--seed 51] [--none-factor 2]');
  const clips = fifthDataset(Number(o.get('per-label') ?? 40), Number(o.get('seed') ?? 51), Number(o.get('none-factor') ?? 2));
  writeClips(out, clips);
  console.log(`wrote ${clips.length} clips to ${out}`);
}

if (import.meta.url === `file://${process.argv[1]}`) cli(process.argv.slice(2));
