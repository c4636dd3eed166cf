import { describe, expect, it } from 'vitest';
import { createFusion, type FusionWorld } from '../src/perception/fusion';
import type { Percept, Vec3 } from '../src/core/types';

// Ada 3 m ahead-right, Bob 1.5 m straight ahead but facing away unless turned; a POI to the left.
function makeWorld(): FusionWorld {
  return {
    head: { position: [0, 1.6, 0], forward: [0, 0, -1] },
    npcs: [
      { id: 'ada', position: [3, 0, -3], yaw: 0 }, // faces away from the user
      { id: 'bob', position: [0, 0, -1.5], yaw: 0 },
    ],
    pois: [{ id: 'statue', position: [-4, 1, -4] }],
  };
}

function look(world: FusionWorld, at: Vec3): void {
  const h = world.head!;
  const d: Vec3 = [at[0] - h.position[0], at[1] - h.position[1], at[2] - h.position[2]];
  const l = Math.hypot(...d);
  h.forward = [d[0] / l, d[1] / l, d[2] / l];
}

const speech = (label: string, t: number, confidence = 0.7): Percept => ({ t, kind: 'speech', label, confidence, source: 'local' });
const gesture = (label: string, t: number, confidence = 0.7): Percept => ({ t, kind: 'gesture', label, confidence, source: 'local' });

function setup() {
  const out: Percept[] = [];
  const fusion = createFusion({ onPercept: (p) => out.push(p) });
  const world = makeWorld();
  return { fusion, world, out, fused: () => out.filter((p) => p.kind !== 'attention') };
}

