import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GESTURE_LABELS, type MotionFrame } from '../src/core/types';
import { clipToJson, len, qrot, sub, writeClips, type MotionClip } from '../scripts/gesture/motion-math';
import { parseClip } from '../scripts/gesture/node-io';
import { SEVENTH_GESTURES, SEVENTH_NONE_KINDS, seventhDataset, seventhNoneClip } from '../scripts/gesture/synth-seventh';
import { clipPeakHandSpeed, median } from './support/motion';

const PER_LABEL = 6;
const clips = seventhDataset(PER_LABEL, 7);
const byLabel = (label: string) => clips.filter((c) => c.label === label);
const tmpDirs: string[] = [];

afterAll(() => {
  for (const d of tmpDirs) rmSync(d, { recursive: true, force: true });
});

/** Head forward-vector pitch and yaw ranges (radians) over a clip, yaw relative to the first frame. */
function headRanges(frames: readonly MotionFrame[]): { pitch: number; yaw: number } {
  const fwd = (f: MotionFrame) => qrot(f.head!.q, [0, 0, -1]);
  const f0 = fwd(frames[0]);
  const yaw0 = Math.atan2(-f0[0], -f0[2]);
  let pMin = Infinity;
  let pMax = -Infinity;
  let yMin = Infinity;
  let yMax = -Infinity;
  for (const f of frames) {
    const v = fwd(f);
    const p = Math.asin(Math.max(-1, Math.min(1, v[1])));
    let y = Math.atan2(-v[0], -v[2]) - yaw0;
    y = Math.atan2(Math.sin(y), Math.cos(y));
    pMin = Math.min(pMin, p);
    pMax = Math.max(pMax, p);
    yMin = Math.min(yMin, y);
    yMax = Math.max(yMax, y);
  }
  return { pitch: pMax - pMin, yaw: yMax - yMin };
}

/** How far a hand strays from its median position (m): which hand performs the gesture. */
function handExcursion(frames: readonly MotionFrame[], hand: 'left' | 'right'): number {
  const ps = frames.flatMap((f) => (f[hand] ? [f[hand]!.p] : []));
  if (ps.length < 2) return 0;
  const m: [number, number, number] = [median(ps.map((p) => p[0])), median(ps.map((p) => p[1])), median(ps.map((p) => p[2]))];
  return Math.max(...ps.map((p) => len(sub(p, m))));
}

const gestureHand = (c: MotionClip): 'left' | 'right' => (handExcursion(c.frames, 'left') > handExcursion(c.frames, 'right') ? 'left' : 'right');

/** Longest stretch (s) over which a hand's speed over 0.1 s windows stays below `vmax`. */
function longestHold(frames: readonly MotionFrame[], hand: 'left' | 'right', vmax = 0.15): number {
  const fs = frames.filter((f) => f[hand]);
  let best = 0;
  let start = fs.length ? fs[0].t : 0;
  for (let i = 0, j = 0; i < fs.length; i++) {
    while (j < fs.length && fs[j].t - fs[i].t < 0.1) j++;
    if (j >= fs.length) break;
    const v = len(sub(fs[j][hand]!.p, fs[i][hand]!.p)) / (fs[j].t - fs[i].t);
    if (v > vmax) start = fs[j].t;
    best = Math.max(best, fs[j].t - start);
  }
  return best;
}

