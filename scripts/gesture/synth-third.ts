/**
 * A THIRD motion model, for evaluation only (never used to train, tune or select a model). It is
 * built differently from both the training generator (synth.ts: Cartesian hand paths solved by
 * two-link IK) and the first held-out generator (synth-heldout.ts: Catmull-Rom keyframes with
 * keyframed orientation):
 * - arms are joint-angle chains driven in JOINT space (shoulder plane of elevation, elevation and
 *   axial rotation, elbow flexion, forearm pronation, wrist flexion and deviation) by forward
 *   kinematics; postures change by minimum-jerk joint trajectories, rhythmic gestures are
 *   oscillators with drifting frequency and amplitude on chosen joints;
 * - the head sits on a two-joint neck (C7 and atlas) on a trunk that can flex at the hips (bending
 *   lowers and moves the head), with physiological tremor (8-12 Hz) and breathing sway;
 * - gaze shifts follow a main-sequence timing (duration grows with amplitude);
 * - the tracker is modelled: vsync-locked timestamps with dropped frames and browser throttling,
 *   a predicted (latency + constant-velocity extrapolation) and low-pass filtered controller
 *   pose, controllers lost when they leave the headset cameras' field of view, and a hand-tracking
 *   mode whose "controller" pose is the wrist with a shoulder-through-hand target ray;
 * - `none` motions are everyday ones: gait with head bob, glances, looking down at or picking up
 *   objects, drinking, reaching, scratching, adjusting the headset, typing on a panel, hand drift.
 *
 * `node --import tsx scripts/gesture/synth-third.ts --out DIR --per-label 40 --seed 11`
 * writes `label__0001.json` clips in the contract format.
 */
import type { GestureLabel, Pose, Quat, Vec3 } from '../../src/core/types';
import { GESTURE_LABELS } from '../../src/core/types';
import { add, createRng, len, minJerk, norm, parseArgs, qaxis, qlook, qmul, qnorm, qrot, qslerp, scale, sub, writeClips, type MotionClip, type Rng } from './motion-math';

const DEG = Math.PI / 180;
const X: Vec3 = [1, 0, 0];
const Y: Vec3 = [0, 1, 0];
const Z: Vec3 = [0, 0, 1];

/** Joint angles of one arm (radians). */
interface ArmPose {
  /** Plane of elevation: 0 forward flexion, 90 deg abduction to the side, negative across the body. */
  plane: number;
  /** Elevation of the upper arm from hanging down. */
  elev: number;
  /** Axial rotation of the upper arm relative to the posture that keeps a bent forearm pointing forward. */
  axial: number;
  /** Elbow flexion. */
  elbow: number;
  /** Forearm rotation (0: palm down when the arm is held forward; about -160 deg: palm up). */
  pron: number;
  /** Wrist flexion/extension: + bends the hand up when the palm is down (extension: palm out when pushing). */
  wflex: number;
  /** Wrist radial/ulnar deviation. */
  wdev: number;
}
const JOINTS = ['plane', 'elev', 'axial', 'elbow', 'pron', 'wflex', 'wdev'] as const;
type ArmFn = (t: number) => ArmPose;

interface HeadPose {
  /** Neck (C7) yaw and pitch, atlas (head) yaw, pitch and roll; radians; + pitch looks up. */
  nYaw: number;
  nPitch: number;
  hYaw: number;
  hPitch: number;
  hRoll: number;
}
type HeadFn = (t: number) => HeadPose;

interface BodyMotion {
  /** Body origin offset (body frame at t = 0), metres. */
  p: Vec3;
  yaw: number;
  /** Trunk flexion at the hips (+ bends forward). */
  trunk: number;
}

interface Anthro {
  height: number;
  hipY: number;
  c7Y: number;
  shX: number;
  shDrop: number;
  upper: number;
  fore: number;
  grip: number;
  neck: number;
  /** Grip-to-ray tilt of the controller (radians) for this person. */
  rayTilt: number;
}

function makeAnthro(rng: Rng): Anthro {
  const height = Math.min(2.0, Math.max(1.45, 1.7 + rng.normal(0, 0.11)));
  const j = () => 1 + rng.normal(0, 0.035);
  return {
    height,
    hipY: 0.53 * height * j(),
    c7Y: 0.835 * height * j(),
    shX: 0.129 * height * j(),
    shDrop: 0.025 * height,
    upper: 0.186 * height * j(),
    fore: 0.146 * height * j(),
    grip: 0.055 * height * j(),
    neck: 0.07 * height * j(),
    rayTilt: rng.uniform(-35, 5) * DEG,
  };
}

