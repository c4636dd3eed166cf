/**
 * Sanity check of the LPC resynthesis augmentation (scripts/voice/vocode.ts), without listening:
 * commands spoken by the held-out espeak-ng validation voices are written as they are and
 * resynthesised with random voice sources, and the shipped model scores both folders through the
 * eval's streaming path. If resynthesis kept the words, the shipped model (never trained on
 * resynthesised speech) should still hear most of them.
 *   node --import tsx scripts/voice/experiments/vocode-check.ts [--out data/tmp/vocode-check]
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { resampleFast } from '../augment';
import { synthEspeak } from '../espeak';
import { createRng } from '../prng';
import { randomVocoderVoice, vocode } from '../vocode';
import { readWav, writeWav16 } from '../wav-io';

const out = process.argv.includes('--out') ? process.argv[process.argv.indexOf('--out') + 1] : 'data/tmp/vocode-check';
const COMMANDS: [string, string][] = [
  ['hello', 'hello'], ['follow_me', 'follow me'], ['stop', 'stop'], ['come_here', 'come here'], ['go_away', 'go away'],
  ['yes', 'yes'], ['no', 'no'], ['next', 'next'], ['tell_me_more', 'tell me more'], ['help', 'help'],
];
const VOICES = ['en-gb-x-gbcwmd', 'en-029', 'mb-us2'];
rmSync(out, { recursive: true, force: true });
for (const d of ['orig', 'vocoded']) mkdirSync(join(out, d), { recursive: true });
const rng = createRng(99);
let ms = 0;
let secs = 0;
for (const voice of VOICES)
  for (const pitch of [30, 60])
    for (const [label, text] of COMMANDS) {
      const raw = join(out, 'raw', `${voice}-${pitch}-${label}.wav`);
      await synthEspeak(text, { voice, variant: '', speed: 160, pitch, gap: 0 }, raw);
      const { samples, sampleRate } = readWav(raw);
      const x = resampleFast(samples, sampleRate);
      // Half a second of quiet room around it, as a file would have.
      const pad = new Float32Array(x.length + 16000);
      for (let i = 0; i < pad.length; i++) pad[i] = 1e-4 * rng.normal();
      pad.set(x.map((v, i) => v + pad[8000 + i]), 8000);
      writeWav16(join(out, 'orig', `${label}__${voice}-${pitch}.wav`), pad, 16000);
      const t0 = performance.now();
      const y = vocode(x, randomVocoderVoice(rng), rng);
      ms += performance.now() - t0;
      secs += x.length / 16000;
      const padY = pad.slice();
      padY.set(y.map((v, i) => v + pad[8000 + i]), 8000);
      writeWav16(join(out, 'vocoded', `${label}__${voice}-${pitch}.wav`), padY, 16000);
    }
console.log(`vocoded ${secs.toFixed(1)} s of speech in ${ms.toFixed(0)} ms; now: npm run eval -- voice ${out}/orig and ${out}/vocoded`);
