/**
 * Voice-activity gate over log-mel frames: tells perception when someone is speaking so the voice
 * model runs only around utterances. Frame energy (dB) is compared with an adaptive noise floor;
 * the gate opens after `attackSec` above `openDb` and closes after `releaseSec` (hangover) below
 * `closeDb`, so the pauses between the words of "tell me more" do not split it. Allocation-free
 * per frame; the same code runs in the browser and in Node (training data, eval).
 */
import { LOG_MEL } from './log-mel';

/** Options of `createVoiceActivityGate`. */
export interface VoiceActivityGateOptions {
  /**
   * dB above the noise floor a frame needs to count as voiced while the gate is closed.
   * @default 9
   */
  openDb?: number;
  /**
   * dB above the noise floor a frame needs to keep the gate open (lower than `openDb`: hysteresis).
   * @default 5
   */
  closeDb?: number;
  /**
   * Seconds of consecutive voiced frames before the gate opens (rejects clicks).
   * @default 0.04
   */
  attackSec?: number;
  /**
   * Seconds of consecutive unvoiced frames before the gate closes (hangover across word gaps).
   * @default 0.3
   */
  releaseSec?: number;
  /**
   * Seconds for the noise floor to rise by a factor e toward louder background (slow, so speech
   * does not pull the floor up); it falls to quieter frames quickly.
   * @default 2
   */
  floorRiseSec?: number;
  /**
   * Seconds constant for the noise floor falling toward quieter frames.
   * @default 0.05
   */
  floorFallSec?: number;
  /**
   * Lowest noise floor in dB (of summed mel power), so digital silence followed by faint hiss does
   * not open the gate. The log-mel of a full-scale signal sums to roughly +60 dB; -10 dB is very quiet.
   * @default -10
   */
  minFloorDb?: number;
  /**
   * Longest an utterance may keep the gate open; past it the gate closes and takes the current
   * level as the new floor (a fan switched on, music started).
   * @default 4
   */
  maxOpenSec?: number;
  /**
   * Seconds after `reset()` during which the floor only learns and the gate stays shut.
   * @default 0.1
   */
  warmupSec?: number;
}

/** A voice-activity gate fed one log-mel frame at a time. */
export interface VoiceActivityGate {
  /** Feed the log-mel frame (natural-log mel energies) stamped `t` seconds; returns whether the gate is open. */
  update(logMelFrame: ArrayLike<number>, t: number): boolean;
  /** Whether speech is in progress. */
  readonly isOpen: boolean;
  /** Time of the first voiced frame of the current (or last) utterance; -Infinity before any. */
  readonly openedAt: number;
  /** Time the gate last closed (the last voiced frame's time plus the hangover); -Infinity before any. */
  readonly closedAt: number;
  /** Time of the last frame above the close threshold while open (where speech probably ended). */
  readonly lastVoicedAt: number;
  /** Current noise floor estimate, dB. */
  readonly noiseFloorDb: number;
  /** Energy of the last frame, dB. */
  readonly energyDb: number;
  /** dB above the floor a frame needs to open the gate (its `openDb` option). */
  readonly openDb: number;
  /** Lowest noise floor, dB (its `minFloorDb` option). */
  readonly minFloorDb: number;
  /** Forget the floor and close the gate. */
  reset(): void;
}

const TEN_OVER_LN10 = 10 / Math.LN10;
/** Defaults of the gate's `openDb` and `minFloorDb`, shared with the faint-speech monitor. */
const DEFAULT_OPEN_DB = 9;
const DEFAULT_MIN_FLOOR_DB = -10;
/** Slack on time comparisons: frame times computed in different ways (whole file vs chunked
 * stream) differ in the last bits, and a hangover of exactly N frames must end on the same frame. */
const EPS = 1e-6;

/** Energy of a natural-log mel frame in dB (10·log10 of the summed mel power). */
export function logMelFrameEnergyDb(frame: ArrayLike<number>): number {
  // Log-sum-exp, stable for any range of log energies.
  let max = -Infinity;
  for (let i = 0; i < frame.length; i++) if (frame[i] > max) max = frame[i];
  if (!Number.isFinite(max)) return -200;
  let sum = 0;
  for (let i = 0; i < frame.length; i++) sum += Math.exp(frame[i] - max);
  return (max + Math.log(sum)) * TEN_OVER_LN10;
}

