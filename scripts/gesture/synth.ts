/**
 * The TRAINING motion generator: procedural clips of head and controller target-ray poses with
 * human-like variation (body size, handedness, tempo, amplitude, tremor, idle sway, placement and
 * facing anywhere in the room, uneven 30-120 Hz sampling with jitter, dropped hand frames), for the
 * six gestures and a wide range of `none` motions including near-misses. Arms are a two-link chain
 * solved by IK so each controller's target ray points along the forearm (plus wrist rotation).
 *
 * Each clip also says when its gesture starts (`onset`) and from when it is recognisable
 * (`complete`), so training can label streaming windows the way the recognizer sees them.
 *
 * `node --import tsx scripts/gesture/synth.ts --out DIR --per-label 50 --seed 1` writes clips.
 */
import type { Pose, Quat, Vec3 } from '../../src/core/types';
import { GESTURE_LABELS, type GestureLabel } from '../../src/core/types';
import {
  add,
  createRng,
  cross,
  dot,
  len,
  lerp3,
  minJerk,
  norm,
  parseArgs,
  qaxis,
  qeuler,
  qlook,
  qmul,
  qnorm,
  qrot,
  scale,
  sub,
  writeClips,
  type MotionClip,
  type Rng,
} from './motion-math';

const DEG = Math.PI / 180;

/** A person's fixed traits: body, tempo, amplitude, noise and idle habits. */
export interface Performer {
  id: number;
  height: number;
  armScale: number;
  tempo: number;
  amp: number;
  tremor: number;
  sway: number;
  /** Probability that the right hand does the gesture. */
  rightHanded: number;
  restStyle: 'side' | 'front';
  /** Probability that only one controller is tracked in a clip. */
  oneController: number;
  gripPitch: number;
  gripYaw: number;
  /** Where the controller's origin sits relative to the wrist (hand frame, metres). */
  gripOffset: Vec3;
  /** Habitual forearm rotation of a held controller (radians, + pronates). */
  pronBias: number;
  /** Head tremor amplitude (radians) and neck share of head pitch/yaw (two-joint neck). */
  headTremor: number;
  neckShare: number;
}

/** Create performer `id` (deterministic from the id). */
export function makePerformer(id: number): Performer {
  const r = createRng(0x9e3779b1 ^ (id * 7919));
  return {
    id,
    height: r.uniform(1.45, 1.98),
    armScale: r.uniform(0.92, 1.08),
    tempo: r.uniform(0.8, 1.25),
    amp: r.uniform(0.75, 1.3),
    tremor: r.uniform(0.5, 2.5) * 1e-3,
    sway: r.uniform(0.5, 2),
    rightHanded: r.pick([0.9, 0.8, 0.5, 0.2]),
    restStyle: r.chance(0.6) ? 'front' : 'side',
    oneController: r.pick([0, 0.05, 0.2]),
    gripPitch: r.uniform(-8, 15) * DEG,
    gripYaw: r.uniform(-8, 8) * DEG,
    gripOffset: [r.uniform(-0.02, 0.02), r.uniform(-0.03, 0.03), r.uniform(-0.05, 0.03)],
    pronBias: r.uniform(-25, 25) * DEG,
    headTremor: r.uniform(0.03, 0.35) * DEG,
    neckShare: r.uniform(0, 0.5),
  };
}

/** A generated clip with the timing of its gesture (seconds from the clip's first frame). */
export interface SynthClip extends MotionClip {
  label: GestureLabel;
  /** When the movement of the gesture starts. */
  onset: number;
  /** From when the gesture is complete enough to recognise (Infinity for `none`). */
  complete: number;
  /** Which motion this is (e.g. `none:walk`), for reports. */
  style: string;
  performer: number;
}

interface HandState {
  /** Hand position, body frame (x right, y up, -z forward, origin between the feet). */
  p: Vec3;
  /** Wrist rotation relative to the forearm: pitch (+ tilts the ray up), yaw, roll (radians). */
  wrist?: [number, number, number];
  /**
   * Forearm rotation (radians, + pronates), applied before the wrist: it swings a ray that the
   * wrist or the grip tilts off the forearm around the forearm's axis.
   */
  pron?: number;
}
type HandFn = (t: number) => HandState | null;
interface HeadState {
  yaw: number;
  pitch: number;
  roll: number;
}
interface BodyState {
  /** Offset of the body origin in the initial body frame (walking), metres. */
  x: number;
  y: number;
  z: number;
  yaw: number;
}
interface Script {
  duration: number;
  onset: number;
  complete: number;
  style: string;
  head: (t: number) => HeadState;
  hands: [HandFn, HandFn];
  body?: (t: number) => BodyState;
}

/** Smooth random 3-D noise: a few sinusoids per axis. */
function smoothNoise(rng: Rng, amp: number, fmin: number, fmax: number, k = 3): (t: number) => Vec3 {
  const comps = Array.from({ length: 3 }, () =>
    Array.from({ length: k }, () => ({ a: (amp / Math.sqrt(k)) * rng.uniform(0.3, 1.4), f: rng.uniform(fmin, fmax), ph: rng.uniform(0, 2 * Math.PI) })),
  );
  return (t) => comps.map((c) => c.reduce((s, q) => s + q.a * Math.sin(2 * Math.PI * q.f * t + q.ph), 0)) as Vec3;
}

