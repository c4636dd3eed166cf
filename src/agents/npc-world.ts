/**
 * The NPC world: brains (cognition) plus bodies (agents). Cognition decides at its fixed tick;
 * every frame the agents layer turns each NPC's intents into movement on the navmesh
 * (DetourCrowd) or on the plane, turns head and body toward what it looks at, and advances the
 * procedural animation, writing everything into one plain `NpcState` object per NPC that views read.
 * Platform-free: no three.js or React; views in src/app/npc mutate the scene graph from `npcs[i]`.
 */
import type { NavMesh } from 'recast-navigation';
import type { Percept, Vec3 } from '../core/types';
import {
  createBrains,
  G,
  GESTURE_NAMES,
  LOOK,
  MOVE,
  type Brains,
  type BrainsOptions,
  type GestureName,
  type NpcSpec,
  type PoiSpec,
} from '../cognition/brains';
import { GOAL_NAMES, type GoalName, type LineSituation } from '../cognition/persona';
import { createCrowdDriver } from './crowd-driver';
import { createKinematicDriver } from './kinematic-driver';
import type { MovementDriver } from './movement';

export type { NpcSpec, PoiSpec, GestureName };

/** One NPC's state as views read it; updated in place every frame (never replaced). */
export interface NpcState {
  readonly id: string;
  readonly name: string;
  readonly index: number;
  /** Feet position (m). */
  readonly position: Vec3;
  /** Velocity (m/s). */
  readonly velocity: Vec3;
  /** Body heading (rad about +y; 0 faces -z, like a three.js camera). */
  yaw: number;
  /** Ground speed (m/s). */
  speed: number;
  /** Head rotation relative to the body (rad), clamped to a human range. */
  headYaw: number;
  /** Head pitch (rad, positive looks up). */
  headPitch: number;
  /** Where the head looks when `looking`. */
  readonly lookTarget: Vec3;
  looking: boolean;
  /** The running goal. */
  goal: GoalName;
  /** The user the goal is about, or null. */
  goalUser: string | null;
  /** The line being said (a subtitle), or null. */
  saying: string | null;
  /** Clock time (s) when the line ends. */
  sayingUntil: number;
  /** Increments with every new line (views re-render the subtitle only when it changes). */
  sayingVersion: number;
  /** The running gesture, or null. */
  gesture: GestureName | null;
  /** Seconds since the gesture started. */
  gestureTime: number;
  /** Walk cycle phase (rad), advanced by distance walked. */
  walkPhase: number;
  /** Mouth openness in [0, 1] while talking. */
  talk: number;
}

/** Something an NPC does, emitted at event level (never per frame). */
export type NpcAction =
  | { type: 'goal'; goal: GoalName; previous: GoalName; user: string | null }
  | { type: 'say'; text: string; situation: LineSituation; user: string | null }
  | { type: 'gesture'; gesture: GestureName }
  | { type: 'move'; mode: 'none' | 'point' | 'follow' | 'come' | 'away'; user: string | null; position: Vec3 | null }
  | { type: 'lookAt'; user: string | null; position: Vec3 | null };

/** Options of `createNpcWorld`. */
export interface NpcWorldOptions {
  /** Walkable navmesh (`@recast-navigation/core`, wasm initialised); without it NPCs move kinematically. */
  navMesh?: NavMesh;
  npcs: readonly NpcSpec[];
  /** @default [] */
  pois?: readonly PoiSpec[];
  /** Cognition ticks per second. @default 10 */
  tickHz?: number;
  /** Seed of the deterministic random stream. @default 1 */
  seed?: number;
  /** Fixed rate (Hz) at which bodies (crowd or kinematic) advance; views interpolate between steps. @default 30 */
  bodyHz?: number;
  /** Distance (m) to a user within which NPCs use full crowd avoidance (costly; far ones only separate). @default 6 */
  detailRadius?: number;
  /** Further brain options (hearing radius, keep distance, dwell...). */
  brains?: Omit<BrainsOptions, 'npcs' | 'pois' | 'tickHz' | 'seed'>;
}

