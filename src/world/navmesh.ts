/**
 * Builds a scene's navigation mesh at load time with recast-navigation from the meshes its
 * manifest's `geometry()` returns, and wraps the queries teleport and NPC paths need. Runs in Node
 * tests as in the browser (three.js needs no WebGL here; recast ships its wasm inline).
 */
import { init, NavMeshQuery, type NavMesh } from 'recast-navigation';
import { threeToSoloNavMesh } from '@recast-navigation/three';
import type { Mesh, Object3D } from 'three';
import type { Vec3 } from '../core/types';
import type { LoadedScene, NavMeshSettings, SceneGeometry, SceneManifest } from './define-scene';
import type { LoadProgress } from './load-progress';

/** Navmesh settings with every default filled in. */
export const DEFAULT_NAVMESH_SETTINGS: Required<NavMeshSettings> = {
  agentRadius: 0.3,
  agentHeight: 1.7,
  maxClimb: 0.3,
  maxSlopeDeg: 40,
  cellSize: 0.1,
};

/** A built navmesh and the queries the runtime uses. Path results allocate: call them on events, not per frame. */
export interface SceneNavMesh {
  /** The recast navmesh (for crowds and debug helpers, e.g. `NavMeshHelper`). */
  navMesh: NavMesh;
  /** Its query object; the default filter only passes polygons reachable from a spawn. */
  query: NavMeshQuery;
  /** Polygons in the mesh, and how many are reachable from the visitor's or an NPC's spawn. */
  stats: { polygons: number; reachablePolygons: number; buildMs: number };
  /**
   * A walkable path from near `from` to near `to` (both snapped to the mesh within `snap` metres
   * horizontally), as corner points; `null` when either end is off the mesh or no path reaches `to`.
   */
  findPath(from: Vec3, to: Vec3, snap?: number): Vec3[] | null;
  /** The reachable walkable point closest to `point` within `maxDistance` metres horizontally, written into `out`; `null` if none. */
  closestWalkable(point: Vec3, out?: Vec3, maxDistance?: number): Vec3 | null;
  /** A random reachable point within `radius` of `center` (wandering), written into `out`; `null` if `center` is off the mesh. */
  randomWalkable(center: Vec3, radius: number, out?: Vec3): Vec3 | null;
  /** Frees the wasm memory; the object is unusable afterwards. */
  dispose(): void;
}

/** Total length of a polyline, metres. */
export function pathLength(path: readonly Vec3[]): number {
  let sum = 0;
  for (let i = 1; i < path.length; i++) {
    const a = path[i - 1];
    const b = path[i];
    sum += Math.hypot(b[0] - a[0], b[1] - a[1], b[2] - a[2]);
  }
  return sum;
}

// The agents' crowd imports recast statically, so it is in the entry chunk anyway; start its wasm once.
let recastReady: Promise<void> | null = null;
const loadRecast = () => (recastReady ??= init());

function collectMeshes(roots: readonly Object3D[], into: Mesh[]): void {
  for (const root of roots) {
    root.updateMatrixWorld(true);
    root.traverse((o) => {
      if ((o as Mesh).isMesh) into.push(o as Mesh);
    });
  }
}

const isLoaded = (s: SceneManifest | LoadedScene): s is LoadedScene => 'manifest' in s;

/**
 * Builds the navmesh of `scene` (a loaded scene, or a manifest whose `geometry()` is called).
 * Reports into `progress`'s `navmesh` stage.
 * @throws Error naming the scene when recast cannot build a mesh (e.g. no walkable geometry).
 */
