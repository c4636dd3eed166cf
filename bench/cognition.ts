/**
 * Cognition + agents benchmark: 1, 100 and 1,000 NPCs in a scene-like world (a 60 m x 60 m floor
 * with pillars, a recast navmesh, 4 users walking about, percepts arriving at 0.3 per NPC per
 * second so goals keep switching, paths and crowd steering), and the same scenario built on yuka
 * (Think/GoalEvaluator brains, MemorySystem sightings, NavMesh paths, FollowPath/OnPath/Separation
 * steering, EntityManager with CellSpacePartitioning) as the baseline, in the same run.
 *
 * Figures are milliseconds per simulation tick = one 60 Hz frame (percepts in, cognition when due
 * at 10 Hz, bodies stepped at a fixed 30 Hz on both sides, our views' per-frame interpolation and
 * look-at included), mean per run and median over repeated runs; `brainTick*` is one 10 Hz
 * cognition tick over all NPCs. Run alone: `node --import tsx bench/cognition.ts` (prints a table and writes
 * bench/out/cognition.json).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { init, NavMeshQuery, getNavMeshPositionsAndIndices, type NavMesh } from 'recast-navigation';
import { generateSoloNavMesh } from 'recast-navigation/generators';
import * as YUKA from 'yuka';
import { createNpcWorld, type NpcSpec, type PoiSpec } from '../src/agents/npc-world';
import type { Percept, Vec3 } from '../src/core/types';
import { formatLine, pickLine } from '../src/cognition/lines';
import type { LineSituation, Persona } from '../src/cognition/persona';
import { median } from '../scripts/lib/eval-report';

/** Options of `runCognitionBench`. */
export interface CognitionBenchOptions {
  /** NPC counts to measure. @default [1, 100, 1000] */
  sizes?: number[];
  /** Repeats per size (median reported). @default 5 */
  repeats?: number;
  /** Simulated seconds measured per repeat (after 2 s of warm-up). @default 5 */
  seconds?: number;
  /** Also run the yuka baseline at the largest size. @default true */
  yuka?: boolean;
  /** Print progress. @default false */
  verbose?: boolean;
}

/** One measured configuration. */
export interface BenchRow {
  side: 'ours' | 'yuka';
  npcs: number;
  /** Mean wall ms per 60 Hz tick (frame), everything included, median over runs. */
  msPerTick: number;
  /** Median frame (ms) of each run, median over runs (frames alternate with and without a 30 Hz body step). */
  medianFrameMs: number;
  /** Median process CPU ms per tick (robust to other processes on a shared machine). */
  cpuMsPerTick: number;
  /** Median ms of one 10 Hz cognition tick over all NPCs (brain time per simulated second / 10). */
  msPerBrainTick: number;
  /** Median ms per frame spent moving bodies (crowd / steering). */
  msBodiesPerTick: number;
  /** Slowest frame seen (ms), median over repeats. */
  maxFrameMs: number;
  /** Goal switches per simulated second (shows the scenario is live). */
  goalSwitchesPerSecond: number;
  /** Percepts ingested per simulated second. */
  perceptsPerSecond: number;
}

/** Result of `runCognitionBench`. */
export interface CognitionBenchResult {
  n1: number;
  n100: number;
  n1000: number;
  yuka1000: number | null;
  /** yuka1000 / n1000: how many times faster ours is (> 1 is faster). */
  ratioVsYuka: number | null;
  brainTick1000: number;
  yukaBrainTick1000: number | null;
  /** Percept -> first visible response at 1,000 NPCs, simulated ms at 60 Hz (p50 and max over repeats' max). */
  response1000: { p50: number; p95: number; within250: number; responded: number; total: number } | null;
  rows: BenchRow[];
  scenario: string;
  environment: string;
}

const FPS = 60;
const BODY_STEP = 1 / 30;
// Percepts that always call for a visible response (a goal switch with a line or a gesture); yes/no,
// nods and "next" only do when a question or tour is pending, so they are left out of the latency figure.
const RESPONSIVE_LABELS = new Set(['hello', 'wave', 'follow_me', 'come_here', 'go_away', 'push', 'stop', 'help', 'tell_me_more']);
const WORLD = 30; // half-size of the floor (m)
const USERS = 4;
const PERCEPT_RATE = 0.3; // per NPC per second
const LABELS: [string, Percept['kind'], number][] = [
  ['hello', 'speech', 2],
  ['wave', 'gesture', 1],
  ['follow_me', 'speech', 2],
  ['come_here', 'speech', 2],
  ['go_away', 'speech', 1],
  ['push', 'gesture', 0.5],
  ['stop', 'speech', 1],
  ['next', 'speech', 1],
  ['yes', 'speech', 1.5],
  ['no', 'speech', 0.5],
  ['nod', 'gesture', 1],
  ['shake', 'gesture', 0.5],
  ['tell_me_more', 'speech', 1],
  ['help', 'speech', 0.5],
];
const LABEL_WEIGHT = LABELS.reduce((s, l) => s + l[2], 0);

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let x = s;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

// --- the shared scene -----------------------------------------------------------------------------
interface Scene {
  navMesh: NavMesh;
  pillars: [number, number][];
  pois: PoiSpec[];
  triangles: { positions: number[]; indices: number[] };
}

async function buildScene(): Promise<Scene> {
  await init();
  const positions: number[] = [-WORLD, 0, -WORLD, WORLD, 0, -WORLD, WORLD, 0, WORLD, -WORLD, 0, WORLD];
  const indices: number[] = [0, 2, 1, 0, 3, 2];
  const pillars: [number, number][] = [];
  for (let gx = -2; gx <= 2; gx++) for (let gz = -2; gz <= 2; gz++) if ((gx + gz) % 2 === 0) pillars.push([gx * 10 + 3, gz * 10 - 2]);
  for (const [x, z] of pillars) addBox(positions, indices, x, z, 0.8, 2);
  const result = generateSoloNavMesh(positions, indices, { cs: 0.25, ch: 0.2, walkableRadius: 2, walkableHeight: 9, walkableClimb: 2 });
  if (!result.success) throw new Error(`bench: navmesh failed: ${result.error}`);
  const pois: PoiSpec[] = [];
  for (let k = 0; k < 8; k++) {
    const a = (k / 8) * Math.PI * 2;
    pois.push({ id: `poi-${k}`, position: [Math.cos(a) * 18, 0, Math.sin(a) * 18], title: `exhibit ${k}`, text: `Exhibit number ${k}.` });
  }
  const [p, i] = getNavMeshPositionsAndIndices(result.navMesh);
  return { navMesh: result.navMesh, pillars, pois, triangles: { positions: p, indices: i } };
}