describe('fusion', () => {
  it('addresses a command to the NPC the user looks at while speaking', () => {
    const { fusion, world, fused } = setup();
    look(world, [3, 1.5, -3]);
    for (let t = 0; t < 0.5; t += 1 / 60) fusion.update(t, world);
    fusion.ingest(speech('follow_me', 0.5));
    fusion.update(0.52, world);
    expect(fused()[0].target).toEqual({ type: 'npc', id: 'ada' });
  });

  it('remembers the gaze over the window: looking away right after speaking still addresses the NPC', () => {
    const { fusion, world, fused } = setup();
    look(world, [3, 1.5, -3]);
    fusion.update(0.4, world);
    look(world, [-10, 1.6, 0]);
    fusion.update(0.6, world);
    fusion.ingest(speech('come_here', 0.45));
    fusion.update(0.62, world);
    expect(fused()[0].target).toEqual({ type: 'npc', id: 'ada' });
  });

  it('addresses the NPC looked at longest over the window, not one the gaze crossed last (a nod swings the head)', () => {
    const { fusion, world, fused } = setup();
    look(world, [3, 1.5, -3]); // at Ada for 0.8 s
    let t = 0;
    for (; t < 0.8; t += 1 / 60) fusion.update(t, world);
    look(world, [0, 1.5, -1.5]); // the nod's swing crosses Bob for 0.1 s, just before the percept
    for (; t < 0.9; t += 1 / 60) fusion.update(t, world);
    fusion.ingest(gesture('nod', 0.9, 0.9));
    fusion.update(0.9, world);
    expect(fused()[0].target).toEqual({ type: 'npc', id: 'ada' });
  });

  it('addresses the NPC the user points at (a recognised point gesture), over the one looked at', () => {
    const { fusion, world, fused } = setup();
    look(world, [0, 1.5, -1.5]); // at Bob
    fusion.update(0.1, world);
    fusion.setPointer([0.2, 1.3, 0], [3 - 0.2, 1.0 - 1.3, -3], 0.15); // arm ray toward Ada's chest
    fusion.ingest({ t: 0.15, kind: 'gesture', label: 'point', confidence: 0.9, source: 'local' });
    fusion.ingest(speech('follow_me', 0.2));
    fusion.update(0.2, world);
    expect(fused().find((p) => p.label === 'follow_me')?.target).toEqual({ type: 'npc', id: 'ada' });
  });

  it('a point held still keeps addressing the pointed NPC; a fast sweep of the arm ends it', () => {
    const { fusion, world, fused } = setup();
    look(world, [0, 1.5, -1.5]); // at Bob
    const toAda: Vec3 = [3 - 0.2, 1.0 - 1.3, -3];
    fusion.setPointer([0.2, 1.3, 0], toAda, 0.15);
    fusion.ingest({ t: 0.15, kind: 'gesture', label: 'point', confidence: 0.9, source: 'local' });
    for (let t = 0.2; t <= 8; t += 0.1) {
      fusion.setPointer([0.2, 1.3, 0], toAda, t);
      fusion.update(t, world);
    }
    fusion.ingest(speech('come_here', 8)); // 7.85 s after the point, arm still held on Ada
    fusion.update(8.05, world);
    expect(fused().find((p) => p.label === 'come_here')?.target).toEqual({ type: 'npc', id: 'ada' });
    // The arm drops (the ray swings down fast, still crossing nobody's chest) and the user speaks: the gaze decides.
    fusion.setPointer([0.2, 1.0, 0], [0.3, -1, -0.2], 8.15);
    fusion.update(8.15, world);
    fusion.setPointer([0.2, 1.3, 0], toAda, 8.2); // even if the resting ray happens to cross Ada again
    fusion.ingest(speech('follow_me', 8.2));
    fusion.update(8.25, world);
    expect(fused().find((p) => p.label === 'follow_me')?.target).toEqual({ type: 'npc', id: 'bob' });
  });

  it('a held point keeps the NPC it picked while the ray covers it, even when a nearer NPC steps onto the ray', () => {
    const { fusion, world, fused } = setup();
    look(world, [0, 1.5, -1.5]); // at Bob
    const o: Vec3 = [0.2, 1.3, 0];
    const toAda: Vec3 = [3 - 0.2, 1.0 - 1.3, -3];
    fusion.setPointer(o, toAda, 0.1);
    fusion.ingest({ t: 0.1, kind: 'gesture', label: 'point', confidence: 0.9, source: 'local' });
    fusion.update(0.1, world);
    expect(fused()[0].target).toEqual({ type: 'npc', id: 'ada' });
    // Cy walks in between, 1.6 m along the same ray (nearer than Ada), while the arm stays on Ada.
    const cy = { id: 'cy', position: [1.32, 0, -1.2] as Vec3, yaw: 0 };
    world.npcs = [...world.npcs, cy];
    for (let t = 0.2; t <= 3; t += 0.1) {
      fusion.setPointer(o, toAda, t);
      fusion.update(t, world);
    }
    fusion.ingest(speech('come_here', 3));
    fusion.update(3.05, world);
    expect(fused().find((p) => p.label === 'come_here')?.target).toEqual({ type: 'npc', id: 'ada' });
    // The arm turns slowly (15 deg over 0.5 s, a held point) onto Cy alone: the ray no longer covers
    // Ada, so the nearest NPC on it is the one pointed at.
    const toCy: Vec3 = [Math.sin((28 * Math.PI) / 180), -0.19, -Math.cos((28 * Math.PI) / 180)];
    for (let k = 1; k <= 5; k++) {
      const u = k / 5;
      const l = Math.hypot(...toAda);
      const d: Vec3 = [toAda[0] / l + (toCy[0] - toAda[0] / l) * u, toAda[1] / l + (toCy[1] - toAda[1] / l) * u, toAda[2] / l + (toCy[2] - toAda[2] / l) * u];
      fusion.setPointer(o, d, 3.05 + k * 0.1);
      fusion.update(3.05 + k * 0.1, world);
    }
    fusion.ingest(speech('follow_me', 3.6));
    fusion.update(3.65, world);
    expect(fused().find((p) => p.label === 'follow_me')?.target).toEqual({ type: 'npc', id: 'cy' });
  });

  it('a point that picked the nearer NPC on the ray keeps addressing it', () => {
    const { fusion, world, fused } = setup();
    look(world, [-10, 1.6, 5]); // looking at nobody
    const o: Vec3 = [0.2, 1.3, 0];
    const toAda: Vec3 = [3 - 0.2, 1.0 - 1.3, -3];
    world.npcs = [...world.npcs, { id: 'cy', position: [1.32, 0, -1.2], yaw: 0 }];
    fusion.setPointer(o, toAda, 0.1);
    fusion.ingest({ t: 0.1, kind: 'gesture', label: 'point', confidence: 0.9, source: 'local' });
    fusion.update(0.1, world);
    expect(fused()[0].target).toEqual({ type: 'npc', id: 'cy' });
    fusion.setPointer(o, toAda, 1);
    fusion.update(1, world);
    fusion.ingest(speech('come_here', 1));
    fusion.update(1.05, world);
    expect(fused().find((p) => p.label === 'come_here')?.target).toEqual({ type: 'npc', id: 'cy' });
  });

  it('a point percept that arrives late (inference under load) still starts the hold', () => {
    const { fusion, world, fused } = setup();
    look(world, [0, 1.5, -1.5]); // at Bob
    const toAda: Vec3 = [3 - 0.2, 1.0 - 1.3, -3];
    for (let t = 0.1; t < 2; t += 0.1) {
      fusion.setPointer([0.2, 1.3, 0], toAda, t);
      fusion.update(t, world);
    }
    fusion.ingest({ t: 0.5, kind: 'gesture', label: 'point', confidence: 0.9, source: 'local' }); // 1.5 s late
    for (let t = 2; t <= 7; t += 0.1) {
      fusion.setPointer([0.2, 1.3, 0], toAda, t);
      fusion.update(t, world);
    }
    fusion.ingest(speech('come_here', 7));
    fusion.update(7.05, world);
    expect(fused().find((p) => p.label === 'come_here')?.target).toEqual({ type: 'npc', id: 'ada' });
  });

  it('a controller ray at rest is not pointing: without a point gesture the gaze decides', () => {
    const { fusion, world, fused } = setup();
    look(world, [0, 1.5, -1.5]); // at Bob
    fusion.update(0.1, world);
    fusion.setPointer([0.2, 1.3, 0], [3 - 0.2, 1.0 - 1.3, -3], 0.15); // the ray happens to cross Ada
    fusion.ingest(speech('follow_me', 0.2));
    fusion.update(0.2, world);
    expect(fused()[0].target).toEqual({ type: 'npc', id: 'bob' });
    // A point long before (outside the pointing time) does not count either.
    fusion.ingest({ t: 0.2, kind: 'gesture', label: 'point', confidence: 0.9, source: 'local' });
    fusion.update(0.3, world);
    fusion.setPointer([0.2, 1.3, 0], [3 - 0.2, 1.0 - 1.3, -3], 10);
    fusion.ingest(speech('come_here', 10));
    fusion.update(10, world);
    expect(fused().find((p) => p.label === 'come_here')?.target).toEqual({ type: 'npc', id: 'bob' });
  });

  it('falls back to the nearest NPC within 4 m facing the user, and to none', () => {
    const { fusion, world, fused } = setup();
    look(world, [-10, 1.6, 5]); // looking at nobody
    (world.npcs[1] as { yaw: number }).yaw = Math.PI; // Bob at [0,0,-1.5] turns to face +z (the user)
    fusion.update(0.1, world);
    fusion.ingest(speech('hello', 0.1));
    fusion.update(0.12, world);
    expect(fused()[0].target).toEqual({ type: 'npc', id: 'bob' });
    (world.npcs[1] as { yaw: number }).yaw = 0; // Bob turns away: nobody faces the user
    fusion.ingest(speech('hello', 0.2));
    fusion.update(0.22, world);
    expect(fused()[1].target).toBeUndefined();
  });

  it('"yes" with a nod raises confidence (either order); with a shake it lowers it', () => {
    const { fusion, world, fused } = setup();
    fusion.update(0, world);
    fusion.ingest(speech('yes', 1.0, 0.6));
    fusion.update(1.0, world);
    expect(fused()[0].confidence).toBeCloseTo(0.6);
    fusion.ingest(gesture('nod', 1.3, 0.7));
    fusion.update(1.3, world);
    expect(fused()[1].confidence).toBeCloseTo(1 - 0.4 * 0.3);
    fusion.ingest(gesture('nod', 5, 0.5));
    fusion.update(5, world);
    fusion.ingest(speech('yes', 5.4, 0.5));
    fusion.update(5.4, world);
    expect(fused()[3].confidence).toBeCloseTo(0.75);
    fusion.ingest(speech('no', 10, 0.8));
    fusion.update(10, world);
    fusion.ingest(gesture('nod', 10.2, 0.8));
    fusion.update(10.2, world);
    expect(fused()[5].confidence).toBeLessThan(0.8);
    // Outside the window nothing pairs.
    fusion.ingest(gesture('shake', 20, 0.6));
    fusion.update(20, world);
    expect(fused()[6].confidence).toBeCloseTo(0.6);
  });

  it('a point gesture yields the pointed NPC, POI or floor point as the target', () => {
    const { fusion, world, fused } = setup();
    fusion.setPointer([0, 1.4, 0], [3, -0.4, -3], 0);
    fusion.ingest(gesture('point', 0.05));
    fusion.update(0.05, world);
    expect(fused()[0].target).toEqual({ type: 'npc', id: 'ada' });
    fusion.setPointer([0, 1.4, 0], [-4, -0.4, -4], 0.1);
    fusion.ingest(gesture('point', 0.15));
    fusion.update(0.15, world);
    expect(fused()[1].target).toEqual({ type: 'poi', id: 'statue' });
    fusion.setPointer([0, 1.4, 0], [2, -1.4, 2], 0.2); // down-right behind: floor at [2, 0, 2]
    fusion.ingest(gesture('point', 0.25));
    fusion.update(0.25, world);
    const target = fused()[2].target;
    expect(target?.type).toBe('point');
    if (target?.type === 'point') {
      expect(target.position[0]).toBeCloseTo(2);
      expect(target.position[1]).toBeCloseTo(0);
      expect(target.position[2]).toBeCloseTo(2);
    }
  });

  it('without a pointer ray, pointing uses the head ray', () => {
    const { fusion, world, fused } = setup();
    look(world, [-4, 1, -4]);
    fusion.update(0, world);
    fusion.ingest(gesture('point', 0));
    fusion.update(0.01, world);
    expect(fused()[0].target).toEqual({ type: 'poi', id: 'statue' });
  });

  it('a wave goes to the NPC looked at, and gaze that rests emits an attention percept', () => {
    const { fusion, world, out, fused } = setup();
    look(world, [3, 1.5, -3]);
    for (let t = 0; t <= 0.4; t += 0.05) fusion.update(t, world);
    const looks = out.filter((p) => p.kind === 'attention');
    expect(looks).toHaveLength(1);
    expect(looks[0].target).toEqual({ type: 'npc', id: 'ada' });
    fusion.ingest(gesture('wave', 0.4));
    fusion.update(0.45, world);
    expect(fused()[0].target).toEqual({ type: 'npc', id: 'ada' });
  });

  it('leaves explicit targets, other users and non-commands untouched', () => {
    const { fusion, world, fused } = setup();
    look(world, [3, 1.5, -3]);
    fusion.update(0, world);
    const explicit: Percept = { ...speech('stop', 0), target: { type: 'npc', id: 'bob' } };
    const other: Percept = { ...speech('stop', 0), source: 'guest' };
    const unknown = speech('unknown', 0);
    for (const p of [explicit, other, unknown]) fusion.ingest(p);
    fusion.update(0.01, world);
    expect(fused()).toEqual([explicit, other, unknown]);
    expect(() => fusion.ingest({ t: NaN } as unknown as Percept)).toThrow(/fusion.ingest/);
  });
});

