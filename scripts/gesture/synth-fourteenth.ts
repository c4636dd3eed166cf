/**
 * Fourteenth motion generator, for EVALUATION ONLY: labelled VR motion clips (head + both
 * controllers, or tracked wrists) for every label of GESTURE_LABELS, drawn from a motion model no
 * recogniser trained on — Gaussian-process motion synthesis.
 *
 * Reading rule (kept for independence): while writing this file its author read ONLY
 * /work/shared/brief/PERCEPTION.md's "Gestures" and "Motion clip format" sections, src/core/types.ts,
 * scripts/gesture/motion-math.ts, scripts/gesture/node-io.ts and tests/support/motion.ts. No other
 * generator (synth*.ts), nothing in src/perception, no training/eval script, doc, data or other test
 * was opened. The rule was followed.
 *
 * Motion model. Every motion parameter trajectory — root walk distance / sway / bob / heading, torso
 * lean / twist / side bend, head yaw / pitch / roll, and per hand the wrist target relative to the
 * shoulder in the torso frame (lateral, up, forward), elbow swivel, forearm roll and wrist flex — is
 * a posterior SAMPLE of a Gaussian process over a 40 Hz time grid spanning a 4-5 s performance,
 * conditioned on sparse noisy pseudo-observations that encode the task ("wrist at the target
 * direction at 85 % reach over [t1, t2]", "head pitch 15 deg down at t", "swing peak at +A at the
 * k-th half period"). Each channel is a sum of independent GPs:
 *   - posture: Matérn-5/2 (per-person lengthscale = tempo/smoothness, output scale = amplitude),
 *   - rhythm: a gated locally periodic kernel g(t) g(t') k_per(w(t) - w(t')) k_SE(t - t') on a warped
 *     time axis w (w' = 1 + a squared-exponential GP sample: drifting tempo), conditioned on the
 *     alternating swing / pull / nod / shake peaks; gait uses unconditioned periodic priors,
 *   - tremor: a short-lengthscale Matérn-5/2 component (~50 ms).
 * Samples use Matheron's rule: a prior draw L z (L the jittered Cholesky factor of the kernel
 * matrix, cached per quantised lengthscale) corrected by K_go (K_oo + S)^-1 (y - f_o - e).
 * Parameters map to poses by forward kinematics of a body of the person's size (1.15-1.95 m,
 * left/right handed, standing or seated, anywhere within ~3 m of the origin, any yaw): hip,
 * torso rotation, neck, head-mounted display ahead of the neck pivot, two-link arm IK with elbow
 * swivel; the controller target ray (-z) is the hand direction (forearm rotated by wrist flex about
 * the thumb axis, roll by pronation), with a per-device downward ray offset.
 * Trackers: (a) headset + controllers: IMU/camera fusion with camera fixes sampled and held at
 * 20-60 Hz, IMU dead-reckoning with gain error and drift between fixes, an exponential smoothing
 * filter, latency, small orientation noise, rare relocalisation jumps (whole rig or one
 * controller) and rare dropout bursts / occlusion behind the body; (b) hand tracking: wrist poses
 * with correlated position noise and noisy orientation, nulls when a hand leaves the headset's
 * field-of-view cone, moves fast or comes too close to the face. Both: 30-120 Hz with timestamp
 * jitter and dropped frames. A 1-3 s window is cut so it contains what makes the label true, and
 * a clip is redrawn if implausible (hand > 3.5 m/s, head > 450 deg/s, hand > 1.08 m from head),
 * if the label-defining part is not in the window or mostly untracked, or (none) if it looks like
 * a gesture.
 *
 * CLI: node --import tsx scripts/gesture/synth-fourteenth.ts --out DIR [--per-label N] [--seed S]
 */
import { fileURLToPath } from 'node:url';
import { GESTURE_LABELS, type GestureLabel, type MotionFrame, type Pose, type Quat, type Vec3 } from '../../src/core/types';
import {
  add,
  createRng,
  cross,
  dot,
  len,
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

const D2R = Math.PI / 180;
const clamp = (x: number, a: number, b: number) => Math.min(b, Math.max(a, x));

// ---------------------------------------------------------------------------------------------
// Gaussian processes
// ---------------------------------------------------------------------------------------------

/** A covariance function of two inputs. */
export type Kernel = (a: number, b: number) => number;

/** Matérn-5/2 kernel. */
export const matern52 =
  (ell: number, sigma = 1): Kernel =>
  (a, b) => {
    const r = (Math.sqrt(5) * Math.abs(a - b)) / ell;
    return sigma * sigma * (1 + r + (r * r) / 3) * Math.exp(-r);
  };

/** Squared-exponential kernel. */
export const sqExp =
  (ell: number, sigma = 1): Kernel =>
  (a, b) =>
    sigma * sigma * Math.exp(-((a - b) * (a - b)) / (2 * ell * ell));

/** Periodic (exp-sine-squared) kernel. */
export const periodicK =
  (period: number, ell: number, sigma = 1): Kernel =>
  (a, b) => {
    const s = Math.sin((Math.PI * (a - b)) / period);
    return sigma * sigma * Math.exp((-2 * s * s) / (ell * ell));
  };

/** A pseudo-observation of a channel: value `y` at time `t` with noise sd `sd`. */
export interface Obs {
  t: number;
  y: number;
  sd: number;
}

/** A GP draw: posterior mean and one posterior sample on the grid. */
export interface GpDraw {
  mean: Float64Array;
  sample: Float64Array;
}

/** Dense kernel matrix (row-major) of `k` over `ts`. */
export function kernelMatrix(k: Kernel, ts: ArrayLike<number>): Float64Array {
  const n = ts.length;
  const K = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j <= i; j++) {
      const v = k(ts[i], ts[j]);
      K[i * n + j] = v;
      K[j * n + i] = v;
    }
  return K;
}

/** Lower Cholesky factor (row-major) of K + jitter * max(diag) I; pivots are clamped so it never fails. */
export function cholesky(K: Float64Array, n: number, jitter = 1e-7): Float64Array {
  let maxd = 0;
  for (let i = 0; i < n; i++) maxd = Math.max(maxd, K[i * n + i]);
  const jit = jitter * Math.max(maxd, 1e-12);
  const L = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    const rj = j * n;
    let s = K[rj + j] + jit;
    for (let k = 0; k < j; k++) s -= L[rj + k] * L[rj + k];
    const d = Math.sqrt(Math.max(s, jit));
    L[rj + j] = d;
    for (let i = j + 1; i < n; i++) {
      const ri = i * n;
      let v = K[ri + j];
      for (let k = 0; k < j; k++) v -= L[ri + k] * L[rj + k];
      L[ri + j] = v / d;
    }
  }
  return L;
}

function cholSolve(L: Float64Array, n: number, b: Float64Array): Float64Array {
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= L[i * n + k] * y[k];
    y[i] = s / L[i * n + i];
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i];
    for (let k = i + 1; k < n; k++) s -= L[k * n + i] * y[k];
    y[i] = s / L[i * n + i];
  }
  return y;
}

const factorCache = new Map<string, { K: Float64Array; L: Float64Array }>();

function nearestIndex(ts: ArrayLike<number>, t: number): number {
  let lo = 0;
  let hi = ts.length - 1;
  if (t <= ts[0]) return 0;
  if (t >= ts[hi]) return hi;
  while (hi - lo > 1) {
    const m = (lo + hi) >> 1;
    if (ts[m] <= t) lo = m;
    else hi = m;
  }
  return t - ts[lo] < ts[hi] - t ? lo : hi;
}

/** Options of `gpDraw`. */
export interface GpOptions {
  ts: ArrayLike<number>;
  /** Unit-scale kernel (scaled by `scale`), or give `K` directly. */
  kernel?: Kernel;
  /** Precomputed (already scaled) kernel matrix over `ts`. */
  K?: Float64Array;
  /** Cache the unit kernel's factor under this key (with `kernel`). */
  key?: string;
  scale?: number;
  mean?: number;
  obs?: readonly Obs[];
  rng: Rng;
}

/**
 * Posterior mean and one posterior sample of a GP on the grid `ts`, conditioned on noisy
 * pseudo-observations (snapped to the nearest grid point), by Matheron's rule: a prior draw from
 * the Cholesky factor, corrected through the observation system.
 */
export function gpDraw(o: GpOptions): GpDraw {
  const n = o.ts.length;
  const s = o.scale ?? 1;
  const m0 = o.mean ?? 0;
  let K: Float64Array;
  let L: Float64Array;
  let kScale = s * s;
  if (o.K) {
    K = o.K;
    L = cholesky(K, n);
    kScale = 1;
  } else {
    if (!o.kernel) throw new Error('gpDraw: kernel or K required');
    const cached = o.key ? factorCache.get(o.key) : undefined;
    if (cached) ({ K, L } = cached);
    else {
      K = kernelMatrix(o.kernel, o.ts);
      L = cholesky(K, n);
      if (o.key) {
        if (factorCache.size > 160) factorCache.clear();
        factorCache.set(o.key, { K, L });
      }
    }
  }
  const lScale = o.K ? 1 : s;
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) z[i] = o.rng.normal();
  const f = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let v = 0;
    const ri = i * n;
    for (let k = 0; k <= i; k++) v += L[ri + k] * z[k];
    f[i] = v * lScale;
  }
  const mean = new Float64Array(n).fill(m0);
  const sample = new Float64Array(n);
  for (let i = 0; i < n; i++) sample[i] = m0 + f[i];
  const obs = o.obs ?? [];
  const M = obs.length;
  if (M === 0) return { mean, sample };
  const idx = obs.map((ob) => nearestIndex(o.ts, ob.t));
  const A = new Float64Array(M * M);
  for (let a = 0; a < M; a++)
    for (let b = 0; b < M; b++) A[a * M + b] = kScale * K[idx[a] * n + idx[b]] + (a === b ? Math.max(obs[a].sd, 1e-5) ** 2 : 0);
  const LA = cholesky(A, M, 1e-10);
  const r1 = new Float64Array(M);
  const r2 = new Float64Array(M);
  for (let a = 0; a < M; a++) {
    r1[a] = obs[a].y - m0;
    r2[a] = obs[a].y - m0 - f[idx[a]] - Math.max(obs[a].sd, 1e-5) * o.rng.normal();
  }
  const al1 = cholSolve(LA, M, r1);
  const al2 = cholSolve(LA, M, r2);
  for (let i = 0; i < n; i++) {
    let u = 0;
    let v = 0;
    for (let a = 0; a < M; a++) {
      const kk = kScale * K[i * n + idx[a]];
      u += kk * al1[a];
      v += kk * al2[a];
    }
    mean[i] += u;
    sample[i] += v;
  }
  return { mean, sample };
}

