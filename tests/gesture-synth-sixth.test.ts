import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GESTURE_LABELS, type MotionFrame, type Pose, type Vec3 } from '../src/core/types';
import { clipToJson, createRng, dot, len, norm, qrot, sub, type MotionClip } from '../scripts/gesture/motion-math';
import { parseClip } from '../scripts/gesture/node-io';
import { SIXTH_NONE_KINDS, powerLawRhythm, sixthClip, sixthDataset } from '../scripts/gesture/synth-sixth';
import { clipPeakHandSpeed, median, peakHandSpeed } from './support/motion';

const PER_LABEL = 12;
const data = sixthDataset(PER_LABEL, 1234);
const byLabel = (l: string) => data.filter((c) => c.label === l);
type Side = 'left' | 'right';
const SIDES: Side[] = ['left', 'right'];
const DEG = Math.PI / 180;

/** Horizontal facing and right vectors from the first head pose. */
function facing(frames: MotionFrame[]): { f: Vec3; r: Vec3; o: Vec3 } {
  const h = frames[0].head as Pose;
  const d = qrot(h.q, [0, 0, -1]);
  const f = norm([d[0], 0, d[2]]);
  return { f, r: [-f[2], 0, f[0]], o: h.p };
}

/** Head yaw / pitch (rad) of each frame, yaw unwrapped. */
function headAngles(frames: MotionFrame[]): { yaw: number[]; pitch: number[] } {
  const yaw: number[] = [];
  const pitch: number[] = [];
  for (const f of frames) {
    const d = qrot((f.head as Pose).q, [0, 0, -1]);
    let y = Math.atan2(-d[0], -d[2]);
    if (yaw.length) while (y - yaw[yaw.length - 1] > Math.PI) y -= 2 * Math.PI;
    if (yaw.length) while (y - yaw[yaw.length - 1] < -Math.PI) y += 2 * Math.PI;
    yaw.push(y);
    pitch.push(Math.asin(Math.max(-1, Math.min(1, d[1]))));
  }
  return { yaw, pitch };
}

/** Number of direction reversals of x with hysteresis h. */
const reversals = (x: number[], h: number) => reversalTimes(x.map((_, i) => i), x, h).length;

/** Tracked samples of a hand. */
const track = (c: MotionClip, s: Side) => c.frames.flatMap((f) => (f[s] && f.head ? [{ t: f.t, p: (f[s] as Pose).p, q: (f[s] as Pose).q, head: f.head.p }] : []));

/** The hand that moves most (bounding-box diagonal). */
function activeHand(c: MotionClip): Side {
  const size = (s: Side) => {
    const ps = track(c, s).map((x) => x.p);
    if (ps.length < 2) return 0;
    return len([0, 1, 2].map((i) => Math.max(...ps.map((p) => p[i])) - Math.min(...ps.map((p) => p[i]))) as Vec3);
  };
  return size('left') >= size('right') ? 'left' : 'right';
}

/** Still runs (all samples within `r` of the run's first sample) of at least `minDur` seconds. */
function stillRuns(samples: ReturnType<typeof track>, r: number, minDur: number) {
  const runs: { i: number; j: number }[] = [];
  for (let i = 0; i < samples.length; i++) {
    let j = i;
    while (j + 1 < samples.length && len(sub(samples[j + 1].p, samples[i].p)) <= r) j++;
    if (samples[j].t - samples[i].t >= minDur) runs.push({ i, j });
  }
  return runs;
}

/** Times of direction reversals of x(t) with hysteresis h (at the turning extremum). */
function reversalTimes(ts: number[], x: number[], h: number): number[] {
  const out: number[] = [];
  let dir = 0;
  let lo = 0;
  let hi = 0;
  x.forEach((v, i) => {
    if (dir === 0) {
      if (v < x[lo]) lo = i;
      if (v > x[hi]) hi = i;
      if (v > x[lo] + h) [dir, hi] = [1, i];
      else if (v < x[hi] - h) [dir, lo] = [-1, i];
    } else if (dir > 0) {
      if (v > x[hi]) hi = i;
      else if (v < x[hi] - h) {
        out.push(ts[hi]);
        [dir, lo] = [-1, i];
      }
    } else if (v < x[lo]) lo = i;
    else if (v > x[lo] + h) {
      out.push(ts[lo]);
      [dir, hi] = [1, i];
    }
  });
  return out;
}