function addBox(positions: number[], indices: number[], x: number, z: number, h: number, height: number): void {
  const b = positions.length / 3;
  for (const [dx, dy, dz] of [
    [-h, 0, -h], [h, 0, -h], [h, 0, h], [-h, 0, h],
    [-h, height, -h], [h, height, -h], [h, height, h], [-h, height, h],
  ]) positions.push(x + dx, dy, z + dz);
  const faces = [
    [4, 6, 5], [4, 7, 6], // top
    [0, 1, 5], [0, 5, 4], [1, 2, 6], [1, 6, 5], [2, 3, 7], [2, 7, 6], [3, 0, 4], [3, 4, 7],
  ];
  for (const f of faces) indices.push(b + f[0], b + f[1], b + f[2]);
}

const PERSONAS: Persona[] = [
  { biases: { wander: 1 }, lines: {} },
  { biases: { wander: 0.5, tour: 1.2 }, lines: { greet: ['Welcome! I am {name}, a guide.'] } },
  { biases: { wander: 1, help: 1.3, tour: 0 }, lines: {} },
];

function makeNpcs(scene: Scene, n: number, seed: number): NpcSpec[] {
  const random = rng(seed);
  const query = new NavMeshQuery(scene.navMesh);
  const npcs: NpcSpec[] = [];
  let tries = 0;
  while (npcs.length < n && tries++ < n * 50) {
    const x = (random() * 2 - 1) * (WORLD - 2);
    const z = (random() * 2 - 1) * (WORLD - 2);
    const { success, point } = query.findClosestPoint({ x, y: 0, z });
    if (!success || Math.hypot(point.x - x, point.z - z) > 0.3 || point.y > 0.5) continue;
    const k = npcs.length;
    npcs.push({ id: `npc-${k}`, name: `N${k}`, persona: PERSONAS[k % PERSONAS.length], spawn: { position: [point.x, point.y, point.z], yaw: random() * 6.28 } });
  }
  query.destroy();
  if (npcs.length < n) throw new Error(`bench: could only place ${npcs.length} of ${n} NPCs`);
  return npcs;
}

interface Schedule {
  frame: Int32Array;
  npc: Int32Array;
  label: Int32Array;
  user: Int32Array;
}

function makeSchedule(n: number, frames: number, seed: number): Schedule {
  const random = rng(seed);
  const perFrame = (n * PERCEPT_RATE) / FPS;
  const f: number[] = [];
  const npc: number[] = [];
  const label: number[] = [];
  const user: number[] = [];
  let acc = 0;
  for (let fr = 0; fr < frames; fr++) {
    acc += perFrame;
    while (acc >= 1 || (acc > 0 && random() < acc)) {
      acc -= 1;
      f.push(fr);
      npc.push(Math.floor(random() * n));
      let w = random() * LABEL_WEIGHT;
      let k = 0;
      while (w > LABELS[k][2]) w -= LABELS[k++][2];
      label.push(k);
      user.push(Math.floor(random() * USERS));
    }
    if (acc < 0) acc = 0;
  }
  return { frame: Int32Array.from(f), npc: Int32Array.from(npc), label: Int32Array.from(label), user: Int32Array.from(user) };
}

/** Users walk circles of different radii through the NPCs, looking where they walk with a sway. */
function userPose(u: number, t: number, pos: Vec3, fwd: Vec3): void {
  const r = 6 + u * 5;
  const w = (1.1 / r) * (u % 2 ? -1 : 1);
  const a = t * w + u;
  pos[0] = Math.cos(a) * r;
  pos[1] = 1.6;
  pos[2] = Math.sin(a) * r;
  const sway = Math.sin(t * 0.7 + u) * 0.8;
  const h = a + (Math.sign(w) * Math.PI) / 2 + sway;
  fwd[0] = Math.cos(h);
  fwd[1] = 0;
  fwd[2] = Math.sin(h);
}

const USER_IDS = Array.from({ length: USERS }, (_, u) => `user-${u}`);

/** One run's figures: a `BenchRow` without its labels, plus response times. */
type RunStats = Omit<BenchRow, 'side' | 'npcs'> & {
  /** Simulated ms from a percept's ingest to its NPC's first visible response (p50, max), over percepts that got one. */
  responseMs?: { p50: number; p95: number; within250: number; responded: number; total: number };
};