// ---------------------------------------------------------------------------------------------
// People, bodies, channels
// ---------------------------------------------------------------------------------------------

const GRID_HZ = 40;
const DT = 1 / GRID_HZ;

type RestStyle = 'sides' | 'holding' | 'clasped' | 'lap';

interface Person {
  H: number;
  seated: boolean;
  seat: number;
  /** Dominant side: +1 right, -1 left. */
  dom: 1 | -1;
  ellHand: number;
  ellHead: number;
  ellTorso: number;
  ellRoot: number;
  amp: number;
  waveHz: number;
  beckonHz: number;
  nodHz: number;
  shakeHz: number;
  tremor: number;
  headFidget: number;
  handFidget: number;
  drift: number;
  rest: RestStyle;
}

interface Body {
  hipY: number;
  torso: number;
  neck: number;
  eyeUp: number;
  eyeFwd: number;
  sw: number;
  Lu: number;
  Lf: number;
  grip: number;
}

function makePerson(rng: Rng): Person {
  const child = rng.chance(0.18);
  const H = child ? rng.uniform(1.15, 1.5) : rng.uniform(1.5, 1.95);
  const seated = H > 1.35 && rng.chance(0.25);
  const tempo = Math.exp(rng.normal(0, 0.18));
  return {
    H,
    seated,
    seat: child ? rng.uniform(0.36, 0.42) : rng.uniform(0.42, 0.5),
    dom: rng.chance(0.85) ? 1 : -1,
    ellHand: rng.uniform(0.18, 0.38),
    ellHead: rng.uniform(0.25, 0.55),
    ellTorso: rng.uniform(0.6, 1.4),
    ellRoot: rng.uniform(0.9, 2.2),
    amp: Math.exp(rng.normal(0, 0.25)),
    waveHz: clamp(rng.uniform(1.8, 3.0) * tempo, 1.85, 3.0),
    beckonHz: clamp(rng.uniform(0.9, 2.4) * tempo, 0.9, 2.5),
    nodHz: clamp(rng.uniform(1.2, 2.8) * tempo, 1.2, 3),
    shakeHz: clamp(rng.uniform(1.6, 3.2) * tempo, 1.6, 3.3),
    tremor: rng.uniform(0.0008, 0.0028),
    headFidget: rng.uniform(1.5, 4.5) * D2R,
    handFidget: rng.uniform(0.012, 0.04),
    drift: rng.uniform(0.02, 0.07),
    rest: seated ? rng.pick(['lap', 'holding', 'lap'] as const) : rng.pick(['sides', 'holding', 'holding', 'clasped'] as const),
  };
}

function makeBody(p: Person): Body {
  const H = p.H;
  return {
    hipY: p.seated ? p.seat + 0.06 * H : 0.53 * H,
    torso: 0.29 * H,
    neck: 0.03 * H,
    eyeUp: 0.09 * H,
    eyeFwd: 0.06 * H,
    sw: 0.105 * H,
    Lu: 0.172 * H,
    Lf: 0.157 * H,
    grip: 0.04 * H,
  };
}

const HAND_CH = ['lat', 'up', 'fwd', 'swv', 'roll', 'flex'] as const;
type HandCh = (typeof HAND_CH)[number];
type Side = 'L' | 'R';
type BodyCh = 'fwdS' | 'latS' | 'bob' | 'yaw' | 'lean' | 'twist' | 'sway' | 'hYaw' | 'hPitch' | 'hRoll';
type Ch = BodyCh | `${Side}${HandCh}`;

interface Rhythm {
  a0: number;
  a1: number;
  ramp: number;
  period: number;
  ellPer: number;
  ellEnv: number;
  sigma: number;
  warp: Float64Array;
  obs: Obs[];
}

interface Spec {
  mean: number;
  sigma: number;
  ell: number;
  obs: Obs[];
  rhythms: Rhythm[];
  tremor: number;
}

type HandPose = Record<HandCh, number>;

const quant = (ell: number) => Math.round(Math.log(ell) / Math.log(1.12));

/** One performance being planned: the time grid and every channel's GP specification. */
class Plan {
  readonly N: number;
  readonly ts: Float64Array;
  readonly specs = new Map<Ch, Spec>();
  readonly rest: Record<Side, HandPose>;
  readonly Lw: number;
  /** The clip will be seen by the hand-tracking profile (people keep their hands in view). */
  handsProfile = false;
  /** Lower bound on an active hand's posture lengthscale (slow, long transitions). */
  readonly minEll: Record<Side, number> = { L: 0, R: 0 };

  constructor(
    readonly T: number,
    readonly person: Person,
    readonly body: Body,
    readonly rng: Rng,
  ) {
    this.N = Math.round(T * GRID_HZ) + 1;
    this.ts = new Float64Array(this.N);
    for (let i = 0; i < this.N; i++) this.ts[i] = i * DT;
    this.Lw = body.Lu + body.Lf;
    const P = person;
    const mk = (mean: number, sigma: number, ell: number, tremor = 0): Spec => ({ mean, sigma, ell, obs: [], rhythms: [], tremor });
    this.specs.set('fwdS', mk(0, 0.015, P.ellRoot));
    this.specs.set('latS', mk(0, 0.015, P.ellRoot));
    this.specs.set('bob', mk(0, 0.004, P.ellRoot));
    this.specs.set('yaw', mk(0, 2.5 * D2R, P.ellRoot));
    this.specs.set('lean', mk(rng.uniform(-2, 6) * D2R, 2 * D2R, P.ellTorso));
    this.specs.set('twist', mk(0, 3 * D2R, P.ellTorso));
    this.specs.set('sway', mk(0, 1.5 * D2R, P.ellTorso));
    this.specs.set('hYaw', mk(rng.normal(0, 5) * D2R, P.headFidget * 1.4, P.ellHead * 2, 0.15 * D2R));
    this.specs.set('hPitch', mk(rng.uniform(-12, 4) * D2R, P.headFidget, P.ellHead * 2, 0.15 * D2R));
    this.specs.set('hRoll', mk(rng.normal(0, 2) * D2R, P.headFidget * 0.5, P.ellHead * 2, 0.1 * D2R));
    this.rest = { L: this.restPose(), R: this.restPose() };
    for (const s of ['L', 'R'] as const) {
      const r = this.rest[s];
      this.specs.set(`${s}lat`, mk(r.lat, P.handFidget, P.ellHand * 2.5, P.tremor));
      this.specs.set(`${s}up`, mk(r.up, P.handFidget, P.ellHand * 2.5, P.tremor));
      this.specs.set(`${s}fwd`, mk(r.fwd, P.handFidget, P.ellHand * 2.5, P.tremor));
      this.specs.set(`${s}swv`, mk(r.swv, 0.08, P.ellHand * 3));
      this.specs.set(`${s}roll`, mk(r.roll, 0.12, P.ellHand * 3, 0.01));
      this.specs.set(`${s}flex`, mk(r.flex, 0.08, P.ellHand * 3, 0.01));
    }
  }

  private restPose(): HandPose {
    const rng = this.rng;
    const Lw = this.Lw;
    const style = this.person.rest;
    const roll = rng.uniform(-15, 25) * D2R;
    const swv = rng.uniform(0.1, 0.5);
    if (style === 'sides') {
      const lat = rng.uniform(0.03, 0.09);
      const fwd = rng.uniform(0.0, 0.08);
      const up = -Math.sqrt((0.93 * Lw) ** 2 - lat * lat - fwd * fwd);
      return { lat, up, fwd, swv, roll, flex: rng.uniform(-10, 10) * D2R };
    }
    if (style === 'clasped') return { lat: -this.body.sw * rng.uniform(0.6, 0.9), up: -0.72 * Lw, fwd: rng.uniform(0.14, 0.22), swv, roll: rng.uniform(30, 70) * D2R, flex: 0 };
    if (style === 'lap') return { lat: rng.uniform(-0.08, 0.02), up: -rng.uniform(0.62, 0.78) * Lw, fwd: rng.uniform(0.42, 0.55) * Lw, swv, roll: rng.uniform(20, 70) * D2R, flex: rng.uniform(-10, 10) * D2R };
    // holding the controllers at the waist, elbows bent (the usual VR idle)
    return { lat: rng.uniform(-0.04, 0.06), up: -rng.uniform(0.66, 0.8) * Lw, fwd: rng.uniform(0.3, 0.5) * Lw, swv, roll, flex: rng.uniform(-15, 10) * D2R };
  }

  spec(ch: Ch): Spec {
    const s = this.specs.get(ch);
    if (!s) throw new Error(`no channel ${ch}`);
    return s;
  }

  pin(ch: Ch, t: number, y: number, sd: number): void {
    if (t >= 0 && t <= this.T) this.spec(ch).obs.push({ t, y, sd });
  }

  hold(ch: Ch, t0: number, t1: number, y: number, sd: number, step = 0.1): void {
    const a = Math.max(0, t0);
    const b = Math.min(this.T, t1);
    if (b < a) return;
    const n = Math.max(1, Math.round((b - a) / step));
    for (let k = 0; k <= n; k++) this.pin(ch, a + ((b - a) * k) / n, y, sd);
  }

  /** Make a hand's channels able to move far (its posture GP gets a large output scale). */
  activate(s: Side, ell = Math.max(0.3, 1.3 * this.person.ellHand)): void {
    for (const c of HAND_CH) {
      const sp = this.spec(`${s}${c}`);
      sp.ell = Math.max(ell, this.minEll[s]);
      sp.sigma = c === 'lat' || c === 'up' || c === 'fwd' ? 0.18 : c === 'roll' ? 0.6 : c === 'flex' ? 0.45 : 0.3;
    }
  }

  handHold(s: Side, t0: number, t1: number, pose: Partial<HandPose>, sdPos: number, step = 0.1, sdAng = 0.05): void {
    for (const c of HAND_CH) {
      const v = pose[c];
      if (v === undefined) continue;
      this.hold(`${s}${c}`, t0, t1, v, c === 'lat' || c === 'up' || c === 'fwd' ? sdPos : sdAng, step);
    }
  }

  /** Time to move a hand from rest to `pose` at the person's pace (average speed 0.6-1.0 m/s). */
  moveTime(s: Side, pose: Partial<HandPose>, min = 0.3): number {
    const r = this.rest[s];
    const d = Math.hypot((pose.lat ?? r.lat) - r.lat, (pose.up ?? r.up) - r.up, (pose.fwd ?? r.fwd) - r.fwd);
    const t = Math.max(this.rng.uniform(min, min + 0.25), d / this.rng.uniform(0.6, 1.0));
    this.minEll[s] = Math.max(this.minEll[s], 0.45 * t);
    return t;
  }