/** Create a `VoiceActivityGate`. */
export function createVoiceActivityGate(options: VoiceActivityGateOptions = {}): VoiceActivityGate {
  const openDb = options.openDb ?? DEFAULT_OPEN_DB;
  const closeDb = options.closeDb ?? 5;
  const attackSec = options.attackSec ?? 0.04;
  const releaseSec = options.releaseSec ?? 0.3;
  const floorRiseSec = options.floorRiseSec ?? 2;
  const floorFallSec = options.floorFallSec ?? 0.05;
  const minFloorDb = options.minFloorDb ?? DEFAULT_MIN_FLOOR_DB;
  const warmupSec = options.warmupSec ?? 0.1;
  const maxOpenSec = options.maxOpenSec ?? 4;
  if (!(closeDb <= openDb)) throw new RangeError(`closeDb (${closeDb}) must not exceed openDb (${openDb})`);

  let floor = NaN;
  let energy = -200;
  let open = false;
  let openedAt = -Infinity;
  let closedAt = -Infinity;
  let lastVoiced = -Infinity;
  let runStart = NaN; // first frame of the current run of above-threshold frames while closed
  let firstT = NaN;
  let lastT = NaN;
  let smooth = 0; // energy smoothed over ~0.3 s while open

  const gate: VoiceActivityGate = {
    openDb,
    minFloorDb,
    get isOpen() {
      return open;
    },
    get openedAt() {
      return openedAt;
    },
    get closedAt() {
      return closedAt;
    },
    get lastVoicedAt() {
      return lastVoiced;
    },
    get noiseFloorDb() {
      return Number.isNaN(floor) ? minFloorDb : floor;
    },
    get energyDb() {
      return energy;
    },
    update(frame, t) {
      const e = logMelFrameEnergyDb(frame);
      energy = e;
      const dt = Number.isNaN(lastT) ? 0.01 : Math.min(Math.max(t - lastT, 0), 0.5);
      lastT = t;
      if (Number.isNaN(firstT)) firstT = t;
      if (Number.isNaN(floor)) floor = Math.max(e, minFloorDb);
      const warm = t - firstT >= warmupSec - EPS;
      const above = e - floor;

      if (!open) {
        if (warm && above > openDb) {
          if (Number.isNaN(runStart)) runStart = t;
          if (t - runStart >= attackSec - EPS) {
            open = true;
            openedAt = runStart;
            lastVoiced = t;
            smooth = e;
          }
        } else {
          runStart = NaN;
        }
      } else if (t - openedAt > maxOpenSec) {
        open = false;
        closedAt = t;
        runStart = NaN;
        floor = Math.max(floor, smooth);
      } else if (above > closeDb) {
        lastVoiced = t;
      } else if (t - lastVoiced >= releaseSec - EPS) {
        open = false;
        closedAt = t;
        runStart = NaN;
      }

      if (open) smooth += (e - smooth) * Math.min(1, dt / 0.3);
      // Track the floor: fall fast toward quieter frames, rise slowly, and not at all on frames
      // that are clearly voice (else a long sentence would lift the floor under itself).
      if (e < floor) floor += (e - floor) * Math.min(1, dt / floorFallSec);
      else if (!open && Number.isNaN(runStart)) floor += (e - floor) * Math.min(1, dt / floorRiseSec);
      else if (!open || above > closeDb) floor += (e - floor) * Math.min(1, dt / (floorRiseSec * 10));
      if (floor < minFloorDb) floor = minFloorDb;
      return open;
    },
    reset() {
      floor = NaN;
      energy = -200;
      open = false;
      openedAt = -Infinity;
      closedAt = -Infinity;
      lastVoiced = -Infinity;
      runStart = NaN;
      firstT = NaN;
      lastT = NaN;
      smooth = 0;
    },
  };
  return gate;
}

