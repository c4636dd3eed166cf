// `npm run new-scene -- <id>` writes a scene folder that the registry discovers, validates and
// builds a navmesh for; bad and duplicate ids fail with clear messages.
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NewSceneError, createSceneFolder, toSceneId } from '../scripts/new-scene';
import { buildSceneNavMesh, discoverScenes } from '../src/world';

const root = resolve(__dirname, '..');
// Inside the repo so Vite transforms the generated TSX; removed afterwards.
const outDir = join(root, 'tests', '.generated-scenes', `run-${process.pid}`);
afterAll(() => rmSync(join(root, 'tests', '.generated-scenes'), { recursive: true, force: true }));

describe('createSceneFolder', () => {
  it('writes a scene that discovers, validates and builds a navmesh', async () => {
    const files = createSceneFolder('rose-garden', { scenesDir: outDir, srcDir: join(root, 'src') });
    expect(files.map((f) => f.slice(outDir.length + 1)).sort()).toEqual([
      'rose-garden/Environment.tsx',
      'rose-garden/geometry.ts',
      'rose-garden/index.tsx',
      'rose-garden/meta.ts',
    ]);
    const meta = await import(/* @vite-ignore */ join(outDir, 'rose-garden', 'meta.ts'));
    const reg = discoverScenes({ './rose-garden/meta.ts': meta }, { './rose-garden/index.tsx': () => import(/* @vite-ignore */ join(outDir, 'rose-garden', 'index.tsx')) });
    expect(reg.problems()).toEqual([]);
    expect(reg.listScenes()).toEqual([{ id: 'rose-garden', title: 'Rose Garden', description: 'Describe in one sentence what this scene is for.' }]);
    const scene = await reg.loadScene('rose-garden');
    const nav = await buildSceneNavMesh(scene);
    try {
      expect(nav.findPath(scene.manifest.spawn.position, scene.manifest.pois[0].position, 2)).not.toBeNull();
    } finally {
      nav.dispose();
    }
  });

  it('rejects a bad id with a suggestion, and a taken one', () => {
    expect(() => createSceneFolder('Rose Garden', { scenesDir: outDir })).toThrow(new NewSceneError('Scene id "Rose Garden" is not valid: use kebab-case (a-z, 0-9 and -, starting with a letter), e.g. "rose-garden".'));
    expect(() => createSceneFolder('_shared', { scenesDir: outDir })).toThrow(/Scene id "_shared" is not valid/);
    expect(() => createSceneFolder('plaza')).toThrow(/^Scene "plaza" already exists at .*src\/scenes\/plaza\/: pick another id\.$/);
    expect(() => createSceneFolder('')).toThrow('Usage: npm run new-scene -- <id>');
    expect(toSceneId('  3 Rose  Garden! ')).toBe('rose-garden');
  });

  it('the CLI exits 1 with the message for a duplicate id', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/new-scene.ts', '--', 'museum'], { cwd: root, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('new-scene: Scene "museum" already exists at src/scenes/museum/: pick another id.');
    expect(existsSync(join(root, 'src', 'scenes', 'museum', 'index.tsx'))).toBe(true);
  });
});
