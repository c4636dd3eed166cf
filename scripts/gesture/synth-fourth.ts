/**
 * A FOURTH motion model, for evaluation only (never used to train, tune or select a model). It is
 * parameterised unlike the training generator (synth.ts: Cartesian min-jerk paths, two-link IK,
 * forearm-based rays), the first held-out generator (synth-heldout.ts: Catmull-Rom keyframes) and
 * the third (synth-third.ts: joint-angle chains):
 * - every degree of freedom is a via-point PLAN (a list of timed goals) tracked by a second-order
 *   attractor (damped spring, per-clip stiffness and damping, so movements can overshoot and
 *   rhythmic goals toggled at a tempo come out as rounded, amplitude-reduced oscillations);
 * - hands are planned in SHOULDER-CENTRED spherical coordinates (azimuth, elevation, reach as a
 *   share of arm length); the controller's target ray is planned on its own, as a direction (ray
 *   pitch and yaw in the body frame) plus a roll, not derived from an arm model;
 * - the head is planned as gaze angles, with the eye height bobbing when walking;
 * - the tracker model: a fixed device rate with duplicated frames (a pose repeated under a new
 *   timestamp), rare single-frame spikes, a slow random-walk bias on controller positions,
 *   position quantisation, and controllers lost while they are low behind the hips (out of the
 *   headset cameras' view).
 *
 * `node --import tsx scripts/gesture/synth-fourth.ts --out DIR --per-label 40 --seed 31`
 * writes `label__0001.json` clips in the contract format.
 */
import type { GestureLabel, Pose, Vec3 } from '../../src/core/types';
import { GESTURE_LABELS } from '../../src/core/types';
import { add, createRng, parseArgs, qaxis, qmul, qnorm, qrot, scale, writeClips, type MotionClip, type Rng } from './motion-math';

const DEG = Math.PI / 180;

/** A plan for one scalar: goals switched at times, tracked by a damped spring. */
type Plan = [number, number][];

/** Track `plan` with a second-order attractor at `rate` Hz substeps; returns a sampler. */
function track(plan: Plan, omega: number, zeta: number, duration: number): (t: number) => number {
  const dt = 1 / 600;
  const n = Math.ceil((duration + 0.2) / dt) + 2;
  const xs = new Float64Array(n);
  let x = plan[0][1];
  let v = 0;
  let k = 0;
  for (let i = 0; i < n; i++) {
    const t = i * dt;
    while (k + 1 < plan.length && plan[k + 1][0] <= t) k++;
    const g = plan[k][1];
    v += (omega * omega * (g - x) - 2 * zeta * omega * v) * dt;
    x += v * dt;
    xs[i] = x;
  }
  return (t) => {
    const u = Math.max(0, t) / dt;
    const i = Math.min(n - 2, Math.floor(u));
    const w = Math.min(1, u - i);
    return xs[i] + (xs[i + 1] - xs[i]) * w;
  };
}

/** Goals alternating between a and b every half period from t0 for `halves` halves, then `end`. */
function toggle(plan: Plan, t0: number, f: number, a: number, b: number, halves: number, end: number): number {
  let t = t0;
  for (let i = 0; i < halves; i++) {
    plan.push([t, i % 2 ? b : a]);
    t += 1 / (2 * f);
  }
  plan.push([t, end]);
  return t;
}

/** The planned degrees of freedom of one hand (angles in radians). */
interface HandPlan {
  az: Plan;
  el: Plan;
  reach: Plan;
  rayPitch: Plan;
  rayYaw: Plan;
  roll: Plan;
}
const HAND_KEYS = ['az', 'el', 'reach', 'rayPitch', 'rayYaw', 'roll'] as const;

interface Person {
  height: number;
  arm: number;
  shX: number;
  shY: number;
  eye: number;
  dom: 0 | 1;
  tempo: number;
  /** Spring stiffness (rad/s) for arms and head, and damping ratio. */
  wArm: number;
  wHead: number;
  zeta: number;
}

