/**
 * EVALUATION ONLY: never train or tune on its clips.
 *
 * synth-eleventh: labelled motion clips (head + two controllers / tracked wrists) from a motion
 * model unlike the other generators: a game-engine style KEYFRAME ANIMATION SYSTEM, the way an
 * avatar / NPC pipeline produces motion, followed by a model of the tracking hardware.
 *
 * Animation
 * - A 13-joint skeleton (pelvis, spine, chest, neck, head; clavicle, upper arm, forearm, hand per
 *   side), retargeted per person: stature from child-sized to tall adults, arm-length scale,
 *   standing or seated (lower pelvis), handedness, any room position (x, z within ±2.5 m) and yaw.
 * - Each label, and each kind of `none`, is an animation clip authored as a few key poses (joint
 *   rotations) with per-key timing; keys are interpolated per joint with quaternion slerp under a
 *   cubic-Bezier ease, squad (the quaternion Catmull-Rom), or a Bezier with overshoot/settle
 *   (follow-through). Every performance gets tempo and amplitude scaling, key-time jitter and a
 *   varied repetition count within the label's definition.
 * - Layers: the clip is crossfaded from/to an idle pose; an additive idle layer (breathing,
 *   weight shift, sway, micro head motion) runs underneath; a procedural look-at drives neck and
 *   head towards gaze targets that switch saccade-like (critically damped head turns); two-bone
 *   IK places the hand for point, push, reach, clap, etc.; walking uses root motion.
 * - The clip window (1-3 s) is cut from a longer performance so a gesture may start mid-clip and
 *   may still be going on, or have just finished, when the clip ends; the window always holds
 *   the part that makes the label true (e.g. two full swings of a wave, half a second of a point
 *   hold).
 *
 * Trackers (one picked per clip), all producing WebXR local-floor poses ([x, y, z, w] quats):
 * - clean: emulator-like, regular frame times, no noise, never loses the hands;
 * - inside-out: headset cameras + IMU; hands outside the camera cone (or too close to the face,
 *   or in random occlusion episodes) go null, freeze, or coast on their last velocity and then
 *   jump back; pose prediction overshoots on fast reversals; jitter, uneven and dropped frames;
 * - hand tracking: optical wrist poses, noisier correlated orientation, null when out of view.
 * The head pose is the eyes' midpoint with the headset's orientation; a controller pose is the
 * target ray: the hand pose with a grip-to-ray offset, its -z along the forearm/index direction.
 *
 * READING RULE (independence): written after reading only PERCEPTION.md's "Gestures" and "Motion
 * clip format" sections, src/core/types.ts, scripts/gesture/motion-math.ts,
 * scripts/gesture/node-io.ts and tests/support/motion.ts; no other generator, the recognizer,
 * training or eval code, fixtures or data were opened.
 *
 * Usage: node --import tsx scripts/gesture/synth-eleventh.ts --out DIR --per-label N --seed S
 */
import { fileURLToPath } from 'node:url';
import { GESTURE_LABELS, type GestureLabel, type MotionFrame, type Pose, type Quat, type Vec3 } from '../../src/core/types';
import {
  add, createRng, cross, dot, len, lerp3, norm, parseArgs, qaxis, qfromBasis, qmul, qnorm, qrot, qslerp, scale, sub, writeClips,
  type MotionClip, type Rng,
} from './motion-math';

// ---------------------------------------------------------------------------------------------
// Small math
// ---------------------------------------------------------------------------------------------

const D2R = Math.PI / 180;
const ID: Quat = [0, 0, 0, 1];
const ZERO: Vec3 = [0, 0, 0];
const clamp = (x: number, a: number, b: number): number => Math.min(b, Math.max(a, x));
const smooth = (u: number): number => {
  const v = clamp(u, 0, 1);
  return v * v * (3 - 2 * v);
};
/** Rotations about the body axes, in degrees. rx(+) pitches up / swings an arm forward, ry(+) turns left. */
const rx = (deg: number): Quat => qaxis([1, 0, 0], deg * D2R);
const ry = (deg: number): Quat => qaxis([0, 1, 0], deg * D2R);
const rz = (deg: number): Quat => qaxis([0, 0, 1], deg * D2R);
const qdot = (a: Quat, b: Quat): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2] + a[3] * b[3];
const qconj = (q: Quat): Quat => [-q[0], -q[1], -q[2], q[3]];
const align = (ref: Quat, q: Quat): Quat => (qdot(ref, q) < 0 ? [-q[0], -q[1], -q[2], -q[3]] : q);
function qlog(q: Quat): Vec3 {
  const s = Math.hypot(q[0], q[1], q[2]);
  if (s < 1e-9) return [0, 0, 0];
  const th = Math.atan2(s, q[3]);
  return [(q[0] * th) / s, (q[1] * th) / s, (q[2] * th) / s];
}
function qexp(v: Vec3): Quat {
  const th = len(v);
  if (th < 1e-9) return [0, 0, 0, 1];
  const k = Math.sin(th) / th;
  return [v[0] * k, v[1] * k, v[2] * k, Math.cos(th)];
}
/** Squad inner control point for key `cur`; a hold on either side keeps a zero tangent. */
function squadCtrl(prev: Quat, cur: Quat, next: Quat): Quat {
  const p = align(cur, prev);
  const n = align(cur, next);
  if (qdot(p, cur) > 0.999999 || qdot(n, cur) > 0.999999) return cur;
  const inv = qconj(cur);
  return qnorm(qmul(cur, qexp(scale(add(qlog(qmul(inv, n)), qlog(qmul(inv, p))), -0.25))));
}
/** Direction for a yaw (left positive) and pitch (up positive), degrees, in the body frame. */
const dirYP = (yaw: number, pitch: number): Vec3 => qrot(qmul(ry(yaw), rx(pitch)), [0, 0, -1]);
/** Yaw/pitch (degrees, same convention) from `from` towards `to`. */
function yawPitchTo(from: Vec3, to: Vec3): [number, number] {
  const d = sub(to, from);
  return [Math.atan2(-d[0], -d[2]) / D2R, Math.atan2(d[1], Math.hypot(d[0], d[2])) / D2R];
}

// ---------------------------------------------------------------------------------------------
// Interpolation curves
// ---------------------------------------------------------------------------------------------

type Curve = { kind: 'bezier'; x1: number; y1: number; x2: number; y2: number } | { kind: 'catmull' } | { kind: 'linear' };

/** CSS-style cubic-bezier timing function (P0 = 0,0; P3 = 1,1). y2 > 1 overshoots and settles. */
function bezierEase(c: { x1: number; y1: number; x2: number; y2: number }, u: number): number {
  const bx = (s: number) => 3 * (1 - s) * (1 - s) * s * c.x1 + 3 * (1 - s) * s * s * c.x2 + s * s * s;
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 22; i++) {
    const mid = (lo + hi) / 2;
    if (bx(mid) < u) lo = mid;
    else hi = mid;
  }
  const s = (lo + hi) / 2;
  return 3 * (1 - s) * (1 - s) * s * c.y1 + 3 * (1 - s) * s * s * c.y2 + s * s * s;
}
const easeCurve = (rng: Rng): Curve => ({ kind: 'bezier', x1: rng.uniform(0.25, 0.55), y1: rng.uniform(0, 0.1), x2: rng.uniform(0.42, 0.75), y2: rng.uniform(0.9, 1) });
/** Near-linear start, overshoot past the key and settle back: follow-through. */
const overshootCurve = (rng: Rng, max = 0.18): Curve => {
  const x1 = rng.uniform(0.15, 0.3);
  return { kind: 'bezier', x1, y1: x1 * rng.uniform(0.7, 1), x2: rng.uniform(0.5, 0.7), y2: 1 + rng.uniform(0.04, max) };
};
/** Hermite with Catmull-Rom tangents on non-uniform key times; holds keep a zero tangent. */
function catmull3(p0: Vec3, p1: Vec3, p2: Vec3, p3: Vec3, t0: number, t1: number, t2: number, t3: number, u: number): Vec3 {
  const still = (a: Vec3, b: Vec3) => len(sub(a, b)) < 1e-6;
  const m1 = still(p0, p1) || still(p1, p2) ? ZERO : scale(sub(p2, p0), (t2 - t1) / Math.max(1e-6, t2 - t0));
  const m2 = still(p1, p2) || still(p2, p3) ? ZERO : scale(sub(p3, p1), (t2 - t1) / Math.max(1e-6, t3 - t1));
  const u2 = u * u;
  const u3 = u2 * u;
  return add(add(scale(p1, 2 * u3 - 3 * u2 + 1), scale(m1, u3 - 2 * u2 + u)), add(scale(p2, -2 * u3 + 3 * u2), scale(m2, u3 - u2)));
}

// ---------------------------------------------------------------------------------------------
// Skeleton and person (retargeting)
// ---------------------------------------------------------------------------------------------

const JOINTS = ['pelvis', 'spine', 'chest', 'neck', 'head', 'lClav', 'lUpper', 'lFore', 'lHand', 'rClav', 'rUpper', 'rFore', 'rHand'] as const;
type Joint = (typeof JOINTS)[number];
const PARENT: Record<Joint, Joint | null> = {
  pelvis: null, spine: 'pelvis', chest: 'spine', neck: 'chest', head: 'neck',
  lClav: 'chest', lUpper: 'lClav', lFore: 'lUpper', lHand: 'lFore',
  rClav: 'chest', rUpper: 'rClav', rFore: 'rUpper', rHand: 'rFore',
};
type SkelPose = Record<Joint, Quat>;
/** +1 right, -1 left. */
type Side = 1 | -1;
type HandKey = 'l' | 'r';
const hk = (s: Side): HandKey => (s === 1 ? 'r' : 'l');
const J = (s: Side, part: 'Clav' | 'Upper' | 'Fore' | 'Hand'): Joint => `${hk(s)}${part}` as Joint;
interface Xf { p: Vec3; q: Quat }
type Skel = Record<Joint, Xf>;

/**
 * Arm angles (degrees). The rest arm hangs down, palm facing the thigh. Shoulder order: horizontal
 * flexion (about the vertical), abduction, flexion, external rotation about the upper arm.
 */
interface ArmA { elev?: number; prot?: number; hflex?: number; flex?: number; abd?: number; ext?: number; elbow?: number; pron?: number; wflex?: number; wdev?: number }