/** Minimum-jerk trajectory through timed joint postures. */
export function jointPath(keys: [number, ArmPose][]): ArmFn {
  // Always a fresh pose: callers add oscillations and tremor to it in place, and a returned key
  // would keep those additions (they piled up frame after frame before this was fixed).
  return (t) => {
    if (t <= keys[0][0]) return { ...keys[0][1] };
    for (let i = 1; i < keys.length; i++) {
      if (t <= keys[i][0]) {
        const [t0, a] = keys[i - 1];
        const [t1, b] = keys[i];
        const u = minJerk((t - t0) / Math.max(1e-6, t1 - t0));
        const o = {} as ArmPose;
        for (const k of JOINTS) o[k] = a[k] + (b[k] - a[k]) * u;
        return o;
      }
    }
    return { ...keys[keys.length - 1][1] };
  };
}

/** Scalar minimum-jerk trajectory through timed values. */
function scalarPath(keys: [number, number][]): (t: number) => number {
  return (t) => {
    if (t <= keys[0][0]) return keys[0][1];
    for (let i = 1; i < keys.length; i++) if (t <= keys[i][0]) return keys[i - 1][1] + (keys[i][1] - keys[i - 1][1]) * minJerk((t - keys[i - 1][0]) / Math.max(1e-6, keys[i][0] - keys[i - 1][0]));
    return keys[keys.length - 1][1];
  };
}

/** Band-limited noise from a sum of random-phase sinusoids in [f0, f1] Hz with RMS about `rms`. */
function band(rng: Rng, rms: number, f0: number, f1: number, k = 4): (t: number) => number {
  const c = Array.from({ length: k }, () => ({ f: rng.uniform(f0, f1), ph: rng.uniform(0, 2 * Math.PI), a: rng.uniform(0.5, 1.5) }));
  const norm0 = Math.sqrt(c.reduce((s, q) => s + (q.a * q.a) / 2, 0)) || 1;
  return (t) => (rms / norm0) * c.reduce((s, q) => s + q.a * Math.sin(2 * Math.PI * q.f * t + q.ph), 0);
}

/**
 * A rhythmic oscillator with drifting frequency and amplitude: returns the phase-driven value
 * sin(phase) * envelope for t in [t0, t1], 0 outside. The envelope rises and decays over `ramp` s.
 */
function oscillator(rng: Rng, f: number, t0: number, t1: number, ramp: number): (t: number) => number {
  const df = band(rng, 0.08 * f, 0.2, 0.8, 2);
  const da = band(rng, 0.12, 0.3, 1.2, 2);
  const dt = 1 / 400;
  const n = Math.ceil((t1 - t0) / dt) + 2;
  const phase = new Float64Array(n);
  for (let i = 1; i < n; i++) phase[i] = phase[i - 1] + 2 * Math.PI * (f + df(t0 + i * dt)) * dt;
  return (t) => {
    if (t < t0 || t > t1) return 0;
    const i = Math.min(n - 1, Math.round((t - t0) / dt));
    const env = Math.min(1, (t - t0) / ramp, (t1 - t) / ramp);
    return Math.sin(phase[i]) * Math.max(0, env) * (1 + da(t));
  };
}

/** Gaze-shift duration for an amplitude (main sequence: about 0.2 s + 2.5 ms per degree for a head movement). */
const gazeDur = (amp: number, rng: Rng) => (0.2 + 0.0025 * Math.abs(amp / DEG)) * rng.uniform(0.85, 1.4);

interface Plan {
  style: string;
  duration: number;
  complete: number;
  arms: [ArmFn | null, ArmFn | null];
  head: HeadFn;
  body?: (t: number) => BodyMotion;
}

/** A relaxed posture for an arm (side sign s). */
function restPose(rng: Rng): ArmPose {
  const front = rng.chance(0.5);
  return {
    plane: rng.uniform(front ? 40 : 60, front ? 75 : 95) * DEG,
    elev: rng.uniform(front ? 15 : 3, front ? 35 : 15) * DEG,
    axial: rng.uniform(-10, 30) * DEG,
    elbow: rng.uniform(front ? 50 : 5, front ? 95 : 35) * DEG,
    pron: rng.uniform(-10, 45) * DEG,
    wflex: rng.uniform(-20, 15) * DEG,
    wdev: rng.uniform(-10, 10) * DEG,
  };
}

const mix = (a: ArmPose, b: Partial<ArmPose>): ArmPose => ({ ...a, ...b });

