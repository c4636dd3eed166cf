/**
 * Tests of the seventeenth (evaluation-only) motion generator, scripts/gesture/synth-seventeenth.ts.
 *
 * The label checks read ONLY the output clips (head and hand poses, timestamps): no generator
 * internals. They follow PERCEPTION.md's gesture table: waves are side-to-side swings of a raised
 * hand, beckons pull a hand in front of the chest toward the body repeatedly, points hold an
 * extended hand still for at least half a second, pushes move a hand forward and then hold it,
 * nods pitch the head down and back up, shakes turn it one way and back. `none` clips must show
 * none of these and must vary.
 */
import { describe, expect, it } from 'vitest';
import { GESTURE_LABELS, type MotionFrame, type Vec3 } from '../src/core/types';
import { clipToJson, type MotionClip } from '../scripts/gesture/motion-math';
import { parseClip } from '../scripts/gesture/node-io';
import { parseCli, seventeenthDataset, summarise } from '../scripts/gesture/synth-seventeenth';
import { clipPeakHandSpeed, median } from './support/motion';

const PER_LABEL = 5;
const SEED = 1717;
const clips = seventeenthDataset(PER_LABEL, SEED);
const ofLabel = (label: string) => clips.filter((c) => c.label === label);

// ----- reading a clip: a body frame from the head, hand tracks relative to the head -------------

const minus = (a: Vec3, b: Vec3): Vec3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
/** Head forward (-z of the head pose) as a unit vector. */
function headForward(q: readonly number[]): Vec3 {
  const [x, y, z, w] = q;
  // third column of the rotation matrix, negated
  return [-(2 * (x * z + w * y)), -(2 * (y * z - w * x)), -(1 - 2 * (x * x + y * y))];
}

interface Track {
  t: number[];
  p: Vec3[];
  side: number[]; // metres to the body's right of the head
  ahead: number[]; // metres in front of the head
  rise: number[]; // metres above the head
}

interface Reading {
  t: number[];
  pitchDeg: number[];
  yawDeg: number[];
  hands: Track[]; // continuous stretches of either hand (gaps over 0.15 s split)
}

function read(frames: readonly MotionFrame[]): Reading {
  const t: number[] = [];
  const pitchDeg: number[] = [];
  const yawDeg: number[] = [];
  let unwrap = 0;
  let last: number | null = null;
  for (const f of frames) {
    if (!f.head) continue;
    const d = headForward(f.head.q);
    const y = Math.atan2(-d[0], -d[2]);
    if (last !== null) {
      let step = y - last;
      if (step > Math.PI) step -= 2 * Math.PI;
      if (step < -Math.PI) step += 2 * Math.PI;
      unwrap += step;
    } else unwrap = y;
    last = y;
    t.push(f.t);
    pitchDeg.push((Math.asin(Math.max(-1, Math.min(1, d[1]))) * 180) / Math.PI);
    yawDeg.push((unwrap * 180) / Math.PI);
  }
  const mid = median(yawDeg);
  const m = (mid * Math.PI) / 180;
  const fwd: Vec3 = [-Math.sin(m), 0, -Math.cos(m)];
  const right: Vec3 = [Math.cos(m), 0, -Math.sin(m)];
  const hands: Track[] = [];
  for (const key of ['left', 'right'] as const) {
    let cur: Track | null = null;
    for (const f of frames) {
      const pose = f[key];
      if (!pose || !f.head) continue;
      if (cur && f.t - cur.t[cur.t.length - 1] > 0.15) {
        hands.push(cur);
        cur = null;
      }
      cur ??= { t: [], p: [], side: [], ahead: [], rise: [] };
      const rel = minus(pose.p, f.head.p);
      cur.t.push(f.t);
      cur.p.push(pose.p);
      cur.side.push(rel[0] * right[0] + rel[2] * right[2]);
      cur.ahead.push(rel[0] * fwd[0] + rel[2] * fwd[2]);
      cur.rise.push(rel[1]);
    }
    if (cur) hands.push(cur);
  }
  return { t, pitchDeg, yawDeg: yawDeg.map((v) => v - mid), hands };
}

/** Alternating extremes of a signal, each at least `h` from the previous one. */
function extremes(x: readonly number[], h: number): number[] {
  const out: number[] = [];
  let trend = 0;
  let best = 0;
  let lo = 0;
  let hi = 0;
  for (let i = 1; i < x.length; i++) {
    if (trend === 0) {
      if (x[i] < x[lo]) lo = i;
      if (x[i] > x[hi]) hi = i;
      if (x[i] - x[lo] >= h) {
        out.push(lo);
        trend = 1;
        best = i;
      } else if (x[hi] - x[i] >= h) {
        out.push(hi);
        trend = -1;
        best = i;
      }
    } else if (trend > 0 ? x[i] > x[best] : x[i] < x[best]) best = i;
    else if (Math.abs(x[i] - x[best]) >= h) {
      out.push(best);
      trend = -trend;
      best = i;
    }
  }
  if (trend !== 0) out.push(best);
  return out;
}

