// Regression guard: the shipped gesture model on a committed sample of clips from the held-out
// motion generator (scripts/gesture/synth-heldout.ts, seed 21), scored exactly as
// `npm run eval -- gesture tests/fixtures/gesture` does (streamed through the app's recognizer).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { GESTURE_NON_COMMANDS } from '../src/core/types';
import { labelFromFileName, summarize, type EvalItem } from '../scripts/lib/eval-report';
import { loadGestureModelFromDir, parseClip } from '../scripts/gesture/node-io';
import { streamClip } from '../scripts/gesture/stream-sim';

const DIR = 'tests/fixtures/gesture';
// Measured with the shipped model: accuracy 1.0, false triggers 0 (10 `none` clips). The guards
// leave room for one or two clips to change with a retrained model, no more.
const ACCURACY_FLOOR = 0.95;
const FALSE_TRIGGER_CEILING = 0.1;

// Second held-out motion model (scripts/gesture/synth-third.ts, seed 23: joint-angle arms, a
// two-joint neck, a modelled tracker), in tests/fixtures/gesture/third, regenerated in session 8
// after a generator bug was fixed (oscillations and tremor piled up on the key postures; see
// tests/gesture-synth-third.test.ts). Shipped model: accuracy 0.975, false triggers 0 (10 `none`
// clips); on the 320-clip set 0.8625 / 0.0875, short of the target (>= 0.95 / <= 0.03,
// docs/gesture.md). The guards pin this sample's level, leaving room for one or two clips.
const THIRD_DIR = 'tests/fixtures/gesture/third';
const THIRD_ACCURACY_FLOOR = 0.925;
const THIRD_FALSE_TRIGGER_CEILING = 0.1;

// Fourth motion model (scripts/gesture/synth-fourth.ts, seed 37: via-point plans tracked by
// damped springs in shoulder-centred coordinates, rays planned on their own, a tracker with
// duplicated frames, spikes and bias drift), in tests/fixtures/gesture/fourth. Shipped model:
// accuracy 0.925, false triggers 0 (10 `none` clips); guards pin that level, not the target.
const FOURTH_DIR = 'tests/fixtures/gesture/fourth';
const FOURTH_ACCURACY_FLOOR = 0.875;
const FOURTH_FALSE_TRIGGER_CEILING = 0.1;

async function scoreDir(dir: string) {
  await tf.setBackend('cpu');
  await tf.ready();
  const model = await loadGestureModelFromDir();
  const items: EvalItem[] = [];
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.json'))) {
    const clip = parseClip(readFileSync(join(dir, f), 'utf8'), f);
    const r = await streamClip(model, clip.frames);
    items.push({ file: f, truth: labelFromFileName(f), predicted: r.label, ms: r.totalMs });
  }
  model.dispose();
  return summarize(items, GESTURE_NON_COMMANDS);
}

describe('gesture model on held-out fixtures', () => {
  it('keeps accuracy and false triggers within their guards', async () => {
    const s = await scoreDir(DIR);
    expect(s.n).toBe(40);
    expect(s.accuracy).toBeGreaterThanOrEqual(ACCURACY_FLOOR);
    expect(s.falseTriggers).toBeLessThanOrEqual(FALSE_TRIGGER_CEILING);
  });

  it('keeps its level on clips from the third motion model', async () => {
    const s = await scoreDir(THIRD_DIR);
    expect(s.n).toBe(40);
    expect(s.accuracy).toBeGreaterThanOrEqual(THIRD_ACCURACY_FLOOR);
    expect(s.falseTriggers).toBeLessThanOrEqual(THIRD_FALSE_TRIGGER_CEILING);
  });

  it('keeps its level on clips from the fourth motion model', async () => {
    const s = await scoreDir(FOURTH_DIR);
    expect(s.n).toBe(40);
    expect(s.accuracy).toBeGreaterThanOrEqual(FOURTH_ACCURACY_FLOOR);
    expect(s.falseTriggers).toBeLessThanOrEqual(FOURTH_FALSE_TRIGGER_CEILING);
  });
});
