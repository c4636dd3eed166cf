import { beforeAll, describe, expect, it } from 'vitest';
import { init, type NavMesh } from 'recast-navigation';
import { generateSoloNavMesh } from 'recast-navigation/generators';
import { createCrowdDriver } from '../src/agents/crowd-driver';
import { createKinematicDriver } from '../src/agents/kinematic-driver';
import { createNpcWorld } from '../src/agents/npc-world';
import type { Vec3 } from '../src/core/types';
import { createNpcRig, poseNpcRig } from '../src/app/npc/npc-rig';
import { createSpeech, pitchFor } from '../src/app/npc/speech';

let navMesh: NavMesh;

// A 20 m floor with a 2 m pillar at the origin.
beforeAll(async () => {
  await init();
  const S = 10;
  const positions = [-S, 0, -S, S, 0, -S, S, 0, S, -S, 0, S];
  const indices = [0, 2, 1, 0, 3, 2];
  const b = positions.length / 3;
  const h = 1;
  for (const [x, y, z] of [[-h, 0, -h], [h, 0, -h], [h, 0, h], [-h, 0, h], [-h, 2, -h], [h, 2, -h], [h, 2, h], [-h, 2, h]]) positions.push(x, y, z);
  for (const f of [[4, 6, 5], [4, 7, 6], [0, 1, 5], [0, 5, 4], [1, 2, 6], [1, 6, 5], [2, 3, 7], [2, 7, 6], [3, 0, 4], [3, 4, 7]]) indices.push(b + f[0], b + f[1], b + f[2]);
  const result = generateSoloNavMesh(positions, indices, { cs: 0.2, ch: 0.2, walkableRadius: 2, walkableHeight: 9, walkableClimb: 2 });
  if (!result.success) throw new Error(result.error);
  navMesh = result.navMesh;
});

describe('crowd driver (DetourCrowd)', () => {
  it('walks around an obstacle to its target, reading positions from wasm memory', () => {
    const driver = createCrowdDriver({ navMesh, spawns: [[0, 0, -4], [5, 0, 5]] });
    expect(driver.rawMemoryReads).toBe(true);
    driver.moveTo(0, 0, 0, 4, 1.5);
    const pos: Vec3 = [0, 0, 0];
    const vel: Vec3 = [0, 0, 0];
    let maxAbsX = 0;
    for (let f = 0; f < 60 * 10; f++) {
      driver.step(1 / 60);
      driver.read(0, pos, vel);
      maxAbsX = Math.max(maxAbsX, Math.abs(pos[0]));
      // Never inside the pillar (1 m half-size + agent radius).
      expect(Math.abs(pos[0]) < 1 && Math.abs(pos[2]) < 1).toBe(false);
    }
    expect(driver.rawMemoryReads).toBe(true); // the velocity offset was verified too
    expect(Math.hypot(pos[0] - 0, pos[2] - 4)).toBeLessThan(0.5);
    expect(maxAbsX).toBeGreaterThan(1); // went around
    driver.read(1, pos, vel);
    expect(pos[0]).toBeCloseTo(5, 1);
    driver.halt(0);
    driver.dispose();
  });

  it('an NPC world on a navmesh follows a user around the pillar', () => {
    const world = createNpcWorld({ navMesh, npcs: [{ id: 'ada', name: 'Ada', persona: { biases: { wander: 0 }, lines: {} }, spawn: { position: [0, 0, -4] } }] });
    expect(world.movement).toBe('detour-crowd');
    let t = 0;
    const user: Vec3 = [0, 1.6, -6];
    const step = (s: number) => {
      for (let f = 0; f < s * 60; f++) {
        t += 1 / 60;
        world.setUser('local', user, [0, 0, 1], t);
        world.update(1 / 60, t);
      }
    };
    step(0.5);
    world.ingest({ t, kind: 'speech', label: 'follow_me', confidence: 0.9, source: 'local', target: { type: 'npc', id: 'ada' } });
    for (let k = 0; k < 60; k++) {
      user[2] += 0.2; // walk through to the far side of the pillar (the user passes beside it)
      user[0] = user[2] > -2 && user[2] < 2 ? 2.5 : 0;
      step(0.1);
    }
    step(4);
    const p = world.npcs[0].position;
    expect(world.npcs[0].goal).toBe('follow');
    expect(Math.hypot(p[0] - user[0], p[2] - user[2])).toBeLessThan(2.5);
    world.dispose();
  });
});

