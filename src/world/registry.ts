/**
 * Scene discovery. The runtime never lists scenes by hand: src/scenes/index.ts hands this module
 * two `import.meta.glob` results (eager title cards, lazy scene modules) and gets a registry back.
 * Taking the glob results as arguments keeps discovery testable in Node with fixture folders.
 */
import type { Object3D } from 'three';
import {
  SceneManifestError,
  describeValue,
  validateSceneManifest,
  validateSceneMeta,
  type LoadedScene,
  type SceneGeometry,
  type SceneMeta,
} from './define-scene';
import type { LoadProgress } from './load-progress';

/** What a picker shows about a scene (from its eager `meta.ts`, without loading its code). */
export type SceneSummary = SceneMeta;

/** `import.meta.glob('./*\/meta.ts', { eager: true })`: path -> module with a default `SceneMeta`. */
export type SceneMetaModules = Record<string, unknown>;
/** `import.meta.glob('./*\/index.tsx')`: path -> lazy import of a module whose default is a manifest. */
export type SceneModuleLoaders = Record<string, () => Promise<unknown>>;

/** Asked for a scene id that no folder provides. */
export class UnknownSceneError extends Error {
  /** The id asked for. */
  readonly sceneId: string;
  /** Ids that do exist. */
  readonly available: string[];
  constructor(sceneId: string, available: string[]) {
    super(`Unknown scene "${sceneId}": available scenes are ${available.map((a) => `"${a}"`).join(', ') || 'none'}`);
    this.name = 'UnknownSceneError';
    this.sceneId = sceneId;
    this.available = available;
  }
}