function planFor(label: GestureLabel, rng: Rng): Plan {
  const dom = rng.chance(0.72) ? 1 : 0;
  const rests: [ArmPose, ArmPose] = [restPose(rng), restPose(rng)];
  const drift = [0, 1].map(() => JOINTS.map(() => band(rng, rng.uniform(1, 4) * DEG, 0.05, 0.7, 3)));
  const idle = (h: number): ArmFn => (t) => {
    const o = { ...rests[h] };
    JOINTS.forEach((k, i) => (o[k] += drift[h][i](t)));
    return o;
  };
  const arms: [ArmFn | null, ArmFn | null] = [idle(0), idle(1)];
  const yaw0 = rng.uniform(-12, 12) * DEG;
  const pitch0 = rng.uniform(-20, 5) * DEG;
  const tremor = [band(rng, rng.uniform(0.05, 0.25) * DEG, 8, 12, 4), band(rng, rng.uniform(0.05, 0.25) * DEG, 8, 12, 4), band(rng, rng.uniform(0.05, 0.2) * DEG, 8, 12, 4)];
  const breath = band(rng, rng.uniform(0.3, 1.2) * DEG, 0.2, 0.35, 2);
  const wander = [band(rng, rng.uniform(0.5, 2.5) * DEG, 0.05, 0.5, 3), band(rng, rng.uniform(0.5, 1.5) * DEG, 0.05, 0.5, 3)];
  const neckShare = rng.uniform(0.2, 0.45);
  // Head gesture tracks: yaw(t), pitch(t), roll(t) added to the base; split between neck and head.
  let yawT: (t: number) => number = () => 0;
  let pitchT: (t: number) => number = () => 0;
  let rollT: (t: number) => number = () => 0;
  const head: HeadFn = (t) => {
    const y = yaw0 + wander[0](t) + yawT(t) + tremor[0](t);
    const p = pitch0 + wander[1](t) + breath(t) + pitchT(t) + tremor[1](t);
    return { nYaw: y * neckShare, nPitch: p * neckShare, hYaw: y * (1 - neckShare), hPitch: p * (1 - neckShare), hRoll: rollT(t) + tremor[2](t) };
  };
  const lead = rng.uniform(0.05, 0.7);
  const tempo = rng.uniform(0.8, 1.25);
  const armTremor = JOINTS.map(() => band(rng, rng.uniform(0.1, 0.5) * DEG, 7, 12, 3));
  const withTremor = (f: ArmFn): ArmFn => (t) => {
    const o = f(t);
    JOINTS.forEach((k, i) => (o[k] += armTremor[i](t)));
    return o;
  };
  let complete = Infinity;
  let end = lead + 1;
  let body: Plan['body'];
  const r = rests[dom];
  switch (label) {
    case 'wave': {
      const f = rng.uniform(1.5, 3.5);
      const cycles = rng.uniform(1.2, 4);
      const plane = rng.uniform(20, 95) * DEG;
      const up: ArmPose = { plane, elev: rng.uniform(45, 110) * DEG, axial: -Math.max(0, plane / DEG - 15) * rng.uniform(0.5, 0.95) * DEG, elbow: rng.uniform(70, 125) * DEG, pron: rng.uniform(40, 90) * DEG, wflex: rng.uniform(-25, 5) * DEG, wdev: 0 };
      const t1 = lead + rng.uniform(0.3, 0.6) / tempo;
      const t2 = Math.min(t1 + cycles / f, 2.85);
      const lower = rng.chance(0.35);
      const path = jointPath(lower ? [[lead, r], [t1, up], [t2, up], [t2 + rng.uniform(0.35, 0.6), r]] : [[lead, r], [t1, up]]);
      const osc = oscillator(rng, f, t1 - 0.05, t2, 0.1);
      const amp = rng.uniform(15, 35) * DEG;
      const byWrist = rng.uniform(0.1, 0.6);
      // Side-to-side: elbow flexion when the upper arm is out to the side, axial rotation when forward.
      const wEl = Math.sin(plane);
      const wAx = Math.cos(plane);
      arms[dom] = withTremor((t) => {
        const o = path(t);
        const s = osc(t) * amp;
        o.elbow += s * wEl * (1 - byWrist);
        o.axial += s * wAx * (1 - byWrist);
        o.wdev += s * byWrist * 1.5;
        return o;
      });
      complete = t1 + 1 / f + 0.1;
      end = t2 + (lower ? 0.5 : 0.1);
      break;
    }
    case 'beckon': {
      const f = rng.uniform(0.8, 2.2);
      const n = rng.uniform(2, 4.5);
      const fingers = rng.chance(0.35);
      const pose: ArmPose = { plane: rng.uniform(-10, 35) * DEG, elev: rng.uniform(25, 60) * DEG, axial: rng.uniform(-10, 20) * DEG, elbow: rng.uniform(65, 105) * DEG, pron: rng.chance(0.65) ? -rng.uniform(140, 180) * DEG : rng.uniform(-15, 15) * DEG, wflex: rng.uniform(-10, 15) * DEG, wdev: 0 };
      const t1 = lead + rng.uniform(0.3, 0.6) / tempo;
      const t2 = Math.min(t1 + n / f, 2.9);
      const path = jointPath([[lead, r], [t1, pose]]);
      const osc = oscillator(rng, f, t1 - 0.05, t2, 0.12);
      const ampEl = (fingers ? rng.uniform(3, 10) : rng.uniform(12, 30)) * DEG;
      const ampW = (fingers ? rng.uniform(30, 60) : rng.uniform(10, 35)) * DEG;
      const lag = rng.uniform(0, 0.8);
      arms[dom] = withTremor((t) => {
        const o = path(t);
        const s = 0.5 + 0.5 * osc(t); // pull toward the body: more elbow flexion, curl the wrist
        const s2 = 0.5 + 0.5 * osc(t - lag / (2 * Math.PI * f));
        const on = t > t1 - 0.05 && t < t2 ? 1 : 0;
        o.elbow += ampEl * s * on;
        o.elev -= 0.3 * ampEl * s * on;
        o.wflex -= ampW * s2 * on;
        return o;
      });
      complete = t1 + 1.6 / f;
      end = t2 + 0.1;
      break;
    }
    case 'point': {
      const plane = (rng.uniform(-40, 95)) * DEG;
      const aim: ArmPose = { plane, elev: rng.uniform(45, 115) * DEG, axial: rng.uniform(-15, 25) * DEG, elbow: rng.uniform(0, 22) * DEG, pron: rng.uniform(0, 60) * DEG, wflex: rng.uniform(-10, 10) * DEG, wdev: rng.uniform(-8, 8) * DEG };
      const t1 = lead + rng.uniform(0.3, 0.75) / tempo;
      const hold = rng.uniform(0.6, 2);
      const t2 = Math.min(t1 + hold, 2.9);
      const keys: [number, ArmPose][] = [[lead, r], [t1, aim], [t2, mix(aim, { plane: aim.plane + rng.normal(0, 2) * DEG, elev: aim.elev + rng.normal(0, 2) * DEG })]];
      if (rng.chance(0.3)) keys.push([t2 + rng.uniform(0.35, 0.6), r]);
      arms[dom] = withTremor(jointPath(keys));
      if (rng.chance(0.6)) {
        const look = (plane - 90 * DEG) * (dom ? -1 : 1) * rng.uniform(0.2, 0.7);
        yawT = scalarPath([[lead, 0], [lead + gazeDur(look, rng), look * 0.6]]);
      }
      complete = t1 + 0.55;
      end = t2 + 0.1;
      break;
    }
    case 'push': {
      const both = rng.chance(0.3);
      const t1 = lead + rng.uniform(0.15, 0.4) / tempo;
      const t2 = t1 + rng.uniform(0.15, 0.4) / tempo;
      const hold = rng.uniform(0.45, 1.5);
      end = Math.min(t2 + hold, 2.95);
      const elev = rng.uniform(55, 100) * DEG;
      for (const h of both ? [0, 1] : [dom]) {
        const ready: ArmPose = { plane: rng.uniform(0, 40) * DEG, elev: elev * 0.6, axial: rng.uniform(0, 20) * DEG, elbow: rng.uniform(95, 130) * DEG, pron: rng.uniform(-15, 20) * DEG, wflex: rng.uniform(30, 70) * DEG, wdev: 0 };
        const out: ArmPose = mix(ready, { plane: rng.uniform(-10, 25) * DEG, elev, elbow: rng.uniform(5, 35) * DEG, wflex: rng.uniform(50, 85) * DEG });
        arms[h] = withTremor(jointPath([[lead, rests[h]], [t1, ready], [t2, out], [end, mix(out, { elev: out.elev + rng.normal(0, 2) * DEG })]]));
      }
      complete = t2 + 0.3;
      break;
    }
    case 'nod': {
      const n = rng.int(1, 3);
      const keys: [number, number][] = [[lead, 0]];
      let t = lead;
      const down = -rng.uniform(8, 26) * DEG;
      for (let k = 0; k < n; k++) {
        t += rng.uniform(0.14, 0.38) / tempo;
        keys.push([t, down * rng.uniform(0.75, 1.1)]);
        t += rng.uniform(0.14, 0.38) / tempo;
        keys.push([t, rng.uniform(-2, 4) * DEG]);
        if (k === 0) complete = t + 0.05;
      }
      pitchT = scalarPath(keys);
      end = t + 0.1;
      break;
    }
    case 'shake': {
      const halves = rng.int(2, 6);
      const a = rng.uniform(10, 35) * DEG;
      const s = rng.chance(0.5) ? 1 : -1;
      const keys: [number, number][] = [[lead, 0]];
      let t = lead;
      for (let k = 0; k < halves; k++) {
        t += rng.uniform(0.13, 0.33) / tempo;
        keys.push([t, s * (k % 2 ? -1 : 1) * a * rng.uniform(0.75, 1.1)]);
        if (k === 1) complete = t + 0.05;
      }
      t += rng.uniform(0.13, 0.3);
      keys.push([t, 0]);
      yawT = scalarPath(keys);
      end = t + 0.1;
      break;
    }
    case 'none': {
      const kind = rng.pick(THIRD_NONE);
      const duration = rng.uniform(1, 3);
      const sg = dom ? 1 : -1;
      switch (kind) {
        case 'idle':
          break;
        case 'gait': {
          const v = rng.uniform(0.35, 1.3);
          const step = rng.uniform(1.5, 2.2);
          const turnRate = rng.uniform(-0.6, 0.6);
          const bob = rng.uniform(0.015, 0.045);
          body = (t) => {
            const yaw = turnRate * t;
            return { p: [-Math.sin(yaw / 2) * v * t, bob * (0.5 + 0.5 * Math.cos(2 * Math.PI * step * t)), -Math.cos(yaw / 2) * v * t], yaw, trunk: 0.03 + 0.02 * Math.sin(2 * Math.PI * step * t) };
          };
          // The head pitches a little against the bob (vestibulo-ocular stabilisation) and sways.
          const pc = rng.uniform(0.5, 3) * DEG;
          const ph = rng.uniform(0, Math.PI);
          pitchT = (t) => pc * Math.sin(2 * Math.PI * step * t + ph);
          const rollA = rng.uniform(1, 3) * DEG;
          rollT = (t) => rollA * Math.sin(Math.PI * step * t);
          const swing = rng.uniform(5, 20) * DEG;
          for (const h of [0, 1]) {
            const base = idle(h);
            arms[h] = (t) => {
              const o = base(t);
              o.elev += swing * Math.sin(Math.PI * step * t + h * Math.PI);
              o.plane = Math.max(o.plane - 0.3 * swing, 0);
              return o;
            };
          }
          if (rng.chance(0.4)) {
            // looking down at the floor ahead now and then
            const d = -rng.uniform(15, 40) * DEG;
            const t1 = rng.uniform(0, duration - 0.5);
            const g = gazeDur(d, rng);
            const base = pitchT;
            const pd = scalarPath([[t1, 0], [t1 + g, d], [t1 + g + rng.uniform(0.3, 1.2), d], [t1 + 2 * g + 1.2, 0]]);
            pitchT = (t) => base(t) + pd(t);
          }
          break;
        }
        case 'look-down': {
          const d = -rng.uniform(20, 60) * DEG;
          const g = gazeDur(d, rng);
          const dwell = rng.uniform(0.3, 1.6);
          pitchT = scalarPath([[lead, 0], [lead + g, d], [lead + g + dwell, d * rng.uniform(0.85, 1.05)], [lead + 2 * g + dwell, rng.uniform(-5, 5) * DEG]]);
          break;
        }
        case 'look-up': {
          const d = rng.uniform(15, 45) * DEG;
          const g = gazeDur(d, rng);
          const dwell = rng.uniform(0.3, 1.6);
          pitchT = scalarPath([[lead, 0], [lead + g, d], [lead + g + dwell, d], [lead + 2 * g + dwell, 0]]);
          break;
        }
        case 'pick-up': {
          const bend = rng.uniform(25, 60) * DEG;
          const t1 = lead + rng.uniform(0.5, 0.9);
          const t2 = t1 + rng.uniform(0.1, 0.5);
          const t3 = t2 + rng.uniform(0.5, 0.9);
          const tr = scalarPath([[lead, 0], [t1, bend], [t2, bend], [t3, 0]]);
          body = (t) => ({ p: [0, 0, 0], yaw: 0, trunk: tr(t) });
          pitchT = scalarPath([[lead, 0], [t1, -rng.uniform(10, 30) * DEG], [t2, -rng.uniform(10, 30) * DEG], [t3, 0]]);
          const low: ArmPose = { plane: rng.uniform(30, 70) * DEG, elev: rng.uniform(40, 70) * DEG, axial: 0, elbow: rng.uniform(5, 30) * DEG, pron: rng.uniform(30, 80) * DEG, wflex: rng.uniform(0, 30) * DEG, wdev: 0 };
          arms[dom] = withTremor(jointPath([[lead, r], [t1, low], [t2, low], [t3, r]]));
          break;
        }
        case 'glance': {
          const a = rng.uniform(30, 100) * DEG * (rng.chance(0.5) ? 1 : -1);
          const g = gazeDur(a, rng);
          const dwell = rng.uniform(0.2, 1.2);
          yawT = scalarPath([[lead, 0], [lead + g, a], [lead + g + dwell, a], [lead + 2 * g + dwell, rng.uniform(-8, 8) * DEG]]);
          pitchT = scalarPath([[lead, 0], [lead + g, rng.uniform(-15, 10) * DEG]]);
          break;
        }
        case 'drink': {
          const mouth: ArmPose = { plane: rng.uniform(10, 40) * DEG, elev: rng.uniform(30, 55) * DEG, axial: rng.uniform(-10, 20) * DEG, elbow: rng.uniform(120, 140) * DEG, pron: rng.uniform(-20, 20) * DEG, wflex: rng.uniform(-10, 20) * DEG, wdev: 0 };
          const t1 = lead + rng.uniform(0.5, 0.9);
          const t2 = t1 + rng.uniform(0.4, 1.0);
          arms[dom] = withTremor(jointPath([[lead, r], [t1, mouth], [t2, mouth], [t2 + 0.7, r]]));
          pitchT = scalarPath([[t1 - 0.1, 0], [t1 + 0.3, rng.uniform(10, 30) * DEG], [t2, rng.uniform(10, 30) * DEG], [t2 + 0.4, 0]]);
          break;
        }
        case 'reach': {
          const tgt: ArmPose = { plane: rng.uniform(-30, 100) * DEG, elev: rng.uniform(20, 110) * DEG, axial: rng.uniform(-20, 30) * DEG, elbow: rng.uniform(10, 60) * DEG, pron: rng.uniform(0, 90) * DEG, wflex: rng.uniform(-20, 30) * DEG, wdev: 0 };
          const t1 = lead + rng.uniform(0.4, 0.9) / tempo;
          const t2 = t1 + rng.uniform(0, 0.35);
          arms[dom] = withTremor(jointPath([[lead, r], [t1, tgt], [t2, mix(tgt, { wflex: tgt.wflex + 25 * DEG })], [t2 + rng.uniform(0.4, 0.9), rng.chance(0.5) ? r : restPose(rng)]]));
          const look = rng.uniform(-30, 10) * DEG;
          pitchT = scalarPath([[lead, 0], [lead + gazeDur(look, rng), look]]);
          break;
        }
        case 'scratch': {
          const at: ArmPose = { plane: rng.uniform(40, 90) * DEG, elev: rng.uniform(70, 120) * DEG, axial: -rng.uniform(0, 40) * DEG, elbow: rng.uniform(125, 145) * DEG, pron: rng.uniform(0, 60) * DEG, wflex: rng.uniform(0, 30) * DEG, wdev: 0 };
          const t1 = lead + rng.uniform(0.4, 0.7);
          const t2 = t1 + rng.uniform(0.4, 1.4);
          const path = jointPath([[lead, r], [t1, at], [t2, at], [t2 + 0.6, r]]);
          const osc = oscillator(rng, rng.uniform(3, 6), t1, t2, 0.05);
          const a = rng.uniform(5, 15) * DEG;
          arms[dom] = (t) => {
            const o = path(t);
            o.wflex += a * osc(t);
            return o;
          };
          rollT = scalarPath([[lead, 0], [t1, -sg * rng.uniform(0, 12) * DEG]]);
          break;
        }
        case 'adjust-headset': {
          const t1 = lead + rng.uniform(0.4, 0.7);
          const t2 = t1 + rng.uniform(0.4, 1.2);
          for (const h of rng.chance(0.5) ? [0, 1] : [dom]) {
            const at: ArmPose = { plane: rng.uniform(20, 60) * DEG, elev: rng.uniform(60, 100) * DEG, axial: -rng.uniform(0, 40) * DEG, elbow: rng.uniform(130, 150) * DEG, pron: rng.uniform(20, 70) * DEG, wflex: 0, wdev: 0 };
            arms[h] = withTremor(jointPath([[lead, rests[h]], [t1, at], [t2, mix(at, { elev: at.elev + 5 * DEG })], [t2 + 0.6, rests[h]]]));
          }
          pitchT = scalarPath([[t1, 0], [t1 + 0.3, rng.uniform(-10, 8) * DEG], [t2, rng.uniform(-10, 8) * DEG], [t2 + 0.3, 0]]);
          break;
        }
        case 'type': {
          const pose: ArmPose = { plane: rng.uniform(0, 30) * DEG, elev: rng.uniform(25, 50) * DEG, axial: 0, elbow: rng.uniform(70, 100) * DEG, pron: rng.uniform(60, 90) * DEG, wflex: rng.uniform(0, 20) * DEG, wdev: 0 };
          const t1 = lead + rng.uniform(0.3, 0.6);
          const path = jointPath([[lead, r], [t1, pose]]);
          const taps = band(rng, rng.uniform(2, 6) * DEG, 1, 4, 4);
          arms[dom] = withTremor((t) => {
            const o = path(t);
            if (t > t1) {
              o.elbow += taps(t);
              o.plane += taps(t + 0.37);
            }
            return o;
          });
          pitchT = scalarPath([[lead, 0], [t1, -rng.uniform(10, 30) * DEG]]);
          break;
        }
        case 'drift': {
          for (const h of [0, 1]) {
            const big = JOINTS.map(() => band(rng, rng.uniform(4, 12) * DEG, 0.1, 0.6, 3));
            const base = idle(h);
            arms[h] = (t) => {
              const o = base(t);
              JOINTS.forEach((k, i) => (o[k] += big[i](t)));
              return o;
            };
          }
          break;
        }
        case 'throw': {
          const back: ArmPose = { plane: rng.uniform(60, 100) * DEG, elev: rng.uniform(80, 120) * DEG, axial: -rng.uniform(60, 90) * DEG, elbow: rng.uniform(80, 110) * DEG, pron: 40 * DEG, wflex: -20 * DEG, wdev: 0 };
          const rel: ArmPose = { plane: rng.uniform(0, 30) * DEG, elev: rng.uniform(60, 100) * DEG, axial: 0, elbow: rng.uniform(10, 40) * DEG, pron: 60 * DEG, wflex: 30 * DEG, wdev: 0 };
          const t1 = lead + rng.uniform(0.3, 0.6);
          const t2 = t1 + rng.uniform(0.15, 0.3);
          arms[dom] = withTremor(jointPath([[lead, r], [t1, back], [t2, rel], [t2 + rng.uniform(0.4, 0.8), r]]));
          break;
        }
      }
      return { style: `none:${kind}`, duration, complete: Infinity, arms, head, body };
    }
  }
  if (rng.chance(0.07)) arms[1 - dom] = null;
  return { style: label, duration: Math.min(3, Math.max(1, end + rng.uniform(0.05, 0.45))), complete, arms, head, body };
}

