/**
 * synth-seventh.ts: the seventh motion-clip generator. EVALUATION ONLY: its clips judge the gesture
 * model on a motion model that no training generator shares; never train or tune on them.
 *
 * Motion model (dynamic movement primitives on a girdle-and-torso skeleton, seen by a camera tracker):
 * - Every effector is driven by Dynamic Movement Primitives (Ijspeert, Nakanishi, Hoffmann, Pastor &
 *   Schaal 2013). Reaches, points, pushes, gaze shifts and torso postures are discrete DMPs: a
 *   critically damped transformation system pulled to a first-order filtered goal, plus a forcing
 *   term of normalised Gaussian basis functions on a decaying canonical phase, scaled by the
 *   movement amplitude and expressed in a movement-aligned frame; the basis weights are a per-person
 *   random style plus per-movement noise (curved, person-specific paths and speed profiles).
 *   Wave, beckon, nod and shake are rhythmic DMPs (von Mises basis on a phase oscillator) whose
 *   weights sample per-person waveforms (asymmetry, harmonics, arcs); amplitude and frequency are
 *   modulated online and the rhythmic output is superposed on the discrete one.
 * - Skeleton: feet, a balance-controlled inverted-pendulum body (postural sway, weight shifts), a
 *   torso that twists and leans with the arms (coupled to reach), a shoulder girdle whose clavicles
 *   elevate with arm elevation and protract with forward reach, an analytic elbow on the swivel
 *   circle (for the forearm and controller orientation), a neck pivot for the head (nods move the
 *   eyes), anthropometry scaled from body height (standing or seated), either hand dominant.
 * - Tremor and head micro-motion are noise-driven damped resonators (8-12 Hz physiological tremor).
 * - Tracker: an inside-out headset tracker: a controller is lost outside the headset cameras' field
 *   of view, too near the headset, occluded by the other hand or by the torso, or by random
 *   dropouts; short losses are bridged by IMU-style pose prediction (decaying velocity, true
 *   orientation), longer ones report null, and re-acquisition snaps back after a few frames.
 *   Timestamps at 72/90/120 Hz with jitter, dropped frames, half-rate stretches, hitches and
 *   reprojection-style duplicated frames; controller target-ray poses or (some clips) hand wrists.
 *
 * Built independently: written only from PERCEPTION.md's "Gestures" and "Motion clip format"
 * sections, src/core/types.ts, scripts/gesture/motion-math.ts, scripts/gesture/node-io.ts and
 * tests/support/motion.ts; no other generator, feature code, model, trainer or clip was read.
 *
 * Usage: node --import tsx scripts/gesture/synth-seventh.ts --out DIR --per-label N --seed S
 */
