import { describe, expect, it } from 'vitest';
import { GESTURE_LABELS, type MotionFrame, type Quat, type Vec3 } from '../src/core/types';
import { createRng, dot, len, qrot, sub } from '../scripts/gesture/motion-math';
import { MODELS, NONE_KINDS, mlpg, thirteenthDataset, type Outputs } from '../scripts/gesture/synth-thirteenth';
import { clipPeakHandSpeed } from './support/motion';

const PER = 4;
const SEED = 2024;
const clips = thirteenthDataset(PER, SEED);
const ofLabel = (l: string) => clips.filter((c) => c.label === l);

const fwd = (q: Quat): Vec3 => qrot(q, [0, 0, -1]);
const yawOf = (q: Quat) => Math.atan2(-fwd(q)[0], -fwd(q)[2]);
const pitchOf = (q: Quat) => Math.asin(Math.max(-1, Math.min(1, fwd(q)[1])));
const unwrap = (xs: number[]) => {
  const r = [...xs];
  for (let i = 1; i < r.length; i++) {
    while (r[i] - r[i - 1] > Math.PI) r[i] -= 2 * Math.PI;
    while (r[i] - r[i - 1] < -Math.PI) r[i] += 2 * Math.PI;
  }
  return r;
};
const medianOf = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

/** Head yaw of the clip (median, unwrapped). */
const clipYaw = (frames: MotionFrame[]) => medianOf(unwrap(frames.filter((f) => f.head).map((f) => yawOf(f.head!.q))));

/**
 * Lateral swing frequency of a hand while raised near shoulder height: zero crossings (with a
 * 0.15 m/s dead band) of its lateral velocity in the head-yaw frame, velocity over >= 50 ms spans.
 */
function lateralSwing(frames: MotionFrame[], hand: 'left' | 'right'): { crossings: number; hz: number } {
  const yaw = clipYaw(frames);
  const right: Vec3 = [Math.cos(yaw), 0, -Math.sin(yaw)];
  const pts = frames
    .filter((f) => f[hand] && f.head && f[hand]!.p[1] >= f.head.p[1] - 0.3)
    .map((f) => ({ t: f.t, x: dot(sub(f[hand]!.p, f.head!.p), right) }));
  const times: number[] = [];
  let sign = 0;
  for (let i = 0, j = 0; i < pts.length; i++) {
    if (j <= i) j = i + 1;
    while (j < pts.length && pts[j].t - pts[i].t < 0.05) j++;
    if (j >= pts.length || pts[j].t - pts[i].t > 0.15) continue;
    const v = (pts[j].x - pts[i].x) / (pts[j].t - pts[i].t);
    const s = v > 0.15 ? 1 : v < -0.15 ? -1 : 0;
    if (s && s !== sign) {
      if (sign) times.push((pts[i].t + pts[j].t) / 2);
      sign = s;
    }
  }
  const hz = times.length >= 2 ? (times.length - 1) / (2 * (times[times.length - 1] - times[0])) : 0;
  return { crossings: times.length, hz };
}