  handRest(s: Side, t0: number, t1: number): void {
    this.handHold(s, t0, t1, this.rest[s], 0.015, 0.3, 0.1);
  }

  /** A monotone warped time axis: w' = 1 + drift GP sample (tempo drift). */
  warp(sd = this.person.drift): Float64Array {
    const d = gpDraw({ ts: this.ts, kernel: sqExp(1.0), key: `se|1|${this.N}`, scale: sd, rng: this.rng }).sample;
    const w = new Float64Array(this.N);
    for (let i = 1; i < this.N; i++) w[i] = w[i - 1] + DT * clamp(1 + 0.5 * (d[i] + d[i - 1]), 0.6, 1.4);
    return w;
  }

  /** Real time at which the warped time equals `wv`. */
  unwarp(w: Float64Array, wv: number): number {
    if (wv <= w[0]) return 0;
    for (let i = 1; i < this.N; i++) if (w[i] >= wv) return this.ts[i - 1] + (DT * (wv - w[i - 1])) / (w[i] - w[i - 1]);
    return this.T;
  }

  /** Warped time at real time t. */
  warpAt(w: Float64Array, t: number): number {
    return interp(w, t);
  }

  /**
   * Add a rhythmic component to `ch`, active on [a0, a1], with period `period` (warped time) and
   * alternating peak observations `peaks[k]` at half-period steps from phase start a0.
   */
  rhythm(ch: Ch, a0: number, a1: number, period: number, sigma: number, peaks: (k: number) => number | null, w: Float64Array, sdFrac = 0.12, ramp = 0.18): Rhythm {
    const obs: Obs[] = [];
    const w0 = this.warpAt(w, a0);
    for (let k = 0; ; k++) {
      const t = this.unwarp(w, w0 + (k * period) / 2);
      if (t > a1 + 1e-6 || t >= this.T) break;
      const y = peaks(k);
      if (y !== null) obs.push({ t, y, sd: Math.max(1e-4, Math.abs(y) * sdFrac + sigma * 0.03) });
    }
    const r: Rhythm = { a0, a1, ramp, period, ellPer: this.rng.uniform(1.2, 2.0), ellEnv: this.rng.uniform(0.9, 2.5), sigma, warp: w, obs };
    this.spec(ch).rhythms.push(r);
    return r;
  }
}

function gate(t: number, a0: number, a1: number, ramp: number): number {
  if (t >= a0 && t <= a1) return 1;
  const d = t < a0 ? a0 - t : t - a1;
  if (d >= ramp) return 0;
  return 0.5 + 0.5 * Math.cos((Math.PI * d) / ramp);
}

function rhythmMatrix(plan: Plan, r: Rhythm): Float64Array {
  const n = plan.N;
  const ts = plan.ts;
  const g = new Float64Array(n);
  for (let i = 0; i < n; i++) g[i] = gate(ts[i], r.a0, r.a1, r.ramp);
  const kp = periodicK(r.period, r.ellPer, r.sigma);
  const ke = sqExp(r.ellEnv);
  const K = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    if (g[i] === 0) continue;
    for (let j = 0; j <= i; j++) {
      if (g[j] === 0) continue;
      const v = g[i] * g[j] * kp(r.warp[i], r.warp[j]) * ke(ts[i], ts[j]);
      K[i * n + j] = v;
      K[j * n + i] = v;
    }
  }
  return K;
}

type Tracks = Map<Ch, Float64Array>;

function sampleTracks(plan: Plan): Tracks {
  const out: Tracks = new Map();
  for (const [ch, sp] of plan.specs) {
    const q = quant(sp.ell);
    const post = gpDraw({ ts: plan.ts, kernel: matern52(1.12 ** q), key: `m52|${q}|${plan.N}`, scale: sp.sigma, mean: sp.mean, obs: sp.obs, rng: plan.rng });
    const x = post.sample;
    for (const r of sp.rhythms) {
      const rs = gpDraw({ ts: plan.ts, K: rhythmMatrix(plan, r), obs: r.obs, rng: plan.rng }).sample;
      for (let i = 0; i < x.length; i++) x[i] += rs[i];
    }
    if (sp.tremor > 0) {
      const qt = quant(0.05);
      const tr = gpDraw({ ts: plan.ts, kernel: matern52(1.12 ** qt), key: `m52|${qt}|${plan.N}`, scale: sp.tremor, rng: plan.rng }).sample;
      for (let i = 0; i < x.length; i++) x[i] += tr[i];
    }
    out.set(ch, x);
  }
  return out;
}

/** Catmull-Rom interpolation of a grid track (grid step DT) at time t, clamped at the ends. */
function interp(arr: Float64Array, t: number): number {
  const n = arr.length;
  const x = t / DT;
  if (x <= 0) return arr[0];
  if (x >= n - 1) return arr[n - 1];
  const i = Math.floor(x);
  const u = x - i;
  const p0 = arr[Math.max(0, i - 1)];
  const p1 = arr[i];
  const p2 = arr[i + 1];
  const p3 = arr[Math.min(n - 1, i + 2)];
  return p1 + 0.5 * u * (p2 - p0 + u * (2 * p0 - 5 * p1 + 4 * p2 - p3 + u * (3 * (p1 - p2) + p3 - p0)));
}

// ---------------------------------------------------------------------------------------------
// Forward kinematics
// ---------------------------------------------------------------------------------------------

interface HandState {
  wrist: Vec3;
  ctrl: Pose;
  wristPose: Pose;
}

interface State {
  head: Pose;
  torsoYaw: number;
  shoulder: Record<Side, Vec3>;
  hand: Record<Side, HandState>;
}

interface World {
  plan: Plan;
  tracks: Tracks;
  rootX: Float64Array;
  rootZ: Float64Array;
  yaw0: number;
  rayOffset: number;
}

function makeWorld(plan: Plan, tracks: Tracks, x0: number, z0: number, yaw0: number, rayOffset: number): World {
  const n = plan.N;
  const rootX = new Float64Array(n);
  const rootZ = new Float64Array(n);
  const fs = tracks.get('fwdS') as Float64Array;
  const ls = tracks.get('latS') as Float64Array;
  const yw = tracks.get('yaw') as Float64Array;
  // integrate the body-frame walk increments along the heading
  let x = x0;
  let z = z0;
  for (let i = 0; i < n; i++) {
    if (i > 0) {
      const df = fs[i] - fs[i - 1];
      const dl = ls[i] - ls[i - 1];
      const y = yaw0 + 0.5 * (yw[i] + yw[i - 1]);
      x += -Math.sin(y) * df + Math.cos(y) * dl;
      z += -Math.cos(y) * df - Math.sin(y) * dl;
    }
    rootX[i] = x;
    rootZ[i] = z;
  }
  return { plan, tracks, rootX, rootZ, yaw0, rayOffset };
}


function handFK(v: Vec3, side: number, b: Body, swv: number, roll: number, flex: number): { wrist: Vec3; dir: Vec3; thumb: Vec3; dorsal: Vec3 } {
  const L = b.Lu + b.Lf;
  const d = clamp(len(v), 0.12, 0.995 * L);
  const n = norm(v);
  const wrist = scale(n, d);
  const cosA = clamp((b.Lu * b.Lu + d * d - b.Lf * b.Lf) / (2 * b.Lu * d), -1, 1);
  const sinA = Math.sqrt(1 - cosA * cosA);
  const ref = norm([side * 0.35, -1, 0.25]);
  let u = sub(ref, scale(n, dot(ref, n)));
  if (len(u) < 1e-3) u = sub([0, 0, 1], scale(n, n[2]));
  u = norm(u);
  const w = scale(cross(n, u), -side);
  const elbow = add(scale(n, b.Lu * cosA), scale(add(scale(u, Math.cos(swv)), scale(w, Math.sin(swv))), b.Lu * sinA));
  const fd = norm(sub(wrist, elbow));
  const mp = norm([-side, 0, 0.5]);
  const thumb0 = norm(scale(cross(fd, mp), side));
  const palm0 = scale(cross(thumb0, fd), side);
  const thumb = add(scale(thumb0, Math.cos(roll)), scale(palm0, Math.sin(roll)));
  const palm = sub(scale(palm0, Math.cos(roll)), scale(thumb0, Math.sin(roll)));
  const dir = sub(scale(fd, Math.cos(flex)), scale(palm, Math.sin(flex)));
  const dorsal = scale(add(scale(palm, Math.cos(flex)), scale(fd, Math.sin(flex))), -1);
  return { wrist, dir, thumb, dorsal };
}

function rotAbout(v: Vec3, axis: Vec3, ang: number): Vec3 {
  return qrot(qaxis(norm(axis), ang), v);
}

function stateAt(W: World, t: number): State {
  const { plan, tracks } = W;
  const b = plan.body;
  const c = (ch: Ch) => interp(tracks.get(ch) as Float64Array, t);
  const hip: Vec3 = [interp(W.rootX, t), b.hipY + c('bob'), interp(W.rootZ, t)];
  const yawB = W.yaw0 + c('yaw');
  const torsoYaw = yawB + c('twist');
  const qT = qeuler(torsoYaw, -c('lean'), c('sway'));
  const shC = add(hip, qrot(qT, [0, b.torso, 0]));
  const neck = add(hip, qrot(qT, [0, b.torso + b.neck, 0]));
  const qH = qnorm(qmul(qT, qeuler(c('hYaw'), c('hPitch'), c('hRoll'))));
  const head: Pose = { p: add(neck, qrot(qH, [0, b.eyeUp, -b.eyeFwd])), q: qH };
  const shoulder = {} as Record<Side, Vec3>;
  const hand = {} as Record<Side, HandState>;
  for (const s of ['L', 'R'] as const) {
    const side = s === 'R' ? 1 : -1;
    const sh = add(shC, qrot(qT, [side * b.sw, 0, 0]));
    shoulder[s] = sh;
    const v: Vec3 = [side * c(`${s}lat`), c(`${s}up`), -c(`${s}fwd`)];
    const fk = handFK(v, side, b, c(`${s}swv`), c(`${s}roll`), c(`${s}flex`));
    const wrist = add(sh, qrot(qT, fk.wrist));
    const dir = qrot(qT, fk.dir);
    const thumb = qrot(qT, fk.thumb);
    const dorsal = qrot(qT, fk.dorsal);
    const ray = rotAbout(dir, thumb, -W.rayOffset * side);
    const rayUp = norm(sub(thumb, scale(ray, dot(thumb, ray))));
    hand[s] = {
      wrist,
      ctrl: { p: add(wrist, scale(dir, b.grip)), q: qlook(ray, rayUp) },
      wristPose: { p: wrist, q: qlook(dir, dorsal) },
    };
  }
  return { head, torsoYaw, shoulder, hand };
}

