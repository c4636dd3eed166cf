import { describe, expect, it } from 'vitest';
import { GESTURE_LABELS, type MotionFrame, type Pose, type Vec3 } from '../src/core/types';
import { clipToJson, createRng, len, qrot, sub } from '../scripts/gesture/motion-math';
import { parseClip } from '../scripts/gesture/node-io';
import { fifthClip, fifthDataset } from '../scripts/gesture/synth-fifth';
import { clipPeakHandSpeed, median } from './support/motion';

const PER_LABEL = 6;
const clips = fifthDataset(PER_LABEL, 7);
const byLabel = (label: string) => clips.filter((c) => c.label === label);
type Hand = 'left' | 'right';

/** Head yaw and pitch (degrees) of the viewer's -z axis. */
function headAngles(p: Pose): [number, number] {
  const f = qrot(p.q, [0, 0, -1]);
  return [(Math.atan2(-f[0], -f[2]) * 180) / Math.PI, (Math.asin(Math.max(-1, Math.min(1, f[1]))) * 180) / Math.PI];
}
function headRanges(frames: MotionFrame[]): { yaw: number; pitch: number } {
  const a = frames.map((f) => headAngles(f.head as Pose));
  const yaw = a.map((x) => x[0]);
  for (let i = 1; i < yaw.length; i++) yaw[i] -= 360 * Math.round((yaw[i] - yaw[i - 1]) / 360);
  const pitch = a.map((x) => x[1]);
  return { yaw: Math.max(...yaw) - Math.min(...yaw), pitch: Math.max(...pitch) - Math.min(...pitch) };
}
/** Path length of a hand (how much it moved). */
const pathLen = (frames: MotionFrame[], hand: Hand) =>
  frames.reduce((s, f, i) => {
    const a = i > 0 ? frames[i - 1][hand] : null;
    const b = f[hand];
    return a && b ? s + len(sub(b.p, a.p)) : s;
  }, 0);

