/**
 * WAV reading and writing for the voice scripts (Node only), on `wavefile`: PCM 8/16/24/32-bit and
 * float 32/64, mono or multi-channel (mixed down to mono), any sample rate.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as wavefileNs from 'wavefile';

// The package is UMD: Node's ESM loader puts it on `default`, bundlers expose the named export.
type WaveFileCtor = typeof import('wavefile').WaveFile;
const wavefileAny = wavefileNs as unknown as { WaveFile?: WaveFileCtor; default?: { WaveFile?: WaveFileCtor } };
const WaveFile = (wavefileAny.WaveFile ?? wavefileAny.default?.WaveFile) as WaveFileCtor;

/** Mono audio in [-1, 1] at `sampleRate`. */
export interface MonoAudio {
  samples: Float32Array;
  sampleRate: number;
}

/** Decode WAV bytes to mono float samples; throws an Error naming `what` when the data is not a usable WAV. */
export function decodeWav(bytes: Uint8Array, what = 'WAV data'): MonoAudio {
  let wav: InstanceType<typeof WaveFile>;
  try {
    wav = new WaveFile(bytes);
  } catch (err) {
    throw new Error(`${what}: not a readable WAV file (${err instanceof Error ? err.message : String(err)})`);
  }
  // Copy the header fields: toBitDepth replaces `wav.fmt`.
  const fmt = { ...(wav.fmt as { numChannels: number; sampleRate: number; audioFormat: number; bitsPerSample: number }) };
  if (!(fmt.sampleRate > 0) || !(fmt.numChannels > 0)) throw new Error(`${what}: WAV header has no sample rate or channel count`);
  try {
    const bits = String(wav.bitDepth);
    if (bits !== '32f' && bits !== '64') wav.toBitDepth('32f');
  } catch (err) {
    throw new Error(`${what}: unsupported WAV encoding (format ${fmt.audioFormat}, ${fmt.bitsPerSample} bits): ${err instanceof Error ? err.message : String(err)}`);
  }
  const raw = wav.getSamples(false, Float64Array) as unknown as Float64Array | Float64Array[];
  const channels: ArrayLike<number>[] = fmt.numChannels === 1 ? [raw as Float64Array] : (raw as Float64Array[]);
  const n = channels[0]?.length ?? 0;
  if (n === 0) throw new Error(`${what}: WAV holds no samples`);
  const samples = new Float32Array(n);
  for (const ch of channels) for (let i = 0; i < n; i++) samples[i] += ch[i] / channels.length;
  for (let i = 0; i < n; i++) if (!Number.isFinite(samples[i])) samples[i] = 0;
  return { samples, sampleRate: fmt.sampleRate };
}

/** Read a WAV file to mono float samples; errors name the file. */
export function readWav(path: string): MonoAudio {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    throw new Error(`${path}: cannot read (${err instanceof Error ? err.message : String(err)})`);
  }
  return decodeWav(bytes, path);
}

/** Write mono float samples as a 16-bit PCM WAV. */
export function writeWav16(path: string, samples: Float32Array, sampleRate: number): void {
  const pcm = new Int16Array(samples.length);
  for (let i = 0; i < samples.length; i++) pcm[i] = Math.max(-32768, Math.min(32767, Math.round(samples[i] * 32767)));
  const wav = new WaveFile();
  wav.fromScratch(1, sampleRate, '16', pcm);
  writeFileSync(path, wav.toBuffer());
}
