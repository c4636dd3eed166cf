import { describe, expect, it } from 'vitest';
import { GESTURE_LABELS, type MotionFrame, type Quat, type Vec3 } from '../src/core/types';
import { clipToJson, qrot, type MotionClip } from '../scripts/gesture/motion-math';
import { sixteenthDataset, summarise } from '../scripts/gesture/synth-sixteenth';
import { clipPeakHandSpeed, median, peakHandSpeed } from './support/motion';

// The label checks below read only the clip (head and hand poses): no generator internals.

const PER_LABEL = 5;
const clips = sixteenthDataset(PER_LABEL, 1616);
const byLabel = (label: string) => clips.filter((c) => c.label === label);
type Side = 'left' | 'right';
const SIDES: Side[] = ['left', 'right'];

const fwdOf = (q: Quat): Vec3 => qrot(q, [0, 0, -1]);
const yawOf = (q: Quat) => {
  const f = fwdOf(q);
  return Math.atan2(-f[0], -f[2]);
};
const pitchDeg = (q: Quat) => (Math.asin(Math.max(-1, Math.min(1, fwdOf(q)[1]))) * 180) / Math.PI;
/** Head yaw in degrees, unwrapped over the clip. */
function yawDegs(frames: readonly MotionFrame[]): number[] {
  const out: number[] = [];
  for (const f of frames) {
    let y = (yawOf(f.head!.q) * 180) / Math.PI;
    if (out.length) {
      const p = out[out.length - 1];
      y = p + ((((y - p) % 360) + 540) % 360) - 180;
    }
    out.push(y);
  }
  return out;
}
/** The clip's mean facing (circular mean of head yaw): forward and right axes on the floor. */
function axes(frames: readonly MotionFrame[]): { fwd: Vec3; right: Vec3 } {
  let s = 0,
    c = 0;
  for (const f of frames) {
    const y = yawOf(f.head!.q);
    s += Math.sin(y);
    c += Math.cos(y);
  }
  const y = Math.atan2(s, c);
  return { fwd: [-Math.sin(y), 0, -Math.cos(y)], right: [Math.cos(y), 0, -Math.sin(y)] };
}
const rel = (f: MotionFrame, side: Side): Vec3 => {
  const h = f[side]!.p;
  return [h[0] - f.head!.p[0], h[1] - f.head!.p[1], h[2] - f.head!.p[2]];
};
const along = (v: Vec3, a: Vec3) => v[0] * a[0] + v[1] * a[1] + v[2] * a[2];

/** Turning points of x(t) with hysteresis h. */
function turns(t: number[], x: number[], h: number): { t: number; x: number }[] {
  const piv: { t: number; x: number }[] = [];
  if (!x.length) return piv;
  let lo = 0,
    hi = 0,
    ext = 0,
    dir = 0;
  for (let i = 1; i < x.length; i++) {
    if (dir === 0) {
      if (x[i] < x[lo]) lo = i;
      if (x[i] > x[hi]) hi = i;
      if (x[i] - x[lo] >= h) {
        piv.push({ t: t[lo], x: x[lo] });
        dir = 1;
        ext = i;
      } else if (x[hi] - x[i] >= h) {
        piv.push({ t: t[hi], x: x[hi] });
        dir = -1;
        ext = i;
      }
    } else if ((x[i] - x[ext]) * dir >= 0) ext = i;
    else if ((x[ext] - x[i]) * dir >= h) {
      piv.push({ t: t[ext], x: x[ext] });
      dir = -dir;
      ext = i;
    }
  }
  if (dir !== 0) piv.push({ t: t[ext], x: x[ext] });
  return piv;
}

/** Tracked stretches of a hand (gaps up to 0.15 s bridged). */
function tracked(frames: readonly MotionFrame[], side: Side, ok: (f: MotionFrame) => boolean = () => true): MotionFrame[][] {
  const out: MotionFrame[][] = [];
  let cur: MotionFrame[] = [];
  for (const f of frames) {
    if (f[side] && ok(f) && (!cur.length || f.t - cur[cur.length - 1].t <= 0.15)) cur.push(f);
    else {
      if (cur.length) out.push(cur);
      cur = f[side] && ok(f) ? [f] : [];
    }
  }
  if (cur.length) out.push(cur);
  return out;
}