// --- ours -------------------------------------------------------------------------------------------
function runOurs(scene: Scene, n: number, seconds: number, seed: number): RunStats {
  const warm = 2 * FPS;
  const frames = warm + Math.round(seconds * FPS);
  const npcs = makeNpcs(scene, n, seed);
  const schedule = makeSchedule(n, frames, seed + 1);
  const world = createNpcWorld({ navMesh: scene.navMesh, npcs, pois: scene.pois, seed });
  let switches = 0;
  world.brains.listen({ goal: () => switches++ });
  // Time the brain separately by wrapping its update (same call the world makes).
  const brains = world.brains;
  const brainUpdate = brains.update;
  let brainMs = 0;
  (brains as { update: (t: number) => void }).update = (t: number) => {
    const s = performance.now();
    brainUpdate(t);
    brainMs += performance.now() - s;
  };
  const percepts: Percept[] = Array.from({ length: schedule.frame.length }, (_, k) => {
    const [label, kind] = LABELS[schedule.label[k]];
    return { t: 0, kind, label, confidence: 0.9, source: USER_IDS[schedule.user[k]], target: { type: 'npc', id: npcs[schedule.npc[k]].id } };
  });
  const pos: Vec3 = [0, 0, 0];
  const fwd: Vec3 = [0, 0, -1];
  // Responsiveness: per NPC, when its newest unanswered percept came and what it showed then.
  const pendingT = new Float64Array(n).fill(-1);
  const pendingSay = new Uint32Array(n);
  const pendingGoal: string[] = new Array(n).fill('');
  const pendingGesture: (string | null)[] = new Array(n).fill(null);
  const pendingLook = new Uint8Array(n);
  const latencies: number[] = [];
  let awaited = 0;
  let next = 0;
  let total = 0;
  let maxFrame = 0;
  let ingested = 0;
  let cpu = process.cpuUsage();
  const frameMs = new Float64Array(frames - warm);
  for (let f = 0; f < frames; f++) {
    const t = (f + 1) / FPS;
    if (f === warm) {
      total = 0;
      maxFrame = 0;
      brainMs = 0;
      switches = 0;
      ingested = 0;
      cpu = process.cpuUsage();
    }
    const start = performance.now();
    for (let u = 0; u < USERS; u++) {
      userPose(u, t, pos, fwd);
      world.setUser(USER_IDS[u], pos, fwd, t);
    }
    while (next < schedule.frame.length && schedule.frame[next] === f) {
      const k = next;
      const p = percepts[next++];
      p.t = t;
      world.ingest(p);
      ingested++;
      if (f >= warm && RESPONSIVE_LABELS.has(p.label)) {
        const i = schedule.npc[k];
        const s = world.npcs[i];
        if (pendingT[i] < 0) awaited++;
        pendingT[i] = t;
        pendingSay[i] = s.sayingVersion;
        pendingGoal[i] = s.goal;
        pendingGesture[i] = s.gesture;
        pendingLook[i] = s.looking ? 1 : 0;
      }
    }
    world.update(1 / FPS, t);
    const ms = performance.now() - start;
    total += ms;
    if (ms > maxFrame) maxFrame = ms;
    if (f >= warm) frameMs[f - warm] = ms;
    // Outside the timed section: did NPCs with a pending percept show anything yet?
    if (f >= warm) {
      for (let i = 0; i < n; i++) {
        if (pendingT[i] < 0) continue;
        const s = world.npcs[i];
        if (s.sayingVersion !== pendingSay[i] || s.goal !== pendingGoal[i] || (s.gesture !== pendingGesture[i] && s.gesture !== null) || (s.looking ? 1 : 0) !== pendingLook[i]) {
          latencies.push((t - pendingT[i]) * 1000);
          pendingT[i] = -1;
        } else if (t - pendingT[i] > 1) pendingT[i] = -1; // no visible response (e.g. "yes" with nothing asked)
      }
    }
  }
  const cpuUsed = process.cpuUsage(cpu);
  world.dispose();
  const measured = frames - warm;
  latencies.sort((a, b) => a - b);
  return {
    responseMs: {
      p50: latencies.length ? median(latencies) : NaN,
      p95: latencies.length ? latencies[Math.floor(latencies.length * 0.95)] : NaN,
      within250: latencies.filter((x) => x <= 250).length,
      responded: latencies.length,
      total: awaited,
    },
    medianFrameMs: median(Array.from(frameMs)),
    msPerTick: total / measured,
    cpuMsPerTick: (cpuUsed.user + cpuUsed.system) / 1000 / measured,
    msPerBrainTick: brainMs / (seconds * brains.tickHz),
    msBodiesPerTick: (total - brainMs) / measured,
    maxFrameMs: maxFrame,
    goalSwitchesPerSecond: switches / seconds,
    perceptsPerSecond: ingested / seconds,
  };
}

// --- yuka baseline ------------------------------------------------------------------------------------
// The same brain rules as src/cognition/brains.ts, written the way yuka is meant to be used:
// a GameEntity (Vehicle) per NPC with a Think brain of GoalEvaluators (desirability x characterBias),
// Goal objects per behaviour, a MemorySystem of user sightings, a brain regulated to 10 Hz (yuka's
// Regulator reads wall-clock time, so a simulated-time equivalent with the same per-entity
// staggering is used), paths from yuka's NavMesh (built from the same recast polygons, with its
// spatial index) followed by FollowPath + OnPath steering, Separation over EntityManager
// neighbourhoods with CellSpacePartitioning, and NavMesh.clampMovement to stay on the mesh.
type YGoalName = 'idle' | 'wander' | 'greet' | 'follow' | 'come' | 'keepDistance' | 'tour' | 'explain' | 'ask' | 'help' | 'stop';

interface YRecord {
  label: string;
  user: number;
  t: number;
  conf: number;
  handled: boolean;
}

class YUser extends YUKA.GameEntity {}