// ----- the gesture definitions, as read from the output -----------------------------------------

function isWave(r: Reading): boolean {
  return r.hands.some((tr) => {
    const ex = extremes(tr.side, 0.04);
    let streak = 0;
    for (let k = 1; k < ex.length; k++) {
      const [a, b] = [ex[k - 1], ex[k]];
      const dt = tr.t[b] - tr.t[a];
      const raised = tr.rise[a] >= -0.3 && tr.rise[b] >= -0.3;
      streak = raised && dt >= 0.1 && dt <= 0.5 ? streak + 1 : 0;
      if (streak >= 2) return true;
    }
    return false;
  });
}

function isBeckon(r: Reading): boolean {
  return r.hands.some((tr) => {
    const ex = extremes(tr.ahead, 0.03);
    const inFront = (i: number) => tr.rise[i] >= -0.75 && tr.rise[i] <= 0 && tr.ahead[i] >= 0;
    let pulls = 0;
    for (let k = 1; k < ex.length; k++) {
      const [a, b] = [ex[k - 1], ex[k]];
      if (tr.ahead[b] < tr.ahead[a] && tr.t[b] - tr.t[a] <= 1.0 && inFront(a) && inFront(b)) pulls++;
    }
    return pulls >= 2;
  });
}

function isPoint(r: Reading): boolean {
  return r.hands.some((tr) => {
    const extended = (i: number) => Math.hypot(tr.side[i], tr.ahead[i]) >= 0.3 && tr.rise[i] >= -0.55;
    for (let i = 0; i < tr.t.length; i++) {
      if (!extended(i)) continue;
      const lo = [...tr.p[i]];
      const hi = [...tr.p[i]];
      for (let j = i; j < tr.t.length && extended(j); j++) {
        for (let k = 0; k < 3; k++) {
          lo[k] = Math.min(lo[k], tr.p[j][k]);
          hi[k] = Math.max(hi[k], tr.p[j][k]);
        }
        if (Math.hypot(hi[0] - lo[0], hi[1] - lo[1], hi[2] - lo[2]) > 0.04) break;
        if (tr.t[j] - tr.t[i] >= 0.5) return true;
      }
    }
    return false;
  });
}

function isPush(r: Reading): boolean {
  return r.hands.some((tr) => {
    for (let j = 0; j < tr.t.length; j++) {
      let lowest = Infinity;
      for (let i = j - 1; i >= 0 && tr.t[j] - tr.t[i] <= 1.2; i--) lowest = Math.min(lowest, tr.ahead[i]);
      if (tr.ahead[j] - lowest < 0.1) continue;
      let k = j;
      while (k + 1 < tr.t.length && Math.hypot(...minus(tr.p[k + 1], tr.p[j])) <= 0.03) k++;
      if (tr.t[k] - tr.t[j] >= 0.3) return true;
    }
    return false;
  });
}

/** Head down-then-up (nod, on pitch) or one way and back (shake, on yaw) within 0.8 s per half. */
function headReversal(t: readonly number[], x: readonly number[], deg: number, downUp: boolean): boolean {
  const ex = extremes(x, deg);
  for (let k = 2; k < ex.length; k++) {
    const [a, b, c] = [ex[k - 2], ex[k - 1], ex[k]];
    if (t[b] - t[a] > 0.8 || t[c] - t[b] > 0.8) continue;
    if (!downUp || x[b] < x[a]) return true;
  }
  return false;
}
const isNod = (r: Reading) => headReversal(r.t, r.pitchDeg, 4, true);
const isShake = (r: Reading) => headReversal(r.t, r.yawDeg, 6, false);

const CHECKS: Record<string, (r: Reading) => boolean> = {
  wave: isWave,
  beckon: isBeckon,
  point: isPoint,
  push: isPush,
  nod: isNod,
  shake: isShake,
};

// ----- tests -------------------------------------------------------------------------------------

