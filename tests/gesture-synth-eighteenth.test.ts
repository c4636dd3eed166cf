/**
 * Tests of the evaluation-only "eighteenth" motion generator (ballistic, impulse-driven motor
 * control). The label checks read only the output clips' head and hand poses, never generator
 * internals.
 */
import { describe, expect, it } from 'vitest';
import type { MotionFrame, Vec3 } from '../src/core/types';
import { GESTURE_LABELS } from '../src/core/types';
import { clipToJson, qrot } from '../scripts/gesture/motion-math';
import { eighteenthDataset, summarise } from '../scripts/gesture/synth-eighteenth';
import { clipPeakHandSpeed, median } from './support/motion';

const PER_LABEL = 5;
const SEED = 1818;
const clips = eighteenthDataset(PER_LABEL, SEED);
const byLabel = (label: string) => clips.filter((c) => c.label === label);

// ---- checks on output poses only ---------------------------------------------------------------

interface Hs {
  t: number;
  fwd: number;
  lat: number;
  up: number;
  hor: number;
  p: Vec3;
}

/** Body axes from the head's first 0.25 s, head angles (deg) and head-relative hand samples. */
function views(frames: readonly MotionFrame[]) {
  let fx = 0, fz = 0;
  for (const f of frames) {
    if (!f.head || f.t - frames[0].t > 0.25) continue;
    const v = qrot(f.head.q, [0, 0, -1]);
    fx += v[0];
    fz += v[2];
  }
  const l = Math.hypot(fx, fz);
  const F = [fx / l, fz / l];
  const R = [-F[1], F[0]];
  const head = frames
    .filter((f) => f.head)
    .map((f) => {
      const v = qrot(f.head!.q, [0, 0, -1]);
      const u = qrot(f.head!.q, [0, 1, 0]);
      const side = v[0] * R[0] + v[2] * R[1];
      return {
        t: f.t,
        yaw: (Math.atan2(-side, v[0] * F[0] + v[2] * F[1]) * 180) / Math.PI,
        pitch: (Math.asin(Math.max(-1, Math.min(1, v[1]))) * 180) / Math.PI,
        roll: (Math.asin(Math.max(-1, Math.min(1, u[0] * R[0] + u[2] * R[1]))) * 180) / Math.PI,
        p: f.head!.p,
      };
    });
  const hands = (['left', 'right'] as const).map((side) =>
    frames
      .filter((f) => f.head && f[side])
      .map((f): Hs => {
        const h = f[side]!, e = f.head!;
        const d = [h.p[0] - e.p[0], h.p[1] - e.p[1], h.p[2] - e.p[2]];
        return { t: f.t, fwd: d[0] * F[0] + d[2] * F[1], lat: d[0] * R[0] + d[2] * R[1], up: d[1], hor: Math.hypot(d[0], d[2]), p: h.p };
      }),
  );
  return { head, hands };
}

/** Split into contiguous runs (gap <= 0.15 s) that pass `keep`. */
function segmentsOf(xs: Hs[], keep: (s: Hs) => boolean): Hs[][] {
  const out: Hs[][] = [];
  let run: Hs[] = [];
  for (const s of xs) {
    const gap = run.length > 0 && s.t - run[run.length - 1].t > 0.15;
    if (!keep(s) || gap) {
      if (run.length) out.push(run);
      run = keep(s) ? [s] : [];
    } else run.push(s);
  }
  if (run.length) out.push(run);
  return out;
}

/** Extremum indices of a signal with hysteresis h: first anchor, confirmed reversals, last extreme. */
function extrema(xs: number[], h: number): number[] {
  const out: number[] = [];
  let dir = 0, hi = 0, lo = 0, e = 0;
  xs.forEach((x, i) => {
    if (dir === 0) {
      if (x > xs[hi]) hi = i;
      if (x < xs[lo]) lo = i;
      if (xs[hi] - xs[lo] >= h) {
        dir = hi > lo ? 1 : -1;
        out.push(dir > 0 ? lo : hi);
        e = dir > 0 ? hi : lo;
      }
    } else if (dir * (x - xs[e]) >= 0) e = i;
    else if (dir * (xs[e] - x) >= h) {
      out.push(e);
      dir = -dir;
      e = i;
    }
  });
  if (dir !== 0) out.push(e);
  return out;
}