// ---------------------------------------------------------------------------------------------
// Trackers
// ---------------------------------------------------------------------------------------------

type Profile = 'controllers' | 'hands';

interface Tracked {
  frames: MotionFrame[];
  truth: State[];
  hz: number;
}

function smallRot(rng: Rng, sdRad: number): Quat {
  const ax = norm([rng.normal(), rng.normal(), rng.normal()]);
  return qaxis(ax, rng.normal(0, sdRad));
}

function frameTimes(rng: Rng, hz: number, w0: number, D: number, jitter: number, pDrop: number): number[] {
  const ts: number[] = [];
  let t = w0;
  while (t <= w0 + D + 1e-9) {
    if (ts.length < 2 || !rng.chance(pDrop)) ts.push(t);
    t += Math.max(0.3 / hz, 1 / hz + rng.normal(0, jitter));
  }
  return ts;
}

function track(W: World, profile: Profile, w0: number, D: number, rng: Rng): Tracked {
  const hands = profile === 'hands';
  const hz = hands ? rng.pick([30, 36, 45, 60, 60, 72, 90]) : rng.pick([30, 36, 45, 60, 72, 72, 80, 90, 90, 120]);
  const times = frameTimes(rng, hz, w0, D, hands ? rng.uniform(0.001, 0.005) : rng.uniform(0.0002, 0.002), hands ? rng.uniform(0.01, 0.06) : rng.uniform(0, 0.03));
  const tOff = rng.chance(0.5) ? 0 : Math.round(rng.uniform(0, 120) * 1000) / 1000;
  const latHead = rng.uniform(-0.005, 0.02);
  const latHand = hands ? rng.uniform(0.02, 0.06) : rng.uniform(-0.005, 0.03);
  const tau = hands ? rng.uniform(0.01, 0.045) : rng.uniform(0.003, 0.03);
  const camHz = rng.uniform(20, 60);
  const camPhase = rng.uniform(0, 1 / camHz);
  const imuGain = rng.uniform(0.9, 1.04);
  const posNoise = hands ? rng.uniform(0.003, 0.008) : rng.uniform(0.0003, 0.0015);
  const rotNoise = (hands ? rng.uniform(2, 6) : rng.uniform(0.1, 0.6)) * D2R;
  const halfFov = rng.uniform(60, 85) * D2R;
  const vLost = rng.uniform(1.8, 3.2);
  const pBurst = hands ? rng.uniform(0, 0.01) : rng.uniform(0, 0.004);
  // relocalisation jump: whole rig (headset map update) or one controller
  const jump = rng.chance(0.25)
    ? { t: rng.uniform(w0, w0 + D), off: scale(norm([rng.normal(), rng.normal() * 0.5, rng.normal()]), rng.uniform(0.01, 0.04)), decay: rng.chance(0.5) ? rng.uniform(0.15, 1) : Infinity, who: rng.pick(['all', 'L', 'R'] as const) }
    : null;
  const jumpAt = (t: number, who: 'head' | Side): Vec3 => {
    if (!jump || t < jump.t || (jump.who !== 'all' && jump.who !== who)) return [0, 0, 0];
    return scale(jump.off, Math.exp(-(t - jump.t) / jump.decay));
  };
  const est: Record<Side, Vec3 | null> = { L: null, R: null };
  const drift: Record<Side, Vec3> = { L: [0, 0, 0], R: [0, 0, 0] };
  const ar: Record<Side, Vec3> = { L: [0, 0, 0], R: [0, 0, 0] };
  const arQ: Record<Side, Quat> = { L: [0, 0, 0, 1], R: [0, 0, 0, 1] };
  const burst: Record<Side, number> = { L: 0, R: 0 };
  let lastFix = -1;
  const frames: MotionFrame[] = [];
  const truth: State[] = [];
  let prevT = times[0] - 1 / hz;
  for (const t of times) {
    const dt = Math.max(1e-3, t - prevT);
    prevT = t;
    const st = stateAt(W, t);
    truth.push(st);
    const sh = stateAt(W, t - latHead).head;
    const head: Pose = { p: add(add(sh.p, [rng.normal(0, 3e-4), rng.normal(0, 3e-4), rng.normal(0, 3e-4)]), jumpAt(t, 'head')), q: qnorm(qmul(sh.q, smallRot(rng, 0.08 * D2R))) };
    const fr: MotionFrame = { t: Math.round((t - w0 + tOff) * 1e6) / 1e6, head, left: null, right: null };
    const tt = t - latHand;
    const now = stateAt(W, tt);
    const fixT = Math.floor((tt - camPhase) * camHz) / camHz + camPhase;
    const newFix = fixT !== lastFix;
    lastFix = fixT;
    const fixS = hands ? null : stateAt(W, fixT);
    const alpha = 1 - Math.exp(-dt / tau);
    for (const s of ['L', 'R'] as const) {
      const hs = now.hand[s];
      const truthP = hands ? hs.wristPose.p : hs.ctrl.p;
      const truthQ = hands ? hs.wristPose.q : hs.ctrl.q;
      // null conditions
      let lost = false;
      if (burst[s] > 0) {
        burst[s]--;
        lost = true;
      } else if (rng.chance(pBurst)) {
        burst[s] = rng.int(1, hands ? 10 : 6);
        lost = true;
      }
      const rel = sub(truthP, sh.p);
      const fwdH = qrot(sh.q, [0, 0, -1]);
      const ang = Math.acos(clamp(dot(norm(rel), fwdH), -1, 1));
      const fwdBody: Vec3 = [-Math.sin(now.torsoYaw), 0, -Math.cos(now.torsoYaw)];
      const behind = dot(sub(truthP, now.shoulder[s]), fwdBody) < -0.12;
      if (hands) {
        const prev = stateAt(W, tt - 0.03).hand[s].wristPose.p;
        const v = len(sub(truthP, prev)) / 0.03;
        if (ang > halfFov || len(rel) < 0.12 || (v > vLost && rng.chance(0.7))) lost = true;
      } else if (behind && rng.chance(0.5)) lost = true;
      if (lost) {
        est[s] = null;
        continue;
      }
      let meas: Vec3;
      if (hands) {
        ar[s] = add(scale(ar[s], 0.7), [rng.normal(0, posNoise * 0.7), rng.normal(0, posNoise * 0.7), rng.normal(0, posNoise * 0.7)]);
        meas = add(truthP, ar[s]);
      } else {
        const fp = (fixS as State).hand[s].ctrl.p;
        if (newFix) drift[s] = [rng.normal(0, 0.02), rng.normal(0, 0.02), rng.normal(0, 0.02)];
        meas = add(add(fp, scale(sub(truthP, fp), imuGain)), scale(drift[s], tt - fixT));
        meas = add(meas, [rng.normal(0, posNoise), rng.normal(0, posNoise), rng.normal(0, posNoise)]);
      }
      meas = add(meas, jumpAt(t, s));
      const e = est[s];
      est[s] = e ? add(e, scale(sub(meas, e), alpha)) : meas;
      arQ[s] = hands ? qnorm(qmul(smallRot(rng, rotNoise * 0.6), arQ[s])) : [0, 0, 0, 1];
      if (hands) arQ[s] = qnorm([arQ[s][0] * 0.8, arQ[s][1] * 0.8, arQ[s][2] * 0.8, arQ[s][3]]);
      const q = qnorm(qmul(qmul(truthQ, arQ[s]), smallRot(rng, rotNoise * (hands ? 0.5 : 1))));
      const pose: Pose = { p: est[s] as Vec3, q };
      if (s === 'L') fr.left = pose;
      else fr.right = pose;
    }
    frames.push(fr);
  }
  return { frames, truth, hz };
}

// ---------------------------------------------------------------------------------------------
// Measurements (guards)
// ---------------------------------------------------------------------------------------------

interface Turn {
  t: number;
  x: number;
  kind: 1 | -1;
  tConf: number;
}

/** Zigzag turning points with hysteresis `thr` (each confirmed by a reversal of at least thr). */
export function zigzag(ts: readonly number[], xs: readonly number[], thr: number): Turn[] {
  const out: Turn[] = [];
  if (!xs.length) return out;
  let dir = 0;
  let hi = xs[0];
  let lo = xs[0];
  let hiT = ts[0];
  let loT = ts[0];
  for (let i = 1; i < xs.length; i++) {
    const x = xs[i];
    const t = ts[i];
    if (dir === 0) {
      if (x > hi) [hi, hiT] = [x, t];
      if (x < lo) [lo, loT] = [x, t];
      if (hi - x >= thr) {
        out.push({ t: hiT, x: hi, kind: 1, tConf: t });
        [dir, lo, loT] = [-1, x, t];
      } else if (x - lo >= thr) {
        out.push({ t: loT, x: lo, kind: -1, tConf: t });
        [dir, hi, hiT] = [1, x, t];
      }
    } else if (dir === 1) {
      if (x > hi) [hi, hiT] = [x, t];
      else if (hi - x >= thr) {
        out.push({ t: hiT, x: hi, kind: 1, tConf: t });
        [dir, lo, loT] = [-1, x, t];
      }
    } else if (x < lo) [lo, loT] = [x, t];
    else if (x - lo >= thr) {
      out.push({ t: loT, x: lo, kind: -1, tConf: t });
      [dir, hi, hiT] = [1, x, t];
    }
  }
  return out;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};

interface HandSeries {
  t: number[];
  lat: number[];
  up: number[];
  fwd: number[];
  p: Vec3[];
  ext: number[];
}

function handSeries(tr: Tracked, s: Side, b: Body, useTruth: boolean): HandSeries {
  const out: HandSeries = { t: [], lat: [], up: [], fwd: [], p: [], ext: [] };
  const side = s === 'R' ? 1 : -1;
  tr.frames.forEach((f, i) => {
    const pose = s === 'L' ? f.left : f.right;
    if (!pose) return;
    const st = tr.truth[i];
    const p = useTruth ? st.hand[s].ctrl.p : pose.p;
    const d = sub(p, st.shoulder[s]);
    const yw = st.torsoYaw;
    out.t.push(f.t);
    out.lat.push(side * (d[0] * Math.cos(yw) - d[2] * Math.sin(yw)));
    out.up.push(d[1]);
    out.fwd.push(-d[0] * Math.sin(yw) - d[2] * Math.cos(yw));
    out.p.push(p);
    out.ext.push(len(d) / (b.Lu + b.Lf + b.grip));
  });
  return out;
}

