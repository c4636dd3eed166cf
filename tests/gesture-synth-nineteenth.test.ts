/**
 * Tests for the Improv-style evaluation generator (scripts/gesture/synth-nineteenth.ts): dataset
 * size, determinism, the contract's clip format, plausibility, and label checks that read only the
 * output clips' head and hand poses (no generator internals).
 */
import { describe, expect, it } from 'vitest';
import type { MotionFrame, Quat, Vec3 } from '../src/core/types';
import { GESTURE_LABELS } from '../src/core/types';
import { nineteenthDataset, summarise } from '../scripts/gesture/synth-nineteenth';
import type { MotionClip } from '../scripts/gesture/motion-math';
import { clipPeakHandSpeed, median } from './support/motion';

const PER_LABEL = 5;
const SEED = 1919;
const clips = nineteenthDataset(PER_LABEL, SEED);
const byLabel = (label: string) => clips.filter((c) => c.label === label);

// --- pose helpers (own implementations; only the clip's poses are read) -------------------------

const rot = (q: Quat, v: Vec3): Vec3 => {
  const [x, y, z, w] = q;
  const ix = w * v[0] + y * v[2] - z * v[1];
  const iy = w * v[1] + z * v[0] - x * v[2];
  const iz = w * v[2] + x * v[1] - y * v[0];
  const iw = -x * v[0] - y * v[1] - z * v[2];
  return [ix * w + iw * -x + iy * -z - iz * -y, iy * w + iw * -y + iz * -x - ix * -z, iz * w + iw * -z + ix * -y - iy * -x];
};
const forward = (q: Quat) => rot(q, [0, 0, -1]);
const headYaw = (q: Quat) => {
  const f = forward(q);
  return Math.atan2(-f[0], -f[2]);
};
const headPitch = (q: Quat) => Math.asin(Math.max(-1, Math.min(1, forward(q)[1])));
const DEG = Math.PI / 180;

/**
 * Does `x` (null = frame not usable) make the excursions `steps` in order (positive = rise by that
 * much, negative = fall by that much) within `window` seconds? Starting at every usable frame, it
 * follows the running extreme of the current excursion.
 */
function excursions(t: readonly number[], x: readonly (number | null)[], steps: readonly number[], window: number): boolean {
  for (let i = 0; i < t.length; i++) {
    if (x[i] === null) continue;
    let step = 0;
    let anchor = x[i] as number;
    for (let k = i + 1; k < t.length && t[k] - t[i] <= window && step < steps.length; k++) {
      const v = x[k];
      if (v === null) continue;
      const s = steps[step];
      anchor = s > 0 ? Math.min(anchor, v) : Math.max(anchor, v);
      if ((s > 0 && v - anchor >= s) || (s < 0 && anchor - v >= -s)) {
        step++;
        anchor = v;
      }
    }
    if (step === steps.length) return true;
  }
  return false;
}

interface Seen {
  wave: boolean;
  beckon: boolean;
  point: boolean;
  push: boolean;
  nod: boolean;
  shake: boolean;
}

/** What the clip shows, judged from head and hand poses only. */
function judge(frames: readonly MotionFrame[]): Seen {
  const t = frames.map((f) => f.t);
  let prev: number | null = null;
  const yaw = frames.map((f) => {
    if (!f.head) return null;
    let y = headYaw(f.head.q);
    if (prev !== null) y = prev + Math.atan2(Math.sin(y - prev), Math.cos(y - prev));
    prev = y;
    return y;
  });
  const pitch = frames.map((f) => (f.head ? headPitch(f.head.q) : null));
  const bodyYaw = median(yaw.filter((v): v is number => v !== null));
  const side: Vec3 = [Math.cos(bodyYaw), 0, -Math.sin(bodyYaw)];
  const ahead: Vec3 = [-Math.sin(bodyYaw), 0, -Math.cos(bodyYaw)];
  const seen: Seen = { wave: false, beckon: false, point: false, push: false, nod: false, shake: false };
  seen.nod = excursions(t, pitch, [-6 * DEG, 5 * DEG], 1.0);
  seen.shake = excursions(t, yaw, [8 * DEG, -8 * DEG], 1.0) || excursions(t, yaw, [-8 * DEG, 8 * DEG], 1.0);
  for (const hand of ['left', 'right'] as const) {
    const rel = frames.map((f): Vec3 | null => (f[hand] && f.head ? [f[hand]!.p[0] - f.head.p[0], f[hand]!.p[1] - f.head.p[1], f[hand]!.p[2] - f.head.p[2]] : null));
    const horiz = rel.map((r) => (r ? Math.hypot(r[0], r[2]) : null));
    const along = (r: Vec3, a: Vec3) => r[0] * a[0] + r[1] * a[1] + r[2] * a[2];
    // wave: a raised hand (about shoulder height or above) swinging side to side, two swings
    const lateral = rel.map((r) => (r && r[1] >= -0.33 ? along(r, side) : null));
    if (excursions(t, lateral, [0.08, -0.08], 0.9) || excursions(t, lateral, [-0.08, 0.08], 0.9)) seen.wave = true;
    // beckon: a hand in front of the chest pulled toward the body, again and again
    const chest = rel.map((r, i) => (r && r[1] >= -0.62 && r[1] <= 0.05 && horiz[i]! >= 0.08 ? horiz[i] : null));
    if (excursions(t, chest, [-0.05, 0.03, -0.05], 1.6)) seen.beckon = true;
    // point / push: an extended hand held still
    const extended = rel.map((r, i) => !!r && horiz[i]! >= 0.27 && Math.hypot(...r) >= 0.35 && r[1] >= -0.5 && r[1] <= 0.45);
    for (let i = 0; i < frames.length; i++) {
      if (!extended[i]) continue;
      const p0 = frames[i][hand]!.p;
      let last = i;
      for (let k = i + 1; k < frames.length; k++) {
        const f = frames[k][hand];
        if (!f) continue;
        if (!extended[k] || Math.hypot(f.p[0] - p0[0], f.p[1] - p0[1], f.p[2] - p0[2]) > 0.025) break;
        last = k;
      }
      const held = t[last] - t[i];
      if (held >= 0.5) seen.point = true;
      if (held >= 0.3)
        for (let k = i - 1; k >= 0 && t[i] - t[k] <= 1.0; k--)
          if (rel[k] && along(rel[i]!, ahead) - along(rel[k]!, ahead) >= 0.1) seen.push = true;
    }
  }
  return seen;
}

