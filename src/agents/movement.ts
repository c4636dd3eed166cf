/** How an NPC body moves: the contract between the NPC world and its movement drivers. */
import type { Vec3 } from '../core/types';

/** Moves NPC bodies (index-addressed); results are read into caller-owned vectors. */
export interface MovementDriver {
  /** Which implementation runs: `'detour-crowd'` (navmesh + crowd avoidance) or `'kinematic'`. */
  readonly kind: 'detour-crowd' | 'kinematic';
  /** True when positions are read straight from wasm memory (the crowd's fast path). */
  readonly rawMemoryReads: boolean;
  /** Head for `(x, y, z)` at up to `speed` m/s (event-level: call when the target changes). */
  moveTo(i: number, x: number, y: number, z: number, speed: number): void;
  /** Stop (decelerate) NPC `i`. */
  halt(i: number): void;
  /** Whether NPC `i` should steer around others carefully (costly); far NPCs only separate. */
  setDetail(i: number, high: boolean): void;
  /**
   * Place user `k`'s body (head position `x, y, z`) as an obstacle the NPCs steer around, or take
   * it away (`active` false). Call every frame; no allocation. The kinematic driver ignores it.
   */
  setObstacle(k: number, x: number, y: number, z: number, active: boolean): void;
  /** Advance every body by `dt` seconds. */
  step(dt: number): void;
  /** Write NPC `i`'s position and velocity into `pos` and `vel`. */
  read(i: number, pos: Vec3, vel: Vec3): void;
  /** Free native resources. */
  dispose(): void;
}