function makePerson(rng: Rng): Person {
  const height = rng.uniform(1.5, 1.95);
  return {
    height,
    arm: height * rng.uniform(0.36, 0.41),
    shX: height * rng.uniform(0.105, 0.125),
    shY: height * 0.81,
    eye: height * 0.93,
    dom: rng.chance(0.75) ? 1 : 0,
    tempo: rng.uniform(0.8, 1.25),
    wArm: 2 * Math.PI * rng.uniform(2.2, 4.5),
    wHead: 2 * Math.PI * rng.uniform(2.5, 5),
    zeta: rng.uniform(0.55, 1.0),
  };
}

/** A resting hand plan: hanging, or held in front; ray down to forward. */
function restHand(rng: Rng): HandPlan {
  const front = rng.chance(0.5);
  const el = (front ? rng.uniform(-65, -40) : rng.uniform(-88, -65)) * DEG;
  return {
    az: [[0, rng.uniform(-15, 30) * DEG]],
    el: [[0, el]],
    reach: [[0, front ? rng.uniform(0.55, 0.8) : rng.uniform(0.88, 0.98)]],
    rayPitch: [[0, rng.uniform(-70, 10) * DEG]],
    rayYaw: [[0, rng.uniform(-25, 25) * DEG]],
    roll: [[0, rng.uniform(-40, 40) * DEG]],
  };
}

/** Append a move of a hand plan to new goals at time t. */
function moveTo(h: HandPlan, t: number, goal: Partial<Record<(typeof HAND_KEYS)[number], number>>): void {
  for (const k of HAND_KEYS) if (goal[k] !== undefined) h[k].push([t, goal[k]!]);
}
const last = (p: Plan) => p[p.length - 1][1];
/** Back to where the plan started. */
function home(h: HandPlan, t: number): void {
  for (const k of HAND_KEYS) h[k].push([t, h[k][0][1]]);
}

interface Scene {
  duration: number;
  hands: [HandPlan, HandPlan];
  head: { yaw: Plan; pitch: Plan; roll: Plan };
  walk?: { v: number; fs: number; turn: number };
}