/** Per-clip context: body dimensions and helpers in the body frame. */
class Ctx {
  readonly eye: number;
  readonly shY: number;
  readonly shX: number;
  readonly upper: number;
  readonly fore: number;
  readonly arm: number;
  readonly hipY: number;
  /** Hand index doing the gesture (0 left, 1 right). */
  readonly dom: 0 | 1;
  readonly rests: [Vec3, Vec3];
  readonly restDrift: [(t: number) => Vec3, (t: number) => Vec3];
  readonly tremor: [(t: number) => Vec3, (t: number) => Vec3];
  /** Wrist rotation of a resting hand (controllers held loosely point anywhere from down to up). */
  readonly restWrist: [[number, number, number], [number, number, number]];
  constructor(
    readonly rng: Rng,
    readonly perf: Performer,
  ) {
    const h = perf.height * rng.uniform(0.98, 1.02);
    this.eye = h * 0.935;
    this.shY = h * 0.815;
    this.shX = h * rng.uniform(0.1, 0.125);
    this.upper = h * 0.186 * perf.armScale;
    this.fore = h * 0.2 * perf.armScale; // forearm + hand to the controller's grip
    this.arm = this.upper + this.fore;
    this.hipY = h * 0.52;
    this.dom = rng.chance(perf.rightHanded) ? 1 : 0;
    // Rest poses of all kinds: the performer's habit most of the time, otherwise any of them
    // (arms hanging, hands held far out to the side, crossed, on the hips, controllers held forward).
    const habit: RestKind = perf.restStyle;
    const kind: RestKind = rng.chance(0.5) ? habit : rng.pick(REST_KINDS);
    const kinds: [RestKind, RestKind] = [kind, rng.chance(0.8) ? kind : rng.pick(REST_KINDS)];
    this.rests = [0, 1].map((i) => this.restPose(i, kinds[i])) as [Vec3, Vec3];
    this.restWrist = [0, 1].map((i) => {
      const low = kinds[i] === 'hang' || kinds[i] === 'out' || kinds[i] === 'side';
      return [(low ? rng.uniform(-20, 70) : rng.uniform(-30, 35)) * DEG, rng.uniform(-20, 20) * DEG, rng.uniform(-40, 40) * DEG];
    }) as Ctx['restWrist'];
    this.restDrift = [smoothNoise(rng, 0.012 * perf.sway, 0.1, 0.6), smoothNoise(rng, 0.012 * perf.sway, 0.1, 0.6)];
    this.tremor = [smoothNoise(rng, perf.tremor, 5, 11, 4), smoothNoise(rng, perf.tremor, 5, 11, 4)];
  }
  sg(h: number): number {
    return h ? 1 : -1;
  }
  /** A resting hand position of `kind` for hand `i` (body frame). */
  restPose(i: number, kind: RestKind): Vec3 {
    const { rng } = this;
    const sg = this.sg(i);
    switch (kind) {
      case 'front':
        return [sg * rng.uniform(0.1, 0.36), this.hipY + rng.uniform(-0.05, 0.2), -rng.uniform(0.15, 0.45)];
      case 'side':
        return [sg * (this.shX + rng.uniform(0.02, 0.1)), this.hipY - rng.uniform(0.0, 0.08), -rng.uniform(0.0, 0.12)];
      case 'hang':
        return [sg * (this.shX + rng.uniform(-0.02, 0.05)), this.shY - this.arm * rng.uniform(0.9, 0.98), rng.uniform(-0.08, 0.06)];
      case 'out': {
        // Arm held out to the side (leaning, balancing, relaxed abduction), elbow nearly straight.
        const ab = rng.uniform(15, 55) * DEG;
        const ext = this.arm * rng.uniform(0.85, 0.98);
        return [sg * (this.shX + ext * Math.sin(ab)), this.shY - ext * Math.cos(ab), -rng.uniform(-0.05, 0.25)];
      }
      case 'crossed':
        return [-sg * rng.uniform(0.02, 0.16), this.shY - rng.uniform(0.12, 0.3), -rng.uniform(0.1, 0.22)];
      case 'hips':
        return [sg * (this.shX + rng.uniform(0.0, 0.08)), this.hipY + rng.uniform(0.02, 0.15), rng.uniform(-0.02, 0.08)];
      case 'forward':
        // Holding the controllers out in front, elbows bent.
        return [sg * rng.uniform(0.08, 0.3), this.hipY + rng.uniform(0.05, 0.35), -rng.uniform(0.3, 0.5)];
    }
  }
  shoulder(h: number): Vec3 {
    return [this.sg(h) * this.shX, this.shY, 0.02];
  }
  /** The resting hand with its slow drift. */
  rest(h: number, t: number): Vec3 {
    return add(this.rests[h], this.restDrift[h](t));
  }
  /** A point along `dir` from the shoulder at `ext` times arm length. */
  reach(h: number, az: number, el: number, ext: number): Vec3 {
    // az > 0 turns toward +x (the user's right), el > 0 up.
    const d: Vec3 = [Math.sin(az) * Math.cos(el), Math.sin(el), -Math.cos(az) * Math.cos(el)];
    return add(this.shoulder(h), scale(d, this.arm * ext));
  }
  /** A resting hand function (or null for an untracked hand). */
  idleHand(h: number): HandFn {
    return (t) => ({ p: this.rest(h, t), wrist: this.restWrist[h] });
  }
}

/** Kinds of rest pose a hand can hold between gestures. */
type RestKind = 'front' | 'side' | 'hang' | 'out' | 'crossed' | 'hips' | 'forward';
const REST_KINDS: readonly RestKind[] = ['front', 'side', 'hang', 'out', 'crossed', 'hips', 'forward'];

/** Piecewise min-jerk path through keyframes [time, position]. */
function path(keys: [number, Vec3][]): (t: number) => Vec3 {
  return (t) => {
    if (t <= keys[0][0]) return keys[0][1];
    for (let i = 1; i < keys.length; i++) {
      if (t <= keys[i][0]) {
        const [t0, a] = keys[i - 1];
        const [t1, b] = keys[i];
        return lerp3(a, b, minJerk((t - t0) / Math.max(1e-6, t1 - t0)));
      }
    }
    return keys[keys.length - 1][1];
  };
}

/** Scalar min-jerk path through keyframes. */
function spath(keys: [number, number][]): (t: number) => number {
  const p = path(keys.map(([t, v]) => [t, [v, 0, 0]]));
  return (t) => p(t)[0];
}

function baseHead(c: Ctx): (t: number) => HeadState {
  const { rng } = c;
  const y0 = rng.uniform(-12, 12) * DEG;
  const p0 = rng.uniform(-18, 6) * DEG;
  const n = smoothNoise(rng, 2.5 * DEG * c.perf.sway, 0.08, 0.6);
  return (t) => {
    const v = n(t);
    return { yaw: y0 + v[0], pitch: p0 + v[1], roll: v[2] * 0.5 };
  };
}

const withHead = (base: (t: number) => HeadState, f: (t: number, h: HeadState) => HeadState) => (t: number) => f(t, base(t));