import { fileURLToPath } from 'node:url';
import type { MotionFrame, Pose, Quat, Vec3 } from '../../src/core/types';
import {
  add,
  createRng,
  cross,
  dot,
  len,
  lerp3,
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

/** Gesture labels this generator writes (PERCEPTION.md). */
export const SEVENTH_GESTURES = ['wave', 'beckon', 'point', 'push', 'nod', 'shake'] as const;
/** Kinds of everyday motion in `none` clips. */
export const SEVENTH_NONE_KINDS = [
  'idle',
  'look_around',
  'head_tilt',
  'scratch_head',
  'adjust_headset',
  'reach_retract',
  'sweep',
  'shift_weight',
  'walk',
  'stretch',
  'talk',
  'check_controller',
  'hands_on_hips',
] as const;
/** A `none` kind. */
export type NoneKind = (typeof SEVENTH_NONE_KINDS)[number];

type Side = -1 | 1; // -1 left, +1 right
type Gesture = (typeof SEVENTH_GESTURES)[number];

const SIM_DT = 1 / 1000;
const REC_EVERY = 4; // record grid 250 Hz
const PRE_ROLL = 0.8; // seconds simulated before the clip starts
const UP: Vec3 = [0, 1, 0];
const FWD: Vec3 = [0, 0, -1];

// ---------------------------------------------------------------- DMP core

const AZ = 25;
const BZ = AZ / 4;
const AX = 3;
const AG = 12.5;
/** tau per second of intended movement time (the goal-filtered DMP reaches ~95% at T). */
const TAU_PER_S = 2.0;
const NB = 10;
const CENTERS = Array.from({ length: NB }, (_, i) => Math.exp((-AX * i) / (NB - 1)));
const WIDTHS = CENTERS.map((c, i) => {
  const d = i < NB - 1 ? c - CENTERS[i + 1] : CENTERS[NB - 2] - c;
  return 1 / (d * d);
});

/** Per-movement basis weights in the movement frame (along, lateral, up). */
type Weights = Vec3[];

function smoothWeights(rng: Rng, sdAlong: number, sdLat: number, sdUp: number): Weights {
  const a = [rng.normal(0, 1), rng.normal(0, 1), rng.normal(0, 1)];
  const b = [rng.normal(0, 0.5), rng.normal(0, 0.5), rng.normal(0, 0.5)];
  const sds = [sdAlong, sdLat, sdUp];
  return Array.from({ length: NB }, (_, i) => {
    const u = i / (NB - 1);
    const s1 = Math.sin(Math.PI * u);
    const s2 = Math.sin(2 * Math.PI * u);
    return [0, 1, 2].map((k) => sds[k] * (a[k] * s1 + b[k] * s2)) as Vec3;
  });
}

/** A discrete 3-D DMP (positions or angles). */
class Dmp3 {
  y: Vec3;
  z: Vec3 = [0, 0, 0];
  g: Vec3;
  gf: Vec3;
  x = 0;
  tau = 0.3;
  amp = 0;
  w: Weights = [];
  fa: Vec3 = [1, 0, 0];
  fl: Vec3 = [0, 1, 0];
  fu: Vec3 = [0, 0, 1];
  /** Least movement time per unit of distance (bounds the peak speed; hands: ~2.4 m/s). */
  minDurPerUnit = 0;
  constructor(y: Vec3) {
    this.y = [...y];
    this.g = [...y];
    this.gf = [...y];
  }
  /** Start a movement to `g` lasting about `dur` seconds with forcing weights `w`. */
  goTo(g: Vec3, dur: number, w: Weights = []): void {
    this.g = [...g];
    this.gf = [...this.y];
    this.x = 1;
    const d = sub(g, this.y);
    this.tau = Math.max(0.05, Math.max(dur, len(d) * this.minDurPerUnit) * TAU_PER_S);
    this.amp = len(d);
    this.w = w;
    this.fa = norm(d);
    let l = cross(this.fa, UP);
    if (len(l) < 0.2) l = cross(this.fa, [0, 0, 1]);
    this.fl = norm(l);
    this.fu = cross(this.fl, this.fa);
  }
  /** Move the goal without restarting (online goal adaptation). */
  setGoal(g: Vec3): void {
    this.g = [...g];
  }
  jump(y: Vec3): void {
    this.y = [...y];
    this.g = [...y];
    this.gf = [...y];
    this.z = [0, 0, 0];
    this.x = 0;
  }
  velocity(): Vec3 {
    return scale(this.z, 1 / this.tau);
  }
  step(dt: number): void {
    const k = dt / this.tau;
    for (let i = 0; i < 3; i++) this.gf[i] += k * AG * (this.g[i] - this.gf[i]);
    let f: Vec3 = [0, 0, 0];
    if (this.w.length && this.x > 1e-3) {
      let sp = 0;
      const acc: Vec3 = [0, 0, 0];
      for (let i = 0; i < NB; i++) {
        const p = Math.exp(-WIDTHS[i] * (this.x - CENTERS[i]) ** 2);
        sp += p;
        acc[0] += p * this.w[i][0];
        acc[1] += p * this.w[i][1];
        acc[2] += p * this.w[i][2];
      }
      const s = (this.x * this.amp) / (sp + 1e-10);
      f = add(add(scale(this.fa, acc[0] * s), scale(this.fl, acc[1] * s)), scale(this.fu, acc[2] * s));
    }
    for (let i = 0; i < 3; i++) {
      const zd = AZ * (BZ * (this.gf[i] - this.y[i]) - this.z[i]) + f[i];
      this.z[i] += k * zd;
      this.y[i] += k * this.z[i];
    }
    this.x += k * -AX * this.x;
  }
}

const NR = 12;
const RCENTERS = Array.from({ length: NR }, (_, i) => (2 * Math.PI * i) / NR);
const RH = 2.5 * NR * 0.5;

/** A rhythmic DMP with several output dimensions sharing one phase oscillator. */
class RhythmN {
  phi = 0;
  freq: number;
  freqEnd: number;
  y: number[];
  z: number[];
  w: number[][];
  r = 0;
  rTarget = 0;
  rTau = 0.12;
  active = false;
  cycles = Infinity;
  elapsed = 0;
  chirpT = 2;
  constructor(dims: number, freq: number) {
    this.freq = freq;
    this.freqEnd = freq;
    this.y = new Array<number>(dims).fill(0);
    this.z = new Array<number>(dims).fill(0);
    this.w = Array.from({ length: dims }, () => new Array<number>(NR).fill(0));
  }
  /** Sample per-dimension waveforms into basis weights (the 'demonstration'), with weight noise. */
  learn(wave: (dim: number, phi: number) => number, rng: Rng, noise: number): void {
    for (let d = 0; d < this.y.length; d++)
      for (let i = 0; i < NR; i++) this.w[d][i] = AZ * BZ * wave(d, RCENTERS[i]) + AZ * BZ * rng.normal(0, noise);
  }
  start(cycles = Infinity, rampTau = 0.12): void {
    this.active = true;
    this.rTarget = 1;
    this.rTau = rampTau;
    this.cycles = cycles;
    this.phi = 0;
    this.elapsed = 0;
  }
  stop(rampTau = 0.15): void {
    this.rTarget = 0;
    this.rTau = rampTau;
  }
  step(dt: number): void {
    const fr = this.freq + (this.freqEnd - this.freq) * Math.min(1, this.elapsed / this.chirpT);
    const tau = 1 / (2 * Math.PI * fr);
    const k = dt / tau;
    if (this.active) {
      this.elapsed += dt;
      this.phi += k;
      if (this.phi >= 2 * Math.PI * this.cycles) {
        // freeze the phase and fade the forcing out (no snap back)
        this.phi = 2 * Math.PI * this.cycles;
        this.active = false;
        this.rTarget = 0;
        this.rTau = Math.max(this.rTau, 0.2);
      }
    }
    this.r += ((this.rTarget - this.r) * dt) / this.rTau;
    let sp = 0;
    const ps = RCENTERS.map((c) => {
      const p = Math.exp(RH * (Math.cos(this.phi - c) - 1));
      sp += p;
      return p;
    });
    for (let d = 0; d < this.y.length; d++) {
      let f = 0;
      if (this.active || this.r > 1e-4) {
        let acc = 0;
        for (let i = 0; i < NR; i++) acc += ps[i] * this.w[d][i];
        f = (this.r * acc) / sp;
      }
      const zd = AZ * (BZ * -this.y[d] - this.z[d]) + f;
      this.z[d] += k * zd;
      this.y[d] += k * this.z[d];
    }
  }
}

/** Noise-driven damped resonator (tremor, head micro-motion), `dims` independent channels. */
class Resonator {
  a: number[];
  v: number[];
  constructor(
    dims: number,
    private omega: number,
    private zeta: number,
    private sigma: number,
    private rng: Rng,
  ) {
    this.a = new Array<number>(dims).fill(0);
    this.v = new Array<number>(dims).fill(0);
  }
  static withRms(dims: number, hz: number, zeta: number, rms: number, rng: Rng): Resonator {
    const w = 2 * Math.PI * hz;
    return new Resonator(dims, w, zeta, rms * Math.sqrt(4 * zeta * w * w * w), rng);
  }
  step(dt: number): void {
    const sq = Math.sqrt(dt);
    for (let i = 0; i < this.a.length; i++) {
      this.v[i] += (-this.omega * this.omega * this.a[i] - 2 * this.zeta * this.omega * this.v[i]) * dt + this.sigma * sq * this.rng.normal();
      this.a[i] += this.v[i] * dt;
    }
  }
}

// ---------------------------------------------------------------- person and skeleton

interface Person {
  H: number;
  seated: boolean;
  dom: Side;
  pelvisY: number;
  Lu: number;
  Lf: number;
  R: number;
  Lc: number;
  tempo: number;
  amp: number;
  tremor: number;
  clavE0: number;
  clavKe: number;
  clavP0: number;
  clavKp: number;
  swivel: number;
  gripTilt: number;
  twistK: number;
  leanK: number;
  style: Weights;
  restStyle: 'hang' | 'hold';
  handTracking: boolean;
}

function makePerson(rng: Rng, seated: boolean): Person {
  const H = Math.min(1.97, Math.max(1.48, rng.normal(1.71, 0.1)));
  const Lu = 0.186 * H * rng.uniform(0.96, 1.04);
  const Lf = (0.19 * H + 0.03) * rng.uniform(0.96, 1.04);
  return {
    H,
    seated,
    dom: rng.chance(0.82) ? 1 : -1,
    pelvisY: seated ? rng.uniform(0.4, 0.5) + 0.08 * H : 0.53 * H,
    Lu,
    Lf,
    R: Lu + Lf,
    Lc: 0.115 * H * rng.uniform(0.93, 1.07),
    tempo: Math.exp(rng.normal(0, 0.15)),
    amp: Math.exp(rng.normal(0, 0.18)),
    tremor: rng.uniform(0.0002, 0.0008),
    clavE0: rng.uniform(0.0, 0.12),
    clavKe: rng.uniform(0.12, 0.3),
    clavP0: rng.uniform(0.2, 0.4),
    clavKp: rng.uniform(0.15, 0.4),
    swivel: rng.uniform(-0.25, 0.35),
    gripTilt: rng.uniform(0.5, 1.0),
    twistK: rng.uniform(0.1, 0.3),
    leanK: rng.uniform(0.05, 0.2),
    style: smoothWeights(rng, 2, rng.uniform(8, 22), rng.uniform(8, 22)),
    restStyle: seated ? 'hold' : rng.chance(0.5) ? 'hang' : 'hold',
    handTracking: rng.chance(0.2),
  };
}

/** Nominal body-frame points (no sway, lean, twist or girdle motion). */
function sternumY(p: Person): number {
  return p.pelvisY + 0.288 * p.H;
}
function nominalShoulder(p: Person, side: Side): Vec3 {
  return [side * p.Lc * Math.cos(p.clavP0), sternumY(p) - 0.01, p.Lc * Math.sin(p.clavP0)];
}
function nominalEye(p: Person): Vec3 {
  return [0, sternumY(p) + 0.12 * p.H, -0.07];
}
function restHand(p: Person, side: Side, rng: Rng): Vec3 {
  if (p.seated) return [side * rng.uniform(0.12, 0.2), p.pelvisY + rng.uniform(0.08, 0.18), rng.uniform(-0.32, -0.2)];
  if (p.restStyle === 'hang') {
    const sh = nominalShoulder(p, side);
    const lat = side * rng.uniform(0.02, 0.07);
    const fwd = -rng.uniform(0.06, 0.2);
    const dy = Math.sqrt(Math.max(0.01, (0.93 * p.R) ** 2 - lat * lat - fwd * fwd));
    return [sh[0] + lat, sh[1] - dy, sh[2] + fwd];
  }
  return [side * rng.uniform(0.13, 0.22), p.pelvisY + rng.uniform(0.02, 0.14), -rng.uniform(0.22, 0.34)];
}

// ---------------------------------------------------------------- scene simulation

type OrientSpec =
  | { kind: 'rest' }
  | { kind: 'aim'; target: Vec3; roll: number }
  | { kind: 'palmOut'; pitch: number; yaw: number }
  | { kind: 'wave'; tilt: number }
  | { kind: 'palmUp'; pitch: number }
  | { kind: 'toward'; target: Vec3; upHint: Vec3 };

interface HandCtl {
  side: Side;
  dmp: Dmp3;
  rhy: RhythmN | null; // dims 0..2 position (body frame), 3 wrist angle
  trem: Resonator;
  orient: OrientSpec;
  prevOrient: OrientSpec;
  blend: number;
  blendTau: number;
  clav: [number, number];
}

interface Sim {
  p: Person;
  rng: Rng;
  hands: Record<'left' | 'right', HandCtl>;
  torso: Dmp3; // twist, lean forward, lean side (body-frame goal offsets added by events)
  torsoExtra: Vec3;
  head: Dmp3; // yaw, pitch, roll relative to the body frame
  headRhy: RhythmN | null; // dims yaw, pitch, roll
  headMicro: Resonator;
  base: Dmp3; // world x, z, yaw
  bob: { amp: number; freq: number; on: number };
  sway: { th: [number, number]; om: [number, number]; set: [number, number]; kp: number; kd: number; sigma: number };
  events: { t: number; fn: () => void }[];
}

const handKey = (s: Side): 'left' | 'right' => (s < 0 ? 'left' : 'right');

function makeSim(p: Person, rng: Rng, x: number, zPos: number, yaw: number): Sim {
  const mkHand = (side: Side): HandCtl => ({
    side,
    dmp: Object.assign(new Dmp3(restHand(p, side, rng)), { minDurPerUnit: rng.uniform(0.7, 0.85) }),
    rhy: null,
    trem: Resonator.withRms(3, rng.uniform(8, 12), 0.12, p.tremor, rng),
    orient: { kind: 'rest' },
    prevOrient: { kind: 'rest' },
    blend: 1,
    blendTau: 0.12,
    clav: [p.clavE0, p.clavP0],
  });
  return {
    p,
    rng,
    hands: { left: mkHand(-1), right: mkHand(1) },
    torso: Object.assign(new Dmp3([0, rng.uniform(0, 0.06), rng.normal(0, 0.015)]), { tau: 0.6 }),
    torsoExtra: [0, 0, 0],
    head: new Dmp3([rng.normal(0, 0.06), rng.normal(-0.05, 0.08), rng.normal(0, 0.03)]),
    headRhy: null,
    headMicro: Resonator.withRms(3, rng.uniform(0.6, 1.6), 0.6, rng.uniform(0.003, 0.009), rng),
    base: new Dmp3([x, zPos, yaw]),
    bob: { amp: 0, freq: 1.8, on: 0 },
    sway: {
      th: [rng.normal(0, 0.004), rng.normal(0, 0.003)],
      om: [0, 0],
      set: [0, 0],
      kp: rng.uniform(15, 22),
      kd: rng.uniform(3, 6),
      sigma: rng.uniform(0.02, 0.05),
    },
    events: [],
  };
}

interface Skeleton {
  sternum: Vec3;
  shoulder: Record<'left' | 'right', Vec3>;
  pivot: Vec3;
  eye: Vec3;
  qTorso: Quat;
}

function skeleton(sim: Sim): Skeleton {
  const p = sim.p;
  const [tw, lf, ls] = sim.torso.y;
  const qTorso = qmul(qaxis(UP, tw), qmul(qaxis([1, 0, 0], -lf), qaxis([0, 0, 1], -ls)));
  const pelvis: Vec3 = [0, p.pelvisY, 0];
  const sternum = add(pelvis, qrot(qTorso, [0, 0.288 * p.H, 0]));
  const sh = (side: Side): Vec3 => {
    const [e, pr] = sim.hands[handKey(side)].clav;
    const d: Vec3 = [side * Math.cos(e) * Math.cos(pr), Math.sin(e), Math.cos(e) * Math.sin(pr)];
    return add(sternum, qrot(qTorso, add(scale(d, p.Lc), [0, -0.01, 0])));
  };
  const pivot = add(sternum, qrot(qTorso, [0, 0.085 * p.H, 0.015]));
  const headQ = headLocalQuat(sim);
  const eye = add(pivot, qrot(headQ, [0, 0.035 * p.H, -0.085]));
  return { sternum, shoulder: { left: sh(-1), right: sh(1) }, pivot, eye, qTorso };
}

function headLocalQuat(sim: Sim): Quat {
  const r = sim.headRhy ? sim.headRhy.y : [0, 0, 0];
  const m = sim.headMicro.a;
  return qeuler(sim.head.y[0] + r[0] + m[0], sim.head.y[1] + r[1] + m[1], sim.head.y[2] + r[2] + m[2] * 0.5);
}

function handPos(sim: Sim, h: HandCtl, sk: Skeleton): Vec3 {
  let pos = add(h.dmp.y, [h.trem.a[0], h.trem.a[1], h.trem.a[2]]);
  if (h.rhy) pos = add(pos, [h.rhy.y[0], h.rhy.y[1], h.rhy.y[2]]);
  // the hand rides on the torso: follow the girdle and lean displacement of its shoulder
  const sh = sk.shoulder[handKey(h.side)];
  const nom = nominalShoulder(sim.p, h.side);
  pos = add(pos, scale(sub(sh, nom), 0.6));
  const d = sub(pos, sh);
  const l = len(d);
  const maxR = 0.985 * sim.p.R;
  if (l > maxR) pos = add(sh, scale(d, maxR / l));
  return pos;
}

function elbowOf(p: Person, side: Side, sh: Vec3, hand: Vec3): Vec3 {
  const d0 = sub(hand, sh);
  const n = norm(d0);
  const d = Math.min(p.Lu + p.Lf - 1e-3, Math.max(Math.abs(p.Lu - p.Lf) + 1e-3, len(d0)));
  const a = (p.Lu * p.Lu - p.Lf * p.Lf + d * d) / (2 * d);
  const rho = Math.sqrt(Math.max(0, p.Lu * p.Lu - a * a));
  const c = add(sh, scale(n, a));
  const ref: Vec3 = [side * 0.35, -1, 0.35];
  let e1 = sub(ref, scale(n, dot(ref, n)));
  if (len(e1) < 1e-4) e1 = [side, 0, 0];
  e1 = norm(e1);
  const e2 = scale(cross(n, e1), side);
  const elev = Math.max(0, n[1]);
  const sw = p.swivel + 0.6 * elev;
  return add(c, add(scale(e1, rho * Math.cos(sw)), scale(e2, rho * Math.sin(sw))));
}

function orientQuat(sim: Sim, spec: OrientSpec, h: HandCtl, hand: Vec3, forearm: Vec3): Quat {
  const p = sim.p;
  const side = h.side;
  const wr = h.rhy && h.rhy.y.length > 3 ? h.rhy.y[3] : 0;
  switch (spec.kind) {
    case 'rest': {
      const f = norm(add(forearm, scale(FWD, Math.tan(p.gripTilt) * 1.2)));
      return qlook(f, norm([-side * 0.3, 1, 0.2]));
    }
    case 'aim': {
      const f = norm(sub(spec.target, hand));
      return qmul(qlook(f, UP), qaxis([0, 0, -1], spec.roll));
    }
    case 'palmOut': {
      const f = norm(add(scale(qrot(qaxis(UP, spec.yaw), FWD), Math.cos(spec.pitch)), scale(UP, Math.sin(spec.pitch))));
      return qlook(f, [0, 0, 1]);
    }
    case 'wave': {
      let f = norm(add(forearm, scale(FWD, Math.tan(spec.tilt))));
      const lat = norm(cross(f, [0, 0, 1]));
      f = norm(add(f, scale(lat, wr)));
      return qlook(f, [0, 0.2, 1]);
    }
    case 'palmUp': {
      const horiz = norm([forearm[0], 0, forearm[2]]);
      const pitch = spec.pitch + wr;
      const f = norm(add(scale(horiz, Math.cos(pitch)), scale(UP, Math.sin(pitch))));
      return qlook(f, [side, 0.15, 0]);
    }
    case 'toward': {
      const f = norm(sub(spec.target, hand));
      return qlook(f, spec.upHint);
    }
  }
}

function setOrient(h: HandCtl, spec: OrientSpec, tau = 0.12): void {
  h.prevOrient = h.orient;
  h.orient = spec;
  h.blend = 0;
  h.blendTau = tau;
}

interface TrueFrame {
  t: number;
  head: Pose;
  left: Pose;
  right: Pose;
  headT: Quat; // head in world, for the tracker
  chest: Vec3; // torso axis (sternum to pelvis), for body occlusion
  pelvis: Vec3;
}

function toWorld(sim: Sim, v: Vec3): Vec3 {
  const [th0, th1] = sim.sway.th;
  const qs = qmul(qaxis([1, 0, 0], -th0), qaxis([0, 0, 1], -th1));
  const b = sim.base.y;
  const qy = qaxis(UP, b[2]);
  const bob: Vec3 = [0, sim.bob.on * sim.bob.amp * Math.sin(2 * Math.PI * sim.bob.freq * simTime), 0];
  return add([b[0], 0, b[1]], qrot(qy, add(qrot(qs, v), bob)));
}
function toWorldQ(sim: Sim, q: Quat): Quat {
  const [th0, th1] = sim.sway.th;
  const qs = qmul(qaxis([1, 0, 0], -th0), qaxis([0, 0, 1], -th1));
  return qnorm(qmul(qaxis(UP, sim.base.y[2]), qmul(qs, q)));
}

let simTime = 0;

function stepSim(sim: Sim, dt: number): void {
  const p = sim.p;
  // balance: stabilised inverted pendulum per plane
  const w0 = 9.81 / (0.55 * p.H);
  for (let i = 0; i < 2; i++) {
    const s = sim.sway;
    const acc = w0 * s.th[i] - s.kp * (s.th[i] - s.set[i]) - s.kd * s.om[i];
    s.om[i] += acc * dt + s.sigma * Math.sqrt(dt) * sim.rng.normal() * (p.seated ? 0.3 : 1);
    s.th[i] += s.om[i] * dt;
  }
  // torso posture follows the arms (twist with forward reach, lean with far reach)
  let tw = 0;
  let lf = 0;
  let ls = 0;
  for (const side of [-1, 1] as Side[]) {
    const h = sim.hands[handKey(side)];
    const r = sub(h.dmp.y, nominalShoulder(p, side));
    const fr = Math.max(0, -r[2]) / p.R;
    const cross_ = Math.max(0, -side * r[0]) / p.R;
    tw += side * p.twistK * (fr + 1.5 * cross_) * 0.6;
    lf += p.leanK * Math.max(0, fr - 0.55);
    ls += -side * 0.05 * Math.max(0, r[1] / p.R);
    // girdle: clavicle elevation with arm elevation, protraction with forward reach
    const elev = Math.acos(Math.max(-1, Math.min(1, -r[1] / Math.max(1e-6, len(r)))));
    const e = p.clavE0 + p.clavKe * Math.max(0, elev - 0.5);
    const pr = p.clavP0 - p.clavKp * fr;
    h.clav[0] += (e - h.clav[0]) * Math.min(1, dt / 0.05);
    h.clav[1] += (pr - h.clav[1]) * Math.min(1, dt / 0.05);
  }
  sim.torso.setGoal(add([tw, lf + 0.02, ls], sim.torsoExtra));
  sim.torso.step(dt);
  sim.head.step(dt);
  sim.headRhy?.step(dt);
  sim.headMicro.step(dt);
  sim.base.step(dt);
  for (const key of ['left', 'right'] as const) {
    const h = sim.hands[key];
    h.dmp.step(dt);
    h.rhy?.step(dt);
    h.trem.step(dt);
    h.blend = Math.min(1, h.blend + dt / h.blendTau);
  }
}

function capture(sim: Sim, t: number): TrueFrame {
  const sk = skeleton(sim);
  const headQ = toWorldQ(sim, headLocalQuat(sim));
  const eye = toWorld(sim, sk.eye);
  const pose = (key: 'left' | 'right'): Pose => {
    const h = sim.hands[key];
    const hp = handPos(sim, h, sk);
    const sh = sk.shoulder[key];
    const el = elbowOf(sim.p, h.side, sh, hp);
    const fore = norm(sub(hp, el));
    const qNew = orientQuat(sim, h.orient, h, hp, fore);
    const u = h.blend * h.blend * (3 - 2 * h.blend);
    const q = u >= 1 ? qNew : qslerp(orientQuat(sim, h.prevOrient, h, hp, fore), qNew, u);
    let pos = hp;
    if (sim.p.handTracking) pos = sub(hp, scale(fore, 0.075));
    return { p: toWorld(sim, pos), q: toWorldQ(sim, qnorm(q)) };
  };
  const pelvis = toWorld(sim, [0, sim.p.pelvisY, 0]);
  const chest = toWorld(sim, add(sk.sternum, qrot(sk.qTorso, [0, -0.06, 0.02])));
  return { t, head: { p: eye, q: headQ }, left: pose('left'), right: pose('right'), headT: headQ, chest, pelvis };
}

/** Run the simulation from -PRE_ROLL to `dur`, recording on a 250 Hz grid (clip time). */
function simulate(sim: Sim, dur: number): TrueFrame[] {
  sim.events.sort((a, b) => a.t - b.t);
  let ev = 0;
  const out: TrueFrame[] = [];
  const n = Math.ceil((dur + PRE_ROLL + 0.06) / SIM_DT);
  for (let i = 0; i <= n; i++) {
    const t = -PRE_ROLL + i * SIM_DT;
    simTime = t;
    while (ev < sim.events.length && sim.events[ev].t <= t) sim.events[ev++].fn();
    stepSim(sim, SIM_DT);
    if (i % REC_EVERY === 0 && t >= -0.02) out.push(capture(sim, t));
  }
  return out;
}

// ---------------------------------------------------------------- tracker and timestamps

interface TrackerCfg {
  azMax: number;
  elMin: number;
  elMax: number;
  minDist: number;
  lossTimeout: number;
  velTau: number;
  reacqFrames: number;
  dropRate: number;
  posNoise: number;
  rotNoise: number;
  dupRate: number;
  headNoise: number;
  predLead: number;
  imuBias: number;
  handTracking: boolean;
  torsoR: number;
}

function timestamps(rng: Rng, hz: number, dur: number): number[] {
  const ts: number[] = [0];
  const dt = 1 / hz;
  const halfStart = rng.chance(0.15) ? rng.uniform(0, dur) : Infinity;
  const halfEnd = halfStart + rng.uniform(0.2, 0.8);
  const hitch = rng.chance(0.15) ? rng.uniform(0.2, dur - 0.2) : Infinity;
  let hitchDone = false;
  const dropRate = rng.uniform(0, 0.02);
  for (;;) {
    const t = ts[ts.length - 1];
    let step = dt * (1 + rng.normal(0, 0.015));
    if (t >= halfStart && t < halfEnd) step *= 2;
    if (rng.chance(dropRate)) step += dt * rng.int(1, 2);
    if (!hitchDone && t >= hitch) {
      step += rng.uniform(0.05, 0.14);
      hitchDone = true;
    }
    step = Math.max(0.004, step);
    if (t + step > dur) break;
    ts.push(t + step);
  }
  return ts;
}

function interpFrame(tr: TrueFrame[], t: number): TrueFrame {
  const i = Math.max(0, Math.min(tr.length - 2, Math.floor((t - tr[0].t) / (SIM_DT * REC_EVERY))));
  const a = tr[i];
  const b = tr[i + 1];
  const u = Math.max(0, Math.min(1, (t - a.t) / (b.t - a.t)));
  const pose = (x: Pose, y: Pose): Pose => ({ p: lerp3(x.p, y.p, u), q: qslerp(x.q, y.q, u) });
  return {
    t,
    head: pose(a.head, b.head),
    left: pose(a.left, b.left),
    right: pose(a.right, b.right),
    headT: qslerp(a.headT, b.headT, u),
    chest: lerp3(a.chest, b.chest, u),
    pelvis: lerp3(a.pelvis, b.pelvis, u),
  };
}

const qconj = (q: Quat): Quat => [-q[0], -q[1], -q[2], q[3]];

function noisyQ(rng: Rng, q: Quat, sd: number): Quat {
  return qnorm(qmul(q, [rng.normal(0, sd / 2), rng.normal(0, sd / 2), rng.normal(0, sd / 2), 1]));
}

function track(rng: Rng, tr: TrueFrame[], hz: number, dur: number, cfg: TrackerCfg): MotionFrame[] {
  const ts = timestamps(rng, hz, dur);
  const truth = ts.map((t) => interpFrame(tr, Math.min(tr[tr.length - 1].t, t + cfg.predLead)));
  type HS = { lastQ?: Quat; lostAt: number; lastP: Vec3; vel: Vec3; lossVel: Vec3; lossTrue: Vec3; bias: Vec3; reacq: number; drop: number; prevTrue: Vec3 | null; prevT: number };
  const st: Record<'left' | 'right', HS> = {
    left: { lostAt: -1, lastP: [0, 0, 0], vel: [0, 0, 0], lossVel: [0, 0, 0], lossTrue: [0, 0, 0], bias: [0, 0, 0], reacq: 0, drop: 0, prevTrue: null, prevT: 0 },
    right: { lostAt: -1, lastP: [0, 0, 0], vel: [0, 0, 0], lossVel: [0, 0, 0], lossTrue: [0, 0, 0], bias: [0, 0, 0], reacq: 0, drop: 0, prevTrue: null, prevT: 0 },
  };
  st.left.lastP = truth[0].left.p;
  st.right.lastP = truth[0].right.p;
  const frames: MotionFrame[] = [];
  let prev: MotionFrame | null = null;
  for (let k = 0; k < ts.length; k++) {
    const f = truth[k];
    const t = ts[k];
    if (prev && rng.chance(cfg.dupRate)) {
      frames.push({ t, head: prev.head, left: prev.left, right: prev.right });
      continue;
    }
    const eye = f.head.p;
    const qi = qconj(f.headT);
    const visible = (key: 'left' | 'right'): boolean => {
      const other = key === 'left' ? f.right.p : f.left.p;
      const hp = f[key].p;
      const d = qrot(qi, sub(hp, eye));
      const dist = len(d);
      if (dist < cfg.minDist) return false;
      const az = Math.atan2(d[0], -d[2]);
      const el = Math.atan2(d[1], Math.hypot(d[0], d[2]));
      if (el < cfg.elMin || el > cfg.elMax) return false;
      if (Math.abs(az) > cfg.azMax && el > -1.0) return false;
      // the other controller between the cameras and this one
      const ray = sub(hp, eye);
      const u = dot(sub(other, eye), ray) / (dist * dist);
      if (u > 0.1 && u < 0.92) {
        const closest = add(eye, scale(ray, u));
        if (len(sub(closest, other)) < 0.055) return false;
      }
      // the torso (a capsule from chest to pelvis) between the cameras and the controller
      const axis = sub(f.pelvis, f.chest);
      const al = dot(axis, axis);
      for (let i = 1; i <= 8; i++) {
        const q = add(eye, scale(ray, 0.1 + (0.8 * i) / 8));
        const w = Math.max(0, Math.min(1, dot(sub(q, f.chest), axis) / al));
        if (len(sub(q, add(f.chest, scale(axis, w)))) < cfg.torsoR) return false;
      }
      return true;
    };
    const handOut = (key: 'left' | 'right'): Pose | null => {
      const s = st[key];
      const tp = f[key];
      if (s.prevTrue) {
        const dtt = Math.max(1e-3, t - s.prevT);
        s.vel = lerp3(s.vel, scale(sub(tp.p, s.prevTrue), 1 / dtt), 0.5);
      }
      s.prevTrue = tp.p;
      s.prevT = t;
      if (s.drop <= 0 && rng.chance(cfg.dropRate)) s.drop = rng.int(2, 12);
      const vis = visible(key) && s.drop <= 0;
      if (s.drop > 0) s.drop--;
      const q = noisyQ(rng, tp.q, cfg.rotNoise);
      if (vis && s.lostAt < 0) {
        const pos = add(tp.p, [rng.normal(0, cfg.posNoise), rng.normal(0, cfg.posNoise), rng.normal(0, cfg.posNoise)]);
        s.lastP = pos;
        s.lastQ = q;
        return { p: pos, q };
      }
      if (s.lostAt < 0) {
        s.lostAt = t;
        s.lossVel = s.vel;
        s.lossTrue = tp.p;
        s.bias = [rng.normal(0, cfg.imuBias), rng.normal(0, cfg.imuBias), rng.normal(0, cfg.imuBias)];
        s.reacq = cfg.reacqFrames;
      }
      if (vis) {
        s.reacq--;
        if (s.reacq <= 0) {
          s.lostAt = -1;
          const pos = add(tp.p, [rng.normal(0, cfg.posNoise), rng.normal(0, cfg.posNoise), rng.normal(0, cfg.posNoise)]);
          s.lastP = pos;
          s.lastQ = q;
          return { p: pos, q };
        }
      } else s.reacq = cfg.reacqFrames;
      const lost = t - s.lostAt;
      if (lost > cfg.lossTimeout) return null;
      if (cfg.handTracking) return lost < cfg.lossTimeout * 0.5 ? { p: s.lastP, q: s.lastQ ?? q } : null; // optical: brief hold, then gone
      // controller IMU dead reckoning: follows the true motion with a drift that grows with the
      // square of the time lost (accelerometer bias), plus a decaying velocity overshoot; the
      // orientation stays true (gyro)
      const drift = add(scale(s.bias, 0.5 * lost * lost), scale(s.lossVel, cfg.velTau * 0.3 * (1 - Math.exp(-lost / cfg.velTau))));
      const dl = len(drift);
      const capped = dl > 0.06 ? scale(drift, 0.06 / dl) : drift;
      return { p: add(add(tp.p, sub(s.lastP, s.lossTrue)), capped), q };
    };
    const left = handOut('left');
    const right = handOut('right');
    const hn = cfg.headNoise;
    const head: Pose = { p: add(f.head.p, [rng.normal(0, hn), rng.normal(0, hn), rng.normal(0, hn)]), q: noisyQ(rng, f.head.q, cfg.rotNoise * 0.4) };
    const fr: MotionFrame = { t, head, left, right };
    frames.push(fr);
    prev = fr;
  }
  return frames;
}

function trackerCfg(rng: Rng, handTracking: boolean): TrackerCfg {
  return {
    handTracking,
    imuBias: rng.uniform(0.2, 1.0),
    torsoR: rng.uniform(0.07, 0.1),
    azMax: rng.uniform(1.5, 1.8),
    elMin: rng.uniform(-1.6, -1.3),
    elMax: rng.uniform(0.85, 1.15),
    minDist: rng.uniform(0.1, 0.14),
    lossTimeout: handTracking ? rng.uniform(0.03, 0.12) : rng.uniform(0.15, 0.5),
    velTau: rng.uniform(0.05, 0.15),
    reacqFrames: rng.int(1, 4),
    dropRate: rng.chance(0.3) ? rng.uniform(0.001, 0.006) : 0,
    posNoise: rng.uniform(0.0002, 0.0008),
    rotNoise: rng.uniform(0.001, 0.005),
    dupRate: rng.chance(0.5) ? rng.uniform(0.002, 0.03) : 0,
    headNoise: rng.uniform(0.0001, 0.0004),
    predLead: rng.uniform(-0.004, 0.012),
  };
}

// ---------------------------------------------------------------- gesture and everyday-motion plans

function at(sim: Sim, t: number, fn: () => void): void {
  sim.events.push({ t, fn });
}

/** Discrete-move weights: the person's style plus per-movement noise. */
function moveW(sim: Sim, k = 1): Weights {
  const n = smoothWeights(sim.rng, 1.5, 6, 6);
  return sim.p.style.map((w, i) => scale(add(w, n[i]), k));
}

/** Body-frame point at distance `d` from `from` toward azimuth/elevation (az > 0 to the right). */
function dirAzEl(az: number, el: number): Vec3 {
  return [Math.sin(az) * Math.cos(el), Math.sin(el), -Math.cos(az) * Math.cos(el)];
}

function idleHeadShifts(sim: Sim, dur: number, maxAmp = 0.12): void {
  const rng = sim.rng;
  let t = rng.uniform(0.2, 1.2);
  while (t < dur - 0.3) {
    const g: Vec3 = [sim.head.y[0] + rng.normal(0, maxAmp / 2), rng.normal(-0.05, maxAmp / 3), rng.normal(0, 0.02)];
    at(sim, t, () => sim.head.goTo([Math.max(-maxAmp, Math.min(maxAmp, g[0])), g[1], g[2]], rng.uniform(0.35, 0.7), moveW(sim, 0.3)));
    t += rng.uniform(1.0, 2.2);
  }
}

/** The movement time a hand DMP will really take from `from` to `to` (its speed bound stretches it). */
function effDur(h: HandCtl, from: Vec3, to: Vec3, dur: number): number {
  return Math.max(dur, len(sub(to, from)) * h.dmp.minDurPerUnit);
}

function gestureClip(sim: Sim, g: Gesture): number {
  const { p, rng } = sim;
  const side: Side = rng.chance(0.8) ? p.dom : (-p.dom as Side);
  const h = sim.hands[handKey(side)];
  const other = sim.hands[handKey(-side as Side)];
  const sh = nominalShoulder(p, side);
  const st = sternumY(p);
  const T = p.tempo;
  let dur = 2;
  const keepHeadMostlyStill = g === 'nod' || g === 'shake' || g === 'point';
  if (!keepHeadMostlyStill) idleHeadShifts(sim, 3, 0.1);
  switch (g) {
    case 'wave': {
      const freq = Math.min(3.4, Math.max(1.6, rng.uniform(1.6, 3.3) * Math.sqrt(T)));
      const asym = rng.normal(0, 0.15);
      const halfAmp = Math.min(2.3 / (2 * Math.PI * freq * (1 + 2 * Math.abs(asym))), rng.uniform(0.05, 0.17) * p.amp);
      const raised: Vec3 = [sh[0] + side * rng.uniform(0.0, 0.25), sh[1] + rng.uniform(0.0, 0.3), sh[2] - rng.uniform(0.2, 0.45)];
      const pre = rng.chance(0.5);
      const raiseDur = effDur(h, h.dmp.y, raised, rng.uniform(0.35, 0.7) / T);
      const t0 = pre ? rng.uniform(-0.5, 0) : rng.uniform(-0.15, 0.3);
      const waveStart = pre ? t0 : t0 + raiseDur * 0.8;
      const cycles = rng.uniform(1.5, 5) + Math.max(0, -waveStart) * freq;
      const rhy = new RhythmN(4, freq);
      rhy.freqEnd = freq * rng.uniform(0.9, 1.1);
      const arc = rng.uniform(0.05, 0.3);
      const fwdK = rng.normal(0, 0.15);
      const wristK = rng.uniform(0.1, 0.5);
      rhy.learn(
        (d, ph) =>
          d === 0
            ? side * halfAmp * (Math.sin(ph) + asym * Math.sin(2 * ph))
            : d === 1
              ? -halfAmp * arc * Math.cos(2 * ph)
              : d === 2
                ? halfAmp * fwdK * Math.sin(ph)
                : -side * wristK * Math.sin(ph + 0.3),
        rng,
        0.004,
      );
      h.rhy = rhy;
      const tilt = rng.uniform(-0.1, 0.4);
      if (pre) {
        h.dmp.jump(raised);
        h.orient = { kind: 'wave', tilt };
        h.prevOrient = h.orient;
      } else {
        at(sim, t0, () => {
          h.dmp.goTo(raised, raiseDur, moveW(sim));
          setOrient(h, { kind: 'wave', tilt }, raiseDur * 0.7);
        });
      }
      at(sim, waveStart, () => rhy.start(cycles, rng.uniform(0.06, 0.15)));
      const waveEnd = waveStart + cycles / freq;
      const tail = rng.uniform(0, 0.4);
      dur = Math.min(2.95, Math.max(1.05, waveEnd + tail));
      if (waveEnd < dur - 0.15) {
        at(sim, waveEnd + 0.05, () => {
          h.dmp.goTo(restHand(p, side, rng), rng.uniform(0.5, 0.8) / T, moveW(sim));
          setOrient(h, { kind: 'rest' }, 0.4);
        });
      }
      break;
    }
    case 'beckon': {
      const freq = Math.min(2.6, Math.max(0.9, rng.uniform(1.0, 2.4) * T));
      const pos: Vec3 = [side * rng.uniform(0.0, 0.16), st + rng.uniform(-0.16, 0.04), -rng.uniform(0.24, 0.42) * (p.R / 0.68)];
      const halfAmp = Math.min(1.6 / (2 * Math.PI * freq), rng.uniform(0.03, 0.08) * p.amp);
      const pre = rng.chance(0.45);
      const t0 = pre ? 0 : rng.uniform(-0.1, 0.25);
      const moveDur = effDur(h, h.dmp.y, pos, rng.uniform(0.4, 0.7) / T);
      const start = pre ? rng.uniform(-0.3, 0.1) : t0 + moveDur * 0.85;
      const cycles = rng.int(2, 5) + rng.uniform(0, 0.5) + Math.max(0, -start) * freq;
      const rhy = new RhythmN(4, freq);
      const skew = rng.uniform(0.15, 0.4);
      const curl = rng.uniform(0.25, 0.6);
      const lift = rng.uniform(0, 0.4);
      // pull toward the body fast, return slower: a skewed waveform (0 at phase 0, body-ward first)
      const pull = (ph: number) => (1 - Math.cos(ph)) / 2 + skew * Math.sin(ph) * 0.5 - skew * Math.sin(2 * ph) * 0.15;
      rhy.learn(
        (d, ph) => (d === 0 ? 0 : d === 1 ? halfAmp * lift * pull(ph) : d === 2 ? 2 * halfAmp * pull(ph) : curl * pull(ph)),
        rng,
        0.003,
      );
      h.rhy = rhy;
      const pitch = rng.uniform(-0.05, 0.35);
      if (pre) {
        h.dmp.jump(pos);
        h.orient = { kind: 'palmUp', pitch };
        h.prevOrient = h.orient;
      } else
        at(sim, t0, () => {
          h.dmp.goTo(pos, moveDur, moveW(sim));
          setOrient(h, { kind: 'palmUp', pitch }, moveDur * 0.6);
        });
      at(sim, start, () => rhy.start(cycles, 0.08));
      const end = start + cycles / freq;
      dur = Math.min(2.95, Math.max(1.05, end + rng.uniform(0, 0.35)));
      break;
    }
    case 'point': {
      const az = side * rng.uniform(-0.45, 1.1);
      const el = rng.uniform(-0.35, 0.45);
      const eye = nominalEye(p);
      const target = add(eye, scale(dirAzEl(az, el), rng.uniform(1.5, 6)));
      const frac = rng.uniform(0.88, 0.97);
      const dirS = norm(sub(target, sh));
      const handGoal = add(sh, scale(dirS, frac * p.R));
      const pre = rng.chance(0.15);
      const t0 = pre ? -0.6 : rng.uniform(-0.1, 0.4);
      const reach = effDur(h, h.dmp.y, handGoal, rng.uniform(0.35, 0.75) / T);
      const holdStart = t0 + reach * 1.2;
      const hold = rng.uniform(0.7, 1.9) + Math.max(0, -holdStart);
      at(sim, t0 - rng.uniform(0, 0.15), () => sim.head.goTo([-az * rng.uniform(0.5, 0.95), el * rng.uniform(0.4, 0.9) - 0.05, 0], rng.uniform(0.3, 0.5), moveW(sim, 0.3)));
      at(sim, t0, () => {
        h.dmp.goTo(handGoal, reach, moveW(sim));
        setOrient(h, { kind: 'aim', target, roll: rng.normal(0, 0.3) }, reach * 0.8);
      });
      const holdEnd = holdStart + hold;
      dur = Math.min(2.95, Math.max(1.05, holdEnd + rng.uniform(-0.1, 0.5)));
      if (dur > holdEnd + 0.05)
        at(sim, holdEnd, () => {
          h.dmp.goTo(restHand(p, side, rng), rng.uniform(0.5, 0.8) / T, moveW(sim));
          setOrient(h, { kind: 'rest' }, 0.35);
        });
      break;
    }
    case 'push': {
      const frac = rng.uniform(0.82, 0.95);
      const gy = st + rng.uniform(-0.12, 0.1);
      const gx = sh[0] * rng.uniform(0.2, 1.05);
      const dyz = Math.sqrt(Math.max(0.04, (frac * p.R) ** 2 - (gx - sh[0]) ** 2 - (gy - sh[1]) ** 2));
      const goal: Vec3 = [gx, gy, sh[2] - dyz];
      const pre = rng.chance(0.55);
      const chest: Vec3 = [sh[0] * rng.uniform(0.3, 0.9), gy + rng.uniform(-0.08, 0.06), -rng.uniform(0.12, 0.24)];
      const palm = { kind: 'palmOut' as const, pitch: rng.uniform(0.85, 1.45), yaw: rng.normal(0, 0.12) - side * 0.05 };
      const t0 = rng.uniform(0.05, 0.5);
      const pushDur = effDur(h, pre ? chest : h.dmp.y, goal, rng.uniform(0.25, 0.55) / T);
      const hold = rng.uniform(0.6, 1.6);
      const both = rng.chance(0.15);
      const doPush = (hh: HandCtl, s: Side) => {
        const g2: Vec3 = s === side ? goal : [-goal[0], goal[1], goal[2]];
        const c2: Vec3 = s === side ? chest : [-chest[0], chest[1], chest[2]];
        if (pre) {
          at(sim, -0.6, () => {
            hh.dmp.goTo(c2, 0.45, moveW(sim));
            setOrient(hh, palm, 0.3);
          });
        } else at(sim, t0 - 0.05, () => setOrient(hh, palm, pushDur * 1.3));
        at(sim, t0, () => hh.dmp.goTo(g2, pushDur, moveW(sim, 0.6)));
      };
      doPush(h, side);
      if (both) doPush(other, -side as Side);
      const holdEnd = t0 + pushDur * 1.2 + hold;
      dur = Math.min(2.95, Math.max(1.05, holdEnd + rng.uniform(-0.05, 0.4)));
      at(sim, t0, () => sim.head.goTo([rng.normal(0, 0.05), rng.normal(-0.02, 0.05), 0], 0.4, moveW(sim, 0.2)));
      break;
    }
    case 'nod': {
      const freq = Math.min(3.2, Math.max(1.0, rng.uniform(1.2, 2.8) * T));
      const n = rng.chance(0.25) ? 1 : rng.int(2, 4);
      const ampl = rng.uniform(0.14, 0.38) * p.amp;
      const decay = rng.uniform(0, 0.25);
      const rhy = new RhythmN(3, n === 1 ? freq * 0.7 : freq);
      rhy.learn((d, ph) => (d === 1 ? -ampl * (1 - Math.cos(ph)) * 0.5 : d === 2 ? rng.normal(0, 0.02) * (1 - Math.cos(ph)) : 0), rng, 0.002);
      sim.headRhy = rhy;
      const t0 = rng.uniform(0.05, 0.6);
      at(sim, t0, () => rhy.start(n, 0.03));
      if (decay > 0)
        for (let i = 1; i < n; i++) at(sim, t0 + i / rhy.freq, () => (rhy.rTarget = 1 - decay * i));
      dur = Math.min(2.95, Math.max(1.05, t0 + n / rhy.freq + rng.uniform(0.15, 0.6)));
      break;
    }
    case 'shake': {
      const freq = Math.min(3.5, Math.max(1.2, rng.uniform(1.4, 3.2) * T));
      const n = rng.chance(0.3) ? 1 : rng.int(2, 4);
      const ampl = rng.uniform(0.17, 0.5) * p.amp;
      const dir = rng.chance(0.5) ? 1 : -1;
      const rhy = new RhythmN(3, freq);
      const skew = rng.normal(0, 0.12);
      rhy.learn((d, ph) => (d === 0 ? dir * ampl * (Math.sin(ph) + skew * (1 - Math.cos(ph))) : d === 1 ? -0.03 * ampl * (1 - Math.cos(2 * ph)) : 0), rng, 0.002);
      sim.headRhy = rhy;
      const t0 = rng.uniform(0.05, 0.6);
      const cyc = n + (rng.chance(0.4) ? 0.5 : 0);
      at(sim, t0, () => rhy.start(cyc, 0.03));
      const decay = rng.uniform(0, 0.3);
      for (let i = 1; i < 2 * cyc; i++) at(sim, t0 + i / (2 * freq), () => (rhy.rTarget = Math.max(0.5, 1 - (decay * i) / 2)));
      dur = Math.min(2.95, Math.max(1.05, t0 + cyc / freq + rng.uniform(0.15, 0.6)));
      break;
    }
  }
  return dur;
}

function noneClip(sim: Sim, kind: NoneKind): number {
  const { p, rng } = sim;
  const side: Side = rng.chance(0.75) ? p.dom : (-p.dom as Side);
  const h = sim.hands[handKey(side)];
  const o = sim.hands[handKey(-side as Side)];
  const sh = nominalShoulder(p, side);
  const st = sternumY(p);
  const eye = nominalEye(p);
  const T = p.tempo;
  const dur = rng.uniform(1.2, 2.95);
  const toRest = (hh: HandCtl, t: number, d = 0.6) =>
    at(sim, t, () => {
      hh.dmp.goTo(restHand(p, hh.side, rng), d / T, moveW(sim));
      setOrient(hh, { kind: 'rest' }, 0.3);
    });
  switch (kind) {
    case 'idle': {
      idleHeadShifts(sim, dur, 0.15);
      if (rng.chance(0.5)) at(sim, rng.uniform(0, dur), () => h.dmp.goTo(restHand(p, side, rng), rng.uniform(0.6, 1.2), moveW(sim)));
      break;
    }
    case 'look_around': {
      // one or two slow gaze shifts with the torso following, each followed by a dwell (no back-and-forth)
      const dirn = rng.chance(0.5) ? 1 : -1;
      const a1 = dirn * rng.uniform(0.5, 1.3);
      const t1 = rng.uniform(0, 0.5);
      const d1 = rng.uniform(0.5, 0.9);
      at(sim, t1, () => {
        sim.head.goTo([a1, rng.uniform(-0.25, 0.2), rng.normal(0, 0.04)], d1, moveW(sim, 0.4));
        sim.torsoExtra = [a1 * 0.3, 0, 0];
      });
      if (rng.chance(0.5))
        at(sim, t1 + d1 + rng.uniform(0.5, 0.9), () => sim.head.goTo([a1 * rng.uniform(1.05, 1.3), rng.uniform(-0.45, 0.3), 0], rng.uniform(0.5, 0.8), moveW(sim, 0.4)));
      if (rng.chance(0.4)) at(sim, t1, () => sim.base.goTo([sim.base.y[0], sim.base.y[1], sim.base.y[2] + a1 * 0.6], 1.2));
      break;
    }
    case 'head_tilt': {
      // a single small tilt that is held: sideways roll, or a downward glance that stays down
      const t1 = rng.uniform(0.1, 0.8);
      if (rng.chance(0.5)) at(sim, t1, () => sim.head.goTo([sim.head.y[0], sim.head.y[1], (rng.chance(0.5) ? 1 : -1) * rng.uniform(0.12, 0.3)], rng.uniform(0.4, 0.8), moveW(sim, 0.3)));
      else at(sim, t1, () => sim.head.goTo([sim.head.y[0] + rng.normal(0, 0.1), sim.head.y[1] - rng.uniform(0.15, 0.4), 0], rng.uniform(0.4, 0.8), moveW(sim, 0.3)));
      break;
    }
    case 'scratch_head': {
      const spot: Vec3 = add(eye, [side * rng.uniform(0.06, 0.11), rng.uniform(0.06, 0.13), rng.uniform(0.02, 0.1)]);
      const t0 = rng.uniform(-0.3, 0.3);
      const up = rng.uniform(0.45, 0.8) / T;
      at(sim, t0, () => {
        h.dmp.goTo(spot, up, moveW(sim));
        setOrient(h, { kind: 'toward', target: add(eye, [0, 0.1, 0.03]), upHint: [0, 0, 1] }, up);
      });
      const rhy = new RhythmN(4, rng.uniform(4, 6.5));
      const a = rng.uniform(0.006, 0.014);
      rhy.learn((d, ph) => (d === 1 ? a * Math.sin(ph) : d === 2 ? a * 0.6 * Math.cos(ph) : d === 3 ? 0.15 * Math.sin(ph) : 0), rng, 0.0005);
      h.rhy = rhy;
      at(sim, t0 + up * 0.9, () => rhy.start(Infinity, 0.1));
      at(sim, t0 + up, () => sim.head.goTo([rng.normal(0, 0.05), -side * 0 + rng.uniform(-0.2, -0.05), -side * rng.uniform(0.03, 0.12)], 0.4, moveW(sim, 0.3)));
      const stop = t0 + up + rng.uniform(0.6, 1.3);
      at(sim, stop, () => rhy.stop(0.1));
      if (stop + 0.2 < dur) toRest(h, stop + 0.1, 0.7);
      break;
    }
    case 'adjust_headset': {
      const both = rng.chance(0.6);
      const t0 = rng.uniform(-0.2, 0.4);
      const up = rng.uniform(0.45, 0.8) / T;
      const hold = rng.uniform(0.3, 0.9);
      for (const hh of both ? [h, o] : [h]) {
        const spot = add(eye, [hh.side * rng.uniform(0.09, 0.13), rng.uniform(-0.02, 0.04), rng.uniform(0.0, 0.07)]);
        at(sim, t0, () => {
          hh.dmp.goTo(spot, up, moveW(sim));
          setOrient(hh, { kind: 'toward', target: add(eye, [0, 0.02, 0.05]), upHint: UP }, up);
        });
        at(sim, t0 + up + hold * 0.5, () => hh.dmp.goTo(add(spot, [rng.normal(0, 0.01), rng.uniform(-0.02, 0.02), rng.normal(0, 0.01)]), 0.25));
        if (t0 + up + hold + 0.2 < dur) toRest(hh, t0 + up + hold, 0.6);
      }
      at(sim, t0 + up + hold * 0.4, () => sim.head.goTo([sim.head.y[0] + rng.normal(0, 0.03), sim.head.y[1] + rng.normal(0, 0.05), rng.normal(0, 0.04)], 0.3, moveW(sim, 0.2)));
      break;
    }
    case 'reach_retract': {
      // reach for an object (table, shelf, handrail), touch briefly, pull back: no held extension
      const az = side * rng.uniform(-0.3, 0.9);
      const obj: Vec3 = add([sh[0], 0, sh[2]], scale([Math.sin(az), 0, -Math.cos(az)], rng.uniform(0.45, 0.6) * (p.R / 0.68)));
      obj[1] = rng.chance(0.6) ? p.pelvisY + rng.uniform(0.05, 0.3) : st + rng.uniform(-0.1, 0.3);
      const t0 = rng.uniform(-0.1, 0.5);
      const reach = rng.uniform(0.5, 0.9) / T;
      at(sim, t0, () => {
        h.dmp.goTo(obj, reach, moveW(sim));
        setOrient(h, { kind: 'toward', target: add(obj, [0, -0.2, -0.1]), upHint: [side, 0.5, 0] }, reach * 0.8);
      });
      at(sim, t0 - 0.1, () => sim.head.goTo([-az * 0.5, -0.35, 0], 0.4, moveW(sim, 0.3)));
      const back = t0 + reach * rng.uniform(0.7, 1.0) + rng.uniform(0, 0.15);
      at(sim, back, () => {
        h.dmp.goTo(add(restHand(p, side, rng), [0, rng.uniform(0, 0.15), -rng.uniform(0, 0.1)]), rng.uniform(0.5, 0.8) / T, moveW(sim));
        setOrient(h, { kind: 'rest' }, 0.4);
      });
      at(sim, back + 0.2, () => sim.head.goTo([0, -0.05, 0], 0.5, moveW(sim, 0.3)));
      break;
    }
    case 'sweep': {
      // extended arm swept across a region (showing an area) without ever holding still
      const a0 = side * rng.uniform(-0.2, 0.4);
      const a1 = a0 + side * rng.uniform(0.7, 1.3) * (rng.chance(0.5) ? 1 : -1);
      const el = rng.uniform(-0.25, 0.25);
      const pt = (a: number): Vec3 => add(sh, scale(dirAzEl(a, el), rng.uniform(0.82, 0.92) * p.R));
      const t0 = rng.uniform(-0.2, 0.2);
      const up = rng.uniform(0.4, 0.6);
      const sweepDur = rng.uniform(0.7, 1.2);
      at(sim, t0, () => {
        h.dmp.goTo(pt(a0), up, moveW(sim));
        setOrient(h, { kind: 'rest' }, 0.2);
      });
      // hand off to the sweep before the reach settles (goal switching keeps it moving)
      at(sim, t0 + up * 0.65, () => h.dmp.goTo(pt((a0 + a1) / 2), sweepDur * 0.55, moveW(sim)));
      at(sim, t0 + up * 0.65 + sweepDur * 0.45, () => h.dmp.goTo(pt(a1), sweepDur * 0.55, moveW(sim)));
      toRest(h, t0 + up * 0.65 + sweepDur * 0.9, 0.7);
      at(sim, t0, () => sim.head.goTo([-a0 * 0.4, el * 0.5, 0], 0.5, moveW(sim, 0.3)));
      at(sim, t0 + up, () => sim.head.goTo([-a1 * 0.4, el * 0.5, 0], sweepDur, moveW(sim, 0.3)));
      break;
    }
    case 'shift_weight': {
      const s = rng.chance(0.5) ? 1 : -1;
      at(sim, rng.uniform(0, 0.6), () => (sim.sway.set = [rng.normal(0, 0.01), s * rng.uniform(0.03, 0.06)]));
      if (rng.chance(0.4)) at(sim, rng.uniform(1.2, 2), () => (sim.sway.set = [0, -s * rng.uniform(0.0, 0.04)]));
      idleHeadShifts(sim, dur, 0.1);
      break;
    }
    case 'walk': {
      const d = rng.uniform(0.4, 1.4);
      const turn = rng.normal(0, 0.4);
      const yaw = sim.base.y[2];
      const fwdW = qrot(qaxis(UP, yaw + turn), FWD);
      const t0 = rng.uniform(-0.3, 0.4);
      const wd = Math.max(0.9, d / rng.uniform(0.6, 1.1));
      at(sim, t0, () => {
        sim.base.goTo([sim.base.y[0] + fwdW[0] * d, sim.base.y[1] + fwdW[2] * d, yaw + turn], wd);
        sim.bob = { amp: rng.uniform(0.01, 0.025), freq: rng.uniform(1.6, 2.1), on: 1 };
        sim.head.goTo([turn * 0.5, rng.uniform(-0.3, -0.05), 0], 0.5, moveW(sim, 0.3));
      });
      at(sim, t0 + wd * 0.9, () => (sim.bob = { ...sim.bob, on: 0 }));
      break;
    }
    case 'stretch': {
      const t0 = rng.uniform(-0.1, 0.3);
      const up = rng.uniform(0.7, 1.1);
      const overhead = rng.chance(0.6);
      for (const hh of [h, o]) {
        const s0 = nominalShoulder(p, hh.side);
        const g: Vec3 = overhead
          ? [s0[0] * rng.uniform(0.3, 1.2), s0[1] + 0.9 * p.R, s0[2] - rng.uniform(-0.05, 0.1)]
          : [s0[0] + hh.side * 0.88 * p.R, s0[1] + rng.uniform(-0.05, 0.15), s0[2] + rng.uniform(-0.1, 0.05)];
        at(sim, t0, () => {
          hh.dmp.goTo(g, up, moveW(sim));
          setOrient(hh, { kind: 'rest' }, 0.2);
        });
        // no held extension (that would be point-like): lower again as soon as the stretch peaks
        toRest(hh, t0 + up * 0.9 + rng.uniform(0, 0.2), 0.9);
      }
      at(sim, t0 + 0.2, () => sim.head.goTo([0, rng.uniform(0.05, 0.25), 0], 0.8, moveW(sim, 0.3)));
      at(sim, t0, () => (sim.sway.set = [-0.02, 0]));
      break;
    }
    case 'talk': {
      // beat gestures while talking: irregular small downward strokes in front of the waist
      const hs = rng.chance(0.5) ? [h, o] : [h];
      const base = (hh: HandCtl): Vec3 => [hh.side * rng.uniform(0.08, 0.2), p.pelvisY + rng.uniform(0.05, 0.22), -rng.uniform(0.25, 0.38)];
      for (const hh of hs) {
        const b = base(hh);
        at(sim, -0.4, () => {
          hh.dmp.goTo(b, 0.5, moveW(sim));
          setOrient(hh, { kind: 'palmUp', pitch: rng.uniform(-0.2, 0.1) }, 0.3);
        });
        let t = rng.uniform(0, 0.3);
        while (t < dur) {
          const dn: Vec3 = add(b, [rng.normal(0, 0.04), -rng.uniform(0.02, 0.06), rng.normal(0, 0.025)]);
          const up2: Vec3 = add(b, [rng.normal(0, 0.05), rng.uniform(0.0, 0.05), rng.normal(0, 0.03)]);
          at(sim, t, () => hh.dmp.goTo(dn, rng.uniform(0.15, 0.25), moveW(sim, 0.5)));
          at(sim, t + rng.uniform(0.2, 0.3), () => hh.dmp.goTo(up2, rng.uniform(0.3, 0.5), moveW(sim, 0.5)));
          t += rng.uniform(0.55, 1.1);
        }
      }
      idleHeadShifts(sim, dur, 0.08);
      break;
    }
    case 'check_controller': {
      const pos: Vec3 = [side * rng.uniform(0.02, 0.12), st + rng.uniform(-0.2, 0.0), -rng.uniform(0.22, 0.32)];
      const t0 = rng.uniform(-0.2, 0.4);
      const up = rng.uniform(0.5, 0.8);
      at(sim, t0, () => {
        h.dmp.goTo(pos, up, moveW(sim));
        setOrient(h, { kind: 'toward', target: add(pos, [-side * 0.3, 0.1, 0.1]), upHint: [0, 0, 1] }, up);
        sim.head.goTo([side * -0.15, -0.45, 0], 0.5, moveW(sim, 0.3));
      });
      const back = t0 + up + rng.uniform(0.3, 0.9);
      if (back + 0.3 < dur) {
        toRest(h, back, 0.6);
        at(sim, back, () => sim.head.goTo([0, -0.05, 0], 0.5, moveW(sim, 0.3)));
      }
      break;
    }
    case 'hands_on_hips': {
      const t0 = rng.uniform(-0.2, 0.4);
      const d = rng.uniform(0.6, 1.0);
      for (const hh of [h, o]) {
        const g: Vec3 = [hh.side * rng.uniform(0.17, 0.22) * (p.H / 1.7), p.pelvisY + rng.uniform(0.02, 0.1), rng.uniform(-0.04, 0.04)];
        at(sim, t0 + rng.uniform(0, 0.2), () => {
          hh.dmp.goTo(g, d, moveW(sim));
          setOrient(hh, { kind: 'toward', target: add(g, [0, -0.3, 0.1]), upHint: [hh.side, 0, 0] }, d);
        });
      }
      idleHeadShifts(sim, dur, 0.1);
      break;
    }
  }
  return dur;
}

// ---------------------------------------------------------------- clips

function makeClip(seed: number, label: Gesture | 'none', kind?: NoneKind): MotionClip {
  const rng = createRng(seed);
  const seatedOk = label !== 'none' || !['walk', 'shift_weight', 'stretch', 'hands_on_hips'].includes(kind ?? '');
  const person = makePerson(rng, seatedOk && rng.chance(0.12));
  const sim = makeSim(person, rng, rng.uniform(-2.5, 2.5), rng.uniform(-2.5, 2.5), rng.uniform(-Math.PI, Math.PI));
  const dur = label === 'none' ? noneClip(sim, kind ?? 'idle') : gestureClip(sim, label);
  const truth = simulate(sim, dur);
  const hz = rng.pick([72, 72, 90, 90, 120]);
  const frames = track(rng, truth, hz, dur, trackerCfg(rng, person.handTracking));
  return { label, hz, frames };
}

/** The seventh generator's clips: `perLabel` per gesture and `2 * perLabel` `none`, deterministic for `seed`. */
export function seventhDataset(perLabel: number, seed: number): MotionClip[] {
  const clips: MotionClip[] = [];
  let k = 0;
  const sub = (i: number) => ((seed >>> 0) * 2654435761 + (i + 1) * 40503) >>> 0;
  for (const g of SEVENTH_GESTURES) for (let i = 0; i < perLabel; i++) clips.push(makeClip(sub(k++), g));
  for (let i = 0; i < 2 * perLabel; i++) clips.push(makeClip(sub(k++), 'none', SEVENTH_NONE_KINDS[i % SEVENTH_NONE_KINDS.length]));
  return clips;
}

/** One `none` clip of a given kind (for tests). */
export function seventhNoneClip(kind: NoneKind, seed: number): MotionClip {
  return makeClip(seed, 'none', kind);
}

/** One gesture clip (for tests). */
export function seventhGestureClip(label: Gesture, seed: number): MotionClip {
  return makeClip(seed, label);
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const out = args.get('out');
  const perLabel = Number(args.get('per-label') ?? '40');
  const seed = Number(args.get('seed') ?? '71');
  if (!out || !Number.isInteger(perLabel) || perLabel < 1 || !Number.isFinite(seed)) {
    console.error('usage: node --import tsx scripts/gesture/synth-seventh.ts --out DIR --per-label N --seed S');
    process.exit(2);
  }
  const clips = seventhDataset(perLabel, seed);
  writeClips(out, clips);
  console.log(`synth-seventh: wrote ${clips.length} clips to ${out}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
