import { describe, expect, it } from 'vitest';
import { GESTURE_LABELS, type MotionFrame, type Pose } from '../src/core/types';
import { clipToJson, createRng, len, qrot, sub, type MotionClip } from '../scripts/gesture/motion-math';
import { fourteenthDataset, gpDraw, kernelMatrix, matern52 } from '../scripts/gesture/synth-fourteenth';
import { clipPeakHandSpeed, median } from './support/motion';

const PER = 4;
const clips = fourteenthDataset(PER, 3);
const byLabel = (label: string) => clips.filter((c) => c.label === label);
const hands = (f: MotionFrame): Pose[] => [f.left, f.right].filter((p): p is Pose => p !== null);
const DEG = 180 / Math.PI;

/** Turning points of x(t) with hysteresis thr (each confirmed by a reversal of at least thr). */
function turns(ts: number[], xs: number[], thr: number): { t: number; x: number }[] {
  const out: { t: number; x: number }[] = [];
  let dir = 0;
  let [hi, hiT, lo, loT] = [xs[0], ts[0], xs[0], ts[0]];
  for (let i = 1; i < xs.length; i++) {
    const x = xs[i];
    if (dir >= 0 && x > hi) [hi, hiT] = [x, ts[i]];
    if (dir <= 0 && x < lo) [lo, loT] = [x, ts[i]];
    if (dir >= 0 && hi - x >= thr) {
      out.push({ t: hiT, x: hi });
      dir = -1;
      [lo, loT] = [x, ts[i]];
    } else if (dir <= 0 && x - lo >= thr) {
      out.push({ t: loT, x: lo });
      dir = 1;
      [hi, hiT] = [x, ts[i]];
    }
  }
  return out;
}

function headAngles(c: MotionClip) {
  const t: number[] = [];
  const yaw: number[] = [];
  const pitch: number[] = [];
  let acc = 0;
  let prev = NaN;
  for (const f of c.frames) {
    if (!f.head) continue;
    const fw = qrot(f.head.q, [0, 0, -1]);
    const y = Math.atan2(-fw[0], -fw[2]);
    if (Number.isNaN(prev)) acc = y;
    else acc += Math.atan2(Math.sin(y - prev), Math.cos(y - prev));
    prev = y;
    t.push(f.t);
    yaw.push(acc * DEG);
    pitch.push(Math.asin(Math.max(-1, Math.min(1, fw[1]))) * DEG);
  }
  return { t, yaw, pitch };
}