function gestureScript(label: GestureLabel, c: Ctx): Script {
  const { rng, perf, dom } = c;
  const other = (1 - dom) as 0 | 1;
  const sg = c.sg(dom);
  const lead = rng.uniform(0, 0.45);
  const head = baseHead(c);
  const hands: [HandFn, HandFn] = [c.idleHand(0), c.idleHand(1)];
  const tempo = perf.tempo * rng.uniform(0.85, 1.15);
  switch (label) {
    case 'wave': {
      const style = rng.pick(['forearm', 'forearm', 'arm', 'wrist']);
      const f = Math.min(3.5, Math.max(1.5, (style === 'arm' ? rng.uniform(1.5, 2.4) : rng.uniform(1.6, 3.4)) * tempo));
      const A = (style === 'wrist' ? rng.uniform(12, 22) : style === 'arm' ? rng.uniform(18, 35) : rng.uniform(18, 40)) * DEG * Math.min(1.2, perf.amp);
      const raise = rng.uniform(0.25, 0.55) / tempo;
      const ts = lead + raise;
      const cycles = rng.uniform(1.1, 4);
      const swingEnd = Math.min(ts + cycles / f, 2.9);
      const lower = rng.chance(0.35);
      const tail = lower ? rng.uniform(0.3, 0.5) : 0;
      const duration = Math.min(3, Math.max(1, swingEnd + tail + rng.uniform(0, 0.2)));
      const pivot: Vec3 =
        style === 'arm'
          ? c.shoulder(dom)
          : add(c.shoulder(dom), [sg * rng.uniform(0.04, 0.28), rng.uniform(-0.16, 0.08), -rng.uniform(0.05, 0.3)]);
      const radius = style === 'arm' ? c.arm * rng.uniform(0.85, 0.97) : c.fore * rng.uniform(0.9, 1.0);
      const tilt = sg * rng.uniform(-0.1, 0.45);
      const fwdLean = rng.uniform(-0.35, 0.1);
      const handAt = (th: number): Vec3 => add(pivot, scale(norm([Math.sin(th), Math.cos(th), fwdLean]), radius));
      const start = handAt(tilt);
      const wristAmp = style === 'wrist' ? rng.uniform(20, 40) * DEG : rng.uniform(0, 15) * DEG;
      const ph0 = rng.chance(0.5) ? 0 : Math.PI;
      const wristPitch = rng.uniform(-5, 5) * DEG;
      const approach = path([
        [lead, c.rests[dom]],
        [ts, start],
      ]);
      hands[dom] = (t) => {
        if (t < lead) return { p: c.rest(dom, t) };
        if (t < ts) return { p: approach(t) };
        const env = Math.min(1, (t - ts) / 0.12) * (t > swingEnd ? Math.max(0, 1 - (t - swingEnd) / 0.15) : 1);
        const s = Math.sin(2 * Math.PI * f * (t - ts) + ph0) * env;
        let p = handAt(tilt + A * s);
        if (lower && t > swingEnd) p = lerp3(p, c.rests[dom], minJerk((t - swingEnd) / tail));
        return { p: add(p, c.tremor[dom](t)), wrist: [wristPitch, wristAmp * s, 0] };
      };
      return { duration, onset: lead, complete: ts + 1 / f + 0.05, style: `wave:${style}`, head, hands };
    }
    case 'beckon': {
      // Wrist-led (fingers/hand), arm-led (the hand pulled back) and elbow-led (the forearm swung
      // about a still elbow) beckons, palm up, down or sideways, one to five curls.
      const style = rng.pick(['fingers', 'hand', 'arm', 'elbow', 'elbow']);
      const f = rng.uniform(0.7, 2.5) * tempo;
      const d = (style === 'fingers' ? rng.uniform(0.015, 0.045) : style === 'hand' ? rng.uniform(0.04, 0.09) : rng.uniform(0.08, 0.16)) * perf.amp;
      const curl = (style === 'fingers' ? rng.uniform(35, 70) : style === 'hand' ? rng.uniform(20, 45) : style === 'elbow' ? rng.uniform(0, 35) : rng.uniform(8, 30)) * DEG;
      const center: Vec3 = [sg * rng.uniform(-0.05, 0.28), c.shY - rng.uniform(0.02, 0.38), -rng.uniform(0.22, 0.48)];
      const raise = rng.uniform(0.2, 0.6) / tempo;
      const ts = lead + raise;
      const n = rng.chance(0.15) ? rng.uniform(1.2, 2) : rng.uniform(2, 5);
      const endT = Math.min(ts + n / f, 2.95);
      const duration = Math.min(3, Math.max(1, endT + rng.uniform(0, 0.3)));
      const palm = rng.pick(['up', 'up', 'down', 'side', 'side']);
      const pron = (palm === 'up' ? rng.uniform(150, 210) : palm === 'down' ? rng.uniform(-25, 25) : sg * rng.uniform(60, 110)) * DEG;
      // Wrist pitch is + for extension; a curl is flexion (the ray rises with the palm up, falls
      // with the palm down and swings sideways with the palm to the side).
      const basePitch = rng.uniform(-10, 25) * DEG;
      const skew = rng.uniform(0.25, 0.5); // share of a cycle spent pulling
      // Elbow-led: the forearm (elevation th0, swing amplitude sw) turns about the elbow.
      const th0 = rng.uniform(-10, 45) * DEG;
      const sw = rng.uniform(15, 45) * DEG * Math.min(1.2, perf.amp);
      const az = sg * rng.uniform(-15, 20) * DEG;
      const elbowAt = sub(center, scale([Math.sin(az) * Math.cos(th0), Math.sin(th0), -Math.cos(az) * Math.cos(th0)], c.fore));
      const foreAt = (th: number): Vec3 => add(elbowAt, scale([Math.sin(az) * Math.cos(th), Math.sin(th), -Math.cos(az) * Math.cos(th)], c.fore));
      const approach = path([
        [lead, c.rests[dom]],
        [ts, center],
      ]);
      const cyc = (t: number) => {
        const ph = (f * (t - ts)) % 1;
        return ph < skew ? 0.5 - 0.5 * Math.cos((Math.PI * ph) / skew) : 0.5 + 0.5 * Math.cos((Math.PI * (ph - skew)) / (1 - skew));
      };
      const wob = smoothNoise(rng, rng.uniform(3, 12) * DEG, 0.2, 1.2, 2);
      hands[dom] = (t) => {
        const u = minJerk((t - lead) / raise);
        if (t < lead) return { p: c.rest(dom, t) };
        if (t < ts) return { p: approach(t), wrist: [-basePitch * u, 0, 0], pron: pron * u };
        const g = t < endT ? cyc(t) : 0;
        const p = style === 'elbow' ? foreAt(th0 + sw * g) : add(center, [0, 0.35 * d * g, d * g]);
        return { p: add(p, c.tremor[dom](t)), wrist: [-(basePitch + curl * g), 0, 0], pron: pron + wob(t)[0] };
      };
      return { duration, onset: lead, complete: ts + Math.min(1.6, n) / f, style: `beckon:${style}:${palm}`, head, hands };
    }
    case 'point': {
      const az = (sg * rng.uniform(-25, 75) + rng.normal(0, 8)) * DEG;
      const el = rng.uniform(-45, 20) * DEG;
      const ext = rng.uniform(0.84, 0.99);
      const target = c.reach(dom, az, el, ext);
      const reach = rng.uniform(0.25, 0.6) / tempo;
      const te = lead + reach;
      const hold = rng.uniform(0.6, 2.2);
      const retract = rng.chance(0.3);
      const endHold = Math.min(te + hold, 2.9);
      const duration = Math.min(3, Math.max(1, endHold + (retract ? rng.uniform(0.2, 0.5) : rng.uniform(0, 0.2))));
      const keys: [number, Vec3][] = [
        [lead, c.rests[dom]],
        [te, target],
        [endHold, add(target, [rng.normal(0, 0.02), rng.normal(0, 0.02), rng.normal(0, 0.02)])],
      ];
      if (retract) keys.push([endHold + 0.45, c.rests[dom]]);
      const pp = path(keys);
      const wp = rng.uniform(-8, 6) * DEG;
      // A held point drifts a little (position and wrist), more for some people than others.
      const drift = smoothNoise(rng, rng.uniform(0.003, 0.025), 0.1, 0.8, 2);
      const wdrift = smoothNoise(rng, rng.uniform(1, 6) * DEG, 0.1, 0.8, 2);
      hands[dom] = (t) => {
        const w = wdrift(t);
        const held = minJerk((t - te) / 0.3);
        return { p: add(add(t < lead ? c.rest(dom, t) : pp(t), c.tremor[dom](t)), scale(drift(t), held)), wrist: [wp + w[0], w[1], 0] };
      };
      // People often look where they point.
      const look = rng.chance(0.6);
      const h2 = withHead(head, (t, h) => (look ? { ...h, yaw: h.yaw + 0.6 * az * minJerk((t - lead) / reach), pitch: h.pitch + 0.5 * el * minJerk((t - lead) / reach) } : h));
      return { duration, onset: lead, complete: te + 0.5, style: `point:${look ? 'look' : 'nolook'}`, head: h2, hands };
    }
    case 'push': {
      const both = rng.chance(0.3);
      const prep = rng.uniform(0.15, 0.45) / tempo;
      const push = rng.uniform(0.15, 0.4) / tempo;
      const tp = lead + prep;
      const te = tp + push;
      const hold = rng.uniform(0.45, 1.6);
      const endHold = Math.min(te + hold, 2.95);
      const duration = Math.min(3, Math.max(1, endHold + rng.uniform(0, 0.2)));
      const y = c.shY + rng.uniform(-0.28, 0.08);
      // Palm out: the wrist extends, tilting the ray up (most of the time) or hardly at all (the
      // controller held level); the forearm rotation swings a tilted ray to either side.
      const palm = (rng.chance(0.75) ? rng.uniform(35, 90) : rng.uniform(-5, 35)) * DEG;
      const mk = (h: 0 | 1): HandFn => {
        const pron = rng.uniform(-35, 35) * DEG;
        const drift = smoothNoise(rng, rng.uniform(0.003, 0.02), 0.1, 0.8, 2);
        const s = c.sg(h);
        const near: Vec3 = [s * rng.uniform(0.05, 0.22), y + rng.uniform(-0.05, 0.05), -rng.uniform(0.12, 0.25)];
        const far = c.reach(h, s * rng.uniform(-22, 8) * DEG, Math.asin(Math.max(-1, Math.min(1, (y - c.shY) / c.arm))), rng.uniform(0.78, 0.97));
        const pp = path([
          [lead, c.rests[h]],
          [tp, near],
          [te, far],
        ]);
        const roll = s * rng.uniform(0, 10) * DEG;
        return (t) => {
          const u = minJerk((t - lead) / prep);
          return { p: add(add(t < lead ? c.rest(h, t) : pp(t), c.tremor[h](t)), scale(drift(t), minJerk((t - te) / 0.3))), wrist: [palm * u, 0, roll], pron: pron * u };
        };
      };
      hands[dom] = mk(dom);
      if (both) hands[other] = mk(other);
      return { duration, onset: lead, complete: te + 0.3, style: `push:${both ? 'both' : 'one'}`, head, hands };
    }
    case 'nod': {
      if (rng.chance(0.4)) {
        // Strokes: down and up with uneven, independent timing and depth (min-jerk each).
        const n = rng.int(1, 3);
        const keys: [number, number][] = [[lead, 0]];
        let t = lead;
        let first = 0;
        const depth = rng.uniform(7, 26) * DEG * perf.amp;
        for (let k = 0; k < n; k++) {
          t += rng.uniform(0.13, 0.4) / tempo;
          keys.push([t, -depth * rng.uniform(0.7, 1.15)]);
          t += rng.uniform(0.13, 0.4) / tempo;
          keys.push([t, rng.uniform(-3, 5) * DEG]);
          if (!k) first = t;
        }
        const pk = spath(keys);
        const duration = Math.min(3, Math.max(1, t + rng.uniform(0.05, 0.4)));
        return { duration, onset: lead, complete: first + 0.05, style: 'nod:strokes', head: withHead(head, (tt, h) => ({ ...h, pitch: h.pitch + pk(tt) })), hands };
      }
      const f = rng.uniform(1.2, 3) * tempo;
      const A = rng.uniform(7, 25) * DEG * perf.amp;
      const n = rng.int(1, 4);
      const ts = lead + rng.uniform(0, 0.2);
      const end = Math.min(ts + n / f, 2.9);
      const duration = Math.min(3, Math.max(1, end + rng.uniform(0.05, 0.4)));
      const upFirst = rng.chance(0.25);
      const h2 = withHead(head, (t, h) => {
        if (t < ts || t > end) return h;
        const ph = 2 * Math.PI * f * (t - ts);
        const v = upFirst ? -Math.sin(ph) * 0.7 : (1 - Math.cos(ph)) / 2;
        return { ...h, pitch: h.pitch - A * v };
      });
      return { duration, onset: ts, complete: ts + 1 / f, style: `nod:${upFirst ? 'sine' : 'down'}`, head: h2, hands };
    }
    case 'shake': {
      if (rng.chance(0.4)) {
        const halves = rng.int(2, 6);
        const a = rng.uniform(10, 35) * DEG * perf.amp;
        const sgn = rng.chance(0.5) ? 1 : -1;
        const keys: [number, number][] = [[lead, 0]];
        let t = lead;
        let second = 0;
        for (let k = 0; k < halves; k++) {
          t += rng.uniform(0.12, 0.35) / tempo;
          keys.push([t, sgn * (k % 2 ? -1 : 1) * a * rng.uniform(0.7, 1.15)]);
          if (k === 1) second = t;
        }
        t += rng.uniform(0.12, 0.3);
        keys.push([t, 0]);
        const yk = spath(keys);
        const duration = Math.min(3, Math.max(1, t + rng.uniform(0.05, 0.4)));
        return { duration, onset: lead, complete: second + 0.05, style: 'shake:strokes', head: withHead(head, (tt, h) => ({ ...h, yaw: h.yaw + yk(tt) })), hands };
      }
      const f = rng.uniform(1.4, 3.5) * tempo;
      const A = rng.uniform(10, 35) * DEG * perf.amp;
      const n = rng.int(1, 4);
      const ts = lead + rng.uniform(0, 0.2);
      const end = Math.min(ts + n / f, 2.9);
      const duration = Math.min(3, Math.max(1, end + rng.uniform(0.05, 0.4)));
      const dir = rng.chance(0.5) ? 1 : -1;
      const h2 = withHead(head, (t, h) => {
        if (t < ts || t > end) return h;
        const env = Math.min(1, (t - ts) * f * 2, (end - t) * f * 2);
        return { ...h, yaw: h.yaw + dir * A * Math.sin(2 * Math.PI * f * (t - ts)) * Math.max(env, 0.4) };
      });
      return { duration, onset: ts, complete: ts + 1 / f, style: 'shake', head: h2, hands };
    }
    default:
      return noneScript(c);
  }
}