describe('seventeenth motion generator (Langevin landscapes + DLS IK)', () => {
  it('makes perLabel clips of every label', () => {
    expect(clips).toHaveLength(PER_LABEL * GESTURE_LABELS.length);
    for (const label of GESTURE_LABELS) expect(ofLabel(label)).toHaveLength(PER_LABEL);
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const a = seventeenthDataset(1, 42).map(clipToJson);
    const b = seventeenthDataset(1, 42).map(clipToJson);
    const c = seventeenthDataset(1, 43).map(clipToJson);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    for (let i = 0; i < a.length; i++) expect(a[i]).not.toEqual(c[i]);
  });

  it('writes every clip in the contract format', () => {
    for (const [i, clip] of clips.entries()) {
      const parsed = parseClip(clipToJson(clip), `clip${i}.json`);
      expect(parsed.label).toBe(clip.label);
      expect(parsed.frames.length).toBe(clip.frames.length);
    }
  });

  it('keeps every clip plausible', () => {
    for (const clip of clips) {
      const f = clip.frames;
      expect(clip.hz).toBeGreaterThanOrEqual(30);
      expect(clip.hz).toBeLessThanOrEqual(120);
      const dur = f[f.length - 1].t - f[0].t;
      expect(dur).toBeGreaterThanOrEqual(1);
      expect(dur).toBeLessThanOrEqual(3);
      const gaps: number[] = [];
      for (let i = 1; i < f.length; i++) {
        expect(f[i].t).toBeGreaterThan(f[i - 1].t);
        gaps.push(f[i].t - f[i - 1].t);
      }
      expect(Math.abs(median(gaps) - 1 / clip.hz)).toBeLessThan(0.25 / clip.hz);
      for (const fr of f) {
        expect(fr.head).not.toBeNull();
        expect(fr.head!.p[1]).toBeGreaterThan(0.6);
        expect(fr.head!.p[1]).toBeLessThan(2.2);
        expect(Math.hypot(fr.head!.p[0], fr.head!.p[2])).toBeLessThan(3.6);
        for (const pose of [fr.head, fr.left, fr.right]) {
          if (!pose) continue;
          for (const v of [...pose.p, ...pose.q]) expect(Number.isFinite(v)).toBe(true);
          expect(Math.abs(Math.hypot(...pose.q) - 1)).toBeLessThan(1e-3);
        }
      }
      expect(clipPeakHandSpeed(f)).toBeLessThanOrEqual(3.5);
    }
  });

  it('varies people, trackers and rates', () => {
    const rates = new Set(clips.map((c) => c.hz));
    expect(rates.size).toBeGreaterThanOrEqual(5);
    const headHeights = clips.map((c) => median(c.frames.map((f) => f.head!.p[1])));
    expect(Math.max(...headHeights) - Math.min(...headHeights)).toBeGreaterThan(0.3);
    const facings = clips.map((c) => {
      const d = headForward(c.frames[0].head!.q);
      return Math.atan2(-d[0], -d[2]);
    });
    expect(Math.max(...facings) - Math.min(...facings)).toBeGreaterThan(Math.PI);
    // some clips lose a hand for a while, some track both hands throughout
    const lossy = clips.filter((c) => c.frames.some((f) => !f.left || !f.right)).length;
    expect(lossy).toBeGreaterThan(0);
    expect(lossy).toBeLessThan(clips.length);
  });

  for (const label of ['wave', 'beckon', 'point', 'push', 'nod', 'shake'])
    it(`every ${label} clip shows a ${label}`, () => {
      const failed = ofLabel(label)
        .map((c, i) => ({ i, ok: CHECKS[label](read(c.frames)) }))
        .filter((x) => !x.ok)
        .map((x) => x.i);
      expect(failed).toEqual([]);
    });

  it('no none clip satisfies a gesture definition', () => {
    for (const [i, clip] of ofLabel('none').entries()) {
      const r = read(clip.frames);
      const shown = Object.keys(CHECKS).filter((k) => CHECKS[k](r));
      expect({ i, shown }).toEqual({ i, shown: [] });
    }
  });

  it('none clips vary', () => {
    const none = ofLabel('none');
    const sig = (c: MotionClip) => {
      const r = read(c.frames);
      const range = (xs: number[]) => (xs.length ? Math.max(...xs) - Math.min(...xs) : 0);
      let travel = 0;
      for (const tr of r.hands) for (let i = 1; i < tr.p.length; i++) travel += Math.hypot(...minus(tr.p[i], tr.p[i - 1]));
      return { head: Math.max(range(r.pitchDeg), range(r.yawDeg)), travel, dur: c.frames[c.frames.length - 1].t };
    };
    const sigs = none.map(sig);
    expect(new Set(sigs.map((s) => s.dur.toFixed(2))).size).toBe(none.length);
    expect(sigs.some((s) => s.head > 15)).toBe(true);
    expect(sigs.some((s) => s.travel > 0.3)).toBe(true);
    expect(sigs.some((s) => s.head < 10 || s.travel < 0.3)).toBe(true);
  });

  it('summarises in one line and parses its CLI strictly', () => {
    const line = summarise(clips);
    expect(line).toContain(`${clips.length} clips`);
    expect(line.includes('\n')).toBe(false);
    expect(parseCli(['--out', '/tmp/x', '--per-label', '3', '--seed', '9'])).toEqual({ out: '/tmp/x', perLabel: 3, seed: 9 });
    expect(() => parseCli(['--out', '/tmp/x', '--bogus', '1'])).toThrow(/unknown argument/);
    expect(() => parseCli(['--per-label', '3'])).toThrow(/--out/);
    expect(() => parseCli(['--out', '/tmp/x', 'stray'])).toThrow(/unknown argument/);
  });
});