function isWave(frames: readonly MotionFrame[]): boolean {
  return views(frames).hands.some((hs) =>
    segmentsOf(hs, (s) => s.up >= -0.3).some((run) => {
      const ex = extrema(run.map((s) => s.lat), 0.04);
      let streak = 0;
      for (let k = 1; k + 1 < ex.length; k++) {
        const a = run[ex[k]], b = run[ex[k + 1]];
        const swing = Math.abs(b.lat - a.lat) >= 0.04 && b.t - a.t >= 0.09 && b.t - a.t <= 0.5;
        streak = swing ? streak + 1 : 0;
        if (streak >= 2) return true;
      }
      return false;
    }),
  );
}

function isBeckon(frames: readonly MotionFrame[]): boolean {
  return views(frames).hands.some((hs) =>
    segmentsOf(hs, (s) => s.fwd >= 0.1 && s.up >= -0.65 && s.up <= 0.1).some((run) => {
      const ex = extrema(run.map((s) => s.fwd), 0.035);
      let pulls = 0;
      for (let k = 0; k + 1 < ex.length; k++) {
        const a = run[ex[k]], b = run[ex[k + 1]];
        if (a.fwd - b.fwd >= 0.035 && b.t - a.t <= 0.6) pulls++;
      }
      return pulls >= 2;
    }),
  );
}

/** A dip of at least `amp` degrees and back within `win` seconds. */
function dip(ts: number[], xs: number[], amp: number, win: number): boolean {
  for (let i = 0; i < xs.length; i++) {
    let lo = xs[i];
    for (let k = i + 1; k < xs.length && ts[k] - ts[i] <= win; k++) {
      lo = Math.min(lo, xs[k]);
      if (xs[i] - lo >= amp && xs[k] - lo >= amp) return true;
    }
  }
  return false;
}

function isNod(frames: readonly MotionFrame[]): boolean {
  const h = views(frames).head;
  return dip(h.map((x) => x.t), h.map((x) => x.pitch), 7, 0.8);
}

function isShake(frames: readonly MotionFrame[]): boolean {
  const h = views(frames).head;
  const ts = h.map((x) => x.t);
  return dip(ts, h.map((x) => x.yaw), 7, 0.8) || dip(ts, h.map((x) => -x.yaw), 7, 0.8);
}

/** A window of >= hold s where the hand stays in a box of diagonal <= box and `ok` holds throughout. */
function held(hs: Hs[], ok: (s: Hs) => boolean, hold: number, box: number, before?: (i: number) => boolean): boolean {
  for (let i = 0; i < hs.length; i++) {
    if (!ok(hs[i])) continue;
    const lo = [...hs[i].p], hi = [...hs[i].p];
    for (let j = i + 1; j < hs.length && ok(hs[j]) && hs[j].t - hs[j - 1].t <= 0.15; j++) {
      for (let a = 0; a < 3; a++) {
        lo[a] = Math.min(lo[a], hs[j].p[a]);
        hi[a] = Math.max(hi[a], hs[j].p[a]);
      }
      if (Math.hypot(hi[0] - lo[0], hi[1] - lo[1], hi[2] - lo[2]) > box) break;
      if (hs[j].t - hs[i].t >= hold && (!before || before(i))) return true;
    }
  }
  return false;
}

function isPoint(frames: readonly MotionFrame[]): boolean {
  return views(frames).hands.some((hs) => held(hs, (s) => s.hor >= 0.35 && s.up >= -0.5, 0.5, 0.04));
}

function isPush(frames: readonly MotionFrame[]): boolean {
  return views(frames).hands.some((hs) =>
    held(hs, (s) => s.fwd >= 0.28, 0.3, 0.04, (i) => {
      for (let a = i - 1; a >= 0 && hs[i].t - hs[a].t <= 1.0; a--) if (hs[i].fwd - hs[a].fwd >= 0.1) return true;
      return false;
    }),
  );
}

const CHECKS: Record<string, (f: readonly MotionFrame[]) => boolean> = {
  wave: isWave,
  beckon: isBeckon,
  point: isPoint,
  push: isPush,
  nod: isNod,
  shake: isShake,
};

