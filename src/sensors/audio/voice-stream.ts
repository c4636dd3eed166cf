/**
 * The microphone stream in the browser: getUserMedia -> AudioWorklet (downmix + 16 kHz resample in
 * `voice-capture.worklet.ts`) -> main thread -> log-mel frames on the shared clock + the
 * voice-activity gate (`createVoiceFrameSink`). Audio never leaves this page: chunks go from the
 * worklet to this module and become features in memory.
 */
import { now } from '../../core/clock';
import { classifyMediaError, type MediaState } from '../media-state';
import { createVoiceFrameSink, type VoiceFrameSink, type VoiceFrameSinkOptions } from './voice-frame-sink';
import { VOICE_CAPTURE_PROCESSOR } from './voice-worklet-core';

/** Options of `createVoiceStream`. */
export interface VoiceStreamOptions extends VoiceFrameSinkOptions {
  /** URL of the bundled worklet module (the app imports `voice-capture.worklet.ts?worker&url`). */
  workletUrl: string;
  /** Called whenever `state` changes. */
  onStateChange?: (state: MediaState, reason: string) => void;
}

/** A live (or not) microphone feeding log-mel frames. */
export interface VoiceStream extends VoiceFrameSink {
  /** Microphone state. */
  readonly state: MediaState;
  /** Why the microphone is not live ('' when it is). */
  readonly reason: string;
  /** The AudioContext's rate (the worklet resamples from it), or 0 before start. */
  readonly inputRate: number;
  /** 16 kHz chunks received from the worklet. */
  readonly chunks: number;
  /**
   * Seconds between sound at the microphone and its samples in the audio graph, as the browser
   * reports it (`MediaTrackSettings.latency`, Chromium); 0 if unknown.
   * Frame stamps are arrival times in the main thread, so this part of the delay is not in them.
   */
  readonly inputLatencySec: number;
  /** Whether frames are being taken (always-listening, or push-to-talk held). */
  readonly listening: boolean;
  /** Ask for the microphone and start capturing. Never throws: failures set `state`. */
  start(): Promise<void>;
  /** Take frames (true) or drop them (false: push-to-talk released). */
  setListening(on: boolean): void;
  /**
   * Call `listener` right after each chunk's frames are in `buffer` (20 ms of audio; only while
   * listening), so a recognizer can look at them on arrival instead of at the next render frame.
   * Returns unsubscribe.
   */
  onFrames(listener: () => void): () => void;
  /** Release the microphone. */
  stop(): void;
}

