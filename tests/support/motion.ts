import type { MotionFrame } from '../../src/core/types';
import { len, sub } from '../../scripts/gesture/motion-math';

/** Median of `xs` (the mean of the middle two for an even count). */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/**
 * A hand's peak speed (m/s): from each tracked frame to the first frame at least 0.1 s later,
 * over the whole clip (the generator tests' check that motion is humanly possible).
 */
export function peakHandSpeed(frames: readonly MotionFrame[], hand: 'left' | 'right'): number {
  let best = 0;
  for (let i = 0, j = 0; i < frames.length; i++) {
    const a = frames[i][hand];
    if (!a) continue;
    if (j <= i) j = i + 1;
    while (j < frames.length && frames[j].t - frames[i].t < 0.1) j++;
    const b = j < frames.length ? frames[j][hand] : null;
    if (b) best = Math.max(best, len(sub(b.p, a.p)) / (frames[j].t - frames[i].t));
  }
  return best;
}

/** The faster hand's `peakHandSpeed`. */
export const clipPeakHandSpeed = (frames: readonly MotionFrame[]) => Math.max(peakHandSpeed(frames, 'left'), peakHandSpeed(frames, 'right'));
