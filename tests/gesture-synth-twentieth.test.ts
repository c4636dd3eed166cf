/**
 * Tests of the evaluation-only "twentieth" motion generator (scripts/gesture/synth-twentieth.ts):
 * size, determinism, the contract's clip format, plausibility, and label checks that read only
 * the output clips' head and hand poses (no generator internals).
 */
import { describe, expect, it } from 'vitest';
import { GESTURE_LABELS, type MotionFrame, type Vec3 } from '../src/core/types';
import { clipToJson, dot, qrot, sub } from '../scripts/gesture/motion-math';
import { parseClip } from '../scripts/gesture/node-io';
import { summarise, twentiethDataset } from '../scripts/gesture/synth-twentieth';
import { clipPeakHandSpeed, median } from './support/motion';

const PER_LABEL = 5;
const SEED = 2020;
const clips = twentiethDataset(PER_LABEL, SEED);
const byLabel = (l: string) => clips.filter((c) => c.label === l);
const DEG = Math.PI / 180;

// ------------------------------------------------------------------------------------------
// Independent pose-only checks
// ------------------------------------------------------------------------------------------

interface Sample {
  t: number;
  right: number;
  up: number;
  fwd: number;
  horiz: number;
}

function headAngles(frames: readonly MotionFrame[]) {
  const t: number[] = [];
  const yaw: number[] = [];
  const pitch: number[] = [];
  for (const f of frames) {
    if (!f.head) continue;
    const fw = qrot(f.head.q, [0, 0, -1]);
    let y = Math.atan2(-fw[0], -fw[2]);
    if (yaw.length) y = yaw[yaw.length - 1] + Math.atan2(Math.sin(y - yaw[yaw.length - 1]), Math.cos(y - yaw[yaw.length - 1]));
    t.push(f.t);
    yaw.push(y);
    pitch.push(Math.asin(Math.max(-1, Math.min(1, fw[1]))));
  }
  return { t, yaw, pitch };
}

/** Hand samples relative to the head, in a frame facing the head's median yaw; split at tracking gaps. */
function handRuns(frames: readonly MotionFrame[]): Sample[][] {
  const { yaw } = headAngles(frames);
  const y0 = median(yaw);
  const R: Vec3 = [Math.cos(y0), 0, -Math.sin(y0)];
  const F: Vec3 = [-Math.sin(y0), 0, -Math.cos(y0)];
  const runs: Sample[][] = [];
  for (const hand of ['left', 'right'] as const) {
    let cur: Sample[] = [];
    for (const f of frames) {
      const h = f[hand];
      if (!h || !f.head) continue;
      if (cur.length && f.t - cur[cur.length - 1].t > 0.15) {
        runs.push(cur);
        cur = [];
      }
      const d = sub(h.p, f.head.p);
      cur.push({ t: f.t, right: dot(d, R), up: d[1], fwd: dot(d, F), horiz: Math.hypot(d[0], d[2]) });
    }
    if (cur.length) runs.push(cur);
  }
  return runs;
}

/** Extremes of a series with hysteresis h: alternating local maxima/minima (indices). */
function extremes(xs: readonly number[], h: number): number[] {
  const out: number[] = [];
  if (!xs.length) return out;
  let trend = 0;
  let best = 0;
  let lo = 0;
  let hi = 0;
  for (let i = 1; i < xs.length; i++) {
    if (trend === 0) {
      if (xs[i] > xs[hi]) hi = i;
      if (xs[i] < xs[lo]) lo = i;
      if (xs[hi] - xs[lo] >= h) {
        out.push(hi > lo ? lo : hi);
        trend = hi > lo ? 1 : -1;
        best = hi > lo ? hi : lo;
      }
      continue;
    }
    if ((trend > 0 && xs[i] > xs[best]) || (trend < 0 && xs[i] < xs[best])) best = i;
    else if (Math.abs(xs[i] - xs[best]) >= h) {
      out.push(best);
      trend = -trend;
      best = i;
    }
  }
  if (trend !== 0) out.push(best);
  return out;
}

function headReversal(t: number[], xs: number[], minDeg: number, downFirst: boolean): boolean {
  const e = extremes(xs, 3 * DEG);
  for (let i = 0; i + 2 < e.length; i++) {
    const d1 = xs[e[i + 1]] - xs[e[i]];
    const d2 = xs[e[i + 2]] - xs[e[i + 1]];
    if ((!downFirst || d1 < 0) && Math.abs(d1) >= minDeg * DEG && Math.abs(d2) >= minDeg * DEG && t[e[i + 2]] - t[e[i]] <= 1.2) return true;
  }
  return false;
}

