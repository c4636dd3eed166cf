/**
 * Experiment (session 14, docs/gesture.md): on the sixteenth generator the shipped net's p(wave)
 * flickers from window to window (0.9, 0.2, 0.9, 1.0, 0.7, ...), so the sustained test (mean of 3,
 * then 3 inferences over 0.9) drops waves the net sees. Scores decision variants that lean on a
 * longer average and fewer consecutive inferences, on the trainer's validation clips and on clip
 * folders, from the streams model-ensemble.ts caches (stream-cache.ts; run it first).
 *
 *   node --import tsx scripts/gesture/experiments/decision-smoothing.ts [MODEL_NAME] SET...
 */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { GESTURE_LABELS } from '../../../src/core/types';
import type { GestureDecisionSettings } from '../../../src/perception/gesture/decision';
import { GESTURE_MODEL_DIR } from '../node-io';
import { decide } from '../train';
import { readCachedStreams } from './stream-cache';

const [name, ...sets] = process.argv.slice(2);
const shipped = JSON.parse(readFileSync(join(GESTURE_MODEL_DIR, 'settings.json'), 'utf8')) as GestureDecisionSettings;
const W = GESTURE_LABELS.indexOf('wave');
const all = (c: number) => GESTURE_LABELS.map(() => c);
const variants: [string, GestureDecisionSettings][] = [
  ['shipped', shipped],
  ['wave c1', { ...shipped, consecutiveByLabel: shipped.consecutiveByLabel!.map((c, k) => (k === W ? 1 : c)) }],
  ['all c1', { ...shipped, consecutiveByLabel: all(1) }],
  ['s5 c1', { ...shipped, smoothing: 5, consecutiveByLabel: all(1) }],
  ['s5 c1 th-0.1', { ...shipped, smoothing: 5, consecutiveByLabel: all(1), thresholds: shipped.thresholds.map((t) => t - 0.1) }],
  ['s4 c2', { ...shipped, smoothing: 4, consecutiveByLabel: shipped.consecutiveByLabel!.map((c) => Math.min(c, 2)) }],
  ['wave th 0.7', { ...shipped, thresholds: shipped.thresholds.map((t, k) => (k === W ? 0.7 : t)) }],
  ['wave th 0.7 c1', { ...shipped, thresholds: shipped.thresholds.map((t, k) => (k === W ? 0.7 : t)), consecutiveByLabel: shipped.consecutiveByLabel!.map((c, k) => (k === W ? 1 : c)) }],
];
const sums = variants.map(() => [0, 0]);
for (const set of ['validation-1234', ...sets.map((d) => basename(d))]) {
  const { streams: st, truth } = readCachedStreams(name, set);
  const cells = variants.map(([, s], i) => {
    const r = decide(st, truth, s);
    if (set !== 'validation-1234') {
      sums[i][0] += r.accuracy;
      sums[i][1] += r.falseTriggers;
    }
    return `${r.accuracy.toFixed(4)} / ${r.falseTriggers.toFixed(4)}`;
  });
  console.log(`${set.padEnd(20)} ${cells.join(' | ')}`);
}
console.log(`${'mean (sets)'.padEnd(20)} ${sums.map(([a, f]) => `${(a / sets.length).toFixed(4)} / ${(f / sets.length).toFixed(4)}`).join(' | ')}`);
console.log(`variants: ${variants.map(([n]) => n).join(' | ')}`);