/** A world of NPCs; see `createNpcWorld`. */
export interface NpcWorld {
  /** One state object per NPC, in spec order (stable identities). */
  readonly npcs: readonly NpcState[];
  /** The brains (structure of arrays), for tests, debugging and benchmarks. */
  readonly brains: Brains;
  /** Which movement driver runs. */
  readonly movement: MovementDriver['kind'];
  /** Set a user's head position and view direction (call every frame; no allocation). */
  setUser(id: string, position: Vec3, forward: Vec3, t: number): void;
  /** Forget a user (left the scene). */
  removeUser(id: string): void;
  /** Take in a percept (after fusion); returns the id of the NPC it reached, or null. */
  ingest(p: Percept): string | null;
  /** Advance: cognition at its fixed tick, agents every call. `t` is the shared clock (s). */
  update(dt: number, t: number): void;
  /**
   * Let the NPCs that got a percept since the last call decide now (goal, line, gesture), between
   * frames; their bodies act on it at the next `update`. `t` is the shared clock (s).
   */
  respond(t: number): void;
  /** Subscribe to lines (for speech synthesis and HUD subtitles); returns unsubscribe. */
  onSay(listener: (npc: NpcState, text: string, situation: LineSituation) => void): () => void;
  /** Subscribe to every action; returns unsubscribe. */
  onAction(listener: (npc: NpcState, action: NpcAction) => void): () => void;
  /** Free the crowd (wasm memory). */
  dispose(): void;
}

const MOVE_NAMES = ['none', 'point', 'follow', 'come', 'away'] as const;
const HEAD_YAW_MAX = 1.2;
const HEAD_PITCH_MAX = 0.6;
const HEAD_RATE = 9; // rad/s
const BODY_RATE = 5; // rad/s
const EYE_HEIGHT = 1.6;
const STRIDE = 1.3; // m per walk cycle