/**
 * Swing frequency from reversal times: full periods (every other reversal, which cancels the
 * two halves' unequal durations) between interior reversals (the first and last are shaped by
 * the start and end of the motion); half periods when there are too few.
 */
function swingHz(rev: number[]): number {
  const r = rev.length >= 5 ? rev.slice(1, -1) : rev;
  if (r.length >= 3) return 1 / median(r.slice(2).map((t, i) => t - r[i]));
  return 1 / (2 * (r[r.length - 1] - r[0]));
}

/** A rough shoulder position from the first head pose (0.2 m below, 0.1 m behind the eyes, 0.18 m aside). */
function shoulderEstimate(c: MotionClip, s: Side): Vec3 {
  const { f, r, o } = facing(c.frames);
  const k = s === 'right' ? 0.18 : -0.18;
  return [o[0] - 0.1 * f[0] + k * r[0], o[1] - 0.2, o[2] - 0.1 * f[2] + k * r[2]];
}

describe('synth-sixth: format', () => {
  it('makes every label, none twice as often', () => {
    for (const l of GESTURE_LABELS) expect(byLabel(l).length).toBe(l === 'none' ? 2 * PER_LABEL : PER_LABEL);
    expect(SIXTH_NONE_KINDS.length).toBeGreaterThanOrEqual(8);
  });

  it('writes valid clips: rate, duration, times, unit quaternions, nulls only for hands', () => {
    for (const c of data) {
      expect(c.hz).toBeGreaterThanOrEqual(30);
      expect(c.hz).toBeLessThanOrEqual(120);
      const f = c.frames;
      expect(f[0].t).toBe(0);
      const T = f[f.length - 1].t;
      expect(T).toBeGreaterThanOrEqual(1);
      expect(T).toBeLessThanOrEqual(3);
      for (let i = 1; i < f.length; i++) expect(f[i].t).toBeGreaterThan(f[i - 1].t);
      expect(f.length).toBeGreaterThan(T * 20);
      for (const fr of f) {
        expect(fr.head).not.toBeNull();
        for (const p of [fr.head, fr.left, fr.right]) {
          if (!p) continue;
          expect(p.p.every(Number.isFinite)).toBe(true);
          expect(p.q.every(Number.isFinite)).toBe(true);
          expect(Math.abs(Math.hypot(...p.q) - 1)).toBeLessThan(1e-6);
        }
      }
      const back = parseClip(clipToJson(c), 'clip');
      expect(back.label).toBe(c.label);
      expect(back.frames.length).toBe(f.length);
    }
  });

  it('the committed sample matches the generator (seed 63, 6 per label)', () => {
    const dir = 'tests/fixtures/gesture/sixth';
    const files = readdirSync(dir).filter((n) => n.endsWith('.json')).sort();
    const fresh = sixthDataset(6, 63);
    expect(files.length).toBe(fresh.length);
    const want = new Map<string, string>();
    const k = new Map<string, number>();
    for (const c of fresh) {
      const n = (k.get(c.label as string) ?? 0) + 1;
      k.set(c.label as string, n);
      want.set(`${c.label}__${String(n).padStart(4, '0')}.json`, clipToJson(c));
    }
    for (const name of files) expect(readFileSync(join(dir, name), 'utf8')).toBe(want.get(name));
  });
});

describe('synth-sixth: determinism', () => {
  it('same seed gives the same clips, another seed differs', () => {
    const a = sixthDataset(2, 7).map(clipToJson);
    const b = sixthDataset(2, 7).map(clipToJson);
    const c = sixthDataset(2, 8).map(clipToJson);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(clipToJson(sixthClip('wave', createRng(3)))).toBe(clipToJson(sixthClip('wave', createRng(3))));
  });
});

