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

/**
 * Fast path for plain RIFF/WAVE PCM (8/16/24/32-bit integer, 32/64-bit float, incl. extensible):
 * `wavefile`'s generic converters cost ~10 ms a second of audio, too slow for data building.
 * Returns null for anything else so the caller falls back to `wavefile`.
 */
function decodePlainWav(bytes: Uint8Array): MonoAudio | null {
  if (bytes.length < 44) return null;
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (o: number) => String.fromCharCode(bytes[o], bytes[o + 1], bytes[o + 2], bytes[o + 3]);
  if (tag(0) !== 'RIFF' || tag(8) !== 'WAVE') return null;
  let pos = 12;
  let format = 0, channels = 0, rate = 0, bits = 0;
  let dataStart = -1, dataLen = 0;
  while (pos + 8 <= bytes.length) {
    const id = tag(pos);
    const len = dv.getUint32(pos + 4, true);
    if (id === 'fmt ') {
      format = dv.getUint16(pos + 8, true);
      channels = dv.getUint16(pos + 10, true);
      rate = dv.getUint32(pos + 12, true);
      bits = dv.getUint16(pos + 22, true);
      if (format === 0xfffe && len >= 40) format = dv.getUint16(pos + 32, true); // extensible: sub-format GUID
    } else if (id === 'data') {
      dataStart = pos + 8;
      // Streaming writers leave the size 0 or 0xFFFFFFFF: take what is there.
      dataLen = Math.min(len === 0 ? Infinity : len, bytes.length - dataStart);
      break;
    }
    pos += 8 + len + (len & 1);
  }
  if (dataStart < 0 || !channels || !rate) return null;
  const bps = bits / 8;
  const isFloat = format === 3 && (bits === 32 || bits === 64);
  if (!isFloat && !(format === 1 && [8, 16, 24, 32].includes(bits))) return null;
  const frames = Math.floor(dataLen / (bps * channels));
  const out = new Float32Array(frames);
  const inv = 1 / channels;
  for (let i = 0; i < frames; i++) {
    let acc = 0;
    for (let c = 0; c < channels; c++) {
      const o = dataStart + (i * channels + c) * bps;
      let v: number;
      if (isFloat) v = bits === 32 ? dv.getFloat32(o, true) : dv.getFloat64(o, true);
      else if (bits === 16) v = dv.getInt16(o, true) / 32768;
      else if (bits === 8) v = (bytes[o] - 128) / 128;
      else if (bits === 24) v = ((bytes[o] | (bytes[o + 1] << 8) | (bytes[o + 2] << 16)) << 8) / 2147483648;
      else v = dv.getInt32(o, true) / 2147483648;
      acc += v;
    }
    out[i] = Number.isFinite(acc) ? acc * inv : 0;
  }
  return { samples: out, sampleRate: rate };
}

/** Decode WAV bytes to mono float samples; throws an Error naming `what` when the data is not a usable WAV. */
export function decodeWav(bytes: Uint8Array, what = 'WAV data'): MonoAudio {
  const plain = decodePlainWav(bytes);
  if (plain) {
    if (plain.samples.length === 0) throw new Error(`${what}: WAV holds no samples`);
    return plain;
  }
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
