import { describe, expect, it } from 'vitest';
import { loadScene } from '../src/scenes';
import { buildSceneNavMesh, createLoadProgress, npcSpecsOf, poiSpecsOf } from '../src/world';
import { createNpcWorld } from '../src/agents/npc-world';
import type { Vec3 } from '../src/core/types';

// Users are tracked by their head (about 1.6 m above the floor); the crowd must still find the floor
// polygon under them, or "follow me" and "come here" leave NPCs standing on real navmeshes.
describe('DetourCrowd targets at head height (museum navmesh)', () => {
  it('the guide follows a visitor whose position is their head, even when told while she asks a question', async () => {
    const scene = await loadScene('museum', createLoadProgress());
    const nav = await buildSceneNavMesh(scene);
    const world = createNpcWorld({ navMesh: nav.navMesh, npcs: npcSpecsOf(scene.manifest), pois: poiSpecsOf(scene.manifest) });
    expect(world.movement).toBe('detour-crowd');
    const head: Vec3 = [9, 1.65, 6.3];
    const forward: Vec3 = [-0.34, 0, -0.94];
    let t = 0;
    const run = (frames: number, walk = 0) => {
      for (let i = 0; i < frames; i++) {
        t += 1 / 60;
        head[0] += walk;
        head[2] += walk;
        world.setUser('local', head, forward, t);
        world.update(1 / 60, t);
      }
    };
    const iris = world.npcs.find((n) => n.id === 'iris')!;
    // She greets the visitor, then offers a tour: the command comes while she asks.
    for (let k = 0; k < 600 && iris.goal !== 'ask'; k++) run(1);
    expect(iris.goal).toBe('ask');
    const start = [...iris.position];
    expect(world.ingest({ t, kind: 'speech', label: 'follow_me', confidence: 1, source: 'local', target: { type: 'npc', id: 'iris' } })).toBe('iris');
    run(30);
    expect(iris.goal).toBe('follow');
    run(240, 0.005);
    expect(Math.hypot(iris.position[0] - start[0], iris.position[2] - start[2])).toBeGreaterThan(1);
    world.dispose();
    nav.dispose();
  });
});

// A POI may sit inside an obstacle (the plaza fountain's centre is inside its basin): the guide walks
// to the POI's stand point on the navmesh and presents it from there, instead of never arriving.
describe('tour stops inside obstacles (plaza navmesh)', () => {
  it("Mara's tour reaches the fountain and she presents it", async () => {
    const scene = await loadScene('plaza', createLoadProgress());
    const nav = await buildSceneNavMesh(scene);
    const pois = poiSpecsOf(scene.manifest, nav);
    const fountain = pois.find((p) => p.id === 'fountain')!;
    expect(fountain.standAt).toBeDefined();
    const world = createNpcWorld({ navMesh: nav.navMesh, npcs: npcSpecsOf(scene.manifest), pois });
    const head: Vec3 = [3, 1.65, 8];
    const forward: Vec3 = [0, 0, -1];
    let t = 0;
    const run = (frames: number) => {
      for (let i = 0; i < frames; i++) {
        t += 1 / 60;
        world.setUser('local', head, forward, t);
        world.update(1 / 60, t);
      }
    };
    const mara = world.npcs.find((n) => n.id === 'mara')!;
    for (let k = 0; k < 900 && mara.goal !== 'ask'; k++) run(1);
    expect(mara.goal).toBe('ask');
    world.ingest({ t, kind: 'speech', label: 'yes', confidence: 1, source: 'local', target: { type: 'npc', id: 'mara' } });
    let presented = false;
    for (let k = 0; k < 60 * 30 && !presented; k++) {
      run(1);
      presented = mara.goal === 'tour' && (mara.saying ?? '').includes(fountain.text.slice(0, 20));
    }
    expect(presented, `Mara at [${mara.position.map((x) => x.toFixed(1))}] says "${mara.saying}"`).toBe(true);
    const s = fountain.standAt!;
    expect(Math.hypot(mara.position[0] - s[0], mara.position[2] - s[2])).toBeLessThan(1.7);
    world.dispose();
    nav.dispose();
  });
});
