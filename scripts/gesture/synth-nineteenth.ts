/**
 * synth-nineteenth: an evaluation-only motion-clip generator built on procedural character
 * animation in the style of Ken Perlin's "Improv" system.
 *
 * MOTION MODEL
 * - A full upper-body rig in a body-local frame (x right, y up, -z forward): pelvis (3 translations,
 *   yaw/pitch/roll), a 3-joint spine, a 3-joint neck/head chain, and per arm a clavicle (elevation,
 *   protraction), a 3-DOF shoulder (plane of elevation, elevation, humeral twist), an elbow, a
 *   forearm twist and a 2-DOF wrist. The left arm is the mirror image of a right-arm template.
 * - Every joint angle is written by ACTIONS arranged in LAYERS, Improv style: a base layer (stance,
 *   breathing, weight shifts, idle arms, seated or standing), a gesture layer (wave, beckon, point,
 *   push, everyday actions), an attention layer (look-at with gaze shifts) and an additive layer
 *   (nods, shakes, tremor). Each action has a smooth ease-in/ease-out weight envelope and a per-DOF
 *   mask; a higher layer replaces the lower one in proportion to its weight.
 * - Each action's angles are per-action target angles plus coherent noise: 1-D Perlin gradient noise
 *   summed over several octaves, with per-performer "personality" parameters (energy, nervousness,
 *   expansiveness, tempo, posture) setting the noise frequencies and amplitudes. A fast octave at
 *   8-12 Hz gives physiological tremor.
 * - Rhythmic actions (wave, beckon, nod, shake, walking arm swing, breathing, scratching) integrate a
 *   phase accumulator whose rate is modulated by noise and map it through non-sinusoidal periodic
 *   waveforms: an asymmetric smoothstep triangle shaped with Perlin's bias/gain curves, so strokes are
 *   lopsided and tempo wanders. Wave and beckon strokes are joint-space strokes whose mix of joints is
 *   calibrated once from the arm's Jacobian so that the hand travels side to side (wave) or toward the
 *   body (beckon).
 * - Aim constraints: points, pushes and reaches solve the shoulder-elbow chain analytically (law of
 *   cosines plus a swivel angle, then shoulder angles and humeral twist read back from the elbow and
 *   wrist positions) and aim the hand with the wrist; the look-at action turns the neck chain toward
 *   a point. Noise layers ride on top. Controller target rays carry a per-performer grip offset.
 * - Performers vary in size (children to tall adults, segment lengths scale), handedness, seated or
 *   standing, tempo, amplitude, tremor, position (within ~3 m of the origin) and facing (any yaw).
 *
 * TRACKERS (one per clip), applied to the true 240 Hz kinematics:
 * - inside-out controllers: headset-camera cone; outside it the controller coasts on its IMU
 *   (recovering only part of the true motion, plus an accelerometer-bias error growing with time
 *   squared) for a limited time and then reports null; on reacquiring, the pose is eased back onto
 *   the optical fix; latency with partial velocity prediction (overshoot), jitter, slow drift,
 *   exponential smoothing. Controller poses are target rays with a per-performer grip offset.
 * - WebXR hand tracking: the wrist pose is reported (-z toward the fingers, +y out of the back of
 *   the hand); a narrower camera cone, null when out of view, speed-dependent and random dropouts,
 *   larger jitter, higher latency, a one-euro filter.
 * - outside-in (base stations): low jitter, high rate, short occlusions bridged by IMU coasting.
 * Frame rates 30-120 Hz with uneven timestamps and dropped frames; about 30% of clips start at a
 * session time (t0 > 0) instead of 0. The head is tracked in every frame.
 *
 * Labels follow the gesture table of PERCEPTION.md. Every clip's tracked output is checked by the
 * detectors at the end of this file: gesture clips must clearly show their label, `none` clips must
 * not look like any gesture, hand speeds must stay under 3.5 m/s; otherwise the clip is redrawn.
 *
 * READING RULE followed: while writing this generator I read only
 *   /work/shared/brief/PERCEPTION.md (its "Gestures", "Motion clip format" and "Evaluation command"
 *   sections), /work/main/src/core/types.ts, /work/main/scripts/gesture/motion-math.ts,
 *   /work/main/scripts/gesture/node-io.ts and /work/main/tests/support/motion.ts.
 * No other generator, recogniser, training/eval code, docs or data was opened.
 *
 * CLI: node --import tsx scripts/gesture/synth-nineteenth.ts --out DIR [--per-label N] [--seed S]
 */