class YNpc extends YUKA.Vehicle {
  brain: YUKA.Think<YNpc>;
  memory: YUKA.MemorySystem;
  records: YRecord[] = [];
  persona: Persona;
  index: number;
  spawn: YUKA.Vector3;
  dist = new Float64Array(USERS).fill(Infinity);
  attention = new Float64Array(USERS);
  attentionSince = new Float64Array(USERS);
  lastCmd: string[] = new Array(USERS).fill('');
  awayUntil = new Float64Array(USERS);
  greetedT = new Float64Array(USERS).fill(-Infinity);
  noticedT = new Float64Array(USERS).fill(-Infinity);
  lastInteraction = new Float64Array(USERS).fill(-Infinity);
  tourActive = false;
  tourUser = -1;
  tourIdx = 0;
  tourOffered = new Uint8Array(USERS);
  question = '';
  questionUser = -1;
  questionT = 0;
  helpRequested = false;
  saying: string | null = null;
  sayUntil = 0;
  lineCount = new Map<string, number>();
  goalName: YGoalName = 'idle';
  goalUser = -1;
  scoreUser = -1;
  scoreRecord: YRecord | null = null;
  nextThink: number;
  currentRegion: YUKA.Polygon | null = null;
  path = new YUKA.Path();
  followPath: YUKA.FollowPathBehavior;
  onPath: YUKA.OnPathBehavior;
  separation = new YUKA.SeparationBehavior();
  moveTarget = new YUKA.Vector3();
  moving = false;
  lastReq = new YUKA.Vector3(1e9, 0, 0);
  lastReqT = -Infinity;
  constructor(
    public ctx: YukaContext,
    index: number,
    spec: NpcSpec,
  ) {
    super();
    this.index = index;
    this.persona = spec.persona;
    this.spawn = new YUKA.Vector3(...spec.spawn.position);
    this.position.copy(this.spawn);
    this.maxSpeed = 1.2;
    this.maxForce = 10;
    this.updateNeighborhood = true;
    this.neighborhoodRadius = 1.5;
    this.followPath = new YUKA.FollowPathBehavior(this.path, 0.5);
    this.onPath = new YUKA.OnPathBehavior(this.path, 0.3);
    this.followPath.active = false;
    this.onPath.active = false;
    this.separation.weight = 1.5;
    this.steering.add(this.followPath);
    this.steering.add(this.onPath);
    this.steering.add(this.separation);
    this.memory = new YUKA.MemorySystem(this);
    this.memory.memorySpan = 30;
    this.brain = new YUKA.Think(this);
    const bias = (g: YGoalName) => spec.persona.biases[g] ?? 1;
    for (const [name, fn] of EVALUATORS) this.brain.addEvaluator(new YEvaluator(name, fn, bias(name)));
    // yuka's Regulator staggers entities by their first call; do the same in simulated time.
    this.nextThink = (index % 6) / 60;
  }

  say(situation: LineSituation, u: number, poi = -1, t = this.ctx.t): void {
    const c = this.lineCount.get(situation) ?? 0;
    this.lineCount.set(situation, c + 1);
    const p = poi >= 0 ? this.ctx.pois[poi] : null;
    this.saying = formatLine(pickLine(this.persona, situation, c, this.index), this.name, u >= 0 ? USER_IDS[u] : '', p ? p.title : '', p ? p.text : '');
    this.sayUntil = t + Math.max(1.5, 0.4 + this.saying.length * 0.065);
  }

  recall(a: string, b: string, u = -1): YRecord | null {
    let best: YRecord | null = null;
    for (const r of this.records) {
      if ((r.label !== a && r.label !== b) || r.handled || (u >= 0 && r.user !== u)) continue;
      const age = this.ctx.t - r.t;
      if (age > 5 || r.conf * Math.exp(-age / 3) < 0.12) continue;
      if (!best || r.t > best.t) best = r;
    }
    return best;
  }

  sense(t: number): void {
    for (let u = 0; u < USERS; u++) {
      const user = this.ctx.users[u];
      const d = this.position.distanceTo(user.position) + 1e-9;
      this.dist[u] = d;
      const dx = this.position.x - user.position.x;
      const dz = this.position.z - user.position.z;
      const f = this.ctx.userForward[u];
      const cosGaze = (dx * f.x + dz * f.z) / d;
      const looking = (d < 10 && cosGaze > 0.96) || (d < 2.5 && cosGaze > 0.8) ? 1 : 0;
      this.attention[u] += (looking - this.attention[u]) * 0.35;
      if (this.attention[u] > 0.5) {
        if (this.attentionSince[u] === 0) this.attentionSince[u] = t;
      } else if (this.attention[u] < 0.3) this.attentionSince[u] = 0;
      const fwd = this.getDirection(this.ctx.scratchDir);
      const cosView = -(dx * fwd.x + dz * fwd.z) / d;
      if ((d < 12 && cosView > -0.2) || d < 2) {
        if (!this.memory.hasRecord(user)) this.memory.createRecord(user);
        const record = this.memory.getRecord(user)!;
        if (t - record.timeLastSensed > 30) this.noticedT[u] = t;
        record.timeLastSensed = t;
        record.lastSensedPosition.copy(user.position);
        record.visible = true;
      }
    }
  }

  update(delta: number): this {
    const t = this.ctx.t;
    // Like ours: sense, arbitrate and run goals at 10 Hz (staggered), steering every body step.
    if (t >= this.nextThink) {
      this.nextThink += 0.1;
      const s = performance.now();
      this.sense(t);
      this.brain.arbitrate();
      this.brain.execute();
      this.ctx.brainMs += performance.now() - s;
    }
    this.steer(t);
    const start = this.ctx.scratchStart.copy(this.position);
    super.update(delta);
    if (!this.moving) this.velocity.multiplyScalar(Math.max(0, 1 - delta * 8));
    if (this.currentRegion === null) this.currentRegion = this.ctx.navMesh.getRegionForPoint(start, 1) ?? this.ctx.navMesh.getClosestRegion(start);
    this.currentRegion = this.ctx.navMesh.clampMovement(this.currentRegion, start, this.ctx.scratchEnd.copy(this.position), this.position);
    return this;
  }

  steer(t: number): void {
    if (!this.moving) {
      this.followPath.active = false;
      this.onPath.active = false;
      return;
    }
    if (this.moveTarget.squaredDistanceTo(this.lastReq) > 0.16 && t - this.lastReqT > 0.2) {
      const from = this.ctx.scratchFrom.copy(this.position);
      const path = this.ctx.navMesh.findPath(from, this.moveTarget);
      this.path.clear();
      for (const p of path) this.path.add(p);
      this.lastReq.copy(this.moveTarget);
      this.lastReqT = t;
      this.followPath.active = path.length > 0;
      this.onPath.active = path.length > 0;
    }
  }

  setMove(x: number, z: number, speed: number): void {
    this.moveTarget.set(x, 0, z);
    this.maxSpeed = speed;
    this.moving = true;
  }

