/**
 * Rule-based fusion: where modalities meet, over one time window. Speech and gesture percepts
 * come in untargeted; fusion works out whom they address from the user's gaze and pointing ray,
 * lets "yes" + nod (and "no" + shake) raise each other's confidence, and turns a `point` gesture
 * into a target (an NPC, a POI or the floor point under the ray). It also emits `attention/look`
 * percepts when the user's gaze settles on an NPC.
 *
 * Inputs are plain data (no three.js, no tfjs): the head pose and pointer ray as `Vec3`s, NPCs as
 * `{ id, position, yaw }` (the NPC world's `NpcState` fits), POIs as `{ id, position }`. Percepts
 * are emitted immediately at the next `update` (never held back), so fusion adds at most one frame
 * of latency (none when the caller updates right after `ingest`, as the app does for percepts that
 * land between frames); when the second half of a pair arrives later, it is the one that carries
 * the boost.
 */
import { LOCAL_USER_ID, type Percept, type PerceptTarget, type Vec3 } from '../core/types';

/** An NPC as fusion sees it (position of the feet; yaw about +y, 0 faces -z). */
export interface FusionNpc {
  readonly id: string;
  readonly position: Vec3;
  readonly yaw: number;
}

/** A point of interest as fusion sees it. */
export interface FusionPoi {
  readonly id: string;
  readonly position: Vec3;
}

/** The world at one update: the user's head and what can be addressed. Caller-owned, reused. */
export interface FusionWorld {
  /** The local user's head position and view direction (any length); null when untracked. */
  head: { position: Vec3; forward: Vec3 } | null;
  npcs: readonly FusionNpc[];
  pois: readonly FusionPoi[];
}

/** Options of `createFusion`. */
export interface FusionOptions {
  /** The user whose head and pointer these are; other sources' percepts pass through untouched. @default LOCAL_USER_ID */
  userId?: string;
  /** Seconds over which speech, gestures, gaze and pointing are paired. @default 1 */
  windowSeconds?: number;
  /** Half-angle (deg) of the gaze cone that picks the looked-at NPC (plus its apparent size). @default 10 */
  lookConeDeg?: number;
  /** Farthest NPC (m) a gaze or ray picks. @default 15 */
  maxDistance?: number;
  /** Fallback addressee: the nearest NPC within this radius (m) that faces the user. @default 4 */
  nearRadius?: number;
  /** An NPC "faces" the user when the user is within this angle (deg) of its forward. @default 75 */
  facingDeg?: number;
  /** Radius (m) of an NPC's body for pointing. @default 0.45 */
  npcRadius?: number;
  /** Height (m) of an NPC's body for pointing. @default 1.9 */
  npcHeight?: number;
  /** Radius (m) of a POI for pointing. @default 0.8 */
  poiRadius?: number;
  /** Angular slack (deg) of a pointing ray (hands are imprecise). @default 4 */
  pointSlackDeg?: number;
  /** Floor height (m) for pointed floor points. @default 0 */
  floorY?: number;
  /** Farthest floor point (m) along a pointing ray. @default 25 */
  maxPointDistance?: number;
  /** How long (s) a pointer ray stays valid after `setPointer`. @default 1 */
  pointerHoldSeconds?: number;
  /**
   * How long (s), either side of a recognised `point` gesture, the pointer ray picks the addressee of
   * speech and other gestures. A controller or mouse ray at rest is not pointing: without a point
   * gesture the gaze decides. After that the point lasts while the arm is held: until the ray
   * sweeps faster than `pointingSweepDegPerSec` or the pointer is lost. @default 4
   */
  pointingSeconds?: number;
  /**
   * Angular speed (deg/s) of the pointer ray that ends a held point (the arm drops or turns away).
   * While the point is held, the NPC the point gesture picked stays the addressee as long as the ray
   * still covers it, even when a nearer NPC comes onto the ray (the arm follows a walking NPC past
   * someone standing closer: the person pointing still means the one they picked).
   * @default 90
   */
  pointingSweepDegPerSec?: number;
  /** Gaze must rest on an NPC this long (s) before an `attention/look` percept. @default 0.3 */
  lookDwellSeconds?: number;
  /** Called with every fused percept. */
  onPercept?: (p: Percept) => void;
}