/** Speed of a hand at frame i over the next >= 0.1 s (Infinity when not measurable). */
function speedAt(frames: readonly MotionFrame[], side: Side, i: number): number {
  let j = i + 1;
  while (j < frames.length && frames[j].t - frames[i].t < 0.1) j++;
  if (j >= frames.length) {
    j = i - 1;
    while (j >= 0 && frames[i].t - frames[j].t < 0.1) j--;
    if (j < 0) return Infinity;
  }
  const a = frames[i][side],
    b = frames[j][side];
  if (!a || !b) return Infinity;
  return Math.hypot(b.p[0] - a.p[0], b.p[1] - a.p[1], b.p[2] - a.p[2]) / Math.abs(frames[j].t - frames[i].t);
}

function isWave(c: MotionClip): boolean {
  const { right } = axes(c.frames);
  return SIDES.some((side) =>
    tracked(c.frames, side, (f) => f[side]!.p[1] >= f.head!.p[1] - 0.5).some((run) => {
      const piv = turns(
        run.map((f) => f.t),
        run.map((f) => along(rel(f, side), right)),
        0.02,
      );
      let streak = 0;
      for (let m = 1; m < piv.length; m++) {
        const ok = Math.abs(piv[m].x - piv[m - 1].x) >= 0.04 && piv[m].t - piv[m - 1].t >= 0.08 && piv[m].t - piv[m - 1].t <= 0.6;
        streak = ok ? streak + 1 : 0;
        if (streak >= 2) return true; // two swings, side to side
      }
      return false;
    }),
  );
}

function isBeckon(c: MotionClip): boolean {
  const { fwd } = axes(c.frames);
  return SIDES.some((side) =>
    tracked(c.frames, side).some((run) => {
      const piv = turns(
        run.map((f) => f.t),
        run.map((f) => along(rel(f, side), fwd)),
        0.02,
      );
      let pulls = 0;
      for (let m = 1; m < piv.length; m++) if (piv[m].x - piv[m - 1].x <= -0.03 && piv[m].t - piv[m - 1].t <= 1) pulls++;
      return pulls >= 2;
    }),
  );
}

/** Head pitch (nod: a dip, down then up) or yaw (shake: left and right) reversals. */
function headReversal(c: MotionClip, what: 'nod' | 'shake'): boolean {
  const t = c.frames.map((f) => f.t);
  const x = what === 'nod' ? c.frames.map((f) => pitchDeg(f.head!.q)) : yawDegs(c.frames);
  const piv = turns(t, x, 2);
  const big = what === 'nod' ? 3 : 5;
  for (let m = 2; m < piv.length; m++) {
    const d1 = piv[m - 1].x - piv[m - 2].x,
      d2 = piv[m].x - piv[m - 1].x;
    const ok = Math.abs(d1) >= big && Math.abs(d2) >= big && piv[m].t - piv[m - 1].t <= 1.2 && piv[m - 1].t - piv[m - 2].t <= 1.2;
    if (ok && (what === 'shake' || d1 < 0)) return true;
  }
  return false;
}

/** A hand away from the head (arm extended) and still for at least 0.5 s. */
function isPoint(c: MotionClip): boolean {
  return SIDES.some((side) => {
    let start = -1;
    for (let i = 0; i < c.frames.length; i++) {
      const f = c.frames[i];
      const v = f[side] ? rel(f, side) : null;
      const ok = !!v && Math.hypot(...v) >= 0.33 && Math.hypot(v[0], v[2]) >= 0.18 && speedAt(c.frames, side, i) < 0.2;
      if (ok && start < 0) start = i;
      if (!ok) start = -1;
      if (start >= 0 && f.t - c.frames[start].t >= 0.5) return true;
    }
    return false;
  });
}