/** The kinds of `none` motion, near-misses included. */
export const NONE_STYLES = [
  'idle',
  'walk',
  'look-around',
  'reach',
  'scratch-head',
  'talk',
  'slow-arm',
  'single-swing',
  'brief-point',
  'raised-hand',
  'look-down',
  'turn-body',
  'check-watch',
  'head-tilt',
  'look-down-up',
  'pick-up',
  'walk-look',
  'glance',
  'adjust-headset',
  'drink',
  'drift',
  'poke',
  'rest-shift',
] as const;

function noneScript(c: Ctx, forced?: (typeof NONE_STYLES)[number]): Script {
  const { rng, perf, dom } = c;
  const sg = c.sg(dom);
  const style = forced ?? rng.pick(NONE_STYLES);
  const duration = rng.uniform(1, 3);
  const lead = rng.uniform(0, Math.max(0, duration - 0.9));
  let head = baseHead(c);
  const hands: [HandFn, HandFn] = [c.idleHand(0), c.idleHand(1)];
  let body: Script['body'];
  const tempo = perf.tempo;
  switch (style) {
    case 'idle':
      break;
    case 'walk': {
      const v = rng.uniform(0.3, 1.3);
      const fs = rng.uniform(1.5, 2.2); // steps per second
      const turn = rng.uniform(-40, 40) * DEG;
      const bob = rng.uniform(0.01, 0.035);
      const swing = c.perf.restStyle === 'front' ? rng.uniform(0.02, 0.08) : rng.uniform(0.06, 0.22);
      body = (t) => {
        const yaw = turn * (t / duration);
        const dist = v * t;
        return {
          x: -Math.sin(yaw / 2) * dist,
          z: -Math.cos(yaw / 2) * dist,
          y: bob * Math.cos(2 * Math.PI * fs * t),
          yaw,
        };
      };
      for (const h of [0, 1] as const) {
        const ph = h ? 0 : Math.PI;
        hands[h] = (t) => ({ p: add(c.rest(h, t), [0, swing * 0.2 * Math.abs(Math.sin(Math.PI * fs * t + ph)), swing * Math.sin(Math.PI * fs * t + ph)]) });
      }
      // The head rolls a little with each step.
      const lat = rng.uniform(1, 4) * DEG;
      head = withHead(head, (t, h) => ({ ...h, roll: h.roll + lat * Math.sin(Math.PI * fs * t) }));
      break;
    }
    case 'look-around': {
      const keys: [number, number][] = [[0, 0]];
      const pk: [number, number][] = [[0, 0]];
      let t = lead;
      while (t < duration) {
        const move = rng.uniform(0.35, 1.0);
        keys.push([t, keys[keys.length - 1][1]], [t + move, rng.uniform(-80, 80) * DEG]);
        pk.push([t, pk[pk.length - 1][1]], [t + move, rng.uniform(-25, 15) * DEG]);
        t += move + rng.uniform(0.2, 1.0);
      }
      const yp = spath(keys);
      const pp = spath(pk);
      head = withHead(head, (tt, h) => ({ ...h, yaw: h.yaw + yp(tt), pitch: h.pitch + pp(tt) }));
      break;
    }
    case 'reach': {
      const az = (sg * rng.uniform(-40, 70) + rng.normal(0, 10)) * DEG;
      const el = rng.uniform(-70, 10) * DEG;
      const target = c.reach(dom, az, el, rng.uniform(0.6, 0.98));
      const t1 = lead + rng.uniform(0.4, 0.9) / tempo;
      const dwell = rng.uniform(0.0, 0.35);
      const back = rng.chance(0.5) ? c.rests[dom] : ([sg * 0.1, c.hipY + 0.25, -0.3] as Vec3);
      const pp = path([
        [lead, c.rests[dom]],
        [t1, target],
        [t1 + dwell, target],
        [t1 + dwell + rng.uniform(0.4, 0.9) / tempo, back],
      ]);
      const wp = rng.uniform(-30, 0) * DEG;
      hands[dom] = (t) => ({ p: add(t < lead ? c.rest(dom, t) : pp(t), c.tremor[dom](t)), wrist: [wp, 0, 0] });
      head = withHead(head, (t, h) => ({ ...h, pitch: h.pitch + 0.6 * el * minJerk((t - lead) / 0.5), yaw: h.yaw + 0.5 * az * minJerk((t - lead) / 0.5) }));
      break;
    }
    case 'scratch-head': {
      const spot: Vec3 = [sg * rng.uniform(0.04, 0.12), c.eye + rng.uniform(-0.05, 0.1), rng.uniform(-0.05, 0.05)];
      const t1 = lead + rng.uniform(0.35, 0.7);
      const f = rng.uniform(2.5, 6);
      const a = rng.uniform(0.005, 0.02);
      const t2 = Math.min(duration, t1 + rng.uniform(0.4, 1.5));
      const pp = path([
        [lead, c.rests[dom]],
        [t1, spot],
        [t2, spot],
        [t2 + 0.5, c.rests[dom]],
      ]);
      const wp = rng.uniform(20, 60) * DEG;
      hands[dom] = (t) => {
        const osc = t > t1 && t < t2 ? a * Math.sin(2 * Math.PI * f * t) : 0;
        return { p: add(t < lead ? c.rest(dom, t) : pp(t), [osc * 0.5, osc, 0]), wrist: [wp, 0, 0] };
      };
      break;
    }
    case 'talk': {
      const both = rng.chance(0.5);
      for (const h of both ? ([0, 1] as const) : ([dom] as const)) {
        const center: Vec3 = [c.sg(h) * rng.uniform(0.08, 0.28), c.hipY + rng.uniform(0.1, 0.35), -rng.uniform(0.2, 0.4)];
        const n = smoothNoise(rng, rng.uniform(0.03, 0.12), 0.4, 2.2, 3);
        const wn = smoothNoise(rng, rng.uniform(5, 25) * DEG, 0.3, 1.5, 2);
        const t1 = rng.uniform(0, 0.4);
        const pp = path([
          [0, c.rests[h]],
          [t1, center],
        ]);
        hands[h] = (t) => {
          const w = wn(t);
          return { p: add(pp(t), scale(n(t), minJerk(t / Math.max(t1, 1e-3)))), wrist: [w[0], w[1], w[2] * 2] };
        };
      }
      // Small head movements while talking.
      const hn = smoothNoise(rng, 4 * DEG, 0.5, 2, 2);
      head = withHead(head, (t, h) => {
        const v = hn(t);
        return { ...h, yaw: h.yaw + v[0], pitch: h.pitch + v[1] };
      });
      break;
    }
    case 'slow-arm': {
      const target = c.reach(dom, sg * rng.uniform(-20, 90) * DEG, rng.uniform(-30, 80) * DEG, rng.uniform(0.6, 0.98));
      const t1 = lead + rng.uniform(0.8, 1.8);
      const pp = path([
        [lead, c.rests[dom]],
        [t1, target],
        [t1 + rng.uniform(0.8, 1.8), rng.chance(0.5) ? c.rests[dom] : target],
      ]);
      const wp = rng.uniform(-20, 30) * DEG;
      hands[dom] = (t) => ({ p: add(t < lead ? c.rest(dom, t) : pp(t), c.tremor[dom](t)), wrist: [wp, 0, 0] });
      if (rng.chance(0.3)) {
        const o = 1 - dom;
        const t2 = c.reach(o, -sg * rng.uniform(-20, 90) * DEG, rng.uniform(-30, 80) * DEG, rng.uniform(0.6, 0.98));
        const p2 = path([
          [lead, c.rests[o]],
          [t1, t2],
        ]);
        hands[o] = (t) => ({ p: t < lead ? c.rest(o, t) : p2(t) });
      }
      break;
    }
    case 'single-swing':
    case 'raised-hand': {
      const pivot = add(c.shoulder(dom), [sg * rng.uniform(0.04, 0.28), rng.uniform(-0.16, 0.08), -rng.uniform(0.05, 0.3)]);
      const A = rng.uniform(20, 40) * DEG;
      const t1 = lead + rng.uniform(0.3, 0.6);
      const swingT = rng.uniform(0.15, 0.35);
      const handAt = (th: number): Vec3 => add(pivot, scale(norm([Math.sin(th), Math.cos(th), -0.15]), c.fore));
      const startTh = sg * 0.15 - (style === 'single-swing' ? A / 2 : 0);
      const approach = path([
        [lead, c.rests[dom]],
        [t1, handAt(startTh)],
      ]);
      const lowerAt = t1 + swingT + rng.uniform(0.2, 1.5);
      hands[dom] = (t) => {
        if (t < lead) return { p: c.rest(dom, t) };
        if (t < t1) return { p: approach(t) };
        const th = style === 'single-swing' ? startTh + A * minJerk((t - t1) / swingT) : startTh;
        let p = handAt(th);
        if (t > lowerAt) p = lerp3(p, c.rests[dom], minJerk((t - lowerAt) / 0.5));
        return { p: add(p, c.tremor[dom](t)) };
      };
      break;
    }
    case 'brief-point': {
      const az = (sg * rng.uniform(-25, 75)) * DEG;
      const el = rng.uniform(-40, 15) * DEG;
      const target = c.reach(dom, az, el, rng.uniform(0.84, 0.99));
      const t1 = lead + rng.uniform(0.25, 0.5);
      const hold = rng.uniform(0.0, 0.3);
      const pp = path([
        [lead, c.rests[dom]],
        [t1, target],
        [t1 + hold, target],
        [t1 + hold + rng.uniform(0.25, 0.5), c.rests[dom]],
      ]);
      hands[dom] = (t) => ({ p: add(t < lead ? c.rest(dom, t) : pp(t), c.tremor[dom](t)) });
      break;
    }
    case 'look-down': {
      const p1 = -rng.uniform(15, 50) * DEG;
      const t1 = lead + rng.uniform(0.3, 0.8);
      const back = rng.chance(0.3);
      const pk = spath(back ? [[lead, 0], [t1, p1], [t1 + rng.uniform(0.5, 1.2), p1], [t1 + 2, 0]] : [[lead, 0], [t1, p1]]);
      head = withHead(head, (t, h) => ({ ...h, pitch: h.pitch + pk(t) }));
      break;
    }
    case 'turn-body': {
      const yawTo = rng.uniform(30, 150) * DEG * (rng.chance(0.5) ? 1 : -1);
      const t1 = lead + rng.uniform(0.6, 1.5);
      const yp = spath([
        [lead, 0],
        [t1, yawTo],
      ]);
      body = (t) => ({ x: 0, y: 0, z: 0, yaw: yp(t) });
      head = withHead(head, (t, h) => ({ ...h, yaw: h.yaw + 0.3 * (yp(t + 0.15) - yp(t)) * 3 }));
      break;
    }
    case 'check-watch': {
      const spot: Vec3 = [sg * rng.uniform(-0.05, 0.1), c.shY - rng.uniform(0.05, 0.2), -rng.uniform(0.25, 0.4)];
      const t1 = lead + rng.uniform(0.3, 0.6);
      const pp = path([
        [lead, c.rests[dom]],
        [t1, spot],
        [t1 + rng.uniform(0.4, 1.2), spot],
        [t1 + 1.8, c.rests[dom]],
      ]);
      const wp = rng.uniform(0, 40) * DEG;
      const wr = rng.uniform(60, 100) * DEG * sg;
      hands[dom] = (t) => ({ p: add(t < lead ? c.rest(dom, t) : pp(t), c.tremor[dom](t)), wrist: [wp, 0, wr] });
      head = withHead(head, (t, h) => ({ ...h, pitch: h.pitch - 25 * DEG * minJerk((t - lead) / 0.5) }));
      break;
    }
    case 'look-down-up': {
      // Looking down at something (or up) and back: slower than a nod, with a dwell.
      const up = rng.chance(0.25);
      const d = (up ? 1 : -1) * rng.uniform(12, 60) * DEG;
      const g1 = rng.uniform(0.3, 0.9);
      const dwell = rng.uniform(0.25, 1.5);
      const g2 = rng.uniform(0.3, 1.0);
      const pk = spath([
        [lead, 0],
        [lead + g1, d],
        [lead + g1 + dwell, d * rng.uniform(0.85, 1.05)],
        [lead + g1 + dwell + g2, rng.uniform(-6, 6) * DEG],
      ]);
      head = withHead(head, (t, h) => ({ ...h, pitch: h.pitch + pk(t) }));
      if (rng.chance(0.4)) {
        const reachT = lead + g1 * 0.5;
        const tgt: Vec3 = [sg * rng.uniform(0, 0.3), c.hipY + rng.uniform(-0.1, 0.25), -rng.uniform(0.2, 0.5)];
        const pp = path([
          [reachT, c.rests[dom]],
          [reachT + 0.5, tgt],
          [lead + g1 + dwell, tgt],
          [lead + g1 + dwell + 0.6, c.rests[dom]],
        ]);
        hands[dom] = (t) => ({ p: add(t < reachT ? c.rest(dom, t) : pp(t), c.tremor[dom](t)), wrist: [rng.uniform(-30, 0) * DEG, 0, 0] });
      }
      break;
    }
    case 'pick-up': {
      // Bending down to pick something up: the head drops and comes forward, looks down, returns.
      const drop = rng.uniform(0.12, 0.55);
      const t1 = lead + rng.uniform(0.45, 0.9);
      const t2 = t1 + rng.uniform(0.05, 0.5);
      const t3 = t2 + rng.uniform(0.45, 0.9);
      const bend = spath([
        [lead, 0],
        [t1, 1],
        [t2, 1],
        [t3, rng.chance(0.7) ? 0 : rng.uniform(0.3, 1)],
      ]);
      const fwd = rng.uniform(0.05, 0.3);
      body = (t) => ({ x: 0, y: -drop * bend(t), z: -fwd * bend(t), yaw: 0 });
      const pd = -rng.uniform(10, 45) * DEG;
      head = withHead(head, (t, h) => ({ ...h, pitch: h.pitch + pd * bend(t) }));
      const low: Vec3 = [sg * rng.uniform(0.05, 0.35), c.hipY - rng.uniform(0.0, 0.25), -rng.uniform(0.25, 0.5)];
      const pp = path([
        [lead, c.rests[dom]],
        [t1, low],
        [t2, low],
        [t3, c.rests[dom]],
      ]);
      hands[dom] = (t) => ({ p: add(t < lead ? c.rest(dom, t) : pp(t), c.tremor[dom](t)), wrist: [-rng.uniform(10, 40) * DEG, 0, 0] });
      break;
    }
    case 'walk-look': {
      // Walking with the head bobbing and pitching at the step rate, glancing down at the floor.
      const v = rng.uniform(0.3, 1.3);
      const fs = rng.uniform(1.5, 2.3);
      const turn = rng.uniform(-60, 60) * DEG;
      const bob = rng.uniform(0.015, 0.05);
      body = (t) => {
        const yaw = turn * (t / duration);
        return { x: -Math.sin(yaw / 2) * v * t, z: -Math.cos(yaw / 2) * v * t, y: bob * Math.cos(2 * Math.PI * fs * t), yaw };
      };
      const pa = rng.uniform(0.5, 4) * DEG;
      const ph = rng.uniform(0, 2 * Math.PI);
      const d = -rng.uniform(10, 40) * DEG;
      const tl = rng.uniform(0, duration);
      const g = rng.uniform(0.3, 0.8);
      const dwell = rng.uniform(0.3, 1.2);
      const look = rng.chance(0.6)
        ? spath([
            [tl, 0],
            [tl + g, d],
            [tl + g + dwell, d],
            [tl + 2 * g + dwell, 0],
          ])
        : () => 0;
      head = withHead(head, (t, h) => ({ ...h, pitch: h.pitch + pa * Math.sin(2 * Math.PI * fs * t + ph) + look(t), roll: h.roll + 2 * DEG * Math.sin(Math.PI * fs * t) }));
      const swing = rng.uniform(0.02, 0.15);
      for (const h of [0, 1] as const) {
        const p0 = h ? 0 : Math.PI;
        hands[h] = (t) => ({ p: add(c.rest(h, t), [0, 0.2 * swing * Math.abs(Math.sin(Math.PI * fs * t + p0)), swing * Math.sin(Math.PI * fs * t + p0)]) });
      }
      break;
    }
    case 'glance': {
      const a = rng.uniform(25, 100) * DEG * (rng.chance(0.5) ? 1 : -1);
      const g1 = rng.uniform(0.25, 0.6);
      const dwell = rng.uniform(0.15, 1.2);
      const g2 = rng.uniform(0.3, 0.8);
      const yk = spath([
        [lead, 0],
        [lead + g1, a],
        [lead + g1 + dwell, a],
        [lead + g1 + dwell + g2, rng.uniform(-10, 10) * DEG],
      ]);
      const pv = rng.uniform(-15, 10) * DEG;
      head = withHead(head, (t, h) => ({ ...h, yaw: h.yaw + yk(t), pitch: h.pitch + pv * minJerk((t - lead) / g1) }));
      break;
    }
    case 'adjust-headset': {
      const t1 = lead + rng.uniform(0.35, 0.7);
      const t2 = t1 + rng.uniform(0.3, 1.2);
      for (const h of rng.chance(0.5) ? ([0, 1] as const) : ([dom] as const)) {
        const at: Vec3 = [c.sg(h) * rng.uniform(0.06, 0.12), c.eye + rng.uniform(-0.04, 0.06), rng.uniform(-0.1, 0.02)];
        const pp = path([
          [lead, c.rests[h]],
          [t1, at],
          [t2, add(at, [0, rng.uniform(-0.02, 0.03), 0])],
          [t2 + 0.6, c.rests[h]],
        ]);
        hands[h] = (t) => ({ p: t < lead ? c.rest(h, t) : pp(t), wrist: [rng.uniform(30, 70) * DEG, 0, 0] });
      }
      const pj = rng.uniform(-10, 8) * DEG;
      head = withHead(head, (t, h) => ({ ...h, pitch: h.pitch + pj * Math.max(0, Math.min(1, (t - t1) / 0.3, (t2 + 0.3 - t) / 0.3)) }));
      break;
    }
    case 'drink': {
      const mouth: Vec3 = [sg * rng.uniform(0.0, 0.06), c.eye - rng.uniform(0.08, 0.14), -rng.uniform(0.06, 0.14)];
      const t1 = lead + rng.uniform(0.45, 0.9);
      const t2 = t1 + rng.uniform(0.3, 1.0);
      const pp = path([
        [lead, c.rests[dom]],
        [t1, mouth],
        [t2, mouth],
        [t2 + 0.7, c.rests[dom]],
      ]);
      hands[dom] = (t) => ({ p: t < lead ? c.rest(dom, t) : pp(t), wrist: [rng.uniform(40, 80) * DEG, 0, sg * 80 * DEG] });
      const tilt = rng.uniform(10, 35) * DEG;
      head = withHead(head, (t, h) => ({ ...h, pitch: h.pitch + tilt * Math.max(0, Math.min(1, (t - t1 + 0.1) / 0.35, (t2 + 0.35 - t) / 0.35)) }));
      break;
    }
    case 'drift': {
      for (const h of [0, 1] as const) {
        const n = smoothNoise(rng, rng.uniform(0.04, 0.14), 0.1, 0.7, 3);
        const wn = smoothNoise(rng, rng.uniform(5, 25) * DEG, 0.1, 0.7, 2);
        hands[h] = (t) => {
          const w = wn(t);
          return { p: add(c.rest(h, t), n(t)), wrist: [w[0], w[1], w[2]] };
        };
      }
      break;
    }
    case 'poke': {
      // Pressing buttons on a panel in front: short forward pokes, no hold.
      const center: Vec3 = [sg * rng.uniform(0, 0.25), c.shY - rng.uniform(0.1, 0.35), -rng.uniform(0.3, 0.45)];
      const t1 = lead + rng.uniform(0.3, 0.6);
      const pp = path([
        [lead, c.rests[dom]],
        [t1, center],
      ]);
      const pokes: number[] = [];
      for (let t = t1 + rng.uniform(0.1, 0.4); t < duration; t += rng.uniform(0.35, 0.9)) pokes.push(t);
      const depth = rng.uniform(0.04, 0.12);
      const jit = smoothNoise(rng, 0.03, 0.3, 1.2, 2);
      hands[dom] = (t) => {
        let z = 0;
        for (const tp of pokes) if (t > tp && t < tp + 0.3) z -= depth * Math.sin((Math.PI * (t - tp)) / 0.3);
        return { p: add(add(t < lead ? c.rest(dom, t) : pp(t), [0, 0, z]), t > t1 ? jit(t) : [0, 0, 0]), wrist: [rng.uniform(-20, 10) * DEG, 0, 0] };
      };
      const pd = -rng.uniform(5, 25) * DEG;
      head = withHead(head, (t, h) => ({ ...h, pitch: h.pitch + pd * minJerk((t - lead) / 0.5) }));
      break;
    }
    case 'rest-shift': {
      // Moving one or both hands from one rest pose to another (out to the side, onto the hips,
      // crossing the arms, holding the controllers forward) and staying there.
      for (const h of rng.chance(0.5) ? ([0, 1] as const) : ([dom] as const)) {
        const to = c.restPose(h, rng.pick(REST_KINDS));
        const t1 = lead + rng.uniform(0.3, 1.0);
        const pp = path([
          [lead, c.rests[h]],
          [t1, to],
        ]);
        const w0 = c.restWrist[h];
        const w1: [number, number, number] = [rng.uniform(-30, 60) * DEG, rng.uniform(-20, 20) * DEG, 0];
        hands[h] = (t) => {
          const u = minJerk((t - lead) / (t1 - lead));
          return { p: add(add(pp(t), c.restDrift[h](t)), c.tremor[h](t)), wrist: [w0[0] + (w1[0] - w0[0]) * u, w0[1] + (w1[1] - w0[1]) * u, 0] };
        };
      }
      break;
    }
    case 'head-tilt': {
      const r = rng.uniform(10, 25) * DEG * (rng.chance(0.5) ? 1 : -1);
      const t1 = lead + rng.uniform(0.3, 0.7);
      head = withHead(head, (t, h) => ({ ...h, roll: h.roll + r * minJerk((t - lead) / (t1 - lead)), yaw: h.yaw + 0.2 * r * minJerk((t - lead) / (t1 - lead)) }));
      break;
    }
  }
  return { duration, onset: lead, complete: Infinity, style: `none:${style}`, head, hands, body };
}

