/** The museum's floor (walkable) and walls, partition, pedestals and benches (obstacles). */
import type { SceneGeometry } from '../../world/define-scene';
import { block, floor, roomWalls } from '../_shared/build';
import { BENCHES, DOORWAY, HALL, PEDESTALS } from './layout';

/** Builds the gallery: an oak floor, four walls, a partition with a doorway, pedestals and benches. */
export function buildMuseumGeometry(): SceneGeometry {
  const { hx, hz, height, wall } = HALL;
  const walkable = [floor(hx * 2, hz * 2, '#a8774e', [0, 0, 0], { name: 'oak-floor', roughness: 0.6 })];
  const segment = hz - DOORWAY / 2;
  const obstacles = [
    ...roomWalls(hx * 2, hz * 2, height, '#efe9df', wall),
    block([wall, height, segment], '#efe9df', [0, 0, -hz + segment / 2], { name: 'partition-north' }),
    block([wall, height, segment], '#efe9df', [0, 0, hz - segment / 2], { name: 'partition-south' }),
    ...PEDESTALS.map((p) => block(p.size, '#f7f5f0', p.at, { name: `pedestal-${p.id}`, roughness: 0.5 })),
    ...BENCHES.map((b, i) => block([2, 0.45, 0.6], '#3b3b3b', b, { name: `bench-${i}`, roughness: 0.5 })),
  ];
  return { walkable, obstacles };
}