// --- tests ----------------------------------------------------------------------------------------

describe('synth-nineteenth generator', () => {
  it('makes perLabel clips of every label', () => {
    expect(clips).toHaveLength(GESTURE_LABELS.length * PER_LABEL);
    for (const label of GESTURE_LABELS) expect(byLabel(label)).toHaveLength(PER_LABEL);
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const a = JSON.stringify(nineteenthDataset(1, 77));
    const b = JSON.stringify(nineteenthDataset(1, 77));
    const c = JSON.stringify(nineteenthDataset(1, 78));
    expect(a).toBe(b);
    expect(a).not.toBe(c);
    expect(JSON.stringify(nineteenthDataset(2, SEED))).toBe(JSON.stringify(clips.filter((_, i) => i % PER_LABEL < 2)));
  });

  it('writes clips in the contract format and within human limits', () => {
    const unit = (q: number[]) => Math.abs(Math.hypot(...q) - 1) < 1e-4;
    const finite = (v: number[]) => v.every((x) => Number.isFinite(x));
    for (const clip of clips as MotionClip[]) {
      const where = `${clip.label} clip`;
      expect(clip.hz, where).toBeGreaterThanOrEqual(30);
      expect(clip.hz, where).toBeLessThanOrEqual(120);
      const f = clip.frames;
      expect(f.length, where).toBeGreaterThan(10);
      const dur = f[f.length - 1].t - f[0].t;
      expect(dur, where).toBeGreaterThanOrEqual(1);
      expect(dur, where).toBeLessThanOrEqual(3);
      const gaps: number[] = [];
      for (let i = 1; i < f.length; i++) {
        expect(f[i].t, where).toBeGreaterThan(f[i - 1].t);
        gaps.push(f[i].t - f[i - 1].t);
      }
      const g = median(gaps) * clip.hz;
      expect(g, where).toBeGreaterThan(0.85);
      expect(g, where).toBeLessThan(1.2);
      for (const fr of f) {
        expect(Number.isFinite(fr.t)).toBe(true);
        expect(fr.head, where).not.toBeNull();
        const poses = [fr.head, fr.left, fr.right].filter((p) => p !== null);
        for (const p of poses) {
          expect(p!.p).toHaveLength(3);
          expect(p!.q).toHaveLength(4);
          expect(finite(p!.p) && finite(p!.q), where).toBe(true);
          expect(unit(p!.q), where).toBe(true);
        }
        expect(fr.head!.p[1], where).toBeGreaterThan(0.6);
        expect(fr.head!.p[1], where).toBeLessThan(2.2);
      }
      expect(clipPeakHandSpeed(f), where).toBeLessThanOrEqual(3.5);
    }
  });

  for (const label of ['wave', 'beckon', 'point', 'push', 'nod', 'shake'] as const) {
    it(`every ${label} clip shows a ${label} in its tracked poses`, () => {
      for (const [i, clip] of byLabel(label).entries()) expect(judge(clip.frames)[label], `${label} clip ${i}`).toBe(true);
    });
  }

  it('no none clip satisfies a gesture check, and none clips vary', () => {
    const nones = byLabel('none');
    const sig = new Set<string>();
    const handMoves: number[] = [];
    for (const [i, clip] of nones.entries()) {
      const seen = judge(clip.frames);
      expect(Object.entries(seen).filter(([, v]) => v).map(([k]) => k), `none clip ${i}`).toEqual([]);
      let hand = 0;
      for (const side of ['left', 'right'] as const) {
        const ps = clip.frames.map((f) => f[side]?.p).filter((p): p is Vec3 => !!p);
        for (const p of ps) hand = Math.max(hand, Math.hypot(p[0] - ps[0][0], p[1] - ps[0][1], p[2] - ps[0][2]));
      }
      const heads = clip.frames.map((f) => f.head!);
      const yaws = heads.map((h) => headYaw(h.q));
      const pitches = heads.map((h) => headPitch(h.q));
      const moved = Math.hypot(heads[heads.length - 1].p[0] - heads[0].p[0], heads[heads.length - 1].p[2] - heads[0].p[2]);
      const range = (xs: number[]) => Math.max(...xs) - Math.min(...xs);
      handMoves.push(hand);
      sig.add([hand > 0.15, range(yaws) > 12 * DEG, range(pitches) > 8 * DEG, moved > 0.15].join());
    }
    expect(sig.size).toBeGreaterThanOrEqual(2);
    expect(Math.max(...handMoves) - Math.min(...handMoves)).toBeGreaterThan(0.1);
    expect(new Set(nones.map((c) => JSON.stringify(c.frames[5]))).size).toBe(nones.length);
  });

  it('summarises in one line', () => {
    const s = summarise(clips);
    expect(s).toContain(`${clips.length} clips`);
    expect(s.includes('\n')).toBe(false);
  });
});
