// Manifest validation: every problem names the scene, the field, what was expected and what came.
import { describe, expect, it } from 'vitest';
import { SceneManifestError, npcSpecsOf, poiSpecsOf, spawnPose, validateSceneManifest, validateSceneMeta, type SceneManifest } from '../src/world';
import good from './fixtures/scenes/good-garden/index';

// A deep copy of the valid fixture to break one field at a time.
const copy = (): Record<string, unknown> & SceneManifest => ({ ...good, spawn: { ...good.spawn }, pois: good.pois.map((p) => ({ ...p })), npcs: good.npcs.map((n) => structuredClone({ ...n })) });
const messageOf = (m: unknown, id = 'good-garden') => {
  try {
    validateSceneManifest(m, id);
  } catch (e) {
    expect(e).toBeInstanceOf(SceneManifestError);
    return (e as Error).message;
  }
  return 'valid';
};

describe('validateSceneManifest', () => {
  it('accepts the fixture', () => {
    expect(messageOf(copy())).toBe('valid');
  });

  it.each<[string, (m: Record<string, unknown> & SceneManifest) => void, string]>([
    ['a missing title', (m) => delete (m as Partial<SceneManifest>).title, 'title: expected a non-empty string, got nothing'],
    ['a misspelt field', (m) => ((m.spawn as unknown as Record<string, unknown>).yaw = 90), 'spawn.yaw: expected a known field (position, yawDeg), got an unknown field'],
    ['a short position', (m) => ((m.spawn as unknown as Record<string, unknown>).position = [0, 0]), 'spawn.position: expected [x, y, z] in metres, got [0,0]'],
    ['an unknown goal', (m) => ((m.npcs[0].persona.biases as Record<string, number>).dance = 2), 'npcs[0].persona.biases.dance: expected a goal name (idle, wander, greet, follow, come, keepDistance, tour, explain, ask, help, stop), got an unknown field'],
    ['a bias out of range', (m) => (m.npcs[0].persona.biases.greet = 9), 'npcs[0].persona.biases.greet: expected a number in [0, 4], got 9'],
    ['empty lines', (m) => (m.npcs[0].persona.lines.greet = []), 'npcs[0].persona.lines.greet: expected at least one line, got []'],
    ['a tall NPC', (m) => (m.npcs[0].appearance.height = 3), 'npcs[0].appearance.height: expected a number in [1.2, 2.2] metres, got 3'],
    ['a tour through a missing POI', (m) => (m.npcs[0].pois = ['gate', 'pond']), 'npcs[0].pois[1]: expected one of this scene\'s POI ids (gate, shed), got "pond"'],
    ['a duplicate POI id', (m) => ((m.pois[1].id = 'gate'), (m.npcs[0].pois = ['gate'])), 'pois[1].id: expected an id unique among pois, got "gate"'],
    ['a bad id', (m) => (m.pois[0].id = 'Big Gate'), 'pois[0].id: expected a kebab-case id (a-z, 0-9, -; starts with a letter), got "Big Gate"'],
    ['a non-component environment', (m) => ((m as Record<string, unknown>).Environment = 'garden'), 'Environment: expected a React component, got "garden"'],
    ['a fog that ends before it starts', (m) => (m.atmosphere = { background: '#000', fog: { color: '#000', near: 10, far: 5 } }), 'atmosphere.fog.far: expected a distance greater than fog.near (10), got 5'],
    ['npcs not an array', (m) => ((m as Record<string, unknown>).npcs = 3), 'npcs: expected an array of NPCs, got 3'],
  ])('rejects %s', (_name, breakIt, expected) => {
    const m = copy();
    breakIt(m);
    expect(messageOf(m)).toBe(`Scene "good-garden": ${expected}`);
  });

  it('names the folder id when the manifest id differs', () => {
    expect(messageOf(copy(), 'garden')).toBe('Scene "garden": id: expected "garden" (the scene\'s folder name), got "good-garden"');
  });

  it('rejects something that is not a manifest at all', () => {
    expect(messageOf(undefined)).toBe('Scene "good-garden": (manifest): expected a scene manifest (export default defineScene({...})), got nothing');
  });

  it('keeps every problem and counts the rest in the message', () => {
    const m = copy();
    m.npcs[0].appearance.height = 3;
    m.npcs[0].persona.biases.greet = -1;
    try {
      validateSceneManifest(m, 'good-garden');
      expect.unreachable();
    } catch (e) {
      const err = e as SceneManifestError;
      expect(err.issues).toHaveLength(2);
      expect(err.message).toMatch(/\(and 1 more problem\)$/);
    }
  });
});

describe('validateSceneMeta', () => {
  it('checks the title card', () => {
    expect(validateSceneMeta({ id: 'a', title: 'A', description: 'd' }, 'a')).toEqual({ id: 'a', title: 'A', description: 'd' });
    expect(() => validateSceneMeta({ id: 'a', title: '  ', description: 'd' }, 'a')).toThrow('Scene "a": title: expected a non-empty string, got "  "');
  });
});

describe('manifest helpers', () => {
  it('converts spawns and NPC specs for the brains', () => {
    const pose = spawnPose({ position: [1, 0, 2], yawDeg: 90 });
    expect(pose.p).toEqual([1, 0, 2]);
    expect(pose.q[1]).toBeCloseTo(Math.SQRT1_2);
    expect(pose.q[3]).toBeCloseTo(Math.SQRT1_2);
    const [npc] = npcSpecsOf(good);
    expect(npc.spawn.yaw).toBeCloseTo(Math.PI / 2);
    expect(npc.pois).toEqual(['gate', 'shed']);
    expect(poiSpecsOf(good).map((p) => p.id)).toEqual(['gate', 'shed']);
  });
});