function gesture(label: GestureLabel, p: Person, rng: Rng): Scene {
  const hands: [HandPlan, HandPlan] = [restHand(rng), restHand(rng)];
  const head = { yaw: [[0, rng.uniform(-10, 10) * DEG]] as Plan, pitch: [[0, rng.uniform(-15, 5) * DEG]] as Plan, roll: [[0, 0]] as Plan };
  const d = hands[p.dom];
  const t0 = rng.uniform(0.05, 0.5);
  let duration = 3;
  const f = (lo: number, hi: number) => rng.uniform(lo, hi) * p.tempo;
  switch (label) {
    case 'wave': {
      const az0 = rng.uniform(5, 40) * DEG;
      const el = rng.uniform(35, 75) * DEG;
      const A = rng.uniform(18, 35) * DEG;
      const fr = Math.min(3.4, Math.max(1.6, f(1.6, 3.2)));
      moveTo(d, t0, { az: az0, el, reach: rng.uniform(0.6, 0.85), rayPitch: rng.uniform(50, 85) * DEG, rayYaw: az0, roll: rng.uniform(-30, 30) * DEG });
      const ts = t0 + rng.uniform(0.3, 0.5);
      const halves = rng.int(4, 8);
      // The attractor rounds the toggles off, so the goals swing wider than the hand does.
      const end = toggle(d.az, ts, fr, az0 + A, az0 - A, halves, az0);
      toggle(d.rayYaw, ts, fr, az0 + 1.3 * A, az0 - 1.3 * A, halves, az0);
      duration = Math.min(3, end + rng.uniform(0.1, 0.4));
      break;
    }
    case 'beckon': {
      const az = rng.uniform(-10, 25) * DEG;
      const el = rng.uniform(-35, -5) * DEG;
      const r1 = rng.uniform(0.6, 0.8);
      const r0 = r1 - rng.uniform(0.08, 0.22);
      const rp = rng.uniform(-10, 20) * DEG;
      const curl = rng.uniform(20, 55) * DEG * (rng.chance(0.7) ? 1 : -1);
      const sideways = rng.chance(0.3);
      moveTo(d, t0, { az, el, reach: r1, rayPitch: rp, rayYaw: az, roll: (sideways ? 90 : rng.chance(0.6) ? 180 : 0) * DEG });
      const ts = t0 + rng.uniform(0.3, 0.5);
      const fr = f(0.9, 2.0);
      const halves = 2 * rng.int(2, 4);
      const end = toggle(d.reach, ts, fr, r0, r1, halves, r1);
      if (sideways) toggle(d.rayYaw, ts, fr, az + curl, az, halves, az);
      else toggle(d.rayPitch, ts, fr, rp + curl, rp, halves, rp);
      toggle(d.el, ts, fr, el + rng.uniform(0, 12) * DEG, el, halves, el);
      duration = Math.min(3, end + rng.uniform(0.1, 0.4));
      break;
    }
    case 'point': {
      const az = rng.uniform(-30, 70) * DEG;
      const el = rng.uniform(-40, 20) * DEG;
      moveTo(d, t0, { az, el, reach: rng.uniform(0.9, 1.0), rayPitch: el + rng.uniform(-8, 8) * DEG, rayYaw: az + rng.uniform(-8, 8) * DEG, roll: rng.uniform(-20, 20) * DEG });
      const hold = rng.uniform(0.7, 1.8);
      const te = t0 + 0.5 + hold;
      moveTo(d, t0 + 0.5 + hold * 0.5, { az: az + rng.normal(0, 2) * DEG, el: el + rng.normal(0, 2) * DEG });
      if (rng.chance(0.4) && te < 2.6) home(d, te);
      if (rng.chance(0.5)) {
        head.yaw.push([t0 + 0.1, 0.7 * az]);
        head.pitch.push([t0 + 0.1, 0.5 * el]);
      }
      duration = Math.min(3, te + rng.uniform(0.1, 0.4));
      break;
    }
    case 'push': {
      const both = rng.chance(0.3);
      const t1 = t0 + rng.uniform(0.2, 0.4) / p.tempo;
      const up = rng.chance(0.7);
      for (const h of both ? ([0, 1] as const) : [p.dom]) {
        moveTo(hands[h], t0, { az: rng.uniform(-10, 15) * DEG, el: rng.uniform(-35, -10) * DEG, reach: rng.uniform(0.35, 0.5), rayPitch: 0, rayYaw: 0, roll: 0 });
        moveTo(hands[h], t1, { az: rng.uniform(-12, 12) * DEG, el: rng.uniform(-20, 8) * DEG, reach: rng.uniform(0.85, 1.0), rayPitch: (up ? rng.uniform(35, 85) : rng.uniform(-5, 25)) * DEG, rayYaw: rng.uniform(-25, 25) * DEG });
      }
      duration = Math.min(3, t1 + 0.4 + rng.uniform(0.5, 1.4));
      break;
    }
    case 'nod': {
      const depth = -rng.uniform(10, 28) * DEG;
      const p0 = last(head.pitch);
      const end = toggle(head.pitch, t0, f(1.2, 2.6), p0 + depth, p0, 2 * rng.int(1, 3), p0);
      duration = Math.min(3, end + rng.uniform(0.2, 0.5));
      break;
    }
    case 'shake': {
      const a = rng.uniform(15, 35) * DEG;
      const y0 = last(head.yaw);
      const end = toggle(head.yaw, t0, f(1.4, 3), y0 + a, y0 - a, rng.int(2, 5), y0);
      duration = Math.min(3, end + rng.uniform(0.2, 0.5));
      break;
    }
    default:
      return nothing(p, rng, hands, head);
  }
  return { duration: Math.max(1, duration), hands, head };
}

const NONE_KINDS = ['idle', 'reach', 'look', 'walk', 'stretch', 'chin', 'type', 'clap', 'fold'] as const;

