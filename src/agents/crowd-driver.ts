/**
 * Movement on a navmesh with DetourCrowd (recast-navigation): paths, corridor following and local
 * avoidance. NPCs near a user get Detour's sampled obstacle avoidance (what people see up close);
 * far ones only separate, which keeps 1,000 agents cheap.
 */
import { Crowd, type NavMesh } from 'recast-navigation';
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
  const crowd = new Crowd(options.navMesh, { maxAgents: Math.max(1, n), maxAgentRadius: radius + 0.1 });
  const agents = options.spawns.map((s, i) => {
    const a = crowd.addAgent(
      { x: s[0], y: s[1], z: s[2] },
      {
        radius,
        height: options.height ?? 1.7,
        maxAcceleration: options.maxAcceleration ?? 8,
        maxSpeed: 1.2,
        collisionQueryRange: radius * 8,
        pathOptimizationRange: radius * 30,
        separationWeight: 1,
        updateFlags: CROWD_FLAGS_LOW,
      },
    );
    if (a.agentIndex < 0) throw new Error(`createCrowdDriver: could not add agent ${i} at [${s.join(', ')}] (off the navmesh?)`);
    return a;
  });
  const raws = agents.map((a) => a.raw);
  const detail = new Uint8Array(n);
  const speed = new Float32Array(n);
  const target = { x: 0, y: 0, z: 0 };

  return {
    kind: 'detour-crowd',
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
    halt(i) {
      agents[i].resetMoveTarget();
    },
    setDetail(i, high) {
      const v = high ? 1 : 0;
      if (detail[i] === v) return;
      detail[i] = v;
      agents[i].updateFlags = high ? CROWD_FLAGS_HIGH : CROWD_FLAGS_LOW;
    },
    step(dt) {
      if (dt > 0) crowd.update(Math.min(dt, 0.1));
    },
    read(i, pos, vel) {
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
}
