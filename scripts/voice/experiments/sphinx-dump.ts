/** Dump Sphinx-style features (10 ms, 39 per frame) of WAV files for the acoustic-model sanity check (sphinx_decode.py). */
import { writeFileSync } from 'node:fs';
import { computeLogMel } from '../../../src/sensors/audio/log-mel';
import { resampleSignal } from '../../../src/sensors/audio/resampler';
import { createSphinxCepstra } from '../../../src/sensors/audio/sphinx-cepstra';
import { readWav } from '../wav-io';

const [outBase, ...files] = process.argv.slice(2);
const frames: number[] = [];
const chunks: Float32Array[] = [];
for (const f of files) {
  const w = readWav(f);
  const { frames: n, data } = computeLogMel(resampleSignal(w.samples, w.sampleRate));
  const out = new Float32Array(n * 39);
  createSphinxCepstra(n).write(data, n, 1, out, 0, 39);
  chunks.push(out);
  frames.push(n);
}
const all = new Float32Array(chunks.reduce((a, c) => a + c.length, 0));
let o = 0;
for (const c of chunks) {
  all.set(c, o);
  o += c.length;
}
writeFileSync(`${outBase}.bin`, Buffer.from(all.buffer));
writeFileSync(`${outBase}.json`, JSON.stringify({ files, frames }));
