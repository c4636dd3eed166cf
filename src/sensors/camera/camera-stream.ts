/**
 * The opt-in webcam stream (flat mode): getUserMedia video -> a small canvas that the browser
 * scales on the GPU (`drawImage` into a `modelWidth x modelHeight` canvas) -> RGB floats in [0, 1]
 * in a `TimedRingBuffer`, at a bounded rate. Frames stay in memory on this device. In XR, where
 * the headset gives no camera pixels, the head pose and view direction of the motion stream stand
 * for the camera (see docs/sensors.md).
 */
import { createTimedRingBuffer, type TimedRingBuffer } from '../../core/ring-buffer';
import { classifyMediaError, type MediaState } from '../media-state';

/** Options of `createCameraStream`. */
export interface CameraStreamOptions {
  /**
   * Model input width in pixels.
   * @default 64
   */
  width?: number;
  /**
   * Model input height in pixels.
   * @default 64
   */
  height?: number;
  /**
   * Most frames a second taken into the buffer (the app's sensors system calls `sample` at this rate).
   * @default 5
   */
  rateHz?: number;
  /**
   * Frames the ring buffer keeps.
   * @default 16
   */
  capacity?: number;
  /** Called whenever `state` changes. */
  onStateChange?: (state: MediaState, reason: string) => void;
}

/** A webcam downscaled to a model input size. */
export interface CameraStream {
  /** RGB frames, `width * height * 3` floats each, row-major, values in [0, 1]. */
  readonly buffer: TimedRingBuffer;
  readonly width: number;
  readonly height: number;
  readonly rateHz: number;
  readonly state: MediaState;
  readonly reason: string;
  /** Ask for the camera. Never throws: failures set `state`. */
  start(): Promise<void>;
  /** Take a frame stamped `t` if one is ready (cheap no-op otherwise). */
  sample(t: number): void;
  /** Release the camera. */
  stop(): void;
}

/** Create a `CameraStream` (nothing is captured until `start`). */
export function createCameraStream(options: CameraStreamOptions = {}): CameraStream {
  const width = options.width ?? 64;
  const height = options.height ?? 64;
  const rateHz = options.rateHz ?? 5;
  const buffer = createTimedRingBuffer(width * height * 3, options.capacity ?? 16);
  const frame = new Float32Array(width * height * 3);
  let state: MediaState = 'off';
  let reason = 'camera is off (opt-in)';
  let media: MediaStream | null = null;
  let video: HTMLVideoElement | null = null;
  let ctx2d: CanvasRenderingContext2D | null = null;

  const setState = (s: MediaState, why: string) => {
    state = s;
    reason = why;
    options.onStateChange?.(s, why);
  };

  const stream: CameraStream = {
    buffer,
    width,
    height,
    rateHz,
    get state() {
      return state;
    },
    get reason() {
      return reason;
    },
    async start() {
      if (state === 'live' || state === 'requesting') return;
      if (typeof navigator === 'undefined' || !navigator.mediaDevices?.getUserMedia) {
        setState('unavailable', 'this browser offers no camera API (needs https or localhost)');
        return;
      }
      setState('requesting', 'asking for the camera');
      try {
        media = await navigator.mediaDevices.getUserMedia({ video: { width: { ideal: 320 }, height: { ideal: 240 } }, audio: false });
        video = document.createElement('video');
        video.muted = true;
        video.playsInline = true;
        video.srcObject = media;
        await video.play();
        const canvas = document.createElement('canvas');
        canvas.width = width;
        canvas.height = height;
        ctx2d = canvas.getContext('2d', { willReadFrequently: false });
        if (!ctx2d) throw new Error('no 2D canvas to downscale camera frames');
        setState('live', '');
      } catch (err) {
        stream.stop();
        const c = classifyMediaError(err, 'camera');
        setState(c.state, c.reason);
      }
    },
    sample(t) {
      if (state !== 'live' || !video || !ctx2d || video.readyState < 2) return;
      ctx2d.drawImage(video, 0, 0, width, height);
      const px = ctx2d.getImageData(0, 0, width, height).data;
      for (let i = 0, j = 0; i < px.length; i += 4) {
        frame[j++] = px[i] / 255;
        frame[j++] = px[i + 1] / 255;
        frame[j++] = px[i + 2] / 255;
      }
      buffer.push(t, frame);
    },
    stop() {
      media?.getTracks().forEach((tr) => tr.stop());
      media = null;
      if (video) video.srcObject = null;
      video = null;
      ctx2d = null;
      if (state === 'live' || state === 'requesting') setState('off', 'camera is off');
    },
  };
  return stream;
}
