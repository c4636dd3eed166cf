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
  /** Whether frames are being taken (always-listening, or push-to-talk held). */
  readonly listening: boolean;
  /** Ask for the microphone and start capturing. Never throws: failures set `state`. */
  start(): Promise<void>;
  /** Take frames (true) or drop them (false: push-to-talk released). */
  setListening(on: boolean): void;
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
        media = await navigator.mediaDevices.getUserMedia({
          audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true, autoGainControl: true },
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