/** Still stretches: [i, j] with t[j] - t[i] >= hold where every sample lies within `radius` of sample i's running box. */
function stills(r: Sample[], hold: number, diag: number): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < r.length; i++) {
    const lo = [r[i].right, r[i].up, r[i].fwd];
    const hi = [...lo];
    let j = i;
    while (j + 1 < r.length) {
      const p = [r[j + 1].right, r[j + 1].up, r[j + 1].fwd];
      const nlo = lo.map((v, k) => Math.min(v, p[k]));
      const nhi = hi.map((v, k) => Math.max(v, p[k]));
      if (Math.hypot(nhi[0] - nlo[0], nhi[1] - nlo[1], nhi[2] - nlo[2]) > diag) break;
      lo.splice(0, 3, ...nlo);
      hi.splice(0, 3, ...nhi);
      j++;
    }
    if (r[j].t - r[i].t >= hold) {
      out.push([i, j]);
      i = j;
    }
  }
  return out;
}

const checks: Record<string, (frames: readonly MotionFrame[]) => boolean> = {
  /** >= 2 consecutive side-to-side swings (>= 6 cm, 0.1-0.45 s each) of a hand raised to about shoulder height. */
  wave: (frames) =>
    handRuns(frames).some((r) => {
      const e = extremes(
        r.map((s) => s.right),
        0.03,
      );
      let run = 0;
      for (let i = 0; i + 1 < e.length; i++) {
        const a = r[e[i]];
        const b = r[e[i + 1]];
        const raised = r.slice(e[i], e[i + 1] + 1).every((s) => s.up >= -0.3);
        run = raised && Math.abs(b.right - a.right) >= 0.06 && b.t - a.t >= 0.1 && b.t - a.t <= 0.45 ? run + 1 : 0;
        if (run >= 2) return true;
      }
      return false;
    }),
  /** >= 2 pulls toward the body (>= 3 cm) of a hand in front of the chest, within 1.2 s of each other. */
  beckon: (frames) =>
    handRuns(frames).some((r) => {
      const e = extremes(
        r.map((s) => s.fwd),
        0.015,
      );
      const pulls: number[] = [];
      for (let i = 0; i + 1 < e.length; i++) {
        const a = r[e[i]];
        const b = r[e[i + 1]];
        const front = r.slice(e[i], e[i + 1] + 1).every((s) => s.up >= -0.65 && s.up <= -0.05 && s.fwd >= 0.04);
        if (front && a.fwd - b.fwd >= 0.03 && b.t - a.t <= 0.8) pulls.push(a.t);
      }
      return pulls.some((t, k) => k > 0 && t - pulls[k - 1] <= 1.2);
    }),
  /** Head pitched down then up (>= 7 degrees each way) within 1.2 s. */
  nod: (frames) => {
    const h = headAngles(frames);
    return headReversal(h.t, h.pitch, 7, true);
  },
  /** Head turned one way then the other (>= 8 degrees each way) within 1.2 s. */
  shake: (frames) => {
    const h = headAngles(frames);
    return headReversal(h.t, h.yaw, 8, false);
  },
  /** Extended hand (>= 28 cm out from the head horizontally, not hanging) held within a 4 cm box for >= 0.5 s. */
  point: (frames) => handRuns(frames).some((r) => stills(r, 0.5, 0.04).some(([i, j]) => r.slice(i, j + 1).every((s) => s.horiz >= 0.28 && s.up >= -0.45))),
  /** Hand moved >= 10 cm forward within the second before a >= 0.3 s hold in front of the body. */
  push: (frames) =>
    handRuns(frames).some((r) =>
      stills(r, 0.3, 0.04).some(([i, j]) => {
        const held = r.slice(i, j + 1);
        if (!held.every((s) => s.fwd >= 0.2 && s.up >= -0.5)) return false;
        const mean = held.reduce((a, s) => a + s.fwd, 0) / held.length;
        return r.slice(0, i + 1).some((s) => r[i].t - s.t <= 1 && mean - s.fwd >= 0.1);
      }),
    ),
};

// ------------------------------------------------------------------------------------------

