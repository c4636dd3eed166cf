/**
 * The NPC brains: working memory, beliefs about users, goal evaluators and goal behaviours for
 * every NPC of a world, in structure-of-arrays form (typed arrays indexed by NPC, NPC x user and
 * NPC x memory slot) so a tick over 1,000 NPCs allocates nothing and stays in cache. Modelled on
 * yuka's Think/GoalEvaluator (desirability in [0, 1] times a persona bias, best wins),
 * MemorySystem (timestamped records that decay) and Regulator (a fixed tick), written lean
 * because yuka's object-per-goal design allocates on every goal switch.
 *
 * Platform-free: no three.js, React or tfjs. The agents layer writes each NPC's pose in and reads
 * its intents (move, look, say, gesture) out; nothing here touches a scene graph.
 */
import type { Percept, Vec3 } from '../core/types';
import { L, labelCode } from './labels';
import { formatLine, pickLine } from './lines';
import { GOAL_NAMES, type GoalName, type LineSituation, type Persona } from './persona';

/** A point of interest an NPC can guide to and explain. */
export interface PoiSpec {
  id: string;
  position: Vec3;
  title: string;
  /** What is said first (`{text}` in lines). */
  text: string;
  /** Further paragraphs, said in turn on each "tell me more". @default [] */
  details?: string[];
  /**
   * Where a guide stands to present it: a walkable point near `position` (a POI often sits inside
   * an obstacle: a fountain basin, an exhibit case). The guide walks there and presents it from there.
   * @default position
   */
  standAt?: Vec3;
}

/** An NPC as a scene declares it. */
export interface NpcSpec {
  id: string;
  name: string;
  persona: Persona;
  /** Heading in radians about +y; 0 faces -z. */
  spawn: { position: Vec3; yaw?: number };
  /** POI ids this NPC tours, in order (guides). @default every POI in scene order */
  pois?: string[];
  /** How far (m) it wanders from its spawn. @default `BrainsOptions.wanderRadius` */
  wanderRadius?: number;
}

/** Goal codes, in `GOAL_NAMES` order. */
export const G = {
  idle: 0,
  wander: 1,
  greet: 2,
  follow: 3,
  come: 4,
  keepDistance: 5,
  tour: 6,
  explain: 7,
  ask: 8,
  help: 9,
  stop: 10,
} as const satisfies Record<GoalName, number>;
for (const name of GOAL_NAMES) {
  if (GOAL_NAMES[G[name]] !== name) throw new Error(`cognition/brains: goal code of '${name}' does not match GOAL_NAMES`);
}
const GOAL_COUNT = GOAL_NAMES.length;

/** How an NPC wants to move (read by the agents layer). */
export const MOVE = { none: 0, point: 1, follow: 2, come: 3, away: 4 } as const;
/** Where an NPC wants to look. */
export const LOOK = { none: 0, user: 1, point: 2 } as const;
/** Gesture codes; `GESTURE_NAMES[code]` is the name or null. */
export const GESTURE = { none: 0, wave: 1, nod: 2, talk: 3 } as const;
/** Gesture names by code. */
export const GESTURE_NAMES = [null, 'wave', 'nod', 'talk'] as const;
/** A gesture name. */
export type GestureName = 'wave' | 'nod' | 'talk';
/** Questions an NPC can have pending. */
export const QUESTION = { none: 0, tour: 1, help: 2, moveOn: 3 } as const;

/** Options of `createBrains`. */
export interface BrainsOptions {
  npcs: readonly NpcSpec[];
  /** Points of interest for tours and explanations. @default [] */
  pois?: readonly PoiSpec[];
  /** Cognition ticks per second. @default 10 */
  tickHz?: number;
  /** Seed of the deterministic random stream (wander points). @default 1 */
  seed?: number;
  /** Most users tracked at once. @default 4 */
  maxUsers?: number;
  /** Radius (m) within which an untargeted command reaches the nearest NPC. @default 4 */
  hearingRadius?: number;
  /** Distance (m) kept after "go away" or a push. @default 4.5 */
  keepDistance?: number;
  /** How long (s) "go away" holds unless called back. @default 30 */
  keepDistanceSeconds?: number;
  /** Seconds at a tour stop after the explanation before asking to move on. @default 6 */
  tourDwellSeconds?: number;
  /** Seconds a question waits for yes/no. @default 10 */
  questionTimeoutSeconds?: number;
  /** Radius (m) around the spawn that wandering stays in. @default 5 */
  wanderRadius?: number;
  /**
   * Each tick's NPCs are split into this many slices run at evenly spaced sub-ticks, so 1,000
   * brains do not all think in one frame (each NPC still thinks once per tick). @default 4
   */
  slices?: number;
  /** Working-memory slots per NPC (older records are overwritten). @default 8 */
  memorySlots?: number;
  /** Time constant (s) of memory decay: salience = confidence * exp(-age / tau). @default 3 */
  memoryTau?: number;
}

/** Event hooks (event-level: called on goal changes, lines and gestures, never per frame). */
export interface BrainsListener {
  /** NPC `npc` starts saying `text`. */
  say?(npc: number, text: string, situation: LineSituation, user: number): void;
  /** NPC `npc` switched goal. */
  goal?(npc: number, goal: number, user: number, previous: number): void;
  /** NPC `npc` starts a gesture. */
  gesture?(npc: number, gesture: number): void;
}

// Memory records are considered for decisions while salient and younger than this.
const RECORD_MAX_AGE = 5;
const RECORD_MIN_SALIENCE = 0.12;
// Desirabilities (before persona bias). Explicit commands beat social routines, which beat idling.
const D = {
  idle: 0.1,
  wander: 0.2,
  greetAsked: 0.9,
  greetNoticed: 0.5,
  follow: 0.8,
  come: 0.85,
  keepDistance: 0.95,
  tour: 0.7,
  tourAsked: 0.82,
  explain: 0.88,
  explainPointed: 0.6,
  askHold: 0.75,
  offer: 0.55,
  help: 0.9,
  stop: 1,
  // One-shot goals hold this while their line plays so the tour does not cut them off, but any
  // explicit command (>= 0.8) still pre-empts them.
  oneShotHold: 0.72,
  explainHold: 0.79,
};
// A goal switch needs this much more desirability than the running goal (avoids dithering).
const HYSTERESIS = 0.05;

