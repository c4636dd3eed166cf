/** The world layer: scene manifests, discovery, navmeshes and load progress. */
export * from './define-scene';
export * from './load-progress';
export * from './navmesh';
export * from './registry';
export * from './scene-specs';
