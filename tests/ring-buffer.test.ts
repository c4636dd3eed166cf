import { describe, expect, it } from 'vitest';
import { createTimedRingBuffer } from '../src/core/ring-buffer';

describe('createTimedRingBuffer', () => {
  it('keeps the newest frames and reads windows by time, oldest first', () => {
    const rb = createTimedRingBuffer(2, 4);
    for (let i = 0; i < 6; i++) rb.push(i * 0.1, [i, -i]);
    expect(rb.size).toBe(4);
    expect(rb.written).toBe(6);
    expect(rb.oldestTime()).toBeCloseTo(0.2);
    expect(rb.latestTime()).toBeCloseTo(0.5);
    const out = new Float32Array(8);
    const times = new Float64Array(4);
    const n = rb.readWindow(0.25, 0.45, out, times);
    expect(n).toBe(2);
    expect(Array.from(out.subarray(0, 4))).toEqual([3, -3, 4, -4]);
    expect(times[0]).toBeCloseTo(0.3);
  });

  it('returns the newest frames of a window when the output is too small', () => {
    const rb = createTimedRingBuffer(1, 10);
    for (let i = 0; i < 10; i++) rb.push(i, [i]);
    const out = new Float32Array(3);
    expect(rb.readWindow(0, 100, out)).toBe(3);
    expect(Array.from(out)).toEqual([7, 8, 9]);
    expect(rb.readLatest(2, out)).toBe(2);
    expect(Array.from(out.subarray(0, 2))).toEqual([8, 9]);
  });

  it('rejects bad sizes with a message naming the argument', () => {
    expect(() => createTimedRingBuffer(0, 4)).toThrow(/stride/);
    expect(() => createTimedRingBuffer(2, 1.5)).toThrow(/capacity/);
  });
});