export async function buildSceneNavMesh(scene: SceneManifest | LoadedScene, progress?: LoadProgress): Promise<SceneNavMesh> {
  const manifest = isLoaded(scene) ? scene.manifest : scene;
  const geometry: SceneGeometry = isLoaded(scene) ? scene.geometry : manifest.geometry();
  const s = { ...DEFAULT_NAVMESH_SETTINGS, ...manifest.navmesh };
  const t0 = performance.now();
  progress?.report('navmesh', 0.05, 'loading recast');
  await loadRecast();
  progress?.report('navmesh', 0.3, 'voxelising walkable geometry');

  const meshes: Mesh[] = [];
  collectMeshes(geometry.walkable, meshes);
  const walkableCount = meshes.length;
  collectMeshes(geometry.obstacles ?? [], meshes);
  if (walkableCount === 0) throw new Error(`Scene "${manifest.id}": geometry().walkable has no meshes, so there is nowhere to walk`);

  // Recast measures heights and radii in voxels.
  const ch = Math.min(0.05, s.cellSize / 2);
  const result = threeToSoloNavMesh(meshes, {
    cs: s.cellSize,
    ch,
    walkableSlopeAngle: s.maxSlopeDeg,
    walkableHeight: Math.ceil(s.agentHeight / ch),
    walkableClimb: Math.floor(s.maxClimb / ch),
    walkableRadius: Math.ceil(s.agentRadius / s.cellSize),
    maxEdgeLen: Math.round(12 / s.cellSize),
    maxSimplificationError: 1.3,
    minRegionArea: 8,
    mergeRegionArea: 20,
    maxVertsPerPoly: 6,
    detailSampleDist: 6,
    detailSampleMaxError: 1,
  });
  if (!result.success) throw new Error(`Scene "${manifest.id}": navmesh generation failed (${result.error})`);
  const navMesh = result.navMesh;
  progress?.report('navmesh', 0.85, 'finding reachable areas');

  const query = new NavMeshQuery(navMesh);
  // Extents are half-sizes: findNearestPoly looks this far around a point.
  query.defaultQueryHalfExtents = { x: 1, y: 2, z: 1 };
  const seeds: Vec3[] = [manifest.spawn.position, ...manifest.npcs.map((n) => n.spawn.position)];
  const { polygons, reachable } = disableUnreachable(navMesh, query, seeds);
  if (reachable === 0) {
    navMesh.destroy();
    query.destroy();
    throw new Error(`Scene "${manifest.id}": spawn ${JSON.stringify(manifest.spawn.position)} is not on the walkable geometry`);
  }

  const toXYZ = (v: Vec3) => ({ x: v[0], y: v[1], z: v[2] });
  const api: SceneNavMesh = {
    navMesh,
    query,
    stats: { polygons, reachablePolygons: reachable, buildMs: performance.now() - t0 },
    findPath(from, to, snap = 1.5) {
      const he = { x: snap, y: 2, z: snap };
      const a = query.findClosestPoint(toXYZ(from), { halfExtents: he });
      const b = query.findClosestPoint(toXYZ(to), { halfExtents: he });
      if (!a.success || !b.success || a.polyRef === 0 || b.polyRef === 0) return null;
      const res = query.computePath(a.point, b.point, { halfExtents: { x: 0.2, y: 0.5, z: 0.2 }, maxPathPolys: 512 });
      if (!res.success || res.path.length === 0) return null;
      const last = res.path[res.path.length - 1];
      // A partial path (the goal is on an unreachable island) ends elsewhere: report no path.
      if (Math.hypot(last.x - b.point.x, last.z - b.point.z) > 0.05 + s.cellSize) return null;
      return res.path.map((p) => [p.x, p.y, p.z] as Vec3);
    },
    closestWalkable(point, out = [0, 0, 0], maxDistance = 3) {
      const r = query.findClosestPoint(toXYZ(point), { halfExtents: { x: maxDistance, y: 3, z: maxDistance } });
      if (!r.success || r.polyRef === 0) return null;
      if (Math.hypot(r.point.x - point[0], r.point.z - point[2]) > maxDistance) return null;
      out[0] = r.point.x;
      out[1] = r.point.y;
      out[2] = r.point.z;
      return out;
    },
    randomWalkable(center, radius, out = [0, 0, 0]) {
      const r = query.findRandomPointAroundCircle(toXYZ(center), radius);
      if (!r.success || r.randomPolyRef === 0) return null;
      out[0] = r.randomPoint.x;
      out[1] = r.randomPoint.y;
      out[2] = r.randomPoint.z;
      return out;
    },
    dispose() {
      query.destroy();
      navMesh.destroy();
    },
  };
  progress?.complete('navmesh', `${reachable} polygons`);
  return api;
}

// Closed obstacles leave walkable islands inside them and on their tops. Flood-fill the polygon
// graph from the spawns and give every other polygon flags 0 so no query or teleport lands there.
// (Graph labelling over recast's own adjacency, not pathfinding: paths are recast's.)
function disableUnreachable(
  navMesh: NavMesh,
  query: NavMeshQuery,
  seeds: readonly Vec3[],
): { polygons: number; reachable: number } {
  const tile = navMesh.getTile(0);
  const header = tile.header();
  const count = header ? header.polyCount() : 0;
  const salt = tile.salt();
  const seen = new Uint8Array(count);
  const stack: number[] = [];
  for (const seed of seeds) {
    const r = query.findNearestPoly({ x: seed[0], y: seed[1], z: seed[2] }, { halfExtents: { x: 0.6, y: 1, z: 0.6 } });
    if (!r.success || r.nearestRef === 0) continue;
    const { tileIndex, tilePolygonIndex } = navMesh.decodePolyId(r.nearestRef);
    if (tileIndex === 0 && tilePolygonIndex < count && !seen[tilePolygonIndex]) {
      seen[tilePolygonIndex] = 1;
      stack.push(tilePolygonIndex);
    }
  }
  const EXT_LINK = 0x8000; // DT_EXT_LINK: a neighbour in another tile (none in a solo mesh)
  while (stack.length) {
    const i = stack.pop()!;
    const poly = tile.polys(i);
    for (let e = 0, n = poly.vertCount(); e < n; e++) {
      const nei = poly.neis(e);
      if (nei === 0 || nei & EXT_LINK) continue;
      const j = nei - 1;
      if (!seen[j]) {
        seen[j] = 1;
        stack.push(j);
      }
    }
  }
  let reachable = 0;
  for (let i = 0; i < count; i++) {
    if (seen[i]) reachable++;
    else navMesh.setPolyFlags(navMesh.encodePolyId(salt, 0, i), 0);
  }
  return { polygons: count, reachable };
}