/** A hand moved forward, away from the body, by >= 10 cm within 1 s, then held still >= 0.25 s. */
function isPush(c: MotionClip): boolean {
  const { fwd } = axes(c.frames);
  const fr = c.frames;
  return SIDES.some((side) => {
    for (let j = 0; j < fr.length; j++) {
      if (!fr[j][side]) continue;
      const cj = along(rel(fr[j], side), fwd);
      let moved = false;
      for (let i = j - 1; i >= 0 && fr[j].t - fr[i].t <= 1; i--) if (fr[i][side] && cj - along(rel(fr[i], side), fwd) >= 0.1) moved = true;
      if (!moved) continue;
      let end = j;
      while (end + 1 < fr.length && fr[end + 1][side] && speedAt(fr, side, end + 1) < 0.2) end++;
      if (fr[end].t - fr[j].t >= 0.25 && Math.hypot(...rel(fr[end], side)) >= 0.3) return true;
    }
    return false;
  });
}

describe('synth-sixteenth (MPPI + Kuramoto generator)', () => {
  it('draws perLabel clips of every label', () => {
    expect(clips).toHaveLength(PER_LABEL * GESTURE_LABELS.length);
    for (const label of GESTURE_LABELS) expect(byLabel(label)).toHaveLength(PER_LABEL);
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const a = sixteenthDataset(1, 77).map(clipToJson);
    const b = sixteenthDataset(1, 77).map(clipToJson);
    const c = sixteenthDataset(1, 78).map(clipToJson);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('keeps every clip plausible and in the contract format', () => {
    for (const c of clips) {
      expect(c.hz).toBeGreaterThanOrEqual(30);
      expect(c.hz).toBeLessThanOrEqual(120);
      const fr = c.frames;
      const dur = fr[fr.length - 1].t - fr[0].t;
      expect(dur).toBeGreaterThanOrEqual(1 - 1e-6);
      expect(dur).toBeLessThanOrEqual(3 + 1e-6);
      expect(clipPeakHandSpeed(fr)).toBeLessThanOrEqual(4);
      for (let i = 0; i < fr.length; i++) {
        if (i > 0) expect(fr[i].t).toBeGreaterThan(fr[i - 1].t);
        const f = fr[i];
        expect(f.head).not.toBeNull();
        expect(f.head!.p[1]).toBeGreaterThan(0.6);
        expect(f.head!.p[1]).toBeLessThan(2.2);
        for (const pose of [f.head, f.left, f.right]) {
          if (!pose) continue;
          expect(Math.abs(Math.hypot(...pose.q) - 1)).toBeLessThan(1e-6);
          for (const v of [...pose.p, ...pose.q]) expect(Number.isFinite(v)).toBe(true);
        }
      }
      // frames come at roughly the declared rate (uneven, some dropped)
      const dts = fr.slice(1).map((f, i) => f.t - fr[i].t);
      expect(median(dts)).toBeGreaterThan(0.5 / c.hz);
      expect(median(dts)).toBeLessThan(2 / c.hz);
    }
  });

  it('has waves with two or more side-to-side swings of a raised hand', () => {
    for (const c of byLabel('wave')) expect(isWave(c)).toBe(true);
  });

  it('has beckons pulling the hand toward the body repeatedly', () => {
    for (const c of byLabel('beckon')) expect(isBeckon(c)).toBe(true);
  });

  it('has nods with head pitch reversals and shakes with yaw reversals', () => {
    for (const c of byLabel('nod')) expect(headReversal(c, 'nod')).toBe(true);
    for (const c of byLabel('shake')) expect(headReversal(c, 'shake')).toBe(true);
  });

  it('has points with an extended hand held still for at least half a second', () => {
    for (const c of byLabel('point')) expect(isPoint(c)).toBe(true);
  });

  it('has pushes moving a hand forward away from the body and then holding it', () => {
    for (const c of byLabel('push')) expect(isPush(c)).toBe(true);
  });

  it('moves hands in gestures and keeps none varied, and summarises in one line', () => {
    for (const c of [...byLabel('wave'), ...byLabel('beckon'), ...byLabel('push')]) expect(clipPeakHandSpeed(c.frames)).toBeGreaterThan(0.3);
    const none = byLabel('none');
    expect(new Set(none.map((c) => Math.round(Math.max(peakHandSpeed(c.frames, 'left'), peakHandSpeed(c.frames, 'right')) * 10))).size).toBeGreaterThan(1);
    const line = summarise(clips);
    expect(line.split('\n')).toHaveLength(1);
    expect(line).toContain(`${clips.length} clips`);
  });
});