describe('synth-sixth: plausibility', () => {
  it('keeps hand speed human, the head at standing height and hands within reach', () => {
    for (const c of data) {
      expect(clipPeakHandSpeed(c.frames)).toBeLessThan(5);
      for (const f of c.frames) {
        const h = f.head as Pose;
        expect(h.p[1]).toBeGreaterThanOrEqual(1.4);
        expect(h.p[1]).toBeLessThanOrEqual(1.9);
        for (const s of SIDES) {
          const p = f[s];
          if (!p) continue;
          expect(len(sub(p.p, h.p))).toBeLessThan(1.1);
          expect(p.p[1]).toBeGreaterThan(0.3);
        }
      }
    }
  });

  it('hand gestures mostly peak between 0.3 and 3 m/s', () => {
    const peaks = ['wave', 'beckon', 'point', 'push'].flatMap((l) => byLabel(l).map((c) => clipPeakHandSpeed(c.frames)));
    expect(peaks.filter((v) => v >= 0.3 && v <= 3).length / peaks.length).toBeGreaterThanOrEqual(0.85);
    expect(median(peaks)).toBeGreaterThan(0.8);
  });

  it('places users around the room facing many directions', () => {
    const yaws = data.map((c) => {
      const { f } = facing(c.frames);
      return Math.atan2(f[0], -f[2]);
    });
    expect(yaws.filter((y) => y > 0).length).toBeGreaterThan(data.length * 0.25);
    expect(yaws.filter((y) => Math.abs(y) > Math.PI / 2).length).toBeGreaterThan(data.length * 0.2);
    expect(Math.max(...data.map((c) => Math.hypot((c.frames[0].head as Pose).p[0], (c.frames[0].head as Pose).p[2])))).toBeGreaterThan(1);
  });
});

describe('synth-sixth: label sanity', () => {
  it('wave: raised hand swinging side to side at 1.5-3.5 Hz', () => {
    for (const c of byLabel('wave')) {
      const s = activeHand(c);
      const { r } = facing(c.frames);
      const raised = track(c, s).filter((x) => x.p[1] >= x.head[1] - 0.35);
      expect(raised.length).toBeGreaterThan(10);
      expect(raised[raised.length - 1].t - raised[0].t).toBeGreaterThan(0.5);
      const lat = raised.map((x) => dot(x.p, r));
      const rev = reversalTimes(
        raised.map((x) => x.t),
        lat,
        0.015,
      );
      expect(rev.length).toBeGreaterThanOrEqual(2);
      expect(swingHz(rev)).toBeGreaterThanOrEqual(1.3);
      expect(swingHz(rev)).toBeLessThanOrEqual(3.7);
    }
  });

  it('beckon: hand in front of the chest moving repeatedly toward the body', () => {
    for (const c of byLabel('beckon')) {
      const s = activeHand(c);
      const { f, o } = facing(c.frames);
      const fr = track(c, s).filter((x) => x.p[1] < x.head[1] - 0.05 && dot(sub(x.p, o), f) > -0.05);
      expect(fr.length).toBeGreaterThan(10);
      expect(reversals(fr.map((x) => dot(x.p, f)), 0.015)).toBeGreaterThanOrEqual(2);
    }
  });

  it('point: arm extended, hand still >= 0.5 s, the ray pointing along the arm', () => {
    for (const c of byLabel('point')) {
      const ok = SIDES.some((s) => {
        const tr = track(c, s);
        const sh = shoulderEstimate(c, s);
        return stillRuns(tr, 0.04, 0.5).some(({ i, j }) => {
          const arm = sub(tr[(i + j) >> 1].p, sh);
          const ray = qrot(tr[(i + j) >> 1].q, [0, 0, -1]);
          return len(arm) >= 0.42 && Math.hypot(arm[0], arm[2]) >= 0.3 && arm[1] / len(arm) > -Math.sin(50 * DEG) && Math.acos(dot(norm(arm), ray)) < 40 * DEG;
        });
      });
      expect(ok).toBe(true);
    }
  });

  it('push: hand pushed forward, palm out, then held', () => {
    for (const c of byLabel('push')) {
      const { f, o } = facing(c.frames);
      const ok = SIDES.some((s) => {
        const tr = track(c, s);
        const fwd = tr.map((x) => dot(sub(x.p, o), f));
        return stillRuns(tr, 0.04, 0.3).some(({ i, j }) => {
          if (i < 1) return false;
          const before = Math.min(...fwd.slice(0, i));
          const ray = qrot(tr[(i + j) >> 1].q, [0, 0, -1]);
          return fwd[i] - before >= 0.15 && ray[1] > Math.sin(20 * DEG);
        });
      });
      expect(ok).toBe(true);
    }
  });

  it('nod: head pitched down and back up', () => {
    for (const c of byLabel('nod')) {
      const { pitch } = headAngles(c.frames);
      expect(Math.max(...pitch) - Math.min(...pitch)).toBeGreaterThan(4 * DEG);
      expect(reversals(pitch, 3 * DEG)).toBeGreaterThanOrEqual(1);
    }
  });

  it('shake: head turned one way and the other', () => {
    for (const c of byLabel('shake')) {
      const { yaw } = headAngles(c.frames);
      expect(Math.max(...yaw) - Math.min(...yaw)).toBeGreaterThan(8 * DEG);
      expect(reversals(yaw, 3 * DEG)).toBeGreaterThanOrEqual(2);
    }
  });

  it('gesture hands are (mostly) tracked; either hand is used', () => {
    const sides = ['wave', 'beckon', 'point'].flatMap((l) => byLabel(l).map(activeHand));
    expect(new Set(sides).size).toBe(2);
    const speeds = byLabel('none').map((c) => Math.max(peakHandSpeed(c.frames, 'left'), peakHandSpeed(c.frames, 'right')));
    expect(speeds.some((v) => v > 0.5)).toBe(true);
    expect(speeds.some((v) => v < 0.3)).toBe(true);
  });
});

