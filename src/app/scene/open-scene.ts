/**
 * Opens a scene for the runtime: load its chunk and geometry, then build its navmesh, reporting
 * both into one progress store. A navmesh failure is reported and tolerated (NPCs then move
 * kinematically and teleport is unclamped); a manifest or load failure throws for
 * `<SceneErrorView/>`.
 */
import { sceneRegistry } from '../../scenes';
import { buildSceneNavMesh, type LoadProgress, type LoadedScene, type SceneNavMesh, type SceneRegistry } from '../../world';

/** A scene ready to mount. */
export interface OpenedScene {
  scene: LoadedScene;
  /** `null` when the navmesh could not be built (reported in `progress`). */
  nav: SceneNavMesh | null;
}

/**
 * Loads scene `id` and builds its navmesh.
 * @throws UnknownSceneError, SceneManifestError or SceneLoadError (show them with `<SceneErrorView/>`).
 */
export async function openScene(id: string, progress?: LoadProgress, registry: SceneRegistry = sceneRegistry): Promise<OpenedScene> {
  let scene: LoadedScene;
  try {
    scene = await registry.loadScene(id, progress);
  } catch (e) {
    progress?.fail('assets', e);
    throw e;
  }
  let nav: SceneNavMesh | null = null;
  try {
    nav = await buildSceneNavMesh(scene, progress);
  } catch (e) {
    progress?.fail('navmesh', e);
  }
  return { scene, nav };
}

/** `?scene=<id>` link to scene `id`, keeping the page's other query parameters. */
export function sceneHref(id: string, search: string = typeof location === 'undefined' ? '' : location.search): string {
  const params = new URLSearchParams(search);
  params.set('scene', id);
  return `?${params.toString()}`;
}