describe('synth-fourteenth (GP motion synthesis, evaluation only)', () => {
  it('draws every label with the right counts', () => {
    expect(clips.length).toBe(PER * GESTURE_LABELS.length);
    for (const l of GESTURE_LABELS) expect(byLabel(l).length).toBe(PER);
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const a = fourteenthDataset(1, 11).map(clipToJson);
    const b = fourteenthDataset(1, 11).map(clipToJson);
    const c = fourteenthDataset(1, 12).map(clipToJson);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('keeps the clip format: hz 30-120, 1-3 s, increasing t, unit quaternions', () => {
    for (const c of clips) {
      expect(c.hz).toBeGreaterThanOrEqual(30);
      expect(c.hz).toBeLessThanOrEqual(120);
      const d = c.frames[c.frames.length - 1].t - c.frames[0].t;
      expect(d).toBeGreaterThanOrEqual(1);
      expect(d).toBeLessThanOrEqual(3);
      for (let i = 1; i < c.frames.length; i++) expect(c.frames[i].t).toBeGreaterThan(c.frames[i - 1].t);
      for (const f of c.frames) {
        expect(f.head).not.toBeNull();
        for (const p of [f.head as Pose, ...hands(f)]) expect(Math.abs(Math.hypot(...p.q) - 1)).toBeLessThan(1e-6);
      }
    }
  });

  it('is physically plausible: head heights, hand speed, hands near the head', () => {
    for (const c of clips) {
      expect(clipPeakHandSpeed(c.frames)).toBeLessThanOrEqual(3.5);
      for (const f of c.frames) {
        const h = f.head as Pose;
        expect(h.p[1]).toBeGreaterThanOrEqual(0.9);
        expect(h.p[1]).toBeLessThanOrEqual(2.1);
        for (const p of hands(f)) expect(len(sub(p.p, h.p))).toBeLessThanOrEqual(1.1);
      }
    }
  });

  it('waves: a hand reaches shoulder height and swings laterally at 1.5-3.5 Hz', () => {
    for (const c of byLabel('wave')) {
      let ok = false;
      for (const side of ['left', 'right'] as const) {
        const fr = c.frames.filter((f) => f[side] && f.head && (f[side] as Pose).p[1] >= (f.head as Pose).p[1] - 0.35);
        if (fr.length < 10) continue;
        // lateral axis: horizontal, perpendicular to the median head forward direction
        const fw = fr.map((f) => qrot((f.head as Pose).q, [0, 0, -1]));
        const fx = median(fw.map((v) => v[0]));
        const fz = median(fw.map((v) => v[2]));
        const n = Math.hypot(fx, fz);
        const ax = [-fz / n, fx / n];
        const lat = fr.map((f) => {
          const d = sub((f[side] as Pose).p, (f.head as Pose).p);
          return d[0] * ax[0] + d[2] * ax[1];
        });
        const s = [...lat].sort((a, b) => a - b);
        const range = s[Math.floor(0.9 * (s.length - 1))] - s[Math.floor(0.1 * (s.length - 1))];
        const z = turns(
          fr.map((f) => f.t),
          lat,
          Math.max(0.02, 0.4 * range),
        );
        if (z.length < 3) continue;
        const hz = 1 / (2 * median(z.slice(1).map((p, k) => p.t - z[k].t)));
        if (hz >= 1.4 && hz <= 3.7) ok = true;
      }
      expect(ok).toBe(true);
    }
  });

  it('nods pitch the head down and up; shakes turn it both ways', () => {
    for (const c of byLabel('nod')) {
      const { pitch } = headAngles(c);
      let found = false;
      let hi = -Infinity;
      for (let j = 0; j < pitch.length && !found; j++) {
        hi = Math.max(hi, pitch[j]);
        if (hi - pitch[j] >= 5 && pitch.slice(j).some((p) => p - pitch[j] >= 4)) found = true;
      }
      expect(found).toBe(true);
    }
    for (const c of byLabel('shake')) {
      const { t, yaw } = headAngles(c);
      const z = turns(t, yaw, 5);
      expect(z.length).toBeGreaterThanOrEqual(2);
      expect(Math.max(...yaw) - Math.min(...yaw)).toBeGreaterThanOrEqual(8);
    }
  });

  it('points hold a hand still for at least 0.5 s', () => {
    for (const c of byLabel('point')) {
      let best = 0;
      for (const side of ['left', 'right'] as const) {
        const fr = c.frames.filter((f) => f[side]);
        for (let i = 0; i < fr.length; i++) {
          const p0 = (fr[i][side] as Pose).p;
          let j = i;
          while (j + 1 < fr.length && len(sub((fr[j + 1][side] as Pose).p, p0)) <= 0.04) j++;
          best = Math.max(best, fr[j].t - fr[i].t);
        }
      }
      expect(best).toBeGreaterThanOrEqual(0.5);
    }
  });

  it('GP sampler: the posterior passes the constraint and prior draws match the kernel', () => {
    const ts = Array.from({ length: 21 }, (_, i) => i * 0.05);
    const rng = createRng(5);
    const post = gpDraw({ ts, kernel: matern52(0.3), scale: 0.5, mean: 1, obs: [{ t: 0.5, y: 2, sd: 0.01 }], rng });
    expect(Math.abs(post.mean[10] - 2)).toBeLessThan(0.02);
    expect(Math.abs(post.sample[10] - 2)).toBeLessThan(0.06);
    expect(Math.abs(post.mean[0] - 1)).toBeLessThan(Math.abs(post.mean[9] - 1));
    const K = kernelMatrix(matern52(0.3), ts);
    const n = ts.length;
    const draws = 3000;
    const pairs: [number, number][] = [
      [0, 0],
      [3, 5],
      [10, 14],
      [2, 18],
    ];
    const acc = pairs.map(() => 0);
    for (let d = 0; d < draws; d++) {
      const s = gpDraw({ ts, kernel: matern52(0.3), key: 'test-m52', rng }).sample;
      pairs.forEach(([a, b], k) => (acc[k] += s[a] * s[b]));
    }
    pairs.forEach(([a, b], k) => expect(Math.abs(acc[k] / draws - K[a * n + b])).toBeLessThan(0.08));
  });
});