  moveRelative(u: number, keep: number, away: boolean, speed: number): void {
    const user = this.ctx.users[u].position;
    let dx = this.position.x - user.x;
    let dz = this.position.z - user.z;
    const d = Math.hypot(dx, dz) || 1;
    dx /= d;
    dz /= d;
    if (away ? d >= keep : d <= keep + 0.25) {
      this.moving = false;
      return;
    }
    this.setMove(user.x + dx * (away ? keep + 0.5 : keep), user.z + dz * (away ? keep + 0.5 : keep), speed);
  }
}

type Desirability = (npc: YNpc) => number;

class YEvaluator extends YUKA.GoalEvaluator<YNpc> {
  constructor(
    public goalName: YGoalName,
    public fn: Desirability,
    bias: number,
  ) {
    super(bias);
  }
  user = -1;
  record: YRecord | null = null;
  calculateDesirability(npc: YNpc): number {
    const d = this.fn(npc);
    this.user = npc.scoreUser;
    this.record = npc.scoreRecord;
    return d;
  }
  setGoal(npc: YNpc): void {
    const current = npc.brain.currentSubgoal() as YGoal | null;
    if (current && current.goalName === this.goalName && !current.completed() && this.user === npc.goalUser) return;
    npc.brain.clearSubgoals();
    npc.goalName = this.goalName;
    npc.goalUser = this.user;
    if (this.record) this.record.handled = true;
    npc.brain.addSubgoal(new YGoal(npc, this.goalName, this.user, this.record));
    npc.ctx.switches++;
  }
}

// Desirabilities mirror src/cognition/brains.ts (same numbers, same conditions), written with
// plain loops (no closures per call) so the baseline is not slowed by our port.
function scored(npc: YNpc, value: number, u: number, rec: YRecord | null, hold: number, name: YGoalName): number {
  if (hold > value && npc.goalName === name) {
    const current = npc.brain.currentSubgoal();
    if (current !== null && !current.completed()) {
      npc.scoreUser = npc.goalUser;
      npc.scoreRecord = null;
      return hold;
    }
  }
  npc.scoreUser = u;
  npc.scoreRecord = rec;
  return value;
}
function wanderD(npc: YNpc): number {
  let near = false;
  for (let u = 0; u < USERS; u++) if (npc.dist[u] < 5) near = true;
  return scored(npc, near ? 0.02 : 0.2, -1, null, 0, 'wander');
}
function greetD(npc: YNpc): number {
  const r = npc.recall('hello', 'wave');
  if (r) return scored(npc, 0.9, r.user, r, 0.72, 'greet');
  const t = npc.ctx.t;
  let u = -1;
  for (let k = 0; k < USERS && u < 0; k++) {
    if (t - npc.noticedT[k] < 3 && npc.dist[k] < 6 && t - npc.greetedT[k] > 60 && npc.awayUntil[k] <= t) u = k;
  }
  return scored(npc, u >= 0 ? 0.5 : 0, u, null, 0.72, 'greet');
}
function commandD(npc: YNpc, cmd: string, value: number, name: YGoalName): number {
  let u = -1;
  for (let k = 0; k < USERS && u < 0; k++) if (npc.lastCmd[k] === cmd) u = k;
  return scored(npc, u >= 0 ? value : 0, u, null, 0, name);
}
function keepD(npc: YNpc): number {
  let u = -1;
  for (let k = 0; k < USERS && u < 0; k++) if (npc.awayUntil[k] > npc.ctx.t) u = k;
  return scored(npc, u >= 0 ? 0.95 : 0, u, null, 0, 'keepDistance');
}
function tourD(npc: YNpc): number {
  if (npc.tourActive) return scored(npc, 0.7, npc.tourUser, null, 0, 'tour');
  const r = npc.recall('next', 'next');
  return scored(npc, r ? 0.82 : 0, r ? r.user : -1, r, 0, 'tour');
}
function explainD(npc: YNpc): number {
  const r = npc.recall('tell_me_more', 'tell_me_more');
  return scored(npc, r ? 0.88 : 0, r ? r.user : -1, r, 0.79, 'explain');
}
function askD(npc: YNpc): number {
  const t = npc.ctx.t;
  const tourBias = npc.persona.biases.tour ?? 1;
  const helpBias = npc.persona.biases.help ?? 1;
  let u = -1;
  if (!npc.question && npc.goalName !== 'ask') {
    for (let k = 0; k < USERS && u < 0; k++) {
      if (npc.awayUntil[k] > t) continue;
      const offerTour = tourBias > 0 && !npc.tourOffered[k] && !npc.tourActive && t - npc.greetedT[k] > 2 && t - npc.greetedT[k] < 60 && npc.dist[k] < 4;
      const offerHelp = helpBias > 0 && npc.attentionSince[k] > 0 && t - npc.attentionSince[k] > 3 && npc.dist[k] < 3 && t - npc.lastInteraction[k] > 8;
      if (offerTour || offerHelp) u = k;
    }
  }
  return scored(npc, u >= 0 ? 0.55 : 0, u, null, 0.75, 'ask');
}
function helpD(npc: YNpc): number {
  const r = npc.recall('help', 'help');
  return scored(npc, r || npc.helpRequested ? 0.9 : 0, r ? r.user : npc.questionUser, r, 0.72, 'help');
}
function stopD(npc: YNpc): number {
  const r = npc.recall('stop', 'stop');
  return scored(npc, r ? 1 : 0, r ? r.user : -1, r, 1, 'stop');
}
const EVALUATORS: [YGoalName, Desirability][] = [
  ['idle', (npc) => scored(npc, 0.1, -1, null, 0, 'idle')],
  ['wander', wanderD],
  ['greet', greetD],
  ['follow', (npc) => commandD(npc, 'follow_me', 0.8, 'follow')],
  ['come', (npc) => commandD(npc, 'come_here', 0.85, 'come')],
  ['keepDistance', keepD],
  ['tour', tourD],
  ['explain', explainD],
  ['ask', askD],
  ['help', helpD],
  ['stop', stopD],
];