/** Write one arm's local rotations (clavicle, shoulder, elbow + forearm roll, wrist), mirrored per side. */
function setArm(pose: SkelPose, s: Side, a: ArmA): SkelPose {
  pose[J(s, 'Clav')] = qmul(rz(s * (a.elev ?? 0)), ry(s * (a.prot ?? 0)));
  pose[J(s, 'Upper')] = qmul(qmul(qmul(ry(s * (a.hflex ?? 0)), rz(s * (a.abd ?? 0))), rx(a.flex ?? 0)), ry(-s * (a.ext ?? 0)));
  pose[J(s, 'Fore')] = qmul(rx(a.elbow ?? 0), ry(s * (a.pron ?? 0)));
  pose[J(s, 'Hand')] = qmul(rz(-s * (a.wflex ?? 0)), rx(a.wdev ?? 0));
  return pose;
}

/** Forward kinematics from local rotations and bone offsets. */
function fk(off: Record<Joint, Vec3>, pose: SkelPose, rootP: Vec3, rootQ: Quat): Skel {
  const out = {} as Skel;
  for (const j of JOINTS) {
    const par = PARENT[j];
    if (!par) out[j] = { p: add(rootP, qrot(rootQ, off[j])), q: qmul(rootQ, pose[j]) };
    else out[j] = { p: add(out[par].p, qrot(out[par].q, off[j])), q: qmul(out[par].q, pose[j]) };
  }
  return out;
}

interface Osc { a: number; f: number; ph: number }
const osc = (xs: readonly Osc[], t: number): number => xs.reduce((acc, o) => acc + o.a * Math.sin(2 * Math.PI * o.f * t + o.ph), 0);
const oscs = (rng: Rng, n: number, a: [number, number], f: [number, number]): Osc[] =>
  Array.from({ length: n }, () => ({ a: rng.uniform(a[0], a[1]) / n, f: rng.uniform(f[0], f[1]), ph: rng.uniform(0, 2 * Math.PI) }));

interface Person {
  H: number; seated: boolean; dom: Side; pos: Vec3; yaw: number;
  L1: number; L2: number; Lg: number;
  off: Record<Joint, Vec3>;
  eye: Vec3; headsetPitch: number;
  idleArm: Record<HandKey, ArmA>;
  idle: SkelPose;
  headPitch: number; slouch: number;
  rest: { sh: Record<HandKey, Vec3>; wrist: Record<HandKey, Vec3>; fingers: Record<HandKey, Vec3>; palm: Record<HandKey, Vec3>; head: Vec3; eyes: Vec3 };
  layer: { breathF: number; breathPh: number; breathA: number; shiftX: Osc[]; shiftZ: Osc[]; pelvisYaw: Osc[]; pelvisRoll: Osc[]; headYaw: Osc[]; headPitch: Osc[]; headRoll: Osc[]; armL: Osc[]; armR: Osc[] };
  tremor: { a: number; f: number; ph: number };
}

function makePerson(rng: Rng, canSit: boolean): Person {
  const H = rng.chance(0.15) ? rng.uniform(1.15, 1.5) : rng.uniform(1.5, 1.97);
  const seated = canSit && rng.chance(0.22);
  const armS = rng.uniform(0.94, 1.06);
  const L1 = 0.186 * H * armS;
  const L2 = 0.146 * H * armS;
  const Lg = 0.045 * H;
  const hipH = seated ? rng.uniform(0.46, 0.58) * Math.min(1, 0.45 + (0.55 * H) / 1.7) : 0.53 * H;
  const off = {} as Record<Joint, Vec3>;
  off.pelvis = [0, hipH, 0];
  off.spine = [0, 0.06 * H, 0];
  off.chest = [0, 0.13 * H, 0];
  off.neck = [0, 0.1 * H, 0.004 * H];
  off.head = [0, 0.06 * H, -0.004 * H];
  for (const s of [1, -1] as Side[]) {
    off[J(s, 'Clav')] = [s * 0.02 * H, 0.085 * H, 0];
    off[J(s, 'Upper')] = [s * rng.uniform(0.095, 0.105) * H, 0.005 * H, 0.008 * H];
    off[J(s, 'Fore')] = [0, -L1, 0];
    off[J(s, 'Hand')] = [0, -L2, 0];
  }
  const style = seated ? 'lap' : rng.chance(0.7) ? 'hang' : 'front';
  const arm = (): ArmA =>
    style === 'hang'
      ? { prot: rng.uniform(0, 5), abd: rng.uniform(4, 12), flex: rng.uniform(-2, 10), ext: rng.uniform(-5, 10), elbow: rng.uniform(8, 25), pron: rng.uniform(5, 35), wflex: rng.uniform(0, 12) }
      : style === 'front'
        ? { prot: rng.uniform(3, 8), abd: rng.uniform(0, 8), flex: rng.uniform(12, 28), ext: rng.uniform(-25, -5), elbow: rng.uniform(55, 80), pron: rng.uniform(30, 70), wflex: rng.uniform(0, 15) }
        : { prot: rng.uniform(0, 6), abd: rng.uniform(4, 14), flex: rng.uniform(15, 35), ext: rng.uniform(-15, 0), elbow: rng.uniform(45, 70), pron: rng.uniform(40, 80), wflex: rng.uniform(0, 15) };
  const idleArm: Record<HandKey, ArmA> = { l: arm(), r: arm() };
  const headPitch = rng.uniform(-10, 2);
  const slouch = seated ? rng.uniform(2, 12) : rng.uniform(-2, 6);
  const idle = Object.fromEntries(JOINTS.map((j) => [j, ID])) as SkelPose;
  idle.spine = rx(-slouch * 0.5);
  idle.chest = rx(-slouch * 0.5);
  idle.neck = rx(slouch * 0.4 + headPitch * 0.4);
  idle.head = rx(slouch * 0.4 + headPitch * 0.6);
  setArm(idle, -1, idleArm.l);
  setArm(idle, 1, idleArm.r);
  const eye: Vec3 = [0, 0.055 * H, -0.045 * H];
  const sk = fk(off, idle, [0, 0, 0], ID);
  const rest: Person['rest'] = {
    sh: { l: sk.lUpper.p, r: sk.rUpper.p }, wrist: { l: sk.lHand.p, r: sk.rHand.p },
    fingers: { l: qrot(sk.lHand.q, [0, -1, 0]), r: qrot(sk.rHand.q, [0, -1, 0]) },
    palm: { l: qrot(sk.lHand.q, [1, 0, 0]), r: qrot(sk.rHand.q, [-1, 0, 0]) },
    head: sk.head.p, eyes: add(sk.head.p, qrot(sk.head.q, eye)),
  };
  return {
    H, seated, dom: rng.chance(0.88) ? 1 : -1, pos: [rng.uniform(-2.5, 2.5), 0, rng.uniform(-2.5, 2.5)], yaw: rng.uniform(-180, 180),
    L1, L2, Lg, off, eye, headsetPitch: rng.uniform(-6, 8), idleArm, idle, headPitch, slouch, rest,
    layer: {
      breathF: rng.uniform(0.2, 0.4), breathPh: rng.uniform(0, 6.28), breathA: rng.uniform(0.5, 1.5),
      shiftX: oscs(rng, 2, seated ? [0.002, 0.006] : [0.006, 0.025], [0.05, 0.3]), shiftZ: oscs(rng, 2, [0.003, 0.012], [0.05, 0.3]),
      pelvisYaw: oscs(rng, 2, [0.5, 2.5], [0.05, 0.3]), pelvisRoll: oscs(rng, 2, [0.3, 1.5], [0.05, 0.3]),
      headYaw: oscs(rng, 3, [0.5, 2], [0.2, 1.5]), headPitch: oscs(rng, 3, [0.4, 1.5], [0.2, 1.5]), headRoll: oscs(rng, 2, [0.2, 1], [0.2, 1]),
      armL: oscs(rng, 2, [0.5, 2], [0.1, 0.6]), armR: oscs(rng, 2, [0.5, 2], [0.1, 0.6]),
    },
    tremor: { a: rng.uniform(0.0002, 0.001), f: rng.uniform(8, 12), ph: rng.uniform(0, 6.28) },
  };
}