function headAngles(frames: readonly MotionFrame[]): { t: number[]; yaw: number[]; pitch: number[] } {
  const t: number[] = [];
  const yaw: number[] = [];
  const pitch: number[] = [];
  let prev = 0;
  let acc = 0;
  frames.forEach((f, i) => {
    if (!f.head) return;
    const fw = qrot(f.head.q, [0, 0, -1]);
    const y = Math.atan2(-fw[0], -fw[2]);
    if (i > 0) {
      let d = y - prev;
      while (d > Math.PI) d -= 2 * Math.PI;
      while (d < -Math.PI) d += 2 * Math.PI;
      acc += d;
    } else acc = y;
    prev = y;
    t.push(f.t);
    yaw.push(acc / D2R);
    pitch.push(Math.asin(clamp(fw[1], -1, 1)) / D2R);
  });
  return { t, yaw, pitch };
}

/** Longest time the hand stays within `r` of where it started, with extension and direction conditions. */
function longestStill(h: HandSeries, r: number, ok: (i: number) => boolean): number {
  let best = 0;
  for (let i = 0; i < h.t.length; i++) {
    if (!ok(i)) continue;
    let j = i;
    while (j + 1 < h.t.length && len(sub(h.p[j + 1], h.p[i])) <= r && ok(j + 1)) j++;
    best = Math.max(best, h.t[j] - h.t[i]);
  }
  return best;
}

/**
 * True when `x` oscillates: `nSeg` consecutive zigzag segments (hysteresis `thr`), each lasting
 * [hpMin, hpMax] s and spanning at most `ampMax`, with `ok` holding at both ends of each.
 */
function oscillates(t: number[], x: number[], thr: number, hpMin: number, hpMax: number, ampMax: number, nSeg: number, ok: (i: number) => boolean): boolean {
  const z = zigzag(t, x, thr);
  let run = 0;
  for (let k = 1; k < z.length; k++) {
    const hp = z[k].t - z[k - 1].t;
    const good = hp >= hpMin && hp <= hpMax && Math.abs(z[k].x - z[k - 1].x) <= ampMax && ok(t.indexOf(z[k].t)) && ok(t.indexOf(z[k - 1].t));
    run = good ? run + 1 : 0;
    if (run >= nSeg) return true;
  }
  return false;
}

/** Wave check: positives (strict) swing >= 2 times at 1.5-3.5 Hz while raised; the none guard looks for 2 fast raised swings. */
function waveLike(h: HandSeries, thr: number, strict: boolean): boolean {
  if (strict) {
    // the raised part of the series only (hand around or above shoulder height)
    const keep = h.t.map((_, i) => h.up[i] >= -0.15);
    const t = h.t.filter((_, i) => keep[i]);
    const x = h.lat.filter((_, i) => keep[i]);
    const z = zigzag(t, x, thr);
    if (z.length < 3) return false;
    const hp = z.slice(1).map((p, k) => p.t - z[k].t);
    const f = 1 / (2 * median(hp));
    return f >= 1.5 && f <= 3.5;
  }
  return oscillates(h.t, h.lat, thr, 0.12, 0.36, 0.5, 2, (i) => h.up[i] >= -0.2);
}

/** Beckon check: `nSeg` consecutive toward/away strokes of the hand in front of the chest. */
function beckonLike(h: HandSeries, thr: number, nSeg: number): boolean {
  return oscillates(h.t, h.fwd, thr, 0.12, 0.7, 0.22, nSeg, (i) => h.fwd[i] >= 0.12 && h.up[i] >= -0.55 && h.up[i] <= 0.12);
}

function extendedOk(h: HandSeries, i: number, minExt: number, minEl = -45): boolean {
  const el = Math.atan2(h.up[i], Math.hypot(h.lat[i], h.fwd[i]));
  return h.ext[i] >= minExt && el >= minEl * D2R && h.fwd[i] >= 0.12;
}

function nodLike(t: number[], pitch: number[], thr: number, maxDur: number): boolean {
  const z = zigzag(t, pitch, thr);
  for (let k = 0; k < z.length; k++) if (z[k].kind === -1 && z[k].tConf - (k > 0 ? z[k - 1].t : t[0]) <= maxDur) return true;
  return false;
}

function shakeLike(t: number[], yaw: number[], thr: number, maxDur: number): boolean {
  const z = zigzag(t, yaw, thr);
  for (let k = 1; k < z.length; k++) if (z[k].tConf - z[k - 1].t <= maxDur) return true;
  return false;
}

function peakSpeed(frames: readonly MotionFrame[], s: 'left' | 'right'): number {
  let best = 0;
  for (let i = 0, j = 0; i < frames.length; i++) {
    const a = frames[i][s];
    if (!a) continue;
    if (j <= i) j = i + 1;
    while (j < frames.length && frames[j].t - frames[i].t < 0.1) j++;
    const b = j < frames.length ? frames[j][s] : null;
    if (b) best = Math.max(best, len(sub(b.p, a.p)) / (frames[j].t - frames[i].t));
  }
  return best;
}

function headRate(frames: readonly MotionFrame[]): number {
  let best = 0;
  for (let i = 0, j = 0; i < frames.length; i++) {
    const a = frames[i].head;
    if (!a) continue;
    if (j <= i) j = i + 1;
    while (j < frames.length && frames[j].t - frames[i].t < 0.033) j++;
    const b = j < frames.length ? frames[j].head : null;
    if (!b) continue;
    const d = Math.abs(a.q[0] * b.q[0] + a.q[1] * b.q[1] + a.q[2] * b.q[2] + a.q[3] * b.q[3]);
    best = Math.max(best, (2 * Math.acos(Math.min(1, d))) / D2R / (frames[j].t - frames[i].t));
  }
  return best;
}

// ---------------------------------------------------------------------------------------------
// Label scripts
// ---------------------------------------------------------------------------------------------

const NONE_KINDS = [
  'idle',
  'walk',
  'look_around',
  'reach_object',
  'head_tilt',
  'raised_hand',
  'swipe',
  'scratch',
  'adjust_headset',
  'check_watch',
  'talk',
  'turn_body',
  'stretch',
  'cross_arms',
  'lean_peek',
] as const;
type NoneKind = (typeof NONE_KINDS)[number];

interface Script {
  plan: Plan;
  w0: number;
  D: number;
  /** Gesturing hands and the interval (performance time) that must be visible and tracked. */
  hands: Side[];
  core: [number, number];
  /** Expected swing amplitude (m) of a rhythmic hand gesture. */
  amp?: number;
}

const other = (s: Side): Side => (s === 'L' ? 'R' : 'L');

function windowFor(rng: Rng, T: number, minD: number): { w0: number; D: number } {
  const D = rng.uniform(Math.max(1.05, Math.min(2.9, minD)), 2.95);
  return { w0: rng.uniform(0.35, T - D - 0.1), D };
}

function scriptWave(plan: Plan, rng: Rng, gs: Side): Script {
  const P = plan.person;
  const f = clamp(P.waveHz * rng.uniform(0.9, 1.1), 1.85, 3.0);
  const A = Math.min(rng.uniform(0.05, 0.15) * P.amp, 0.3 / f, 0.16);
  const need = 2.3 / f;
  const { w0, D } = windowFor(rng, plan.T, need + 0.2);
  const m0 = rng.uniform(w0 + 0.05, w0 + D - need - 0.05);
  const sc = P.H / 1.7;
  const inView = plan.handsProfile;
  const pose: Partial<HandPose> = {
    lat: (inView ? rng.uniform(-0.02, 0.14) : rng.uniform(0.06, 0.28)) * sc,
    up: rng.uniform(-0.02, 0.3) * sc,
    fwd: (inView ? rng.uniform(0.22, 0.38) : rng.uniform(0.04, 0.3)) * sc,
    roll: rng.uniform(60, 105) * D2R,
    flex: rng.uniform(-10, 25) * D2R,
    swv: rng.uniform(0.3, 1.0),
  };
  const rise = plan.moveTime(gs, pose, 0.35);
  const a0 = Math.max(rise + 0.25, m0 - rng.uniform(0, 0.9));
  const a1 = Math.min(plan.T, m0 + need + rng.uniform(0, 1.0));
  const both = rng.chance(0.08);
  const sides: Side[] = both ? [gs, other(gs)] : [gs];
  const w = plan.warp();
  const ph = rng.chance(0.5) ? 1 : -1;
  const flexAmp = rng.chance(0.5) ? rng.uniform(5, 20) * D2R : 0;
  for (const s of sides) {
    plan.activate(s);
    plan.handRest(s, 0, a0 - rise);
    plan.handHold(s, a0 - 0.05, a1, pose, 0.02, 0.15, 0.1);
    if (a1 + rise < plan.T) plan.handRest(s, a1 + rise, plan.T);
    plan.rhythm(`${s}lat`, a0, a1, 1 / f, A * 1.1, (k) => (k % 2 ? -1 : 1) * ph * A * rng.uniform(0.85, 1.15), w);
    if (flexAmp) plan.rhythm(`${s}flex`, a0, a1, 1 / f, flexAmp, (k) => (k % 2 ? -1 : 1) * ph * flexAmp, w);
  }
  plan.spec('hPitch').mean += rng.uniform(-3, 5) * D2R;
  return { plan, w0, D, hands: sides, core: [m0, m0 + need], amp: A };
}