// ---- tests -----------------------------------------------------------------------------------

describe('eighteenth motion generator', () => {
  it('makes perLabel clips of every label', () => {
    expect(clips).toHaveLength(GESTURE_LABELS.length * PER_LABEL);
    for (const label of GESTURE_LABELS) expect(byLabel(label)).toHaveLength(PER_LABEL);
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const a = eighteenthDataset(1, 7).map(clipToJson);
    const b = eighteenthDataset(1, 7).map(clipToJson);
    const c = eighteenthDataset(1, 8).map(clipToJson);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('writes the contract format with plausible motion', () => {
    for (const clip of clips) {
      expect(GESTURE_LABELS as readonly string[]).toContain(clip.label);
      expect(clip.hz).toBeGreaterThanOrEqual(30);
      expect(clip.hz).toBeLessThanOrEqual(120);
      const f = clip.frames;
      expect(f.length).toBeGreaterThan(10);
      const dur = f[f.length - 1].t - f[0].t;
      expect(dur).toBeGreaterThanOrEqual(0.95);
      expect(dur).toBeLessThanOrEqual(3.0);
      const dts = f.slice(1).map((x, i) => x.t - f[i].t);
      expect(Math.min(...dts)).toBeGreaterThan(0);
      expect(Math.abs(median(dts) - 1 / clip.hz)).toBeLessThan(0.2 / clip.hz);
      for (const fr of f) {
        expect(fr.head).not.toBeNull();
        expect(fr.head!.p[1]).toBeGreaterThan(0.6);
        expect(fr.head!.p[1]).toBeLessThan(2.2);
        for (const pose of [fr.head, fr.left, fr.right]) {
          if (!pose) continue;
          expect(pose.p).toHaveLength(3);
          expect(pose.q).toHaveLength(4);
          for (const v of [...pose.p, ...pose.q]) expect(Number.isFinite(v)).toBe(true);
          expect(Math.abs(Math.hypot(...pose.q) - 1)).toBeLessThan(1e-6);
        }
      }
      expect(clipPeakHandSpeed(f)).toBeLessThanOrEqual(3.5);
      const json = JSON.parse(clipToJson(clip));
      expect(Object.keys(json).sort()).toEqual(['frames', 'hz', 'label']);
      expect(Object.keys(json.frames[0]).sort()).toEqual(['head', 'left', 'right', 't']);
    }
  });

  for (const label of ['wave', 'beckon', 'point', 'push', 'nod', 'shake']) {
    it(`every ${label} clip shows a ${label} in its output poses`, () => {
      const failed = byLabel(label)
        .map((c, i) => ({ i, ok: CHECKS[label](c.frames) }))
        .filter((r) => !r.ok)
        .map((r) => r.i);
      expect(failed).toEqual([]);
    });
  }

  it('none clips satisfy no gesture check and are varied', () => {
    const none = byLabel('none');
    for (const [i, c] of none.entries()) {
      const hits = Object.entries(CHECKS)
        .filter(([, check]) => check(c.frames))
        .map(([k]) => k);
      expect({ i, hits }).toEqual({ i, hits: [] });
    }
    const signature = (frames: readonly MotionFrame[]) => {
      const v = views(frames);
      const range = (xs: number[]) => Math.max(...xs) - Math.min(...xs);
      const hp = v.head.map((h) => h.p);
      const travel = Math.hypot(range(hp.map((p) => p[0])), range(hp.map((p) => p[2])));
      const hand = Math.max(...v.hands.map((hs) => (hs.length ? Math.hypot(range(hs.map((s) => s.p[0])), range(hs.map((s) => s.p[1])), range(hs.map((s) => s.p[2]))) : 0)));
      return [range(v.head.map((h) => h.yaw)) > 15, range(v.head.map((h) => h.pitch)) > 8 || range(v.head.map((h) => h.roll)) > 8, travel > 0.2, hand - travel > 0.2].join('');
    };
    expect(new Set(none.map((c) => signature(c.frames))).size).toBeGreaterThanOrEqual(3);
  });

  it('summarises in one line', () => {
    const s = summarise(clips);
    expect(s).toContain(`${clips.length} clips`);
    expect(s.includes('\n')).toBe(false);
  });
});
