/**
 * Navmesh helpers: initialise recast-navigation's wasm once and build a solo navmesh from walkable
 * triangles (plain arrays, so scenes can pass merged geometry without three.js here).
 */
import { init, type NavMesh } from 'recast-navigation';
import { generateSoloNavMesh, type SoloNavMeshGeneratorConfig } from 'recast-navigation/generators';

let ready: Promise<void> | null = null;

/** Load recast-navigation's wasm (idempotent; await before building navmeshes or crowds). */
export function initNavigation(): Promise<void> {
  if (!ready) ready = init();
  return ready;
}

/** Build a navmesh from walkable triangles; throws with recast's reason when it fails. */
export async function buildNavMesh(
  positions: ArrayLike<number>,
  indices: ArrayLike<number>,
  config: Partial<SoloNavMeshGeneratorConfig> = {},
): Promise<NavMesh> {
  await initNavigation();
  if (positions.length === 0 || positions.length % 3 !== 0) {
    throw new Error(`buildNavMesh: positions must be x, y, z triples (got ${positions.length} numbers)`);
  }
  if (indices.length === 0 || indices.length % 3 !== 0) {
    throw new Error(`buildNavMesh: indices must be triangles (got ${indices.length} indices)`);
  }
  // Human-scale defaults: 0.2 m cells, agents 0.35 m wide (2 cells), 1.8 m tall, 0.4 m steps.
  const result = generateSoloNavMesh(positions, indices, {
    cs: 0.2,
    ch: 0.2,
    walkableRadius: 2,
    walkableHeight: 9,
    walkableClimb: 2,
    ...config,
  });
  if (!result.success) throw new Error(`buildNavMesh: recast could not build a navmesh: ${result.error}`);
  return result.navMesh;
}