/** A scene's code failed to load or its `geometry()` threw. */
export class SceneLoadError extends Error {
  /** The scene id. */
  readonly sceneId: string;
  constructor(sceneId: string, what: string, cause: unknown) {
    super(`Scene "${sceneId}": ${what}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'SceneLoadError';
    this.sceneId = sceneId;
  }
}

/** The scenes a build contains. */
export interface SceneRegistry {
  /** Valid scenes' title cards, in `order` (see options), then by id. */
  listScenes(): SceneSummary[];
  /** Scene folders whose title card is broken or which lack `meta.ts` or `index.tsx`. */
  problems(): SceneManifestError[];
  /** Whether `id` is a listed scene. */
  hasScene(id: string): boolean;
  /** The scene to open when the URL names none. */
  defaultSceneId(): string | null;
  /**
   * Imports scene `id`'s chunk, validates its manifest and builds its geometry, reporting into
   * `progress`'s `assets` stage.
   * @throws UnknownSceneError, SceneManifestError (names the field) or SceneLoadError.
   */
  loadScene(id: string, progress?: LoadProgress): Promise<LoadedScene>;
}

/** Options of `discoverScenes`. */
export interface DiscoverScenesOptions {
  /** Scene ids listed first, in this order; the first present one is the default scene. @default [] */
  order?: string[];
}

/** The scene id of a glob path such as `./plaza/meta.ts` or `/src/scenes/plaza/index.tsx`; `null` for `_`-prefixed (shared) folders. */
export function sceneIdFromPath(path: string): string | null {
  const parts = path.split('/');
  const folder = parts[parts.length - 2];
  if (!folder || folder.startsWith('_') || folder === '.') return null;
  return folder;
}

/** The `?scene=<id>` parameter of a URL query string, or `null`. */
export function sceneIdFromUrl(search: string): string | null {
  const id = new URLSearchParams(search).get('scene');
  return id && id.trim() ? id.trim() : null;
}

const defaultOf = (mod: unknown): unknown => (mod && typeof mod === 'object' && 'default' in mod ? (mod as { default: unknown }).default : undefined);

function checkGeometry(sceneId: string, value: unknown): SceneGeometry {
  const isObj = (o: unknown): o is Object3D => !!o && typeof o === 'object' && (o as Object3D).isObject3D === true;
  const fail = (path: string, expected: string, got: unknown) => {
    throw new SceneManifestError(sceneId, [{ path, expected, received: describeValue(got) }]);
  };
  if (!value || typeof value !== 'object') fail('geometry()', '{ walkable: Object3D[], obstacles?: Object3D[] }', value);
  const g = value as SceneGeometry;
  if (!Array.isArray(g.walkable) || g.walkable.length === 0) fail('geometry().walkable', 'a non-empty array of three.js objects', g.walkable);
  g.walkable.forEach((o, i) => isObj(o) || fail(`geometry().walkable[${i}]`, 'a three.js Object3D (e.g. a Mesh)', o));
  if (g.obstacles !== undefined) {
    if (!Array.isArray(g.obstacles)) fail('geometry().obstacles', 'an array of three.js objects', g.obstacles);
    g.obstacles.forEach((o, i) => isObj(o) || fail(`geometry().obstacles[${i}]`, 'a three.js Object3D (e.g. a Mesh)', o));
  }
  return g;
}

/**
 * Builds a registry from glob results. Broken title cards do not stop the others from listing;
 * they are reported by `problems()`.
 */
export function discoverScenes(metaModules: SceneMetaModules, loaders: SceneModuleLoaders, options: DiscoverScenesOptions = {}): SceneRegistry {
  const loaderById = new Map<string, () => Promise<unknown>>();
  for (const [path, load] of Object.entries(loaders)) {
    const id = sceneIdFromPath(path);
    if (id) loaderById.set(id, load);
  }
  const summaries: SceneSummary[] = [];
  const problems: SceneManifestError[] = [];
  const metaIds = new Set<string>();
  for (const [path, mod] of Object.entries(metaModules)) {
    const id = sceneIdFromPath(path);
    if (!id) continue;
    metaIds.add(id);
    try {
      const meta = validateSceneMeta(defaultOf(mod), id);
      if (!loaderById.has(id)) {
        problems.push(new SceneManifestError(id, [{ path: 'index.tsx', expected: 'a scene module (export default defineScene({...}))', received: 'nothing' }]));
        continue;
      }
      summaries.push(meta);
    } catch (e) {
      if (e instanceof SceneManifestError) problems.push(e);
      else throw e;
    }
  }
  for (const id of loaderById.keys()) {
    if (!metaIds.has(id)) {
      problems.push(new SceneManifestError(id, [{ path: 'meta.ts', expected: 'a title card (export default defineSceneMeta({ id, title, description }))', received: 'nothing' }]));
    }
  }
  const order = options.order ?? [];
  const rank = (id: string) => (order.includes(id) ? order.indexOf(id) : order.length);
  summaries.sort((a, b) => rank(a.id) - rank(b.id) || a.id.localeCompare(b.id));
  const ids = summaries.map((s) => s.id);

  return {
    listScenes: () => summaries.slice(),
    problems: () => problems.slice(),
    hasScene: (id) => ids.includes(id),
    defaultSceneId: () => ids[0] ?? null,
    async loadScene(id, progress) {
      const load = loaderById.get(id);
      if (!load || !ids.includes(id)) {
        const problem = problems.find((p) => p.sceneId === id);
        if (problem) throw problem;
        throw new UnknownSceneError(id, ids);
      }
      progress?.report('assets', 0.1, `loading ${id}`);
      let mod: unknown;
      try {
        mod = await load();
      } catch (e) {
        throw new SceneLoadError(id, 'its code failed to load', e);
      }
      progress?.report('assets', 0.6, 'checking manifest');
      const manifest = validateSceneManifest(defaultOf(mod), id);
      progress?.report('assets', 0.7, 'building geometry');
      let raw: unknown;
      try {
        raw = manifest.geometry();
      } catch (e) {
        throw new SceneLoadError(id, 'geometry() threw', e);
      }
      const geometry = checkGeometry(id, raw);
      progress?.complete('assets', manifest.title);
      return { manifest, geometry };
    },
  };
}
