/**
 * The runtime: everything that changes per frame lives here as plain mutable objects (no React
 * state): the visitor's rig, sensor streams, XR input, percepts, frame statistics. Components and
 * systems read and mutate it; the app store holds only the rare state.
 */
import type { StoreApi } from 'zustand/vanilla';
import { Vector3 } from 'three';
import type { Pose, Vec3 } from '../core/types';
import type { SystemStats } from '../core/systems-runner';
import { createMotionBuffer, type MotionBuffer } from '../sensors/motion/motion-buffer';
import { createVoiceStream, type VoiceStream } from '../sensors/audio/voice-stream';
import { createCameraStream, type CameraStream } from '../sensors/camera/camera-stream';
import { createPerceptLog, type PerceptLog } from './percept-log';
import { createFrameStats, type FrameStats } from './frame-stats';
import type { AppState } from './store';
import type { NpcAction } from '../agents/npc-world';

/** A tracked pose slot written in place each frame. */
export interface PoseSlot {
  tracked: boolean;
  pose: Pose;
}

/** XR (or flat-mode stand-in) input seen by the app. */
export interface InputState {
  /** Head pose in local-floor space. */
  head: PoseSlot;
  /** Left controller target ray (or wrist) in local-floor space. */
  left: PoseSlot;
  /** Right controller target ray (or wrist; the mouse ray in flat mode) in local-floor space. */
  right: PoseSlot;
  /** Completed selects (trigger presses, or clicks in flat mode) per hand. */
  selectCount: { left: number; right: number };
  /** The last select, with its time on the shared clock. */
  lastSelect: { hand: 'left' | 'right'; t: number } | null;
  /** Frames rendered inside the current/last XR session. */
  xrFrames: number;
}

/** The visitor's rig: where their local-floor origin is in the world, and flat-mode look angles. */
export interface UserRig {
  /** World position of the local-floor origin (the feet in flat mode). */
  position: Vector3;
  /** Yaw of the local-floor origin in the world (radians; snap turn changes it). */
  yaw: number;
  /** Flat mode: head yaw relative to the origin (mouse-look), radians. */
  lookYaw: number;
  /** Flat mode: head pitch, radians. */
  lookPitch: number;
  /** World view direction of the head (unit, with pitch), updated each frame. */
  gazeWorld: Vector3;
  /** Flat mode: eye height above the floor, metres. */
  eyeHeight: number;
  /** World position of the head, updated each frame. */
  headWorld: Vector3;
  /** World forward (unit, horizontal) of the head, updated each frame. */
  forwardWorld: Vector3;
}

/** A read-only NPC snapshot for the HUD and the automation view. */
export interface NpcSnapshot {
  id: string;
  name: string;
  position: Vec3;
  goal: string;
  saying: string | null;
  /** Body yaw (rad; facing (-sin yaw, 0, -cos yaw)) and head yaw relative to the body. */
  yaw: number;
  headYaw: number;
  /** What the NPC looks at (world position), or null. */
  lookTarget: Vec3 | null;
  /** Walking speed (m/s). */
  speed: number;
  /** The user the current goal is about, or null. */
  goalUser: string | null;
}

/** Everything per-frame the app owns. */
export interface Runtime {
  store: StoreApi<AppState>;
  rig: UserRig;
  input: InputState;
  motion: MotionBuffer;
  voice: VoiceStream;
  camera: CameraStream;
  /** Fused percepts (what NPCs receive), the last 50: what the automation view shows. */
  percepts: PerceptLog;
  /** Raw percepts from recognisers and the command buttons; fusion turns them into `percepts`. */
  rawPercepts: PerceptLog;
  /** Whether a scene's fusion stage consumes `rawPercepts` (else they pass straight to `percepts`). */
  fusionActive: boolean;
  frameStats: FrameStats;
  /** The systems runner's live per-system timings (set by SystemsFrame). */
  systemStats: readonly SystemStats[];
  /** Replaced by the NPC world when a scene with NPCs loads; returns [] until then. */
  npcs: () => NpcSnapshot[];
  /**
   * Dev/test instrumentation (src/app/timeline.ts): told of every NPC action (goal, line, gesture,
   * move, look) when set before a scene session starts; null otherwise (production).
   */
  onNpcAction: ((npcId: string, action: NpcAction) => void) | null;
}

const newSlot = (): PoseSlot => ({ tracked: false, pose: { p: [0, 0, 0], q: [0, 0, 0, 1] } });

/** Create the runtime; streams are created but not started. */
export function createRuntime(store: StoreApi<AppState>, workletUrl: string): Runtime {
  const { setMic, setCamera } = store.getState();
  const percepts = createPerceptLog(50);
  const rawPercepts = createPerceptLog(50);
  const runtime: Runtime = {
    store,
    rig: {
      position: new Vector3(0, 0, 3),
      yaw: 0,
      lookYaw: 0,
      lookPitch: 0,
      eyeHeight: 1.6,
      headWorld: new Vector3(0, 1.6, 3),
      forwardWorld: new Vector3(0, 0, -1),
      gazeWorld: new Vector3(0, 0, -1),
    },
    input: { head: newSlot(), left: newSlot(), right: newSlot(), selectCount: { left: 0, right: 0 }, lastSelect: null, xrFrames: 0 },
    motion: createMotionBuffer(),
    voice: createVoiceStream({ workletUrl, onStateChange: (s, why) => setMic(s, why) }),
    camera: createCameraStream({ onStateChange: (s, why) => setCamera(s, why) }),
    percepts,
    rawPercepts,
    fusionActive: false,
    frameStats: createFrameStats(),
    systemStats: [],
    npcs: () => [],
    onNpcAction: null,
  };
  // Without a scene (still loading, or it failed) percepts are logged unfused.
  rawPercepts.subscribe((p) => {
    if (!runtime.fusionActive) percepts.emit(p);
  });
  return runtime;
}
