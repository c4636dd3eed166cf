/** The classroom's floor (walkable) and walls, desks, teacher's desk and shelf (obstacles). */
import type { SceneGeometry } from '../../world/define-scene';
import { block, floor, roomWalls } from '../_shared/build';
import { DESK_COLUMNS, DESK_ROWS, DESK_SIZE, ROOM, SHELF, TEACHER_DESK } from './layout';

/** Builds the classroom: a linoleum floor, walls, six double desks, the teacher's desk and a shelf. */
export function buildClassroomGeometry(): SceneGeometry {
  const { hx, hz, height, wall } = ROOM;
  const walkable = [floor(hx * 2, hz * 2, '#9db4a0', [0, 0, 0], { name: 'linoleum', roughness: 0.7 })];
  const desks = DESK_ROWS.flatMap((row) => DESK_COLUMNS.map((col) => block(DESK_SIZE, '#c89b63', [col.x, 0, row.z], { name: `desk-${row.name}-${col.name}`, roughness: 0.6 })));
  const obstacles = [
    ...roomWalls(hx * 2, hz * 2, height, '#f3ead7', wall),
    ...desks,
    block(TEACHER_DESK.size, '#7b5233', TEACHER_DESK.at, { name: 'teacher-desk', roughness: 0.6 }),
    block(SHELF.size, '#6a4a2f', SHELF.at, { name: 'bookshelf' }),
  ];
  return { walkable, obstacles };
}
