/** The plaza's walkable pavement and blocking props (Node-safe three.js). */
import type { SceneGeometry } from '../../world/define-scene';
import { block, column, floor } from '../_shared/build';
import { BENCHES, CAFE_TABLES, FOUNTAIN, HALF, KIOSK, LAMPS, NOTICE_BOARD, PLANTERS } from './layout';

/** Builds the plaza's pavement (walkable) and fountain, benches, planters, café and lamps (obstacles). */
export function buildPlazaGeometry(): SceneGeometry {
  const walkable = [floor(HALF * 2, HALF * 2, '#cdbfa8', [0, 0, 0], { name: 'pavement' })];
  const obstacles = [
    column(FOUNTAIN.radius, FOUNTAIN.height, '#b9b2a6', [0, 0, 0], { name: 'fountain-basin', segments: 40 }),
    ...BENCHES.map((b, i) => block([1.8, 0.45, 0.55], '#7a4e2d', b.at, { yawDeg: b.yawDeg, name: `bench-${i}` })),
    ...PLANTERS.map((p, i) => block([1.4, 0.5, 1.4], '#8c8378', p, { name: `planter-${i}` })),
    ...CAFE_TABLES.map((t, i) => column(0.45, 0.74, '#f2efe9', t, { name: `cafe-table-${i}`, segments: 20, roughness: 0.4 })),
    block(KIOSK.size, '#2f6f62', KIOSK.at, { name: 'kiosk' }),
    block(NOTICE_BOARD.size, '#5b3b22', NOTICE_BOARD.at, { yawDeg: 90, name: 'notice-board' }),
    ...LAMPS.map((l, i) => column(0.1, 3.2, '#2b2b2e', l, { name: `lamp-${i}`, metalness: 0.6, roughness: 0.4, segments: 10 })),
  ];
  return { walkable, obstacles };
}