function nothing(p: Person, rng: Rng, hands: [HandPlan, HandPlan], head: Scene['head']): Scene {
  const kind = rng.pick(NONE_KINDS);
  const d = hands[p.dom];
  const duration = rng.uniform(1.2, 3);
  const t0 = rng.uniform(0, 0.6);
  let walk: Scene['walk'];
  switch (kind) {
    case 'idle':
      moveTo(d, t0 + 0.5, { az: last(d.az) + rng.normal(0, 5) * DEG, el: last(d.el) + rng.normal(0, 5) * DEG });
      break;
    case 'reach': {
      moveTo(d, t0, { az: rng.uniform(-30, 60) * DEG, el: rng.uniform(-60, 0) * DEG, reach: rng.uniform(0.7, 0.98), rayPitch: rng.uniform(-60, 0) * DEG });
      home(d, t0 + rng.uniform(0.5, 0.8));
      head.pitch.push([t0, -rng.uniform(10, 35) * DEG]);
      break;
    }
    case 'look': {
      let t = t0;
      while (t < duration) {
        head.yaw.push([t, rng.uniform(-70, 70) * DEG]);
        head.pitch.push([t, rng.uniform(-30, 15) * DEG]);
        t += rng.uniform(0.5, 1.2);
      }
      break;
    }
    case 'walk':
      walk = { v: rng.uniform(0.4, 1.3), fs: rng.uniform(1.6, 2.2), turn: rng.uniform(-40, 40) * DEG };
      break;
    case 'stretch':
      for (const h of [0, 1] as const) {
        moveTo(hands[h], t0, { az: rng.uniform(-10, 20) * DEG, el: rng.uniform(70, 88) * DEG, reach: 0.95, rayPitch: 80 * DEG });
        home(hands[h], t0 + rng.uniform(0.8, 1.5));
      }
      head.pitch.push([t0, rng.uniform(0, 20) * DEG]);
      break;
    case 'chin':
      moveTo(d, t0, { az: -rng.uniform(5, 25) * DEG, el: rng.uniform(0, 20) * DEG, reach: rng.uniform(0.3, 0.42), rayPitch: rng.uniform(40, 80) * DEG });
      break;
    case 'type': {
      const h = d;
      moveTo(h, t0, { az: rng.uniform(-5, 20) * DEG, el: rng.uniform(-45, -25) * DEG, reach: rng.uniform(0.6, 0.8), rayPitch: -rng.uniform(10, 40) * DEG });
      let t = t0 + 0.4;
      while (t < duration) {
        moveTo(h, t, { az: last(h.az) + rng.normal(0, 4) * DEG, el: last(h.el) + rng.normal(0, 3) * DEG });
        t += rng.uniform(0.25, 0.6);
      }
      head.pitch.push([t0, -rng.uniform(15, 35) * DEG]);
      break;
    }
    case 'clap': {
      const fr = rng.uniform(2, 3.5);
      for (const h of [0, 1] as const) {
        moveTo(hands[h], t0, { az: -rng.uniform(5, 15) * DEG, el: rng.uniform(-35, -15) * DEG, reach: 0.55, rayPitch: 0, rayYaw: 0, roll: 90 * DEG });
        toggle(hands[h].az, t0 + 0.35, fr, -rng.uniform(12, 20) * DEG, rng.uniform(5, 12) * DEG, rng.int(3, 8), 10 * DEG);
      }
      break;
    }
    case 'fold':
      for (const h of [0, 1] as const) moveTo(hands[h], t0, { az: -rng.uniform(25, 45) * DEG, el: rng.uniform(-50, -30) * DEG, reach: rng.uniform(0.35, 0.5), rayPitch: rng.uniform(-20, 20) * DEG });
      break;
  }
  return { duration, hands, head, walk };
}

