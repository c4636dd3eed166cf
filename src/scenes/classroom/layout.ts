/** Where the classroom's things stand, shared by its geometry (navmesh) and environment (decoration). */
import type { Vec3 } from '../../core/types';

/** Room half-width (x), half-depth (z), wall height and thickness, metres. */
export const ROOM = { hx: 5, hz: 4.5, height: 3.2, wall: 0.2 };
/** Double desks for students: centre on the floor; size [w, h, d]. */
export const DESK_SIZE: Vec3 = [1.5, 0.74, 0.6];
/** Desk rows (z) and columns (x). */
export const DESK_ROWS = [
  { name: 'front', z: -0.6 },
  { name: 'middle', z: 1.2 },
  { name: 'back', z: 3.0 },
] as const;
/** Desk columns. */
export const DESK_COLUMNS = [
  { name: 'left', x: -2.3 },
  { name: 'right', x: 2.3 },
] as const;
/** Chairs sit this far behind (toward +z) their desk's centre. */
export const CHAIR_OFFSET = 0.55;
/** Teacher's desk. */
export const TEACHER_DESK = { at: [1.2, 0, -2.7] as Vec3, size: [1.6, 0.76, 0.8] as Vec3 };
/** Blackboard on the north wall: centre and size. */
export const BLACKBOARD = { at: [0, 1.55, -ROOM.hz + ROOM.wall + 0.02] as Vec3, size: [4.2, 1.3] as [number, number] };
/** A bookshelf against the west wall. */
export const SHELF = { at: [-ROOM.hx + ROOM.wall + 0.2, 0, -2.4] as Vec3, size: [0.4, 1.9, 1.6] as Vec3 };
