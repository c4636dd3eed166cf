/**
 * Types that cross layer boundaries. Platform-free: no three.js, React or tfjs.
 * Times are seconds on the one clock of `core/clock.ts`; positions are metres in the
 * WebXR `local-floor` space (y up, the user first faces -z).
 */

/** A 3-vector `[x, y, z]`. */
export type Vec3 = [number, number, number];
/** A quaternion `[x, y, z, w]` (three.js order). */
export type Quat = [number, number, number, number];

/** A pose: position and orientation. */
export interface Pose {
  p: Vec3;
  q: Quat;
}

/** One motion sample: head and both controllers' target-ray poses (or wrists); `null` when untracked. */
export interface MotionFrame {
  t: number;
  head: Pose | null;
  left: Pose | null;
  right: Pose | null;
}

/** Voice command labels of PERCEPTION.md, in model output order. */
export const VOICE_LABELS = [
  'hello',
  'follow_me',
  'stop',
  'come_here',
  'go_away',
  'yes',
  'no',
  'next',
  'tell_me_more',
  'help',
  'unknown',
  'silence',
] as const;
/** A voice label. */
export type VoiceLabel = (typeof VOICE_LABELS)[number];
/** Voice labels that are not commands. */
export const VOICE_NON_COMMANDS: readonly VoiceLabel[] = ['unknown', 'silence'];

/** Gesture labels of PERCEPTION.md, in model output order. */
export const GESTURE_LABELS = ['wave', 'beckon', 'point', 'push', 'nod', 'shake', 'none'] as const;
/** A gesture label. */
export type GestureLabel = (typeof GESTURE_LABELS)[number];
/** Gesture labels that are not gestures. */
export const GESTURE_NON_COMMANDS: readonly GestureLabel[] = ['none'];

/** What a percept is about. */
export type PerceptKind = 'speech' | 'gesture' | 'attention' | 'affect';

/** What a percept is directed at, when fusion could tell. */
export type PerceptTarget =
  | { type: 'npc'; id: string }
  | { type: 'poi'; id: string }
  | { type: 'point'; position: Vec3 };

/** A perception output: one utterance, gesture, attention shift or affect reading. */
export interface Percept {
  /** Seconds on the shared clock when the event ended (was recognised). */
  t: number;
  kind: PerceptKind;
  /** A `VoiceLabel`, a `GestureLabel`, `'look'`/`'point'` for attention, or an affect label. */
  label: string;
  /** In [0, 1]. */
  confidence: number;
  /** The user id the percept comes from. */
  source: string;
  target?: PerceptTarget;
}

/** The local visitor's user id. */
export const LOCAL_USER_ID = 'local';
