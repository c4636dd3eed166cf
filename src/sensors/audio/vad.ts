/**
 * Voice-activity gate over log-mel frames: tells perception when someone is speaking so the voice
 * model runs only around utterances. Frame energy (dB) is compared with an adaptive noise floor;
 * the gate opens after `attackSec` above `openDb` and closes after `releaseSec` (hangover) below
 * `closeDb`, so the pauses between the words of "tell me more" do not split it. Allocation-free
 * per frame; the same code runs in the browser and in Node (training data, eval).
 */

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
  /** Forget the floor and close the gate. */
  reset(): void;
}

const TEN_OVER_LN10 = 10 / Math.LN10;
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
  const openDb = options.openDb ?? 9;
  const closeDb = options.closeDb ?? 5;
  const attackSec = options.attackSec ?? 0.04;
  const releaseSec = options.releaseSec ?? 0.3;
  const floorRiseSec = options.floorRiseSec ?? 2;
  const floorFallSec = options.floorFallSec ?? 0.05;
  const minFloorDb = options.minFloorDb ?? -10;
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