function render(label: GestureLabel, scene: Scene, p: Person, rng: Rng): MotionClip {
  const { duration, walk } = scene;
  const w = (plan: Plan, om: number) => track(plan, om, p.zeta, duration);
  const hs = scene.hands.map((h) => Object.fromEntries(HAND_KEYS.map((k) => [k, w(h[k], p.wArm)])) as Record<(typeof HAND_KEYS)[number], (t: number) => number>);
  const hy = w(scene.head.yaw, p.wHead);
  const hp = w(scene.head.pitch, p.wHead);
  const hr = w(scene.head.roll, p.wHead);
  const hz = rng.pick([60, 72, 72, 80, 90, 90, 120]);
  const origin: Vec3 = [rng.uniform(-4, 4), 0, rng.uniform(-4, 4)];
  const yaw0 = rng.uniform(-Math.PI, Math.PI);
  const t0 = rng.uniform(0, 1000);
  const dupP = rng.pick([0, 0.02, 0.08]);
  const spikeP = rng.pick([0, 0.002, 0.006]);
  const bias: Vec3[] = [
    [0, 0, 0],
    [0, 0, 0],
  ];
  const frames: MotionClip['frames'] = [];
  const quant = (x: number) => Math.round(x / 5e-4) * 5e-4;
  let prev: MotionClip['frames'][number] | null = null;
  for (let i = 0; i * (1 / hz) <= duration; i++) {
    const t = i / hz;
    if (prev && rng.chance(dupP)) {
      frames.push({ ...prev, t: t0 + t });
      continue;
    }
    let bx = 0;
    let bz = 0;
    let byaw = 0;
    let bob = 0;
    if (walk) {
      byaw = walk.turn * (t / duration);
      bx = -Math.sin(byaw / 2) * walk.v * t;
      bz = -Math.cos(byaw / 2) * walk.v * t;
      bob = 0.02 * Math.cos(2 * Math.PI * walk.fs * t);
    }
    const qB = qaxis([0, 1, 0], yaw0 + byaw);
    const place = (v: Vec3): Vec3 => add(add(origin, qrot(qaxis([0, 1, 0], yaw0), [bx, 0, bz])), qrot(qB, v));
    const qHead = qmul(qaxis([0, 1, 0], hy(t)), qmul(qaxis([1, 0, 0], hp(t)), qaxis([0, 0, 1], hr(t))));
    const headP = add([0, p.eye - 0.12 + bob, 0.04], qrot(qHead, [0, 0.12, -0.09]));
    const head: Pose = { p: place(headP), q: qnorm(qmul(qB, qHead)) };
    const hands: (Pose | null)[] = [null, null];
    for (const h of [0, 1] as const) {
      const s = h ? 1 : -1;
      const a = hs[h];
      const az = s * a.az(t);
      const el = a.el(t);
      const r = a.reach(t) * p.arm;
      const sh: Vec3 = [s * p.shX, p.shY + bob, 0];
      const pos = add(sh, scale([Math.sin(az) * Math.cos(el), Math.sin(el), -Math.cos(az) * Math.cos(el)], r));
      // Lost while low and behind the hips (out of the cameras' view).
      if (pos[1] < p.height * 0.45 && pos[2] > 0.05) continue;
      const q = qmul(qaxis([0, 1, 0], -s * a.rayYaw(t)), qmul(qaxis([1, 0, 0], a.rayPitch(t)), qaxis([0, 0, -1], s * a.roll(t))));
      for (let k = 0; k < 3; k++) bias[h][k] += rng.normal(0, 2e-4);
      let wp = add(place(pos), bias[h]);
      if (rng.chance(spikeP)) wp = add(wp, [rng.normal(0, 0.03), rng.normal(0, 0.03), rng.normal(0, 0.03)]);
      hands[h] = { p: [quant(wp[0]), quant(wp[1]), quant(wp[2])], q: qnorm(qmul(qB, q)) };
    }
    const frame = { t: t0 + t, head, left: hands[0], right: hands[1] };
    frames.push(frame);
    prev = frame;
  }
  return { label, hz, frames };
}

/** Generate `perLabel` clips of every label from `seed`. */
export function synthFourth(perLabel: number, seed: number): MotionClip[] {
  const rng = createRng(seed);
  const clips: MotionClip[] = [];
  for (const label of GESTURE_LABELS) {
    const n = label === 'none' ? 2 * perLabel : perLabel;
    for (let i = 0; i < n; i++) {
      const person = makePerson(rng);
      clips.push(render(label, gesture(label, person, rng), person, rng));
    }
  }
  return clips;
}

async function cli(args: string[]): Promise<void> {
  const a = parseArgs(args);
  const out = a.get('out');
  if (!out) throw new Error('usage: synth-fourth.ts --out DIR [--per-label N] [--seed S]');
  const clips = synthFourth(Number(a.get('per-label') ?? 40), Number(a.get('seed') ?? 31));
  writeClips(out, clips);
  console.log(`wrote ${clips.length} fourth-model clips to ${out}`);
}

if (import.meta.url === `file://${process.argv[1]}`) await cli(process.argv.slice(2));