describe('synth-sixth: motion model', () => {
  it('rhythmic parts follow the two-thirds power law at the set frequency', () => {
    const rh = powerLawRhythm(createRng(1), {
      t0: 0,
      f: 2,
      cycles: 3,
      a: 0.15,
      b: 0.05,
      sag: 0.3,
      asym: 0.1,
      damp: 1,
      e1: [1, 0, 0],
      e2: [0, 1, 0],
      beta: 1 / 3,
      s0: 0,
      fJit: 0,
      fRange: [0.5, 5],
      ramp: 0.01,
    });
    expect(rh.t1).toBeCloseTo(1.5, 6);
    const dt = 0.001;
    const lx: number[] = [];
    const ly: number[] = [];
    for (let t = 0.1; t < 1.4; t += dt) {
      const [p0, p1, p2] = [rh.off(t - dt), rh.off(t), rh.off(t + dt)];
      const v = sub(p2, p0).map((x) => x / (2 * dt));
      const acc = [0, 1, 2].map((i) => (p2[i] - 2 * p1[i] + p0[i]) / (dt * dt));
      const sp = Math.hypot(v[0], v[1]);
      const kappa = Math.abs(v[0] * acc[1] - v[1] * acc[0]) / sp ** 3;
      if (kappa > 1 / (0.15 * 4)) {
        lx.push(Math.log(kappa));
        ly.push(Math.log(sp));
      }
    }
    const mx = lx.reduce((a, b) => a + b, 0) / lx.length;
    const my = ly.reduce((a, b) => a + b, 0) / ly.length;
    const slope = lx.reduce((a, x, i) => a + (x - mx) * (ly[i] - my), 0) / lx.reduce((a, x) => a + (x - mx) ** 2, 0);
    expect(slope).toBeGreaterThan(-0.38);
    expect(slope).toBeLessThan(-0.28);
    const ts: number[] = [];
    const xs: number[] = [];
    for (let t = 0.02; t < 1.48; t += 0.005) {
      ts.push(t);
      xs.push(rh.off(t)[0]);
    }
    expect(swingHz(reversalTimes(ts, xs, 0.01))).toBeCloseTo(2, 1);
  });
});
