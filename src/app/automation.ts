/**
 * The automation view for dev and test builds: `window.metaverse.getState()` returns a read-only
 * snapshot (a fresh plain object each call) of what the app is doing. It never drives the app.
 * main.tsx imports this module only when `import.meta.env.MODE !== 'production'`.
 */
import type { Percept, Vec3 } from '../core/types';
import type { Runtime, NpcSnapshot } from './runtime';
import type { AppMode } from './store';
import type { MediaState } from '../sensors/media-state';
import { installTimeline, type TimelineSnapshot } from './timeline';

/** What `window.metaverse.getState()` returns. */
export interface MetaverseSnapshot {
  ready: boolean;
  mode: AppMode;
  sceneId: string | null;
  backend: string;
  /** Each model's first inference behind the loading bar, ms (null: not run, or the model is off). */
  modelWarmupMs: { voice: number | null; gesture: number | null };
  user: { position: Vec3; forward: Vec3; head: Vec3 };
  npcs: NpcSnapshot[];
  /** The last 50 percepts, oldest first. */
  percepts: Percept[];
  sensors: {
    mic: MediaState;
    micReason: string;
    /** The AudioContext rate the worklet resamples from. */
    micInputRate: number;
    /** Log-mel frames written so far. */
    melFrames: number;
    /** Chunks of 16 kHz audio received from the worklet. */
    audioChunks: number;
    gateOpen: boolean;
    gateOpenCount: number;
    /** Someone seems to talk too quietly for the voice gate; the HUD says so. */
    faintSpeech: boolean;
    listening: boolean;
    camera: MediaState;
    cameraFrames: number;
    /** Motion frames written so far. */
    motionFrames: number;
  };
  xr: {
    frames: number;
    head: { position: Vec3; quaternion: [number, number, number, number] } | null;
    left: { position: Vec3; quaternion: [number, number, number, number] } | null;
    right: { position: Vec3; quaternion: [number, number, number, number] } | null;
    selectCount: { left: number; right: number };
    lastSelect: { hand: 'left' | 'right'; t: number } | null;
  };
  /** Median frame time over the last 120 frames, ms. */
  frameMs: number;
  /** Per-system average update time (ms, moving average) and run count, in runner order. */
  systems: { name: string; avgMs: number; runs: number }[];
  /** Subsystems that are off and why. */
  issues: { key: string; message: string }[];
  settings: { talkMode: string; micEnabled: boolean; smoothLocomotion: boolean };
}

declare global {
  interface Window {
    /** Dev/test automation view (absent in production builds). */
    metaverse?: {
      getState(): MetaverseSnapshot;
      /** When percepts and NPC actions happened and the mic's recent frame energies (src/app/timeline.ts). */
      timeline(): TimelineSnapshot;
    };
  }
}

const r3 = (x: number) => Math.round(x * 1000) / 1000;
const vec = (v: { x: number; y: number; z: number }): Vec3 => [r3(v.x), r3(v.y), r3(v.z)];
const slot = (s: Runtime['input']['head']) =>
  s.tracked ? { position: s.pose.p.map(r3) as Vec3, quaternion: s.pose.q.map(r3) as [number, number, number, number] } : null;

/** Build a snapshot of `runtime`. */
export function snapshot(runtime: Runtime): MetaverseSnapshot {
  const s = runtime.store.getState();
  const { rig, input, voice, camera } = runtime;
  return {
    ready: s.ready,
    mode: s.mode,
    sceneId: s.sceneId,
    backend: s.backend,
    modelWarmupMs: { ...s.modelWarmupMs },
    user: { position: [r3(rig.headWorld.x), r3(rig.position.y), r3(rig.headWorld.z)], forward: vec(rig.forwardWorld), head: vec(rig.headWorld) },
    npcs: runtime.npcs().map((n) => ({ ...n, position: [...n.position] as Vec3 })),
    percepts: runtime.percepts.recent().map((p) => ({ ...p })),
    sensors: {
      mic: s.mic.state,
      micReason: s.mic.reason,
      micInputRate: voice.inputRate,
      melFrames: voice.buffer.written,
      audioChunks: voice.chunks,
      gateOpen: voice.gate.isOpen,
      gateOpenCount: voice.gateOpenCount,
      faintSpeech: voice.faintSpeech,
      listening: voice.listening,
      camera: s.camera.state,
      cameraFrames: camera.buffer.written,
      motionFrames: runtime.motion.buffer.written,
    },
    xr: {
      frames: input.xrFrames,
      head: slot(input.head),
      left: slot(input.left),
      right: slot(input.right),
      selectCount: { ...input.selectCount },
      lastSelect: input.lastSelect ? { ...input.lastSelect } : null,
    },
    frameMs: r3(runtime.frameStats.median()),
    systems: runtime.systemStats.map((st) => ({ name: st.name, avgMs: r3(st.avgMs), runs: st.runs })),
    issues: s.issues.map((i) => ({ ...i })),
    settings: { ...s.settings },
  };
}

/** Install `window.metaverse`. */
export function installAutomation(runtime: Runtime): void {
  const timeline = installTimeline(runtime);
  window.metaverse = Object.freeze({ getState: () => snapshot(runtime), timeline: () => timeline.snapshot() });
}
