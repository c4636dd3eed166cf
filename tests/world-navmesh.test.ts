// The navmesh builder on synthetic scenes: obstacles block, their insides and tops are never
// walkable targets, and bad geometry fails with the scene's name.
import { afterAll, describe, expect, it } from 'vitest';
import { Mesh, BoxGeometry } from 'three';
import { block, floor } from '../src/scenes/_shared/build';
import { buildSceneNavMesh, createLoadProgress, defineScene, pathLength, type SceneGeometry, type SceneNavMesh } from '../src/world';

const scene = (geometry: () => SceneGeometry, spawn: [number, number, number] = [-4, 0, -4]) =>
  defineScene({
    id: 'synthetic',
    title: 'Synthetic',
    description: 'A 10 m floor with a 3 m box in the middle.',
    spawn: { position: spawn },
    atmosphere: { background: '#000' },
    Environment: () => null,
    geometry,
    pois: [],
    npcs: [],
  });

const boxOnFloor = () => ({ walkable: [floor(10, 10, '#888')], obstacles: [block([3, 1.2, 3], '#444', [0, 0, 0])] });

describe('buildSceneNavMesh', () => {
  let nav: SceneNavMesh;
  afterAll(() => nav?.dispose());

  it('builds from geometry() and reports progress', async () => {
    const progress = createLoadProgress();
    nav = await buildSceneNavMesh(scene(boxOnFloor), progress);
    expect(progress.getState().stages.navmesh.status).toBe('done');
    expect(nav.stats.polygons).toBeGreaterThan(0);
    // The box's top and the floor enclosed by it are islands: present but disabled.
    expect(nav.stats.reachablePolygons).toBeLessThan(nav.stats.polygons);
  });

  it('routes around an obstacle', () => {
    const path = nav.findPath([-4, 0, 0], [4, 0, 0])!;
    expect(path).not.toBeNull();
    expect(pathLength(path)).toBeGreaterThan(8.2);
    // No corner inside the box (1.5 m half-size) grown by the 0.3 m agent radius.
    for (const p of path.slice(1, -1)) expect(Math.max(Math.abs(p[0]), Math.abs(p[2]))).toBeGreaterThan(1.7);
  });

  it('snaps teleport targets out of obstacles and off their tops, onto the reachable floor', () => {
    const inside = nav.closestWalkable([0, 0, 0], [0, 0, 0], 3)!;
    expect(inside).not.toBeNull();
    expect(Math.max(Math.abs(inside[0]), Math.abs(inside[2]))).toBeGreaterThan(1.7);
    expect(Math.abs(inside[1])).toBeLessThan(0.2);
    const onTop = nav.closestWalkable([0.5, 1.2, 0.5], [0, 0, 0], 3)!;
    expect(onTop).not.toBeNull();
    expect(Math.abs(onTop[1])).toBeLessThan(0.2);
    // Far outside the floor: nothing within reach.
    expect(nav.closestWalkable([40, 0, 40])).toBeNull();
  });

  it('writes into the caller-owned vector', () => {
    const out: [number, number, number] = [9, 9, 9];
    expect(nav.closestWalkable([-3, 0, -3], out)).toBe(out);
    expect(out[0]).toBeCloseTo(-3, 1);
    expect(out[2]).toBeCloseTo(-3, 1);
  });

  it('finds no path into an island', () => {
    expect(nav.findPath([-4, 0, -4], [0, 1.2, 0], 0.5)).toBeNull();
  });

  it('picks random wander targets on the reachable floor', () => {
    for (let i = 0; i < 20; i++) {
      const p = nav.randomWalkable([-3, 0, -3], 2)!;
      expect(p).not.toBeNull();
      expect(Math.abs(p[1])).toBeLessThan(0.2);
      expect(Math.max(Math.abs(p[0]), Math.abs(p[2]))).toBeGreaterThan(1.7);
    }
  });
});

describe('buildSceneNavMesh errors', () => {
  it('names the scene when nothing is walkable', async () => {
    await expect(buildSceneNavMesh(scene(() => ({ walkable: [] })))).rejects.toThrow('Scene "synthetic": geometry().walkable has no meshes, so there is nowhere to walk');
  });
  it('names the scene when the spawn is off the walkable geometry', async () => {
    await expect(buildSceneNavMesh(scene(boxOnFloor, [30, 0, 30]))).rejects.toThrow('Scene "synthetic": spawn [30,0,30] is not on the walkable geometry');
  });
  it('treats a wall-only scene as nowhere to stand', async () => {
    const wall = new Mesh(new BoxGeometry(1, 3, 10));
    await expect(buildSceneNavMesh(scene(() => ({ walkable: [wall] }), [5, 0, 0]))).rejects.toThrow(/Scene "synthetic": /);
  });
});
