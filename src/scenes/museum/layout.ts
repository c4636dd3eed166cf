/** Where the museum's things stand, shared by its geometry (navmesh) and environment (decoration). */
import type { Vec3 } from '../../core/types';

/** Hall half-width (x) and half-depth (z), and wall height, metres. */
export const HALL = { hx: 12, hz: 8, height: 4.2, wall: 0.25 };
/** The partition between the two rooms, at x = 0, with a doorway this wide around z = 0. */
export const DOORWAY = 3;
/** Pedestal exhibits: id, pedestal centre (on the floor), pedestal size. */
export const PEDESTALS: { id: string; at: Vec3; size: Vec3 }[] = [
  { id: 'exhibit-orrery', at: [6, 0, -2.5], size: [1.4, 0.9, 1.4] },
  { id: 'exhibit-crystal', at: [8.5, 0, 3], size: [0.8, 1.0, 0.8] },
  { id: 'exhibit-bust', at: [-6, 0, -2.5], size: [0.7, 1.1, 0.7] },
  { id: 'exhibit-vase', at: [-8.5, 0, 3], size: [0.8, 0.9, 0.8] },
];
/** Paintings hang on the north wall: id, centre. */
export const PAINTINGS: { id: string; at: Vec3; size: [number, number] }[] = [
  { id: 'exhibit-sea', at: [6, 2, -HALL.hz + HALL.wall + 0.03], size: [2.6, 1.7] },
  { id: 'exhibit-forest', at: [-6, 2, -HALL.hz + HALL.wall + 0.03], size: [2.6, 1.7] },
];
/** A bench in each room, facing the paintings. */
export const BENCHES: Vec3[] = [
  [6, 0, 0.8],
  [-6, 0, 0.8],
];