describe('twentiethDataset', () => {
  it('has perLabel clips of every label', () => {
    expect(clips).toHaveLength(PER_LABEL * GESTURE_LABELS.length);
    for (const l of GESTURE_LABELS) expect(byLabel(l), l).toHaveLength(PER_LABEL);
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const a = twentiethDataset(1, 77).map(clipToJson);
    const b = twentiethDataset(1, 77).map(clipToJson);
    const c = twentiethDataset(1, 78).map(clipToJson);
    expect(a).toEqual(b);
    expect(a.some((x, i) => x !== c[i])).toBe(true);
    expect(a.every((x, i) => x !== c[i])).toBe(true);
  });

  it('writes the contract format and plausible motion on every clip', () => {
    for (const [k, clip] of clips.entries()) {
      const name = `${clip.label}#${k}`;
      const parsed = parseClip(clipToJson(clip), `${clip.label}__${k}.json`);
      expect(parsed.label, name).toBe(clip.label);
      expect(clip.hz, name).toBeGreaterThanOrEqual(30);
      expect(clip.hz, name).toBeLessThanOrEqual(120);
      const f = clip.frames;
      const dur = f[f.length - 1].t - f[0].t;
      expect(dur, name).toBeGreaterThanOrEqual(1);
      expect(dur, name).toBeLessThanOrEqual(3);
      const dts = f.slice(1).map((x, i) => x.t - f[i].t);
      expect(Math.min(...dts), name).toBeGreaterThan(0);
      expect(median(dts) * clip.hz, name).toBeGreaterThan(0.8);
      expect(median(dts) * clip.hz, name).toBeLessThan(1.25);
      for (const fr of f) {
        expect(fr.head, name).not.toBeNull();
        expect(fr.head!.p[1], name).toBeGreaterThan(0.6);
        expect(fr.head!.p[1], name).toBeLessThan(2.2);
        for (const pose of [fr.head, fr.left, fr.right]) {
          if (!pose) continue;
          for (const v of [...pose.p, ...pose.q]) expect(Number.isFinite(v), name).toBe(true);
          expect(Math.abs(Math.hypot(...pose.q) - 1), name).toBeLessThan(1e-3);
        }
      }
      expect(clipPeakHandSpeed(f), name).toBeLessThanOrEqual(3.5);
      // somewhere within ~3 m of the origin
      expect(Math.hypot(f[0].head!.p[0], f[0].head!.p[2]), name).toBeLessThan(3.5);
    }
  });

  it('varies people, places, rates and trackers', () => {
    const hz = new Set(clips.map((c) => c.hz));
    expect(hz.size).toBeGreaterThanOrEqual(4);
    const heights = clips.map((c) => median(c.frames.map((f) => f.head!.p[1])));
    expect(Math.max(...heights) - Math.min(...heights)).toBeGreaterThan(0.4);
    const yaws = clips.map((c) => headAngles(c.frames).yaw[0]);
    expect(Math.max(...yaws.map(Math.sin)) - Math.min(...yaws.map(Math.sin))).toBeGreaterThan(1);
    // some clips lose a hand for a while, some never do
    const lossy = clips.filter((c) => c.frames.some((f) => !f.left || !f.right)).length;
    expect(lossy).toBeGreaterThan(0);
    expect(lossy).toBeLessThan(clips.length);
  });

  for (const label of ['wave', 'beckon', 'point', 'push', 'nod', 'shake'] as const) {
    it(`every ${label} clip shows a ${label}`, () => {
      for (const [k, clip] of byLabel(label).entries()) expect(checks[label](clip.frames), `${label}#${k}`).toBe(true);
    });
  }

  it('no none clip satisfies a gesture check, and none clips vary', () => {
    const none = byLabel('none');
    for (const [k, clip] of none.entries()) for (const g of Object.keys(checks)) expect(checks[g](clip.frames), `none#${k} looks like ${g}`).toBe(false);
    const sig = none.map((c) => {
      const h = headAngles(c.frames);
      const turn = Math.max(...h.yaw) - Math.min(...h.yaw) + Math.max(...h.pitch) - Math.min(...h.pitch);
      const start = c.frames[0].head!.p;
      const end = c.frames[c.frames.length - 1].head!.p;
      let travel = 0;
      for (const r of handRuns(c.frames)) for (let i = 1; i < r.length; i++) travel += Math.hypot(r[i].right - r[i - 1].right, r[i].up - r[i - 1].up, r[i].fwd - r[i - 1].fwd);
      return `${Math.round(turn / (10 * DEG))}/${Math.round(travel / 0.2)}/${Math.round(Math.hypot(end[0] - start[0], end[2] - start[2]) / 0.15)}`;
    });
    expect(new Set(sig).size).toBeGreaterThanOrEqual(3);
  });

  it('summarises in one line', () => {
    const s = summarise(clips);
    expect(s).toContain(`${clips.length} clips`);
    expect(s.includes('\n')).toBe(false);
  });
});
