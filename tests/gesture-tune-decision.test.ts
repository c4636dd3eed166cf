import { describe, expect, it } from 'vitest';
import { GESTURE_LABELS } from '../src/core/types';
import { decide, MAX_THRESHOLD, POINT_CONSECUTIVE, SETTLE_INSTANT, tuneDecision } from '../scripts/gesture/train';

const L = GESTURE_LABELS.length;
const POINT = GESTURE_LABELS.indexOf('point');
const NONE = GESTURE_LABELS.indexOf('none');

/** A 10 Hz stream of 20 inferences whose probabilities put `p` on `label` (the rest on none). */
function stream(label: number, p: number) {
  const times = Array.from({ length: 20 }, (_, i) => i * 0.1);
  const probs = new Float32Array(times.length * L);
  for (let j = 0; j < times.length; j++) {
    probs[j * L + label] = p;
    probs[j * L + NONE] += 1 - p;
  }
  return { times, probs };
}

describe('gesture decision tuning (tuneDecision)', () => {
  it('keeps no threshold above MAX_THRESHOLD, and scores the settings it returns', () => {
    // Validation where a 0.95 point threshold would be best: true points at 0.99, and `none`
    // clips whose point probability sits at 0.92 (they fire at 0.9, not at 0.95).
    const streams = [...Array.from({ length: 8 }, () => stream(POINT, 0.99)), ...Array.from({ length: 4 }, () => stream(POINT, 0.92))];
    const truth = [...Array(8).fill(POINT), ...Array(4).fill(NONE)];
    const strict = { thresholds: GESTURE_LABELS.map((_, k) => (k === POINT ? 0.95 : 0.9)), smoothing: 1, consecutive: 1, refractoryS: 1, releaseThreshold: 0.3 };
    expect(decide(streams, truth, strict).falseTriggers).toBe(0);
    const { settings, score } = tuneDecision(streams, truth);
    expect(Math.max(...settings.thresholds)).toBeLessThanOrEqual(MAX_THRESHOLD);
    expect(settings.thresholds[POINT]).toBe(MAX_THRESHOLD);
    // The reported score is the capped settings' own (the 0.92 none clips now fire).
    expect(score).toEqual(decide(streams, truth, settings));
    expect(score.falseTriggers).toBe(1);
  });

  it('lets points fire on POINT_CONSECUTIVE inferences, the other labels on the tuned count, and scores that', () => {
    // A point whose sure windows are too few for three consecutive inferences (a brief hold).
    const brief = stream(POINT, 0.05);
    for (const j of [10, 11]) {
      brief.probs[j * L + POINT] = 0.99;
      brief.probs[j * L + NONE] = 0.01;
    }
    const streams = [...Array.from({ length: 6 }, () => stream(POINT, 0.99)), brief, ...Array.from({ length: 4 }, () => stream(NONE, 0.99))];
    const truth = [...Array(7).fill(POINT), ...Array(4).fill(NONE)];
    const { settings, score } = tuneDecision(streams, truth);
    // Effective counts (the per-label list is only written when it differs from `consecutive`).
    const count = (k: number) => settings.consecutiveByLabel?.[k] ?? settings.consecutive;
    expect(count(POINT)).toBe(POINT_CONSECUTIVE);
    GESTURE_LABELS.forEach((_, k) => k !== POINT && expect(count(k)).toBe(settings.consecutive));
    expect(score).toEqual(decide(streams, truth, settings));
    expect(score.accuracy).toBe(1); // the brief point too
    // With the tuned count for points as well, a count above one would lose the brief point.
    if (settings.consecutive > 1) expect(decide(streams, truth, { ...settings, consecutiveByLabel: undefined }).accuracy).toBeLessThan(1);
  });

  it('writes SETTLE_INSTANT, so a gesture sure only in a clip\'s last inference fires at its end, and scores that', () => {
    const WAVE = GESTURE_LABELS.indexOf('wave');
    // Waves sure from the start, and one sure only in its last inference (the clip ends there).
    const late = stream(WAVE, 0.02);
    late.probs[19 * L + WAVE] = 0.99;
    late.probs[19 * L + NONE] = 0.01;
    const streams = [...Array.from({ length: 6 }, () => stream(WAVE, 0.99)), late, ...Array.from({ length: 4 }, () => stream(NONE, 0.99))];
    const truth = [...Array(7).fill(WAVE), ...Array(4).fill(NONE)];
    const { settings, score } = tuneDecision(streams, truth);
    expect(settings.settleInstantThreshold).toBe(SETTLE_INSTANT);
    expect(score).toEqual(decide(streams, truth, settings));
    expect(score.accuracy).toBe(1); // the late wave too
    if (settings.smoothing > 1) expect(decide(streams, truth, { ...settings, settleInstantThreshold: undefined }).accuracy).toBeLessThan(1);
  });
});