const THIRD_NONE = ['idle', 'gait', 'look-down', 'look-up', 'pick-up', 'glance', 'drink', 'reach', 'scratch', 'adjust-headset', 'type', 'drift', 'throw'] as const;

/** Forward kinematics: joint angles -> shoulder-relative grip position and hand orientation (trunk frame). */
export function armFK(a: ArmPose, s: number, A: Anthro): { p: Vec3; q: Quat } {
  // Hanging arm along -y; flexion about +x brings it forward (-z). Plane rotates about +y: for the
  // right arm (+x side) abduction is a rotation of -90 deg.
  const qSh = qmul(qmul(qaxis(Y, -s * a.plane), qaxis(X, a.elev)), qaxis(Y, s * (a.plane + a.axial)));
  const elbowP = qrot(qSh, [0, -A.upper, 0]);
  const qEl = qmul(qSh, qaxis(X, a.elbow));
  const qFa = qmul(qEl, qaxis(Y, s * a.pron));
  const wristP = add(elbowP, qrot(qFa, [0, -A.fore, 0]));
  const qW = qmul(qmul(qFa, qaxis(X, a.wflex)), qaxis(Z, s * a.wdev));
  return { p: add(wristP, qrot(qW, [0, -A.grip, 0])), q: qW };
}

/** A clip with what made it (for failure reports; not written to the JSON). */
export interface ThirdClip extends MotionClip {
  style: string;
  handTracking: boolean;
}