describe('fifth (evaluation-only) motion generator', () => {
  it('makes the requested counts, every clip valid in the contract format', () => {
    for (const label of GESTURE_LABELS) expect(byLabel(label).length).toBe(label === 'none' ? 2 * PER_LABEL : PER_LABEL);
    for (const clip of clips) {
      const parsed = parseClip(clipToJson(clip), `${clip.label}.json`);
      expect(parsed.label).toBe(clip.label);
      expect(clip.hz).toBeGreaterThanOrEqual(30);
      expect(clip.hz).toBeLessThanOrEqual(120);
      const fr = clip.frames;
      const dur = fr[fr.length - 1].t - fr[0].t;
      expect(dur).toBeGreaterThanOrEqual(1);
      expect(dur).toBeLessThanOrEqual(3);
      for (let i = 1; i < fr.length; i++) expect(fr[i].t).toBeGreaterThan(fr[i - 1].t);
      for (const f of fr) {
        expect(f.head).not.toBeNull();
        for (const p of [f.head, f.left, f.right]) {
          if (!p) continue;
          expect(Math.abs(Math.hypot(...p.q) - 1)).toBeLessThan(1e-6);
          expect(p.p.every(Number.isFinite)).toBe(true);
          expect(Math.abs(p.p[0])).toBeLessThan(6);
          expect(Math.abs(p.p[2])).toBeLessThan(6);
        }
        const h = f.head as Pose;
        expect(h.p[1]).toBeGreaterThan(1.0);
        expect(h.p[1]).toBeLessThan(2.0);
        // hands within arm's reach of the head
        for (const hand of [f.left, f.right]) if (hand) expect(len(sub(hand.p, h.p))).toBeLessThan(1.1);
      }
    }
  });

  it('is deterministic for a seed and varies with it', () => {
    const a = fifthDataset(1, 123, 1).map((c) => clipToJson(c));
    const b = fifthDataset(1, 123, 1).map((c) => clipToJson(c));
    expect(a).toEqual(b);
    expect(clipToJson(fifthClip('wave', createRng(5)))).toBe(clipToJson(fifthClip('wave', createRng(5))));
    expect(clipToJson(fifthClip('wave', createRng(5)))).not.toBe(clipToJson(fifthClip('wave', createRng(6))));
  });

  it('covers both controllers and hand tracking, with some untracked frames', () => {
    expect(clips.some((c) => c.style.endsWith('/hands'))).toBe(true);
    expect(clips.some((c) => c.style.endsWith('/controllers'))).toBe(true);
    expect(clips.some((c) => c.frames.some((f) => !f.left || !f.right))).toBe(true);
    expect(new Set(byLabel('none').map((c) => c.style.split('/')[0])).size).toBeGreaterThanOrEqual(5);
  });

  it('keeps hand speeds within human limits', () => {
    const med = (label: string) => median(byLabel(label).map((c) => clipPeakHandSpeed(c.frames)));
    expect(med('beckon')).toBeLessThan(2.5);
    expect(med('wave')).toBeLessThan(5);
    expect(med('push')).toBeLessThan(4);
    expect(med('point')).toBeLessThan(4);
    expect(med('none')).toBeLessThan(3);
    // head gestures: hands nearly still
    expect(med('nod')).toBeLessThan(0.6);
    expect(med('shake')).toBeLessThan(0.6);
    // a gesture actually moves the hand
    expect(med('wave')).toBeGreaterThan(0.8);
    expect(med('point')).toBeGreaterThan(0.5);
  });

  it('waves: at least two side-to-side swings with the hand around or above shoulder height', () => {
    for (const clip of byLabel('wave')) {
      const fr = clip.frames;
      const hand: Hand = pathLen(fr, 'left') > pathLen(fr, 'right') ? 'left' : 'right';
      // lateral hand position in the head's (yaw-only) frame, resampled every 0.04 s
      const pts: { t: number; x: number; y: number; head: number }[] = [];
      let next = 0;
      for (const f of fr) {
        const p = f[hand];
        if (!p || f.t < next) continue;
        const h = f.head as Pose;
        const yaw = (headAngles(h)[0] * Math.PI) / 180;
        const right: Vec3 = [Math.cos(yaw), 0, -Math.sin(yaw)];
        const d = sub(p.p, h.p);
        pts.push({ t: f.t, x: d[0] * right[0] + d[2] * right[2], y: p.p[1], head: h.p[1] });
        next = f.t + 0.04;
      }
      // turning points of the lateral motion, at least 3 cm apart
      const turns: typeof pts = [];
      let dir = 0;
      let ext = pts[0];
      for (const q of pts) {
        const d = q.x - ext.x;
        if (dir === 0) {
          if (Math.abs(d) > 0.03) [dir, ext] = [Math.sign(d), q];
        } else if (d * dir > 0) ext = q;
        else if (Math.abs(d) > 0.03) {
          turns.push(ext);
          [dir, ext] = [-dir, q];
        }
      }
      expect(turns.length, clip.style).toBeGreaterThanOrEqual(2);
      // shoulder height is about 0.875 of eye height; allow "around" shoulder height
      const rel = median(turns.map((q) => q.y - 0.875 * q.head));
      expect(rel, clip.style).toBeGreaterThan(-0.08);
    }
  });

  it('nods change mainly head pitch and shakes head yaw', () => {
    for (const clip of byLabel('nod')) {
      const r = headRanges(clip.frames);
      expect(r.pitch, clip.style).toBeGreaterThan(4);
      expect(r.pitch, clip.style).toBeGreaterThan(r.yaw);
    }
    for (const clip of byLabel('shake')) {
      const r = headRanges(clip.frames);
      expect(r.yaw, clip.style).toBeGreaterThan(6);
      expect(r.yaw, clip.style).toBeGreaterThan(r.pitch);
    }
  });

  it('points and pushes end with the hand held still (the run-on after the gesture)', () => {
    for (const label of ['point', 'push']) {
      const still = byLabel(label).filter((clip) => {
        const fr = clip.frames;
        const tEnd = fr[fr.length - 1].t;
        const hand: Hand = pathLen(fr, 'left') > pathLen(fr, 'right') ? 'left' : 'right';
        const tail = fr.filter((f) => f.t > tEnd - 0.3 && f[hand]);
        if (tail.length < 2) return false;
        const a = tail[0][hand] as Pose, b = tail[tail.length - 1][hand] as Pose;
        return len(sub(b.p, a.p)) / (tail[tail.length - 1].t - tail[0].t) < 0.35;
      });
      expect(still.length, label).toBeGreaterThanOrEqual(Math.ceil(0.8 * PER_LABEL));
    }
  });
});
