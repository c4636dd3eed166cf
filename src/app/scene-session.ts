/**
 * One opened scene wired into the runtime: the visitor placed at the spawn, walking and teleport
 * kept on the navmesh, fusion (perception) and the NPC world (cognition + agents) as systems of
 * the one runner, and NPC snapshots for the HUD and the automation view. Plain TypeScript: the
 * React shell mounts the scene's views.
 */
import { Quaternion, Vector3 } from 'three';
import { now } from '../core/clock';
import type { System } from '../core/systems-runner';
import { LOCAL_USER_ID, type Percept, type Vec3 } from '../core/types';
import { createFusion, type Fusion, type FusionWorld } from '../perception/fusion';
import { createNpcWorld, type NpcWorld } from '../agents/npc-world';
import { npcSpecsOf, poiSpecsOf, type LoadedScene, type NpcAppearance, type SceneNavMesh } from '../world';
import type { NpcSpec } from '../agents/npc-world';
import type { Runtime } from './runtime';

/** A scene running in the runtime. */
export interface SceneSession {
  scene: LoadedScene;
  nav: SceneNavMesh | null;
  world: NpcWorld;
  fusion: Fusion;
  /** Appearance of each NPC of `world.npcs`, same order (extra crowd NPCs reuse the scene's). */
  appearances: NpcAppearance[];
  /** Perception (fusion) then cognition+agents (the NPC world), in runner order. */
  systems: System[];
  /** Keep a walking step on the navmesh (see `SystemsContext.constrain`). */
  constrain: ((from: Vector3, to: Vector3, out: Vector3) => void) | undefined;
  /** Snap a teleport point to the closest walkable point (unchanged without a navmesh); false if nothing walkable is near. */
  snapTeleport(point: Vector3): boolean;
  dispose(): void;
}

/** How far (m) a walking step or teleport may be snapped to reach the navmesh. */
export const NAV_SNAP_DISTANCE = 0.75;

const scratchVec3: Vec3 = [0, 0, 0];
const scratchOut: Vec3 = [0, 0, 0];
const headPos: Vec3 = [0, 0, 0];
const headFwd: Vec3 = [0, 0, 0];
const pointerO: Vec3 = [0, 0, 0];
const pointerD: Vec3 = [0, 0, 0];
const dir = new Vector3();
const UP = new Vector3(0, 1, 0);
const rigQuat = new Quaternion();

/** Options for benchmarks and stress tests (read from the URL by `sessionOptionsFromUrl`). */
export interface SceneSessionOptions {
  /**
   * Total NPCs wanted: the scene's own plus copies of them (same personas and looks) spawned at
   * random walkable points, for load tests. Never fewer than the scene's own.
   * @default 0 (the scene's own only)
   */
  npcs?: number;
  /**
   * Run cognition and agents. Off freezes NPCs where they spawned (the benchmark's baseline).
   * @default true
   */
  brain?: boolean;
}

/** `?npcs=<n>&brain=off` as session options; anything else gives the defaults. */
export function sessionOptionsFromUrl(search: string): SceneSessionOptions {
  const params = new URLSearchParams(search);
  const n = Number(params.get('npcs'));
  return { npcs: Number.isInteger(n) && n > 0 ? Math.min(n, 2000) : 0, brain: params.get('brain') !== 'off' };
}

/** The scene's NPC specs plus copies up to `total`, spread over walkable ground near the spawn. */
function crowdSpecs(base: NpcSpec[], total: number, nav: SceneNavMesh | null, around: Vec3): NpcSpec[] {
  const specs = [...base];
  for (let k = 0; specs.length < total && base.length; k++) {
    const src = base[k % base.length];
    const position = nav?.randomWalkable(around, 10) ?? [around[0] + (k % 7) - 3, around[1], around[2] - 2 - Math.floor(k / 7)];
    specs.push({ ...src, id: `${src.id}-copy-${k + 1}`, spawn: { position, yaw: src.spawn.yaw } });
  }
  return specs;
}