interface Tracker {
  hz: number;
  /** Probability a display frame is dropped (two intervals). */
  drop: number;
  /** Controller latency the runtime predicts over, s; prediction error grows with acceleration. */
  latency: number;
  /** Low-pass factor of the pose filter per frame (1 = none). */
  alpha: number;
  handTracking: boolean;
  /** Camera field of view half-angles (rad): horizontal, up, down. */
  fov: [number, number, number];
}

function makeTracker(rng: Rng): Tracker {
  const base = rng.pick([72, 80, 90, 120, 60]);
  const throttled = rng.chance(0.2);
  return {
    hz: throttled ? base / 2 : base,
    drop: rng.pick([0, 0.005, 0.02, 0.05]),
    latency: rng.uniform(0.005, 0.03),
    alpha: rng.uniform(0.5, 1),
    handTracking: rng.chance(0.2),
    fov: [rng.uniform(75, 95) * DEG, rng.uniform(60, 80) * DEG, rng.uniform(65, 85) * DEG],
  };
}

/** Render a plan through the body model and the tracker model. */
function render(plan: Plan, A: Anthro, rng: Rng, label: GestureLabel): ThirdClip {
  const tr = makeTracker(rng);
  const origin: Vec3 = [rng.uniform(-4, 4), 0, rng.uniform(-4, 4)];
  const yaw0 = rng.uniform(-Math.PI, Math.PI);
  const start = rng.chance(0.25) ? 0 : rng.uniform(0.5, 5000);
  const frames: MotionClip['frames'] = [];
  const prev: ({ p: Vec3; q: Quat } | null)[] = [null, null];
  const prevRaw: (Vec3 | null)[] = [null, null];
  const lostFor = [0, 0];
  const wasOut = [false, false];
  const occl = rng.uniform(0, 0.01);
  const dt = 1 / tr.hz;
  let t = 0;
  const hipSway = band(rng, 0.006, 0.1, 0.5, 3);
  while (t <= plan.duration + 1e-9) {
    const bm = plan.body?.(t) ?? { p: [0, 0, 0] as Vec3, yaw: 0, trunk: 0 };
    const qBody = qaxis(Y, yaw0 + bm.yaw);
    const toWorld = (v: Vec3): Vec3 => add(add(origin, qrot(qaxis(Y, yaw0), bm.p)), qrot(qBody, v));
    // Trunk: rotates about the hips (flexion about +x tips the upper body forward, toward -z).
    const qTrunk = qaxis(X, -bm.trunk);
    const hip: Vec3 = [hipSway(t), A.hipY, 0];
    const inTrunk = (v: Vec3): Vec3 => add(hip, qrot(qTrunk, sub(v, hip)));
    const hp = plan.head(t);
    const qNeck = qmul(qTrunk, qmul(qaxis(Y, hp.nYaw), qaxis(X, hp.nPitch)));
    const c7 = inTrunk([0, A.c7Y, 0.03]);
    const atlas = add(c7, qrot(qNeck, [0, A.neck, -0.01]));
    const qHead = qmul(qNeck, qmul(qmul(qaxis(Y, hp.hYaw), qaxis(X, hp.hPitch)), qaxis(Z, -hp.hRoll)));
    const eyes = add(atlas, qrot(qHead, [0, 0.075, -0.085]));
    const headWorldQ = qnorm(qmul(qBody, qHead));
    const headWorldP = toWorld(eyes);
    const frame: MotionClip['frames'][number] = { t: start + t + rng.normal(0, 0.0002), head: { p: headWorldP.map((v) => v + rng.normal(0, 0.0003)) as Vec3, q: headWorldQ }, left: null, right: null };
    const fwd = qrot(headWorldQ, [0, 0, -1]);
    const upv = qrot(headWorldQ, [0, 1, 0]);
    const rightv = qrot(headWorldQ, [1, 0, 0]);
    for (const h of [0, 1]) {
      const arm = plan.arms[h];
      if (!arm) continue;
      const s = h ? 1 : -1;
      const a = arm(t);
      const fk = armFK(a, s, A);
      const sh = inTrunk([s * A.shX, A.c7Y - A.shDrop, 0.02]);
      const gripT = add(sh, qrot(qTrunk, fk.p));
      const qHand = qmul(qTrunk, fk.q);
      const world = toWorld(gripT);
      let q: Quat;
      if (tr.handTracking) {
        // Hand tracking: the target ray runs from an estimated shoulder through the hand.
        const shW = toWorld(sh);
        q = qlook(norm(sub(world, shW)), [0, 1, 0]);
      } else q = qnorm(qmul(qBody, qmul(qHand, qaxis(X, -Math.PI / 2 + A.rayTilt))));
      // Prediction over the latency: constant-velocity extrapolation from the previous sample.
      let p = world;
      const pr = prevRaw[h];
      if (pr) p = add(world, scale(sub(world, pr), tr.latency / dt));
      prevRaw[h] = world;
      // Low-pass filter (the runtime's smoothing).
      const pv = prev[h];
      const filt = pv ? { p: add(pv.p, scale(sub(p, pv.p), tr.alpha)), q: qslerp(pv.q, q, tr.alpha) } : { p, q };
      prev[h] = filt;
      // Lost when the hand leaves the cameras' view (or a random occlusion burst).
      const rel = sub(world, headWorldP);
      const dist = len(rel);
      const fz = rel[0] * fwd[0] + rel[1] * fwd[1] + rel[2] * fwd[2];
      const ax = Math.atan2(Math.abs(rel[0] * rightv[0] + rel[1] * rightv[1] + rel[2] * rightv[2]), fz);
      const ay = Math.atan2(rel[0] * upv[0] + rel[1] * upv[1] + rel[2] * upv[2], fz);
      const outOfView = fz <= 0.02 || ax > tr.fov[0] || ay > tr.fov[1] || -ay > tr.fov[2] || (tr.handTracking && dist < 0.12);
      if (lostFor[h] > 0) lostFor[h]--;
      else if (rng.chance(occl)) lostFor[h] = rng.int(2, 15);
      // Tracked hands are lost out of the cameras' view; controllers keep inertial tracking there
      // but now and then lose a burst of frames when they leave it.
      if (outOfView && !tr.handTracking && lostFor[h] === 0 && !wasOut[h] && rng.chance(0.15)) lostFor[h] = rng.int(2, 10);
      wasOut[h] = outOfView;
      if (lostFor[h] > 0 || (outOfView && tr.handTracking)) continue;
      const pose: Pose = { p: filt.p.map((v) => v + rng.normal(0, 0.0005)) as Vec3, q: filt.q };
      if (h === 0) frame.left = pose;
      else frame.right = pose;
    }
    frames.push(frame);
    t += dt * (rng.chance(tr.drop) ? 2 : 1);
  }
  return { label, hz: tr.hz, frames, style: plan.style, handTracking: tr.handTracking };
}

