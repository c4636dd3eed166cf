/**
 * Experiment (session 11): how the gesture decision treats a clip's end. Scores one model on
 * folders of clips through the eval's streaming path in three ways, each printing the eval's
 * summary line: `stream` (no end-of-clip decision, the eval before session 11), `flush` (the clip's
 * end is the stream's end: `recognizer.flush`, decider.settle) and `flush+instant` (flush, and a
 * single window at >= INSTANT fires at once).
 *   node --import tsx scripts/gesture/experiments/end-of-clip.ts [--model DIR] [--instant 0.97] DIR [DIR ...]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { GESTURE_NON_COMMANDS } from '../../../src/core/types';
import type { GestureModel } from '../../../src/perception/gesture/model';
import { labelFromFileName, summarize, summaryLine, type EvalItem } from '../../lib/eval-report';
import { GESTURE_MODEL_DIR, loadGestureModelFromDir, parseClip } from '../node-io';
import { streamClip } from '../stream-sim';

const args = process.argv.slice(2);
let modelDir = GESTURE_MODEL_DIR;
let instant = 0.97;
const dirs: string[] = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--model') modelDir = args[++i];
  else if (args[i] === '--instant') instant = Number(args[++i]);
  else dirs.push(args[i]);
}
if (!dirs.length) throw new Error('usage: end-of-clip.ts [--model DIR] [--instant P] DIR [DIR ...]');
await tf.setBackend('cpu');
await tf.ready();
const base = await loadGestureModelFromDir(modelDir);
const withInstant: GestureModel = { ...base, settings: { ...base.settings, instantThreshold: instant }, estimate: (f, o) => base.estimate(f, o) };
const variants: { name: string; model: GestureModel; flush: boolean }[] = [
  { name: 'stream', model: base, flush: false },
  { name: 'flush', model: base, flush: true },
  { name: `flush+instant ${instant}`, model: withInstant, flush: true },
];
for (const dir of dirs) {
  const clips = readdirSync(dir)
    .filter((x) => x.endsWith('.json'))
    .sort()
    .map((f) => ({ f, clip: parseClip(readFileSync(join(dir, f), 'utf8'), f) }));
  for (const v of variants) {
    const items: EvalItem[] = [];
    for (const { f, clip } of clips) {
      const r = await streamClip(v.model, clip.frames, { flush: v.flush });
      items.push({ file: f, truth: labelFromFileName(f), predicted: r.label, ms: r.totalMs });
    }
    const s = summarize(items, GESTURE_NON_COMMANDS);
    console.log(`${dir} ${v.name.padEnd(20)} ${summaryLine(s)} score=${(s.accuracy - 2 * s.falseTriggers).toFixed(4)}`);
  }
}
base.dispose();