/** Wire `opened` into `runtime`: place the visitor, start fusion and the NPC world. */
export function startSceneSession(
  runtime: Runtime,
  opened: { scene: LoadedScene; nav: SceneNavMesh | null },
  options: SceneSessionOptions = {},
): SceneSession {
  const { scene, nav } = opened;
  const { manifest } = scene;
  const { rig, input } = runtime;

  // The visitor starts at the spawn, facing its heading.
  rig.position.set(...manifest.spawn.position);
  rig.yaw = ((manifest.spawn.yawDeg ?? 0) * Math.PI) / 180;
  rig.lookYaw = 0;
  rig.lookPitch = 0;

  const npcs = crowdSpecs(npcSpecsOf(manifest), options.npcs ?? 0, nav, manifest.spawn.position);
  const appearances = npcs.map((_, i) => manifest.npcs[i % manifest.npcs.length].appearance);
  const brain = options.brain ?? true;
  const world = createNpcWorld({ navMesh: nav?.navMesh, npcs, pois: poiSpecsOf(manifest, nav) });
  const fusion = createFusion();
  const fusionWorld: FusionWorld = { head: { position: headPos, forward: headFwd }, npcs: world.npcs, pois: manifest.pois };
  // Raw percepts (models, command buttons) -> fusion -> the log everyone reads -> the NPCs.
  runtime.fusionActive = true;
  const offRaw = runtime.rawPercepts.subscribe((p: Percept) => {
    // A point gesture says which hand points: that controller's ray becomes the pointer, set
    // before fusion resolves the point (the right hand's is the default, and the mouse ray in flat mode).
    const hand = (p as { hand?: 'left' | 'right' }).hand;
    if (p.kind === 'gesture' && p.label === 'point' && hand && hand !== pointerHand) {
      pointerHand = hand;
      setPointer(p.t);
    }
    fusion.ingest(p);
    // Fuse and let the addressed NPC decide now, not at the next frame: voice and gesture
    // decisions land between frames (on an audio chunk, a model's readback), and a frame can take
    // long (a software-rendered one here ~130 ms). Gaze and pointer are the last frame's.
    if (!inFrame) {
      const tNow = now();
      fuse(tNow);
      if (brain) world.respond(tNow);
    }
  });
  const offFused = fusion.onPercept((p) => {
    runtime.percepts.emit(p);
    world.ingest(p);
  });

  // Dev/test timing instrumentation (timeline.ts): NPC actions with the time they were decided.
  const tap = runtime.onNpcAction;
  const offAction = tap ? world.onAction((n, a) => tap(n.id, a)) : null;

  runtime.npcs = () =>
    world.npcs.map((n) => ({
      id: n.id,
      name: n.name,
      position: [n.position[0], n.position[1], n.position[2]] as Vec3,
      goal: n.goal,
      saying: n.saying,
      yaw: n.yaw,
      headYaw: n.headYaw,
      lookTarget: n.looking ? ([n.lookTarget[0], n.lookTarget[1], n.lookTarget[2]] as Vec3) : null,
      speed: n.speed,
      goalUser: n.goalUser,
    }));

  // The controller whose ray is the pointer: the right one until a point gesture names the left.
  let pointerHand: 'left' | 'right' = 'right';
  function setPointer(t: number) {
    const c = pointerHand === 'left' && input.left.tracked ? input.left : input.right;
    if (!c.tracked) return;
    const p = c.pose.p;
    const q = c.pose.q;
    dir.set(p[0], p[1], p[2]).applyAxisAngle(UP, rig.yaw).add(rig.position);
    pointerO[0] = dir.x;
    pointerO[1] = dir.y;
    pointerO[2] = dir.z;
    dir.set(0, 0, -1).applyQuaternion(rigQuat.set(q[0], q[1], q[2], q[3])).applyAxisAngle(UP, rig.yaw);
    pointerD[0] = dir.x;
    pointerD[1] = dir.y;
    pointerD[2] = dir.z;
    fusion.setPointer(pointerO, pointerD, t);
  }
  function fuse(t: number) {
    headPos[0] = rig.headWorld.x;
    headPos[1] = rig.headWorld.y;
    headPos[2] = rig.headWorld.z;
    headFwd[0] = rig.gazeWorld.x;
    headFwd[1] = rig.gazeWorld.y;
    headFwd[2] = rig.gazeWorld.z;
    setPointer(t);
    fusion.update(t, fusionWorld);
  }
  // Between the fusion system and the world system of one frame, percepts wait for the world
  // system (a few ms) rather than being fused out of order.
  let inFrame = false;
  const fusionSystem: System = {
    name: 'perception.fusion',
    update(_dt, t) {
      inFrame = true;
      fuse(t);
    },
  };
  const worldSystem: System = {
    name: 'cognition+agents.npc-world',
    update(dt, t) {
      inFrame = false;
      if (!brain) return;
      world.setUser(LOCAL_USER_ID, headPos, headFwd, t);
      world.update(dt, t);
    },
  };

  const constrain = nav
    ? (from: Vector3, to: Vector3, out: Vector3) => {
        scratchVec3[0] = to.x;
        scratchVec3[1] = to.y;
        scratchVec3[2] = to.z;
        const hit = nav.closestWalkable(scratchVec3, scratchOut, NAV_SNAP_DISTANCE);
        if (hit) out.set(hit[0], hit[1], hit[2]);
        else out.copy(from); // off the walkable area: stay
      }
    : undefined;

  return {
    scene,
    nav,
    world,
    fusion,
    appearances,
    systems: [fusionSystem, worldSystem],
    constrain,
    snapTeleport(point) {
      if (!nav) return true;
      scratchVec3[0] = point.x;
      scratchVec3[1] = point.y;
      scratchVec3[2] = point.z;
      const hit = nav.closestWalkable(scratchVec3, scratchOut, NAV_SNAP_DISTANCE);
      if (!hit) return false;
      point.set(hit[0], hit[1], hit[2]);
      return true;
    },
    dispose() {
      offRaw();
      offFused();
      offAction?.();
      runtime.fusionActive = false;
      runtime.npcs = () => [];
      world.dispose();
      nav?.dispose();
    },
  };
}