describe('synth-seventh generator', () => {
  it('is deterministic for a seed and varies with it', () => {
    const a = seventhDataset(1, 11).map(clipToJson);
    const b = seventhDataset(1, 11).map(clipToJson);
    const c = seventhDataset(1, 12).map(clipToJson);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('writes perLabel clips per gesture and 2 * perLabel none clips', () => {
    for (const g of SEVENTH_GESTURES) expect(byLabel(g)).toHaveLength(PER_LABEL);
    expect(byLabel('none')).toHaveLength(2 * PER_LABEL);
    expect(clips).toHaveLength(8 * PER_LABEL);
    expect([...SEVENTH_GESTURES, 'none'].sort()).toEqual([...GESTURE_LABELS].sort());
    const dir = mkdtempSync(join(tmpdir(), 'synth7-'));
    tmpDirs.push(dir);
    writeClips(dir, clips);
    const files = readdirSync(dir);
    expect(files).toHaveLength(clips.length);
    for (const g of GESTURE_LABELS) expect(files.filter((f) => f.split('__')[0] === g)).toHaveLength(g === 'none' ? 2 * PER_LABEL : PER_LABEL);
  });

  it('matches the clip format of PERCEPTION.md', () => {
    for (const [i, clip] of clips.entries()) {
      const parsed = parseClip(clipToJson(clip), `clip${i}`);
      expect(GESTURE_LABELS).toContain(parsed.label);
      expect(parsed.hz).toBeGreaterThanOrEqual(30);
      expect(parsed.hz).toBeLessThanOrEqual(120);
      expect(parsed.frames.length).toBeGreaterThan(20);
      for (const f of clip.frames) {
        expect(f.head).not.toBeNull();
        for (const pose of [f.head, f.left, f.right]) {
          if (!pose) continue;
          expect(pose.p).toHaveLength(3);
          expect(pose.q).toHaveLength(4);
          expect(Math.abs(Math.hypot(...pose.q) - 1)).toBeLessThan(1e-6);
          for (const v of [...pose.p, ...pose.q]) expect(Number.isFinite(v)).toBe(true);
        }
      }
    }
  });

  it('has increasing timestamps and durations of 1 to 3 seconds', () => {
    for (const clip of clips) {
      const ts = clip.frames.map((f) => f.t);
      expect(ts[0]).toBe(0);
      for (let i = 1; i < ts.length; i++) expect(ts[i]).toBeGreaterThan(ts[i - 1] + 1e-4);
      const dur = ts[ts.length - 1] - ts[0];
      expect(dur).toBeGreaterThanOrEqual(1);
      expect(dur).toBeLessThanOrEqual(3);
    }
    // uneven: not every clip has a constant frame interval
    const uneven = clips.filter((c) => {
      const dts = c.frames.slice(1).map((f, i) => f.t - c.frames[i].t);
      return Math.max(...dts) > 1.3 * Math.min(...dts);
    });
    expect(uneven.length).toBeGreaterThan(clips.length / 2);
    expect(new Set(clips.map((c) => c.hz)).size).toBeGreaterThan(1);
  });

  it('is physically plausible', () => {
    for (const clip of clips) {
      const peak = clipPeakHandSpeed(clip.frames);
      expect(peak).toBeLessThan(clip.label === 'none' ? 5 : 4);
      for (const f of clip.frames) {
        const head = f.head!;
        expect(head.p[1]).toBeGreaterThan(0.9);
        expect(head.p[1]).toBeLessThan(2.1);
        for (const hand of [f.left, f.right]) {
          if (!hand) continue;
          expect(len(sub(hand.p, head.p))).toBeLessThan(1.25);
          expect(hand.p[1]).toBeGreaterThan(0.2);
        }
      }
    }
    // people stand anywhere and face any direction
    const xs = clips.map((c) => c.frames[0].head!.p[0]);
    expect(Math.max(...xs) - Math.min(...xs)).toBeGreaterThan(2);
    const yaws = clips.map((c) => {
      const v = qrot(c.frames[0].head!.q, [0, 0, -1]);
      return Math.atan2(-v[0], -v[2]);
    });
    expect(yaws.some((y) => y > 1.5) && yaws.some((y) => y < -1.5)).toBe(true);
  });

  it('moves the head mostly in pitch for nod and in yaw for shake', () => {
    for (const c of byLabel('nod')) {
      const r = headRanges(c.frames);
      expect(r.pitch).toBeGreaterThan(0.1);
      expect(r.pitch).toBeGreaterThan(1.5 * r.yaw);
    }
    for (const c of byLabel('shake')) {
      const r = headRanges(c.frames);
      expect(r.yaw).toBeGreaterThan(0.15);
      expect(r.yaw).toBeGreaterThan(1.5 * r.pitch);
    }
    // hand gestures keep the hands' motion larger than any nod-like head motion would need
    for (const c of [...byLabel('nod'), ...byLabel('shake')]) expect(clipPeakHandSpeed(c.frames)).toBeLessThan(1);
  });

  it('varies handedness and makes recognisable hand gestures', () => {
    const hands = new Set<string>();
    for (const g of ['wave', 'beckon', 'point', 'push'] as const) for (const c of byLabel(g)) hands.add(gestureHand(c));
    for (const c of seventhDataset(4, 99).filter((c) => ['wave', 'point', 'push', 'beckon'].includes(c.label ?? ''))) hands.add(gestureHand(c));
    expect(hands).toEqual(new Set(['left', 'right']));
    for (const c of byLabel('point')) expect(longestHold(c.frames, gestureHand(c))).toBeGreaterThanOrEqual(0.5);
    for (const c of byLabel('push')) expect(longestHold(c.frames, gestureHand(c))).toBeGreaterThanOrEqual(0.4);
    for (const c of byLabel('wave')) {
      const k = gestureHand(c);
      const top = Math.max(...c.frames.flatMap((f) => (f[k] ? [f[k]!.p[1] - f.head!.p[1]] : [])));
      expect(top).toBeGreaterThan(-0.35); // around or above shoulder height
    }
  });

  it('makes every kind of none motion', () => {
    for (const [i, kind] of SEVENTH_NONE_KINDS.entries()) {
      const c = seventhNoneClip(kind, 1000 + i);
      expect(c.label).toBe('none');
      expect(c.frames.length).toBeGreaterThan(20);
      expect(clipPeakHandSpeed(c.frames)).toBeLessThan(5);
    }
    expect(SEVENTH_NONE_KINDS.length).toBeGreaterThanOrEqual(10);
  });

  it('runs as a CLI', () => {
    const dir = mkdtempSync(join(tmpdir(), 'synth7-cli-'));
    tmpDirs.push(dir);
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/gesture/synth-seventh.ts', '--out', dir, '--per-label', '1', '--seed', '3'], { encoding: 'utf8' });
    expect(out.trim().split('\n').pop()).toBe(`synth-seventh: wrote 8 clips to ${dir}`);
    const files = readdirSync(dir);
    expect(files).toHaveLength(8);
    const parsed = parseClip(readFileSync(join(dir, files[0]), 'utf8'), files[0]);
    expect(parsed.label).toBe(files[0].split('__')[0]);
  }, 60_000);
});
