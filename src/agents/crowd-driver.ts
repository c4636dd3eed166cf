/**
 * Movement on a navmesh with DetourCrowd (recast-navigation): paths, corridor following and local
 * avoidance. NPCs near a user get Detour's sampled obstacle avoidance (what people see up close);
 * far ones only separate, which keeps 1,000 agents cheap.
 */
import { Crowd, Raw, type NavMesh } from 'recast-navigation';
import type { Vec3 } from '../core/types';
import type { MovementDriver } from './movement';

// dtCrowd update flags (DetourCrowd.h).
const ANTICIPATE_TURNS = 1;
const OBSTACLE_AVOIDANCE = 2;
const SEPARATION = 4;
const OPTIMIZE_VIS = 8;
/** Flags for NPCs near a user. */
export const CROWD_FLAGS_HIGH = ANTICIPATE_TURNS | OBSTACLE_AVOIDANCE | SEPARATION | OPTIMIZE_VIS;
/** Flags for far NPCs. */
export const CROWD_FLAGS_LOW = ANTICIPATE_TURNS | SEPARATION;
// How far (m) an agent looks for neighbours and walls: the main per-agent cost of dtCrowd after
// obstacle avoidance (measured: 1,000 agents 2.4 ms at 2.8 m vs 1.3 ms at 1.5 m per update).
const LOW_QUERY_RANGE = 1.5;
const HIGH_QUERY_RANGE = 2.5;

/** Options of `createCrowdDriver`. */
export interface CrowdDriverOptions {
  /** A navmesh from `@recast-navigation/core` (wasm `init()` must have been awaited). */
  navMesh: NavMesh;
  /** Starting positions, one per NPC. */
  spawns: readonly Vec3[];
  /** Agent radius (m). @default 0.35 */
  radius?: number;
  /** Agent height (m). @default 1.7 */
  height?: number;
  /** Maximum acceleration (m/s^2). @default 8 */
  maxAcceleration?: number;
}