/** A fusion instance; see `createFusion`. */
export interface Fusion {
  /** Queue a raw percept (speech, gesture, attention, affect); it is fused at the next `update`. */
  ingest(p: Percept): void;
  /** Set the pointing ray (gesture recogniser's arm ray, controller ray or mouse ray) at time `t`; `null` clears it. */
  setPointer(origin: Vec3 | null, direction?: Vec3, t?: number): void;
  /** Sample gaze, fuse queued percepts against `world` and emit them. */
  update(t: number, world: FusionWorld): void;
  /** Subscribe to fused percepts; returns unsubscribe. */
  onPercept(listener: (p: Percept) => void): () => void;
  /** The NPC index the user looked at in the last `update`, or -1. */
  readonly gazeNpc: number;
  /** Forget queued percepts, gaze history and pointer. */
  reset(): void;
}

const QUEUE = 32;
const HISTORY = 256;
const SPEECH_NON_COMMANDS = new Set(['unknown', 'silence']);
const AGREE: Record<string, string> = { yes: 'nod', no: 'shake', nod: 'yes', shake: 'no' };
const CONFLICT: Record<string, string> = { yes: 'shake', no: 'nod', nod: 'no', shake: 'yes' };
const ADDRESSED_GESTURES = new Set(['wave', 'beckon', 'push', 'nod', 'shake']);