function scriptBeckon(plan: Plan, rng: Rng, gs: Side): Script {
  const P = plan.person;
  const f = clamp(P.beckonHz * rng.uniform(0.85, 1.15), 0.9, 2.5);
  const B = Math.min(rng.uniform(0.035, 0.09) * P.amp, 0.28 / f, 0.12);
  const need = 2.2 / f;
  const { w0, D } = windowFor(rng, plan.T, need + 0.2);
  const m0 = rng.uniform(w0 + 0.05, Math.max(w0 + 0.05, w0 + D - need - 0.05));
  const sc = P.H / 1.7;
  const palmUp = rng.chance(0.75);
  const pose: Partial<HandPose> = {
    lat: rng.uniform(-0.1, 0.12) * sc,
    up: rng.uniform(-0.36, -0.1) * sc,
    fwd: rng.uniform(0.3, 0.45) * sc,
    roll: (palmUp ? -rng.uniform(60, 100) : rng.uniform(60, 100)) * D2R,
    flex: rng.uniform(-5, 15) * D2R,
    swv: rng.uniform(0.1, 0.6),
  };
  const rise = plan.moveTime(gs, pose, 0.35);
  const a0 = Math.max(rise + 0.25, m0 - rng.uniform(0, 0.7));
  const a1 = Math.min(plan.T, m0 + need + rng.uniform(0, 0.8));
  const w = plan.warp();
  const curl = rng.uniform(15, 45) * D2R;
  plan.activate(gs);
  plan.handRest(gs, 0, a0 - rise);
  plan.handHold(gs, a0 - 0.05, a1, pose, 0.02, 0.15, 0.1);
  if (a1 + rise < plan.T) plan.handRest(gs, a1 + rise, plan.T);
  // k even: hand out; k odd: pulled toward the body with the fingers curled
  plan.rhythm(`${gs}fwd`, a0, a1, 1 / f, B * 1.1, (k) => (k % 2 ? -B : B) * rng.uniform(0.85, 1.15), w);
  plan.rhythm(`${gs}flex`, a0, a1, 1 / f, curl * 0.6, (k) => (k % 2 ? -0.5 * curl : 0.5 * curl), w);
  if (rng.chance(0.5)) plan.rhythm(`${gs}up`, a0, a1, 1 / f, B * 0.4, (k) => (k % 2 ? 0.3 * B : -0.3 * B), w);
  return { plan, w0, D, hands: [gs], core: [m0, m0 + need], amp: B };
}

function pointDir(rng: Rng, Lw: number, ext: number): { lat: number; up: number; fwd: number; az: number; el: number } {
  const az = rng.uniform(-35, 75) * D2R;
  const el = rng.uniform(-30, 35) * D2R;
  const r = ext * Lw;
  return { lat: r * Math.sin(az) * Math.cos(el), up: r * Math.sin(el), fwd: r * Math.cos(az) * Math.cos(el), az, el };
}

function scriptPoint(plan: Plan, rng: Rng, gs: Side): Script {
  const hold = rng.uniform(0.55, 1.5);
  const vis = Math.min(hold, 0.6);
  const { w0, D } = windowFor(rng, plan.T, vis + 0.25);
  const d = pointDir(rng, plan.Lw, rng.uniform(0.78, 0.99));
  const rise = plan.moveTime(gs, d, 0.3);
  let h0 = rng.uniform(w0 + 0.1 - (hold - vis), w0 + D - vis - 0.03);
  h0 = Math.max(h0, rise + 0.3);
  const h1 = Math.min(plan.T, h0 + hold);
  const side = gs === 'R' ? 1 : -1;
  plan.activate(gs);
  plan.handRest(gs, 0, h0 - rise);
  plan.handHold(gs, h0, h1, { lat: d.lat, up: d.up, fwd: d.fwd }, 0.0015, 0.06);
  plan.handHold(gs, h0, h1, { roll: rng.uniform(0, 90) * D2R, flex: rng.uniform(-8, 8) * D2R, swv: rng.uniform(0.1, 0.6) }, 0, 0.1, 0.01);
  if (h1 + rise < plan.T && rng.chance(0.7)) plan.handRest(gs, h1 + rise, plan.T);
  else plan.handHold(gs, h1, h1 + 0.3, { lat: d.lat, up: d.up, fwd: d.fwd }, 0.01, 0.1);
  const k = rng.uniform(0.4, 1.0);
  plan.hold('hYaw', h0 - 0.2, h1, -side * d.az * k, 3 * D2R, 0.2);
  plan.hold('hPitch', h0 - 0.2, h1, d.el * rng.uniform(0.5, 1.0), 3 * D2R, 0.2);
  plan.hold('twist', h0, h1, -side * d.az * rng.uniform(0, 0.3), 2 * D2R, 0.3);
  return { plan, w0, D, hands: [gs], core: [Math.max(h0, w0), Math.min(h1, w0 + D)] };
}

function scriptPush(plan: Plan, rng: Rng, gs: Side): Script {
  const P = plan.person;
  const pd = rng.uniform(0.22, 0.5);
  const hold = rng.uniform(0.4, 1.2);
  const need = pd + Math.min(hold, 0.4);
  const { w0, D } = windowFor(rng, plan.T, need + 0.2);
  const prep = Math.max(rng.uniform(0.35, 0.6), plan.moveTime(gs, { up: -0.15 * (P.H / 1.7), fwd: 0.15 }, 0.35));
  const p0 = Math.max(prep + 0.35, rng.uniform(w0 + 0.05, w0 + D - need - 0.02));
  const p1 = p0 + pd;
  const h1 = Math.min(plan.T, p1 + hold);
  const both = rng.chance(0.25);
  const sides: Side[] = both ? [gs, other(gs)] : [gs];
  const sc = P.H / 1.7;
  const ext = rng.uniform(0.74, 0.95);
  const el = rng.uniform(-15, 15) * D2R;
  const fromChest = rng.chance(0.6);
  for (const s of sides) {
    const roll = rng.uniform(70, 100) * D2R;
    const flex = rng.uniform(55, 85) * D2R;
    const lat = both ? rng.uniform(-0.05, 0.05) : rng.uniform(-0.05, 0.12);
    plan.activate(s);
    plan.handRest(s, 0, p0 - prep - (fromChest ? 0.3 : 0));
    if (fromChest) plan.handHold(s, p0 - 0.15, p0, { lat, up: rng.uniform(-0.28, -0.08) * sc, fwd: rng.uniform(0.1, 0.2) * sc, roll, flex: flex * 0.8 }, 0.01, 0.05, 0.08);
    plan.handHold(s, p1, h1, { lat, up: ext * plan.Lw * Math.sin(el), fwd: ext * plan.Lw * Math.cos(el), roll, flex, swv: rng.uniform(0.2, 0.7) }, 0.002, 0.06, 0.03);
    if (h1 + 0.5 < plan.T) plan.handRest(s, h1 + rng.uniform(0.4, 0.7), plan.T);
  }
  plan.hold('lean', p1, h1, rng.uniform(-4, 2) * D2R, 1 * D2R, 0.3);
  return { plan, w0, D, hands: sides, core: [p0, Math.min(p1 + 0.3, w0 + D)] };
}

function scriptNod(plan: Plan, rng: Rng): Script {
  const P = plan.person;
  const f = clamp(P.nodHz * rng.uniform(0.85, 1.15), 1.2, 3);
  const A = Math.min(rng.uniform(8, 22) * P.amp, 230 / (Math.PI * f), 30) * D2R;
  const n = rng.int(1, 4);
  const { w0, D } = windowFor(rng, plan.T, 1 / f + 0.3);
  const k = rng.int(0, n - 1);
  const a0 = Math.max(0.3, rng.uniform(w0 + 0.08, w0 + D - 1 / f - 0.08) - k / f);
  const a1 = Math.min(plan.T - 0.05, a0 + n / f);
  const w = plan.warp(P.drift * 0.5);
  // k even: up (neutral), k odd: down
  plan.rhythm('hPitch', a0, a1, 1 / f, A * 0.7, (q) => (q % 2 ? -A * rng.uniform(0.9, 1.1) : A * rng.uniform(0.05, 0.25)), w, 0.08, 0.12);
  plan.spec('hPitch').sigma *= 0.6;
  return { plan, w0, D, hands: [], core: [Math.max(w0, a0 + k / f), Math.min(w0 + D, a0 + (k + 1) / f)] };
}

function scriptShake(plan: Plan, rng: Rng): Script {
  const P = plan.person;
  const f = clamp(P.shakeHz * rng.uniform(0.85, 1.15), 1.5, 3.4);
  const A = Math.min(rng.uniform(9, 28) * P.amp, 40 / f, 30) * D2R;
  const halves = rng.int(2, 6);
  const need = 1 / f; // one left and one right peak
  const { w0, D } = windowFor(rng, plan.T, need + 0.35);
  const a0 = Math.max(0.3, rng.uniform(w0 - (halves / 2 / f - need) + 0.05, w0 + D - need - 0.1 - 0.25 / f));
  const a1 = Math.min(plan.T - 0.05, a0 + (halves + 1) / (2 * f));
  const w = plan.warp(P.drift * 0.5);
  const ph = rng.chance(0.5) ? 1 : -1;
  // starting from centre at a0 - quarter period: peaks alternate
  plan.rhythm('hYaw', a0, a1, 1 / f, A * 0.9, (q) => (q % 2 ? -1 : 1) * ph * A * rng.uniform(0.85, 1.15), w, 0.08, 0.2);
  plan.spec('hYaw').sigma *= 0.5;
  return { plan, w0, D, hands: [], core: [Math.max(w0, a0 - 0.1), Math.min(w0 + D, a0 + need + 0.1)] };
}