/** Energy of a digitally silent frame: every mel at the log-mel floor, in dB (-44). */
const DIGITAL_SILENCE_DB = 10 * Math.log10(LOG_MEL.nMels * LOG_MEL.floor);

/** Options of `createFaintSpeechMonitor` (the gate's, so it knows what the gate needs). */
export interface FaintSpeechMonitorOptions {
  /** The gate's `openDb` (`VoiceActivityGate.openDb`). @default the gate's default, 9 */
  openDb?: number;
  /** The gate's `minFloorDb` (`VoiceActivityGate.minFloorDb`). @default the gate's default, -10 */
  minFloorDb?: number;
  /** Seconds of speech-like energy that count as someone talking. @default 0.15 */
  runSec?: number;
  /** Seconds `faint` stays true after faint speech, unless the gate opens. @default 8 */
  holdSec?: number;
}

/** Watches for speech too quiet for the gate (see `createFaintSpeechMonitor`). */
export interface FaintSpeechMonitor {
  /** Feed each frame's energy (`logMelFrameEnergyDb`), its time, and whether the gate is open. */
  update(energyDb: number, t: number, gateOpen: boolean): void;
  /** Speech-like sound was heard lately that the gate could not open for, and it has not opened since. */
  readonly faint: boolean;
  reset(): void;
}

/**
 * Tells when someone seems to be talking but too quietly for the gate. The gate's noise floor
 * never goes below `minFloorDb`, so speech peaking under about -30 dBFS never opens it (docs/voice.md,
 * "Known weakness"); this monitor takes the room's own level as the minimum frame energy over the
 * last 2 s (minimum statistics: speech has pauses, steady noise has none to hide) and flags runs
 * of frames `openDb` above it that stay under the gate's absolute threshold, so the app can say
 * "speak up or move closer" instead of staying silent. Digitally silent frames are left out of
 * the room's level (they would make any hiss look like speech). Allocation-free.
 */
export function createFaintSpeechMonitor(options: FaintSpeechMonitorOptions = {}): FaintSpeechMonitor {
  const openDb = options.openDb ?? DEFAULT_OPEN_DB;
  const minFloorDb = options.minFloorDb ?? DEFAULT_MIN_FLOOR_DB;
  const runSec = options.runSec ?? 0.15;
  const holdSec = options.holdSec ?? 8;
  const BLOCK_SEC = 0.25;
  const mins = new Float64Array(8); // minimum energy of each of the last 8 blocks of 0.25 s
  let blocks = 0;
  let blockStart = NaN;
  let blockMin = Infinity;
  let lastT = NaN;
  let runStart = NaN;
  let faintAt = -Infinity;
  let heardAt = -Infinity;
  return {
    update(e, t, gateOpen) {
      lastT = t;
      if (gateOpen) heardAt = t;
      if (Number.isNaN(blockStart)) blockStart = t;
      if (t - blockStart >= BLOCK_SEC - EPS) {
        mins[blocks % mins.length] = blockMin;
        blocks++;
        blockMin = Infinity;
        blockStart = t;
      }
      // Digitally silent frames (a stream starting, a gap in the device) say nothing about the room.
      const digital = e <= DIGITAL_SILENCE_DB + 3;
      if (!digital && e < blockMin) blockMin = e;
      let floor = blockMin;
      for (let i = Math.min(blocks, mins.length) - 1; i >= 0; i--) if (mins[i] < floor) floor = mins[i];
      const faintFrame = blocks >= mins.length / 2 && !gateOpen && !digital && Number.isFinite(floor) && e - floor > openDb && e <= minFloorDb + openDb;
      if (!faintFrame) runStart = NaN;
      else if (Number.isNaN(runStart)) runStart = t;
      else if (t - runStart >= runSec - EPS) faintAt = t;
    },
    get faint() {
      return lastT - faintAt < holdSec && heardAt < faintAt;
    },
    reset() {
      blocks = 0;
      blockStart = NaN;
      blockMin = Infinity;
      lastT = NaN;
      runStart = NaN;
      faintAt = -Infinity;
      heardAt = -Infinity;
    },
  };
}