class YGoal extends YUKA.Goal<YNpc> {
  phase = 0;
  phaseT = 0;
  startT = 0;
  constructor(
    owner: YNpc,
    public goalName: YGoalName,
    public user: number,
    public record: YRecord | null,
  ) {
    super(owner);
  }
  activate(): void {
    const npc = this.owner!;
    const t = npc.ctx.t;
    const u = this.user;
    this.startT = t;
    npc.moving = false;
    switch (this.goalName) {
      case 'greet':
        if (u >= 0) npc.greetedT[u] = t;
        npc.say('greet', u);
        break;
      case 'follow':
        npc.say('follow', u);
        break;
      case 'come':
        npc.say('come', u);
        break;
      case 'keepDistance':
        npc.say('goAway', u);
        break;
      case 'stop':
        npc.say('stop', u);
        if (u >= 0) npc.lastCmd[u] = '';
        if (npc.tourUser === u) npc.tourActive = false;
        npc.question = '';
        break;
      case 'tour':
        if (!npc.tourActive) {
          npc.tourActive = true;
          npc.tourUser = u;
          npc.tourIdx = 0;
          npc.say('tourStart', u, 0);
        }
        break;
      case 'explain':
        npc.say('explain', u, npc.tourActive ? npc.tourIdx : 0);
        break;
      case 'ask':
        npc.question = 'tour';
        npc.questionUser = u;
        npc.questionT = t;
        if (u >= 0) npc.tourOffered[u] = 1;
        npc.say('offerTour', u);
        break;
      case 'help':
        npc.helpRequested = false;
        npc.say('help', u);
        break;
    }
    this.status = YUKA.Goal.STATUS.ACTIVE;
  }
  execute(): void {
    this.activateIfInactive();
    const npc = this.owner!;
    const t = npc.ctx.t;
    const u = this.user;
    if (npc.saying && npc.sayUntil <= t) npc.saying = null;
    const done = () => (this.status = YUKA.Goal.STATUS.COMPLETED);
    switch (this.goalName) {
      case 'wander':
        if (!npc.moving || npc.position.squaredDistanceTo(npc.moveTarget) < 0.25 || t - this.phaseT > 9) {
          const a = npc.ctx.random() * Math.PI * 2;
          const r = Math.sqrt(npc.ctx.random()) * 5;
          npc.setMove(npc.spawn.x + Math.cos(a) * r, npc.spawn.z + Math.sin(a) * r, 0.7);
          this.phaseT = t;
        }
        break;
      case 'greet':
      case 'explain':
      case 'help':
        if (t - this.startT > 2 && npc.sayUntil <= t) done();
        break;
      case 'follow':
        npc.moveRelative(u, 1.6, false, npc.dist[u] > 4 ? 1.8 : 1.3);
        break;
      case 'come':
        npc.moveRelative(u, 1.1, false, npc.dist[u] > 4 ? 1.8 : 1.3);
        if (npc.dist[u] < 1.5) {
          npc.lastCmd[u] = '';
          done();
        }
        break;
      case 'keepDistance':
        npc.moveRelative(u, 4.5, true, 1.3);
        if (npc.awayUntil[u] <= t) done();
        break;
      case 'stop':
        npc.moving = false;
        if (t - this.startT > 1) done();
        break;
      case 'ask': {
        const yes = npc.recall('yes', 'nod', u);
        const no = npc.recall('no', 'shake', u);
        if (yes || no) {
          if (yes) yes.handled = true;
          if (no) no.handled = true;
          npc.question = '';
          if (yes && (!no || yes.t >= no.t)) {
            npc.tourActive = true;
            npc.tourUser = u;
            npc.tourIdx = 0;
            npc.say('tourStart', u, 0);
          } else npc.say('no', u);
          done();
        } else if (t - npc.questionT > 10) done();
        break;
      }
      case 'tour': {
        const pois = npc.ctx.pois;
        if (npc.tourIdx >= pois.length) {
          npc.tourActive = false;
          done();
          break;
        }
        const next = npc.recall('next', 'next', u);
        const advance = () => {
          npc.question = '';
          npc.tourIdx++;
          if (npc.tourIdx >= pois.length) {
            npc.say('tourEnd', u);
            npc.tourActive = false;
            done();
          } else {
            npc.say('next', u, npc.tourIdx);
            this.phase = 0;
          }
        };
        if (next) {
          next.handled = true;
          advance();
          break;
        }
        const p = pois[npc.tourIdx].position;
        if (this.phase === 0) {
          npc.setMove(p[0], p[2], 1.1);
          if ((npc.position.x - p[0]) ** 2 + (npc.position.z - p[2]) ** 2 < 1.6 * 1.6) {
            npc.moving = false;
            npc.say('explain', u, npc.tourIdx);
            this.phase = 2;
            this.phaseT = npc.sayUntil;
          }
        } else if (this.phase === 2 && t - this.phaseT > 6) {
          npc.say('askMoveOn', u);
          npc.question = 'moveOn';
          npc.questionUser = u;
          npc.questionT = t;
          this.phase = 3;
          this.phaseT = t;
        } else if (this.phase === 3) {
          const yes = npc.recall('yes', 'nod', u);
          const no = npc.recall('no', 'shake', u);
          if (yes) {
            yes.handled = true;
            advance();
          } else if (no || t - this.phaseT > 10) {
            if (no) no.handled = true;
            npc.question = '';
            this.phase = 2;
            this.phaseT = t;
          }
        }
        break;
      }
    }
  }
  terminate(): void {
    this.owner!.moving = false;
  }
}

interface YukaContext {
  t: number;
  navMesh: YUKA.NavMesh;
  users: YUser[];
  userForward: YUKA.Vector3[];
  pois: PoiSpec[];
  random: () => number;
  brainMs: number;
  switches: number;
  scratchDir: YUKA.Vector3;
  scratchStart: YUKA.Vector3;
  scratchEnd: YUKA.Vector3;
  scratchFrom: YUKA.Vector3;
}

