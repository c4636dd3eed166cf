/**
 * A bounded ring buffer of timestamped fixed-size frames (struct of arrays), allocation-free after
 * construction. Sensors push; perception reads windows by time into arrays it owns.
 */
export interface TimedRingBuffer {
  /** Floats per frame. */
  readonly stride: number;
  /** Maximum frames held; older ones are overwritten. */
  readonly capacity: number;
  /** Frames currently held (<= capacity). */
  readonly size: number;
  /** Frames ever pushed (monotonic; useful to detect new data). */
  readonly written: number;
  /** Append a frame stamped `t` (seconds); `frame` is copied (its first `stride` values). */
  push(t: number, frame: ArrayLike<number>): void;
  /** Timestamp of the newest frame, or -Infinity when empty. */
  latestTime(): number;
  /** Timestamp of the oldest frame, or Infinity when empty. */
  oldestTime(): number;
  /**
   * Copy the frames with `from <= t <= to`, oldest first, into `out` (row-major, `stride` floats a
   * frame) and their times into `outTimes` when given. Copies at most `out.length / stride` frames,
   * the newest ones when there are more. Returns the number of frames copied.
   */
  readWindow(from: number, to: number, out: Float32Array, outTimes?: Float64Array): number;
  /** Copy the newest `count` frames (oldest first) like `readWindow`. Returns frames copied. */
  readLatest(count: number, out: Float32Array, outTimes?: Float64Array): number;
  /** Forget everything. */
  clear(): void;
}

/** Create a `TimedRingBuffer` holding `capacity` frames of `stride` floats. */
export function createTimedRingBuffer(stride: number, capacity: number): TimedRingBuffer {
  if (!Number.isInteger(stride) || stride < 1) throw new RangeError(`stride must be a positive integer, got ${stride}`);
  if (!Number.isInteger(capacity) || capacity < 1)
    throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
  const data = new Float32Array(stride * capacity);
  const times = new Float64Array(capacity);
  let head = 0; // next slot to write
  let size = 0;
  let written = 0;

  const slot = (i: number) => (head - size + i + capacity) % capacity; // i-th oldest

  function copyRange(first: number, count: number, out: Float32Array, outTimes?: Float64Array) {
    for (let k = 0; k < count; k++) {
      const s = slot(first + k);
      out.set(data.subarray(s * stride, s * stride + stride), k * stride);
      if (outTimes) outTimes[k] = times[s];
    }
    return count;
  }

  return {
    stride,
    capacity,
    get size() {
      return size;
    },
    get written() {
      return written;
    },
    push(t, frame) {
      const base = head * stride;
      for (let j = 0; j < stride; j++) data[base + j] = frame[j];
      times[head] = t;
      head = (head + 1) % capacity;
      if (size < capacity) size++;
      written++;
    },
    latestTime() {
      return size ? times[(head - 1 + capacity) % capacity] : -Infinity;
    },
    oldestTime() {
      return size ? times[slot(0)] : Infinity;
    },
    readWindow(from, to, out, outTimes) {
      // Times are pushed in order, so binary-search the first index with t >= from.
      let lo = 0;
      let hi = size;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (times[slot(mid)] < from) lo = mid + 1;
        else hi = mid;
      }
      let end = lo;
      while (end < size && times[slot(end)] <= to) end++;
      const maxFrames = Math.floor(out.length / stride);
      const first = Math.max(lo, end - maxFrames);
      return copyRange(first, end - first, out, outTimes);
    },
    readLatest(count, out, outTimes) {
      const n = Math.min(count, size, Math.floor(out.length / stride));
      return copyRange(size - n, n, out, outTimes);
    },
    clear() {
      head = 0;
      size = 0;
    },
  };
}