/** Create the NPC world of a scene: brains, bodies and per-NPC state for views. */
export function createNpcWorld(options: NpcWorldOptions): NpcWorld {
  const brains = createBrains({
    ...options.brains,
    npcs: options.npcs,
    pois: options.pois ?? [],
    tickHz: options.tickHz,
    seed: options.seed,
  });
  const n = brains.n;
  const spawns = options.npcs.map((s) => s.spawn.position);
  const driver = options.navMesh
    ? createCrowdDriver({ navMesh: options.navMesh, spawns })
    : createKinematicDriver({ spawns });
  const detailRadius = options.detailRadius ?? 6;

  const npcs: NpcState[] = options.npcs.map((s, i) => ({
    id: s.id,
    name: s.name ?? s.id,
    index: i,
    position: [s.spawn.position[0], s.spawn.position[1], s.spawn.position[2]],
    velocity: [0, 0, 0],
    yaw: s.spawn.yaw ?? 0,
    speed: 0,
    headYaw: 0,
    headPitch: 0,
    lookTarget: [0, 0, 0],
    looking: false,
    goal: 'idle',
    goalUser: null,
    saying: null,
    sayingUntil: 0,
    sayingVersion: 0,
    gesture: null,
    gestureTime: 0,
    walkPhase: 0,
    talk: 0,
  }));

  // What each body was last asked to do, so the driver is called only when that changes.
  const reqMode = new Uint8Array(n);
  const reqX = new Float64Array(n);
  const reqZ = new Float64Array(n);
  const reqT = new Float64Array(n).fill(-Infinity);
  const halted = new Uint8Array(n).fill(1);
  const lastLookMode = new Uint8Array(n);
  const lastLookUser = new Int8Array(n).fill(-1);

  const sayListeners: ((npc: NpcState, text: string, situation: LineSituation) => void)[] = [];
  const actionListeners: ((npc: NpcState, action: NpcAction) => void)[] = [];
  const userName = (u: number) => (u >= 0 ? brains.userIds[u] : null);

  brains.listen({
    say(i, text, situation, u) {
      const npc = npcs[i];
      npc.saying = text;
      npc.sayingUntil = brains.sayUntil[i];
      npc.sayingVersion = brains.sayVersion[i];
      for (const l of sayListeners) l(npc, text, situation);
      if (actionListeners.length) emit(i, { type: 'say', text, situation, user: userName(u) });
    },
    goal(i, g, u, previous) {
      npcs[i].goal = GOAL_NAMES[g];
      npcs[i].goalUser = userName(u);
      if (actionListeners.length) emit(i, { type: 'goal', goal: GOAL_NAMES[g], previous: GOAL_NAMES[previous], user: userName(u) });
    },
    gesture(i, code) {
      const name = GESTURE_NAMES[code];
      npcs[i].gesture = name;
      npcs[i].gestureTime = 0;
      if (name && actionListeners.length) emit(i, { type: 'gesture', gesture: name });
    },
  });

  function emit(i: number, action: NpcAction): void {
    for (const l of actionListeners) l(npcs[i], action);
  }

  const pos: Vec3 = [0, 0, 0];
  const vel: Vec3 = [0, 0, 0];

  function steer(i: number, t: number): void {
    const b = brains;
    const mode = b.moveMode[i];
    const u = b.moveUser[i];
    const x = b.posX[i];
    const z = b.posZ[i];
    let tx = b.moveX[i];
    let tz = b.moveZ[i];
    let go = mode !== MOVE.none;
    if (go && (mode === MOVE.follow || mode === MOVE.come || mode === MOVE.away)) {
      if (u < 0 || !b.userActive[u]) go = false;
      else {
        const ux = b.userX[u];
        const uz = b.userZ[u];
        let dx = x - ux;
        let dz = z - uz;
        let d = Math.sqrt(dx * dx + dz * dz);
        if (d < 1e-3) {
          dx = -Math.sin(b.yaw[i]);
          dz = -Math.cos(b.yaw[i]);
          d = 1;
        }
        const keep = b.moveDist[i];
        if (mode === MOVE.away) {
          // Step back along the line from the user, a little beyond the distance to keep.
          go = d < keep;
          tx = ux + (dx / d) * (keep + 0.5);
          tz = uz + (dz / d) * (keep + 0.5);
        } else {
          go = d > keep + 0.25;
          tx = ux + (dx / d) * keep;
          tz = uz + (dz / d) * keep;
        }
      }
    } else if (go) {
      const dx = tx - x;
      const dz = tz - z;
      go = dx * dx + dz * dz > b.moveDist[i] * b.moveDist[i];
    }
    if (!go) {
      if (!halted[i]) {
        driver.halt(i);
        halted[i] = 1;
      }
      if (reqMode[i] !== MOVE.none && actionListeners.length) emit(i, { type: 'move', mode: 'none', user: null, position: null });
      reqMode[i] = MOVE.none;
      return;
    }
    const moved = (tx - reqX[i]) ** 2 + (tz - reqZ[i]) ** 2;
    // Re-plan when the mode changes, or the target moved > 0.4 m (at most 5 times a second).
    if (reqMode[i] !== mode || halted[i] || (moved > 0.16 && t - reqT[i] > 0.2)) {
      if (reqMode[i] !== mode && actionListeners.length) {
        emit(i, { type: 'move', mode: MOVE_NAMES[mode], user: userName(u), position: [tx, b.moveY[i], tz] });
      }
      driver.moveTo(i, tx, b.moveY[i], tz, b.moveSpeed[i]);
      reqMode[i] = mode;
      reqX[i] = tx;
      reqZ[i] = tz;
      reqT[i] = t;
      halted[i] = 0;
    }
  }

  function embody(i: number, dt: number, t: number, alpha: number): void {
    const b = brains;
    const npc = npcs[i];
    pos[0] = prevX[i] + (curX[i] - prevX[i]) * alpha;
    pos[1] = prevY[i] + (curY[i] - prevY[i]) * alpha;
    pos[2] = prevZ[i] + (curZ[i] - prevZ[i]) * alpha;
    vel[0] = velX[i];
    vel[1] = 0;
    vel[2] = velZ[i];
    npc.position[0] = pos[0];
    npc.position[1] = pos[1];
    npc.position[2] = pos[2];
    npc.velocity[0] = vel[0];
    npc.velocity[1] = vel[1];
    npc.velocity[2] = vel[2];
    b.posX[i] = pos[0];
    b.posY[i] = pos[1];
    b.posZ[i] = pos[2];
    const speed = Math.sqrt(vel[0] * vel[0] + vel[2] * vel[2]);
    npc.speed = speed;
    npc.walkPhase = (npc.walkPhase + (speed * dt * 2 * Math.PI) / STRIDE) % (2 * Math.PI);

    // Look target: a user's head, or a point.
    const lm = b.lookMode[i];
    const lu = b.lookUser[i];
    let looking = false;
    if (lm === LOOK.user && lu >= 0 && b.userActive[lu]) {
      npc.lookTarget[0] = b.userX[lu];
      npc.lookTarget[1] = b.userY[lu];
      npc.lookTarget[2] = b.userZ[lu];
      looking = true;
    } else if (lm === LOOK.point) {
      npc.lookTarget[0] = b.lookX[i];
      npc.lookTarget[1] = b.lookY[i];
      npc.lookTarget[2] = b.lookZ[i];
      looking = true;
    }
    npc.looking = looking;
    if ((lm !== lastLookMode[i] || lu !== lastLookUser[i]) && actionListeners.length) {
      emit(i, { type: 'lookAt', user: lm === LOOK.user ? userName(lu) : null, position: looking ? [npc.lookTarget[0], npc.lookTarget[1], npc.lookTarget[2]] : null });
    }
    lastLookMode[i] = lm;
    lastLookUser[i] = lu;

    // Body: faces where it walks; standing, it turns toward what it looks at when the head
    // alone would strain (> ~35 degrees).
    let yaw = npc.yaw;
    let wantYaw = yaw;
    let lookYaw = 0;
    if (looking) {
      lookYaw = Math.atan2(-(npc.lookTarget[0] - pos[0]), -(npc.lookTarget[2] - pos[2]));
    }
    if (speed > 0.15) wantYaw = Math.atan2(-vel[0], -vel[2]);
    else if (looking && Math.abs(wrap(lookYaw - yaw)) > 0.6) wantYaw = lookYaw;
    yaw = approachAngle(yaw, wantYaw, BODY_RATE * dt);
    npc.yaw = yaw;
    b.yaw[i] = yaw;

    // Head: the rest of the turn, clamped; pitch toward the target's height.
    let hy = 0;
    let hp = 0;
    if (looking) {
      hy = clamp(wrap(lookYaw - yaw), -HEAD_YAW_MAX, HEAD_YAW_MAX);
      const dx = npc.lookTarget[0] - pos[0];
      const dz = npc.lookTarget[2] - pos[2];
      hp = clamp(Math.atan2(npc.lookTarget[1] - (pos[1] + EYE_HEIGHT), Math.sqrt(dx * dx + dz * dz)), -HEAD_PITCH_MAX, HEAD_PITCH_MAX);
    }
    const g = b.gesture[i];
    // A nod or a gesture is the brain's; views animate it from gesture + gestureTime.
    npc.headYaw = approach(npc.headYaw, hy, HEAD_RATE * dt);
    npc.headPitch = approach(npc.headPitch, hp, HEAD_RATE * dt);
    const gname = b.gestureUntil[i] > t ? GESTURE_NAMES[g] : null;
    if (gname !== npc.gesture) npc.gesture = gname;
    npc.gestureTime = t - b.gestureStart[i];
    // Subtitles.
    const text = b.sayUntil[i] > t ? b.sayText[i] : null;
    npc.saying = text;
    npc.sayingUntil = b.sayUntil[i];
    npc.sayingVersion = b.sayVersion[i];
    // Mouth: a syllable-rate flap while a line plays.
    if (text) {
      const st = t - b.sayStart[i];
      npc.talk = 0.5 + 0.5 * Math.sin(st * 18) * Math.sin(st * 5.3);
    } else npc.talk = 0;
    // Far from every user, crowd avoidance can be coarse (checked every 8th frame, staggered).
    if (((frame + i) & 7) === 0) {
      let near = false;
      const U = b.maxUsers;
      for (let u = 0; u < U; u++) if (b.dist[i * U + u] < detailRadius) near = true;
      driver.setDetail(i, near);
    }
  }

  let lastT = -Infinity;
  let frame = 0;
  let acc = 0;
  const bodyStep = 1 / (options.bodyHz ?? 30);
  if (!(bodyStep > 0 && bodyStep <= 1)) throw new Error(`createNpcWorld: bodyHz must be >= 1 (got ${options.bodyHz})`);
  // Body positions at the last two fixed steps, for interpolation.
  const curX = Float64Array.from(spawns, (p) => p[0]);
  const curY = Float64Array.from(spawns, (p) => p[1]);
  const curZ = Float64Array.from(spawns, (p) => p[2]);
  const prevX = Float64Array.from(curX);
  const prevY = Float64Array.from(curY);
  const prevZ = Float64Array.from(curZ);
  const velX = new Float64Array(n);
  const velZ = new Float64Array(n);

  return {
    npcs,
    brains,
    movement: driver.kind,
    setUser: brains.setUser,
    removeUser: brains.removeUser,
    ingest(p) {
      const i = brains.ingest(p);
      return i >= 0 ? brains.ids[i] : null;
    },
    respond: brains.respond,
    update(dt, t) {
      if (!(dt >= 0)) dt = 0;
      // After a long pause (a hidden tab) do not replay the gap; keep dt sane.
      if (lastT !== -Infinity) dt = Math.min(dt, 0.1);
      lastT = t;
      frame++;
      brains.update(t);
      for (let i = 0; i < n; i++) steer(i, t);
      // Visitors are bodies in the crowd: NPCs steer around them, never through them.
      for (let u = 0; u < brains.maxUsers; u++) driver.setObstacle(u, brains.userX[u], brains.userY[u], brains.userZ[u], brains.userActive[u] === 1);
      // Bodies advance in fixed steps (frame-rate independent, and a 90 Hz headset does not pay
      // for 90 crowd updates a second); rendering interpolates between the last two steps.
      acc += dt;
      let steps = 0;
      while (acc >= bodyStep && steps < 3) {
        acc -= bodyStep;
        steps++;
        prevX.set(curX);
        prevY.set(curY);
        prevZ.set(curZ);
        driver.step(bodyStep);
        for (let i = 0; i < n; i++) {
          driver.read(i, pos, vel);
          curX[i] = pos[0];
          curY[i] = pos[1];
          curZ[i] = pos[2];
          velX[i] = vel[0];
          velZ[i] = vel[2];
        }
      }
      if (acc > bodyStep) acc = bodyStep; // dropped steps: do not spiral
      const alpha = bodyStep > 0 ? acc / bodyStep : 1;
      for (let i = 0; i < n; i++) embody(i, dt, t, alpha);
    },
    onSay(listener) {
      sayListeners.push(listener);
      return () => remove(sayListeners, listener);
    },
    onAction(listener) {
      actionListeners.push(listener);
      return () => remove(actionListeners, listener);
    },
    dispose() {
      driver.dispose();
    },
  };
}

function remove<T>(list: T[], item: T): void {
  const k = list.indexOf(item);
  if (k >= 0) list.splice(k, 1);
}

function wrap(a: number): number {
  while (a > Math.PI) a -= 2 * Math.PI;
  while (a < -Math.PI) a += 2 * Math.PI;
  return a;
}

function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}

function approach(v: number, target: number, maxStep: number): number {
  const d = target - v;
  return Math.abs(d) <= maxStep ? target : v + Math.sign(d) * maxStep;
}

function approachAngle(a: number, target: number, maxStep: number): number {
  const d = wrap(target - a);
  return Math.abs(d) <= maxStep ? target : wrap(a + Math.sign(d) * maxStep);
}

/** Goal codes, re-exported for tests and tools that read `brains.goal`. */
export { G as GOAL_CODES };