/** Solve a two-link arm: the elbow for a hand at `p` from shoulder `s`; returns the clamped hand too. */
function solveArm(s: Vec3, p: Vec3, upper: number, fore: number, side: number): { elbow: Vec3; hand: Vec3 } {
  let d = sub(p, s);
  let dist = len(d);
  const maxD = upper + fore - 1e-3;
  if (dist > maxD) {
    d = scale(d, maxD / dist);
    dist = maxD;
  }
  dist = Math.max(dist, Math.abs(upper - fore) + 0.02);
  const u = norm(d);
  const hand = add(s, scale(u, dist));
  const a = (upper * upper - fore * fore + dist * dist) / (2 * dist);
  const h = Math.sqrt(Math.max(0, upper * upper - a * a));
  const pole: Vec3 = norm([side * 0.6, -1, 0.35]);
  let v = sub(pole, scale(u, dot(pole, u)));
  if (len(v) < 1e-6) v = cross(u, [1, 0, 0]);
  v = norm(v);
  return { elbow: add(add(s, scale(u, a)), scale(v, h)), hand };
}

/** Render a script to frames: world placement, IK, orientation, sampling, noise and dropouts. */
function render(script: Script, c: Ctx, label: GestureLabel): SynthClip {
  const { rng, perf } = c;
  const hz = rng.chance(0.3) ? rng.pick([30, 36, 45, 60, 72, 72, 90, 120]) : Math.round(rng.uniform(30, 120));
  const jitter = rng.pick([0, 0.02, 0.05, 0.1, 0.2]);
  const origin: Vec3 = [rng.uniform(-3, 3), 0, rng.uniform(-3, 3)];
  const yaw0 = rng.uniform(0, 2 * Math.PI);
  const qWorld0 = qaxis([0, 1, 0], yaw0);
  const t0 = rng.chance(0.5) ? 0 : rng.uniform(0, 600);
  const posNoise = rng.uniform(0.2, 1.5) * 1e-3;
  const rotNoise = rng.uniform(0.05, 0.4) * DEG;
  const oneCtl = rng.chance(perf.oneController);
  const dropP = rng.pick([0, 0, 0.005, 0.01, 0.03, 0.06]);
  // Tracked hands instead of controllers: the target ray runs from the shoulder through the hand,
  // and hands flicker in and out of tracking.
  const handTracking = rng.chance(0.08);
  const flicker = rng.chance(0.15) || handTracking ? rng.uniform(0.05, 0.45) : 0;
  const drop = [0, 0];
  const sway = smoothNoise(rng, 0.01 * perf.sway, 0.1, 0.5);
  // Forearm rotation and wrist wobble that tilt the target ray, varying within the clip.
  const pronOff = [0, 1].map(() => perf.pronBias + rng.uniform(-20, 20) * DEG);
  const pronNoise = [0, 1].map(() => smoothNoise(rng, rng.uniform(2, 15) * DEG, 0.1, 1.0, 2));
  const wristNoise = [0, 1].map(() => smoothNoise(rng, rng.uniform(1, 8) * DEG, 0.1, 1.0, 2));
  // Head: physiological tremor and a two-joint neck (part of the pitch and yaw at C7).
  const headTremor = smoothNoise(rng, perf.headTremor, 7, 12, 3);
  const neckK = Math.min(0.7, perf.neckShare * rng.uniform(0.5, 1.5));
  // Tracker: hand latency relative to the head, velocity prediction (overshoots at reversals)
  // and low-pass filtering.
  const lag = rng.chance(0.5) ? rng.uniform(0, 0.05) : 0;
  const predict = rng.chance(0.4) ? rng.uniform(0.3, 1.3) * Math.max(lag, 0.01) : 0;
  const tau = rng.chance(0.4) ? rng.uniform(0.008, 0.05) : 0;
  const lp: ({ p: Vec3; q: Quat; t: number } | null)[] = [null, null];
  const frames: SynthClip['frames'] = [];
  const jitterPose = (p: Vec3, q: Quat): Pose => ({
    p: [p[0] + rng.normal(0, posNoise), p[1] + rng.normal(0, posNoise), p[2] + rng.normal(0, posNoise)],
    q: qnorm(qmul(q, qeuler(rng.normal(0, rotNoise), rng.normal(0, rotNoise), rng.normal(0, rotNoise)))),
  });
  const bodyAt = (tt: number) => {
    const b = script.body?.(tt) ?? { x: 0, y: 0, z: 0, yaw: 0 };
    const qBody = qmul(qWorld0, qaxis([0, 1, 0], b.yaw));
    const toWorld = (p: Vec3): Vec3 => add(add(origin, qrot(qWorld0, [b.x, b.y, b.z])), qrot(qBody, p));
    return { qBody, toWorld };
  };
  /** The (noise-free) world pose of hand `h`'s controller at script time `tt`, or null. */
  const handAt = (h: 0 | 1, tt: number): { p: Vec3; q: Quat } | null => {
    const st = script.hands[h](tt);
    if (!st) return null;
    const { qBody, toWorld } = bodyAt(tt);
    const side = c.sg(h);
    const { elbow, hand } = solveArm(c.shoulder(h), st.p, c.upper, c.fore, side);
    if (handTracking) return { p: toWorld(hand), q: qlook(sub(toWorld(hand), toWorld(c.shoulder(h))), [0, 1, 0]) };
    const forearm = norm(sub(hand, elbow));
    let q = qlook(forearm, norm([0, 1, 0.5]));
    const [wp, wy, wr] = st.wrist ?? [0, 0, 0];
    const wn = wristNoise[h](tt);
    const pron = (st.pron ?? 0) + side * (pronOff[h] + pronNoise[h](tt)[0]);
    q = qmul(qmul(q, qaxis([0, 0, -1], pron)), qeuler(wy + wn[1] + side * perf.gripYaw, wp + wn[0] + perf.gripPitch, wr));
    return { p: toWorld(add(hand, qrot(q, perf.gripOffset))), q: qmul(qBody, q) };
  };
  let t = 0;
  while (t <= script.duration + 1e-9) {
    const { qBody, toWorld } = bodyAt(t);
    const hs = script.head(t);
    const tr = headTremor(t);
    const qHeadLocal = qeuler(hs.yaw + tr[0], hs.pitch + tr[1], hs.roll + tr[2]);
    const c7: Vec3 = add([0, c.eye - 0.25, 0.05], sway(t));
    const atlas = add(c7, qrot(qeuler(hs.yaw * neckK, hs.pitch * neckK, 0), [0, 0.14, 0]));
    const headP = add(atlas, qrot(qHeadLocal, [0, 0.11, -0.08]));
    const frame: SynthClip['frames'][number] = {
      t: t0 + t,
      head: jitterPose(toWorld(headP), qmul(qBody, qHeadLocal)),
      left: null,
      right: null,
    };
    for (const h of [0, 1] as const) {
      if (drop[h] > 0) drop[h]--;
      else if (rng.chance(dropP)) drop[h] = rng.int(1, rng.chance(0.3) ? 25 : 8);
      const cur = drop[h] > 0 || (oneCtl && h !== c.dom) || rng.chance(flicker) ? null : handAt(h, t - lag);
      if (!cur) {
        lp[h] = null;
        continue;
      }
      if (predict > 0) {
        const prev = handAt(h, t - lag - 0.011);
        if (prev) cur.p = add(cur.p, scale(sub(cur.p, prev.p), predict / 0.011));
      }
      const f = lp[h];
      if (tau > 0 && f) {
        const al = 1 - Math.exp(-(t - f.t) / tau);
        f.p = lerp3(f.p, cur.p, al);
        const d = dot4(f.q, cur.q) < 0 ? -1 : 1;
        f.q = qnorm([f.q[0] + (d * cur.q[0] - f.q[0]) * al, f.q[1] + (d * cur.q[1] - f.q[1]) * al, f.q[2] + (d * cur.q[2] - f.q[2]) * al, f.q[3] + (d * cur.q[3] - f.q[3]) * al]);
        f.t = t;
      } else lp[h] = { p: cur.p, q: cur.q, t };
      const out = lp[h]!;
      const pose = jitterPose(out.p, out.q);
      if (h === 0) frame.left = pose;
      else frame.right = pose;
    }
    frames.push(frame);
    let dt = (1 / hz) * (1 + rng.normal(0, jitter));
    dt = Math.max(dt, 0.3 / hz);
    if (rng.chance(0.01)) dt += rng.int(1, 3) / hz; // a hitch
    t += dt;
  }
  return { label, hz, frames, onset: script.onset, complete: script.complete, style: script.style, performer: perf.id };
}

