// Scene discovery and validation on fixture folders, exactly as the runtime does on src/scenes/.
import { describe, expect, it } from 'vitest';
import {
  SceneLoadError,
  SceneManifestError,
  UnknownSceneError,
  buildSceneNavMesh,
  createLoadProgress,
  discoverScenes,
  sceneIdFromPath,
  sceneIdFromUrl,
} from '../src/world';
import { sceneRegistry } from '../src/scenes';

const fixtures = () =>
  discoverScenes(import.meta.glob('./fixtures/scenes/*/meta.ts', { eager: true }), import.meta.glob('./fixtures/scenes/*/index.tsx'));

describe('discoverScenes on fixtures', () => {
  it('lists valid title cards and reports broken or incomplete folders', () => {
    const reg = fixtures();
    expect(reg.listScenes().map((s) => s.id)).toEqual(['broken-bias', 'good-garden']);
    expect(reg.listScenes().find((s) => s.id === 'good-garden')).toEqual({
      id: 'good-garden',
      title: 'Test Garden',
      description: 'A fixture scene: a lawn with a pond.',
    });
    const problems = reg.problems().map((p) => p.message).sort();
    expect(problems).toEqual([
      'Scene "broken-meta": title: expected a non-empty string, got nothing',
      'Scene "no-meta": meta.ts: expected a title card (export default defineSceneMeta({ id, title, description })), got nothing',
    ]);
    expect(reg.hasScene('broken-meta')).toBe(false);
    expect(reg.defaultSceneId()).toBe('broken-bias');
  });

  it('loads, validates and builds the good fixture, with a navmesh that routes around its pond', async () => {
    const reg = fixtures();
    const progress = createLoadProgress();
    const scene = await reg.loadScene('good-garden', progress);
    expect(scene.manifest.title).toBe('Test Garden');
    expect(scene.geometry.walkable).toHaveLength(1);
    expect(progress.getState().stages.assets).toMatchObject({ status: 'done', fraction: 1 });
    const nav = await buildSceneNavMesh(scene, progress);
    try {
      const path = nav.findPath([-5, 0, 0], [5, 0, 0]);
      expect(path).not.toBeNull();
      // The pond (3 m wide at the origin) is in the way: the path bends around it.
      expect(path!.length).toBeGreaterThan(2);
      expect(path!.some((p) => Math.abs(p[2]) > 1.5)).toBe(true);
    } finally {
      nav.dispose();
    }
  });

  it('rejects a broken manifest with an error naming the scene, the field and what was expected', async () => {
    const reg = fixtures();
    const progress = createLoadProgress();
    const err = await reg.loadScene('broken-bias', progress).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SceneManifestError);
    const e = err as SceneManifestError;
    expect(e.message).toBe('Scene "broken-bias": npcs[0].persona.biases.tour: expected a number in [0, 4], got "high"');
    expect(e.sceneId).toBe('broken-bias');
    expect(e.path).toBe('npcs[0].persona.biases.tour');
    expect(e.expected).toBe('a number in [0, 4]');
    expect(e.received).toBe('"high"');
    // Loading the broken-meta scene reports its title-card problem, not "unknown".
    await expect(reg.loadScene('broken-meta')).rejects.toThrow('Scene "broken-meta": title: expected a non-empty string, got nothing');
  });

  it('names the available scenes for an unknown id', async () => {
    const err = await fixtures().loadScene('nowhere').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnknownSceneError);
    expect((err as Error).message).toBe('Unknown scene "nowhere": available scenes are "broken-bias", "good-garden"');
  });

  it('wraps a failing chunk import and a throwing geometry() in SceneLoadError', async () => {
    const meta = (id: string) => ({ default: { id, title: id, description: 'x' } });
    const reg = discoverScenes(
      { './offline/meta.ts': meta('offline'), './bad-geo/meta.ts': meta('bad-geo') },
      {
        './offline/index.tsx': () => Promise.reject(new Error('Failed to fetch dynamically imported module')),
        './bad-geo/index.tsx': async () => {
          const good = (await import('./fixtures/scenes/good-garden/index')).default;
          return { default: { ...good, id: 'bad-geo', geometry: () => { throw new Error('boom'); } } };
        },
      },
    );
    await expect(reg.loadScene('offline')).rejects.toThrow(SceneLoadError);
    await expect(reg.loadScene('offline')).rejects.toThrow('Scene "offline": its code failed to load: Failed to fetch dynamically imported module');
    await expect(reg.loadScene('bad-geo')).rejects.toThrow('Scene "bad-geo": geometry() threw: boom');
  });

  it('checks what geometry() returns', async () => {
    const good = (await import('./fixtures/scenes/good-garden/index')).default;
    const reg = discoverScenes(
      { './empty/meta.ts': { default: { id: 'empty', title: 'E', description: 'x' } } },
      { './empty/index.tsx': async () => ({ default: { ...good, id: 'empty', geometry: () => ({ walkable: [{ not: 'a mesh' }] }) } }) },
    );
    await expect(reg.loadScene('empty')).rejects.toThrow('Scene "empty": geometry().walkable[0]: expected a three.js Object3D (e.g. a Mesh), got {"not":"a mesh"}');
  });
});

describe('scene ids from paths and URLs', () => {
  it('takes the folder name and skips shared folders', () => {
    expect(sceneIdFromPath('./plaza/meta.ts')).toBe('plaza');
    expect(sceneIdFromPath('/src/scenes/museum/index.tsx')).toBe('museum');
    expect(sceneIdFromPath('./_shared/meta.ts')).toBeNull();
  });
  it('reads ?scene=', () => {
    expect(sceneIdFromUrl('?scene=museum&debug=1')).toBe('museum');
    expect(sceneIdFromUrl('?debug=1')).toBeNull();
    expect(sceneIdFromUrl('?scene=')).toBeNull();
  });
});

describe('the build registry (src/scenes)', () => {
  it('discovers the shipped scenes with no problems, plaza first', () => {
    expect(sceneRegistry.problems()).toEqual([]);
    expect(sceneRegistry.listScenes().map((s) => s.id)).toEqual(['plaza', 'museum', 'classroom']);
    expect(sceneRegistry.defaultSceneId()).toBe('plaza');
  });
});
