import { describe, expect, it } from 'vitest';
import { GESTURE_LABELS, type MotionFrame, type Pose, type Vec3 } from '../src/core/types';
import { dot, len, norm, qrot, sub } from '../scripts/gesture/motion-math';
import { fifteenthDataset, summarise } from '../scripts/gesture/synth-fifteenth';
import { clipPeakHandSpeed } from './support/motion';

// E15_PER / E15_SEED allow a larger local stress run; the defaults keep the suite fast.
const PER = Number(process.env.E15_PER ?? 5);
const clips = fifteenthDataset(PER, Number(process.env.E15_SEED ?? 1515));
const byLabel = (label: string) => clips.filter((c) => c.label === label);

const fwdOf = (p: Pose): Vec3 => qrot(p.q, [0, 0, -1]);
/** Mean horizontal facing of the head over a clip, and its right vector. */
function facing(frames: readonly MotionFrame[]): { fw: Vec3; right: Vec3 } {
  let x = 0, z = 0;
  for (const f of frames) if (f.head) [x, z] = [x + fwdOf(f.head)[0], z + fwdOf(f.head)[2]];
  const fw = norm([x, 0, z]);
  return { fw, right: [-fw[2], 0, fw[0]] };
}

/** Number of monotone segments of at least `amp` (hysteresis zigzag) in a series. */
function swings(v: readonly number[], amp: number): number {
  let n = 0, dir = 0, hi = v[0] ?? 0, lo = hi, ext = hi;
  for (const x of v) {
    if (dir === 0) {
      [hi, lo] = [Math.max(hi, x), Math.min(lo, x)];
      if (hi - lo >= amp) [n, dir, ext] = [1, x >= hi ? 1 : -1, x];
    } else if (dir === 1) {
      if (x > ext) ext = x;
      else if (ext - x >= amp) [n, dir, ext] = [n + 1, -1, x];
    } else if (x < ext) ext = x;
    else if (x - ext >= amp) [n, dir, ext] = [n + 1, 1, x];
  }
  return n;
}

/** Tracked samples of one hand relative to the head. */
function handRel(frames: readonly MotionFrame[], hand: 'left' | 'right'): { t: number; p: Vec3; rel: Vec3 }[] {
  return frames.flatMap((f) => (f[hand] && f.head ? [{ t: f.t, p: f[hand]!.p, rel: sub(f[hand]!.p, f.head.p) }] : []));
}

/** Start indices of stretches at least `dur` long where the hand stays in a `box` metre box. */
function stillFrom(s: { t: number; p: Vec3 }[], dur: number, box = 0.05): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const lo = [...s[i].p], hi = [...s[i].p];
    for (let j = i + 1; j < s.length; j++) {
      for (let c = 0; c < 3; c++) [lo[c], hi[c]] = [Math.min(lo[c], s[j].p[c]), Math.max(hi[c], s[j].p[c])];
      if (hi.some((v, c) => v - lo[c] > box)) break;
      if (s[j].t - s[i].t >= dur) {
        out.push(i);
        break;
      }
    }
  }
  return out;
}

const pitchDeg = (p: Pose) => (Math.asin(Math.max(-1, Math.min(1, fwdOf(p)[1]))) * 180) / Math.PI;
function yawSeries(frames: readonly MotionFrame[]): number[] {
  const out: number[] = [];
  for (const f of frames) {
    if (!f.head) continue;
    const v = fwdOf(f.head);
    let y = (Math.atan2(-v[0], -v[2]) * 180) / Math.PI;
    if (out.length) y = out[out.length - 1] + ((((y - out[out.length - 1]) % 360) + 540) % 360) - 180;
    out.push(y);
  }
  return out;
}

