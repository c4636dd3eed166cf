/** Scene UI the runtime mounts: environment, loading screen, pickers, error view. */
export * from './LoadingScreen';
export * from './SceneEnvironment';
export * from './SceneErrorView';
export * from './ScenePicker';
export * from './XRScenePicker';
export * from './label-texture';
export * from './open-scene';
export * from './use-open-scene';