function scriptNone(plan: Plan, rng: Rng, gs: Side, kind: NoneKind): Script {
  const P = plan.person;
  const T = plan.T;
  const { w0, D } = windowFor(rng, T, 1);
  const mid = rng.uniform(w0 + 0.2, w0 + D - 0.2);
  const sc = P.H / 1.7;
  const side = gs === 'R' ? 1 : -1;
  const core: [number, number] = [w0, w0 + D];
  switch (kind) {
    case 'idle':
      plan.spec('latS').sigma = rng.uniform(0.01, 0.04);
      break;
    case 'walk': {
      if (P.seated) return scriptNone(plan, rng, gs, 'turn_body');
      const v = rng.uniform(0.35, 0.85);
      const step = rng.uniform(1.6, 2.1);
      plan.spec('fwdS').sigma = 1;
      plan.spec('fwdS').ell = 1.6;
      for (let i = 0; i <= 6; i++) plan.pin('fwdS', (T * i) / 6, (v * T * i) / 6, 0.03);
      plan.spec('yaw').sigma = rng.uniform(5, 20) * D2R;
      const w = plan.warp(0.05);
      plan.rhythm('bob', 0, T, 1 / step, rng.uniform(0.012, 0.025), (k) => (k % 2 ? -0.015 : 0.015), w, 0.2, 0.01);
      plan.rhythm('latS', 0, T, 2 / step, 0.015, (k) => (k % 2 ? -0.012 : 0.012), w, 0.2, 0.01);
      const sw = rng.uniform(0.02, 0.08);
      for (const s of ['L', 'R'] as const) plan.rhythm(`${s}fwd`, 0, T, 2 / step, sw, (k) => ((k % 2 ? -1 : 1) * (s === 'L' ? 1 : -1) * sw) / 1.2, w, 0.2, 0.01);
      plan.spec('hPitch').mean -= rng.uniform(0, 10) * D2R;
      break;
    }
    case 'look_around': {
      let t = rng.uniform(0, 0.6);
      let y = 0;
      while (t < T) {
        y = clamp(y + rng.pick([-1, 1]) * rng.uniform(20, 60), -70, 70);
        plan.hold('hYaw', t, t + rng.uniform(0.3, 0.9), y * D2R, 3 * D2R, 0.15);
        plan.hold('hPitch', t, t + rng.uniform(0.4, 0.9), rng.uniform(-12, 6) * D2R, 3 * D2R, 0.15);
        plan.hold('twist', t, t + 0.3, y * 0.2 * D2R, 3 * D2R, 0.3);
        t += rng.uniform(1.0, 1.8);
      }
      plan.spec('hYaw').sigma = 0.6;
      plan.spec('hPitch').sigma = 0.3;
      plan.spec('hYaw').ell = Math.max(0.45, P.ellHead * 1.3);
      plan.spec('hPitch').ell = Math.max(0.6, P.ellHead * 1.5);
      break;
    }
    case 'reach_object': {
      const d = pointDir(rng, plan.Lw, rng.uniform(0.85, 1.0));
      const up = d.up - rng.uniform(0, 0.25);
      const touch = rng.uniform(0, 0.15);
      const rise = plan.moveTime(gs, { lat: d.lat, up, fwd: d.fwd }, 0.35);
      plan.activate(gs);
      plan.handRest(gs, 0, mid - rise);
      plan.handHold(gs, mid, mid + touch, { lat: d.lat, up, fwd: d.fwd, flex: rng.uniform(-20, 10) * D2R }, 0.01, 0.05);
      plan.handHold(gs, mid + touch + rng.uniform(0.35, 0.6), T, { lat: rng.uniform(-0.05, 0.1), up: -0.3 * sc, fwd: 0.3 * sc }, 0.03, 0.25);
      plan.hold('hPitch', mid - 0.3, mid + touch, Math.min(0, Math.atan2(up - 0.25, d.fwd + 0.1)) * 0.7, 4 * D2R, 0.15);
      plan.hold('hYaw', mid - 0.3, mid + touch, -side * d.az * 0.6, 4 * D2R, 0.15);
      break;
    }
    case 'head_tilt': {
      const ch = rng.pick(['hPitch', 'hPitch', 'hRoll'] as const);
      const v = (ch === 'hPitch' ? (rng.chance(0.7) ? -1 : 1) * rng.uniform(12, 35) : rng.pick([-1, 1]) * rng.uniform(8, 20)) * D2R;
      const base = plan.spec(ch).mean;
      plan.hold(ch, 0, mid - 0.25, base, 1.5 * D2R, 0.2);
      plan.hold(ch, mid + 0.3, T, base + v, 1.5 * D2R, 0.2);
      plan.spec(ch).sigma = 0.4;
      break;
    }
    case 'raised_hand': {
      const rise = plan.moveTime(gs, { up: 0.2 * sc, lat: 0.1 }, 0.4);
      plan.activate(gs);
      plan.handRest(gs, 0, mid - rise);
      const up = rng.uniform(0.12, 0.3) * sc;
      const lat = rng.uniform(0.06, 0.18) * sc;
      const fwd = rng.uniform(0.02, 0.14) * sc;
      const r = Math.hypot(up, lat, fwd);
      const k = r > 0.62 * plan.Lw ? (0.62 * plan.Lw) / r : 1;
      plan.handHold(gs, mid, T, { lat: lat * k, up: up * k, fwd: fwd * k, roll: rng.uniform(0, 100) * D2R, flex: rng.uniform(-10, 30) * D2R }, 0.004, 0.1);
      break;
    }
    case 'swipe': {
      const dur = rng.uniform(0.3, 0.45);
      const dist = rng.uniform(0.3, 0.45) * sc;
      const up = rng.uniform(-0.3, 0.0) * sc;
      const fwd = rng.uniform(0.3, 0.42) * sc;
      const lat0 = rng.uniform(0.15, 0.28) * sc;
      const rise = plan.moveTime(gs, { lat: lat0, up, fwd }, 0.4);
      plan.activate(gs);
      plan.handRest(gs, 0, mid - rise - 0.1);
      plan.handHold(gs, mid - 0.1, mid, { lat: lat0, up, fwd, roll: rng.uniform(40, 90) * D2R }, 0.01, 0.05);
      plan.handHold(gs, mid + dur, mid + dur + 0.1, { lat: lat0 - dist, up, fwd }, 0.01, 0.05);
      plan.handRest(gs, mid + dur + 0.9, T);
      break;
    }
    case 'scratch': {
      const rise = plan.moveTime(gs, { up: 0.18 * sc, lat: -0.03, fwd: 0.06 }, 0.4);
      const a0 = Math.max(rise + 0.2, mid - 0.5);
      const a1 = Math.min(T, a0 + rng.uniform(0.7, 1.5));
      const pose = { lat: rng.uniform(-0.1, 0.04), up: rng.uniform(0.12, 0.24) * sc, fwd: rng.uniform(0.0, 0.12) * sc, flex: rng.uniform(-40, -10) * D2R };
      plan.activate(gs);
      plan.handRest(gs, 0, a0 - rise);
      plan.handHold(gs, a0, a1, pose, 0.006, 0.1);
      if (a1 + rise < T) plan.handRest(gs, a1 + rise, T);
      const f = rng.uniform(4.5, 7);
      const amp = rng.uniform(0.005, 0.013);
      plan.rhythm(rng.chance(0.5) ? `${gs}up` : `${gs}lat`, a0, a1, 1 / f, amp, (k) => (k % 2 ? -amp : amp), plan.warp(0.05));
      plan.hold('hRoll', a0, a1, side * rng.uniform(3, 10) * D2R, 2 * D2R, 0.3);
      break;
    }
    case 'adjust_headset': {
      const a0 = Math.max(0.7, mid - 0.4);
      const a1 = Math.min(T, a0 + rng.uniform(0.4, 1.0));
      for (const s of ['L', 'R'] as const) {
        plan.activate(s);
        plan.handRest(s, 0, a0 - rng.uniform(0.4, 0.6));
        plan.handHold(s, a0, a1, { lat: rng.uniform(-0.06, 0.02), up: rng.uniform(0.16, 0.24) * sc, fwd: rng.uniform(0.06, 0.12) * sc, roll: rng.uniform(70, 100) * D2R }, 0.008, 0.1);
        if (a1 + 0.6 < T) plan.handRest(s, a1 + rng.uniform(0.5, 0.8), T);
      }
      plan.hold('hPitch', a0 + 0.1, a1, plan.spec('hPitch').mean + rng.uniform(-5, 5) * D2R, 2 * D2R, 0.3);
      plan.hold('hRoll', a0 + 0.1, a1, rng.uniform(-5, 5) * D2R, 2 * D2R, 0.3);
      break;
    }
    case 'check_watch': {
      const s = other(gs);
      const a0 = Math.max(0.8, mid - 0.5);
      plan.activate(s);
      plan.handRest(s, 0, a0 - rng.uniform(0.4, 0.7));
      plan.handHold(s, a0, T, { lat: -rng.uniform(0.08, 0.18) * sc, up: -rng.uniform(0.15, 0.3) * sc, fwd: rng.uniform(0.15, 0.25) * sc, roll: -rng.uniform(60, 100) * D2R, flex: 0, swv: rng.uniform(0.6, 1.1) }, 0.006, 0.1);
      plan.hold('hPitch', a0 + 0.2, T, -rng.uniform(20, 40) * D2R, 2 * D2R, 0.2);
      plan.spec('hPitch').sigma = 0.3;
      break;
    }
    case 'talk': {
      for (const s of ['L', 'R'] as const) {
        const sp = ['lat', 'up', 'fwd'] as const;
        for (const c of sp) {
          const x = plan.spec(`${s}${c}`);
          x.sigma = rng.uniform(0.03, 0.07);
          x.ell = Math.max(0.3, P.ellHand * 1.5);
        }
        plan.spec(`${s}up`).mean = -0.38 * sc;
        plan.spec(`${s}fwd`).mean = 0.24 * sc;
        plan.spec(`${s}roll`).sigma = 0.4;
      }
      plan.spec('hYaw').sigma *= 1.5;
      break;
    }
    case 'turn_body': {
      const a = rng.pick([-1, 1]) * rng.uniform(45, 140) * D2R;
      const dur = rng.uniform(0.9, 1.6);
      plan.spec('yaw').sigma = Math.abs(a);
      plan.spec('yaw').ell = Math.max(0.6, dur * 0.7);
      plan.hold('yaw', 0, mid - dur / 2, 0, 1 * D2R, 0.25);
      plan.hold('yaw', mid + dur / 2, T, a, 1 * D2R, 0.25);
      plan.hold('hYaw', mid - dur / 2, mid, 0.25 * a, 4 * D2R, 0.25);
      plan.hold('hYaw', mid + dur / 2, T, 0, 4 * D2R, 0.25);
      plan.spec('hYaw').ell = Math.max(0.5, P.ellHead * 1.5);
      if (!P.seated) {
        const w = plan.warp(0.05);
        plan.rhythm('bob', mid - dur / 2, mid + dur / 2, 0.5, 0.01, (k) => (k % 2 ? -0.008 : 0.008), w, 0.2, 0.15);
      }
      break;
    }
    case 'stretch': {
      const rise = Math.max(plan.moveTime('L', { up: 0.85 * plan.Lw, lat: 0.15, fwd: 0 }, 0.5), plan.moveTime('R', { up: 0.85 * plan.Lw, lat: 0.15, fwd: 0 }, 0.5));
      const top = rng.uniform(0, 0.2);
      for (const s of ['L', 'R'] as const) {
        plan.activate(s);
        plan.handRest(s, 0, mid - rise);
        plan.handHold(s, mid, mid + top, { lat: rng.uniform(0.05, 0.3), up: rng.uniform(0.75, 0.92) * plan.Lw, fwd: rng.uniform(-0.05, 0.1) }, 0.015, 0.05);
        plan.handRest(s, mid + top + rise * rng.uniform(1, 1.4), T);
      }
      plan.hold('hPitch', mid - 0.1, mid + top, rng.uniform(5, 15) * D2R, 3 * D2R, 0.2);
      break;
    }
    case 'cross_arms': {
      const a0 = Math.max(0.8, mid - 0.6);
      const hips = rng.chance(0.4);
      for (const s of ['L', 'R'] as const) {
        plan.activate(s);
        plan.handRest(s, 0, a0 - rng.uniform(0.5, 0.8));
        const pose = hips
          ? { lat: rng.uniform(0.02, 0.06), up: -0.52 * sc, fwd: rng.uniform(-0.02, 0.04), roll: rng.uniform(60, 100) * D2R, swv: 1.2 }
          : { lat: -rng.uniform(0.22, 0.3) * sc, up: -rng.uniform(0.2, 0.3) * sc, fwd: rng.uniform(0.12, 0.18) * sc, roll: rng.uniform(-20, 40) * D2R, swv: 0.2 };
        plan.handHold(s, a0, T, pose, 0.01, 0.2);
      }
      break;
    }
    case 'lean_peek': {
      const ch = rng.pick(['lean', 'sway'] as const);
      const v = (ch === 'lean' ? rng.uniform(8, 20) : rng.pick([-1, 1]) * rng.uniform(6, 14)) * D2R;
      plan.spec(ch).sigma = 0.25;
      plan.hold(ch, 0, mid - 0.6, plan.spec(ch).mean, 1 * D2R, 0.25);
      plan.hold(ch, mid + 0.2, T, v, 1 * D2R, 0.25);
      plan.hold('hPitch', mid + 0.2, T, -rng.uniform(-5, 15) * D2R, 3 * D2R, 0.25);
      break;
    }
  }
  return { plan, w0, D, hands: [], core };
}

