import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Canvas } from '@react-three/fiber';
import { TeleportTarget, XR, XROrigin, type XRStore } from '@react-three/xr';
import type { Group, Vector3 } from 'three';
import type { System } from '../core/systems-runner';
import { createFlatInputState } from './controls/flat-input';
import { createHudElements, createHudSystem, type HudDrawable } from './hud/hud-system';
import { Hud } from './hud/Hud';
import { LoadingScreen, SceneEnvironment, SceneErrorView, XRScenePicker, openScene, sceneHref } from './scene';
import { createLoadProgress, sceneIdFromUrl } from '../world';
import { sceneRegistry } from '../scenes';
import { HudSubtitles } from './npc/HudSubtitles';
import { sessionOptionsFromUrl, startSceneSession, type SceneSession } from './scene-session';
import { loadPerceptionSystems, type PerceptionSystems } from './perception-systems';
import { NpcView } from './npc/NpcView';
import { attachNpcSpeech, createSpeech } from './npc/speech';
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
  const progress = useMemo(() => createLoadProgress(), []);
  const [session, setSession] = useState<SceneSession | null>(null);
  const [sceneError, setSceneError] = useState<unknown>(null);
  const [perception, setPerception] = useState<PerceptionSystems | null>(null);
  // Pipeline order: perception (voice, gesture) -> fusion -> cognition + agents.
  const pipeline = useMemo<System[]>(() => [...(perception?.systems ?? []), ...(session?.systems ?? [])], [perception, session]);
  const ready = useAppStore(store, (s) => s.ready);
  const origin = useRef<Group>(null);
  const mode = useAppStore(store, (s) => s.mode);
  const loadingDone = useAppStore(store, (s) => s.loading.progress >= 1);
  const smooth = useAppStore(store, (s) => s.settings.smoothLocomotion);
  const talkMode = useAppStore(store, (s) => s.settings.talkMode);
  const talking = useAppStore(store, (s) => s.talking);
  const framesAfterLoad = useRef(0);

  useEffect(() => {
    let cancelled = false;
    let opened: SceneSession | null = null;
    let models: PerceptionSystems | null = null;
    const { setLoading, setScene, reportIssue } = store.getState();
    void detectXrSupport(runtime);
    startMicIfWanted(runtime, search);
    const id = sceneIdFromUrl(search) ?? sceneRegistry.defaultSceneId();
    setScene(id);
    // The ML backend (and models) load beside the scene; either may fail on its own.
    const modelsLoaded = (async () => {
      progress.report('models', 0.1, 'starting the ML backend');
      await loadBackend(runtime, search);
      const backend = store.getState().backend;
      if (backend === 'none') {
        progress.fail('models', new Error('no tfjs backend could start; perception is off'));
        return;
      }
      models = await loadPerceptionSystems(runtime, progress);
      if (cancelled) return models.dispose();
      setPerception(models);
      const names = models.systems.map((s) => s.name.replace('perception.', ''));
      progress.complete('models', names.length ? `${names.join(' + ')} on ${backend}` : `no model loaded (tfjs on ${backend})`);
    })().catch((err: unknown) => progress.fail('models', err));
    const scene = (async () => {
      if (!id) throw new Error('this build contains no scenes (src/scenes/<id>/)');
      const o = await openScene(id, progress);
      if (cancelled) return;
      if (!o.nav) reportIssue('navmesh', `no navmesh for "${id}": ${progress.getState().stages.navmesh.detail}; walking and teleport are unclamped`);
      opened = startSceneSession(runtime, o, sessionOptionsFromUrl(search));
      // NPC lines are spoken where the browser has voices (subtitles show regardless).
      const speech = createSpeech();
      if (!speech.available) reportIssue('speech', `NPC voices off: ${speech.reason}`);
      const rig = runtime.rig;
      const offSpeech = attachNpcSpeech(opened.world, speech, { maxDistance: 12, listener: () => [rig.headWorld.x, rig.headWorld.y, rig.headWorld.z] });
      const s = opened;
      const dispose = s.dispose;
      s.dispose = () => {
        offSpeech();
        speech.dispose();
        dispose();
      };
      setSession(opened);
    })().catch((err: unknown) => {
      if (!cancelled) setSceneError(err);
    });
    void Promise.all([modelsLoaded, scene]).then(() => {
      if (!cancelled) setLoading(1, 'ready');
    });
    return () => {
      cancelled = true;
      opened?.dispose();
      models?.dispose();
    };
  }, [runtime, store, search, progress]);

  useEffect(() => {
    const listening = talkMode === 'always' || talking;
    // Releasing push-to-talk ends the utterance: decide it now rather than wait for the gate.
    if (!listening && runtime.voice.listening) perception?.flushVoice();
    runtime.voice.setListening(listening);
  }, [runtime, talkMode, talking, perception]);

  const onFrame = useCallback(() => {
    if (!loadingDone || !session || store.getState().ready) return;
    // Two frames after loading: the scene has been rendered at least once.
    if (++framesAfterLoad.current >= 2) {
      store.getState().setReady(true);
      window.dispatchEvent(new Event(READY_EVENT));
    }
  }, [loadingDone, session, store]);

  const onTeleport = useCallback(
    (point: Vector3) => {
      // Land on the navmesh's closest walkable point; ignore targets with nothing walkable near.
      if (session && !session.snapTeleport(point)) return;
      teleportRig(runtime, point);
    },
    [runtime, session],
  );
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
          {session && (
            <TeleportTarget onTeleport={onTeleport}>
              <SceneEnvironment scene={session.scene} />
            </TeleportTarget>
          )}
          {session?.world.npcs.map((npc, i) => (
            <NpcView key={npc.id} npc={npc} appearance={session.appearances[i]} />
          ))}
          <SystemsFrame
            runtime={runtime}
            flatInput={flatInput}
            origin={origin}
            pipeline={pipeline}
            views={views}
            constrain={session?.constrain}
            onFrame={onFrame}
          />
          <XrSessionBridge runtime={runtime} />
          {mode !== 'flat' && <XrLocomotion runtime={runtime} smooth={smooth} />}
          {mode !== 'flat' && <XrHudPanel drawables={drawables} />}
          {mode !== 'flat' && session && <XRScenePicker {...xrPickerPlacement(session)} currentId={session.scene.manifest.id} onPick={openSceneFromXr} />}
        </XR>
      </Canvas>
      <Hud runtime={runtime} xrStore={xrStore} elements={elements} flatInput={flatInput} onMicToggle={onMicToggle} />
      <HudSubtitles world={session?.world ?? null} />
      {!ready && !sceneError && <LoadingScreen progress={progress} title={session?.scene.manifest.title ?? 'Loading'} keepWhenFinished />}
      {sceneError !== null && <SceneErrorView error={sceneError} />}
    </>
  );
}

/** In XR, picking a scene navigates to it (the session ends with the page, as in flat mode). */
function openSceneFromXr(id: string): void {
  location.assign(sceneHref(id));
}

/** The in-world scene picker stands 1.6 m in front of the spawn, a little to the left, facing it. */
function xrPickerPlacement(session: SceneSession): { position: [number, number, number]; yaw: number } {
  const { position, yawDeg = 0 } = session.scene.manifest.spawn;
  const yaw = (yawDeg * Math.PI) / 180;
  const fx = -Math.sin(yaw);
  const fz = -Math.cos(yaw);
  // forward 1.6 m, left 0.9 m (left of forward (fx, fz) is (fz, -fx))
  return { position: [position[0] + fx * 1.6 + fz * 0.9, 1.4, position[2] + fz * 1.6 - fx * 0.9], yaw };
}
