/**
 * Streaming voice-command recognizer: reads log-mel frames from the sensor's ring buffer, segments
 * utterances with a voice-activity gate, and classifies each utterance ONCE (when the gate closes,
 * or when the window is full while someone keeps talking), so one utterance gives one percept.
 * Early decision: the gate waits `releaseSec` (0.3 s) of silence before it closes; after
 * `earlyDecisionSec` of silence the utterance is classified already, and a command at
 * `earlyMinConfidence` or more is emitted then (the decision at the close is then dropped). Anything
 * less sure waits for the close, as before.
 * Never two inferences in flight; `update` allocates nothing.
 */
import type { TimedRingBuffer } from '../../core/ring-buffer';
import { LOCAL_USER_ID, VOICE_LABELS, VOICE_NON_COMMANDS, type Percept, type VoiceLabel } from '../../core/types';
import { createVoiceActivityGate, type VoiceActivityGate } from '../../sensors/audio/vad';
import { inputWidth, modelFrames, prepareVoiceWindow, type VoiceSettings } from './voice-settings';

/** Default seconds of silence before a sure command is decided (see `earlyDecisionSec`). */
export const EARLY_DECISION_SEC = 0.08;

/** What the recognizer needs of a model: its settings and an async window classifier. */
export interface VoiceClassifier {
  /** Settings the model was trained with. */
  readonly settings: VoiceSettings;
  /** Write probabilities in `VOICE_LABELS` order into `out` for a prepared window. */
  estimate(window: Float32Array, out: Float32Array): Promise<void>;
}

/** One decision of the recognizer (also for `silence`, which makes no percept). */
export interface VoiceDecision {
  /** Time of the window's end (seconds, shared clock). */
  t: number;
  label: VoiceLabel;
  confidence: number;
  /** Seconds from the gate's onset to the decision. */
  latency: number;
}

/** Options of `createVoiceRecognizer`. */
export interface VoiceRecognizerOptions {
  /** Called with each speech percept (commands, and `unknown` when `emitUnknown`). */
  onPercept?: (p: Percept) => void;
  /** Called with every decision, including `silence` (diagnostics, eval). */
  onDecision?: (d: VoiceDecision) => void;
  /** Called when an inference fails; the recognizer goes on with the next utterance. */
  onError?: (err: unknown) => void;
  /**
   * User id put on percepts.
   * @default LOCAL_USER_ID
   */
  source?: string;
  /**
   * Emit `unknown` percepts for speech that is not a command (lets NPCs notice talk).
   * @default true
   */
  emitUnknown?: boolean;
  /**
   * The gate that segments utterances.
   * @default createVoiceActivityGate(model.settings.gate)
   */
  gate?: VoiceActivityGate;
  /**
   * Seconds of silence after which an open utterance is classified early (0 turns it off).
   * 0.08 since the ensemble model (session 6; docs/voice.md "Early decision"): on the espeak-ng
   * pool it costs one false trigger in 345 against 0.15 s and halves the median wait after a
   * command (160 -> 90 ms).
   * @default 0.08
   */
  earlyDecisionSec?: number;
  /**
   * Least probability of a command decided early; below it the recognizer waits for the gate to close.
   * @default max(0.9, the model's command threshold)
   */
  earlyMinConfidence?: number;
}

/** A streaming recognizer bound to one model and one log-mel ring buffer. */
export interface VoiceRecognizer {
  /** Read new frames and decide finished utterances; call every frame (shared clock, seconds). */
  update(t: number): void;
  /** Decide an utterance still in progress now (end of a file or of push-to-talk). */
  flush(): void;
  /** Resolves when no inference is in flight or queued. */
  whenIdle(): Promise<void>;
  /** Whether an inference is in flight or queued. */
  readonly busy: boolean;
  /** Inferences run so far. */
  readonly inferences: number;
  /** Probabilities of the last inference, `VOICE_LABELS` order. */
  readonly lastProbabilities: Float32Array;
  /** The gate (read its state for HUDs). */
  readonly gate: VoiceActivityGate;
  /** Forget the stream state (keeps the model). */
  reset(): void;
}