/** Create a `VoiceStream` (nothing is captured until `start`). */
export function createVoiceStream(options: VoiceStreamOptions): VoiceStream {
  const sink = createVoiceFrameSink(options);
  let state: MediaState = 'off';
  let reason = 'microphone not started';
  let ctx: AudioContext | null = null;
  let media: MediaStream | null = null;
  let node: AudioWorkletNode | null = null;
  let listening = true;
  let chunks = 0;
  const frameListeners: (() => void)[] = [];

  const setState = (s: MediaState, why: string) => {
    state = s;
    reason = why;
    options.onStateChange?.(s, why);
  };

  const onChunk = (e: MessageEvent<Float32Array>) => {
    chunks++;
    if (!listening) return;
    // Stamped on arrival: the worklet posts each 20 ms chunk as soon as it is complete, so the
    // capture-to-arrival delay is about one render quantum (~3 ms) plus message latency.
    sink.push(e.data, now());
    for (let k = 0; k < frameListeners.length; k++) frameListeners[k]();
  };

  const stream: VoiceStream = {
    get buffer() {
      return sink.buffer;
    },
    get gate() {
      return sink.gate;
    },
    get gateOpenCount() {
      return sink.gateOpenCount;
    },
    get faintSpeech() {
      return sink.faintSpeech;
    },
    push: sink.push,
    resetStream: sink.resetStream,
    get state() {
      return state;
    },
    get reason() {
      return reason;
    },
    get inputRate() {
      return ctx?.sampleRate ?? 0;
    },
    get chunks() {
      return chunks;
    },
    get inputLatencySec() {
      const track = media?.getAudioTracks()[0];
      const reported = (track?.getSettings() as { latency?: unknown } | undefined)?.latency;
      return typeof reported === 'number' && Number.isFinite(reported) && reported > 0 ? reported : 0;
    },
    get listening() {
      return listening;
    },
    async start() {
      if (state === 'live' || state === 'requesting') return;
      if (typeof navigator === 'undefined' || !navigator.mediaDevices?.getUserMedia) {
        setState('unavailable', 'this browser offers no microphone API (needs https or localhost)');
        return;
      }
      if (typeof AudioWorkletNode === 'undefined') {
        setState('unavailable', 'this browser has no AudioWorklet');
        return;
      }
      setState('requesting', 'asking for the microphone');
      try {
        // Chrome's automatic gain control and noise suppression are off: they change the signal in
        // ways the voice model never saw in training. Measured with e2e/fixtures/follow-stop-loop.wav
        // as the fake microphone (WebGPU, 60 s a run; 2026-11-23): with both on (3 runs) the same
        // utterance peaked anywhere from 22.8 to 38.5 dB depending on the silence before it (the
        // first one after the app starts always 38.5), and 2 of 13 utterances were heard as unknown
        // (one the first "stop", 0.43; one a "follow me" at 22.8 dB); with both off (4 runs) every
        // utterance peaked at 30.3-32.1 dB and 17 of 17 were heard right, the first "stop" each time
        // (0.75-0.94). Echo cancellation stays on: with nothing playing it changed neither the level
        // (30.3-31.5 dB on, 30.9-32.1 off) nor a decision (8 of 8 on, 9 of 9 off), and where the
        // browser has voices the NPCs speak through the speakers (src/app/npc/speech.ts), which the
        // microphone would otherwise hear as commands.
        media = await navigator.mediaDevices.getUserMedia({
          audio: { channelCount: 1, echoCancellation: true, noiseSuppression: false, autoGainControl: false },
          video: false,
        });
        ctx = new AudioContext();
        await ctx.audioWorklet.addModule(options.workletUrl);
        const source = ctx.createMediaStreamSource(media);
        node = new AudioWorkletNode(ctx, VOICE_CAPTURE_PROCESSOR, { numberOfInputs: 1, numberOfOutputs: 1, outputChannelCount: [1] });
        node.port.onmessage = onChunk;
        source.connect(node);
        // A node only renders when pulled by the destination: connect through a muted gain so the
        // worklet runs without playing the microphone back.
        const mute = ctx.createGain();
        mute.gain.value = 0;
        node.connect(mute).connect(ctx.destination);
        if (ctx.state === 'suspended') await ctx.resume().catch(() => undefined);
        media.getAudioTracks()[0]?.addEventListener('ended', () => setState('off', 'the microphone was disconnected'));
        setState('live', '');
      } catch (err) {
        stream.stop();
        const c = classifyMediaError(err, 'microphone');
        setState(c.state, c.reason);
      }
    },
    onFrames(listener) {
      frameListeners.push(listener);
      return () => {
        const k = frameListeners.indexOf(listener);
        if (k >= 0) frameListeners.splice(k, 1);
      };
    },
    setListening(on) {
      if (on === listening) return;
      listening = on;
      if (!on) sink.resetStream(); // a released push-to-talk must not glue utterances together
    },
    stop() {
      node?.port.close();
      node?.disconnect();
      node = null;
      media?.getTracks().forEach((t) => t.stop());
      media = null;
      void ctx?.close().catch(() => undefined);
      ctx = null;
      sink.resetStream();
      if (state === 'live' || state === 'requesting') setState('off', 'microphone stopped');
    },
  };
  return stream;
}
