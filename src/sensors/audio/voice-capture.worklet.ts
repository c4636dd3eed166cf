/**
 * AudioWorklet module: the microphone's render quanta go through `createVoiceWorkletCore`
 * (downmix, 16 kHz resample) and 20 ms chunks are transferred to the main thread. Loaded with
 * `audioWorklet.addModule(url)` where Vite bundles this file (`?worker&url`).
 */
import { createVoiceWorkletCore, VOICE_CAPTURE_PROCESSOR } from './voice-worklet-core';

// The AudioWorkletGlobalScope is not in TypeScript's DOM lib; declare what this module uses.
declare const sampleRate: number;
declare class AudioWorkletProcessor {
  readonly port: MessagePort;
}
declare function registerProcessor(name: string, ctor: new () => AudioWorkletProcessor): void;

class VoiceCaptureProcessor extends AudioWorkletProcessor {
  private readonly core = createVoiceWorkletCore(sampleRate);
  private readonly emit = (chunk: Float32Array) => this.port.postMessage(chunk, [chunk.buffer]);

  process(inputs: Float32Array[][]): boolean {
    const input = inputs[0];
    if (input && input.length > 0) this.core.push(input, this.emit);
    return true; // keep running while the node is connected
  }
}

registerProcessor(VOICE_CAPTURE_PROCESSOR, VoiceCaptureProcessor);