describe('kinematic driver', () => {
  it('a visitor standing in the way is an obstacle: an NPC walking past steers around them (near a user NPCs get obstacle avoidance)', () => {
    for (const withVisitor of [true, false]) {
      const driver = createCrowdDriver({ navMesh, spawns: [[-6, 0, 5]] });
      // Place the visitor on the straight line from the NPC to its target (head at 1.6 m).
      if (withVisitor) driver.setObstacle(0, 0, 1.6, 5, true);
      driver.setDetail(0, true); // what npc-world does within detailRadius of a user
      driver.moveTo(0, 6, 0, 5, 1.3);
      const pos: Vec3 = [0, 0, 0];
      const vel: Vec3 = [0, 0, 0];
      let closest = Infinity;
      for (let f = 0; f < 30 * 14; f++) {
        driver.step(1 / 30);
        driver.read(0, pos, vel);
        closest = Math.min(closest, Math.hypot(pos[0], pos[2] - 5));
      }
      expect(Math.hypot(pos[0] - 6, pos[2] - 5)).toBeLessThan(0.6); // still arrives
      // Without the visitor body the NPC walks straight through that spot; with it, it keeps off
      // (agent radius 0.35 + visitor radius 0.3, less a little interpenetration).
      if (withVisitor) expect(closest).toBeGreaterThan(0.55);
      else expect(closest).toBeLessThan(0.2);
      if (withVisitor) driver.setObstacle(0, 0, 1.6, 5, false);
      driver.dispose();
    }
  });

  it('arrives and keeps bodies apart', () => {
    const d = createKinematicDriver({ spawns: [[0, 0, 0], [3, 0, 0]] });
    d.moveTo(0, 3, 0, 0, 1.5);
    const a: Vec3 = [0, 0, 0];
    const b: Vec3 = [0, 0, 0];
    const v: Vec3 = [0, 0, 0];
    for (let f = 0; f < 600; f++) d.step(1 / 60);
    d.read(0, a, v);
    d.read(1, b, v);
    expect(Math.hypot(a[0] - b[0], a[2] - b[2])).toBeGreaterThan(0.6);
  });
});

describe('NPC rig (view)', () => {
  const state = () => {
    const world = createNpcWorld({ npcs: [{ id: 'ada', name: 'Ada', persona: { biases: {}, lines: {} }, spawn: { position: [1, 0, 2], yaw: 0.5 } }] });
    return world.npcs[0];
  };

  it('places, turns and animates the humanoid from the NPC state', () => {
    const npc = state();
    const rig = createNpcRig({ height: 1.6, hair: '#332211', accessory: 'hat' });
    poseNpcRig(rig, npc, 0);
    expect(rig.root.position.toArray()).toEqual([1, 0, 2]);
    expect(rig.body.rotation.y).toBeCloseTo(0.5);
    expect(rig.leftLeg.rotation.x).toBeCloseTo(0);
    npc.speed = 1.2;
    npc.walkPhase = Math.PI / 2;
    poseNpcRig(rig, npc, 0);
    expect(rig.leftLeg.rotation.x).toBeGreaterThan(0.4);
    expect(rig.rightLeg.rotation.x).toBeLessThan(-0.4);
    npc.speed = 0;
    npc.gesture = 'wave';
    npc.gestureTime = 0.5;
    poseNpcRig(rig, npc, 0);
    expect(rig.rightArm.rotation.z).toBeLessThan(-2);
    npc.gesture = 'nod';
    npc.gestureTime = 0.1;
    npc.headYaw = 0.4;
    poseNpcRig(rig, npc, 0);
    expect(rig.head.rotation.y).toBeCloseTo(0.4);
    expect(Math.abs(rig.head.rotation.x)).toBeGreaterThan(0.1);
    npc.talk = 1;
    poseNpcRig(rig, npc, 0);
    expect(rig.mouth.scale.y).toBeGreaterThan(3);
    expect(rig.top).toBe(1.6);
  });

  it('rejects an impossible height with a message naming it', () => {
    expect(() => createNpcRig({ height: 12 })).toThrow(/appearance\.height/);
  });
});