// ---------------------------------------------------------------------------------------------
// Clips
// ---------------------------------------------------------------------------------------------

interface Attempt {
  clip: MotionClip | null;
  why: string;
}

function attemptClip(label: GestureLabel, person: Person, rng: Rng, noneKind: NoneKind): Attempt {
  const body = makeBody(person);
  const T = rng.pick([4, 4.5, 5]);
  const plan = new Plan(T, person, body, rng);
  const profile: Profile = rng.chance(0.3) ? 'hands' : 'controllers';
  plan.handsProfile = profile === 'hands';
  const gs: Side = rng.chance(0.8) ? (person.dom === 1 ? 'R' : 'L') : person.dom === 1 ? 'L' : 'R';
  let sc: Script;
  switch (label) {
    case 'wave':
      sc = scriptWave(plan, rng, gs);
      break;
    case 'beckon':
      sc = scriptBeckon(plan, rng, gs);
      break;
    case 'point':
      sc = scriptPoint(plan, rng, gs);
      break;
    case 'push':
      sc = scriptPush(plan, rng, gs);
      break;
    case 'nod':
      sc = scriptNod(plan, rng);
      break;
    case 'shake':
      sc = scriptShake(plan, rng);
      break;
    default:
      sc = scriptNone(plan, rng, gs, noneKind);
  }
  const tracks = sampleTracks(plan);
  const walk = label === 'none' && noneKind === 'walk';
  const r0 = walk ? rng.uniform(0, 1) : Math.sqrt(rng()) * 2.6;
  const th = rng.uniform(0, 2 * Math.PI);
  const yaw0 = rng.uniform(-Math.PI, Math.PI);
  let x0 = r0 * Math.cos(th);
  let z0 = r0 * Math.sin(th);
  if (walk) {
    const fs = tracks.get('fwdS') as Float64Array;
    const half = fs[fs.length - 1] / 2;
    x0 += Math.sin(yaw0) * half;
    z0 += Math.cos(yaw0) * half;
  }
  const W = makeWorld(plan, tracks, x0, z0, yaw0, rng.uniform(0, 12) * D2R);
  const tr = track(W, profile, sc.w0, sc.D, rng);
  const frames = tr.frames;
  // plausibility
  const dur = frames[frames.length - 1].t - frames[0].t;
  if (dur < 1 || dur > 3) return { clip: null, why: 'duration' };
  if (Math.max(peakSpeed(frames, 'left'), peakSpeed(frames, 'right')) > 3.4) {
    return { clip: null, why: 'hand speed' };
  }
  if (headRate(frames) > 440) return { clip: null, why: 'head rate' };
  for (const f of frames) {
    if (!f.head || f.head.p[1] < 0.9 || f.head.p[1] > 2.1) return { clip: null, why: 'head height' };
    for (const h of [f.left, f.right]) if (h && len(sub(h.p, f.head.p)) > 1.08) return { clip: null, why: 'hand far from head' };
  }
  // the label-defining part: inside the window and mostly tracked
  const [c0, c1] = sc.core;
  const t0 = frames[0].t - sc.w0;
  if (c0 < sc.w0 - 1e-6 || c1 > sc.w0 + sc.D + 1e-6 || c1 <= c0) return { clip: null, why: 'core outside' };
  for (const s of sc.hands) {
    const inCore = frames.filter((f) => f.t - t0 >= c0 && f.t - t0 <= c1);
    const ok = inCore.filter((f) => (s === 'L' ? f.left : f.right)).length;
    if (!inCore.length || ok / inCore.length < 0.75) return { clip: null, why: 'untracked' };
  }
  const hs = (s: Side) => handSeries(tr, s, body, false);
  const ha = headAngles(frames);
  const g = sc.hands[0];
  switch (label) {
    case 'wave':
      if (!waveLike(hs(g), Math.max(0.025, 0.8 * (sc.amp ?? 0.05)), true)) return { clip: null, why: 'wave check' };
      break;
    case 'beckon':
      if (!beckonLike(hs(g), Math.max(0.02, 0.8 * (sc.amp ?? 0.03)), 3)) return { clip: null, why: 'beckon check' };
      break;
    case 'point': {
      const h = hs(g);
      if (longestStill(h, 0.035, (i) => extendedOk(h, i, 0.7)) < 0.52) return { clip: null, why: 'point check' };
      break;
    }
    case 'push': {
      const h = hs(g);
      if (longestStill(h, 0.04, (i) => extendedOk(h, i, 0.65) && h.fwd[i] >= 0.3) < 0.3) return { clip: null, why: 'push check' };
      if (Math.max(...h.fwd) - Math.min(...h.fwd) < 0.15) return { clip: null, why: 'push check' };
      break;
    }
    case 'nod':
      if (!nodLike(ha.t, ha.pitch, 5, 2)) return { clip: null, why: 'nod check' };
      break;
    case 'shake': {
      const z = zigzag(ha.t, ha.yaw, 5);
      if (z.length < 2) return { clip: null, why: 'shake check' };
      break;
    }
    default: {
      for (const s of ['L', 'R'] as const) {
        const h = hs(s);
        if (waveLike(h, 0.04, false)) return { clip: null, why: 'none looks like wave' };
        if (beckonLike(h, 0.03, 3)) return { clip: null, why: 'none looks like beckon' };
        if (longestStill(h, 0.04, (i) => extendedOk(h, i, 0.68, -38)) >= 0.3) return { clip: null, why: 'none looks like point/push' };
      }
      if (nodLike(ha.t, ha.pitch, 6, 0.8)) return { clip: null, why: 'none looks like nod' };
      if (shakeLike(ha.t, ha.yaw, 7, 0.9)) return { clip: null, why: 'none looks like shake' };
    }
  }
  return { clip: { label, hz: tr.hz, frames }, why: '' };
}

/** Redraw statistics of the last `fourteenthDataset` call (why attempts were rejected). */
export const lastRejects = new Map<string, number>();

/** `perLabel` clips of every gesture label, deterministic for `seed`. */
export function fourteenthDataset(perLabel: number, seed: number): MotionClip[] {
  const rng = createRng(seed);
  lastRejects.clear();
  const people = Array.from({ length: Math.max(8, Math.ceil((perLabel * 7) / 3)) }, () => makePerson(rng));
  const clips: MotionClip[] = [];
  const kindOffset = rng.int(0, NONE_KINDS.length - 1);
  for (const label of GESTURE_LABELS) {
    for (let i = 0; i < perLabel; i++) {
      const kind = NONE_KINDS[(i + kindOffset) % NONE_KINDS.length];
      let clip: MotionClip | null = null;
      for (let a = 0; a < 60 && !clip; a++) {
        const r = attemptClip(label, rng.pick(people), rng, kind);
        if (!r.clip && label === "none") r.why = `${kind} ${r.why}`;
        clip = r.clip;
        if (!clip) lastRejects.set(`${label}: ${r.why}`, (lastRejects.get(`${label}: ${r.why}`) ?? 0) + 1);
      }
      if (!clip) throw new Error(`synth-fourteenth: could not draw a plausible ${label} clip (${[...lastRejects].join(', ')})`);
      clips.push(clip);
    }
  }
  return clips;
}

/** One-line summary of a clip set. */
export function summarise(clips: readonly MotionClip[]): string {
  let vmax = 0;
  let hmin = Infinity;
  let hmax = -Infinity;
  let rmax = 0;
  let hzMin = Infinity;
  let hzMax = 0;
  let dMin = Infinity;
  let dMax = 0;
  let nulls = 0;
  let slots = 0;
  for (const c of clips) {
    vmax = Math.max(vmax, peakSpeed(c.frames, 'left'), peakSpeed(c.frames, 'right'));
    rmax = Math.max(rmax, headRate(c.frames));
    hzMin = Math.min(hzMin, c.hz);
    hzMax = Math.max(hzMax, c.hz);
    const d = c.frames[c.frames.length - 1].t - c.frames[0].t;
    dMin = Math.min(dMin, d);
    dMax = Math.max(dMax, d);
    for (const f of c.frames) {
      if (f.head) {
        hmin = Math.min(hmin, f.head.p[1]);
        hmax = Math.max(hmax, f.head.p[1]);
      }
      slots += 2;
      nulls += (f.left ? 0 : 1) + (f.right ? 0 : 1);
    }
  }
  return (
    `synth-fourteenth: ${clips.length} clips, max hand speed ${vmax.toFixed(2)} m/s, head height ${hmin.toFixed(2)}-${hmax.toFixed(2)} m, ` +
    `max head rate ${rmax.toFixed(0)} deg/s, hz ${hzMin}-${hzMax}, duration ${dMin.toFixed(2)}-${dMax.toFixed(2)} s, null hand frames ${((100 * nulls) / Math.max(1, slots)).toFixed(1)}%`
  );
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const out = args.get('out');
  if (!out || out === 'true') {
    console.error('usage: node --import tsx scripts/gesture/synth-fourteenth.ts --out DIR [--per-label N] [--seed S]');
    process.exit(2);
  }
  const perLabel = Number(args.get('per-label') ?? 40);
  const seed = Number(args.get('seed') ?? 14);
  if (!Number.isInteger(perLabel) || perLabel < 1 || !Number.isFinite(seed)) {
    console.error('--per-label must be a positive integer and --seed a number');
    process.exit(2);
  }
  const clips = fourteenthDataset(perLabel, seed);
  writeClips(out, clips);
  console.log(summarise(clips));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
