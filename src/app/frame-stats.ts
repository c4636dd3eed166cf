/**
 * Frame-time statistics without per-frame allocation: the last `window` frame times in a ring;
 * the median is computed on demand (a few times a second, for the HUD and tests).
 */

/** Recent frame times and their median. */
export interface FrameStats {
  /** Record one frame's duration in ms. */
  record(ms: number): void;
  /** Median of the recorded window in ms (NaN when empty). */
  median(): number;
  /** Frames recorded so far. */
  readonly frames: number;
  /** Forget the window (e.g. when entering or leaving XR, whose frame pacing differs). */
  reset(): void;
}

/** Create `FrameStats` over the last `window` frames. */
export function createFrameStats(window = 120): FrameStats {
  const ring = new Float64Array(window);
  const scratch = new Float64Array(window);
  let n = 0;
  let head = 0;
  let frames = 0;
  return {
    record(ms) {
      if (!Number.isFinite(ms) || ms <= 0) return;
      ring[head] = ms;
      head = (head + 1) % window;
      if (n < window) n++;
      frames++;
    },
    median() {
      if (n === 0) return NaN;
      scratch.set(ring.subarray(0, n));
      const s = scratch.subarray(0, n).sort();
      return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    },
    get frames() {
      return frames;
    },
    reset() {
      n = 0;
      head = 0;
    },
  };
}
