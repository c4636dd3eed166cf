// Pointing with either hand: the point gesture names the hand, and that controller's ray is the
// pointer fusion resolves the point with (PERCEPTION.md: gestures are read from either hand).
import { describe, expect, it } from 'vitest';
import { Quaternion, Vector3 } from 'three';
import type { Percept, Vec3 } from '../src/core/types';
import { createAppStore } from '../src/app/store';
import { createRuntime } from '../src/app/runtime';
import { startSceneSession } from '../src/app/scene-session';
import { loadScene } from '../src/scenes';
import { createLoadProgress } from '../src/world';

/** Aim a controller at rig-local `p` toward world point `at` (rig at the origin, yaw 0). */
function aim(c: { tracked: boolean; pose: { p: number[]; q: number[] } }, p: Vec3, at: readonly number[]) {
  const d = new Vector3(at[0] - p[0], at[1] - p[1], at[2] - p[2]).normalize();
  const q = new Quaternion().setFromUnitVectors(new Vector3(0, 0, -1), d);
  c.tracked = true;
  c.pose.p = [...p];
  c.pose.q = [q.x, q.y, q.z, q.w];
}

describe('the pointer follows the hand that points', () => {
  it('resolves a left-hand point with the left controller and a right-hand point with the right', async () => {
    const runtime = createRuntime(createAppStore(), '');
    const scene = await loadScene('plaza', createLoadProgress());
    const session = startSceneSession(runtime, { scene, nav: null }, { brain: false });
    const { rig, input } = runtime;
    rig.position.set(0, 0, 0);
    rig.yaw = 0;
    rig.headWorld.set(0, 1.6, 0);
    // Two NPCs on either side of the visitor, 4 m away; the visitor looks straight up (at nobody).
    const [a, b] = session.world.npcs;
    a.position[0] = -3;
    a.position[2] = -3;
    b.position[0] = 3;
    b.position[2] = -3;
    rig.gazeWorld.set(0, 1, 0);
    aim(input.left, [-0.25, 1.4, -0.3], [a.position[0], 1.2, a.position[2]]);
    aim(input.right, [0.25, 1.4, -0.3], [b.position[0], 1.2, b.position[2]]);
    const fused: Percept[] = [];
    runtime.percepts.subscribe((p) => fused.push(p));
    const fusion = session.systems[0];
    let t = 10;
    const step = () => {
      t += 1 / 60;
      fusion.update(1 / 60, t);
    };
    for (let i = 0; i < 5; i++) step();
    runtime.rawPercepts.emit({ t, kind: 'gesture', label: 'point', confidence: 0.9, source: 'local', hand: 'left' } as Percept);
    for (let i = 0; i < 5; i++) step();
    expect(fused.filter((p) => p.label === 'point').map((p) => p.target)).toEqual([{ type: 'npc', id: a.id }]);
    // 3 s later the right hand points at the other NPC.
    for (let i = 0; i < 180; i++) step();
    runtime.rawPercepts.emit({ t, kind: 'gesture', label: 'point', confidence: 0.9, source: 'local', hand: 'right' } as Percept);
    for (let i = 0; i < 5; i++) step();
    expect(fused.filter((p) => p.label === 'point').map((p) => p.target)).toEqual([
      { type: 'npc', id: a.id },
      { type: 'npc', id: b.id },
    ]);
    session.dispose();
  });
});