describe('synth-thirteenth (HSMM + MLPG evaluation generator)', () => {
  it('has every label with the right count and at least 10 kinds of none', () => {
    for (const l of GESTURE_LABELS) expect(ofLabel(l)).toHaveLength(PER);
    expect(clips).toHaveLength(PER * GESTURE_LABELS.length);
    expect(new Set(MODELS.map((m) => m.label))).toEqual(new Set(GESTURE_LABELS));
    expect(NONE_KINDS.length).toBeGreaterThanOrEqual(10);
    const none = thirteenthDataset(NONE_KINDS.length, 7).filter((c) => c.label === 'none');
    expect(new Set(none.map((c) => c.kind)).size).toBe(NONE_KINDS.length);
  });

  it('is deterministic for a seed and differs across seeds', () => {
    expect(thirteenthDataset(PER, SEED)).toEqual(clips);
    const other = thirteenthDataset(PER, SEED + 1);
    expect(JSON.stringify(other)).not.toEqual(JSON.stringify(clips));
  });

  it('keeps to the clip format: hz, durations, increasing timestamps, unit quaternions', () => {
    for (const c of clips) {
      expect(c.hz).toBeGreaterThanOrEqual(30);
      expect(c.hz).toBeLessThanOrEqual(120);
      const d = c.frames[c.frames.length - 1].t - c.frames[0].t;
      expect(d).toBeGreaterThanOrEqual(1);
      expect(d).toBeLessThanOrEqual(3);
      for (let i = 1; i < c.frames.length; i++) expect(c.frames[i].t).toBeGreaterThan(c.frames[i - 1].t);
      for (const f of c.frames) {
        expect(f.head).not.toBeNull();
        for (const p of [f.head, f.left, f.right]) {
          if (!p) continue;
          expect(Math.abs(Math.hypot(...p.q) - 1)).toBeLessThan(1e-6);
          expect(p.p.every(Number.isFinite)).toBe(true);
        }
      }
    }
  });

  it('is physically plausible: head height, place in the room, hand speed and reach', () => {
    for (const c of clips) {
      for (const f of c.frames) {
        const h = f.head!;
        expect(h.p[1]).toBeGreaterThan(0.9);
        expect(h.p[1]).toBeLessThan(2.1);
        expect(Math.hypot(h.p[0], h.p[2])).toBeLessThanOrEqual(3);
        for (const p of [f.left, f.right]) if (p) expect(len(sub(p.p, h.p))).toBeLessThan(1.1);
      }
      expect(clipPeakHandSpeed(c.frames)).toBeLessThanOrEqual(3.5);
    }
  });

  it('waves: a hand at shoulder height swinging side to side at 1.5-3.5 Hz, 2+ swings', () => {
    for (const c of ofLabel('wave')) {
      const best = (['left', 'right'] as const)
        .map((h) => lateralSwing(c.frames, h))
        .sort((a, b) => b.crossings - a.crossings)[0];
      expect(best.crossings).toBeGreaterThanOrEqual(3);
      expect(best.hz).toBeGreaterThanOrEqual(1.5);
      expect(best.hz).toBeLessThanOrEqual(3.5);
    }
  });

  it('nods pitch the head down and up; shakes turn it both ways', () => {
    for (const c of ofLabel('nod')) {
      // Some frame is >= 0.1 rad below an earlier pitch and >= 0.08 rad below a later one.
      const ps = c.frames.map((f) => pitchOf(f.head!.q));
      let before = -Infinity;
      const maxBefore = ps.map((p) => (before = Math.max(before, p)));
      let after = -Infinity;
      const maxAfter = [...ps].reverse().map((p) => (after = Math.max(after, p))).reverse();
      expect(ps.some((p, k) => maxBefore[k] - p > 0.1 && maxAfter[k] - p > 0.08)).toBe(true);
    }
    for (const c of ofLabel('shake')) {
      const ys = unwrap(c.frames.map((f) => yawOf(f.head!.q)));
      const m = medianOf(ys);
      expect(Math.max(...ys) - m).toBeGreaterThan(0.1);
      expect(m - Math.min(...ys)).toBeGreaterThan(0.1);
    }
  });

  it('points: one hand held still for 0.5 s or more', () => {
    for (const c of ofLabel('point')) {
      let best = 0;
      for (const h of ['left', 'right'] as const) {
        const fr = c.frames.filter((f) => f[h]);
        for (let i = 0, j = 0; j < fr.length; j++) {
          while (fr.slice(i, j).some((f) => len(sub(f[h]!.p, fr[j][h]!.p)) > 0.04)) i++;
          best = Math.max(best, fr[j].t - fr[i].t);
        }
      }
      expect(best).toBeGreaterThanOrEqual(0.5);
    }
  });

  it('MLPG: the banded Cholesky solve matches a dense solve of the normal equations', () => {
    const T = 40;
    const dt = 1 / 30;
    const rng = createRng(5);
    const arr = (f: () => number) => Float64Array.from({ length: T }, f);
    const o: Outputs = {
      ms: arr(() => rng.normal()), ps: arr(() => rng.uniform(0.5, 20)),
      md: arr(() => rng.normal(0, 3)), pd: arr(() => rng.uniform(0.01, 0.5)),
      ma: arr(() => rng.normal(0, 10)), pa: arr(() => rng.uniform(1e-5, 1e-3)),
    };
    const c = mlpg(o, dt);
    // Dense W^T U^-1 W and W^T U^-1 mu.
    const A = Array.from({ length: T }, () => new Array<number>(T).fill(0));
    const b = new Array<number>(T).fill(0);
    const acc = (idx: number[], w: number[], mu: number, p: number) =>
      idx.forEach((i, a) => {
        b[i] += p * w[a] * mu;
        idx.forEach((j, bb) => (A[i][j] += p * w[a] * w[bb]));
      });
    for (let t = 0; t < T; t++) {
      acc([t], [1], o.ms[t], o.ps[t]);
      if (t >= 1 && t < T - 1) {
        acc([t - 1, t, t + 1], [-1 / (2 * dt), 0, 1 / (2 * dt)], o.md[t], o.pd[t]);
        acc([t - 1, t, t + 1], [1 / dt ** 2, -2 / dt ** 2, 1 / dt ** 2], o.ma[t], o.pa[t]);
      }
    }
    for (let i = 0; i < T; i++) {
      const r = A[i].reduce((s, v, j) => s + v * c[j], 0);
      expect(Math.abs(r - b[i])).toBeLessThan(1e-6 * (1 + Math.abs(b[i])));
    }
    // Static outputs alone reproduce their means.
    const only: Outputs = { ...o, pd: new Float64Array(T), pa: new Float64Array(T) };
    mlpg(only, dt).forEach((v, t) => expect(v).toBeCloseTo(o.ms[t], 9));
  });
});