/** Create a DetourCrowd movement driver. */
export function createCrowdDriver(options: CrowdDriverOptions): MovementDriver {
  const n = options.spawns.length;
  const radius = options.radius ?? 0.35;
  const crowd = new Crowd(options.navMesh, { maxAgents: n + MAX_OBSTACLES, maxAgentRadius: radius + 0.1 });
  // Move targets are often a user's head (1.5-1.9 m above the floor): Detour's default 1 m vertical
  // search found no polygon there, so "follow"/"come" requests silently failed on real navmeshes.
  crowd.navMeshQuery.defaultQueryHalfExtents = { x: 1, y: TARGET_SEARCH_HEIGHT, z: 1 };
  const agents = options.spawns.map((s, i) => {
    const a = crowd.addAgent(
      { x: s[0], y: s[1], z: s[2] },
      {
        radius,
        height: options.height ?? 1.7,
        maxAcceleration: options.maxAcceleration ?? 8,
        maxSpeed: 1.2,
        collisionQueryRange: LOW_QUERY_RANGE,
        pathOptimizationRange: radius * 30,
        separationWeight: 1,
        updateFlags: CROWD_FLAGS_LOW,
      },
    );
    if (a.agentIndex < 0) throw new Error(`createCrowdDriver: could not add agent ${i} at [${s.join(', ')}] (off the navmesh?)`);
    return a;
  });
  const raws = agents.map((a) => a.raw);
  // Fast path: read npos/vel straight from wasm memory. Each embind getter call costs a JS->wasm
  // transition (6 per NPC per frame = most of a 1,000-NPC frame), so the struct offsets of
  // dtCrowdAgent::npos and ::vel are checked against the getters at start-up and used when they
  // agree (this recast-navigation build: 408 and 456); otherwise the getters are used.
  const ptrs = Int32Array.from(raws, (r) => (r as unknown as { ptr: number }).ptr ?? 0);
  let fast = ptrs.every((p) => p > 0) && offsetsAgree(NPOS_OFFSET, (r, k) => r.get_npos(k));
  let velChecked = false;
  let heap = heapF32();
  const detail = new Uint8Array(n);
  const speed = new Float32Array(n);
  const target = { x: 0, y: 0, z: 0 };
  // Users' bodies: one crowd agent each that never steers itself (updateFlags 0, speed 0) and is
  // teleported to the user; NPC agents see it as a neighbour, so separation and obstacle avoidance
  // keep them off the visitor. Created on first use.
  const obstacles: (ReturnType<Crowd['addAgent']> | null)[] = new Array<ReturnType<Crowd['addAgent']> | null>(MAX_OBSTACLES).fill(null);
  const obstacleX = new Float64Array(MAX_OBSTACLES).fill(Infinity);
  const obstacleZ = new Float64Array(MAX_OBSTACLES).fill(Infinity);
  const teleportPos = [0, 0, 0];
  const teleportExtents = [1, TARGET_SEARCH_HEIGHT, 1];

  return {
    kind: 'detour-crowd',
    get rawMemoryReads() {
      return fast;
    },
    moveTo(i, x, y, z, s) {
      if (speed[i] !== s) {
        agents[i].maxSpeed = s;
        speed[i] = s;
      }
      target.x = x;
      target.y = y;
      target.z = z;
      agents[i].requestMoveTarget(target);
    },
    setObstacle(k, x, y, z, active) {
      if (k < 0 || k >= MAX_OBSTACLES) return;
      let a = obstacles[k];
      if (!active) {
        // A user left (rare): remove the body; it is added again if the user comes back.
        if (a) {
          crowd.removeAgent(a);
          obstacles[k] = null;
          obstacleX[k] = Infinity;
          obstacleZ[k] = Infinity;
        }
        return;
      }
      if (!a) {
        a = crowd.addAgent(
          { x, y, z },
          { radius: USER_RADIUS, height: 1.8, maxAcceleration: 0, maxSpeed: 0, collisionQueryRange: 0.1, pathOptimizationRange: 0, separationWeight: 0, updateFlags: 0 },
        );
        if (a.agentIndex < 0) return;
        obstacles[k] = a;
      }
      const dx = x - obstacleX[k];
      const dz = z - obstacleZ[k];
      if (dx * dx + dz * dz < 0.0025) return; // moved < 5 cm
      obstacleX[k] = x;
      obstacleZ[k] = z;
      teleportPos[0] = x;
      teleportPos[1] = y;
      teleportPos[2] = z;
      const e = crowd.navMeshQuery.defaultQueryHalfExtents;
      teleportExtents[0] = e.x;
      teleportExtents[1] = e.y;
      teleportExtents[2] = e.z;
      // Raw call with reused arrays: CrowdAgent.teleport() allocates two arrays per call.
      (Raw.CrowdUtils as unknown as { agentTeleport(c: unknown, i: number, p: number[], h: number[], f: unknown): void }).agentTeleport(
        crowd.raw,
        a.agentIndex,
        teleportPos,
        teleportExtents,
        crowd.navMeshQuery.defaultFilter.raw,
      );
    },
    halt(i) {
      agents[i].resetMoveTarget();
    },
    setDetail(i, high) {
      const v = high ? 1 : 0;
      if (detail[i] === v) return;
      detail[i] = v;
      agents[i].updateFlags = high ? CROWD_FLAGS_HIGH : CROWD_FLAGS_LOW;
      agents[i].collisionQueryRange = high ? HIGH_QUERY_RANGE : LOW_QUERY_RANGE;
    },
    step(dt) {
      if (dt > 0) crowd.update(Math.min(dt, 0.1));
      heap = heapF32();
      if (fast && !velChecked) {
        // Velocities are all zero until something moves; check the offset on the first non-zero one.
        for (let i = 0; i < n && !velChecked; i++) {
          if (raws[i].get_vel(0) !== 0 || raws[i].get_vel(2) !== 0) {
            velChecked = true;
            fast = offsetsAgree(VEL_OFFSET, (r, k) => r.get_vel(k));
          }
        }
      }
    },
    read(i, pos, vel) {
      if (fast) {
        if (heap.length === 0) heap = heapF32(); // detached by memory growth since the last step
        const q = ptrs[i] >> 2;
        pos[0] = heap[q + NPOS_OFFSET / 4];
        pos[1] = heap[q + NPOS_OFFSET / 4 + 1];
        pos[2] = heap[q + NPOS_OFFSET / 4 + 2];
        vel[0] = heap[q + VEL_OFFSET / 4];
        vel[1] = heap[q + VEL_OFFSET / 4 + 1];
        vel[2] = heap[q + VEL_OFFSET / 4 + 2];
        return;
      }
      // Raw getters: no wrapper objects per read (CrowdAgent.position() allocates).
      const r = raws[i];
      pos[0] = r.get_npos(0);
      pos[1] = r.get_npos(1);
      pos[2] = r.get_npos(2);
      vel[0] = r.get_vel(0);
      vel[1] = r.get_vel(1);
      vel[2] = r.get_vel(2);
    },
    dispose() {
      crowd.destroy();
    },
  };

  function offsetsAgree(offset: number, get: (r: (typeof raws)[number], k: number) => number): boolean {
    const heap = heapF32();
    if (!heap) return false;
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < 3; k++) if (heap[(ptrs[i] + offset) / 4 + k] !== Math.fround(get(raws[i], k))) return false;
    }
    return true;
  }
}

/** Vertical half-extent (m) when snapping a move target to the navmesh: reaches the floor from a standing head. */
const TARGET_SEARCH_HEIGHT = 2.5;
/** Users whose bodies the crowd knows as obstacles (the brains' default maxUsers). */
const MAX_OBSTACLES = 4;
/** A visitor's body radius (m) as the NPCs see it. */
const USER_RADIUS = 0.3;
const NPOS_OFFSET = 408;
const VEL_OFFSET = 456;

function heapF32(): Float32Array {
  // Re-read every time: wasm memory growth replaces the buffer.
  return (Raw.Module as unknown as { HEAPF32: Float32Array }).HEAPF32;
}