import { fileURLToPath } from 'node:url';
import type { MotionFrame, Pose, Quat, Vec3 } from '../../src/core/types';
import { GESTURE_LABELS } from '../../src/core/types';
import {
  add,
  createRng,
  cross,
  dot,
  len,
  lerp3,
  norm,
  qaxis,
  qfromBasis,
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

// ---------------------------------------------------------------------------------------------
// Coherent noise and shaping functions
// ---------------------------------------------------------------------------------------------

const DEG = Math.PI / 180;
const clamp = (x: number, a: number, b: number) => (x < a ? a : x > b ? b : x);
const clamp01 = (x: number) => clamp(x, 0, 1);
/** Hermite smoothstep on [0, 1] (clamped): the Improv ease-in/ease-out. */
const smooth = (u: number) => {
  const v = clamp01(u);
  return v * v * (3 - 2 * v);
};

function hash32(a: number, b: number, c: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul((b + 0x632be5ab) | 0, 0xc2b2ae35) ^ Math.imul((c + 0x27d4eb2f) | 0, 0x165667b1);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  h = Math.imul(h, 0x297a2d39);
  h ^= h >>> 15;
  return h >>> 0;
}

/** 1-D Perlin gradient noise, roughly in [-1, 1], one independent stream per (seed, channel). */
export function perlin1(seed: number, ch: number, x: number): number {
  const i = Math.floor(x);
  const f = x - i;
  const g0 = (hash32(seed, ch, i) / 4294967296) * 2 - 1;
  const g1 = (hash32(seed, ch, i + 1) / 4294967296) * 2 - 1;
  const u = f * f * f * (f * (f * 6 - 15) + 10);
  const a = g0 * f;
  const b = g1 * (f - 1);
  return 2 * (a + u * (b - a));
}

/** Fractal sum of `oct` octaves of Perlin noise (lacunarity 2, persistence `rough`), about [-1, 1]. */
export function fbm(seed: number, ch: number, x: number, oct = 3, rough = 0.5): number {
  let s = 0;
  let amp = 1;
  let tot = 0;
  let fx = x;
  for (let o = 0; o < oct; o++) {
    s += amp * perlin1(seed, ch + o * 7919, fx);
    tot += amp;
    amp *= rough;
    fx *= 2.03;
  }
  return s / tot;
}

/** Perlin's bias: bends [0,1] toward 0 or 1, bias(b, 0.5) = b. */
export const bias = (b: number, x: number) => Math.pow(clamp01(x), Math.log(clamp(b, 0.01, 0.99)) / Math.log(0.5));
/** Perlin's gain: an S-curve (g > 0.5) or inverse S (g < 0.5) on [0,1]. */
export const gain = (g: number, x: number) => (x < 0.5 ? bias(1 - g, 2 * x) / 2 : 1 - bias(1 - g, 2 - 2 * x) / 2);

/**
 * Asymmetric periodic pulse, 0 -> 1 over the first `rise` of each cycle and back to 0 over the rest,
 * each half a smoothstep reshaped by Perlin's gain (non-sinusoidal, lopsided strokes).
 */
export function pulse(phase: number, rise: number, g: number): number {
  const p = phase - Math.floor(phase);
  const u = p < rise ? p / rise : 1 - (p - rise) / (1 - rise);
  return gain(g, smooth(u));
}

/**
 * A phase accumulator whose rate wanders with noise: phi' = f0 (1 + wander * fbm(t)). Precomputed
 * on a fine grid from t0 so that it is deterministic whatever order it is sampled in; phase 0 before t0.
 */
function phaseTrack(seed: number, ch: number, t0: number, f0: number, wander: number, span = 8): (t: number) => number {
  const h = 1 / 480;
  const n = Math.ceil(span / h) + 2;
  const ph = new Float64Array(n);
  for (let k = 1; k < n; k++) {
    const t = t0 + (k - 0.5) * h;
    const rate = f0 * (1 + wander * (0.7 * perlin1(seed, ch, t * 0.9) + 0.3 * perlin1(seed, ch + 1, t * 2.7)));
    ph[k] = ph[k - 1] + h * Math.max(0.2 * f0, rate);
  }
  return (t: number) => {
    if (t <= t0) return 0;
    const x = (t - t0) / h;
    const i = Math.min(n - 2, Math.floor(x));
    const u = x - i;
    return ph[i] + (ph[i + 1] - ph[i]) * u;
  };
}

/** The time at which a phase track first reaches `target` (bisection on the monotone track). */
function phaseTime(ph: (t: number) => number, t0: number, target: number, span = 8): number {
  let lo = t0;
  let hi = t0 + span;
  for (let k = 0; k < 40; k++) {
    const m = (lo + hi) / 2;
    if (ph(m) < target) lo = m;
    else hi = m;
  }
  return hi;
}

/** Improv envelope: smooth rise over [a, a+inDur], 1, smooth fall over [b-outDur, b]. */
function envelope(t: number, a: number, inDur: number, b: number, outDur: number): number {
  if (t <= a || t >= b) return 0;
  return smooth((t - a) / Math.max(1e-3, inDur)) * smooth((b - t) / Math.max(1e-3, outDur));
}

// ---------------------------------------------------------------------------------------------
// Quaternion helpers beyond motion-math
// ---------------------------------------------------------------------------------------------

const X: Vec3 = [1, 0, 0];
const Y: Vec3 = [0, 1, 0];
const Z: Vec3 = [0, 0, 1];
const qconj = (q: Quat): Quat => [-q[0], -q[1], -q[2], q[3]];
/** Joint rotation: yaw about +y (positive turns left), then pitch about +x (positive tips up/back), then roll about -z (positive leans right). */
const qypr = (yaw: number, pitch: number, roll: number): Quat => qmul(qmul(qaxis(Y, yaw), qaxis(X, pitch)), qaxis([0, 0, -1], roll));
/** Mirror a position across the body's sagittal plane (x -> -x). */
const mirP = (p: Vec3): Vec3 => [-p[0], p[1], p[2]];
/** Mirror a rotation across the sagittal plane (M R M with M = diag(-1, 1, 1)). */
const mirQ = (q: Quat): Quat => [q[0], -q[1], -q[2], q[3]];
/** Yaw (radians, positive = left) of an orientation's forward (-z) axis. */
const yawOf = (q: Quat) => {
  const f = qrot(q, [0, 0, -1]);
  return Math.atan2(-f[0], -f[2]);
};
/** Pitch (radians, positive = up) of an orientation's forward axis. */
const pitchOf = (q: Quat) => Math.asin(clamp(qrot(q, [0, 0, -1])[1], -1, 1));
const wrapPi = (a: number) => a - 2 * Math.PI * Math.round(a / (2 * Math.PI));
/** WebXR hand wrist frame in the hand's local frame: -z along the fingers (-y), +y out of the back of the hand (+x). */
const Q_WRIST = qfromBasis([0, 0, 1], [1, 0, 0], [0, 1, 0]);
/** Controller ray frame in the hand's local frame: ray -z along the hand axis, ray +y toward the thumb (-z). */
const Q_RAY = qaxis(X, -Math.PI / 2);

// ---------------------------------------------------------------------------------------------
// The rig: degrees of freedom, performer, forward and inverse kinematics
// ---------------------------------------------------------------------------------------------

/** Pelvis translation (x, y, z) and rotation (yaw, pitch, roll). */
const PX = 0, PY = 1, PZ = 2, PYAW = 3, PPITCH = 4, PROLL = 5;
/** Spine joint j (0..2): yaw (twist), pitch (negative flexes forward), roll (lateral bend). */
const SP = (j: number, k: 0 | 1 | 2) => 6 + j * 3 + k;
/** Neck/head joint j (0..2): yaw, pitch (negative looks down), roll. */
const NK = (j: number, k: 0 | 1 | 2) => 15 + j * 3 + k;
/** Arm DOF offsets within a side block (side 0 = right, 1 = left, both in the right-arm template convention). */
const CE = 0, CP = 1, SE = 2, SPL = 3, ST = 4, EF = 5, FT = 6, WF = 7, WD = 8;
const ARM = (side: number, k: number) => 24 + side * 9 + k;
const NDOF = 42;
const TORSO_DOFS = [PX, PY, PZ, PYAW, PPITCH, PROLL, ...[0, 1, 2].flatMap((j) => [SP(j, 0), SP(j, 1), SP(j, 2)])];
const NECK_DOFS = [0, 1, 2].flatMap((j) => [NK(j, 0), NK(j, 1), NK(j, 2)]);
const armDofs = (side: number) => [CE, CP, SE, SPL, ST, EF, FT, WF, WD].map((k) => ARM(side, k));
/** How look-at / nod / shake rotations are spread over the neck chain. */
const NECK_SHARE = [0.3, 0.32, 0.38];

/** A person: body, placement and Improv "personality" parameters. */
interface Performer {
  seed: number;
  s: number;
  seated: boolean;
  /** Dominant side: 0 right, 1 left. */
  dom: 0 | 1;
  pos: Vec3;
  yaw: number;
  hipH: number;
  spineL: [number, number, number];
  neckL: [number, number, number];
  eye: Vec3;
  clav: number;
  L1: number;
  L2: number;
  Lh: number;
  energy: number;
  nervous: number;
  expans: number;
  tempo: number;
  slouch: number;
  noiseAmp: number;
  noiseFreq: number;
  tremorAmp: number;
  tremorHz: number;
  breathHz: number;
  grip: Quat;
  rayFwd: number;
  /** Idle arm posture (template angles). */
  idle: number[];
}

function makePerformer(rng: Rng): Performer {
  const child = rng.chance(0.18);
  const s = child ? rng.uniform(0.77, 0.9) : rng.uniform(0.9, 1.12);
  const seated = rng.chance(0.22);
  const armK = rng.uniform(0.95, 1.05) * s;
  const r = 2.8 * Math.sqrt(rng());
  const th = rng.uniform(-Math.PI, Math.PI);
  const energy = rng.uniform(0.7, 1.3);
  const nervous = rng.uniform(0, 1);
  const hipH = seated ? rng.uniform(0.5, 0.56) * s : rng.uniform(0.9, 0.95) * s;
  const idle = seated
    ? [rng.uniform(0, 4), rng.uniform(0, 6), rng.uniform(4, 18), rng.uniform(-5, 12), rng.uniform(15, 35), rng.uniform(40, 62), rng.uniform(20, 70), rng.uniform(0, 20), rng.uniform(-5, 5)]
    : [rng.uniform(0, 4), rng.uniform(0, 6), rng.uniform(3, 12), rng.uniform(5, 30), rng.uniform(0, 20), rng.uniform(6, 24), rng.uniform(0, 35), rng.uniform(0, 15), rng.uniform(-5, 5)];
  return {
    seed: rng.int(1, 2 ** 30),
    s,
    seated,
    dom: rng.chance(0.14) ? 1 : 0,
    pos: [r * Math.cos(th), 0, r * Math.sin(th)],
    yaw: rng.uniform(-Math.PI, Math.PI),
    hipH,
    spineL: [0.12 * s, 0.16 * s, 0.18 * s],
    neckL: [0.075 * s, 0.065 * s, 0],
    eye: [0, 0.1 * s, -0.09 * s],
    clav: 0.165 * s,
    L1: 0.3 * armK,
    L2: 0.265 * armK,
    Lh: 0.075 * armK,
    energy,
    nervous,
    expans: rng.uniform(0.75, 1.25),
    tempo: rng.uniform(0.85, 1.18),
    slouch: rng.uniform(-2, 7) * DEG,
    noiseAmp: rng.uniform(0.6, 1.2) * (0.8 + 0.4 * nervous),
    noiseFreq: rng.uniform(0.25, 0.5) * (0.8 + 0.6 * nervous),
    tremorAmp: rng.uniform(0.05, 0.35) * (0.7 + 0.8 * nervous) * DEG,
    tremorHz: rng.uniform(8, 12),
    breathHz: rng.uniform(0.2, 0.35),
    grip: qypr(rng.uniform(-8, 8) * DEG, rng.uniform(-18, 12) * DEG, rng.uniform(-10, 10) * DEG),
    rayFwd: rng.uniform(0.02, 0.06) * s,
    idle: idle.map((v) => v * DEG),
  };
}

/** Torso forward kinematics (body-local): chest frame at the neck base, head frame and eye point. */
interface TorsoFK {
  pTop: Vec3;
  qC: Quat;
  neckBase: Vec3;
  qHead: Quat;
  eye: Vec3;
}

function fkTorso(pf: Performer, q: Float64Array): TorsoFK {
  let p: Vec3 = [q[PX], pf.hipH + q[PY], q[PZ]];
  let r = qypr(q[PYAW], q[PPITCH], q[PROLL]);
  for (let j = 0; j < 3; j++) {
    r = qmul(r, qypr(q[SP(j, 0)], q[SP(j, 1)], q[SP(j, 2)]));
    p = add(p, qrot(r, [0, pf.spineL[j], 0]));
  }
  const pTop = p;
  const qC = r;
  let h = r;
  let hp = pTop;
  for (let j = 0; j < 3; j++) {
    h = qmul(h, qypr(q[NK(j, 0)], q[NK(j, 1)], q[NK(j, 2)]));
    hp = add(hp, qrot(h, [0, pf.neckL[j], j === 0 ? -0.02 * pf.s : 0]));
  }
  return { pTop, qC, neckBase: pTop, qHead: h, eye: add(hp, qrot(h, pf.eye)) };
}

/** One arm's kinematics in the right-arm template frame (chest-local: origin at the neck base). */
interface ArmFK {
  shoulder: Vec3;
  elbow: Vec3;
  wrist: Vec3;
  palm: Vec3;
  qSh: Quat;
  qFo: Quat;
  qHand: Quat;
}

/** Shoulder joint position in chest-local template coordinates for given clavicle angles. */
function shoulderLocal(pf: Performer, ce: number, cp: number): Vec3 {
  const root: Vec3 = [0.025 * pf.s, -0.035 * pf.s, -0.03 * pf.s];
  const qCl = qmul(qaxis(Y, cp), qaxis(Z, ce));
  return add(root, qrot(qCl, [pf.clav, -0.01 * pf.s, 0.025 * pf.s]));
}

/** Arm forward kinematics in chest-local template coordinates from the 9 arm angles `a`. */
function fkArmLocal(pf: Performer, a: ArrayLike<number>): ArmFK {
  const shoulder = shoulderLocal(pf, a[CE], a[CP]);
  const qSh = qmul(qmul(qaxis(Y, -a[SPL]), qaxis(X, a[SE])), qaxis(Y, a[ST]));
  const elbow = add(shoulder, qrot(qSh, [0, -pf.L1, 0]));
  const qEl = qmul(qSh, qaxis(X, a[EF]));
  const wrist = add(elbow, qrot(qEl, [0, -pf.L2, 0]));
  const qFo = qmul(qEl, qaxis(Y, a[FT]));
  const qHand = qmul(qmul(qFo, qaxis(Z, -a[WF])), qaxis(X, a[WD]));
  const palm = add(wrist, qrot(qHand, [0, -pf.Lh, 0]));
  return { shoulder, elbow, wrist, palm, qSh, qFo, qHand };
}

/** Chest-local template frame for a side: (origin, rotation) in body-local coordinates, mirrored for the left. */
function sideFrame(t: TorsoFK, side: number): { o: Vec3; q: Quat } {
  return side === 0 ? { o: t.pTop, q: t.qC } : { o: mirP(t.pTop), q: mirQ(t.qC) };
}
/** Body-local point -> chest-local template coordinates of `side`. */
function toSide(t: TorsoFK, side: number, p: Vec3): Vec3 {
  const f = sideFrame(t, side);
  return qrot(qconj(f.q), sub(side === 0 ? p : mirP(p), f.o));
}
/** Chest-local template point -> body-local. */
function fromSide(t: TorsoFK, side: number, p: Vec3): Vec3 {
  const f = sideFrame(t, side);
  const b = add(f.o, qrot(f.q, p));
  return side === 0 ? b : mirP(b);
}
/** Chest-local template rotation -> body-local. */
function qFromSide(t: TorsoFK, side: number, q: Quat): Quat {
  const f = sideFrame(t, side);
  const b = qmul(f.q, q);
  return side === 0 ? b : mirQ(b);
}

/** The swivel angle of an arm pose (elbow angle about the shoulder-wrist line, 0 = straight down, + = outward). */
function swivelOf(arm: ArmFK): number {
  const n = norm(sub(arm.wrist, arm.shoulder));
  const es = sub(arm.elbow, arm.shoulder);
  const r = sub(es, scale(n, dot(es, n)));
  let u0 = sub([0, -1, 0], scale(n, -n[1]));
  if (len(u0) < 1e-4) u0 = sub([0, 0, 1], scale(n, n[2]));
  u0 = norm(u0);
  const v0 = cross(n, u0);
  const out = v0[0] >= 0 ? v0 : scale(v0, -1);
  return Math.atan2(dot(r, out), dot(r, u0));
}

/**
 * Analytic arm aim: place the wrist at `w` (chest-local template coordinates) with the elbow swung
 * `swivel` radians outward from straight down, and point the hand axis along `handDir` if given.
 * Writes SE, SPL, ST, EF (and WF, WD) into `a`, keeping the clavicle and forearm twist already there.
 */
function solveArm(pf: Performer, a: Float64Array | number[], w: Vec3, swivel: number, handDir?: Vec3): void {
  const S = shoulderLocal(pf, a[CE], a[CP]);
  const { L1, L2 } = pf;
  let D = sub(w, S);
  let d = len(D);
  const dMax = (L1 + L2) * 0.985;
  const dMin = Math.abs(L1 - L2) + 0.02;
  const n = norm(D);
  d = clamp(d, dMin, dMax);
  D = scale(n, d);
  const cosE = clamp((L1 * L1 + L2 * L2 - d * d) / (2 * L1 * L2), -1, 1);
  const flex = Math.PI - Math.acos(cosE);
  const c = (L1 * L1 - L2 * L2 + d * d) / (2 * d);
  const rr = Math.sqrt(Math.max(0, L1 * L1 - c * c));
  let u0 = sub([0, -1, 0], scale(n, -n[1]));
  if (len(u0) < 1e-4) u0 = sub([0, 0, 1], scale(n, n[2]));
  u0 = norm(u0);
  const v0 = cross(n, u0);
  // Outward (+x) swivel: pick the sign of v0 that has a +x component.
  const out = v0[0] >= 0 ? v0 : scale(v0, -1);
  const E = add(add(S, scale(n, c)), add(scale(u0, rr * Math.cos(swivel)), scale(out, rr * Math.sin(swivel))));
  const u = norm(sub(E, S));
  const f = norm(sub(add(S, D), E));
  const elev = Math.acos(clamp(-u[1], -1, 1));
  let plane = a[SPL];
  if (Math.sin(elev) > 1e-3) plane = a[SPL] + wrapPi(-Math.atan2(-u[0], -u[2]) - a[SPL]);
  a[SE] = elev;
  a[SPL] = plane;
  a[EF] = flex;
  // Humeral twist: bring the forearm into its plane.
  const qPre = qmul(qaxis(Y, -plane), qaxis(X, elev));
  const fl = qrot(qconj(qPre), f);
  if (Math.sin(flex) > 0.05) a[ST] = Math.atan2(-fl[0], -fl[2]);
  if (handDir) {
    const qFo = qmul(qmul(qmul(qPre, qaxis(Y, a[ST])), qaxis(X, flex)), qaxis(Y, a[FT]));
    const hf = qrot(qconj(qFo), norm(handDir));
    a[WD] = clamp(Math.asin(clamp(-hf[2], -1, 1)), -30 * DEG, 25 * DEG);
    a[WF] = clamp(Math.atan2(-hf[0], -hf[1]), -80 * DEG, 75 * DEG);
  }
}

// ---------------------------------------------------------------------------------------------
// Improv actions and layers
// ---------------------------------------------------------------------------------------------

/** What an action sees: the performer, the torso after the torso stage, and the pose built so far (lower layers). */
interface Ctx {
  pf: Performer;
  torso: TorsoFK;
  pose: Float64Array;
}

/**
 * An Improv action: writes target values for its DOFs; its weight envelope and per-DOF mask set how
 * much it overrides the layers below (layers 0-2) or how much it adds (layer 3).
 * Stage 0 = torso, 1 = neck/head, 2 = arms (each stage sees the finished stages before it).
 */
interface Action {
  stage: 0 | 1 | 2;
  layer: 0 | 1 | 2 | 3;
  dofs: number[];
  mask?: number[];
  w: (t: number) => number;
  eval: (t: number, ctx: Ctx, out: Float64Array) => void;
}

/** Root motion of the whole body (steps, turns, walking) in the performer's starting frame. */
type RootFn = (t: number) => { x: number; z: number; yaw: number };

interface Scenario {
  acts: Action[];
  root?: RootFn;
  /** Clip length in seconds. */
  T: number;
  /** Which controllers/hands exist in this session (a controller put down is null throughout). */
  present: [boolean, boolean];
  kind: string;
}

const always = () => 1;
/** Noise channel id for (action, dof, octave set). */
const chOf = (aid: number, d: number) => aid * 1009 + d * 31;

/** Improv noise term for a DOF: amplitude (radians or metres) times multi-octave Perlin noise at the performer's tempo. */
function nz(pf: Performer, aid: number, d: number, t: number, amp: number, fMul = 1, oct = 3): number {
  const f = pf.noiseFreq * fMul * (0.85 + 0.3 * ((d * 0.618) % 1));
  return amp * pf.noiseAmp * fbm(pf.seed, chOf(aid, d), t * f, oct, 0.45 + 0.2 * pf.nervous);
}

/** Base layer: stance, breathing and weight shifts (torso), idle head carriage (neck), idle arms. */
function stanceActions(pf: Performer, rng: Rng): Action[] {
  const aid = 1;
  const breath = phaseTrack(pf.seed, 91, -2, pf.breathHz, 0.2, 12);
  const inhale = rng.uniform(0.35, 0.5);
  const b = (t: number) => pulse(breath(t), inhale, 0.5);
  const ws = (pf.seated ? 0.004 : rng.uniform(0.01, 0.028)) * pf.s;
  const wsF = rng.uniform(0.12, 0.3) * pf.tempo;
  const headPitch = rng.uniform(-7, 3) * DEG;
  const torso: Action = {
    stage: 0,
    layer: 0,
    dofs: TORSO_DOFS,
    w: always,
    eval(t, _c, o) {
      const sh = fbm(pf.seed, 11, t * wsF, 3);
      o[PX] = ws * sh;
      o[PY] = -0.004 * pf.s * (1 + sh * sh) + 0.002 * pf.s * b(t);
      o[PZ] = 0.35 * ws * fbm(pf.seed, 12, t * wsF * 0.8, 2);
      o[PYAW] = nz(pf, aid, PYAW, t, 2.5 * DEG, 0.5);
      o[PPITCH] = (pf.seated ? -4 * DEG : 0) + nz(pf, aid, PPITCH, t, 1 * DEG, 0.5);
      o[PROLL] = (-sh * ws * 1.4) / Math.max(0.01, pf.s) + nz(pf, aid, PROLL, t, 0.6 * DEG);
      for (let j = 0; j < 3; j++) {
        o[SP(j, 0)] = nz(pf, aid, SP(j, 0), t, 1.2 * DEG, 0.7);
        o[SP(j, 1)] = -pf.slouch / 3 + (j === 2 ? 1.4 * DEG * b(t) : 0) + nz(pf, aid, SP(j, 1), t, 0.6 * DEG);
        o[SP(j, 2)] = nz(pf, aid, SP(j, 2), t, 0.7 * DEG, 0.6) + (j === 0 ? sh * ws * 0.9 : 0);
      }
    },
  };
  const neck: Action = {
    stage: 1,
    layer: 0,
    dofs: NECK_DOFS,
    w: always,
    eval(t, _c, o) {
      const yaw = nz(pf, aid, 50, t, 2.2 * DEG, 0.6);
      const pitch = headPitch + pf.slouch * 0.5 + nz(pf, aid, 51, t, 1.3 * DEG, 0.7);
      const roll = nz(pf, aid, 52, t, 1.5 * DEG, 0.5);
      for (let j = 0; j < 3; j++) {
        o[NK(j, 0)] = yaw * NECK_SHARE[j];
        o[NK(j, 1)] = pitch * NECK_SHARE[j];
        o[NK(j, 2)] = roll * NECK_SHARE[j];
      }
    },
  };
  const arms: Action[] = [0, 1].map((side) => ({
    stage: 2 as const,
    layer: 0 as const,
    dofs: armDofs(side),
    w: always,
    eval(t: number, _c: Ctx, o: Float64Array) {
      const base = ARM(side, 0);
      const id = pf.idle;
      const amp = [0.6, 1, 2.5, 3, 4, 4.5, 6, 5, 4];
      for (let k = 0; k < 9; k++) o[base + k] = id[k] + nz(pf, aid + side * 7, base + k, t, amp[k] * DEG, 1, 3);
      o[base + CE] += 1.2 * DEG * b(t);
    },
  }));
  const tremor: Action = {
    stage: 2,
    layer: 3,
    dofs: [...armDofs(0), ...armDofs(1)],
    w: always,
    eval(t, _c, o) {
      for (let side = 0; side < 2; side++) {
        const base = ARM(side, 0);
        for (let k = 0; k < 9; k++) o[base + k] = 0;
        for (const k of [SE, EF, WF, WD]) {
          const a = pf.tremorAmp * (k === SE ? 0.4 : 1);
          o[base + k] = a * perlin1(pf.seed, 700 + side * 13 + k, t * pf.tremorHz);
        }
      }
    },
  };
  return [torso, neck, ...arms, tremor];
}

/** A target for the attention layer: a body-local point, or body-relative yaw/pitch angles. */
interface Gaze {
  t: number;
  dur: number;
  p?: Vec3;
  yaw?: number;
  pitch?: number;
}

/** Attention layer: look-at with eased gaze shifts between targets, plus gaze noise. */
function lookAction(pf: Performer, plan: Gaze[], w: (t: number) => number = always): Action {
  const aid = 3;
  const angles = (g: Gaze, c: Ctx): [number, number] => {
    if (g.p) {
      const headJ = add(c.torso.pTop, qrot(c.torso.qC, [0, 0.14 * pf.s, 0]));
      const d = qrot(qconj(c.torso.qC), sub(g.p, headJ));
      return [clamp(Math.atan2(-d[0], -d[2]), -75 * DEG, 75 * DEG), clamp(Math.atan2(d[1], Math.hypot(d[0], d[2])), -45 * DEG, 40 * DEG)];
    }
    return [g.yaw ?? 0, g.pitch ?? 0];
  };
  return {
    stage: 1,
    layer: 2,
    dofs: NECK_DOFS,
    w,
    eval(t, c, o) {
      let [yaw, pitch] = angles(plan[0], c);
      for (let i = 1; i < plan.length; i++) {
        const g = plan[i];
        if (t <= g.t) break;
        const [y2, p2] = angles(g, c);
        const u = smooth((t - g.t) / g.dur);
        yaw += (y2 - yaw) * u;
        pitch += (p2 - pitch) * u;
      }
      yaw += nz(pf, aid, 1, t, 1.2 * DEG, 0.8);
      pitch += nz(pf, aid, 2, t, 0.8 * DEG, 0.8);
      const roll = nz(pf, aid, 3, t, 1.2 * DEG, 0.5);
      for (let j = 0; j < 3; j++) {
        o[NK(j, 0)] = yaw * NECK_SHARE[j];
        o[NK(j, 1)] = pitch * NECK_SHARE[j] + (j === 0 ? pf.slouch * 0.3 : 0);
        o[NK(j, 2)] = roll * NECK_SHARE[j];
      }
    },
  };
}

/** Current arm angles of `side` from a pose vector. */
const armOf = (q: Float64Array, side: number): number[] => {
  const base = ARM(side, 0);
  return [q[base], q[base + 1], q[base + 2], q[base + 3], q[base + 4], q[base + 5], q[base + 6], q[base + 7], q[base + 8]];
};

/** One aim waypoint: where the wrist should be (chest-local template coordinates) and where the hand points. */
interface AimKey {
  t: number;
  /** Wrist goal, or null for "back to the resting hand". */
  at: ((t: number, c: Ctx) => Vec3) | null;
  hand?: (t: number, c: Ctx) => Vec3;
  swivel: number;
  /** Forearm twist / wrist angles to hold at this key (radians), when the hand is not aimed. */
  ft?: number;
  wf?: number;
  wd?: number;
}

/**
 * Gesture-layer aim action: the wrist target slides between keys with Improv ease curves (with a
 * little noise-driven hesitation), the arm chain is solved analytically each frame, and Improv joint
 * noise is added; the action's weight eases in as the hand leaves rest and out as it returns.
 */
function aimAction(pf: Performer, side: number, keys: AimKey[], aid: number, stillness = 1): Action {
  const t0 = keys[0].t;
  const tEnd = keys[keys.length - 1].t;
  const back = keys[keys.length - 1].at === null;
  const hes = 0.05 * (0.5 + pf.nervous);
  const a = new Float64Array(9);
  return {
    stage: 2,
    layer: 1,
    dofs: armDofs(side),
    // The solver reproduces the resting arm at the first and last keys, so the weight can switch fast.
    w: (t) => (t <= t0 ? 0 : back ? envelope(t, t0, 0.04, tEnd, 0.04) : smooth((t - t0) / 0.04)),
    eval(t, c, o) {
      const cur = armOf(c.pose, side);
      for (let k = 0; k < 9; k++) a[k] = cur[k];
      const rest = fkArmLocal(pf, cur);
      const goal = (k: AimKey, tt: number): Vec3 => (k.at ? k.at(tt, c) : rest.wrist);
      let i = 0;
      while (i + 1 < keys.length && t >= keys[i + 1].t) i++;
      let wrist: Vec3;
      let kA: AimKey;
      let kB: AimKey;
      let u: number;
      if (i + 1 >= keys.length) {
        kA = kB = keys[keys.length - 1];
        u = 1;
        wrist = goal(kB, t);
      } else {
        kA = keys[i];
        kB = keys[i + 1];
        const raw = (t - kA.t) / (kB.t - kA.t);
        u = smooth(clamp01(raw + hes * perlin1(pf.seed, aid * 17 + i, t * 3) * Math.sin(Math.PI * clamp01(raw))));
        const pa = i === 0 ? rest.wrist : goal(kA, t);
        wrist = lerp3(pa, goal(kB, t), u);
      }
      const restSw = swivelOf(rest);
      const swA = i === 0 || kA.at === null ? restSw : kA.swivel;
      const swB = kB.at === null ? restSw : kB.swivel;
      const swivel = swA + (swB - swA) * u;
      const engaged = smooth((t - t0) / 0.3) * (back ? smooth((tEnd - t) / 0.3) : 1);
      const mix = (x: number | undefined, y: number | undefined, dflt: number) => (x ?? dflt) + ((y ?? dflt) - (x ?? dflt)) * u;
      a[FT] = mix(i === 0 ? cur[FT] : kA.ft, kB.ft, cur[FT]);
      const hand = kB.hand ? kB.hand(t, c) : undefined;
      solveArm(pf, a, wrist, swivel, u > 0.02 ? hand : undefined);
      if (!hand) {
        a[WF] = mix(i === 0 ? cur[WF] : kA.wf, kB.wf, cur[WF]);
        a[WD] = mix(i === 0 ? cur[WD] : kA.wd, kB.wd, cur[WD]);
      } else if (u < 1) {
        const pw = i === 0 ? cur[WF] : (kA.wf ?? cur[WF]);
        const pd = i === 0 ? cur[WD] : (kA.wd ?? cur[WD]);
        a[WF] = pw + (a[WF] - pw) * u;
        a[WD] = pd + (a[WD] - pd) * u;
      }
      const base = ARM(side, 0);
      const amp = [0, 0, 0.5, 0.6, 0.8, 0.7, 1.5, 1.5, 1.2];
      for (let k = 0; k < 9; k++) o[base + k] = a[k] + (k >= SE ? engaged * nz(pf, aid, base + k, t, (amp[k] * DEG) / stillness, 0.8, 2) : 0);
    },
  };
}

/** Options of a rhythmic joint-space stroke action. */
interface StrokeOpts {
  side: number;
  aid: number;
  /** Ease-in start and duration (the arm moves from rest to the centre pose). */
  t0: number;
  raise: number;
  /** Stroke starts / stops (phase accumulator time); Infinity = still going at the end. */
  tStroke: number;
  tStop: number;
  /** Ease-out duration after the stroke stops (0 = hold the centre pose). */
  lower: number;
  centre: number[];
  coef: number[];
  phase: (t: number) => number;
  rise: number;
  g: number;
  bipolar: boolean;
  /** Cycles over which the stroke amplitude fades in. */
  fadeIn: number;
}

/**
 * Gesture-layer rhythmic action: centre pose plus a joint-space stroke, stroke(t) = coef * wave(phi(t)),
 * with phi a noise-modulated phase accumulator and wave an asymmetric smoothstep/gain pulse.
 */
function strokeAction(pf: Performer, o: StrokeOpts): Action {
  const base = ARM(o.side, 0);
  const end = Number.isFinite(o.tStop) && o.lower > 0 ? o.tStop + o.lower : Infinity;
  return {
    stage: 2,
    layer: 1,
    dofs: armDofs(o.side),
    w: (t) => (t <= o.t0 ? 0 : end < Infinity ? envelope(t, o.t0, o.raise, end, o.lower) : smooth((t - o.t0) / o.raise)),
    eval(t, _c, out) {
      const ph = o.phase(t);
      const fade = smooth(ph / o.fadeIn) * (t < o.tStop ? 1 : smooth(1 - (t - o.tStop) / Math.max(0.05, 0.5 * o.lower)));
      const p = pulse(ph, o.rise, o.g);
      const v = (o.bipolar ? 2 * p - 1 : p) * fade;
      for (let k = 0; k < 9; k++) out[base + k] = o.centre[k] + o.coef[k] * v + (k >= SE ? nz(pf, o.aid, base + k, t, 1.2 * DEG, 1, 2) : 0);
    },
  };
}

/**
 * Calibrate a stroke: find joint increments (over `joints`) that move the wrist by `want` in
 * chest-local coordinates, using the arm's numerical Jacobian at `centre` (least squares over the
 * rows `rows`). Returns 9 coefficients (zeros elsewhere), each clamped to +-`maxDeg`.
 */
function calibrate(pf: Performer, centre: number[], joints: [number, number], rows: [number, number], want: [number, number], maxDeg = 50): number[] {
  const f0 = fkArmLocal(pf, centre).wrist;
  const J: number[][] = [[], []];
  for (const [c, k] of joints.entries()) {
    const a = centre.slice();
    a[k] += 0.01;
    const f1 = fkArmLocal(pf, a).wrist;
    J[0][c] = (f1[rows[0]] - f0[rows[0]]) / 0.01;
    J[1][c] = (f1[rows[1]] - f0[rows[1]]) / 0.01;
  }
  const det = J[0][0] * J[1][1] - J[0][1] * J[1][0];
  const coef = new Array<number>(9).fill(0);
  if (Math.abs(det) < 1e-4) {
    coef[joints[0]] = clamp(want[0] / (J[0][0] || 1e-3), -maxDeg * DEG, maxDeg * DEG);
    return coef;
  }
  let c0 = (want[0] * J[1][1] - want[1] * J[0][1]) / det;
  let c1 = (J[0][0] * want[1] - J[1][0] * want[0]) / det;
  const m = Math.max(Math.abs(c0), Math.abs(c1)) / (maxDeg * DEG);
  if (m > 1) {
    c0 /= m;
    c1 /= m;
  }
  coef[joints[0]] = c0;
  coef[joints[1]] = c1;
  return coef;
}

/** Additive head gesture (nod: pitch, shake: yaw) on the neck chain, phase-accumulator driven. */
function headStroke(pf: Performer, kind: 'nod' | 'shake', ts: number, cycles: number, f: number, amp: number, rise: number, g: number, aid: number): { act: Action; tEnd: number } {
  const ph = phaseTrack(pf.seed, aid * 13, ts, f, 0.12 + 0.1 * pf.nervous, 6);
  const tEnd = phaseTime(ph, ts, cycles, 6);
  const ampNoise = (t: number) => 1 + 0.15 * perlin1(pf.seed, aid * 13 + 5, t * 2);
  const act: Action = {
    stage: 1,
    layer: 3,
    dofs: NECK_DOFS,
    w: (t) => (t > ts && t < tEnd + 0.3 ? 1 : 0),
    eval(t, _c, o) {
      const p = Math.min(ph(t), cycles);
      let yaw = 0;
      let pitch = 0;
      let roll = 0;
      if (kind === 'nod') {
        pitch = -amp * ampNoise(t) * pulse(p, rise, g);
      } else {
        // starts from centre: fade the bipolar stroke in over the first half cycle, out over the last
        const v = 2 * pulse(p + rise / 2, rise, g) - 1;
        const fade = smooth(p / 0.35) * smooth((cycles - p) / 0.35);
        yaw = amp * ampNoise(t) * v * fade;
        roll = -0.12 * yaw;
        pitch = -0.05 * Math.abs(yaw);
      }
      for (let j = 0; j < 3; j++) {
        o[NK(j, 0)] = yaw * NECK_SHARE[j];
        o[NK(j, 1)] = pitch * NECK_SHARE[j];
        o[NK(j, 2)] = roll * NECK_SHARE[j];
      }
    },
  };
  return { act, tEnd };
}

// ---------------------------------------------------------------------------------------------
// Scenarios: one per label (and many kinds of `none`)
// ---------------------------------------------------------------------------------------------

/** Nominal torso (stance without noise) used to place goals and calibrate strokes. */
const nominalTorso = (pf: Performer): TorsoFK => fkTorso(pf, new Float64Array(NDOF));
/** A person to talk to: a body-local point in front at about eye height. */
function npc(pf: Performer, rng: Rng): Vec3 {
  const a = rng.uniform(-35, 35) * DEG;
  const d = rng.uniform(1.2, 3.5);
  const eyeY = nominalTorso(pf).eye[1];
  return [-Math.sin(a) * d, eyeY + rng.uniform(-0.35, 0.25), -Math.cos(a) * d];
}
/** Look at `p` from the start, optionally shifting gaze at `t` to `p2`. */
const lookPlan = (p: Vec3, p2?: Vec3, t = 0, dur = 0.4): Gaze[] => (p2 ? [{ t: -1, dur: 0.1, p }, { t, dur, p: p2 }] : [{ t: -1, dur: 0.1, p }]);
/** Chest-local template point relative to the nominal shoulder: lateral (out), up, forward. */
function fromShoulder(pf: Performer, lat: number, up: number, fwd: number): Vec3 {
  const sh = shoulderLocal(pf, 0, 0);
  return [sh[0] + lat, sh[1] + up, sh[2] - fwd];
}
const armSide = (pf: Performer, rng: Rng, pDom = 0.85): number => (rng.chance(pDom) ? pf.dom : 1 - pf.dom);
/** Body-local direction from template-frame azimuth (positive = toward `side`) and elevation. */
function sideDir(side: number, az: number, el: number): Vec3 {
  const sgn = side === 0 ? 1 : -1;
  return [sgn * Math.sin(az) * Math.cos(el), Math.sin(el), -Math.cos(az) * Math.cos(el)];
}

function waveScenario(pf: Performer, rng: Rng): Scenario {
  const side = armSide(pf, rng);
  const T = rng.uniform(1.4, 2.95);
  const f = clamp(rng.uniform(1.6, 3.2) * (0.85 + 0.15 * pf.tempo), 1.6, 3.2);
  const app = Math.min(rng.uniform(0.2, 0.42) * pf.expans * pf.s, 0.42 / f);
  const raise = rng.uniform(0.7, 1.0);
  const lead = raise * rng.uniform(0.6, 0.9);
  const needed = lead + 2.3 / f + 0.12;
  const t0 = rng.uniform(0, Math.max(0, Math.min(0.6, T - needed)));
  const tStroke = t0 + lead;
  const aid = 20;
  const ph = phaseTrack(pf.seed, 201, tStroke, f, 0.08 + 0.1 * pf.nervous, 6);
  let tStop = Infinity;
  let lower = 0;
  if (rng.chance(0.6)) {
    const cyc = rng.uniform(2.2, 4.5);
    const ts = phaseTime(ph, tStroke, cyc, 6);
    if (ts < T - 0.15) {
      tStop = ts;
      lower = rng.uniform(0.5, 0.8);
    }
  }
  const centre = pf.idle.slice();
  centre[CE] = rng.uniform(4, 12) * DEG;
  centre[FT] = rng.uniform(-35, 25) * DEG;
  const wrist = fromShoulder(pf, rng.uniform(-0.06, 0.1) * pf.s, rng.uniform(0.1, 0.26) * pf.s, rng.uniform(0.2, 0.34) * pf.s);
  solveArm(pf, centre, wrist, rng.uniform(25, 70) * DEG, norm([rng.uniform(0, 0.4), 1, rng.uniform(-0.4, 0.1)]));
  const coef = calibrate(pf, centre, [EF, ST], [0, 2], [app / 2, 0], 45);
  coef[WD] = rng.uniform(5, 18) * DEG * Math.sign(coef[EF] || 1);
  const stroke = strokeAction(pf, { side, aid, t0, raise, tStroke, tStop, lower, centre, coef, phase: ph, rise: rng.uniform(0.4, 0.6), g: rng.uniform(0.42, 0.6), bipolar: true, fadeIn: 0.3 });
  const acts = [...stanceActions(pf, rng), lookAction(pf, lookPlan(npc(pf, rng))), stroke];
  return { acts, T, present: [true, true], kind: 'wave' };
}

function beckonScenario(pf: Performer, rng: Rng): Scenario {
  const side = armSide(pf, rng);
  const T = rng.uniform(1.5, 2.95);
  const f = clamp(rng.uniform(1.1, 2.3) * pf.tempo, 1.1, 2.4);
  const P = rng.uniform(0.09, 0.15) * pf.s * (0.8 + 0.2 * pf.expans);
  const raise = rng.uniform(0.35, 0.6);
  const lead = raise * rng.uniform(0.6, 0.9);
  const needed = lead + 2.2 / f + 0.12;
  const t0 = rng.uniform(0, Math.max(0, Math.min(0.5, T - needed)));
  const tStroke = t0 + lead;
  const ph = phaseTrack(pf.seed, 301, tStroke, f, 0.1 + 0.1 * pf.nervous, 6);
  let tStop = Infinity;
  let lower = 0;
  if (rng.chance(0.5)) {
    const ts = phaseTime(ph, tStroke, rng.int(2, 4), 6);
    if (ts < T - 0.15) {
      tStop = ts;
      lower = rng.uniform(0.35, 0.6);
    }
  }
  const centre = pf.idle.slice();
  centre[CE] = rng.uniform(0, 6) * DEG;
  centre[CP] = rng.uniform(2, 10) * DEG;
  centre[FT] = -rng.uniform(50, 90) * DEG;
  const wrist = fromShoulder(pf, rng.uniform(-0.1, 0.06) * pf.s, -rng.uniform(0.1, 0.22) * pf.s, rng.uniform(0.32, 0.44) * pf.s);
  solveArm(pf, centre, wrist, rng.uniform(10, 35) * DEG, norm([0, rng.uniform(0.1, 0.5), -1]));
  const coef = calibrate(pf, centre, [SE, EF], [1, 2], [0, P], 40);
  coef[WF] = rng.uniform(20, 45) * DEG;
  const stroke = strokeAction(pf, { side, aid: 30, t0, raise, tStroke, tStop, lower, centre, coef, phase: ph, rise: rng.uniform(0.3, 0.45), g: rng.uniform(0.45, 0.6), bipolar: false, fadeIn: 0.15 });
  const acts = [...stanceActions(pf, rng), lookAction(pf, lookPlan(npc(pf, rng))), stroke];
  return { acts, T, present: [true, true], kind: 'beckon' };
}

/** Chest-local wrist goal on the line from the shoulder toward a body-local point, at `frac` of reach. */
const aimAt = (pf: Performer, side: number, target: Vec3, frac: number) => (_t: number, c: Ctx): Vec3 => {
  const sh = shoulderLocal(pf, c.pose[ARM(side, CE)], c.pose[ARM(side, CP)]);
  const d = norm(sub(toSide(c.torso, side, target), sh));
  return add(sh, scale(d, (pf.L1 + pf.L2) * frac));
};
const aimDir = (pf: Performer, side: number, target: Vec3) => (_t: number, c: Ctx): Vec3 => {
  const sh = shoulderLocal(pf, c.pose[ARM(side, CE)], c.pose[ARM(side, CP)]);
  return norm(sub(toSide(c.torso, side, target), sh));
};

function pointScenario(pf: Performer, rng: Rng): Scenario {
  const side = armSide(pf, rng, 0.8);
  const T = rng.uniform(1.5, 2.95);
  const r = rng.uniform(0.55, 0.9) / Math.sqrt(pf.energy);
  const hold = rng.uniform(0.9, 1.8);
  const t0 = rng.uniform(0, Math.max(0, Math.min(0.6, T - r - 0.95)));
  const torso = nominalTorso(pf);
  const sh = fromSide(torso, side, shoulderLocal(pf, 0, 0));
  const target = add(sh, scale(sideDir(side, rng.uniform(-25, 60) * DEG, rng.uniform(-14, 28) * DEG), rng.uniform(1.5, 5)));
  const frac = rng.uniform(0.9, 0.97);
  const keys: AimKey[] = [
    { t: t0, at: null, swivel: 0 },
    { t: t0 + r, at: aimAt(pf, side, target, frac), hand: aimDir(pf, side, target), swivel: rng.uniform(5, 35) * DEG, ft: rng.uniform(-10, 40) * DEG },
  ];
  if (t0 + r + hold + 0.3 < T) keys.push({ t: t0 + r + hold, at: aimAt(pf, side, target, frac), hand: aimDir(pf, side, target), swivel: keys[1].swivel, ft: keys[1].ft }, { t: t0 + r + hold + rng.uniform(0.45, 0.7), at: null, swivel: 0 });
  const eye = torso.eye;
  const gaze: Gaze[] = rng.chance(0.8) ? lookPlan(npc(pf, rng), target, t0 - 0.1 + rng.uniform(0, 0.3), 0.35) : lookPlan(add(eye, [0, -0.2, -2]));
  const acts = [...stanceActions(pf, rng), lookAction(pf, gaze), aimAction(pf, side, keys, 40, 2.5)];
  return { acts, T, present: [true, true], kind: 'point' };
}

function pushScenario(pf: Performer, rng: Rng): Scenario {
  const two = rng.chance(0.15);
  const first = armSide(pf, rng);
  const sides = two ? [0, 1] : [first];
  const T = rng.uniform(1.3, 2.95);
  const prep = rng.chance(0.5);
  const r = rng.uniform(0.45, 0.7);
  const thrust = rng.uniform(0.22, 0.4);
  const hold = rng.uniform(0.6, 1.5);
  const dur = (prep ? r + thrust : r) + 0.65;
  const t0 = rng.uniform(0, Math.max(0, Math.min(0.6, T - dur)));
  const acts: Action[] = [...stanceActions(pf, rng), lookAction(pf, lookPlan(npc(pf, rng)))];
  const lat = rng.uniform(-0.08, 0.06) * pf.s;
  const down = rng.uniform(-0.04, 0.1) * pf.s;
  const frac = rng.uniform(0.86, 0.95);
  const ft = rng.uniform(75, 100) * DEG;
  const wf = -rng.uniform(50, 80) * DEG;
  for (const side of sides) {
    const dt = two ? rng.uniform(0, 0.06) : 0;
    const goal = fromShoulder(pf, lat, -down, (pf.L1 + pf.L2) * frac);
    const keys: AimKey[] = [{ t: t0 + dt, at: null, swivel: 0 }];
    let tHold = t0 + dt + r;
    if (prep) {
      const chest = fromShoulder(pf, lat * 0.5, -down - 0.04 * pf.s, rng.uniform(0.12, 0.2) * pf.s);
      keys.push({ t: t0 + dt + r, at: () => chest, swivel: rng.uniform(30, 60) * DEG, ft, wf, wd: 0 });
      tHold += thrust;
    }
    keys.push({ t: tHold, at: () => goal, swivel: rng.uniform(15, 40) * DEG, ft, wf, wd: rng.uniform(-8, 8) * DEG });
    if (tHold + hold + 0.3 < T) keys.push({ ...keys[keys.length - 1], t: tHold + hold }, { t: tHold + hold + rng.uniform(0.4, 0.6), at: null, swivel: 0 });
    acts.push(aimAction(pf, side, keys, 50 + side, 3));
  }
  return { acts, T, present: [true, true], kind: 'push' };
}

function headScenario(pf: Performer, rng: Rng, kind: 'nod' | 'shake'): Scenario {
  const T = rng.uniform(1.2, 2.95);
  const f = kind === 'nod' ? rng.uniform(1.4, 2.8) * pf.tempo : rng.uniform(1.6, 3.2) * pf.tempo;
  const cycles = kind === 'nod' ? rng.int(1, 3) : rng.uniform(1.5, 3.5);
  const amp = (kind === 'nod' ? rng.uniform(10, 22) : rng.uniform(13, 30)) * DEG * (0.8 + 0.2 * pf.energy);
  const ts = rng.uniform(0, Math.max(0, Math.min(0.7, T - cycles / f - 0.2)));
  const hs = headStroke(pf, kind, ts, cycles, f, amp, kind === 'nod' ? rng.uniform(0.3, 0.55) : rng.uniform(0.4, 0.6), rng.uniform(0.42, 0.58), 60);
  const acts = [...stanceActions(pf, rng), lookAction(pf, lookPlan(npc(pf, rng))), hs.act];
  return { acts, T: Math.max(T, Math.min(2.95, hs.tEnd + 0.15)), present: [true, true], kind };
}

/** Everyday motions for `none`, including hard negatives. */
const NONE_KINDS = ['idle', 'headTilt', 'reach', 'scratch', 'lookAround', 'turn', 'step', 'walk', 'headset', 'sweep', 'swipe', 'watch', 'drink', 'shrug', 'chin', 'poke'] as const;

function noneScenario(pf: Performer, rng: Rng, kind: (typeof NONE_KINDS)[number]): Scenario {
  const T = rng.uniform(1.2, 2.95);
  const acts: Action[] = stanceActions(pf, rng);
  const torso = nominalTorso(pf);
  const eye = torso.eye;
  const side = armSide(pf, rng, 0.75);
  const S = pf.s;
  let root: RootFn | undefined;
  const present: [boolean, boolean] = [true, true];
  const t0 = rng.uniform(0, 0.5);
  /** rest -> goal (hold) -> rest keys. */
  const there = (goal: Vec3, tA: number, r: number, hold: number, back: number, extra: Partial<AimKey> = {}): AimKey[] => {
    const k: AimKey[] = [{ t: tA, at: null, swivel: 0 }, { t: tA + r, at: () => goal, swivel: 20 * DEG, ...extra }];
    if (hold < Infinity) k.push({ ...k[1], t: tA + r + hold }, { t: tA + r + hold + back, at: null, swivel: 0 });
    return k;
  };
  switch (kind) {
    case 'idle': {
      if (rng.chance(0.3)) present[1 - pf.dom] = false;
      acts.push(lookAction(pf, rng.chance(0.5) ? lookPlan(npc(pf, rng)) : lookPlan(npc(pf, rng), npc(pf, rng), rng.uniform(0.3, 1.5), rng.uniform(0.5, 0.9))));
      break;
    }
    case 'headTilt': {
      const yaw = rng.uniform(-15, 15) * DEG;
      const g: Gaze = rng.chance(0.5) ? { t: t0, dur: rng.uniform(0.3, 0.7), yaw, pitch: -rng.uniform(12, 35) * DEG } : { t: t0, dur: rng.uniform(0.3, 0.7), yaw: yaw + rng.uniform(-20, 20) * DEG, pitch: rng.uniform(-5, 20) * DEG };
      acts.push(lookAction(pf, [{ t: -1, dur: 0.1, yaw, pitch: 0 }, g]));
      if (rng.chance(0.5)) {
        const roll = rng.uniform(8, 20) * DEG * (rng.chance(0.5) ? 1 : -1);
        acts.push({ stage: 1, layer: 3, dofs: NECK_DOFS, w: (t) => smooth((t - t0) / 0.5), eval: (_t, _c, o) => { for (let j = 0; j < 3; j++) { o[NK(j, 0)] = 0; o[NK(j, 1)] = 0; o[NK(j, 2)] = roll * NECK_SHARE[j]; } } });
      }
      break;
    }
    case 'reach':
    case 'poke': {
      const where = kind === 'poke' ? 'forward' : rng.pick(['table', 'side', 'forward', 'high'] as const);
      const reach = pf.L1 + pf.L2;
      const goal =
        where === 'table' ? fromShoulder(pf, rng.uniform(-0.1, 0.15) * S, -rng.uniform(0.45, 0.6) * S, rng.uniform(0.25, 0.4) * S)
        : where === 'side' ? fromShoulder(pf, reach * 0.8, -rng.uniform(0.2, 0.4) * S, rng.uniform(0, 0.15) * S)
        : where === 'high' ? fromShoulder(pf, rng.uniform(0, 0.15) * S, reach * 0.82, rng.uniform(0.1, 0.2) * S)
        : fromShoulder(pf, rng.uniform(-0.1, 0.1) * S, -rng.uniform(0, 0.15) * S, reach * rng.uniform(0.7, 0.88));
      const r = kind === 'poke' ? rng.uniform(0.3, 0.45) : rng.uniform(0.5, 0.8);
      acts.push(aimAction(pf, side, there(goal, t0, r, rng.uniform(0, 0.06), rng.uniform(0.45, 0.7), { wf: rng.uniform(-10, 20) * DEG }), 70));
      acts.push(lookAction(pf, lookPlan(npc(pf, rng), fromSide(torso, side, goal), t0, 0.35)));
      break;
    }
    case 'scratch':
    case 'headset':
    case 'chin':
    case 'drink': {
      const sides = kind === 'headset' && rng.chance(0.6) ? [0, 1] : [side];
      const r = rng.uniform(0.7, 1.0);
      const hold = kind === 'drink' ? rng.uniform(0.8, 1.2) : rng.uniform(1.1, 1.8);
      for (const sd of sides) {
        const tgt = toSide(torso, sd, eye);
        const off: Vec3 = kind === 'scratch' ? [rng.uniform(0.02, 0.09) * S, rng.uniform(0.02, 0.1) * S, rng.uniform(0.05, 0.12) * S]
          : kind === 'headset' ? [0.11 * S, rng.uniform(-0.03, 0.03) * S, rng.uniform(0.0, 0.06) * S]
          : kind === 'chin' ? [-0.02 * S, -0.14 * S, -0.04 * S]
          : [-0.03 * S, -0.18 * S, -0.1 * S];
        const goal = add(tgt, off);
        acts.push(aimAction(pf, sd, there(goal, t0, r, hold, rng.uniform(0.5, 0.7), { wf: rng.uniform(10, 50) * DEG, ft: rng.uniform(-20, 60) * DEG }), 80 + sd));
        if (kind === 'scratch' || kind === 'headset') {
          const f = rng.uniform(2.5, 5);
          const a = (kind === 'scratch' ? rng.uniform(5, 10) : rng.uniform(2, 4)) * DEG;
          acts.push({ stage: 2, layer: 3, dofs: [ARM(sd, WF), ARM(sd, EF)], w: (t) => envelope(t, t0 + r, 0.15, t0 + r + hold, 0.15), eval: (t, _c, o) => { const v = 2 * pulse(t * f, 0.4, 0.5) - 1; o[ARM(sd, WF)] = a * v; o[ARM(sd, EF)] = 0.4 * a * v; } });
        }
      }
      if (kind === 'drink') acts.push(lookAction(pf, [{ t: -1, dur: 0.1, yaw: 0, pitch: 0 }, { t: t0 + r + 0.1, dur: 0.4, yaw: 0, pitch: rng.uniform(12, 25) * DEG }], (t) => 1 - smooth((t - (t0 + r + hold)) / 0.5)));
      else acts.push(lookAction(pf, lookPlan(npc(pf, rng))));
      break;
    }
    case 'lookAround': {
      const dir = rng.chance(0.5) ? 1 : -1;
      let yaw = rng.uniform(-10, 10) * DEG;
      const plan: Gaze[] = [{ t: -1, dur: 0.1, yaw, pitch: 0 }];
      let t = rng.uniform(0.05, 0.5);
      while (t < T) {
        yaw += dir * rng.uniform(20, 45) * DEG;
        if (Math.abs(yaw) > 75 * DEG) break;
        const dur = rng.uniform(0.4, 0.8);
        plan.push({ t, dur, yaw, pitch: rng.uniform(-12, 12) * DEG });
        t += dur + rng.uniform(0.5, 1.2);
      }
      acts.push(lookAction(pf, plan));
      break;
    }
    case 'turn':
    case 'step':
    case 'walk': {
      if (pf.seated && kind !== 'turn') return noneScenario(pf, rng, 'idle');
      const dyaw = kind === 'turn' ? rng.uniform(30, 120) * DEG * (rng.chance(0.5) ? 1 : -1) : 0;
      const dur = rng.uniform(0.7, 1.4);
      const stepDir = rng.uniform(-Math.PI, Math.PI);
      const stepLen = rng.uniform(0.2, 0.45) * S;
      const v = rng.uniform(0.5, 1.1) * S;
      if (kind === 'turn') root = (t) => ({ x: 0, z: 0, yaw: dyaw * smooth((t - t0) / dur) });
      else if (kind === 'step') root = (t) => { const u = smooth((t - t0) / dur); return { x: Math.sin(stepDir) * stepLen * u, z: -Math.cos(stepDir) * stepLen * u, yaw: 0 }; };
      else root = (t) => ({ x: 0, z: -v * Math.max(0, t), yaw: 0 });
      const stepHz = kind === 'walk' ? rng.uniform(1.6, 2.1) : 2 / dur;
      const ph = phaseTrack(pf.seed, 401, kind === 'walk' ? -1 : t0, stepHz / 2, 0.05, 6);
      const bob = 0.015 * S;
      const active = (t: number) => (kind === 'walk' ? 1 : envelope(t, t0, 0.15, t0 + dur, 0.15));
      acts.push({ stage: 0, layer: 3, dofs: [PY, PX, PROLL], w: active, eval: (t, _c, o) => { const p = ph(t); o[PY] = -bob * pulse(2 * p, 0.5, 0.5); o[PX] = 0.012 * S * (2 * pulse(p, 0.5, 0.5) - 1); o[PROLL] = 1.5 * DEG * (2 * pulse(p, 0.5, 0.5) - 1); } });
      const swingA = (kind === 'walk' ? rng.uniform(10, 20) : rng.uniform(3, 8)) * DEG;
      acts.push({ stage: 2, layer: 3, dofs: [ARM(0, SE), ARM(1, SE), ARM(0, EF), ARM(1, EF)], w: active, eval: (t, _c, o) => { const v = 2 * pulse(ph(t), 0.5, 0.45) - 1; o[ARM(0, SE)] = swingA * v; o[ARM(1, SE)] = -swingA * v; o[ARM(0, EF)] = 0.4 * swingA * Math.max(0, v); o[ARM(1, EF)] = 0.4 * swingA * Math.max(0, -v); } });
      if (kind === 'turn') {
        // the eyes and head lead toward the new heading, a world-fixed direction, while the body catches up
        const lead = clamp(0.6 * dyaw, -60 * DEG, 60 * DEG);
        const tl = t0 - rng.uniform(0, 0.2);
        acts.push({ stage: 1, layer: 3, dofs: NECK_DOFS, w: always, eval: (t, _c, o) => {
          const rel = smooth((t - tl) / 0.4) * (dyaw - root!(t).yaw);
          const y = Math.sign(rel) * Math.min(Math.abs(rel), Math.abs(lead));
          for (let j = 0; j < 3; j++) { o[NK(j, 0)] = y * NECK_SHARE[j]; o[NK(j, 1)] = 0; o[NK(j, 2)] = 0; }
        } });
      }
      else acts.push(lookAction(pf, [{ t: -1, dur: 0.1, yaw: rng.uniform(-10, 10) * DEG, pitch: rng.uniform(-20, 0) * DEG }]));
      break;
    }
    case 'sweep': {
      const az0 = rng.uniform(-20, 10) * DEG;
      const az1 = az0 + rng.uniform(40, 80) * DEG;
      const el = rng.uniform(-10, 15) * DEG;
      const r = rng.uniform(0.4, 0.6);
      const sweepDur = rng.uniform(0.7, 1.3);
      const sh = fromSide(torso, side, shoulderLocal(pf, 0, 0));
      const tgt = (t: number): Vec3 => add(sh, scale(sideDir(side, az0 + (az1 - az0) * smooth((t - t0 - r * 0.5) / sweepDur), el), 3));
      const at = (t: number, c: Ctx) => aimAt(pf, side, tgt(t), 0.9)(t, c);
      const hd = (t: number, c: Ctx) => aimDir(pf, side, tgt(t))(t, c);
      acts.push(aimAction(pf, side, [{ t: t0, at: null, swivel: 0 }, { t: t0 + r, at, hand: hd, swivel: 20 * DEG }, { t: t0 + r * 0.5 + sweepDur, at, hand: hd, swivel: 20 * DEG }, { t: t0 + r * 0.5 + sweepDur + rng.uniform(0.4, 0.6), at: null, swivel: 0 }], 90, 1));
      acts.push(lookAction(pf, lookPlan(npc(pf, rng))));
      break;
    }
    case 'swipe': {
      const h = -rng.uniform(0.18, 0.32) * S;
      const fw = rng.uniform(0.3, 0.42) * S;
      const a = fromShoulder(pf, rng.uniform(0.1, 0.2) * S, h, fw);
      const b = fromShoulder(pf, -rng.uniform(0.15, 0.3) * S, h, fw);
      const [p0, p1] = rng.chance(0.5) ? [a, b] : [b, a];
      const r = rng.uniform(0.4, 0.6);
      const sw = rng.uniform(0.22, 0.4);
      acts.push(aimAction(pf, side, [{ t: t0, at: null, swivel: 0 }, { t: t0 + r, at: () => p0, swivel: 20 * DEG, ft: 60 * DEG }, { t: t0 + r + sw, at: () => p1, swivel: 20 * DEG, ft: 60 * DEG }, { t: t0 + r + sw + rng.uniform(0.4, 0.6), at: null, swivel: 0 }], 95, 1));
      acts.push(lookAction(pf, lookPlan(npc(pf, rng))));
      break;
    }
    case 'watch': {
      const sd = 1 - pf.dom;
      const goal = fromShoulder(pf, -rng.uniform(0.12, 0.2) * S, -rng.uniform(0.22, 0.32) * S, rng.uniform(0.12, 0.2) * S);
      const r = rng.uniform(0.5, 0.7);
      const hold = rng.uniform(1.3, 2);
      acts.push(aimAction(pf, sd, there(goal, t0, r, hold, 0.6, { ft: 80 * DEG, wf: 0 }), 100));
      acts.push(lookAction(pf, [{ t: -1, dur: 0.1, p: npc(pf, rng) }, { t: t0 + r * 0.6, dur: 0.35, p: fromSide(torso, sd, goal) }]));
      break;
    }
    case 'shrug': {
      const a = rng.uniform(8, 16) * DEG;
      const d = rng.uniform(0.6, 1.1);
      for (const sd of [0, 1]) acts.push({ stage: 2, layer: 3, dofs: [ARM(sd, CE), ARM(sd, EF), ARM(sd, FT), ARM(sd, SPL)], w: (t) => envelope(t, t0, d * 0.35, t0 + d, d * 0.45), eval: (_t, _c, o) => { o[ARM(sd, CE)] = a; o[ARM(sd, EF)] = 3 * a; o[ARM(sd, FT)] = -4 * a; o[ARM(sd, SPL)] = 1.5 * a; } });
      acts.push(lookAction(pf, lookPlan(npc(pf, rng))));
      break;
    }
  }
  return { acts, T, root, present, kind };
}

// ---------------------------------------------------------------------------------------------
// Layer composition and the true (240 Hz) kinematics
// ---------------------------------------------------------------------------------------------

const SIM_HZ = 240;
const PRE_ROLL = 0.5;

/** True world-space motion sampled at SIM_HZ from -PRE_ROLL: head [p, q] (7) and per hand [wrist, palm, qHand] (10). */
interface TrueMotion {
  tFrom: number;
  n: number;
  head: Float64Array;
  hand: [Float64Array, Float64Array];
}

function simulate(pf: Performer, sc: Scenario): TrueMotion {
  const tFrom = -PRE_ROLL;
  const n = Math.ceil((sc.T + PRE_ROLL + 0.05) * SIM_HZ) + 2;
  const head = new Float64Array(n * 7);
  const hand: [Float64Array, Float64Array] = [new Float64Array(n * 10), new Float64Array(n * 10)];
  const groups: Action[][][] = [0, 1, 2].map((st) => [0, 1, 2, 3].map((ly) => sc.acts.filter((a) => a.stage === st && a.layer === ly)));
  const pose = new Float64Array(NDOF);
  const tmp = new Float64Array(NDOF);
  const num = new Float64Array(NDOF);
  const den = new Float64Array(NDOF);
  const addv = new Float64Array(NDOF);
  const ctx: Ctx = { pf, torso: nominalTorso(pf), pose };
  for (let k = 0; k < n; k++) {
    const t = tFrom + k / SIM_HZ;
    pose.fill(0);
    for (let st = 0; st < 3; st++) {
      if (st > 0) ctx.torso = fkTorso(pf, pose);
      addv.fill(0);
      for (let ly = 0; ly < 4; ly++) {
        const acts = groups[st][ly];
        if (!acts.length) continue;
        num.fill(0);
        den.fill(0);
        for (const a of acts) {
          const w = a.w(t);
          if (!(w > 0)) continue;
          a.eval(t, ctx, tmp);
          for (let i = 0; i < a.dofs.length; i++) {
            const d = a.dofs[i];
            const m = w * (a.mask ? a.mask[i] : 1);
            if (ly === 3) addv[d] += m * tmp[d];
            else {
              num[d] += m * tmp[d];
              den[d] += m;
            }
          }
        }
        if (ly < 3)
          for (let d = 0; d < NDOF; d++)
            if (den[d] > 0) {
              const W = Math.min(1, den[d]);
              pose[d] += (num[d] / den[d] - pose[d]) * W;
            }
      }
      for (let d = 0; d < NDOF; d++) pose[d] += addv[d];
    }
    const torso = fkTorso(pf, pose);
    const rt = sc.root ? sc.root(t) : { x: 0, z: 0, yaw: 0 };
    const qBody = qaxis(Y, pf.yaw);
    const origin = add(pf.pos, qrot(qBody, [rt.x, 0, rt.z]));
    const qW = qaxis(Y, pf.yaw + rt.yaw);
    const toW = (p: Vec3) => add(origin, qrot(qW, p));
    const hp = toW(torso.eye);
    const hq = qnorm(qmul(qW, torso.qHead));
    head.set([...hp, ...hq], k * 7);
    for (let side = 0; side < 2; side++) {
      const arm = fkArmLocal(pf, armOf(pose, side));
      const w = toW(fromSide(torso, side, arm.wrist));
      const p = toW(fromSide(torso, side, arm.palm));
      const q = qnorm(qmul(qW, qFromSide(torso, side, arm.qHand)));
      hand[side].set([...w, ...p, ...q], k * 10);
    }
  }
  return { tFrom, n, head, hand };
}

/** Interpolated true sample: `stride` floats at time t (positions lerped, the quaternion at `qAt` slerped). */
function sampleTrue(arr: Float64Array, stride: number, qAt: number, tm: TrueMotion, t: number): number[] {
  const x = clamp((t - tm.tFrom) * SIM_HZ, 0, tm.n - 1.000001);
  const i = Math.floor(x);
  const u = x - i;
  const out: number[] = [];
  for (let j = 0; j < stride; j++) out.push(arr[i * stride + j] + (arr[(i + 1) * stride + j] - arr[i * stride + j]) * u);
  const qa = Array.from(arr.subarray(i * stride + qAt, i * stride + qAt + 4)) as Quat;
  const qb = Array.from(arr.subarray((i + 1) * stride + qAt, (i + 1) * stride + qAt + 4)) as Quat;
  const q = qnorm(qslerp(qa, qb, u));
  for (let j = 0; j < 4; j++) out[qAt + j] = q[j];
  return out;
}

// ---------------------------------------------------------------------------------------------
// Trackers
// ---------------------------------------------------------------------------------------------

type TrackerKind = 'insideOut' | 'hands' | 'outsideIn';
interface Tracker {
  kind: TrackerKind;
  hz: number;
  /** Timestamp jitter (fraction of a frame) and frame drop probability. */
  tJit: number;
  drop: number;
  latHead: number;
  latHand: number;
  /** Fraction of the latency the runtime predicts away (velocity extrapolation). */
  pred: number;
  posJit: number;
  rotJit: number;
  drift: number;
  /** Smoothing cutoff (Hz) and, for the one-euro filter, its speed coefficient. */
  cutoff: number;
  beta: number;
  camTilt: number;
  camHalf: number;
  coastMax: number;
  /** Outside-in occlusion rate (events per second). */
  occRate: number;
  /** Share of the true motion the IMU dead reckoning recovers while coasting. */
  imuGain: number;
}

function makeTracker(rng: Rng): Tracker {
  const kind = rng.pick(['insideOut', 'insideOut', 'hands', 'outsideIn'] as const);
  if (kind === 'insideOut')
    return { kind, hz: rng.pick([60, 72, 72, 80, 90, 90, 120]), tJit: rng.uniform(0.01, 0.08), drop: rng.uniform(0, 0.03), latHead: rng.uniform(0.005, 0.02), latHand: rng.uniform(0.015, 0.045), pred: rng.uniform(0.3, 0.9), posJit: rng.uniform(0.0005, 0.002), rotJit: rng.uniform(0.2, 0.8) * DEG, drift: rng.uniform(0.001, 0.004), cutoff: rng.uniform(6, 20), beta: 0, camTilt: rng.uniform(20, 35) * DEG, camHalf: rng.uniform(72, 88) * DEG, coastMax: rng.uniform(0.2, 0.6), occRate: 0, imuGain: rng.uniform(0.4, 0.85) };
  if (kind === 'hands')
    return { kind, hz: rng.pick([30, 36, 45, 60, 60, 72]), tJit: rng.uniform(0.02, 0.12), drop: rng.uniform(0, 0.04), latHead: rng.uniform(0.008, 0.025), latHand: rng.uniform(0.03, 0.07), pred: rng.uniform(0, 0.5), posJit: rng.uniform(0.0015, 0.004), rotJit: rng.uniform(1, 3) * DEG, drift: rng.uniform(0.002, 0.006), cutoff: rng.uniform(1.5, 4), beta: rng.uniform(0.5, 3), camTilt: rng.uniform(15, 30) * DEG, camHalf: rng.uniform(62, 78) * DEG, coastMax: 0, occRate: 0, imuGain: 0 };
  return { kind, hz: rng.pick([80, 90, 90, 120, 120]), tJit: rng.uniform(0.005, 0.04), drop: rng.uniform(0, 0.015), latHead: rng.uniform(0.003, 0.012), latHand: rng.uniform(0.005, 0.015), pred: rng.uniform(0.5, 1), posJit: rng.uniform(0.0002, 0.0008), rotJit: rng.uniform(0.05, 0.3) * DEG, drift: rng.uniform(0.0003, 0.0015), cutoff: rng.uniform(15, 40), beta: 0, camTilt: 0, camHalf: Math.PI, coastMax: rng.uniform(0.3, 0.8), occRate: rng.uniform(0, 0.8), imuGain: rng.uniform(0.85, 1) };
}

/** Uneven frame timestamps over [0, T]: jittered intervals, occasional dropped frames. */
function frameTimes(tr: Tracker, T: number, rng: Rng): number[] {
  const dt = 1 / tr.hz;
  const ts: number[] = [0];
  let t = 0;
  let k = 0;
  while (true) {
    k++;
    const next = k * dt + rng.normal(0, tr.tJit * dt * 0.5);
    if (next > T) break;
    if (next <= t + 0.3 * dt) continue;
    if (k > 1 && rng.chance(tr.drop)) continue;
    t = next;
    ts.push(t);
  }
  if (T - t > 0.5 * dt) ts.push(Math.max(t + 0.3 * dt, T));
  return ts;
}

const jitterQ = (q: Quat, sd: number, rng: Rng): Quat => (sd > 0 ? qnorm(qmul(q, qaxis(norm([rng.normal(), rng.normal(), rng.normal()]), rng.normal(0, sd)))) : q);

/** Run one clip's tracker over the true motion, producing contract frames. */
function track(pf: Performer, tm: TrueMotion, sc: Scenario, tr: Tracker, rng: Rng): MotionFrame[] {
  const ts = frameTimes(tr, sc.T, rng);
  const seed = rng.int(1, 2 ** 30);
  const frames: MotionFrame[] = [];
  const headAt = (t: number) => sampleTrue(tm.head, 7, 3, tm, t);
  const handAt = (side: number, t: number) => sampleTrue(tm.hand[side], 10, 6, tm, t);
  /** The pose the device reports for a hand state: controller target ray or tracked-hand wrist. */
  const devicePose = (s: number[]): [Vec3, Quat] => {
    const qh: Quat = [s[6], s[7], s[8], s[9]];
    if (tr.kind === 'hands') return [[s[0], s[1], s[2]], qnorm(qmul(qh, Q_WRIST))];
    const qr = qnorm(qmul(qmul(qh, Q_RAY), pf.grip));
    return [add([s[3], s[4], s[5]], qrot(qr, [0, 0, -pf.rayFwd])), qr];
  };
  const predicted = (get: (t: number) => [Vec3, Quat], t: number, lat: number): [Vec3, Quat] => {
    const [p1, q1] = get(t - lat);
    if (tr.pred <= 0) return [p1, q1];
    const h = 0.02;
    const [p0, q0] = get(t - lat - h);
    const k = (tr.pred * lat) / h;
    return [add(p1, scale(sub(p1, p0), k)), qnorm(qslerp(q0, q1, 1 + k))];
  };
  const occl: [number, number][] = [];
  if (tr.occRate > 0) for (let t = rng.uniform(0, 1 / tr.occRate); t < sc.T; t += rng.uniform(0.3, 2 / tr.occRate)) occl.push([t, t + rng.uniform(0.05, 0.35)]);
  // per-hand state
  const st = [0, 1].map(() => ({ fp: null as Vec3 | null, bias: [0, 0, 0] as Vec3, coasted: false, reacq: -1e9, lastSeen: -1e9, lastP: [0, 0, 0] as Vec3, burst: 0, prevT: 0 }));
  let hf: Vec3 | null = null;
  let prevT = 0;
  for (const t of ts) {
    const dt = Math.max(1e-3, t - prevT);
    prevT = t;
    // head: predicted, jittered, slowly drifting
    const [hp0, hq0] = predicted((x) => { const s = headAt(x); return [[s[0], s[1], s[2]], [s[3], s[4], s[5], s[6]]]; }, t, tr.latHead);
    const hd: Vec3 = [tr.drift * 0.5 * perlin1(seed, 1, t * 0.4), tr.drift * 0.3 * perlin1(seed, 2, t * 0.4), tr.drift * 0.5 * perlin1(seed, 3, t * 0.4)];
    let hp = add(add(hp0, hd), [rng.normal(0, tr.posJit * 0.4), rng.normal(0, tr.posJit * 0.4), rng.normal(0, tr.posJit * 0.4)]);
    const aH = 1 - Math.exp(-2 * Math.PI * Math.max(tr.cutoff, 8) * dt);
    hp = hf ? lerp3(hf, hp, aH) : hp;
    hf = hp;
    const hq = jitterQ(hq0, tr.rotJit * 0.3, rng);
    const trueHead = headAt(t);
    const thp: Vec3 = [trueHead[0], trueHead[1], trueHead[2]];
    const thq: Quat = [trueHead[3], trueHead[4], trueHead[5], trueHead[6]];
    const out: (Pose | null)[] = [null, null];
    for (let side = 0; side < 2; side++) {
      const s = st[side];
      if (!sc.present[side]) continue;
      const [mp, mq] = predicted((x) => devicePose(handAt(side, x)), t, tr.latHand);
      const trueP = devicePose(handAt(side, t))[0];
      // visibility in the headset cameras (inside-out, hands) or occlusion (outside-in)
      let visible = true;
      if (tr.kind !== 'outsideIn') {
        const d = qrot(qconj(thq), sub(trueP, thp));
        const axis: Vec3 = [0, -Math.sin(tr.camTilt), -Math.cos(tr.camTilt)];
        const ang = Math.acos(clamp(dot(norm(d), axis), -1, 1));
        visible = ang < tr.camHalf && len(d) > 0.1;
      } else visible = !occl.some(([a, b]) => t >= a && t < b);
      if (tr.kind === 'hands') {
        const sp = len(sub(devicePose(handAt(side, t))[0], devicePose(handAt(side, t - 0.03))[0])) / 0.03;
        if (s.burst > 0) {
          s.burst--;
          visible = false;
        } else if (visible && rng.chance(0.004 + Math.max(0, sp - 1.8) * 0.04)) {
          s.burst = rng.int(1, 6);
          visible = false;
        }
      }
      const noise: Vec3 = [rng.normal(0, tr.posJit), rng.normal(0, tr.posJit), rng.normal(0, tr.posJit)];
      const drift: Vec3 = [tr.drift * perlin1(seed, 10 + side, t * 0.5), tr.drift * perlin1(seed, 12 + side, t * 0.5), tr.drift * perlin1(seed, 14 + side, t * 0.5)];
      let p: Vec3 | null = null;
      if (visible) {
        p = add(add(mp, noise), drift);
        if (s.coasted) s.reacq = t;
        if (s.fp && t - s.lastSeen < 0.7) {
          const speed = len(sub(p, s.fp)) / dt;
          const fc = tr.beta > 0 ? tr.cutoff + tr.beta * speed : tr.cutoff;
          let a = 1 - Math.exp(-2 * Math.PI * fc * dt);
          // after coasting, the runtime eases the pose back onto the optical fix instead of snapping
          if (t - s.reacq < 0.2) a = Math.min(a, 1 - Math.exp(-dt / 0.07));
          p = lerp3(s.fp, p, a);
        }
        s.coasted = false;
        s.lastSeen = t;
        s.lastP = p;
      } else if (tr.kind !== 'hands' && t - s.lastSeen < tr.coastMax && s.lastSeen > -1e8) {
        // IMU dead reckoning: follows part of the true motion since the optical fix was lost, with an
        // accelerometer bias whose error grows with the square of the time since then
        const age = t - s.lastSeen;
        if (!s.coasted) s.bias = [rng.normal(0, 0.35), rng.normal(0, 0.35) - 0.15, rng.normal(0, 0.35)];
        const moved = sub(trueP, devicePose(handAt(side, s.lastSeen - tr.latHand))[0]);
        p = add(add(s.lastP, scale(moved, tr.imuGain)), scale(s.bias, 0.5 * age * age));
        s.coasted = true;
      }
      s.fp = p;
      if (p) out[side] = { p, q: jitterQ(mq, tr.rotJit, rng) };
    }
    frames.push({ t, head: { p: hp, q: hq }, right: out[0], left: out[1] });
  }
  return frames;
}

// ---------------------------------------------------------------------------------------------
// Label detectors on the tracked output (head and hand poses only)
// ---------------------------------------------------------------------------------------------

interface Thresholds {
  waveRaise: number;
  waveAmp: number;
  waveWin: number;
  beckonLow: number;
  beckonHigh: number;
  beckonFwd: number;
  beckonPull: number;
  beckonExt: number;
  beckonWin: number;
  nodDown: number;
  nodUp: number;
  headWin: number;
  shakeAmp: number;
  holdTol: number;
  extH: number;
  ext3: number;
  extLow: number;
  extHigh: number;
  pointHold: number;
  pushHold: number;
  pushRise: number;
  pushWin: number;
}
/** Gesture clips must pass these (clearly showing the label). */
const STRICT: Thresholds = { waveRaise: 0.25, waveAmp: 0.1, waveWin: 0.8, beckonLow: 0.55, beckonHigh: 0, beckonFwd: 0.1, beckonPull: 0.06, beckonExt: 0.04, beckonWin: 1.5, nodDown: 7 * DEG, nodUp: 6 * DEG, headWin: 0.85, shakeAmp: 10 * DEG, holdTol: 0.02, extH: 0.3, ext3: 0.38, extLow: 0.45, extHigh: 0.4, pointHold: 0.6, pushHold: 0.4, pushRise: 0.13, pushWin: 0.9 };
/** `none` clips must fail all of these (nothing close to a gesture). */
const LOOSE: Thresholds = { waveRaise: 0.42, waveAmp: 0.06, waveWin: 1.05, beckonLow: 0.72, beckonHigh: 0.15, beckonFwd: 0.05, beckonPull: 0.035, beckonExt: 0.02, beckonWin: 1.8, nodDown: 4.5 * DEG, nodUp: 3.5 * DEG, headWin: 1.15, shakeAmp: 6 * DEG, holdTol: 0.035, extH: 0.24, ext3: 0.32, extLow: 0.6, extHigh: 0.55, pointHold: 0.4, pushHold: 0.22, pushRise: 0.07, pushWin: 1.15 };

/** Greedy search for alternating excursions `deltas` (signed) of signal x within a window W, on frames where ok holds. */
function hasPattern(t: number[], x: (number | null)[], deltas: number[], W: number): boolean {
  for (let i = 0; i < t.length; i++) {
    const xi = x[i];
    if (xi === null) continue;
    let seg = 0;
    let ext = xi;
    for (let k = i + 1; k < t.length && t[k] - t[i] <= W; k++) {
      const v = x[k];
      if (v === null) continue;
      const d = deltas[seg];
      if (d > 0) {
        ext = Math.min(ext, v);
        if (v - ext >= d) { seg++; ext = v; }
      } else {
        ext = Math.max(ext, v);
        if (ext - v >= -d) { seg++; ext = v; }
      }
      if (seg === deltas.length) return true;
    }
  }
  return false;
}

/** Which gestures the tracked clip shows under thresholds `th`. */
export function detectNineteenth(frames: readonly MotionFrame[], th: Thresholds = STRICT): Record<string, boolean> {
  const t = frames.map((f) => f.t);
  const heads = frames.map((f) => f.head);
  const hp = heads.map((h) => h?.p ?? null);
  const yaws: (number | null)[] = [];
  let prev: number | null = null;
  for (const h of heads) {
    if (!h) { yaws.push(null); continue; }
    let y = yawOf(h.q);
    if (prev !== null) y = prev + wrapPi(y - prev);
    yaws.push(y);
    prev = y;
  }
  const pitches = heads.map((h) => (h ? pitchOf(h.q) : null));
  const ys = yaws.filter((v): v is number => v !== null).sort((a, b) => a - b);
  const my = ys[Math.floor(ys.length / 2)] ?? 0;
  const lat: Vec3 = [Math.cos(my), 0, -Math.sin(my)];
  const fwd: Vec3 = [-Math.sin(my), 0, -Math.cos(my)];
  const res: Record<string, boolean> = { wave: false, beckon: false, point: false, push: false, nod: false, shake: false };
  res.nod = hasPattern(t, pitches, [-th.nodDown, th.nodUp], th.headWin);
  res.shake = hasPattern(t, yaws, [th.shakeAmp, -th.shakeAmp], th.headWin) || hasPattern(t, yaws, [-th.shakeAmp, th.shakeAmp], th.headWin);
  for (const side of ['left', 'right'] as const) {
    const rel = frames.map((f, i) => (f[side] && hp[i] ? sub(f[side]!.p, hp[i]!) : null));
    const radial = rel.map((r) => (r ? Math.hypot(r[0], r[2]) : null));
    const ahead = rel.map((r) => (r ? dot(r, fwd) : null));
    const raised = rel.map((r) => (r && r[1] >= -th.waveRaise ? dot(r, lat) : null));
    if (hasPattern(t, raised, [th.waveAmp, -th.waveAmp], th.waveWin) || hasPattern(t, raised, [-th.waveAmp, th.waveAmp], th.waveWin)) res.wave = true;
    const chest = rel.map((r, i) => (r && r[1] >= -th.beckonLow && r[1] <= th.beckonHigh && radial[i]! >= th.beckonFwd ? radial[i] : null));
    if (hasPattern(t, chest, [-th.beckonPull, th.beckonExt, -th.beckonPull], th.beckonWin)) res.beckon = true;
    const ext = rel.map((r, i) => r !== null && radial[i]! >= th.extH && len(r) >= th.ext3 && r[1] >= -th.extLow && r[1] <= th.extHigh);
    for (let i = 0; i < t.length; i++) {
      if (!ext[i]) continue;
      const p0 = frames[i][side]!.p;
      let j = i;
      for (let k = i + 1; k < t.length; k++) {
        const f = frames[k][side];
        if (!f) continue;
        if (!ext[k] || len(sub(f.p, p0)) > th.holdTol) break;
        j = k;
      }
      const dur = t[j] - t[i];
      if (dur >= th.pointHold) res.point = true;
      if (dur >= th.pushHold && !res.push) {
        for (let k = i - 1; k >= 0 && t[i] - t[k] <= th.pushWin; k--)
          if (ahead[k] !== null && ahead[i]! - ahead[k]! >= th.pushRise) { res.push = true; break; }
      }
    }
  }
  return res;
}

/** Peak hand speed over >= 0.1 s spans (same definition as the tests' support helper). */
function peakSpeed(frames: readonly MotionFrame[]): number {
  let best = 0;
  for (const hand of ['left', 'right'] as const)
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

/** Is the tracked clip acceptable for `label`? */
function acceptable(label: string, frames: MotionFrame[]): boolean {
  const dur = frames[frames.length - 1].t - frames[0].t;
  if (dur < 1.02 || dur > 2.98 || frames.length < 20) return false;
  if (peakSpeed(frames) > 3.2) return false;
  for (const f of frames) if (!f.head || f.head.p[1] <= 0.65 || f.head.p[1] >= 2.15) return false;
  if (label === 'none') {
    const d = detectNineteenth(frames, LOOSE);
    return !Object.values(d).some(Boolean);
  }
  return detectNineteenth(frames, STRICT)[label] === true;
}

// ---------------------------------------------------------------------------------------------
// Dataset, summary, CLI
// ---------------------------------------------------------------------------------------------

function scenarioFor(label: string, pf: Performer, rng: Rng, index: number, seed: number): Scenario {
  switch (label) {
    case 'wave': return waveScenario(pf, rng);
    case 'beckon': return beckonScenario(pf, rng);
    case 'point': return pointScenario(pf, rng);
    case 'push': return pushScenario(pf, rng);
    case 'nod': return headScenario(pf, rng, 'nod');
    case 'shake': return headScenario(pf, rng, 'shake');
    default: return noneScenario(pf, rng, NONE_KINDS[(index + (seed % NONE_KINDS.length)) % NONE_KINDS.length]);
  }
}

/** Output timestamps: most clips start at 0, some at a session time. */
function finish(frames: MotionFrame[], rng: Rng): MotionFrame[] {
  const off = rng.chance(0.3) ? rng.uniform(1, 600) : 0;
  return off ? frames.map((f) => ({ ...f, t: f.t + off })) : frames;
}

/** Last dataset's statistics (attempts, kinds, trackers) for the summary line. */
const lastStats = { attempts: 0, kinds: new Map<string, number>(), trackers: new Map<string, number>() };

/** One labelled clip (redrawn until its tracked output passes the label checks). */
function makeClip(label: string, index: number, seed: number): MotionClip {
  let hz = 60;
  for (let attempt = 0; attempt < 80; attempt++) {
    const rng = createRng(hash32(seed, GESTURE_LABELS.indexOf(label as never) * 100003 + index, attempt));
    lastStats.attempts++;
    const pf = makePerformer(rng);
    const sc = scenarioFor(label, pf, rng, index, seed);
    const tr = makeTracker(rng);
    const tm = simulate(pf, sc);
    const frames = track(pf, tm, sc, tr, rng);
    hz = tr.hz;
    if (acceptable(label, frames)) {
      lastStats.kinds.set(sc.kind, (lastStats.kinds.get(sc.kind) ?? 0) + 1);
      lastStats.trackers.set(tr.kind, (lastStats.trackers.get(tr.kind) ?? 0) + 1);
      return { label, hz, frames: finish(frames, rng) };
    }
  }
  throw new Error(`synth-nineteenth: could not draw an acceptable ${label} clip (index ${index}, seed ${seed})`);
}

/** perLabel clips of every gesture label (7 x perLabel), deterministic for a seed. */
export function nineteenthDataset(perLabel: number, seed: number): MotionClip[] {
  lastStats.attempts = 0;
  lastStats.kinds.clear();
  lastStats.trackers.clear();
  const clips: MotionClip[] = [];
  for (const label of GESTURE_LABELS) for (let i = 0; i < perLabel; i++) clips.push(makeClip(label, i, seed >>> 0));
  return clips;
}

/** One summary line. */
export function summarise(clips: readonly MotionClip[]): string {
  const by = new Map<string, number>();
  let frames = 0;
  let dur = 0;
  for (const c of clips) {
    by.set(c.label ?? '?', (by.get(c.label ?? '?') ?? 0) + 1);
    frames += c.frames.length;
    dur += c.frames[c.frames.length - 1].t - c.frames[0].t;
  }
  const labels = [...by].map(([k, v]) => `${k}=${v}`).join(' ');
  const tr = [...lastStats.trackers].map(([k, v]) => `${k}=${v}`).join(' ');
  const noneKinds = [...lastStats.kinds.keys()].filter((k) => !(GESTURE_LABELS as readonly string[]).includes(k)).length;
  return `synth-nineteenth: ${clips.length} clips (${labels}), ${frames} frames, mean ${(dur / Math.max(1, clips.length)).toFixed(2)} s${tr ? `, trackers ${tr}` : ''}${noneKinds ? `, ${noneKinds} kinds of none` : ''}${lastStats.attempts ? `, ${lastStats.attempts} draws` : ''}`;
}

function main(): void {
  const args = process.argv.slice(2);
  const known = new Set(['--out', '--per-label', '--seed']);
  const opts = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!known.has(a)) throw new Error(`synth-nineteenth: unknown argument "${a}" (use --out DIR [--per-label N] [--seed S])`);
    const v = args[i + 1];
    if (v === undefined || v.startsWith('--')) throw new Error(`synth-nineteenth: ${a} needs a value`);
    opts.set(a, v);
    i++;
  }
  const out = opts.get('--out');
  if (!out) throw new Error('synth-nineteenth: --out DIR is required');
  const perLabel = Number(opts.get('--per-label') ?? '40');
  const seed = Number(opts.get('--seed') ?? '19');
  if (!Number.isInteger(perLabel) || perLabel < 1) throw new Error(`synth-nineteenth: --per-label must be a positive integer, got ${opts.get('--per-label')}`);
  if (!Number.isInteger(seed)) throw new Error(`synth-nineteenth: --seed must be an integer, got ${opts.get('--seed')}`);
  const clips = nineteenthDataset(perLabel, seed);
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