/** The brains of a world's NPCs (structure of arrays; read-only outside cognition/agents). */
export type Brains = ReturnType<typeof createBrains>;

/** Create the brains of `options.npcs`; see `BrainsOptions`. */
export function createBrains(options: BrainsOptions) {
  const specs = options.npcs;
  const pois = options.pois ?? [];
  const n = specs.length;
  const U = options.maxUsers ?? 4;
  const C = options.memorySlots ?? 8;
  const tickHz = options.tickHz ?? 10;
  if (!(tickHz > 0)) throw new Error(`createBrains: tickHz must be > 0 (got ${tickHz})`);
  const slices = Math.max(1, Math.floor(options.slices ?? 4));
  const period = 1 / tickHz / slices;
  let slice = 0;
  const hearing = options.hearingRadius ?? 4;
  const keepDist = options.keepDistance ?? 4.5;
  const keepSeconds = options.keepDistanceSeconds ?? 30;
  const dwell = options.tourDwellSeconds ?? 6;
  const questionTimeout = options.questionTimeoutSeconds ?? 10;
  const wanderRadius = options.wanderRadius ?? 5;
  const memTau = options.memoryTau ?? 3;
  let seed = (options.seed ?? 1) >>> 0 || 1;

  const ids: string[] = [];
  const names: string[] = [];
  const personas: Persona[] = [];
  const indexById = new Map<string, number>();
  const bias = new Float32Array(n * GOAL_COUNT);
  const spawnX = new Float64Array(n);
  const spawnY = new Float64Array(n);
  const spawnZ = new Float64Array(n);
  specs.forEach((s, i) => {
    const where = `npcs[${i}]${s && typeof s.id === 'string' ? ` ('${s.id}')` : ''}`;
    if (!s || typeof s.id !== 'string' || s.id === '') throw new Error(`createBrains: ${where}.id must be a non-empty string`);
    if (indexById.has(s.id)) throw new Error(`createBrains: ${where}.id is a duplicate`);
    if (!s.persona || typeof s.persona.biases !== 'object' || typeof s.persona.lines !== 'object') {
      throw new Error(`createBrains: ${where}.persona must have 'biases' and 'lines' objects`);
    }
    const p = s.spawn?.position;
    if (!Array.isArray(p) || p.length !== 3 || !p.every(Number.isFinite)) {
      throw new Error(`createBrains: ${where}.spawn.position must be [x, y, z] numbers`);
    }
    indexById.set(s.id, i);
    ids.push(s.id);
    names.push(s.name ?? s.id);
    personas.push(s.persona);
    for (let g = 0; g < GOAL_COUNT; g++) {
      const b = s.persona.biases[GOAL_NAMES[g]];
      if (b !== undefined && !(b >= 0)) throw new Error(`createBrains: ${where}.persona.biases.${GOAL_NAMES[g]} must be >= 0 (got ${b})`);
      bias[i * GOAL_COUNT + g] = b ?? 1;
    }
    spawnX[i] = p[0];
    spawnY[i] = p[1];
    spawnZ[i] = p[2];
  });
  pois.forEach((poi, k) => {
    if (!poi || typeof poi.id !== 'string' || !Array.isArray(poi.position) || poi.position.length !== 3) {
      throw new Error(`createBrains: pois[${k}] needs an id and a position [x, y, z]`);
    }
  });
  // Each NPC's tour: its own POI list (by id) or every POI in order, flattened.
  const tourOffset = new Int32Array(n);
  const tourLen = new Int16Array(n);
  const tourList: number[] = [];
  const wanderR = new Float32Array(n);
  specs.forEach((s, i) => {
    tourOffset[i] = tourList.length;
    const list = s.pois ?? pois.map((p) => p.id);
    for (const id of list) {
      const k = pois.findIndex((p) => p.id === id);
      if (k < 0) throw new Error(`createBrains: npcs[${i}] ('${s.id}').pois names '${id}', which is not among the POIs`);
      tourList.push(k);
    }
    tourLen[i] = list.length;
    wanderR[i] = s.wanderRadius ?? wanderRadius;
  });
  const tourPois = Int16Array.from(tourList);
  const tourPoi = (i: number, k: number) => tourPois[tourOffset[i] + k];

  // --- per NPC -------------------------------------------------------------------------------
  const posX = Float64Array.from(spawnX);
  const posY = Float64Array.from(spawnY);
  const posZ = Float64Array.from(spawnZ);
  const yaw = Float64Array.from(specs, (s) => s.spawn.yaw ?? 0);
  const goal = new Uint8Array(n);
  const goalUser = new Int8Array(n).fill(-1);
  const goalStart = new Float64Array(n);
  const goalPhase = new Uint8Array(n);
  const goalPhaseT = new Float64Array(n);
  const goalDone = new Uint8Array(n);
  const goalRec = new Int16Array(n).fill(-1);
  const goalPoi = new Int16Array(n).fill(-1);
  const goalScore = new Float32Array(n);
  const moveMode = new Uint8Array(n);
  const moveUser = new Int8Array(n).fill(-1);
  const moveX = new Float64Array(n);
  const moveY = new Float64Array(n);
  const moveZ = new Float64Array(n);
  const moveSpeed = new Float32Array(n).fill(1.2);
  const moveDist = new Float32Array(n);
  const lookMode = new Uint8Array(n);
  const lookUser = new Int8Array(n).fill(-1);
  const lookX = new Float64Array(n);
  const lookY = new Float64Array(n);
  const lookZ = new Float64Array(n);
  const lookUntil = new Float64Array(n);
  const gesture = new Uint8Array(n);
  const gestureStart = new Float64Array(n);
  const gestureUntil = new Float64Array(n);
  const sayText: (string | null)[] = new Array(n).fill(null);
  const saySituation: (LineSituation | null)[] = new Array(n).fill(null);
  const sayStart = new Float64Array(n);
  const sayUntil = new Float64Array(n);
  const sayVersion = new Uint32Array(n);
  const lineCount = new Uint16Array(n * 32);
  const question = new Uint8Array(n);
  const questionUser = new Int8Array(n).fill(-1);
  const questionT = new Float64Array(n);
  const tourActive = new Uint8Array(n);
  const tourUser = new Int8Array(n).fill(-1);
  const tourIdx = new Int16Array(n);
  const tourIntroIdx = new Int16Array(n).fill(-1);
  const askWhich = new Uint8Array(n);
  const helpRequested = new Uint8Array(n);
  const helpOfferedT = new Float64Array(n).fill(-Infinity);
  const nextWanderT = new Float64Array(n);
  const lastExplained = new Int16Array(n).fill(-1);
  const explainCount = new Uint16Array(n);
  const urgent = new Uint8Array(n);
  const urgentList = new Int32Array(n);
  let urgentCount = 0;

  // --- per NPC x user: beliefs ---------------------------------------------------------------
  const NU = n * U;
  const dist = new Float32Array(NU).fill(Infinity);
  const attention = new Float32Array(NU);
  const attentionSince = new Float64Array(NU);
  const attentionCue = new Float64Array(NU);
  const lastSeenT = new Float64Array(NU).fill(-Infinity);
  const noticedT = new Float64Array(NU).fill(-Infinity);
  const lastCmd = new Uint8Array(NU);
  const lastCmdT = new Float64Array(NU);
  const lastInteractionT = new Float64Array(NU).fill(-Infinity);
  const mood = new Float32Array(NU).fill(0.5);
  const greetedT = new Float64Array(NU).fill(-Infinity);
  const awayUntil = new Float64Array(NU);
  const tourOffered = new Uint8Array(NU);

  // --- per NPC x slot: working memory of percepts ---------------------------------------------
  const NC = n * C;
  const memT = new Float64Array(NC).fill(-Infinity);
  const memLabel = new Uint8Array(NC);
  const memUser = new Int8Array(NC);
  const memConf = new Float32Array(NC);
  const memHandled = new Uint8Array(NC);
  const memPoi = new Int16Array(NC).fill(-1);
  const memHead = new Uint16Array(n);

  // --- users ----------------------------------------------------------------------------------
  const userIds: (string | null)[] = new Array(U).fill(null);
  const userSlot = new Map<string, number>();
  const userActive = new Uint8Array(U);
  const userX = new Float64Array(U);
  const userY = new Float64Array(U);
  const userZ = new Float64Array(U);
  const userFx = new Float64Array(U);
  const userFz = new Float64Array(U).fill(-1);
  const userT = new Float64Array(U);

  const listeners: BrainsListener[] = [];
  let lastTick = -Infinity;
  let now = 0;
  let poiIndexById: Map<string, number> | null = null;

  function random(): number {
    // mulberry32: tiny, fast and deterministic.
    seed = (seed + 0x6d2b79f5) >>> 0;
    let x = seed;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  }

  function userIndex(id: string, create: boolean): number {
    const s = userSlot.get(id);
    if (s !== undefined) return s;
    if (!create) return -1;
    for (let u = 0; u < U; u++) {
      if (userIds[u] === null) {
        userIds[u] = id;
        userSlot.set(id, u);
        return u;
      }
    }
    return -1;
  }

  function poiIndex(id: string): number {
    if (!poiIndexById) poiIndexById = new Map(pois.map((p, k) => [p.id, k]));
    return poiIndexById.get(id) ?? -1;
  }

  // --- actions --------------------------------------------------------------------------------
  function say(i: number, situation: LineSituation, u: number, poi: number, t: number, text0?: string): void {
    const sit = SITUATION_INDEX[situation];
    const count = lineCount[i * 32 + sit]++;
    const line = pickLine(personas[i], situation, count, i);
    const p = poi >= 0 ? pois[poi] : null;
    const text = formatLine(line, names[i], u >= 0 ? (userIds[u] ?? '') : '', p ? p.title : '', text0 ?? (p ? p.text : ''));
    sayText[i] = text;
    saySituation[i] = situation;
    sayStart[i] = t;
    // Long enough to read: ~15 characters a second, at least 1.5 s.
    sayUntil[i] = t + Math.max(1.5, 0.4 + text.length * 0.065);
    sayVersion[i]++;
    if (gesture[i] === GESTURE.none || gestureUntil[i] <= t) setGesture(i, GESTURE.talk, sayUntil[i] - t, t);
    for (let k = 0; k < listeners.length; k++) listeners[k].say?.(i, text, situation, u);
  }

  function setGesture(i: number, code: number, duration: number, t: number): void {
    gesture[i] = code;
    gestureStart[i] = t;
    gestureUntil[i] = t + duration;
    for (let k = 0; k < listeners.length; k++) listeners[k].gesture?.(i, code);
  }

  function lookAtUser(i: number, u: number): void {
    lookMode[i] = u >= 0 ? LOOK.user : LOOK.none;
    lookUser[i] = u;
  }

  function moveTo(i: number, mode: number, u: number, x: number, y: number, z: number, speed: number, d: number): void {
    moveMode[i] = mode;
    moveUser[i] = u;
    moveX[i] = x;
    moveY[i] = y;
    moveZ[i] = z;
    moveSpeed[i] = speed;
    moveDist[i] = d;
  }

  // --- memory ---------------------------------------------------------------------------------
  function remember(i: number, code: number, u: number, conf: number, poi: number, t: number): number {
    const slot = i * C + memHead[i];
    memHead[i] = (memHead[i] + 1) % C;
    memT[slot] = t;
    memLabel[slot] = code;
    memUser[slot] = u;
    memConf[slot] = conf;
    memHandled[slot] = 0;
    memPoi[slot] = poi;
    memNewestT[i] = Math.max(memNewestT[i], t);
    return slot;
  }

  /** Newest unhandled, still salient record of `a` or `b` (from user `u` when >= 0), or -1. */
  function recall(i: number, a: number, b: number, u: number, t: number, after = -Infinity): number {
    let best = -1;
    let bestT = -Infinity;
    for (let k = i * C, end = k + C; k < end; k++) {
      const lab = memLabel[k];
      if ((lab !== a && lab !== b) || memHandled[k]) continue;
      if (u >= 0 && memUser[k] !== u) continue;
      const age = t - memT[k];
      if (age > RECORD_MAX_AGE || memT[k] < after || age < -1) continue;
      if (memConf[k] * Math.exp(-Math.max(0, age) / memTau) < RECORD_MIN_SALIENCE) continue;
      if (memT[k] > bestT) {
        bestT = memT[k];
        best = k;
      }
    }
    return best;
  }

  // The newest unhandled, salient record of each label, filled by one pass over the NPC's slots
  // (evaluators read it instead of scanning memory once per label).
  const newest = new Int16Array(32);
  const newestT = new Float64Array(32);
  const memNewestT = new Float64Array(n).fill(-Infinity);

  function scanMemory(i: number, t: number): void {
    newest.fill(-1);
    // Nothing remembered recently: skip the scan (most NPCs, most ticks).
    if (t - memNewestT[i] > RECORD_MAX_AGE) return;
    for (let k = i * C, end = k + C; k < end; k++) {
      if (memHandled[k]) continue;
      const age = t - memT[k];
      if (age > RECORD_MAX_AGE || age < -1) continue;
      if (memConf[k] * Math.exp(-Math.max(0, age) / memTau) < RECORD_MIN_SALIENCE) continue;
      const lab = memLabel[k];
      if (newest[lab] < 0 || memT[k] > newestT[lab]) {
        newest[lab] = k;
        newestT[lab] = memT[k];
      }
    }
  }

  function newestOf(a: number, b: number): number {
    const ra = newest[a];
    const rb = newest[b];
    if (ra < 0) return rb;
    if (rb < 0) return ra;
    return newestT[b] > newestT[a] ? rb : ra;
  }

  function handle(slot: number): void {
    if (slot >= 0) memHandled[slot] = 1;
  }

  // --- perception -> memory and beliefs --------------------------------------------------------
  function isEngaged(i: number, u: number): boolean {
    return goalUser[i] === u && goal[i] !== G.idle && goal[i] !== G.wander;
  }

  /** Which NPC an untargeted percept from user `u` is for (see docs/cognition.md), or -1. */
  function route(code: number, u: number): number {
    if (code === L.yes || code === L.no || code === L.nod || code === L.shake) {
      let best = -1;
      for (let i = 0; i < n; i++) {
        if (question[i] !== QUESTION.none && questionUser[i] === u && (best < 0 || questionT[i] > questionT[best])) best = i;
      }
      if (best >= 0) return best;
    }
    if (code !== L.wave && code !== L.hello) {
      let best = -1;
      for (let i = 0; i < n; i++) {
        if (isEngaged(i, u) && (best < 0 || goalStart[i] > goalStart[best])) best = i;
      }
      if (best >= 0) return best;
    }
    let best = -1;
    let bestAtt = 0.5;
    for (let i = 0; i < n; i++) {
      const a = attention[i * U + u];
      if (a > bestAtt) {
        bestAtt = a;
        best = i;
      }
    }
    if (best >= 0) return best;
    if (!userActive[u]) return -1;
    let bestD = hearing;
    for (let i = 0; i < n; i++) {
      const dx = posX[i] - userX[u];
      const dz = posZ[i] - userZ[u];
      const d = Math.sqrt(dx * dx + dz * dz);
      if (d <= bestD) {
        bestD = d;
        best = i;
      }
    }
    return best;
  }

  /** Take in one percept (after fusion). Returns the NPC index it went to, or -1. */
  function ingest(p: Percept): number {
    if (!p || typeof p.label !== 'string' || typeof p.source !== 'string' || !Number.isFinite(p.t)) {
      throw new Error('brains.ingest: a percept needs t (number), kind, label and source (strings)');
    }
    const code = labelCode(p.kind, p.label);
    if (code === L.none) return -1;
    const u = userIndex(p.source, true);
    if (u < 0) return -1;
    const conf = p.confidence >= 0 && p.confidence <= 1 ? p.confidence : 1;
    let i = -1;
    let poi = -1;
    const target = p.target;
    if (target && target.type === 'npc') {
      i = indexById.get(target.id) ?? -1;
      if (i < 0) return -1;
    } else {
      if (code === L.look) return -1; // looking at nothing we know
      i = route(code, u);
      if (i < 0) return -1;
      if (target && target.type === 'poi') poi = poiIndex(target.id);
    }
    const t = p.t;
    const iu = i * U + u;
    lastInteractionT[iu] = t;
    const moveCommand = code === L.follow_me || code === L.come_here || code === L.beckon || code === L.stop || code === L.go_away || code === L.push;
    // A movement command or "stop" from the touring user ends the tour ("next" restarts one), so
    // a guide with a strong tour bias still obeys.
    if (moveCommand && tourActive[i] && tourUser[i] === u) {
      tourActive[i] = 0;
      if (question[i] === QUESTION.moveOn) question[i] = QUESTION.none;
    }
    // The same goes for a question the NPC is asking that user: a command is an answer of its own
    // ("follow me" to "shall I show you around?"), so the question is withdrawn and its hold ends.
    if (moveCommand && goal[i] === G.ask && goalUser[i] === u) {
      question[i] = QUESTION.none;
      goalDone[i] = 1;
    }
    switch (code) {
      case L.look:
        attention[iu] = 1;
        attentionCue[iu] = t + 1;
        return i;
      case L.follow_me:
        lastCmd[iu] = L.follow_me;
        lastCmdT[iu] = t;
        awayUntil[iu] = 0;
        mood[iu] = Math.min(1, mood[iu] + 0.1);
        break;
      case L.come_here:
      case L.beckon:
        lastCmd[iu] = L.come_here;
        lastCmdT[iu] = t;
        awayUntil[iu] = 0;
        mood[iu] = Math.min(1, mood[iu] + 0.1);
        break;
      case L.go_away:
      case L.push:
        lastCmd[iu] = L.none;
        awayUntil[iu] = t + keepSeconds;
        mood[iu] = Math.max(0, mood[iu] - 0.25);
        break;
      case L.stop:
        lastCmd[iu] = L.none;
        break;
      case L.affectPositive:
        mood[iu] = Math.min(1, mood[iu] + 0.1 * conf);
        return i;
      case L.affectNegative:
        mood[iu] = Math.max(0, mood[iu] - 0.1 * conf);
        return i;
      case L.point:
        if (target && target.type === 'point') {
          lookMode[i] = LOOK.point;
          lookX[i] = target.position[0];
          lookY[i] = target.position[1];
          lookZ[i] = target.position[2];
          lookUntil[i] = t + 2;
        }
        break;
    }
    remember(i, code, u, conf, poi, t);
    if (!urgent[i]) {
      urgent[i] = 1;
      urgentList[urgentCount++] = i;
    }
    return i;
  }

  function setUser(id: string, position: Vec3, forward: Vec3, t: number): void {
    const u = userIndex(id, true);
    if (u < 0) return;
    userActive[u] = 1;
    userX[u] = position[0];
    userY[u] = position[1];
    userZ[u] = position[2];
    const fl = Math.hypot(forward[0], forward[2]);
    if (fl > 1e-6) {
      userFx[u] = forward[0] / fl;
      userFz[u] = forward[2] / fl;
    }
    userT[u] = t;
  }

  function removeUser(id: string): void {
    const u = userIndex(id, false);
    if (u < 0) return;
    userActive[u] = 0;
    for (let i = 0; i < n; i++) {
      const iu = i * U + u;
      dist[iu] = Infinity;
      attention[iu] = 0;
      lastCmd[iu] = 0;
    }
  }

  // --- sensing: beliefs from the world --------------------------------------------------------
  function sense(i: number, t: number): void {
    const fx = -Math.sin(yaw[i]);
    const fz = -Math.cos(yaw[i]);
    for (let u = 0; u < U; u++) {
      const iu = i * U + u;
      if (!userActive[u]) {
        dist[iu] = Infinity;
        continue;
      }
      const dx = posX[i] - userX[u];
      const dz = posZ[i] - userZ[u];
      const d = Math.sqrt(dx * dx + dz * dz) + 1e-9;
      dist[iu] = d;
      // Is the user looking at this NPC? Cone of ~16 degrees, wider up close.
      const cosGaze = (dx * userFx[u] + dz * userFz[u]) / d;
      const looking = (d < 10 && cosGaze > 0.96) || (d < 2.5 && cosGaze > 0.8) || attentionCue[iu] > t ? 1 : 0;
      const a = attention[iu] + (looking - attention[iu]) * 0.35;
      attention[iu] = a;
      if (a > 0.5) {
        if (attentionSince[iu] === 0) attentionSince[iu] = t;
      } else if (a < 0.3) attentionSince[iu] = 0;
      // Can the NPC see the user? 12 m and a ~200 degree field of view, or anything within 2 m.
      const cosView = -(dx * fx + dz * fz) / d;
      if ((d < 12 && cosView > -0.2) || d < 2) {
        if (t - lastSeenT[iu] > 30) noticedT[iu] = t;
        lastSeenT[iu] = t;
      }
      mood[iu] += (0.5 - mood[iu]) * 0.005;
    }
  }

  // --- evaluators: desirability in [0, 1] per goal, for the best user --------------------------
  const score = new Float32Array(GOAL_COUNT);
  const scoreUser = new Int8Array(GOAL_COUNT);
  const scoreRec = new Int16Array(GOAL_COUNT);

  function evaluate(i: number, t: number): void {
    score.fill(0);
    scoreUser.fill(-1);
    scoreRec.fill(-1);
    const engagedNear = nearestUser(i, 5);
    score[G.idle] = D.idle;
    score[G.wander] = engagedNear >= 0 ? 0.02 : D.wander;
    // Explicit one-shot requests in memory.
    scanMemory(i, t);
    let r = newest[L.stop];
    if (r >= 0) setScore(G.stop, D.stop, memUser[r], r);
    r = newest[L.help];
    if (r >= 0) setScore(G.help, D.help, memUser[r], r);
    else if (helpRequested[i]) setScore(G.help, D.help, questionUser[i], -1);
    r = newest[L.tell_me_more];
    if (r >= 0) setScore(G.explain, D.explain, memUser[r], r);
    else {
      r = newest[L.point];
      if (r >= 0 && memPoi[r] >= 0) setScore(G.explain, D.explainPointed, memUser[r], r);
    }
    r = newestOf(L.hello, L.wave);
    if (r >= 0) setScore(G.greet, D.greetAsked, memUser[r], r);
    // Whether an offer may be made at all, hoisted out of the user loop (nothing in it changes this).
    const mayAsk = question[i] === QUESTION.none && goal[i] !== G.ask;
    for (let u = 0; u < U; u++) {
      if (!userActive[u] && lastCmd[i * U + u] === 0 && awayUntil[i * U + u] === 0) continue;
      const iu = i * U + u;
      if (lastCmd[iu] === L.follow_me) setScore(G.follow, D.follow, u, -1);
      else if (lastCmd[iu] === L.come_here) setScore(G.come, D.come, u, -1);
      if (awayUntil[iu] > t) setScore(G.keepDistance, D.keepDistance, u, -1);
      // Notice a user who just came into view nearby, unless greeted in the last minute.
      if (t - noticedT[iu] < 3 && dist[iu] < 6 && t - greetedT[iu] > 60 && awayUntil[iu] <= t) {
        setScore(G.greet, D.greetNoticed, u, -1);
      }
      // Offers: a tour to a greeted user nearby; help to one who lingers looking at the NPC. Not
      // to a user the NPC is following or walking to: that user has said what they want, and an
      // offer would hold the NPC still for its answer (a guide told "follow me" stopped to offer
      // a tour, then help, for ten seconds each).
      const commanded = lastCmd[iu] === L.follow_me || lastCmd[iu] === L.come_here;
      if (mayAsk && userActive[u] === 1 && awayUntil[iu] <= t && !commanded) {
        if (tourLen[i] > 0 && bias[i * GOAL_COUNT + G.tour] > 0 && !tourOffered[iu] && !tourActive[i] && t - greetedT[iu] > 2 && t - greetedT[iu] < 60 && dist[iu] < 4) {
          if (setScore(G.ask, D.offer * bias[i * GOAL_COUNT + G.tour], u, -1)) askWhich[i] = QUESTION.tour;
        } else if (bias[i * GOAL_COUNT + G.help] > 0 && attentionSince[iu] > 0 && t - attentionSince[iu] > 3 && dist[iu] < 3 && t - helpOfferedT[i] > 60 && t - lastInteractionT[iu] > 8) {
          if (setScore(G.ask, D.offer * bias[i * GOAL_COUNT + G.help], u, -1)) askWhich[i] = QUESTION.help;
        }
      }
    }
    if (tourActive[i]) setScore(G.tour, D.tour, tourUser[i], -1);
    else if (tourLen[i] > 0) {
      r = newest[L.next];
      if (r >= 0) setScore(G.tour, D.tourAsked, memUser[r], r);
    }
    // The running goal holds while it is not done.
    const g = goal[i];
    if (!goalDone[i]) {
      const hold = g === G.ask ? D.askHold : g === G.explain ? D.explainHold : g === G.greet || g === G.help ? D.oneShotHold : g === G.stop ? D.stop : 0;
      if (hold > score[g]) {
        score[g] = hold;
        scoreUser[g] = goalUser[i];
        scoreRec[g] = goalRec[i];
      }
    }
    for (let k = 0; k < GOAL_COUNT; k++) score[k] *= bias[i * GOAL_COUNT + k];
  }

  function setScore(g: number, value: number, u: number, rec: number): boolean {
    if (value <= score[g]) return false;
    score[g] = value;
    scoreUser[g] = u;
    scoreRec[g] = rec;
    return true;
  }

  function nearestUser(i: number, within: number): number {
    let best = -1;
    let bestD = within;
    for (let u = 0; u < U; u++) {
      const d = dist[i * U + u];
      if (d < bestD) {
        bestD = d;
        best = u;
      }
    }
    return best;
  }

  function think(i: number, t: number): void {
    evaluate(i, t);
    const cur = goal[i];
    let best = 0;
    for (let k = 1; k < GOAL_COUNT; k++) if (score[k] > score[best]) best = k;
    const curScore = goalDone[i] ? -1 : score[cur];
    goalScore[i] = Math.max(curScore, score[best]);
    if (best !== cur) {
      if (score[best] > curScore + HYSTERESIS) enter(i, best, scoreUser[best], scoreRec[best], t);
    } else if (goalDone[i] || (scoreUser[best] !== goalUser[i] && scoreUser[best] >= 0)) {
      // Done, or the same goal for another user (e.g. "follow me" from someone else): restart it.
      enter(i, best, scoreUser[best], scoreRec[best], t);
    }
  }

  // --- goals: enter and act ---------------------------------------------------------------------
  function enter(i: number, g: number, u: number, rec: number, t: number): void {
    const previous = goal[i];
    exitGoal(i, previous);
    goal[i] = g;
    goalUser[i] = u;
    goalStart[i] = t;
    goalPhase[i] = 0;
    goalPhaseT[i] = t;
    goalDone[i] = 0;
    goalRec[i] = rec;
    goalPoi[i] = -1;
    handle(rec);
    moveMode[i] = MOVE.none;
    if (lookMode[i] !== LOOK.point || lookUntil[i] <= t) lookAtUser(i, u);
    const iu = i * U + u;
    switch (g) {
      case G.idle:
        break;
      case G.wander:
        nextWanderT[i] = t;
        break;
      case G.greet:
        greetedT[iu] = t;
        say(i, 'greet', u, -1, t);
        setGesture(i, GESTURE.wave, 1.6, t);
        break;
      case G.follow:
        say(i, 'follow', u, -1, t);
        break;
      case G.come:
        say(i, 'come', u, -1, t);
        break;
      case G.keepDistance:
        say(i, 'goAway', u, -1, t);
        break;
      case G.stop:
        say(i, 'stop', u, -1, t);
        if (u >= 0) {
          lastCmd[iu] = L.none;
          if (tourUser[i] === u) tourActive[i] = 0;
        }
        question[i] = QUESTION.none;
        break;
      case G.tour:
        if (!tourActive[i]) {
          tourActive[i] = 1;
          tourUser[i] = u;
          tourIdx[i] = 0;
          tourIntroIdx[i] = -1;
          if (u >= 0) tourOffered[iu] = 1;
          say(i, 'tourStart', u, tourPoi(i, 0), t);
        }
        goalUser[i] = tourUser[i];
        break;
      case G.explain: {
        let poi = rec >= 0 && memLabel[rec] === L.point ? memPoi[rec] : -1;
        if (poi < 0 && tourActive[i] && tourIdx[i] < tourLen[i]) poi = tourPoi(i, tourIdx[i]);
        if (poi < 0) poi = nearestPoi(i);
        goalPoi[i] = poi;
        if (poi >= 0) explain(i, u, poi, t);
        else say(i, 'no', u, -1, t);
        break;
      }
      case G.ask: {
        const which = askWhich[i];
        question[i] = which;
        questionUser[i] = u;
        questionT[i] = t;
        if (which === QUESTION.tour) {
          tourOffered[iu] = 1;
          say(i, 'offerTour', u, -1, t);
        } else {
          helpOfferedT[i] = t;
          say(i, 'offerHelp', u, -1, t);
        }
        break;
      }
      case G.help:
        helpRequested[i] = 0;
        say(i, 'help', u, -1, t);
        break;
    }
    for (let k = 0; k < listeners.length; k++) listeners[k].goal?.(i, g, u, previous);
  }

  function exitGoal(i: number, g: number): void {
    // An offer pre-empted before it was answered (e.g. by a "hello" while "shall we start the
    // tour?" is pending) was never really made: the NPC answers the interruption, then asks again
    // (the offer's own conditions still apply). A command, a yes/no or the time-out mark the ask
    // done first, so those do not come back.
    if (g === G.ask && !goalDone[i] && question[i] !== QUESTION.none) {
      const qu = questionUser[i];
      if (question[i] === QUESTION.tour && qu >= 0) tourOffered[i * U + qu] = 0;
      else if (question[i] === QUESTION.help) helpOfferedT[i] = -Infinity;
    }
    if ((g === G.ask || g === G.tour) && question[i] !== QUESTION.none) question[i] = QUESTION.none;
  }

  /** Say what `poi` is: its text the first time, then its details in turn. */
  function explain(i: number, u: number, poi: number, t: number): void {
    const count = lastExplained[i] === poi ? ++explainCount[i] : (explainCount[i] = 0);
    lastExplained[i] = poi;
    const details = pois[poi].details;
    const text = count === 0 || !details || details.length === 0 ? pois[poi].text : details[(count - 1) % details.length];
    say(i, 'explain', u, poi, t, text);
  }

  function nearestPoi(i: number): number {
    let best = -1;
    let bestD = Infinity;
    for (let k = 0; k < pois.length; k++) {
      const p = pois[k].position;
      const d = (p[0] - posX[i]) ** 2 + (p[2] - posZ[i]) ** 2;
      if (d < bestD) {
        bestD = d;
        best = k;
      }
    }
    return best;
  }

  function answer(i: number, u: number, t: number): number {
    // 1 for yes (voice or nod), -1 for no (voice or shake), 0 for none yet.
    const yes = recall(i, L.yes, L.nod, u, t, questionT[i] - 0.5);
    const no = recall(i, L.no, L.shake, u, t, questionT[i] - 0.5);
    if (yes < 0 && no < 0) return 0;
    if (yes >= 0 && (no < 0 || memT[yes] >= memT[no])) {
      handle(yes);
      handle(no);
      return 1;
    }
    handle(no);
    handle(yes);
    return -1;
  }

  function act(i: number, t: number): void {
    const u = goalUser[i];
    const iu = i * U + u;
    if (lookMode[i] === LOOK.point && lookUntil[i] <= t) lookAtUser(i, u);
    if (gesture[i] !== GESTURE.none && gestureUntil[i] <= t) {
      gesture[i] = sayUntil[i] > t ? GESTURE.talk : GESTURE.none;
      if (gesture[i] === GESTURE.talk) gestureUntil[i] = sayUntil[i];
    }
    if (sayText[i] !== null && sayUntil[i] <= t) {
      sayText[i] = null;
      saySituation[i] = null;
    }
    switch (goal[i]) {
      case G.idle: {
        const near = nearestUser(i, 6);
        if (lookMode[i] !== LOOK.point) lookAtUser(i, near >= 0 && attention[i * U + near] > 0.3 ? near : -1);
        break;
      }
      case G.wander: {
        const dx = moveX[i] - posX[i];
        const dz = moveZ[i] - posZ[i];
        if (t >= nextWanderT[i] || (moveMode[i] === MOVE.point && dx * dx + dz * dz < 0.25)) {
          const a = random() * Math.PI * 2;
          const r = Math.sqrt(random()) * wanderR[i];
          moveTo(i, MOVE.point, -1, spawnX[i] + Math.cos(a) * r, spawnY[i], spawnZ[i] + Math.sin(a) * r, 0.7, 0.3);
          nextWanderT[i] = t + 6 + random() * 6;
        }
        break;
      }
      case G.greet:
        if (t - goalStart[i] > 2 && sayUntil[i] <= t) goalDone[i] = 1;
        break;
      case G.follow:
        moveTo(i, MOVE.follow, u, userX[u], userY[u], userZ[u], dist[iu] > 4 ? 1.8 : 1.3, 1.6);
        break;
      case G.come:
        moveTo(i, MOVE.come, u, userX[u], userY[u], userZ[u], dist[iu] > 4 ? 1.8 : 1.3, 1.1);
        if (dist[iu] < 1.5) {
          lastCmd[iu] = L.none;
          goalDone[i] = 1;
          setGesture(i, GESTURE.nod, 0.8, t);
        }
        break;
      case G.keepDistance:
        if (dist[iu] < keepDist) moveTo(i, MOVE.away, u, userX[u], userY[u], userZ[u], 1.3, keepDist);
        else moveMode[i] = MOVE.none;
        if (awayUntil[iu] <= t) goalDone[i] = 1;
        break;
      case G.stop:
        moveMode[i] = MOVE.none;
        if (t - goalStart[i] > 1) goalDone[i] = 1;
        break;
      case G.explain:
        if (sayUntil[i] <= t) goalDone[i] = 1;
        break;
      case G.help:
        if (sayUntil[i] <= t) goalDone[i] = 1;
        break;
      case G.ask: {
        const a = answer(i, u, t);
        if (a !== 0) {
          const which = question[i];
          question[i] = QUESTION.none;
          goalDone[i] = 1;
          lastInteractionT[iu] = t;
          if (a > 0) {
            setGesture(i, GESTURE.nod, 0.8, t);
            if (which === QUESTION.tour) {
              tourActive[i] = 1;
              tourUser[i] = u;
              tourIdx[i] = 0;
              tourIntroIdx[i] = -1;
              say(i, 'tourStart', u, tourPoi(i, 0), t);
            } else {
              helpRequested[i] = 1;
              questionUser[i] = u;
            }
          } else say(i, 'no', u, -1, t);
        } else if (t - questionT[i] > questionTimeout) {
          question[i] = QUESTION.none;
          goalDone[i] = 1;
        }
        break;
      }
      case G.tour:
        actTour(i, u, t);
        break;
    }
  }

  function actTour(i: number, u: number, t: number): void {
    const k = tourIdx[i];
    if (k >= tourLen[i]) {
      tourActive[i] = 0;
      goalDone[i] = 1;
      return;
    }
    const next = recall(i, L.next, L.next, u, t, goalStart[i] - RECORD_MAX_AGE);
    if (next >= 0) {
      handle(next);
      advanceTour(i, u, t);
      return;
    }
    const stop = pois[tourPoi(i, k)];
    const p = stop.standAt ?? stop.position;
    switch (goalPhase[i]) {
      case 0: {
        // Walk to the stop; the guide faces where it goes.
        moveTo(i, MOVE.point, -1, p[0], p[1], p[2], 1.1, 1.2);
        lookMode[i] = LOOK.none;
        const dx = p[0] - posX[i];
        const dz = p[2] - posZ[i];
        if (dx * dx + dz * dz < 1.6 * 1.6) {
          moveMode[i] = MOVE.none;
          goalPhase[i] = 1;
        }
        break;
      }
      case 1:
        lookAtUser(i, u);
        if (tourIntroIdx[i] !== k) {
          if (sayUntil[i] > t) break; // let the previous line finish
          tourIntroIdx[i] = k;
          explain(i, u, tourPoi(i, k), t);
        }
        goalPhase[i] = 2;
        goalPhaseT[i] = sayUntil[i] > t ? sayUntil[i] : t;
        break;
      case 2:
        lookAtUser(i, u);
        if (t - goalPhaseT[i] > dwell) {
          say(i, 'askMoveOn', u, -1, t);
          question[i] = QUESTION.moveOn;
          questionUser[i] = u;
          questionT[i] = t;
          goalPhase[i] = 3;
          goalPhaseT[i] = t;
        }
        break;
      case 3: {
        lookAtUser(i, u);
        const a = answer(i, u, t);
        if (a > 0) advanceTour(i, u, t);
        else if (a < 0 || t - goalPhaseT[i] > questionTimeout) {
          question[i] = QUESTION.none;
          if (a < 0) say(i, 'no', u, -1, t);
          goalPhase[i] = 2;
          goalPhaseT[i] = t;
        }
        break;
      }
    }
  }

  function advanceTour(i: number, u: number, t: number): void {
    question[i] = QUESTION.none;
    const k = ++tourIdx[i];
    if (k >= tourLen[i]) {
      say(i, 'tourEnd', u, -1, t);
      tourActive[i] = 0;
      goalDone[i] = 1;
      return;
    }
    say(i, 'next', u, tourPoi(i, k), t);
    goalPhase[i] = 0;
    goalPhaseT[i] = t;
  }

  // --- the tick -----------------------------------------------------------------------------------
  function tickSlice(t: number): void {
    // NPC i thinks in slice i % slices: a fixed, deterministic stagger.
    for (let i = slice; i < n; i += slices) {
      sense(i, t);
      think(i, t);
      act(i, t);
    }
    slice = (slice + 1) % slices;
  }

  /**
   * Advance to time `t`: run due sub-ticks (each NPC thinks once per `1 / tickHz`; at most one
   * tick of catch-up), then think at once for NPCs that got a percept since the last call, so a
   * response never waits for the next tick.
   */
  function update(t: number): void {
    now = t;
    if (lastTick === -Infinity) lastTick = t - period;
    if (t - lastTick > slices * period) lastTick = t - slices * period;
    while (t - lastTick >= period - 1e-9) {
      lastTick += period;
      tickSlice(lastTick);
    }
    respond(t);
  }

  /**
   * Think at once for the NPCs that got a percept since the last call, and only for them (no tick
   * runs). For percepts that arrive between frames (a voice command decided on an audio chunk):
   * the NPC decides then instead of at the next frame; bodies still move in `update`.
   */
  function respond(t: number): void {
    if (!urgentCount) return;
    if (t > now) now = t;
    for (let k = 0; k < urgentCount; k++) {
      const i = urgentList[k];
      urgent[i] = 0;
      sense(i, t);
      think(i, t);
      act(i, t);
    }
    urgentCount = 0;
  }

  /** Subscribe to events; returns the unsubscribe function. */
  function listen(l: BrainsListener): () => void {
    listeners.push(l);
    return () => {
      const k = listeners.indexOf(l);
      if (k >= 0) listeners.splice(k, 1);
    };
  }

  return {
    n,
    maxUsers: U,
    tickHz,
    ids,
    names,
    personas,
    pois,
    indexById,
    userIds,
    userActive,
    userX,
    userY,
    userZ,
    spawnX,
    spawnY,
    spawnZ,
    posX,
    posY,
    posZ,
    yaw,
    goal,
    goalUser,
    goalStart,
    goalPhase,
    goalScore,
    moveMode,
    moveUser,
    moveX,
    moveY,
    moveZ,
    moveSpeed,
    moveDist,
    lookMode,
    lookUser,
    lookX,
    lookY,
    lookZ,
    gesture,
    gestureStart,
    gestureUntil,
    sayText,
    saySituation,
    sayStart,
    sayUntil,
    sayVersion,
    question,
    questionUser,
    tourActive,
    tourIdx,
    /** The POI index of NPC `i`'s `k`-th tour stop. */
    tourPoi,
    tourLen,
    dist,
    attention,
    mood,
    lastCmd,
    awayUntil,
    memT,
    memLabel,
    memUser,
    /** Seconds on the shared clock of the last `update`. */
    get time() {
      return now;
    },
    setUser,
    removeUser,
    ingest,
    update,
    respond,
    listen,
    /** The user index of `id`, or -1. */
    userIndex: (id: string) => userIndex(id, false),
  };
}

const SITUATION_INDEX = {
  greet: 0,
  follow: 1,
  come: 2,
  goAway: 3,
  stop: 4,
  tourStart: 5,
  next: 6,
  tourEnd: 7,
  explain: 8,
  askMoveOn: 9,
  yes: 10,
  no: 11,
  help: 12,
  idle: 13,
  notice: 14,
  offerTour: 15,
  offerHelp: 16,
} as const satisfies Record<LineSituation, number>;