/** One clip of `label` from the third motion model. */
export function thirdClip(label: GestureLabel, rng: Rng): ThirdClip {
  for (;;) {
    const A = makeAnthro(rng);
    const p = planFor(label, rng);
    if (label === 'none' || p.complete <= p.duration - 0.05) return render(p, A, rng, label);
  }
}

/** `perLabel` clips of every label (none gets `noneFactor` times as many). */
export function thirdDataset(perLabel: number, seed: number, noneFactor = 2): ThirdClip[] {
  const rng = createRng(seed ^ 0x7431d);
  const clips: ThirdClip[] = [];
  for (const label of GESTURE_LABELS) for (let i = 0; i < perLabel * (label === 'none' ? noneFactor : 1); i++) clips.push(thirdClip(label, rng));
  return clips;
}

function cli(args: string[]): void {
  const a = parseArgs(args);
  const out = a.get('out');
  if (!out) throw new Error('usage: synth-third.ts --out DIR [--per-label N] [--seed S] [--none-factor K]');
  const clips = thirdDataset(Number(a.get('per-label') ?? 40), Number(a.get('seed') ?? 11), Number(a.get('none-factor') ?? 2));
  writeClips(out, clips);
  console.log(`wrote ${clips.length} third-model clips to ${out}`);
}

if (import.meta.url === `file://${process.argv[1]}`) cli(process.argv.slice(2));