function buildYukaNavMesh(scene: Scene): YUKA.NavMesh {
  const { positions, indices } = scene.triangles;
  const polygons: YUKA.Polygon[] = [];
  for (let k = 0; k < indices.length; k += 3) {
    const v = (i: number) => new YUKA.Vector3(positions[i * 3], positions[i * 3 + 1], positions[i * 3 + 2]);
    // yuka wants counter-clockwise contours seen from above.
    polygons.push(new YUKA.Polygon().fromContour([v(indices[k]), v(indices[k + 2]), v(indices[k + 1])]));
  }
  const navMesh = new YUKA.NavMesh();
  navMesh.fromPolygons(polygons);
  navMesh.spatialIndex = new YUKA.CellSpacePartitioning(WORLD * 2 + 2, 4, WORLD * 2 + 2, 20, 1, 20);
  navMesh.updateSpatialIndex();
  return navMesh;
}

function runYuka(scene: Scene, yNavMesh: YUKA.NavMesh, n: number, seconds: number, seed: number): RunStats {
  const warm = 2 * FPS;
  const frames = warm + Math.round(seconds * FPS);
  const npcs = makeNpcs(scene, n, seed);
  const schedule = makeSchedule(n, frames, seed + 1);
  const manager = new YUKA.EntityManager();
  manager.spatialIndex = new YUKA.CellSpacePartitioning(WORLD * 2 + 2, 4, WORLD * 2 + 2, 30, 1, 30);
  const users = USER_IDS.map(() => new YUser());
  const ctx: YukaContext = {
    t: 0,
    navMesh: yNavMesh,
    users,
    userForward: users.map(() => new YUKA.Vector3(0, 0, -1)),
    pois: scene.pois,
    random: rng(seed),
    brainMs: 0,
    switches: 0,
    scratchDir: new YUKA.Vector3(),
    scratchStart: new YUKA.Vector3(),
    scratchEnd: new YUKA.Vector3(),
    scratchFrom: new YUKA.Vector3(),
  };
  const ynpcs = npcs.map((spec, i) => {
    const e = new YNpc(ctx, i, spec);
    e.name = spec.name;
    manager.add(e);
    return e;
  });
  const pos: Vec3 = [0, 0, 0];
  const fwd: Vec3 = [0, 0, -1];
  let next = 0;
  let total = 0;
  let maxFrame = 0;
  let ingested = 0;
  let cpu = process.cpuUsage();
  const frameMs = new Float64Array(frames - warm);
  let bodyAcc = 0;
  for (let f = 0; f < frames; f++) {
    const t = (f + 1) / FPS;
    if (f === warm) {
      total = 0;
      maxFrame = 0;
      ctx.brainMs = 0;
      ctx.switches = 0;
      ingested = 0;
      cpu = process.cpuUsage();
    }
    const start = performance.now();
    ctx.t = t;
    for (let u = 0; u < USERS; u++) {
      userPose(u, t, pos, fwd);
      users[u].position.set(pos[0], pos[1], pos[2]);
      ctx.userForward[u].set(fwd[0], fwd[1], fwd[2]);
    }
    while (next < schedule.frame.length && schedule.frame[next] === f) {
      const k = next++;
      const npc = ynpcs[schedule.npc[k]];
      const label = LABELS[schedule.label[k]][0];
      const u = schedule.user[k];
      const s = performance.now();
      yukaIngest(npc, label, u, t);
      ctx.brainMs += performance.now() - s;
      ingested++;
    }
    // Bodies at the same fixed 30 Hz as ours (createNpcWorld's bodyHz default).
    bodyAcc += 1 / FPS;
    while (bodyAcc >= BODY_STEP - 1e-9) {
      bodyAcc -= BODY_STEP;
      manager.update(BODY_STEP);
    }
    const ms = performance.now() - start;
    total += ms;
    if (ms > maxFrame) maxFrame = ms;
    if (f >= warm) frameMs[f - warm] = ms;
  }
  const cpuUsed = process.cpuUsage(cpu);
  const measured = frames - warm;
  return {
    medianFrameMs: median(Array.from(frameMs)),
    msPerTick: total / measured,
    cpuMsPerTick: (cpuUsed.user + cpuUsed.system) / 1000 / measured,
    msPerBrainTick: ctx.brainMs / (seconds * 10),
    msBodiesPerTick: (total - ctx.brainMs) / measured,
    maxFrameMs: maxFrame,
    goalSwitchesPerSecond: ctx.switches / seconds,
    perceptsPerSecond: ingested / seconds,
  };
}

const ENDS_TOUR = new Set(['follow_me', 'come_here', 'beckon', 'stop', 'go_away', 'push']);

function yukaIngest(npc: YNpc, label: string, u: number, t: number): void {
  npc.lastInteraction[u] = t;
  if (npc.tourActive && npc.tourUser === u && ENDS_TOUR.has(label)) npc.tourActive = false;
  if (label === 'stop') npc.lastCmd[u] = '';
  if (label === 'follow_me') {
    npc.lastCmd[u] = 'follow_me';
    npc.awayUntil[u] = 0;
  } else if (label === 'come_here') {
    npc.lastCmd[u] = 'come_here';
    npc.awayUntil[u] = 0;
  } else if (label === 'go_away' || label === 'push') {
    npc.lastCmd[u] = '';
    npc.awayUntil[u] = t + 30;
  }
  if (npc.records.length >= 8) npc.records.shift();
  npc.records.push({ label, user: u, t, conf: 0.9, handled: false });
  // Same responsiveness rule as ours: a percept makes its NPC think at once.
  npc.sense(t);
  npc.brain.arbitrate();
  npc.brain.execute();
}

