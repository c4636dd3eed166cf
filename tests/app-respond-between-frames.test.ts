// A voice command decided between frames (on an audio chunk) is fused and answered then: the NPC's
// goal changes before the next frame runs, so the response does not wait for a slow frame.
import { describe, expect, it } from 'vitest';
import { now } from '../src/core/clock';
import type { Percept } from '../src/core/types';
import { createAppStore } from '../src/app/store';
import { createRuntime } from '../src/app/runtime';
import { startSceneSession } from '../src/app/scene-session';
import { loadScene } from '../src/scenes';
import { createLoadProgress } from '../src/world';

async function museumFacingFirstNpc() {
  const runtime = createRuntime(createAppStore(), '');
  const scene = await loadScene('museum', createLoadProgress());
  const session = startSceneSession(runtime, { scene, nav: null });
  const npc = session.world.npcs[0];
  const { rig } = runtime;
  // The visitor stands 7 m in front (too far to be greeted first) of the NPC and looks at its head.
  const [x, , z] = npc.position;
  rig.headWorld.set(x, 1.6, z + 7);
  rig.gazeWorld.set(0, 0, -1);
  const [fusion, world] = session.systems;
  const frame = () => {
    const t = now();
    fusion.update(1 / 60, t);
    world.update(1 / 60, t);
  };
  return { runtime, session, npc, frame };
}

const speech = (label: string): Percept => ({ t: now(), kind: 'speech', label, confidence: 0.95, source: 'local' });

describe('percepts between frames', () => {
  it('fuses a speech percept and lets the addressed NPC decide at once', async () => {
    const { runtime, session, npc, frame } = await museumFacingFirstNpc();
    for (let i = 0; i < 10; i++) frame();
    const actions: string[] = [];
    session.world.onAction((n, a) => actions.push(`${n.id}:${a.type}:${a.type === 'goal' ? a.goal : ''}`));
    const fused: Percept[] = [];
    runtime.percepts.subscribe((p) => fused.push(p));

    runtime.rawPercepts.emit(speech('follow_me'));
    // No frame has run since the emit.
    expect(fused.filter((p) => p.label === 'follow_me').map((p) => p.target)).toEqual([{ type: 'npc', id: npc.id }]);
    expect(npc.goal).toBe('follow');
    expect(actions).toContain(`${npc.id}:goal:follow`);

    runtime.rawPercepts.emit(speech('stop'));
    expect(npc.goal).not.toBe('follow');
    session.dispose();
  });

  it('holds a percept that lands inside a frame (after fusion ran) for that frame\'s NPC update', async () => {
    const { runtime, session, npc, frame } = await museumFacingFirstNpc();
    for (let i = 0; i < 10; i++) frame();
    const [fusion, world] = session.systems;
    const t = now();
    fusion.update(1 / 60, t);
    runtime.rawPercepts.emit(speech('follow_me'));
    expect(npc.goal).not.toBe('follow'); // waits: fusion already ran in this frame
    world.update(1 / 60, t);
    fusion.update(1 / 60, now());
    world.update(1 / 60, now());
    expect(npc.goal).toBe('follow');
    session.dispose();
  });
});