function dot4(a: Quat, b: Quat): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2] + a[3] * b[3];
}

/** Generate one clip of `label` by performer `perf` from `rng`. */
export function synthClip(label: GestureLabel, perf: Performer, rng: Rng): SynthClip {
  for (;;) {
    const c = new Ctx(rng, perf);
    const s = label === 'none' ? noneScript(c) : gestureScript(label, c);
    if (label === 'none' || s.complete <= s.duration - 0.03) return render(s, c, label);
  }
}

/** Generate `perLabel` clips of every label (none gets `noneFactor` times as many) from performers `performers`. */
export function synthDataset(opts: { perLabel: number; seed: number; performers: readonly number[]; noneFactor?: number }): SynthClip[] {
  const rng = createRng(opts.seed);
  const perfs = opts.performers.map(makePerformer);
  const clips: SynthClip[] = [];
  for (const label of GESTURE_LABELS) {
    const n = Math.round(opts.perLabel * (label === 'none' ? (opts.noneFactor ?? 2) : 1));
    for (let i = 0; i < n; i++) clips.push(synthClip(label, rng.pick(perfs), rng));
  }
  return clips;
}

async function cli(args: string[]): Promise<void> {
  const a = parseArgs(args);
  const out = a.get('out');
  if (!out) throw new Error('usage: synth.ts --out DIR [--per-label N] [--seed S]');
  const clips = synthDataset({ perLabel: Number(a.get('per-label') ?? 20), seed: Number(a.get('seed') ?? 1), performers: Array.from({ length: 32 }, (_, i) => i), noneFactor: 1 });
  writeClips(out, clips);
  console.log(`wrote ${clips.length} clips to ${out}`);
}

if (import.meta.url === `file://${process.argv[1]}`) await cli(process.argv.slice(2));