/** Create a fusion stage; see `FusionOptions`. */
export function createFusion(options: FusionOptions = {}): Fusion {
  const userId = options.userId ?? LOCAL_USER_ID;
  const windowS = options.windowSeconds ?? 1;
  const lookCone = ((options.lookConeDeg ?? 10) * Math.PI) / 180;
  const maxDist = options.maxDistance ?? 15;
  const nearRadius = options.nearRadius ?? 4;
  const cosFacing = Math.cos(((options.facingDeg ?? 75) * Math.PI) / 180);
  const npcRadius = options.npcRadius ?? 0.45;
  const npcHeight = options.npcHeight ?? 1.9;
  const poiRadius = options.poiRadius ?? 0.8;
  const slack = Math.tan(((options.pointSlackDeg ?? 4) * Math.PI) / 180);
  const floorY = options.floorY ?? 0;
  const maxPoint = options.maxPointDistance ?? 25;
  const pointerHold = options.pointerHoldSeconds ?? 1;
  const pointingS = options.pointingSeconds ?? 4;
  const maxSweep = ((options.pointingSweepDegPerSec ?? 90) * Math.PI) / 180;
  let pointGestureT = -Infinity;
  // A held point: on since the last point gesture while the ray stays put.
  let pointHeld = false;
  let heldT = -Infinity;
  const heldD: Vec3 = [0, 0, -1];
  // The NPC the last point gesture picked (its id: NPC lists may be rebuilt), '' for none.
  let pointNpcId = '';
  const lookDwell = options.lookDwellSeconds ?? 0.3;
  const listeners: ((p: Percept) => void)[] = [];
  if (options.onPercept) listeners.push(options.onPercept);

  const queue: Percept[] = [];
  // Gaze history: which NPC the head pointed at, per update.
  const gazeT = new Float64Array(HISTORY).fill(-Infinity);
  const gazeIdx = new Int32Array(HISTORY).fill(-1);
  let gazeHead = 0;
  // lookedAt's scratch: gaze time per NPC index, which NPCs it listed, in which order.
  let gazeSum = new Float64Array(16);
  let gazeListed = new Uint8Array(16);
  const gazeOrder = new Int32Array(HISTORY);
  // Recently emitted yes/no/nod/shake, to pair with their counterpart.
  const recentLabel: string[] = new Array(QUEUE).fill('');
  const recentT = new Float64Array(QUEUE).fill(-Infinity);
  const recentConf = new Float32Array(QUEUE);
  let recentHead = 0;
  const pointerO: Vec3 = [0, 0, 0];
  const pointerD: Vec3 = [0, 0, -1];
  let pointerT = -Infinity;
  let gazeNpc = -1;
  let gazeSince = 0;
  let lookedNpc = -1;

  function emit(p: Percept): void {
    for (let k = 0; k < listeners.length; k++) listeners[k](p);
  }

  /** Index of the NPC the head looks at (smallest angle inside the cone), or -1. */
  function gazeTarget(world: FusionWorld): number {
    const head = world.head;
    if (!head) return -1;
    const f = head.forward;
    const fl = Math.hypot(f[0], f[1], f[2]) || 1;
    let best = -1;
    let bestAngle = Infinity;
    for (let i = 0; i < world.npcs.length; i++) {
      const p = world.npcs[i].position;
      const dx = p[0] - head.position[0];
      const dy = p[1] + 1.4 - head.position[1];
      const dz = p[2] - head.position[2];
      const d = Math.hypot(dx, dy, dz);
      if (d > maxDist || d < 1e-3) continue;
      const cos = (dx * f[0] + dy * f[1] + dz * f[2]) / (d * fl);
      const angle = Math.acos(Math.min(1, Math.max(-1, cos)));
      // The cone widens by the NPC's apparent half-width.
      if (angle < lookCone + Math.atan(npcRadius / d) && angle < bestAngle) {
        bestAngle = angle;
        best = i;
      }
    }
    return best;
  }

  /**
   * The NPC looked at longest within [t - window, t] (gaze samples weighted by the time each one
   * stands for; ties to the most recent), or -1. The longest, not the last: a nod or a shake swings
   * the gaze cone off the addressee and across whoever walks behind, and the percept comes at the
   * end of the gesture. One pass sums each NPC's time (newest sample first, so `order` lists the
   * NPCs from the most recently looked at); a second picks the longest. Allocation-free unless an
   * NPC index outgrows the sums (grown once per larger crowd).
   */
  function lookedAt(t: number): number {
    let seen = 0;
    let newer = 0;
    for (let k = 1; k <= HISTORY; k++) {
      const s = (gazeHead - k + HISTORY) % HISTORY;
      const st = gazeT[s];
      if (st < t - windowS) break;
      // A sample stands for the time until the next one (the newest: a frame's worth).
      const until = k === 1 ? st + 1 / 60 : newer;
      newer = st;
      const idx = gazeIdx[s];
      if (st > t + 0.05 || idx < 0) continue;
      if (idx >= gazeSum.length) {
        const sums = new Float64Array(2 * idx + 2);
        const listed = new Uint8Array(2 * idx + 2);
        sums.set(gazeSum);
        listed.set(gazeListed);
        gazeSum = sums;
        gazeListed = listed;
      }
      if (!gazeListed[idx]) {
        gazeListed[idx] = 1;
        gazeSum[idx] = 0;
        gazeOrder[seen++] = idx;
      }
      gazeSum[idx] += Math.min(0.25, Math.max(0, Math.min(until, t + 0.05) - st));
    }
    let best = -1;
    let bestTime = 0;
    for (let i = 0; i < seen; i++) {
      const idx = gazeOrder[i];
      gazeListed[idx] = 0;
      if (gazeSum[idx] > bestTime + 1e-9) {
        best = idx;
        bestTime = gazeSum[idx];
      }
    }
    return best;
  }

  /** Distance along the pointer ray to where it passes NPC `p` (its body cylinder), or -1 on a miss. */
  function npcRayS(p: Vec3): number {
    const o = pointerO;
    const d = pointerD;
    const h2 = d[0] * d[0] + d[2] * d[2];
    if (h2 < 1e-9) return -1;
    // Closest approach of the ray to the NPC's vertical axis, then a cylinder test.
    const s = ((p[0] - o[0]) * d[0] + (p[2] - o[2]) * d[2]) / h2;
    if (s <= 0 || s > maxDist) return -1;
    const cx = o[0] + d[0] * s - p[0];
    const cz = o[2] + d[2] * s - p[2];
    const cy = o[1] + d[1] * s;
    if (Math.hypot(cx, cz) > npcRadius + s * slack || cy < p[1] - 0.1 || cy > p[1] + npcHeight + s * slack) return -1;
    return s;
  }

  // What a pointer ray hits: kind 0 none, 1 npc, 2 poi, 3 floor; result in `hit`.
  const hit = { kind: 0, index: -1, point: [0, 0, 0] as Vec3 };
  function castPointer(world: FusionWorld): void {
    hit.kind = 0;
    hit.index = -1;
    const o = pointerO;
    const d = pointerD;
    let bestS = Infinity;
    for (let i = 0; i < world.npcs.length; i++) {
      const s = npcRayS(world.npcs[i].position);
      if (s < 0) continue;
      if (s < bestS) {
        bestS = s;
        hit.kind = 1;
        hit.index = i;
      }
    }
    for (let k = 0; k < world.pois.length; k++) {
      const p = world.pois[k].position;
      const s = (p[0] - o[0]) * d[0] + (p[1] - o[1]) * d[1] + (p[2] - o[2]) * d[2];
      if (s <= 0 || s > maxPoint) continue;
      const dist = Math.hypot(o[0] + d[0] * s - p[0], o[1] + d[1] * s - p[1], o[2] + d[2] * s - p[2]);
      if (dist > poiRadius + s * slack) continue;
      if (s < bestS) {
        bestS = s;
        hit.kind = 2;
        hit.index = k;
      }
    }
    if (hit.kind === 0 && d[1] < -1e-3) {
      const s = (floorY - o[1]) / d[1];
      if (s > 0 && s <= maxPoint) {
        hit.kind = 3;
        hit.point[0] = o[0] + d[0] * s;
        hit.point[1] = floorY;
        hit.point[2] = o[2] + d[2] * s;
      }
    }
  }

  function nearestFacing(world: FusionWorld): number {
    const head = world.head;
    if (!head) return -1;
    let best = -1;
    let bestD = nearRadius;
    for (let i = 0; i < world.npcs.length; i++) {
      const n = world.npcs[i];
      const dx = head.position[0] - n.position[0];
      const dz = head.position[2] - n.position[2];
      const d = Math.hypot(dx, dz);
      if (d > bestD || d < 1e-6) continue;
      const cos = (-Math.sin(n.yaw) * dx - Math.cos(n.yaw) * dz) / d;
      if (cos < cosFacing) continue;
      bestD = d;
      best = i;
    }
    return best;
  }

  /**
   * The NPC a percept at time `t` addresses: pointed at (during a point gesture: the one the gesture
   * picked while the ray still covers it, else the nearest on the ray), looked at, else nearest
   * facing; or -1.
   */
  function addressee(t: number, world: FusionWorld): number {
    if (t - pointerT <= pointerHold && (pointHeld || Math.abs(t - pointGestureT) <= pointingS)) {
      if (pointNpcId !== '') {
        for (let i = 0; i < world.npcs.length; i++) {
          if (world.npcs[i].id === pointNpcId && npcRayS(world.npcs[i].position) >= 0) return i;
        }
      }
      castPointer(world);
      if (hit.kind === 1) return hit.index;
    }
    const looked = lookedAt(t);
    if (looked >= 0 && looked < world.npcs.length) return looked;
    return nearestFacing(world);
  }

  function remember(label: string, t: number, conf: number): void {
    recentLabel[recentHead] = label;
    recentT[recentHead] = t;
    recentConf[recentHead] = conf;
    recentHead = (recentHead + 1) % QUEUE;
  }

  /** Confidence of `label` at `t` after pairing with an agreeing or conflicting counterpart. */
  function paired(label: string, t: number, conf: number): number {
    const agree = AGREE[label];
    const conflict = CONFLICT[label];
    let out = conf;
    for (let k = 0; k < QUEUE; k++) {
      if (Math.abs(recentT[k] - t) > windowS) continue;
      if (recentLabel[k] === agree) out = Math.max(out, 1 - (1 - conf) * (1 - recentConf[k]));
      else if (recentLabel[k] === conflict) out = Math.min(out, conf * (1 - recentConf[k] * 0.5));
    }
    return out;
  }

  function fuse(p: Percept, world: FusionWorld): Percept {
    if (p.source !== userId) return p;
    let target: PerceptTarget | undefined = p.target;
    let confidence = p.confidence;
    const label = p.label;
    if (p.kind === 'speech' && !SPEECH_NON_COMMANDS.has(label)) {
      if (!target) {
        const i = addressee(p.t, world);
        if (i >= 0) target = { type: 'npc', id: world.npcs[i].id };
      }
      if (label in AGREE) {
        confidence = paired(label, p.t, p.confidence);
        remember(label, p.t, p.confidence);
      }
    } else if (p.kind === 'gesture' && label === 'point') {
      if (!target) {
        if (pointerValid(p.t)) castPointer(world);
        else if (world.head) {
          // No ray from a hand or controller: the head ray stands in.
          setRay(world.head.position, world.head.forward);
          castPointer(world);
        } else hit.kind = 0;
        if (hit.kind === 1) target = { type: 'npc', id: world.npcs[hit.index].id };
        else if (hit.kind === 2) target = { type: 'poi', id: world.pois[hit.index].id };
        else if (hit.kind === 3) target = { type: 'point', position: [hit.point[0], hit.point[1], hit.point[2]] };
      }
      pointNpcId = target?.type === 'npc' ? target.id : '';
    } else if (p.kind === 'gesture' && ADDRESSED_GESTURES.has(label)) {
      if (!target) {
        const i = addressee(p.t, world);
        if (i >= 0) target = { type: 'npc', id: world.npcs[i].id };
      }
      if (label in AGREE) {
        confidence = paired(label, p.t, p.confidence);
        remember(label, p.t, p.confidence);
      }
    }
    if (target === p.target && confidence === p.confidence) return p;
    return { t: p.t, kind: p.kind, label: p.label, confidence, source: p.source, target };
  }

  function pointerValid(t: number): boolean {
    return Math.abs(t - pointerT) <= pointerHold;
  }

  function setRay(origin: Vec3, direction: Vec3): void {
    const l = Math.hypot(direction[0], direction[1], direction[2]) || 1;
    pointerO[0] = origin[0];
    pointerO[1] = origin[1];
    pointerO[2] = origin[2];
    pointerD[0] = direction[0] / l;
    pointerD[1] = direction[1] / l;
    pointerD[2] = direction[2] / l;
  }

  return {
    ingest(p) {
      if (!p || typeof p.kind !== 'string' || typeof p.label !== 'string' || !Number.isFinite(p.t)) {
        throw new Error('fusion.ingest: a percept needs t (number), kind and label (strings)');
      }
      if (queue.length >= QUEUE) queue.shift(); // drop the oldest rather than grow without bound
      queue.push(p);
      // Known at once, so speech queued in the same update as the point is addressed by it too.
      if (p.kind === 'gesture' && p.label === 'point' && p.source === userId) {
        pointGestureT = p.t;
        pointHeld = true;
        heldT = NaN; // the hold starts at the next update: a percept's t may lag the clock (inference)
        heldD[0] = pointerD[0];
        heldD[1] = pointerD[1];
        heldD[2] = pointerD[2];
      }
    },
    setPointer(origin, direction, t) {
      if (!origin || !direction) {
        pointerT = -Infinity;
        return;
      }
      setRay(origin, direction);
      pointerT = t ?? 0;
    },
    update(t, world) {
      if (pointHeld) {
        // The held point ends when the pointer is lost (or not seen for a while) or the ray sweeps away fast.
        if (Number.isNaN(heldT)) heldT = t;
        const dt = t - heldT;
        const cos = pointerD[0] * heldD[0] + pointerD[1] * heldD[1] + pointerD[2] * heldD[2];
        const angle = Math.acos(Math.min(1, Math.max(-1, cos)));
        if (!pointerValid(t) || dt > pointerHold || (dt > 0 && angle > maxSweep * dt)) pointHeld = false;
        else if (dt > 0) {
          heldT = t;
          heldD[0] = pointerD[0];
          heldD[1] = pointerD[1];
          heldD[2] = pointerD[2];
        }
      }
      const g = gazeTarget(world);
      gazeT[gazeHead] = t;
      gazeIdx[gazeHead] = g;
      gazeHead = (gazeHead + 1) % HISTORY;
      if (g !== gazeNpc) {
        gazeNpc = g;
        gazeSince = t;
      }
      if (g >= 0 && g !== lookedNpc && t - gazeSince >= lookDwell) {
        lookedNpc = g;
        emit({ t, kind: 'attention', label: 'look', confidence: 1, source: userId, target: { type: 'npc', id: world.npcs[g].id } });
      } else if (g < 0 && t - gazeSince >= lookDwell) lookedNpc = -1;
      // Hand over queued percepts in arrival order.
      while (queue.length > 0) {
        const p = queue.shift()!;
        emit(fuse(p, world));
      }
    },
    onPercept(listener) {
      listeners.push(listener);
      return () => {
        const k = listeners.indexOf(listener);
        if (k >= 0) listeners.splice(k, 1);
      };
    },
    get gazeNpc() {
      return gazeNpc;
    },
    reset() {
      queue.length = 0;
      gazeT.fill(-Infinity);
      gazeIdx.fill(-1);
      recentT.fill(-Infinity);
      pointerT = -Infinity;
      pointGestureT = -Infinity;
      pointHeld = false;
      pointNpcId = '';
      gazeNpc = -1;
      lookedNpc = -1;
    },
  };
}