describe('synth-fifteenth (PBD + FABRIK + Matsuoka CPG generator)', () => {
  it('makes perLabel clips of every label', () => {
    expect(clips).toHaveLength(PER * GESTURE_LABELS.length);
    for (const label of GESTURE_LABELS) expect(byLabel(label)).toHaveLength(PER);
    expect(summarise(clips)).toMatch(new RegExp(`^${PER * GESTURE_LABELS.length} clips; max hand speed`));
  });

  it('is deterministic per seed', () => {
    const a = JSON.stringify(fifteenthDataset(1, 42));
    expect(JSON.stringify(fifteenthDataset(1, 42))).toBe(a);
    expect(JSON.stringify(fifteenthDataset(1, 43))).not.toBe(a);
  });

  it('keeps every clip plausible and in the clip format', () => {
    for (const c of clips) {
      expect(c.hz).toBeGreaterThanOrEqual(30);
      expect(c.hz).toBeLessThanOrEqual(120);
      const d = c.frames[c.frames.length - 1].t - c.frames[0].t;
      expect(d).toBeGreaterThanOrEqual(1);
      expect(d).toBeLessThanOrEqual(3);
      expect(clipPeakHandSpeed(c.frames)).toBeLessThanOrEqual(4);
      let prev = -Infinity;
      for (const f of c.frames) {
        expect(f.t).toBeGreaterThanOrEqual(prev);
        prev = f.t;
        expect(f.head).not.toBeNull();
        expect(f.head!.p[1]).toBeGreaterThan(0.7);
        expect(f.head!.p[1]).toBeLessThan(2.1);
        for (const p of [f.head, f.left, f.right]) {
          if (!p) continue;
          expect(Math.abs(Math.hypot(...p.q) - 1)).toBeLessThan(1e-3);
          expect(p.p.every(Number.isFinite)).toBe(true);
        }
        for (const h of [f.left, f.right]) if (h) expect(len(sub(h.p, f.head!.p))).toBeLessThan(1.15);
      }
    }
  });

  it('waves swing a raised hand side to side at least twice', () => {
    for (const c of byLabel('wave')) {
      const { right } = facing(c.frames);
      const ok = (['left', 'right'] as const).some((hand) => {
        const s = handRel(c.frames, hand).filter((x) => x.rel[1] > -0.45);
        return s.length > 10 && swings(s.map((x) => dot(x.rel, right)), 0.03) >= 2;
      });
      expect(ok).toBe(true);
    }
  });

  it('beckons pull a hand in front of the body back and forth', () => {
    for (const c of byLabel('beckon')) {
      const { fw } = facing(c.frames);
      const ok = (['left', 'right'] as const).some((hand) => swings(handRel(c.frames, hand).map((x) => dot(x.rel, fw)), 0.02) >= 3);
      expect(ok).toBe(true);
    }
  });

  it('nods pitch the head down and up; shakes turn it left and right', () => {
    for (const c of byLabel('nod')) {
      const p = c.frames.flatMap((f) => (f.head ? [pitchDeg(f.head)] : []));
      // A fall of >= 4 deg followed by a rise of >= 4 deg.
      let hi = p[0], lo = Infinity, fell = false, ok = false;
      for (const x of p) {
        if (!fell) {
          hi = Math.max(hi, x);
          if (hi - x >= 4) [fell, lo] = [true, x];
        } else {
          lo = Math.min(lo, x);
          if (x - lo >= 4) ok = true;
        }
      }
      expect(ok).toBe(true);
    }
    for (const c of byLabel('shake')) expect(swings(yawSeries(c.frames), 5)).toBeGreaterThanOrEqual(2);
  });

  it('points hold an extended hand still for at least half a second', () => {
    for (const c of byLabel('point')) {
      const ok = (['left', 'right'] as const).some((hand) => {
        const s = handRel(c.frames, hand);
        return stillFrom(s, 0.5).some((i) => len(s[i].rel) >= 0.28 && Math.hypot(s[i].rel[0], s[i].rel[2]) >= 0.18);
      });
      expect(ok).toBe(true);
    }
  });

  it('pushes move a hand forward away from the body, then hold it', () => {
    for (const c of byLabel('push')) {
      const { fw } = facing(c.frames);
      const ok = (['left', 'right'] as const).some((hand) => {
        const s = handRel(c.frames, hand);
        const f = s.map((x) => dot(x.rel, fw));
        return stillFrom(s, 0.25).some((i) => f[i] > 0.2 && s.some((x, a) => a < i && s[i].t - x.t <= 1 && f[i] - f[a] >= 0.1));
      });
      expect(ok).toBe(true);
    }
  });
});