describe('speech', () => {
  it('is a no-op with a reason without speechSynthesis or voices, and speaks when there are voices', () => {
    const none = createSpeech(undefined);
    expect(none.available).toBe(false);
    expect(none.reason).toMatch(/not supported/);
    expect(none.speak('hello')).toBe(false);

    const spoken: string[] = [];
    let voices: { name: string; lang: string }[] = [];
    const listeners: (() => void)[] = [];
    const synth = {
      pending: false,
      getVoices: () => voices,
      speak: (u: { text: string }) => spoken.push(u.text),
      cancel: () => {},
      addEventListener: (_: string, f: () => void) => listeners.push(f),
      removeEventListener: () => {},
    } as unknown as SpeechSynthesis;
    const g = globalThis as { SpeechSynthesisUtterance?: unknown };
    const had = g.SpeechSynthesisUtterance;
    g.SpeechSynthesisUtterance = class {
      voice: unknown = null;
      rate = 1;
      pitch = 1;
      constructor(public text: string) {}
    };
    try {
      const speech = createSpeech(synth);
      expect(speech.available).toBe(false);
      expect(speech.reason).toMatch(/no speech voices/);
      voices = [{ name: 'Test English', lang: 'en-US' }];
      listeners.forEach((f) => f());
      expect(speech.available).toBe(true);
      expect(speech.speak('Hello there')).toBe(true);
      expect(spoken).toEqual(['Hello there']);
    } finally {
      g.SpeechSynthesisUtterance = had;
    }
    expect(pitchFor('ada')).toBe(pitchFor('ada'));
    expect(pitchFor('ada')).toBeGreaterThanOrEqual(0.8);
  });
});

describe('fixed-rate bodies', () => {
  it('give (nearly) the same trajectories at 60 and 90 frames per second', () => {
    const run = (fps: number) => {
      const world = createNpcWorld({
        npcs: [
          { id: 'ada', name: 'Ada', persona: { biases: { wander: 0 }, lines: {} }, spawn: { position: [0, 0, -6] } },
          { id: 'bob', name: 'Bob', persona: { biases: { wander: 0 }, lines: {} }, spawn: { position: [2, 0, -6] } },
        ],
      });
      const user: Vec3 = [0, 1.6, 0];
      let t = 0;
      let sent = false;
      for (let f = 0; f < 8 * fps; f++) {
        t = (f + 1) / fps;
        user[0] = Math.sin(t * 0.5) * 3;
        world.setUser('local', user, [0, 0, -1], t);
        if (!sent && t >= 1) {
          world.ingest({ t: 1, kind: 'speech', label: 'follow_me', confidence: 0.9, source: 'local', target: { type: 'npc', id: 'ada' } });
          sent = true;
        }
        world.update(1 / fps, t);
      }
      return world.npcs.map((s) => [...s.position]);
    };
    const a = run(60);
    const b = run(90);
    for (let i = 0; i < a.length; i++) expect(Math.hypot(a[i][0] - b[i][0], a[i][2] - b[i][2])).toBeLessThan(0.25);
    expect(Math.hypot(a[0][0] - a[1][0], a[0][2] - a[1][2])).toBeGreaterThan(1); // Ada moved, Bob stayed
  });
});