/** Run the benchmark; see `CognitionBenchOptions`. Figures are medians in ms. */
export async function runCognitionBench(options: CognitionBenchOptions = {}): Promise<CognitionBenchResult> {
  const loadBefore = loadavg()[0].toFixed(2);
  const sizes = options.sizes ?? [1, 100, 1000];
  const repeats = options.repeats ?? 5;
  const seconds = options.seconds ?? 5;
  const scene = await buildScene();
  const rows: BenchRow[] = [];
  let response1000: CognitionBenchResult['response1000'] = null;
  const summarise = (side: 'ours' | 'yuka', n: number, runs: RunStats[]): BenchRow => ({
    side,
    npcs: n,
    msPerTick: median(runs.map((r) => r.msPerTick)),
    medianFrameMs: median(runs.map((r) => r.medianFrameMs)),
    cpuMsPerTick: median(runs.map((r) => r.cpuMsPerTick)),
    msPerBrainTick: median(runs.map((r) => r.msPerBrainTick)),
    msBodiesPerTick: median(runs.map((r) => r.msBodiesPerTick)),
    maxFrameMs: median(runs.map((r) => r.maxFrameMs)),
    goalSwitchesPerSecond: median(runs.map((r) => r.goalSwitchesPerSecond)),
    perceptsPerSecond: median(runs.map((r) => r.perceptsPerSecond)),
  });
  const largest = Math.max(...sizes);
  const yNavMesh = options.yuka === false ? null : buildYukaNavMesh(scene);
  // Warm the JIT on both sides before anything is measured.
  runOurs(scene, 100, 1, 99);
  if (yNavMesh) runYuka(scene, yNavMesh, 100, 1, 99);
  for (const n of sizes) {
    const ours: RunStats[] = [];
    const yuka: RunStats[] = [];
    for (let r = 0; r < repeats; r++) {
      // Interleave the two sides so machine load affects both alike.
      ours.push(runOurs(scene, n, seconds, 100 + r));
      if (yNavMesh && n === largest) yuka.push(runYuka(scene, yNavMesh, n, seconds, 100 + r));
      if (options.verbose) {
        const fmt = (x: RunStats) => `median frame ${x.medianFrameMs.toFixed(3)} ms, mean ${x.msPerTick.toFixed(3)} ms, cpu ${x.cpuMsPerTick.toFixed(3)} ms`;
        console.error(`n=${n} repeat ${r + 1}/${repeats}: ours ${fmt(ours[r])}${yuka[r] ? `; yuka ${fmt(yuka[r])}` : ''}`);
      }
    }
    rows.push(summarise('ours', n, ours));
    if (n === 1000) {
      const rs = ours.map((r) => r.responseMs!);
      response1000 = {
        p50: median(rs.map((r) => r.p50)),
        p95: median(rs.map((r) => r.p95)),
        within250: rs.reduce((a, r) => a + r.within250, 0),
        responded: rs.reduce((a, r) => a + r.responded, 0),
        total: rs.reduce((a, r) => a + r.total, 0),
      };
    }
    if (yuka.length) rows.push(summarise('yuka', n, yuka));
  }
  scene.navMesh.destroy();
  const row = (side: 'ours' | 'yuka', n: number) => rows.find((r) => r.side === side && r.npcs === n);
  const n1000 = row('ours', 1000)?.msPerTick ?? NaN;
  const yuka1000 = row('yuka', 1000)?.msPerTick ?? null;
  return {
    n1: row('ours', 1)?.msPerTick ?? NaN,
    n100: row('ours', 100)?.msPerTick ?? NaN,
    n1000,
    yuka1000,
    // ours over Yuka's, as in bench/results.json (below 1 is faster)
    ratioVsYuka: yuka1000 !== null ? n1000 / yuka1000 : null,
    brainTick1000: row('ours', 1000)?.msPerBrainTick ?? NaN,
    yukaBrainTick1000: row('yuka', 1000)?.msPerBrainTick ?? null,
    response1000,
    rows,
    scenario:
      `${WORLD * 2} m x ${WORLD * 2} m floor, ${scene.pillars.length} pillars, recast navmesh; ${USERS} users walking circles; ` +
      `${PERCEPT_RATE} targeted percepts per NPC per second (commands, greetings, yes/no, nods); 60 Hz ticks, cognition 10 Hz, bodies 30 Hz (both sides); ` +
      `${repeats} repeats x ${seconds} s after 2 s warm-up, medians`,
    environment: `node ${process.version}, ${process.platform}/${process.arch}, ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), load average before ${loadBefore}, after ${loadavg()[0].toFixed(2)}`,
  };
}

async function main(): Promise<void> {
  const result = await runCognitionBench({ verbose: true });
  const f = (x: number | null) => (x === null || Number.isNaN(x) ? '-' : x.toFixed(3));
  console.log(`\nCognition + agents benchmark (${result.environment})\n${result.scenario}\n`);
  console.log('side   npcs   ms/tick  median frame  cpu ms/tick  brain-tick ms  bodies ms/tick  max frame ms  goal switches/s  percepts/s');
  for (const r of result.rows) {
    console.log(
      `${r.side.padEnd(5)} ${String(r.npcs).padStart(5)} ${f(r.msPerTick).padStart(9)} ${f(r.medianFrameMs).padStart(13)} ${f(r.cpuMsPerTick).padStart(12)} ${f(r.msPerBrainTick).padStart(14)} ${f(r.msBodiesPerTick).padStart(15)} ${f(r.maxFrameMs).padStart(13)} ${r.goalSwitchesPerSecond.toFixed(0).padStart(16)} ${r.perceptsPerSecond.toFixed(0).padStart(11)}`,
    );
  }
  console.log(`\nn1=${f(result.n1)} n100=${f(result.n100)} n1000=${f(result.n1000)} yuka1000=${f(result.yuka1000)} ratioVsYuka=${f(result.ratioVsYuka)} brainTick1000=${f(result.brainTick1000)}`);
  if (result.response1000) {
    const r = result.response1000;
    console.log(
      `responsiveness at 1,000 NPCs: percept -> first visible response p50 ${r.p50.toFixed(0)} ms, p95 ${r.p95.toFixed(0)} ms; ` +
        `${r.within250}/${r.total} command percepts answered within 250 ms (${r.responded} within 1 s; the rest changed nothing, e.g. "follow me" to an NPC already following). Simulated 60 Hz frames; 0 ms = visible in the frame the percept arrived.`,
    );
  }
  mkdirSync('bench/out', { recursive: true });
  writeFileSync('bench/out/cognition.json', JSON.stringify(result, null, 2));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
