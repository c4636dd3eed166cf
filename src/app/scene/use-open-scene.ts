import { useEffect, useState } from 'react';
import type { LoadProgress } from '../../world';
import { openScene, type OpenedScene } from './open-scene';

/** What `useOpenScene` returns: the opened scene, or the error to show, or neither while loading. */
export interface OpenSceneState {
  /** Set once the scene (and, if it built, its navmesh) is ready. */
  opened: OpenedScene | null;
  /** What `openScene` threw (show it with `<SceneErrorView/>`). */
  error: unknown;
  /** The id this state is about. */
  sceneId: string | null;
}

/**
 * Opens scene `id` (reset `progress`, load, build the navmesh) whenever `id` changes; disposes the
 * previous scene's navmesh when it is replaced or the component unmounts (deferred a task, so
 * NPC crowds using it are disposed first in their own effect cleanups). `null` opens nothing.
 */
export function useOpenScene(id: string | null, progress: LoadProgress): OpenSceneState {
  const [state, setState] = useState<OpenSceneState>({ opened: null, error: null, sceneId: null });
  useEffect(() => {
    if (!id) return;
    let cancelled = false;
    let mine: OpenedScene | null = null;
    progress.reset();
    setState({ opened: null, error: null, sceneId: id });
    openScene(id, progress).then(
      (opened) => {
        mine = opened;
        if (cancelled) opened.nav?.dispose();
        else setState({ opened, error: null, sceneId: id });
      },
      (error: unknown) => {
        if (!cancelled) setState({ opened: null, error, sceneId: id });
      },
    );
    return () => {
      cancelled = true;
      // After this commit's other cleanups: a crowd built on the navmesh must be freed first.
      const nav = mine?.nav;
      if (nav) setTimeout(() => nav.dispose(), 0);
    };
  }, [id, progress]);
  return state;
}
