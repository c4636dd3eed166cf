import { useCallback, useEffect, useMemo, useRef } from 'react';
import { Canvas } from '@react-three/fiber';
import { XR, XROrigin, type XRStore } from '@react-three/xr';
import type { Group, Vector3 } from 'three';
import type { System } from '../core/systems-runner';
import { createFlatInputState } from './controls/flat-input';
import { createHudElements, createHudSystem, type HudDrawable } from './hud/hud-system';
import { Hud } from './hud/Hud';
import { PlaceholderScene } from './PlaceholderScene';
import { SystemsFrame } from './SystemsFrame';
import { XrHudPanel } from './xr/XrHudPanel';
import { XrLocomotion } from './xr/XrLocomotion';
import { XrSessionBridge } from './xr/XrSessionBridge';
import { detectXrSupport, loadBackend, startMicIfWanted } from './boot';
import { teleportRig } from './systems';
import { useAppStore } from './store';
import type { Runtime } from './runtime';

/** The event dispatched on `window` once the scene is loaded and interactive. */
export const READY_EVENT = 'metaverse:ready';

/** Props of the app shell. */
export interface AppProps {
  runtime: Runtime;
  xrStore: XRStore;
  /** The page's query string (`?scene=`, `?backend=`). */
  search: string;
}

/** The app shell: canvas + XR, the systems runner, the scene, the HUD; runs the loading sequence. */
export function App({ runtime, xrStore, search }: AppProps) {
  const store = runtime.store;
  const flatInput = useMemo(createFlatInputState, []);
  const elements = useMemo(createHudElements, []);
  const drawables = useMemo(() => new Set<HudDrawable>(), []);
  const views = useMemo<System[]>(() => [createHudSystem(runtime, elements, drawables)], [runtime, elements, drawables]);
  const pipeline = useMemo<System[]>(() => [], []);
  const origin = useRef<Group>(null);
  const mode = useAppStore(store, (s) => s.mode);
  const loadingDone = useAppStore(store, (s) => s.loading.progress >= 1);
  const smooth = useAppStore(store, (s) => s.settings.smoothLocomotion);
  const talkMode = useAppStore(store, (s) => s.settings.talkMode);
  const talking = useAppStore(store, (s) => s.talking);
  const framesAfterLoad = useRef(0);

  useEffect(() => {
    let cancelled = false;
    (async () => {
      const { setLoading, setScene } = store.getState();
      void detectXrSupport(runtime);
      startMicIfWanted(runtime);
      await loadBackend(runtime, search);
      if (cancelled) return;
      setLoading(0.8, 'loading the scene');
      setScene('placeholder');
      setLoading(1, 'ready');
    })();
    return () => {
      cancelled = true;
    };
  }, [runtime, store, search]);

  useEffect(() => {
    runtime.voice.setListening(talkMode === 'always' || talking);
  }, [runtime, talkMode, talking]);

  const onFrame = useCallback(() => {
    if (!loadingDone || store.getState().ready) return;
    // Two frames after loading: the scene has been rendered at least once.
    if (++framesAfterLoad.current >= 2) {
      store.getState().setReady(true);
      window.dispatchEvent(new Event(READY_EVENT));
    }
  }, [loadingDone, store]);

  const onTeleport = useCallback((point: Vector3) => teleportRig(runtime, point), [runtime]);
  const onMicToggle = useCallback(() => {
    const on = runtime.voice.state === 'live' || runtime.voice.state === 'requesting';
    store.getState().updateSettings({ micEnabled: !on });
    if (on) runtime.voice.stop();
    else void runtime.voice.start();
  }, [runtime, store]);

  return (
    <>
      <Canvas camera={{ position: [0, 1.6, 3], fov: 70, near: 0.05, far: 200 }} gl={{ antialias: true }} style={{ position: 'fixed', inset: 0 }}>
        <XR store={xrStore}>
          <XROrigin ref={origin} />
          <PlaceholderScene onTeleport={onTeleport} />
          <SystemsFrame runtime={runtime} flatInput={flatInput} origin={origin} pipeline={pipeline} views={views} onFrame={onFrame} />
          <XrSessionBridge runtime={runtime} />
          {mode !== 'flat' && <XrLocomotion runtime={runtime} smooth={smooth} />}
          {mode !== 'flat' && <XrHudPanel drawables={drawables} />}
        </XR>
      </Canvas>
      <Hud runtime={runtime} xrStore={xrStore} elements={elements} flatInput={flatInput} onMicToggle={onMicToggle} />
      {!loadingDone && <LoadingBar runtime={runtime} />}
    </>
  );
}

/** Minimal loading bar until the scenes layer's LoadingScreen is wired. */
function LoadingBar({ runtime }: { runtime: Runtime }) {
  const loading = useAppStore(runtime.store, (s) => s.loading);
  return (
    <div className="mv-loading" role="progressbar" aria-valuenow={Math.round(loading.progress * 100)}>
      <progress max={1} value={loading.progress} />
      <span>{loading.label}…</span>
    </div>
  );
}