describe('fusion -> NPC world', () => {
  it('"follow me" said while looking at Ada reaches Ada although Bob is nearer and faces the user', async () => {
    const { createNpcWorld } = await import('../src/agents/npc-world');
    const world = createNpcWorld({
      npcs: [
        { id: 'ada', name: 'Ada', persona: { biases: { wander: 0, ask: 0 }, lines: {} }, spawn: { position: [3, 0, -3] } },
        { id: 'bob', name: 'Bob', persona: { biases: { wander: 0, ask: 0 }, lines: {} }, spawn: { position: [0, 0, -1.5], yaw: Math.PI } },
      ],
    });
    const fusion = createFusion({ onPercept: (p) => world.ingest(p) });
    const fw: FusionWorld = { head: { position: [0, 1.6, 0], forward: [0, 0, -1] }, npcs: world.npcs, pois: [] };
    look(fw, [3, 1.5, -3]);
    let t = 0;
    const frame = () => {
      t += 1 / 60;
      world.setUser('local', fw.head!.position, fw.head!.forward, t);
      fusion.update(t, fw);
      world.update(1 / 60, t);
    };
    for (let k = 0; k < 30; k++) frame();
    fusion.ingest(speech('follow_me', t, 0.8));
    for (let k = 0; k < 12; k++) frame();
    expect(world.npcs[0].goal).toBe('follow');
    expect(world.npcs[1].goal).not.toBe('follow');
  });
});
