/** Where the plaza's things stand, shared by its geometry (navmesh) and its environment (decoration). */
import type { Vec3 } from '../../core/types';

/** Half the paved square's side, metres. */
export const HALF = 15;
/** Fountain basin radius and height. */
export const FOUNTAIN = { radius: 2.2, height: 0.55 };
/** Benches: centre and yaw (degrees), facing the fountain. */
export const BENCHES: { at: Vec3; yawDeg: number }[] = [0, 90, 180, 270].map((a) => {
  const r = 5;
  const rad = ((a + 45) * Math.PI) / 180;
  return { at: [Math.sin(rad) * r, 0, Math.cos(rad) * r] as Vec3, yawDeg: a + 45 };
});
/** Tree planters (square boxes), centres. */
export const PLANTERS: Vec3[] = [
  [-10, 0, -10],
  [10, 0, -10],
  [-10, 0, 10],
  [10, 0, 10],
  [-11, 0, 0],
];
/** Café tables (round), centres. */
export const CAFE_TABLES: Vec3[] = [
  [8, 0, -4],
  [10.5, 0, -4],
  [8, 0, -7],
  [10.5, 0, -7],
];
/** Café kiosk footprint: centre, size [w, h, d]. */
export const KIOSK = { at: [12.5, 0, -10.5] as Vec3, size: [4, 3, 2.4] as Vec3 };
/** Notice board. */
export const NOTICE_BOARD = { at: [-12, 0, -4] as Vec3, size: [2.4, 2.2, 0.2] as Vec3 };
/** Lamp posts. */
export const LAMPS: Vec3[] = [
  [-6, 0, -13],
  [6, 0, -13],
  [-13.5, 0, 6],
  [13.5, 0, 6],
  [-4, 0, 13.5],
  [4, 0, 13.5],
];
