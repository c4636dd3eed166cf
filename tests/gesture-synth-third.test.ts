// The third motion model (scripts/gesture/synth-third.ts) is an evaluation set: a bug in it makes
// every figure measured on it wrong. Until session 8 its joint-space paths returned their key
// postures themselves, and the gestures' oscillators and tremor, which add to the returned posture
// in place, piled up frame after frame: a beckon's elbow reached 400 degrees and the hand swung
// behind the head at 5-11 m/s.
import { describe, expect, it } from 'vitest';
import { armFK, jointPath, thirdDataset } from '../scripts/gesture/synth-third';
import { clipPeakHandSpeed, median } from './support/motion';

const DEG = Math.PI / 180;

describe('third motion model', () => {
  it('gives a fresh posture on every call, so adding to one never changes the path', () => {
    const a = { plane: 0, elev: 10 * DEG, axial: 0, elbow: 80 * DEG, pron: 0, wflex: 0, wdev: 0 };
    const b = { ...a, elev: 40 * DEG, elbow: 90 * DEG };
    const path = jointPath([[0.1, a], [0.5, b]]);
    for (const t of [0, 0.3, 1, 2]) {
      const before = path(t).elbow;
      path(t).elbow += 1;
      expect(path(t).elbow).toBe(before);
    }
    expect(a.elbow).toBe(80 * DEG);
    expect(b.elbow).toBe(90 * DEG);
  });

  it('keeps beckoning hands within human speed', () => {
    // Peak hand speed over 0.1 s in each beckon clip. A beckon is a slow gesture; with the
    // piled-up oscillations the median clip peaked at 5.6 m/s (90th percentile 10.9 m/s).
    const clips = thirdDataset(12, 11).filter((c) => c.label === 'beckon');
    expect(clips.length).toBe(12);
    expect(median(clips.map((c) => clipPeakHandSpeed(c.frames)))).toBeLessThan(4);
  });

  it('reaches with the arm it models (forward kinematics stays within arm length)', () => {
    const A = { height: 1.7, hipY: 0.9, c7Y: 1.42, shX: 0.22, shDrop: 0.04, upper: 0.32, fore: 0.25, grip: 0.09, neck: 0.12, rayTilt: 0 };
    const { p } = armFK({ plane: 0, elev: 90 * DEG, axial: 0, elbow: 0, pron: 0, wflex: 0, wdev: 0 }, 1, A);
    // Arm held straight forward: the grip is upper + fore + grip in front of the shoulder (-z).
    expect(p[2]).toBeCloseTo(-(A.upper + A.fore + A.grip), 5);
    expect(Math.abs(p[1])).toBeLessThan(1e-9);
  });
});
