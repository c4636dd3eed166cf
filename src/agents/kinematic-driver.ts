/**
 * Movement without a navmesh: arrive steering on the plane plus separation between nearby NPCs
 * (over a uniform grid so it stays O(n)). Used when a scene has no walkable mesh, and in tests.
 */
import type { Vec3 } from '../core/types';
import type { MovementDriver } from './movement';

/** Options of `createKinematicDriver`. */
export interface KinematicDriverOptions {
  /** Starting positions, one per NPC. */
  spawns: readonly Vec3[];
  /** Body radius (m) for separation. @default 0.35 */
  radius?: number;
  /** Maximum acceleration (m/s^2). @default 6 */
  maxAcceleration?: number;
}

/** Create a kinematic movement driver for `options.spawns.length` NPCs. */
export function createKinematicDriver(options: KinematicDriverOptions): MovementDriver {
  const n = options.spawns.length;
  const radius = options.radius ?? 0.35;
  const accel = options.maxAcceleration ?? 6;
  const px = Float64Array.from(options.spawns, (s) => s[0]);
  const py = Float64Array.from(options.spawns, (s) => s[1]);
  const pz = Float64Array.from(options.spawns, (s) => s[2]);
  const vx = new Float64Array(n);
  const vz = new Float64Array(n);
  const tx = new Float64Array(n);
  const tz = new Float64Array(n);
  const speed = new Float32Array(n);
  const active = new Uint8Array(n);
  // Uniform grid for separation: cell = 2 * radius; linked lists in typed arrays.
  const cell = radius * 2;
  const GRID = 4096;
  const head = new Int32Array(GRID);
  const nextInCell = new Int32Array(n);

  function cellOf(x: number, z: number): number {
    const cx = Math.floor(x / cell) | 0;
    const cz = Math.floor(z / cell) | 0;
    return ((cx * 73856093) ^ (cz * 19349663)) & (GRID - 1);
  }

  return {
    kind: 'kinematic',
    rawMemoryReads: false,
    moveTo(i, x, _y, z, s) {
      tx[i] = x;
      tz[i] = z;
      speed[i] = s;
      active[i] = 1;
    },
    halt(i) {
      active[i] = 0;
    },
    setDetail() {},
    setObstacle() {},
    step(dt) {
      if (dt <= 0) return;
      head.fill(-1);
      for (let i = 0; i < n; i++) {
        const c = cellOf(px[i], pz[i]);
        nextInCell[i] = head[c];
        head[c] = i;
      }
      const maxDv = accel * dt;
      for (let i = 0; i < n; i++) {
        let dvx = 0;
        let dvz = 0;
        if (active[i]) {
          const dx = tx[i] - px[i];
          const dz = tz[i] - pz[i];
          const d = Math.sqrt(dx * dx + dz * dz);
          // Arrive: slow down inside the last metre.
          const s = d > 1e-4 ? Math.min(speed[i], d * 1.5) / d : 0;
          dvx = dx * s - vx[i];
          dvz = dz * s - vz[i];
        } else {
          dvx = -vx[i];
          dvz = -vz[i];
        }
        const dv = Math.sqrt(dvx * dvx + dvz * dvz);
        if (dv > maxDv) {
          dvx *= maxDv / dv;
          dvz *= maxDv / dv;
        }
        vx[i] += dvx;
        vz[i] += dvz;
      }
      for (let i = 0; i < n; i++) {
        // Separation: push apart bodies that overlap, checking the 3 x 3 neighbouring cells.
        const cx = Math.floor(px[i] / cell);
        const cz = Math.floor(pz[i] / cell);
        for (let ox = -1; ox <= 1; ox++) {
          for (let oz = -1; oz <= 1; oz++) {
            const c = (((cx + ox) * 73856093) ^ ((cz + oz) * 19349663)) & (GRID - 1);
            for (let j = head[c]; j >= 0; j = nextInCell[j]) {
              if (j === i) continue;
              const dx = px[i] - px[j];
              const dz = pz[i] - pz[j];
              const d2 = dx * dx + dz * dz;
              if (d2 >= cell * cell || d2 < 1e-12) continue;
              const d = Math.sqrt(d2);
              const push = ((cell - d) / d) * 0.5 * Math.min(1, dt * 10);
              px[i] += dx * push;
              pz[i] += dz * push;
            }
          }
        }
        px[i] += vx[i] * dt;
        pz[i] += vz[i] * dt;
      }
    },
    read(i, pos, vel) {
      pos[0] = px[i];
      pos[1] = py[i];
      pos[2] = pz[i];
      vel[0] = vx[i];
      vel[1] = 0;
      vel[2] = vz[i];
    },
    dispose() {},
  };
}
