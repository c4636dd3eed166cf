/**
 * The scenes this build contains, discovered from the folders under src/scenes/ (a folder with
 * `meta.ts` and `index.tsx`; `_`-prefixed folders hold shared code). Title cards load eagerly and
 * are tiny; each scene's code is its own chunk, imported only when the scene opens.
 */
import { discoverScenes } from '../world/registry';

/** Every scene folder in this build. */
export const sceneRegistry = discoverScenes(
  import.meta.glob('./*/meta.ts', { eager: true }),
  import.meta.glob('./*/index.tsx'),
  { order: ['plaza', 'museum', 'classroom'] },
);

/** Valid scenes' title cards (see `SceneRegistry.listScenes`). */
export const listScenes = () => sceneRegistry.listScenes();
/** Loads one scene's chunk, validates and builds it (see `SceneRegistry.loadScene`). */
export const loadScene: typeof sceneRegistry.loadScene = (id, progress) => sceneRegistry.loadScene(id, progress);