const N_LABELS = VOICE_LABELS.length;
const UNKNOWN = VOICE_LABELS.indexOf('unknown');
const SILENCE = VOICE_LABELS.indexOf('silence');
const IS_COMMAND = VOICE_LABELS.map((l) => !VOICE_NON_COMMANDS.includes(l));

/** Create a `VoiceRecognizer` over `melBuffer` (stride `nMels`, frames stamped on the shared clock). */
export function createVoiceRecognizer(
  model: VoiceClassifier,
  melBuffer: TimedRingBuffer,
  options: VoiceRecognizerOptions = {},
): VoiceRecognizer {
  const s = model.settings;
  if (melBuffer.stride !== s.nMels) throw new RangeError(`melBuffer stride ${melBuffer.stride} differs from the model's ${s.nMels} mels`);
  const gate = options.gate ?? createVoiceActivityGate(s.gate);
  const source = options.source ?? LOCAL_USER_ID;
  const emitUnknown = options.emitUnknown ?? true;
  const frameSec = s.hop / s.sampleRate;
  const windowSec = s.windowFrames * frameSec;
  const earlySec = options.earlyDecisionSec ?? EARLY_DECISION_SEC;
  const earlyMin = options.earlyMinConfidence ?? Math.max(0.9, s.commandThreshold);

  // Scratch, allocated once.
  const newFrames = new Float32Array(melBuffer.capacity * s.nMels);
  const newTimes = new Float64Array(melBuffer.capacity);
  const frame = new Float32Array(s.nMels);
  const raw = new Float32Array(s.windowFrames * s.nMels);
  const input = new Float32Array(modelFrames(s) * inputWidth(s));
  const probs = new Float32Array(N_LABELS);
  const lastProbabilities = new Float32Array(N_LABELS);
  const binMin = new Float32Array(s.nMels);

  let consumed = melBuffer.written;
  let segState: 0 | 1 | 2 = 0; // 0 idle, 1 open and undecided, 2 decided while still open
  let segFrom = 0;
  let segOnset = 0;
  let segId = 0; // utterance counter
  let earlyTried = false; // an early decision was asked for this utterance
  let decidedSeg = -1; // the utterance whose command was emitted early
  let lastFrameT = -Infinity;
  // One queued decision at most besides the one in flight (utterances are >= 0.3 s apart).
  let queued = false;
  let queuedFrom = 0;
  let queuedTo = 0;
  let queuedOnset = 0;
  let queuedSeg = 0;
  let queuedEarly = false;
  let inFlight = false;
  let flightTo = 0;
  let flightOnset = 0;
  let flightSeg = 0;
  let flightEarly = false;
  let inferences = 0;
  let lastCommand = -1;
  let lastCommandT = -Infinity;
  let idleWaiters: (() => void)[] = [];

  function request(from: number, to: number, onset: number, early = false) {
    // A final request replaces a queued early one of the same utterance (it has more of it).
    if (queued && early && !queuedEarly) return;
    queued = true;
    queuedFrom = from;
    queuedTo = to;
    queuedOnset = onset;
    queuedSeg = segId;
    queuedEarly = early;
    pump();
  }

  function pump() {
    if (inFlight || !queued) return;
    queued = false;
    const n = melBuffer.readWindow(queuedFrom, queuedTo, raw);
    if (n === 0) return settle();
    if (n < s.windowFrames) {
      // Utterance ended before the window filled: pad with each bin's minimum (a noise-floor
      // spectrum) rather than wait, so short commands are answered quickly. Training does the same.
      binMin.fill(Infinity);
      for (let f = 0; f < n; f++) for (let m = 0; m < s.nMels; m++) binMin[m] = Math.min(binMin[m], raw[f * s.nMels + m]);
      for (let f = n; f < s.windowFrames; f++) raw.set(binMin, f * s.nMels);
    }
    prepareVoiceWindow(raw, s, input);
    inFlight = true;
    flightTo = queuedTo;
    flightOnset = queuedOnset;
    flightSeg = queuedSeg;
    flightEarly = queuedEarly;
    inferences++;
    model.estimate(input, probs).then(onResult, onFailure);
  }

  function onResult() {
    inFlight = false;
    lastProbabilities.set(probs);
    if (flightEarly) decideEarly(flightTo, flightOnset, flightSeg);
    else if (flightSeg !== decidedSeg) decide(flightTo, flightOnset);
    pump();
    settle();
  }

  function onFailure(err: unknown) {
    inFlight = false;
    options.onError?.(err);
    pump();
    settle();
  }

  function settle() {
    if (inFlight || queued || !idleWaiters.length) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const w of waiters) w();
  }

  function decide(t: number, onset: number) {
    let best = 0;
    for (let i = 1; i < N_LABELS; i++) if (probs[i] > probs[best]) best = i;
    let bestCommand = -1;
    for (let i = 0; i < N_LABELS; i++) if (IS_COMMAND[i] && (bestCommand < 0 || probs[i] > probs[bestCommand])) bestCommand = i;
    let label: number;
    if (best === SILENCE) label = SILENCE;
    else if (IS_COMMAND[best] && probs[best] >= s.commandThreshold) label = best;
    else label = UNKNOWN;
    const confidence = label === UNKNOWN && best !== UNKNOWN ? 1 - probs[bestCommand] : probs[label];
    options.onDecision?.({ t, label: VOICE_LABELS[label], confidence, latency: t - onset });
    if (label === SILENCE) return;
    if (label === UNKNOWN && !emitUnknown) return;
    if (IS_COMMAND[label]) {
      if (label === lastCommand && t - lastCommandT < s.refractorySec) return;
      lastCommand = label;
      lastCommandT = t;
    }
    options.onPercept?.({ t, kind: 'speech', label: VOICE_LABELS[label], confidence, source });
  }

  /** An early look: emit only a sure command; otherwise the decision at the gate's close stands. */
  function decideEarly(t: number, onset: number, seg: number) {
    let best = 0;
    for (let i = 1; i < N_LABELS; i++) if (probs[i] > probs[best]) best = i;
    if (!IS_COMMAND[best] || probs[best] < earlyMin || seg === decidedSeg) return;
    decidedSeg = seg;
    decide(t, onset);
  }

  function onFrame(t: number) {
    const wasOpen = gate.isOpen;
    const open = gate.update(frame, t);
    lastFrameT = t;
    if (open && !wasOpen) {
      segState = 1;
      segId++;
      earlyTried = false;
      segOnset = gate.openedAt;
      // Half a frame earlier so no frame time sits on the window's edges: the window holds exactly
      // windowFrames frames whichever way the frame times were computed.
      segFrom = gate.openedAt - s.prerollSec - frameSec / 2;
    }
    if (segState === 1 && open && t >= segFrom + windowSec) {
      request(segFrom, segFrom + windowSec, segOnset);
      segState = 2;
    } else if (segState === 1 && open && earlySec > 0 && t - gate.lastVoicedAt < earlySec) {
      earlyTried = false; // speech again: look again at the next pause
    } else if (segState === 1 && open && earlySec > 0 && !earlyTried && t - gate.lastVoicedAt >= earlySec) {
      earlyTried = true;
      request(segFrom, t, segOnset, true);
    } else if (wasOpen && !open) {
      if (segState === 1 && segId !== decidedSeg) request(segFrom, t, segOnset); // unless decided early
      segState = 0;
    }
  }

  return {
    gate,
    get busy() {
      return inFlight || queued;
    },
    get inferences() {
      return inferences;
    },
    lastProbabilities,
    update(_t) {
      const written = melBuffer.written;
      let count = written - consumed;
      consumed = written;
      if (count <= 0) return;
      if (count > melBuffer.capacity) count = melBuffer.capacity; // fell behind: the oldest are gone
      const n = melBuffer.readLatest(count, newFrames, newTimes);
      for (let i = 0; i < n; i++) {
        if (newTimes[i] <= lastFrameT) continue;
        for (let m = 0; m < s.nMels; m++) frame[m] = newFrames[i * s.nMels + m];
        onFrame(newTimes[i]);
      }
    },
    flush() {
      if (segState === 1) request(segFrom, lastFrameT, segOnset);
      segState = 0;
    },
    whenIdle() {
      if (!inFlight && !queued) return Promise.resolve();
      return new Promise<void>((resolve) => idleWaiters.push(resolve));
    },
    reset() {
      gate.reset();
      consumed = melBuffer.written;
      segState = 0;
      queued = false;
      lastFrameT = -Infinity;
      lastCommand = -1;
      lastCommandT = -Infinity;
    },
  };
}