/** Additive idle layer: breathing, weight shift, sway, micro head and arm motion. */
function idleLayer(P: Person, t: number): { q: Partial<Record<Joint, Quat>>; root: Vec3 } {
  const L = P.layer;
  const br = Math.sin(2 * Math.PI * L.breathF * t + L.breathPh);
  return {
    root: [osc(L.shiftX, t), 0, osc(L.shiftZ, t)],
    q: {
      pelvis: qmul(ry(osc(L.pelvisYaw, t)), rz(osc(L.pelvisRoll, t))),
      chest: rx(br * L.breathA),
      neck: rx(-br * L.breathA * 0.6),
      lClav: rz(-br * L.breathA * 0.7),
      rClav: rz(br * L.breathA * 0.7),
      head: qmul(qmul(ry(osc(L.headYaw, t)), rx(osc(L.headPitch, t))), rz(osc(L.headRoll, t))),
      lUpper: rx(osc(L.armL, t)),
      rUpper: rx(osc(L.armR, t)),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Keyframe clips
// ---------------------------------------------------------------------------------------------

/** IK goal in the body frame: wrist position, finger direction, palm normal, weight. */
interface IkKey { w: number; p: Vec3; fwd: Vec3; palm: Vec3 }
interface Key { t: number; pose: SkelPose; curve: Curve; ik: Record<HandKey, IkKey | null>; root: Vec3; lookW: number }
interface KeyOpts { curve?: Curve; l?: IkKey | null; r?: IkKey | null; root?: Vec3; lookW?: number; jitter?: number; raw?: boolean }
const ik = (p: Vec3, fwd: Vec3, palm: Vec3, w = 1): IkKey => ({ w, p, fwd: norm(fwd), palm: norm(palm) });
const onSide = (s: Side, k: IkKey): { l?: IkKey; r?: IkKey } => (s === 1 ? { r: k } : { l: k });

interface LookTarget { t: number; yaw: number; pitch: number }
interface Walk { start: number; stop: number; speed: number; turn: number; stepHz: number; bob: number; sway: number }
interface Perf { keys: Key[]; fadeIn: number; fadeOut: number; core: [number, number]; look: LookTarget[]; lookOmega: number; chestFollow: number; walk: Walk | null }

/** Authoring helper: appends keys with tempo scaling and key-time jitter. */
class Anim {
  readonly keys: Key[] = [];
  t: number;
  constructor(readonly P: Person, readonly rng: Rng, readonly tempo: number, start: number) {
    this.t = start;
  }
  base(): SkelPose {
    return { ...this.P.idle };
  }
  arm(s: Side, a: ArmA, pose = this.base()): SkelPose {
    return setArm(pose, s, { ...this.P.idleArm[hk(s)], ...a });
  }
  /** Head yaw/pitch/roll (degrees) on top of the idle head, split between neck and head. */
  head(yaw: number, pitch: number, roll = 0, neckShare = 0.35, pose = this.base()): SkelPose {
    const P = this.P;
    pose.neck = qmul(rx(P.slouch * 0.4 + P.headPitch * 0.4), qmul(qmul(ry(yaw * neckShare), rx(pitch * neckShare)), rz(roll * neckShare)));
    pose.head = qmul(rx(P.slouch * 0.4 + P.headPitch * 0.6), qmul(qmul(ry(yaw * (1 - neckShare)), rx(pitch * (1 - neckShare))), rz(roll * (1 - neckShare))));
    return pose;
  }
  spine(pitch: number, yaw = 0, roll = 0, pose = this.base()): SkelPose {
    const q = qmul(qmul(ry(yaw / 2), rx(pitch / 2)), rz(roll / 2));
    pose.spine = qmul(rx(-this.P.slouch * 0.5), q);
    pose.chest = qmul(rx(-this.P.slouch * 0.5), q);
    return pose;
  }
  curve(): Curve {
    const u = this.rng();
    return u < 0.6 ? easeCurve(this.rng) : u < 0.85 ? { kind: 'catmull' } : overshootCurve(this.rng);
  }
  /** Append a key `dt` seconds after the previous one (tempo-scaled unless `raw`, jittered). */
  add(dt: number, pose: SkelPose, o: KeyOpts = {}): number {
    if (this.keys.length) {
      const j = o.jitter ?? 0.07;
      const k = 1 + clamp(this.rng.normal(0, j), -2 * j, 2 * j);
      this.t += Math.max(0.03, dt * (o.raw ? 1 : this.tempo) * k);
    }
    this.keys.push({ t: this.t, pose, curve: o.curve ?? this.curve(), ik: { l: o.l ?? null, r: o.r ?? null }, root: o.root ?? ZERO, lookW: o.lookW ?? 1 });
    return this.t;
  }
  /** Hold the previous key. */
  hold(dt: number, o: KeyOpts = {}): number {
    const k = this.keys[this.keys.length - 1];
    return this.add(dt, k.pose, { curve: { kind: 'linear' }, l: k.ik.l, r: k.ik.r, root: k.root, lookW: k.lookW, ...o });
  }
  finish(core: [number, number], look: LookTarget[], o: Partial<Pick<Perf, 'lookOmega' | 'chestFollow' | 'walk'>> = {}): Perf {
    // Keys without an IK goal for a side that has one elsewhere get the nearest goal at weight 0.
    for (const h of ['l', 'r'] as HandKey[]) {
      const idx = this.keys.map((k, i) => (k.ik[h] ? i : -1)).filter((i) => i >= 0);
      if (!idx.length) continue;
      this.keys.forEach((k, i) => {
        if (k.ik[h]) return;
        const near = idx.reduce((b, x) => (Math.abs(x - i) < Math.abs(b - i) ? x : b), idx[0]);
        k.ik[h] = { ...(this.keys[near].ik[h] as IkKey), w: 0 };
      });
    }
    return {
      keys: this.keys, fadeIn: this.rng.uniform(0.15, 0.35), fadeOut: this.rng.uniform(0.4, 0.65), core, look,
      lookOmega: o.lookOmega ?? this.rng.uniform(8, 13), chestFollow: o.chestFollow ?? 0.1, walk: o.walk ?? null,
    };
  }
}

interface AnimSample { pose: SkelPose; ik: Record<HandKey, IkKey | null>; root: Vec3; lookW: number }

function sampleKeys(keys: readonly Key[], t: number): AnimSample {
  const n = keys.length;
  const at = (k: Key): AnimSample => ({ pose: k.pose, ik: k.ik, root: k.root, lookW: k.lookW });
  if (n === 1 || t <= keys[0].t) return at(keys[0]);
  if (t >= keys[n - 1].t) return at(keys[n - 1]);
  let i = 0;
  while (keys[i + 1].t <= t) i++;
  const a = keys[i];
  const b = keys[i + 1];
  const k0 = keys[Math.max(0, i - 1)];
  const k3 = keys[Math.min(n - 1, i + 2)];
  const u = (t - a.t) / (b.t - a.t);
  const c = b.curve;
  const e = c.kind === 'bezier' ? bezierEase(c, u) : u; // catmull: squad / Hermite on the raw parameter
  const pose = {} as SkelPose;
  for (const j of JOINTS) {
    if (c.kind === 'catmull') {
      const q0 = a.pose[j];
      const q1 = align(q0, b.pose[j]);
      const s0 = align(q0, squadCtrl(k0.pose[j], q0, q1));
      const s1 = align(q1, squadCtrl(q0, q1, k3.pose[j]));
      pose[j] = qnorm(qslerp(qslerp(q0, q1, u), qslerp(s0, s1, u), 2 * u * (1 - u)));
    } else pose[j] = qnorm(qslerp(a.pose[j], b.pose[j], e));
  }
  const ikOut: Record<HandKey, IkKey | null> = { l: null, r: null };
  for (const h of ['l', 'r'] as HandKey[]) {
    const ia = a.ik[h];
    const ib = b.ik[h];
    if (!ia || !ib) continue;
    const p = c.kind === 'catmull'
      ? catmull3((k0.ik[h] ?? ia).p, ia.p, ib.p, (k3.ik[h] ?? ib).p, k0.t, a.t, b.t, k3.t, u)
      : lerp3(ia.p, ib.p, e);
    const ew = c.kind === 'catmull' ? smooth(u) : clamp(e, 0, 1);
    ikOut[h] = { w: ia.w + (ib.w - ia.w) * ew, p, fwd: norm(lerp3(ia.fwd, ib.fwd, ew)), palm: norm(lerp3(ia.palm, ib.palm, ew)) };
  }
  return { pose, ik: ikOut, root: lerp3(a.root, b.root, e), lookW: a.lookW + (b.lookW - a.lookW) * clamp(e, 0, 1) };
}

// ---------------------------------------------------------------------------------------------
// Procedural tracks: look-at spring and root motion, precomputed at 240 Hz
// ---------------------------------------------------------------------------------------------

interface Tracks { dt: number; n: number; lookYaw: Float64Array; lookPitch: Float64Array; yaw: Float64Array; x: Float64Array; z: Float64Array; walkW: Float64Array }

function buildTracks(P: Person, perf: Perf, horizon: number): Tracks {
  const dt = 1 / 240;
  const n = Math.ceil(horizon / dt) + 2;
  const tk: Tracks = { dt, n, lookYaw: new Float64Array(n), lookPitch: new Float64Array(n), yaw: new Float64Array(n), x: new Float64Array(n), z: new Float64Array(n), walkW: new Float64Array(n) };
  let gi = 0;
  let y = perf.look[0].yaw;
  let p = perf.look[0].pitch;
  let vy = 0;
  let vp = 0;
  const w = perf.lookOmega;
  let hd = P.yaw;
  let x = P.pos[0];
  let z = P.pos[2];
  for (let i = 0; i < n; i++) {
    const t = i * dt;
    while (gi + 1 < perf.look.length && perf.look[gi + 1].t <= t) gi++;
    const g = perf.look[gi];
    vy += (w * w * (g.yaw - y) - 2 * w * vy) * dt;
    vp += (w * w * (g.pitch - p) - 2 * w * vp) * dt;
    y += vy * dt;
    p += vp * dt;
    let ww = 0;
    if (perf.walk) {
      const W = perf.walk;
      ww = smooth((t - W.start) / 0.5) * (1 - smooth((t - W.stop) / 0.6));
      hd += W.turn * ww * dt;
      x += -Math.sin(hd * D2R) * W.speed * ww * dt;
      z += -Math.cos(hd * D2R) * W.speed * ww * dt;
    }
    tk.lookYaw[i] = y;
    tk.lookPitch[i] = p;
    tk.yaw[i] = hd;
    tk.x[i] = x;
    tk.z[i] = z;
    tk.walkW[i] = ww;
  }
  return tk;
}
const track = (tk: Tracks, a: Float64Array, t: number): number => {
  const f = clamp(t / tk.dt, 0, tk.n - 1.001);
  const i = Math.floor(f);
  return a[i] + (a[i + 1] - a[i]) * (f - i);
};

// ---------------------------------------------------------------------------------------------
// Evaluation: crossfade, layers, look-at, FK, two-bone IK
// ---------------------------------------------------------------------------------------------

/** Hand rotation whose -y runs along the fingers and whose palm faces `palm`. */
function handBasis(s: Side, fwd: Vec3, palm: Vec3): Quat {
  const y = scale(norm(fwd), -1);
  const xr = scale(palm, -s);
  let x = sub(xr, scale(y, dot(xr, y)));
  if (len(x) < 1e-4) x = cross(y, [0, 0, 1]);
  x = norm(x);
  return qfromBasis(x, y, cross(x, y));
}

/** Two-bone IK: world rotations of upper arm and forearm reaching `wrist`, elbow towards `pole`. */
function solveIk(sh: Vec3, wrist: Vec3, L1: number, L2: number, pole: Vec3): { upper: Quat; fore: Quat } {
  const e = norm(sub(wrist, sh));
  const d = clamp(len(sub(wrist, sh)), 0.25 * (L1 + L2), 0.985 * (L1 + L2));
  const cosA = clamp((L1 * L1 + d * d - L2 * L2) / (2 * L1 * d), -1, 1);
  let pp = sub(pole, scale(e, dot(pole, e)));
  if (len(pp) < 1e-4) pp = cross(e, [1, 0, 0]);
  pp = norm(pp);
  const elbow = add(sh, scale(add(scale(e, cosA), scale(pp, Math.sqrt(1 - cosA * cosA))), L1));
  const w = add(sh, scale(e, d));
  const du = norm(sub(elbow, sh));
  const df = norm(sub(w, elbow));
  let n = cross(du, df);
  if (len(n) < 1e-6) n = cross(du, pp);
  n = norm(n);
  const basis = (dir: Vec3) => {
    const y = scale(dir, -1);
    return qfromBasis(n, y, cross(n, y));
  };
  return { upper: basis(du), fore: basis(df) };
}

interface Body { eyes: Xf; hands: Record<HandKey, Xf> }

function evalBody(P: Person, perf: Perf, tk: Tracks, t: number): Body {
  const keys = perf.keys;
  const kN = keys[keys.length - 1].t;
  const w = smooth((t - keys[0].t) / perf.fadeIn) * (1 - smooth((t - kN) / perf.fadeOut));
  const a = sampleKeys(keys, t);
  const pose = {} as SkelPose;
  const idle = idleLayer(P, t);
  for (const j of JOINTS) {
    pose[j] = qslerp(P.idle[j], a.pose[j], w);
    const d = idle.q[j];
    if (d) pose[j] = qmul(pose[j], d);
  }
  let rootOff = add(scale(a.root, w), idle.root);
  const ww = track(tk, tk.walkW, t);
  if (perf.walk && ww > 0) {
    const ph = Math.PI * perf.walk.stepHz * (t - perf.walk.start);
    rootOff = add(rootOff, [perf.walk.sway * ww * Math.sin(ph), -perf.walk.bob * ww * (0.5 + 0.5 * Math.cos(2 * ph)), 0]);
    pose.pelvis = qmul(pose.pelvis, ry(4 * ww * Math.sin(ph)));
    pose.chest = qmul(pose.chest, ry(-3 * ww * Math.sin(ph)));
  }
  // Procedural look-at, weighted by the clip's look channel.
  const lw = 1 + (a.lookW - 1) * w;
  const ly = track(tk, tk.lookYaw, t) * lw;
  const lp = track(tk, tk.lookPitch, t) * lw;
  const cf = perf.chestFollow;
  pose.spine = qmul(pose.spine, ry(ly * cf * 0.4));
  pose.chest = qmul(pose.chest, ry(ly * cf * 0.6));
  pose.neck = qmul(pose.neck, qmul(ry(ly * (1 - cf) * 0.4), rx(lp * 0.35)));
  pose.head = qmul(pose.head, qmul(ry(ly * (1 - cf) * 0.6), rx(lp * 0.65)));
  const rootQ = ry(track(tk, tk.yaw, t));
  const rootP: Vec3 = [track(tk, tk.x, t), 0, track(tk, tk.z, t)];
  const sk = fk(P.off, pose, add(rootP, qrot(rootQ, rootOff)), rootQ);
  for (const s of [1, -1] as Side[]) {
    const g = a.ik[hk(s)];
    const wi = g ? g.w * w : 0;
    if (!g || wi < 1e-4) continue;
    const hq = handBasis(s, qrot(rootQ, g.fwd), qrot(rootQ, g.palm));
    const sh = sk[J(s, 'Upper')].p;
    const sol = solveIk(sh, add(rootP, qrot(rootQ, g.p)), P.L1, P.L2, qrot(rootQ, [s * 0.55, -1, 0.35]));
    const uq = qslerp(sk[J(s, 'Upper')].q, sol.upper, wi);
    const fq = qslerp(sk[J(s, 'Fore')].q, sol.fore, wi);
    const elbow = add(sh, qrot(uq, [0, -P.L1, 0]));
    sk[J(s, 'Upper')] = { p: sh, q: uq };
    sk[J(s, 'Fore')] = { p: elbow, q: fq };
    sk[J(s, 'Hand')] = { p: add(elbow, qrot(fq, [0, -P.L2, 0])), q: qslerp(sk[J(s, 'Hand')].q, hq, wi) };
  }
  return { eyes: { p: add(sk.head.p, qrot(sk.head.q, P.eye)), q: sk.head.q }, hands: { l: sk.lHand, r: sk.rHand } };
}

// ---------------------------------------------------------------------------------------------
// Gesture clips (PERCEPTION.md "Gestures")
// ---------------------------------------------------------------------------------------------

type Builder = (P: Person, rng: Rng, tempo: number) => Perf;
const gestureSide = (P: Person, rng: Rng): Side => (rng.chance(0.78) ? P.dom : (-P.dom as Side));
/** Gaze re-fixations (saccade-like head turns) around a base direction. */
function gaze(rng: Rng, until: number, base: [number, number], spread: number, dwell: [number, number], from = 0): LookTarget[] {
  const out: LookTarget[] = [{ t: 0, yaw: base[0] + rng.normal(0, spread), pitch: base[1] + rng.normal(0, spread * 0.5) }];
  for (let t = from + rng.uniform(dwell[0] * 0.5, dwell[1]); t < until; t += rng.uniform(dwell[0], dwell[1]))
    out.push({ t, yaw: base[0] + rng.normal(0, spread), pitch: base[1] + rng.normal(0, spread * 0.5) });
  return out;
}
const addressee = (rng: Rng, until: number) => gaze(rng, until, [rng.normal(0, 8), rng.normal(-2, 4)], 3, [0.8, 2.5]);

/** wave: hand at/above shoulder height, side-to-side swings at 1.6-3.3 Hz, at least two full cycles. */
const buildWave: Builder = (P, rng, tempo) => {
  const s = gestureSide(P, rng);
  const an = new Anim(P, rng, tempo, rng.uniform(0, 1));
  const f = rng.uniform(1.6, 3.3);
  const style = rng.pick(['elbow', 'elbow', 'shoulder', 'wrist'] as const);
  const ampMax = 2.4 / (2 * Math.PI * f * (P.L2 + P.Lg)) / D2R;
  const amp = Math.min(rng.uniform(16, 34), ampMax) * (style === 'wrist' ? 0.75 : 1);
  const abd = rng.uniform(60, 88);
  const e0 = 180 - abd + rng.uniform(-12, 8);
  const up: ArmA = { elev: rng.uniform(5, 15), prot: rng.uniform(0, 8), abd, hflex: rng.uniform(28, 50), flex: rng.uniform(5, 25), ext: rng.uniform(70, 90), elbow: e0, pron: rng.uniform(-15, 15), wflex: rng.uniform(-20, 5), wdev: 0 };
  const lean = -s * rng.uniform(0, 4);
  // The swing is authored at the elbow as a rotation of the forearm about the body's forward axis
  // (a 3-DOF elbow key, as animation rigs allow), so the hand sweeps in the frontal plane; the
  // 'shoulder' style adds a little whole-arm roll, the 'wrist' style a radial/ulnar flick.
  const swing = (k: number): SkelPose => {
    const pose = an.spine(0, 0, lean, an.arm(s, style === 'wrist' ? { ...up, wdev: k * amp * 0.8 } : up));
    const cl = pose[J(s, 'Clav')];
    if (style === 'shoulder') pose[J(s, 'Upper')] = qmul(qmul(qconj(cl), rz(k * amp * 0.3)), qmul(cl, pose[J(s, 'Upper')]));
    const ub = qmul(cl, pose[J(s, 'Upper')]);
    const fDeg = k * amp * (style === 'elbow' ? 1 : style === 'shoulder' ? 0.65 : 0.55);
    pose[J(s, 'Fore')] = qnorm(qmul(qmul(qconj(ub), rz(fDeg)), qmul(ub, pose[J(s, 'Fore')])));
    return pose;
  };
  an.add(0, an.base());
  an.add(rng.uniform(0.45, 0.7), swing(0), { curve: easeCurve(rng) });
  const oc: Curve = rng.chance(0.5) ? { kind: 'catmull' } : easeCurve(rng);
  const first = rng.chance(0.5) ? 1 : -1;
  const cycles = rng.int(2, 4);
  const tSwing = an.t;
  const ext: number[] = [];
  for (let k = 0; k < 2 * cycles; k++) ext.push(an.add(k ? 0.5 / f : 0.25 / f, swing(k % 2 ? -first : first), { raw: true, curve: oc, jitter: 0.04 }));
  an.add(0.25 / f, swing(0), { raw: true, curve: oc, jitter: 0.04 });
  if (rng.chance(0.75)) {
    an.hold(rng.uniform(0, 0.3));
    an.add(rng.uniform(0.5, 0.8), an.base(), { curve: easeCurve(rng) });
  }
  return an.finish([tSwing, ext[3] + 0.05], addressee(rng, an.t + 4));
};

/** beckon: hand in front of the chest, pulled towards the body two to four times. */
const buildBeckon: Builder = (P, rng, tempo) => {
  const s = gestureSide(P, rng);
  const an = new Anim(P, rng, tempo, rng.uniform(0, 1));
  const palmUp = rng.chance(0.7);
  const f = rng.uniform(0.9, 2.1);
  const amp = rng.uniform(0.65, 1.1);
  const out: ArmA = { prot: rng.uniform(0, 8), abd: rng.uniform(5, 20), flex: rng.uniform(30, 45), ext: rng.uniform(-10, 10), elbow: rng.uniform(65, 80), pron: palmUp ? rng.uniform(-95, -70) : rng.uniform(0, 30), wflex: rng.uniform(-15, 0) };
  const inn: ArmA = { ...out, flex: (out.flex ?? 0) - amp * rng.uniform(25, 35), elbow: (out.elbow ?? 0) + amp * rng.uniform(45, 60), wflex: amp * rng.uniform(30, 55) };
  const outPose = an.arm(s, out);
  const inPose = an.spine(rng.uniform(-3, 2), 0, 0, an.arm(s, inn));
  an.add(0, an.base());
  const tOut = an.add(rng.uniform(0.45, 0.7), outPose, { curve: easeCurve(rng) });
  const oc: Curve = rng.chance(0.5) ? { kind: 'catmull' } : easeCurve(rng);
  const pulls = rng.int(2, 4);
  const ins: number[] = [];
  for (let k = 0; k < pulls; k++) {
    ins.push(an.add(0.5 / f, inPose, { raw: true, curve: oc, jitter: 0.06 }));
    an.add(0.5 / f, outPose, { raw: true, curve: oc, jitter: 0.06 });
  }
  if (rng.chance(0.7)) an.add(rng.uniform(0.5, 0.8), an.base(), { curve: easeCurve(rng) });
  return an.finish([tOut - 0.05, ins[1] + 0.1], addressee(rng, an.t + 4));
};

/** point: arm extended by IK, ray along the arm towards a target, held still 0.65-1.6 s. */
const buildPoint: Builder = (P, rng, tempo) => {
  const s = gestureSide(P, rng);
  const h = hk(s);
  const an = new Anim(P, rng, tempo, rng.uniform(0, 1));
  const yaw = -s * rng.uniform(-25, 60);
  const pitch = rng.uniform(-30, 22);
  const dir = dirYP(yaw, pitch);
  const wrist = add(P.rest.sh[h], scale(dir, rng.uniform(0.9, 0.98) * (P.L1 + P.L2)));
  const fwd = norm(add(dir, [0, rng.uniform(-0.08, 0.05), 0]));
  const palm: Vec3 = [-s * rng.uniform(0.5, 1), rng.uniform(-1, -0.2), 0];
  const rest = ik(P.rest.wrist[h], P.rest.fingers[h], P.rest.palm[h], 0);
  an.add(0, an.base(), onSide(s, rest));
  const tUp = an.add(rng.uniform(0.45, 0.75), an.arm(s, { flex: 80 + pitch, abd: Math.max(5, -s * yaw), elbow: 10 }), {
    ...onSide(s, ik(wrist, fwd, palm)), curve: rng.chance(0.3) ? overshootCurve(rng, 0.08) : easeCurve(rng),
  });
  an.hold(rng.uniform(0.7, 1.6), { raw: true, jitter: 0 }); // the hold is the label's substance: no tempo scaling
  if (rng.chance(0.6)) an.add(rng.uniform(0.5, 0.8), an.base(), { ...onSide(s, rest), curve: easeCurve(rng) });
  const look = [...addressee(rng, tUp - 0.3), { t: tUp - rng.uniform(0.2, 0.5), yaw: yaw * 0.8, pitch }];
  return an.finish([tUp - 0.1, tUp + 0.6], look.sort((x, y) => x.t - y.t), { chestFollow: 0.25 });
};

/** push: hand(s) pushed forward, palm out, fingers up, then held. */
const buildPush: Builder = (P, rng, tempo) => {
  const s = gestureSide(P, rng);
  const sides: Side[] = rng.chance(0.25) ? [1, -1] : [s];
  const an = new Anim(P, rng, tempo, rng.uniform(0, 1));
  const goals = (stage: 'rest' | 'cock' | 'out'): KeyOpts => {
    const o: KeyOpts = {};
    for (const si of sides) {
      const h = hk(si);
      const sh = P.rest.sh[h];
      const fwd: Vec3 = [si * rng.uniform(-0.25, 0.05), 1, -rng.uniform(0, 0.3)];
      const k = stage === 'rest' ? ik(P.rest.wrist[h], P.rest.fingers[h], P.rest.palm[h], 0)
        : stage === 'cock' ? ik(add(sh, [-si * rng.uniform(0, 0.06), -rng.uniform(0.12, 0.22), -rng.uniform(0.15, 0.25)]), fwd, [0, 0.1, -1])
          : ik(add(sh, [si * rng.uniform(-0.12, 0.04), rng.uniform(-0.12, 0.06), -rng.uniform(0.8, 0.95) * (P.L1 + P.L2)]), fwd, [0, 0.15, -1]);
      o[h] = k;
    }
    return o;
  };
  const fkCock = sides.reduce((p, si) => an.arm(si, { flex: 35, elbow: 110, wflex: -60 }, p), an.base());
  const fkOut = sides.reduce((p, si) => an.arm(si, { flex: 80, elbow: 15, wflex: -70 }, p), an.base());
  an.add(0, an.base(), goals('rest'));
  const tCock = an.add(rng.uniform(0.35, 0.5), fkCock, { ...goals('cock'), curve: easeCurve(rng) });
  const tOut = an.add(rng.uniform(0.3, 0.45), an.spine(-rng.uniform(0, 6), 0, 0, fkOut), { ...goals('out'), curve: rng.chance(0.4) ? overshootCurve(rng, 0.1) : easeCurve(rng) });
  an.hold(rng.uniform(0.55, 1.4), { raw: true, jitter: 0 });
  if (rng.chance(0.6)) an.add(rng.uniform(0.55, 0.8), an.base(), { ...goals('rest'), curve: easeCurve(rng) });
  return an.finish([tCock - 0.1, tOut + 0.45], addressee(rng, an.t + 4));
};

/** nod: head pitched down and back up one to three times. */
const buildNod: Builder = (P, rng, tempo) => {
  const an = new Anim(P, rng, tempo, rng.uniform(0, 1.2));
  const n = rng.int(1, 3);
  const f = rng.uniform(1.2, 3);
  const A = Math.min(rng.uniform(9, 24), 80 / f);
  const ns = rng.uniform(0.25, 0.5);
  const oc: Curve = rng.chance(0.5) ? { kind: 'catmull' } : easeCurve(rng);
  an.add(0, an.base());
  const t0 = an.add(rng.uniform(0.1, 0.3), an.base(), { lookW: 0.25 });
  const ups: number[] = [];
  for (let k = 0; k < n; k++) {
    const a = A * rng.uniform(0.8, 1.15);
    an.add(0.5 / f, an.spine(-a * 0.08, 0, 0, an.head(0, -a, 0, ns)), { raw: true, curve: oc, lookW: 0.25, jitter: 0.06 });
    ups.push(an.add(0.5 / f, an.head(0, k < n - 1 ? a * rng.uniform(0, 0.2) : 0, 0, ns), { raw: true, curve: oc, lookW: 0.25, jitter: 0.06 }));
  }
  an.add(0.3, an.base(), { lookW: 1 });
  return an.finish([t0, ups[0] + 0.05], addressee(rng, an.t + 4), { lookOmega: rng.uniform(6, 9) });
};

/** shake: head turned left and right one to three times. */
const buildShake: Builder = (P, rng, tempo) => {
  const an = new Anim(P, rng, tempo, rng.uniform(0, 1.2));
  const cycles = rng.int(1, 3);
  const f = rng.uniform(1.5, 3.3);
  const A = Math.min(rng.uniform(12, 35), 55 / f);
  const ns = rng.uniform(0.25, 0.45);
  const first = rng.chance(0.5) ? 1 : -1;
  const oc: Curve = rng.chance(0.5) ? { kind: 'catmull' } : easeCurve(rng);
  an.add(0, an.base());
  const t0 = an.add(rng.uniform(0.1, 0.3), an.base(), { lookW: 0.2 });
  const ext: number[] = [];
  for (let k = 0; k < 2 * cycles; k++) {
    const y = (k % 2 ? -first : first) * A * rng.uniform(0.85, 1.15);
    ext.push(an.add(k ? 0.5 / f : 0.25 / f, an.head(y, rng.uniform(-3, 1), 0, ns), { raw: true, curve: oc, lookW: 0.2, jitter: 0.05 }));
  }
  an.add(0.25 / f, an.base(), { raw: true, curve: oc, lookW: 0.2 });
  an.add(0.25, an.base(), { lookW: 1 });
  return an.finish([t0, ext[1] + 0.25 / f], addressee(rng, an.t + 4), { lookOmega: rng.uniform(6, 9) });
};

// ---------------------------------------------------------------------------------------------
// `none` clips: everyday motion that is not one of the gestures
// ---------------------------------------------------------------------------------------------

/** Standing or seated idle with the odd fidget and slow gaze changes. */
const noneIdle: Builder = (P, rng, tempo) => {
  const an = new Anim(P, rng, tempo, rng.uniform(0, 0.5));
  const s: Side = rng.chance(0.5) ? 1 : -1;
  an.add(0, an.base());
  an.hold(rng.uniform(0.3, 1.2));
  if (rng.chance(0.6)) {
    const a = P.idleArm[hk(s)];
    an.add(rng.uniform(0.6, 1), an.arm(s, { elbow: (a.elbow ?? 0) + rng.uniform(10, 30), pron: (a.pron ?? 0) + rng.uniform(-20, 30), flex: (a.flex ?? 0) + rng.uniform(0, 10) }), { root: [rng.uniform(-0.03, 0.03), 0, 0] });
    an.hold(rng.uniform(0.3, 1));
    an.add(rng.uniform(0.6, 1), an.base());
  }
  an.hold(1);
  return an.finish([an.keys[0].t, an.keys[0].t + 1.5], gaze(rng, 6, [rng.normal(0, 15), rng.normal(-6, 6)], 10, [0.7, 2]));
};

/** Walking with root motion, arm swing keyed to the steps, looking ahead. */
const noneWalk: Builder = (P, rng, tempo) => {
  const lead = rng.uniform(0, 0.8);
  const an = new Anim(P, rng, tempo, lead);
  const stepHz = rng.uniform(1.5, 2.0);
  const speed = rng.uniform(0.4, 1.1);
  const A = rng.uniform(6, 18) * (0.6 + speed * 0.5);
  const swing = (k: number) => {
    const p = an.base();
    for (const s of [1, -1] as Side[]) {
      const a = P.idleArm[hk(s)];
      an.arm(s, { flex: (a.flex ?? 0) + s * k * A, elbow: (a.elbow ?? 0) + 6 + Math.max(0, s * k) * 10 }, p);
    }
    return p;
  };
  an.add(0, an.base());
  const n = Math.ceil(4 * stepHz);
  for (let k = 0; k < n; k++) an.add(k ? 1 / stepHz : 0.5 / stepHz, swing(k % 2 ? 1 : -1), { raw: true, jitter: 0.02, curve: { kind: 'catmull' } });
  const walk: Walk = {
    start: lead - rng.uniform(0, 1.2), stop: rng.chance(0.35) ? lead + rng.uniform(1.2, 2.2) : 99, speed, turn: rng.chance(0.4) ? rng.uniform(-40, 40) : 0,
    stepHz, bob: rng.uniform(0.01, 0.03), sway: rng.uniform(0.008, 0.025),
  };
  return an.finish([lead, lead + 1.4], gaze(rng, 6, [rng.normal(0, 6), rng.uniform(-20, -3)], 8, [0.6, 1.8]), { walk });
};

/** Looking around: large, slow head-and-torso turns with dwell, then back. */
const noneLookAround: Builder = (P, rng, tempo) => {
  const lead = rng.uniform(0, 0.6);
  const an = new Anim(P, rng, tempo, lead);
  an.add(0, an.base());
  an.hold(4);
  const look: LookTarget[] = [{ t: 0, yaw: rng.normal(0, 8), pitch: rng.normal(-4, 4) }];
  let side = rng.chance(0.5) ? 1 : -1;
  for (let t = lead + rng.uniform(0, 0.4); t < lead + 4; t += rng.uniform(0.6, 1.4)) {
    look.push({ t, yaw: side * rng.uniform(25, 80), pitch: rng.uniform(-25, 20) });
    if (rng.chance(0.6)) side = -side;
  }
  return an.finish([lead, lead + 2], look, { lookOmega: rng.uniform(4.5, 7), chestFollow: rng.uniform(0.2, 0.4) });
};

/** Reaching for an object (table, shelf or low), grasping it and bringing it up to look at. */
const noneReach: Builder = (P, rng, tempo) => {
  const s = gestureSide(P, rng);
  const h = hk(s);
  const an = new Anim(P, rng, tempo, rng.uniform(0, 0.6));
  const objY = P.seated ? P.off.pelvis[1] + rng.uniform(0.15, 0.3) : rng.uniform(0.4, 1.25);
  const obj: Vec3 = [s * rng.uniform(-0.05, 0.35), objY, -rng.uniform(0.3, 0.55)];
  const low = !P.seated && objY < 0.85 * (P.H / 1.75);
  const fromAbove = rng.chance(0.6);
  const fwd = fromAbove ? norm(add(norm(sub(obj, P.rest.sh[h])), [0, -0.8, 0])) : norm(sub(obj, P.rest.sh[h]));
  const palm: Vec3 = fromAbove ? [0, -1, 0] : [-s, 0, 0];
  const grasp = ik(sub(obj, scale(fwd, P.Lg)), fwd, palm);
  const rest = ik(P.rest.wrist[h], P.rest.fingers[h], P.rest.palm[h], 0);
  const crouch: Vec3 = low ? [0, -rng.uniform(0.1, 0.3) * (P.H / 1.75), 0] : ZERO;
  const lean = low ? -rng.uniform(20, 35) : -rng.uniform(3, 12);
  const inspect = ik(add(P.rest.sh[h], [-s * rng.uniform(0.08, 0.16), -rng.uniform(0.15, 0.28), -rng.uniform(0.22, 0.32)]), [-s * 0.5, 0.3, -1], [0, 1, 0.3]);
  an.add(0, an.base(), onSide(s, rest));
  const tReach = an.add(rng.uniform(0.6, 0.9), an.spine(lean, 0, 0, an.arm(s, { flex: 50, elbow: 20 })), { ...onSide(s, grasp), root: crouch, curve: easeCurve(rng) });
  an.hold(rng.uniform(0.12, 0.3));
  const tUp = an.add(rng.uniform(0.55, 0.85), an.arm(s, { flex: 30, elbow: 100 }), { ...onSide(s, inspect), curve: easeCurve(rng) });
  an.hold(rng.uniform(0.3, 1));
  if (rng.chance(0.4)) an.add(rng.uniform(0.6, 0.9), an.base(), { ...onSide(s, rest), curve: easeCurve(rng) });
  const eyes = P.rest.eyes;
  const [oy, op] = yawPitchTo(eyes, obj);
  const [iy, ip] = yawPitchTo(eyes, inspect.p);
  const look: LookTarget[] = [{ t: 0, yaw: rng.normal(0, 8), pitch: -5 }, { t: Math.max(0, an.keys[0].t - 0.2), yaw: oy, pitch: op }, { t: tUp - 0.3, yaw: iy, pitch: ip }];
  return an.finish([an.keys[0].t, tReach + 0.8], look, { chestFollow: 0.2 });
};

/** Scratching the head: hand up to the scalp, small fast rubs (4-6 Hz, ~1 cm), down again. */
const noneScratch: Builder = (P, rng, tempo) => {
  const s = gestureSide(P, rng);
  const h = hk(s);
  const an = new Anim(P, rng, tempo, rng.uniform(0, 0.6));
  const spot = add(P.rest.head, [s * rng.uniform(0.03, 0.09), rng.uniform(0.07, 0.13), rng.uniform(-0.02, 0.06)]);
  const wrist = add(P.rest.head, [s * rng.uniform(0.1, 0.15), rng.uniform(-0.02, 0.06), rng.uniform(-0.04, 0.06)]);
  const fwd = norm(sub(spot, wrist));
  const palm = norm(sub(P.rest.head, wrist));
  const rest = ik(P.rest.wrist[h], P.rest.fingers[h], P.rest.palm[h], 0);
  const tilt = an.head(0, -rng.uniform(0, 8), -s * rng.uniform(2, 8));
  an.add(0, an.base(), onSide(s, rest));
  an.add(rng.uniform(0.7, 1), an.arm(s, { flex: 60, abd: 60, elbow: 130 }, tilt), { ...onSide(s, ik(wrist, fwd, palm)), lookW: 0.5, curve: easeCurve(rng) });
  const f = rng.uniform(4, 6);
  const amp = rng.uniform(0.006, 0.014);
  const n = rng.int(3, 7);
  for (let k = 0; k < n; k++) an.add(0.5 / f, tilt, { ...onSide(s, ik(add(wrist, [0, (k % 2 ? -1 : 1) * amp, (k % 2 ? 1 : -1) * amp * 0.5]), fwd, palm)), raw: true, jitter: 0.1, lookW: 0.5, curve: { kind: 'catmull' } });
  an.hold(rng.uniform(0, 0.3));
  an.add(rng.uniform(0.6, 0.9), an.base(), { ...onSide(s, rest), curve: easeCurve(rng) });
  return an.finish([an.keys[0].t, an.keys[2].t + 0.6], addressee(rng, 6));
};

/** Adjusting the headset with one or both hands at the sides of the head. */
const noneHeadset: Builder = (P, rng, tempo) => {
  const s = gestureSide(P, rng);
  const sides: Side[] = rng.chance(0.7) ? [1, -1] : [s];
  const an = new Anim(P, rng, tempo, rng.uniform(0, 0.6));
  const at = (dy: number, dz: number, w: number): KeyOpts => {
    const o: KeyOpts = {};
    for (const si of sides) {
      const h = hk(si);
      o[h] = w === 0 ? ik(P.rest.wrist[h], P.rest.fingers[h], P.rest.palm[h], 0) : ik(add(P.rest.head, [si * 0.14, -0.02 + dy, -0.05 + dz]), [0, 1, -0.25], [-si, 0, 0]);
    }
    return o;
  };
  const up = sides.reduce((p, si) => an.arm(si, { flex: 70, abd: 55, elbow: 130 }, p), an.base());
  an.add(0, an.base(), at(0, 0, 0));
  an.add(rng.uniform(0.7, 1), up, { ...at(0, 0, 1), curve: easeCurve(rng), lookW: 0.6 });
  const n = rng.int(1, 2);
  for (let k = 0; k < n; k++) {
    const dy = rng.uniform(0.005, 0.025);
    const dz = rng.uniform(-0.02, 0.02);
    an.add(rng.uniform(0.2, 0.35), an.head(rng.uniform(-3, 3), rng.uniform(-4, 4), 0, 0.35, { ...up }), { ...at(dy, dz, 1), lookW: 0.6 });
    an.add(rng.uniform(0.2, 0.35), up, { ...at(0, 0, 1), lookW: 0.6 });
  }
  an.hold(rng.uniform(0, 0.3));
  an.add(rng.uniform(0.6, 0.9), an.base(), { ...at(0, 0, 0), curve: easeCurve(rng) });
  return an.finish([an.keys[0].t, an.keys[1].t + 0.8], addressee(rng, 6));
};

/** Clapping: both hands meet in front of the chest 3-8 times. */
const noneClap: Builder = (P, rng, tempo) => {
  const an = new Anim(P, rng, tempo, rng.uniform(0, 0.6));
  const cy = (P.rest.sh.l[1] + P.rest.sh.r[1]) / 2 - rng.uniform(0.1, 0.3);
  const cz = -rng.uniform(0.25, 0.4);
  const cx = rng.uniform(-0.05, 0.05);
  const fwd: Vec3 = [0, rng.uniform(0.2, 0.8), -1];
  const hands = (gap: number, w = 1): KeyOpts => ({
    l: w ? ik([cx - gap - 0.03, cy, cz], fwd, [1, 0, 0]) : ik(P.rest.wrist.l, P.rest.fingers.l, P.rest.palm.l, 0),
    r: w ? ik([cx + gap + 0.03, cy, cz], fwd, [-1, 0, 0]) : ik(P.rest.wrist.r, P.rest.fingers.r, P.rest.palm.r, 0),
  });
  const up = an.arm(-1, { flex: 40, elbow: 90 }, an.arm(1, { flex: 40, elbow: 90 }));
  const f = rng.uniform(2, 4);
  const gap = Math.min(rng.uniform(0.06, 0.14), 0.55 / f);
  an.add(0, an.base(), hands(0, 0));
  const t0 = an.add(rng.uniform(0.45, 0.7), up, { ...hands(gap), curve: easeCurve(rng) });
  const n = rng.int(3, 8);
  const shut: Curve = { kind: 'bezier', x1: 0.5, y1: 0, x2: 0.9, y2: 0.9 };
  for (let k = 0; k < n; k++) {
    an.add(0.5 / f, up, { ...hands(0), raw: true, curve: shut, jitter: 0.05 });
    an.add(0.5 / f, up, { ...hands(gap), raw: true, curve: easeCurve(rng), jitter: 0.05 });
  }
  an.add(rng.uniform(0.5, 0.8), an.base(), { ...hands(0, 0), curve: easeCurve(rng) });
  return an.finish([t0 - 0.2, t0 + 1.2], addressee(rng, 6));
};

/** Stretching: arms slowly overhead or out to the sides, held, lowered. */
const noneStretch: Builder = (P, rng, tempo) => {
  const an = new Anim(P, rng, tempo, rng.uniform(0, 0.5));
  const overhead = rng.chance(0.6);
  const arm: ArmA = overhead
    ? { elev: 15, flex: rng.uniform(145, 170), abd: -rng.uniform(5, 25), elbow: rng.uniform(5, 25), pron: rng.uniform(-20, 40), wflex: rng.uniform(-30, 0) }
    : { elev: 8, abd: rng.uniform(75, 95), flex: rng.uniform(-10, 10), ext: rng.uniform(0, 40), elbow: rng.uniform(0, 15), wflex: rng.uniform(-40, 0) };
  const pose = an.head(0, rng.uniform(0, 12), 0, 0.4, an.spine(rng.uniform(3, 12), 0, 0, an.arm(-1, arm, an.arm(1, arm))));
  an.add(0, an.base());
  const t1 = an.add(rng.uniform(0.9, 1.3), pose, { curve: easeCurve(rng), lookW: 0.4 });
  an.hold(rng.uniform(0.4, 1.1));
  an.add(rng.uniform(0.9, 1.3), an.base(), { curve: easeCurve(rng) });
  return an.finish([t1 - 0.6, t1 + 0.8], addressee(rng, 6), { lookOmega: 6 });
};

/** Talking with the hands: beat and open-palm gestures around the gesture space. */
const noneTalk: Builder = (P, rng, tempo) => {
  const an = new Anim(P, rng, tempo, rng.uniform(0, 0.5));
  const both = rng.chance(0.5);
  const s = gestureSide(P, rng);
  const sides: Side[] = both ? [1, -1] : [s];
  const centre = (si: Side): Vec3 => add(P.rest.sh[hk(si)], [-si * rng.uniform(0, 0.1), -rng.uniform(0.2, 0.35), -rng.uniform(0.22, 0.35)]);
  const c: Record<HandKey, Vec3> = { l: centre(-1), r: centre(1) };
  const beat = (w: number, spread: number): KeyOpts => {
    const o: KeyOpts = {};
    for (const si of sides) {
      const h = hk(si);
      o[h] = w ? ik(add(c[h], [rng.normal(0, spread), rng.normal(0, spread), rng.normal(0, spread * 0.6)]), [si * rng.uniform(0, 0.6), rng.uniform(-0.3, 0.3), -1], [-si * rng.uniform(0.2, 1), rng.uniform(0.3, 1), 0])
        : ik(P.rest.wrist[h], P.rest.fingers[h], P.rest.palm[h], 0);
    }
    return o;
  };
  const up = sides.reduce((p, si) => an.arm(si, { flex: 30, elbow: 85 }, p), an.base());
  an.add(0, an.base(), beat(0, 0));
  const t0 = an.add(rng.uniform(0.45, 0.7), up, { ...beat(1, 0.03), curve: easeCurve(rng) });
  const n = rng.int(4, 8);
  for (let k = 0; k < n; k++) an.add(rng.uniform(0.25, 0.55), an.head(rng.normal(0, 4), rng.normal(0, 2), rng.normal(0, 2), 0.35, { ...up }), { ...beat(1, rng.uniform(0.03, 0.08)), jitter: 0.1 });
  an.add(rng.uniform(0.5, 0.8), an.base(), { ...beat(0, 0), curve: easeCurve(rng) });
  return an.finish([t0, t0 + 1.2], addressee(rng, 6));
};

/** Checking a wristwatch: forearm raised across the body, head looks down at it, then back. */
const noneCheckWrist: Builder = (P, rng, tempo) => {
  const s: Side = rng.chance(0.8) ? (-P.dom as Side) : P.dom;
  const h = hk(s);
  const an = new Anim(P, rng, tempo, rng.uniform(0, 0.6));
  const wrist = add(P.rest.sh[h], [-s * rng.uniform(0.08, 0.18), -rng.uniform(0.2, 0.32), -rng.uniform(0.22, 0.32)]);
  const rest = ik(P.rest.wrist[h], P.rest.fingers[h], P.rest.palm[h], 0);
  an.add(0, an.base(), onSide(s, rest));
  const t1 = an.add(rng.uniform(0.5, 0.8), an.arm(s, { flex: 40, elbow: 95, pron: 80 }), { ...onSide(s, ik(wrist, [-s, 0.15, -0.3], [0, -1, 0])), curve: easeCurve(rng) });
  an.hold(rng.uniform(0.6, 1.3));
  const t2 = an.add(rng.uniform(0.5, 0.8), an.base(), { ...onSide(s, rest), curve: easeCurve(rng) });
  const [wy, wp] = yawPitchTo(P.rest.eyes, wrist);
  const look: LookTarget[] = [{ t: 0, yaw: rng.normal(0, 6), pitch: -4 }, { t: t1 - 0.25, yaw: wy, pitch: wp }, { t: t2 - rng.uniform(0.3, 0.6), yaw: rng.normal(0, 6), pitch: -4 }];
  return an.finish([t1 - 0.4, t1 + 0.8], look, { lookOmega: rng.uniform(5, 8) });
};

/** Crossing the arms over the chest and holding them there. */
const noneCrossArms: Builder = (P, rng, tempo) => {
  const an = new Anim(P, rng, tempo, rng.uniform(0, 0.6));
  const top: Side = rng.chance(0.5) ? 1 : -1;
  const y = (P.rest.sh.l[1] + P.rest.sh.r[1]) / 2 - rng.uniform(0.17, 0.24);
  const goal = (w: number): KeyOpts => {
    const o: KeyOpts = {};
    for (const si of [1, -1] as Side[]) {
      const h = hk(si);
      o[h] = w ? ik([-si * rng.uniform(0.1, 0.15), y + (si === top ? 0.03 : 0), si === top ? -0.19 : -0.15], [-si, 0, 0.25], [0, 0, 1]) : ik(P.rest.wrist[h], P.rest.fingers[h], P.rest.palm[h], 0);
    }
    return o;
  };
  an.add(0, an.base(), goal(0));
  const t1 = an.add(rng.uniform(0.7, 1.0), an.arm(-1, { flex: 25, elbow: 120 }, an.arm(1, { flex: 25, elbow: 120 })), { ...goal(1), curve: easeCurve(rng) });
  an.hold(rng.uniform(1, 2.5));
  return an.finish([t1 - 0.5, t1 + 1], gaze(rng, 6, [rng.normal(0, 10), rng.normal(-3, 4)], 6, [0.8, 2]));
};

/** A single small sideways head tilt, held, sometimes returned. */
const noneHeadTilt: Builder = (P, rng, tempo) => {
  const an = new Anim(P, rng, tempo, rng.uniform(0, 0.8));
  const roll = (rng.chance(0.5) ? 1 : -1) * rng.uniform(6, 15);
  an.add(0, an.base());
  const t1 = an.add(rng.uniform(0.35, 0.7), an.head(rng.normal(0, 3), rng.normal(0, 3), roll, 0.3), { curve: easeCurve(rng), lookW: 0.7 });
  an.hold(rng.uniform(0.4, 1.2));
  if (rng.chance(0.5)) an.add(rng.uniform(0.45, 0.8), an.base(), { curve: easeCurve(rng) });
  return an.finish([t1 - 0.5, t1 + 0.5], addressee(rng, 6));
};

const NONE_KINDS: readonly { w: number; sit: boolean; build: Builder }[] = [
  { w: 1.2, sit: true, build: noneIdle }, { w: 1.2, sit: false, build: noneWalk }, { w: 1.2, sit: true, build: noneLookAround },
  { w: 1.2, sit: true, build: noneReach }, { w: 0.8, sit: true, build: noneScratch }, { w: 0.8, sit: true, build: noneHeadset },
  { w: 0.8, sit: true, build: noneClap }, { w: 0.7, sit: true, build: noneStretch }, { w: 1.0, sit: true, build: noneTalk },
  { w: 0.8, sit: true, build: noneCheckWrist }, { w: 0.7, sit: true, build: noneCrossArms }, { w: 0.8, sit: true, build: noneHeadTilt },
];
const GESTURES: Record<Exclude<GestureLabel, 'none'>, Builder> = { wave: buildWave, beckon: buildBeckon, point: buildPoint, push: buildPush, nod: buildNod, shake: buildShake };

// ---------------------------------------------------------------------------------------------
// Tracker models
// ---------------------------------------------------------------------------------------------

type Profile = 'clean' | 'inside-out' | 'hand-tracking';
interface Tracker {
  profile: Profile; hz: number; tJit: number; dropP: number; posSd: number; rotSd: number; rotCorr: number; headSd: number;
  predict: number; fov: number; flickerP: number; maxCoast: number; rayLocal: Record<HandKey, Quat>; episodes: { h: HandKey; t0: number; t1: number }[];
}

function makeTracker(rng: Rng, D: number): Tracker {
  const profile = rng.pick(['clean', 'inside-out', 'hand-tracking'] as const);
  const tilt = rng.uniform(-5, 20);
  // Controller target ray in hand coordinates: -z along the fingers/forearm, +y the thumb side.
  const ray = qmul(qfromBasis([1, 0, 0], [0, 0, -1], [0, 1, 0]), rx(tilt));
  // Optical wrist pose: -z along the fingers, +y out of the back of the hand.
  const wristQ = (s: Side) => qfromBasis([0, 0, s], [s, 0, 0], [0, 1, 0]);
  const episodes: Tracker['episodes'] = [];
  if (profile !== 'clean' && rng.chance(0.45))
    for (let k = rng.int(1, 2); k > 0; k--) {
      const t0 = rng.uniform(0, D);
      episodes.push({ h: rng.chance(0.5) ? 'l' : 'r', t0, t1: t0 + rng.uniform(0.04, 0.35) });
    }
  if (profile === 'clean')
    return { profile, hz: rng.chance(0.5) ? rng.int(30, 120) : rng.pick([30, 60, 72, 90, 120]), tJit: 0, dropP: 0, posSd: 0, rotSd: 0, rotCorr: 0, headSd: 0, predict: 0, fov: 180, flickerP: 0, maxCoast: 0, rayLocal: { l: ray, r: ray }, episodes };
  if (profile === 'inside-out')
    return {
      profile, hz: rng.pick([60, 72, 80, 90, 120]), tJit: rng.uniform(0.0003, 0.0015), dropP: rng.uniform(0, 0.03), posSd: rng.uniform(0.0005, 0.003),
      rotSd: rng.uniform(0.2, 1), rotCorr: 0.6, headSd: rng.uniform(0.0002, 0.001), predict: rng.uniform(0.005, 0.025), fov: rng.uniform(100, 115),
      flickerP: 0, maxCoast: rng.uniform(0.2, 0.6), rayLocal: { l: ray, r: ray }, episodes,
    };
  return {
    profile, hz: rng.pick([30, 36, 45, 60, 72, 90]), tJit: rng.uniform(0.0005, 0.003), dropP: rng.uniform(0, 0.05), posSd: rng.uniform(0.002, 0.005),
    rotSd: rng.uniform(3, 7), rotCorr: 0.8, headSd: rng.uniform(0.0002, 0.001), predict: 0, fov: rng.uniform(94, 104),
    flickerP: rng.uniform(0, 0.02), maxCoast: 0, rayLocal: { l: wristQ(-1), r: wristQ(1) }, episodes,
  };
}

const gauss3 = (rng: Rng, sd: number): Vec3 => (sd > 0 ? [rng.normal(0, sd), rng.normal(0, sd), rng.normal(0, sd)] : [0, 0, 0]);

/** Record the clip window [t0, t0 + D] of a performance through a tracker. */
function record(P: Person, perf: Perf, tk: Tracks, t0: number, D: number, tr: Tracker, rng: Rng): MotionFrame[] {
  const per = 1 / tr.hz;
  const times: number[] = [];
  for (let k = 0; k * per <= D; k++) {
    const nominal = k * per;
    if (k > 0 && nominal < D - per && rng.chance(tr.dropP)) continue;
    times.push(k > 0 ? nominal + clamp(rng.normal(0, tr.tJit), -0.3 * per, 0.3 * per) : 0);
  }
  type Loss = { lost: boolean; mode: 'null' | 'freeze' | 'coast'; since: number; p: Vec3; v: Vec3; noise: Vec3 };
  const st: Record<HandKey, Loss> = {
    l: { lost: false, mode: 'null', since: 0, p: ZERO, v: ZERO, noise: ZERO },
    r: { lost: false, mode: 'null', since: 0, p: ZERO, v: ZERO, noise: ZERO },
  };
  const handPose = (b: Body, h: HandKey, T: number): Pose => {
    const x = b.hands[h];
    const tremor = P.tremor.a * Math.sin(2 * Math.PI * P.tremor.f * T + P.tremor.ph + (h === 'l' ? 1.7 : 0));
    const p = tr.profile === 'hand-tracking' ? x.p : add(x.p, qrot(x.q, [0, -(P.Lg + 0.025), -0.01]));
    return { p: add(p, [tremor, tremor * 0.7, -tremor * 0.5]), q: qmul(x.q, tr.rayLocal[h]) };
  };
  return times.map((tau): MotionFrame => {
    const T = t0 + tau;
    const b = evalBody(P, perf, tk, T);
    const prev = tr.predict > 0 ? evalBody(P, perf, tk, T - 0.012) : null;
    const headQ = qnorm(qmul(b.eyes.q, rx(P.headsetPitch)));
    const head: Pose = { p: add(b.eyes.p, gauss3(rng, tr.headSd)), q: qnorm(qmul(headQ, tr.headSd ? rx(rng.normal(0, 0.1)) : ID)) };
    const camFwd = qrot(b.eyes.q, norm([0, -0.27, -1])); // camera cone centre, ~15 deg below gaze
    const hands = (['l', 'r'] as HandKey[]).map((h): Pose | null => {
      const pose = handPose(b, h, T);
      const v = prev ? scale(sub(pose.p, handPose(prev, h, T - 0.012).p), 1 / 0.012) : ZERO;
      const s = st[h];
      // Correlated orientation noise (AR(1), degrees) and white position noise.
      s.noise = add(scale(s.noise, tr.rotCorr), gauss3(rng, tr.rotSd * Math.sqrt(1 - tr.rotCorr * tr.rotCorr)));
      const q = len(s.noise) > 1e-9 ? qnorm(qmul(pose.q, qaxis(norm(s.noise), len(s.noise) * D2R))) : pose.q;
      const p = add(add(pose.p, scale(v, tr.predict)), gauss3(rng, tr.posSd));
      if (tr.profile === 'clean') return { p, q };
      const rel = sub(pose.p, b.eyes.p);
      const ang = Math.acos(clamp(dot(norm(rel), camFwd), -1, 1)) / D2R;
      const occluded = tr.episodes.some((e) => e.h === h && tau >= e.t0 && tau < e.t1);
      const visible = ang < tr.fov && len(rel) > 0.12 && !occluded;
      if (tr.profile === 'hand-tracking') return visible && !rng.chance(tr.flickerP) ? { p, q } : null;
      if (visible) {
        s.lost = false;
        s.p = p;
        s.v = v;
        return { p, q };
      }
      if (!s.lost) {
        s.lost = true;
        s.since = tau;
        s.mode = rng.pick(['null', 'freeze', 'freeze', 'coast'] as const);
      }
      const el = tau - s.since;
      if (s.mode === 'null' || el > tr.maxCoast) return null;
      if (s.mode === 'freeze') return { p: s.p, q };
      return { p: add(s.p, scale(s.v, 0.15 * (1 - Math.exp(-el / 0.15)))), q };
    });
    return { t: tau, head, left: hands[0], right: hands[1] };
  });
}

// ---------------------------------------------------------------------------------------------
// Clip generation, checks and CLI
// ---------------------------------------------------------------------------------------------

/** Peak hand speed over >= 0.1 s spans (m/s), the faster hand. */
function peakHandSpeed(frames: readonly MotionFrame[]): number {
  let best = 0;
  for (const h of ['left', 'right'] as const)
    for (let i = 0, j = 0; i < frames.length; i++) {
      const a = frames[i][h];
      if (!a) continue;
      j = Math.max(j, i + 1);
      while (j < frames.length && frames[j].t - frames[i].t < 0.1) j++;
      const b = j < frames.length ? frames[j][h] : null;
      if (b) best = Math.max(best, len(sub(b.p, a.p)) / (frames[j].t - frames[i].t));
    }
  return best;
}
/** Peak head angular speed over >= 0.05 s spans (deg/s). */
function peakHeadRate(frames: readonly MotionFrame[]): number {
  let best = 0;
  for (let i = 0, j = 0; i < frames.length; i++) {
    j = Math.max(j, i + 1);
    while (j < frames.length && frames[j].t - frames[i].t < 0.05) j++;
    const a = frames[i].head;
    const b = j < frames.length ? frames[j].head : null;
    if (a && b) best = Math.max(best, (2 * Math.acos(clamp(Math.abs(qdot(a.q, b.q)), 0, 1))) / D2R / (frames[j].t - frames[i].t));
  }
  return best;
}

interface Generated { clip: MotionClip; profile: Profile; speed: number; headRate: number; headMin: number; headMax: number; nullHands: number; attempts: number }

function generateClip(label: GestureLabel, seed: number): Generated {
  let g: Generated | null = null;
  for (let attempt = 0; attempt < 6; attempt++) {
    const rng = createRng((seed + attempt * 0x9e3779b1) >>> 0);
    const tempo = rng.uniform(0.85, 1.25) * (1 + 0.15 * attempt);
    let perf: Perf;
    let P: Person;
    if (label === 'none') {
      const total = NONE_KINDS.reduce((a, k) => a + k.w, 0);
      let u = rng() * total;
      const kind = NONE_KINDS.find((k) => (u -= k.w) < 0) ?? NONE_KINDS[0];
      P = makePerson(rng, kind.sit);
      perf = kind.build(P, rng, tempo);
    } else {
      P = makePerson(rng, true);
      perf = GESTURES[label](P, rng, tempo);
    }
    // Clip window: 1.15-2.95 s that contains the label's defining part.
    const [c0, c1] = perf.core;
    const D = clamp(Math.max(c1 - c0 + 0.1, c1 - c0 + rng.uniform(0.2, 1.5)), 1.15, 2.95);
    const t0 = Math.max(0, rng.uniform(Math.max(0, c1 - D), Math.max(Math.max(0, c1 - D), c0)));
    const tk = buildTracks(P, perf, t0 + D + 0.5);
    const tr = makeTracker(rng, D);
    const frames = record(P, perf, tk, t0, D, tr, rng);
    const heads = frames.flatMap((f) => (f.head ? [f.head.p[1]] : []));
    const hands = frames.reduce((a, f) => a + (f.left ? 0 : 1) + (f.right ? 0 : 1), 0);
    g = {
      clip: { label, hz: tr.hz, frames }, profile: tr.profile, speed: peakHandSpeed(frames), headRate: peakHeadRate(frames),
      headMin: Math.min(...heads), headMax: Math.max(...heads), nullHands: hands / (2 * frames.length), attempts: attempt + 1,
    };
    if (g.speed <= 3.3 && g.headRate <= 450) break;
  }
  return g as Generated;
}

/** Seed of clip `i` of label index `li` for `seed` (the CLI's clips; an export for the trainer since session 14). */
function clipSeed(seed: number, li: number, i: number): number {
  return (Math.imul(seed | 0, 0x2c1b3c6d) ^ Math.imul(li + 1, 0x297a2d39) ^ Math.imul(i + 1, 0x68e31da4)) >>> 0;
}

/** `perLabel` clips of every label for `seed`, with what the CLI's summary reports of each. */
function generateAll(perLabel: number, seed: number): Generated[] {
  return GESTURE_LABELS.flatMap((label, li) => Array.from({ length: perLabel }, (_, i) => generateClip(label, clipSeed(seed, li, i))));
}

/** `perLabel` clips of every label, exactly the clips the CLI writes for `seed` (session 14: a training source). */
export function eleventhDataset(perLabel: number, seed: number): MotionClip[] {
  return generateAll(perLabel, seed).map((g) => g.clip);
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const out = args.get('out');
  const perLabel = Number(args.get('per-label') ?? '20');
  const seed = Number(args.get('seed') ?? '11');
  if (!out || !Number.isInteger(perLabel) || perLabel < 1 || !Number.isFinite(seed)) {
    console.error('usage: node --import tsx scripts/gesture/synth-eleventh.ts --out DIR --per-label N --seed S');
    process.exit(2);
  }
  const all = generateAll(perLabel, seed);
  const clips = all.map((g) => g.clip);
  writeClips(out, clips);
  const fastest = all.reduce((a, b) => (b.speed > a.speed ? b : a));
  const profiles = (['clean', 'inside-out', 'hand-tracking'] as const).map((p) => `${p} ${all.filter((g) => g.profile === p).length}`).join(', ');
  const durs = all.map((g) => g.clip.frames[g.clip.frames.length - 1].t);
  const nulls = all.reduce((a, g) => a + g.nullHands, 0) / all.length;
  console.log(
    `synth-eleventh: ${clips.length} clips (${perLabel}/label, seed ${seed}) -> ${out} | max hand speed ${fastest.speed.toFixed(2)} m/s (${fastest.clip.label})` +
      ` | head height ${Math.min(...all.map((g) => g.headMin)).toFixed(2)}-${Math.max(...all.map((g) => g.headMax)).toFixed(2)} m` +
      ` | max head rate ${Math.max(...all.map((g) => g.headRate)).toFixed(0)} deg/s | hz ${Math.min(...all.map((g) => g.clip.hz))}-${Math.max(...all.map((g) => g.clip.hz))}` +
      ` | dur ${Math.min(...durs).toFixed(2)}-${Math.max(...durs).toFixed(2)} s | ${profiles} | untracked hand frames ${(nulls * 100).toFixed(1)}%` +
      ` | retried ${all.filter((g) => g.attempts > 1).length}`,
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
