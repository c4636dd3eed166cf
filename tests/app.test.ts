import { describe, expect, it } from 'vitest';
import { PerspectiveCamera, Vector3 } from 'three';
import { createAppStore, DEFAULT_SETTINGS, SETTINGS_KEY, type SettingsStorage } from '../src/app/store';
import { createPerceptLog } from '../src/app/percept-log';
import { createFrameStats } from '../src/app/frame-stats';
import { createRuntime } from '../src/app/runtime';
import { createFlatInputState } from '../src/app/controls/flat-input';
import { createFlatInputSystem, createMotionSystem, rigFromXrHead, rigToXr, teleportRig, turnRigAroundHead, WALK_SPEED, type SystemsContext } from '../src/app/systems';
import { buttonSpeechPercept, VOICE_COMMANDS } from '../src/app/hud/voice-commands';
import { decodeMotionFrame, MOTION_STRIDE } from '../src/sensors/motion/motion-buffer';
import type { WebGLRenderer } from 'three';

const memoryStorage = (init: Record<string, string> = {}): SettingsStorage & { data: Record<string, string> } => {
  const data = { ...init };
  return { data, getItem: (k) => data[k] ?? null, setItem: (k, v) => void (data[k] = v) };
};

describe('app store', () => {
  it('remembers settings in storage and reads them back', () => {
    const storage = memoryStorage();
    const a = createAppStore(storage);
    expect(a.getState().settings).toEqual(DEFAULT_SETTINGS);
    a.getState().updateSettings({ talkMode: 'push' });
    expect(JSON.parse(storage.data[SETTINGS_KEY]).talkMode).toBe('push');
    expect(createAppStore(storage).getState().settings.talkMode).toBe('push');
  });

  it('falls back to defaults on malformed settings and says so', () => {
    const s = createAppStore(memoryStorage({ [SETTINGS_KEY]: '{not json' })).getState();
    expect(s.settings).toEqual(DEFAULT_SETTINGS);
    expect(s.issues[0].message).toMatch(/not valid JSON/);
    const t = createAppStore(memoryStorage({ [SETTINGS_KEY]: '{"talkMode":"shout","micEnabled":false}' })).getState();
    expect(t.settings).toEqual({ ...DEFAULT_SETTINGS, micEnabled: false });
  });

  it('replaces issues by key', () => {
    const s = createAppStore();
    s.getState().reportIssue('mic', 'a');
    s.getState().reportIssue('mic', 'b');
    expect(s.getState().issues).toEqual([{ key: 'mic', message: 'b' }]);
    s.getState().clearIssue('mic');
    expect(s.getState().issues).toEqual([]);
  });
});

describe('percept log', () => {
  it('keeps the last 50 and rejects bad percepts with the field named', () => {
    const log = createPerceptLog(50);
    const seen: string[] = [];
    log.subscribe((p) => seen.push(p.label));
    for (let i = 0; i < 60; i++) log.emit({ t: i, kind: 'speech', label: `l${i}`, confidence: 1, source: 'local' });
    expect(log.recent()).toHaveLength(50);
    expect(log.recent()[0].label).toBe('l10');
    expect(seen).toHaveLength(60);
    expect(() => log.emit({ t: 1, kind: 'speech', label: 'x', confidence: 2, source: 'local' })).toThrow(/confidence/);
    expect(() => log.emit({ t: NaN, kind: 'speech', label: 'x', confidence: 1, source: 'local' })).toThrow(/percept\.t/);
  });

  it('has one button percept per voice command, as the model would emit it', () => {
    expect(VOICE_COMMANDS).toEqual(['hello', 'follow_me', 'stop', 'come_here', 'go_away', 'yes', 'no', 'next', 'tell_me_more', 'help']);
    expect(buttonSpeechPercept('stop', 3)).toEqual({ t: 3, kind: 'speech', label: 'stop', confidence: 1, source: 'local' });
  });

  it('passes raw percepts straight to the log until a scene fuses them', () => {
    const rt = createRuntime(createAppStore(), '/worklet.js');
    rt.rawPercepts.emit(buttonSpeechPercept('hello', 1));
    expect(rt.percepts.recent().map((p) => p.label)).toEqual(['hello']);
    rt.fusionActive = true;
    rt.rawPercepts.emit(buttonSpeechPercept('stop', 2));
    expect(rt.percepts.count).toBe(1);
  });
});

describe('frame stats', () => {
  it('gives the median of the window', () => {
    const f = createFrameStats(5);
    expect(f.median()).toBeNaN();
    for (const ms of [10, 30, 20, 1000, 15]) f.record(ms);
    expect(f.median()).toBe(20);
    for (const ms of [16, 16, 16]) f.record(ms); // window now 1000, 15, 16, 16, 16
    expect(f.median()).toBe(16);
  });
});

/** A runtime with a flat camera and a renderer stand-in that is not presenting XR. */
function flatHarness() {
  const runtime = createRuntime(createAppStore(), '/worklet.js');
  const camera = new PerspectiveCamera(70, 16 / 10, 0.05, 100);
  const flatInput = createFlatInputState();
  const gl = { xr: { isPresenting: false, getFrame: () => null, getReferenceSpace: () => null } } as unknown as WebGLRenderer;
  const ctx: SystemsContext = { runtime, flatInput, three: () => ({ gl, camera, origin: null }) };
  return { runtime, camera, flatInput, input: createFlatInputSystem(ctx), motion: createMotionSystem(ctx), ctx };
}

describe('flat-mode systems', () => {
  it('walks forward along the look direction at WALK_SPEED and puts the camera at eye height', () => {
    const h = flatHarness();
    h.runtime.rig.position.set(0, 0, 3);
    h.flatInput.keys.forward = true;
    h.input.update(0.5, 0);
    expect(h.runtime.rig.position.z).toBeCloseTo(3 - WALK_SPEED * 0.5, 6);
    expect(h.camera.position.toArray()).toEqual([0, 1.6, 3 - WALK_SPEED * 0.5]);
    // Turn 90 degrees left (mouse moved left) and walk: now towards -x.
    h.flatInput.lookDx = -Math.PI / 2 / 0.0025;
    h.input.update(0.5, 0.5);
    expect(h.runtime.rig.position.x).toBeCloseTo(-WALK_SPEED * 0.5, 3);
  });

  it('respects the walkable constraint', () => {
    const h = flatHarness();
    h.ctx.constrain = (_from, to, out) => out.set(to.x, to.y, Math.max(to.z, 2.5));
    const input = createFlatInputSystem(h.ctx);
    h.runtime.rig.position.set(0, 0, 3);
    h.flatInput.keys.forward = true;
    for (let i = 0; i < 10; i++) input.update(0.1, i * 0.1);
    expect(h.runtime.rig.position.z).toBe(2.5);
  });

  it('counts clicks as right-hand selects', () => {
    const h = flatHarness();
    h.flatInput.pendingClicks = 2;
    h.input.update(0.016, 7);
    expect(h.runtime.input.selectCount.right).toBe(2);
    expect(h.runtime.input.lastSelect).toEqual({ hand: 'right', t: 7 });
  });

  it('writes the head pose into the motion buffer in local-floor space; the mouse ray is the pointer, not a hand', () => {
    const h = flatHarness();
    h.runtime.rig.position.set(5, 0, 5);
    h.input.update(0.016, 0);
    h.motion.update(0.016, 1.25);
    const out = new Float32Array(MOTION_STRIDE);
    const times = new Float64Array(1);
    expect(h.runtime.motion.buffer.readLatest(1, out, times)).toBe(1);
    const f = decodeMotionFrame(out, 0, times[0]);
    expect(f.t).toBe(1.25);
    expect(f.head?.p).toEqual([0, 1.600000023841858, 0]); // rig frame: the head is above the local origin
    expect(f.left).toBeNull();
    expect(f.right).toBeNull(); // the gesture model never sees the mouse ray as a still hand at the eyes
    expect(h.runtime.input.right.tracked).toBe(true); // ...but fusion and clicks still have it
    const q = h.runtime.input.right.pose.q; // through the screen centre: straight ahead
    expect(Math.abs(q[3])).toBeCloseTo(1, 4);
    expect(h.runtime.rig.headWorld.toArray()).toEqual([5, 1.6, 5]);
    expect(h.runtime.rig.forwardWorld.z).toBeCloseTo(-1, 6);
  });
});

describe('rig hand-over between flat and XR', () => {
  it('keeps the visitor in place and facing the same way across enter and exit', () => {
    const h = flatHarness();
    const { rig, input } = h.runtime;
    rig.position.set(2, 0, 1);
    rig.lookYaw = 0.7;
    rigToXr(h.runtime);
    expect(rig.yaw).toBeCloseTo(0.7, 9);
    // In XR the head moved 0.5 m along local +x and turned 0.3 rad left.
    input.head.tracked = true;
    input.head.pose.p = [0.5, 1.7, 0];
    input.head.pose.q = [0, Math.sin(0.15), 0, Math.cos(0.15)];
    rig.headWorld.set(0.5, 1.7, 0).applyAxisAngle(new Vector3(0, 1, 0), rig.yaw).add(rig.position);
    const head = rig.headWorld.clone();
    rigFromXrHead(h.runtime);
    expect(rig.position.x).toBeCloseTo(head.x, 9);
    expect(rig.position.z).toBeCloseTo(head.z, 9);
    expect(rig.yaw).toBeCloseTo(1.0, 9);
  });

  it('teleports the head (not the room origin) onto the target and snap-turns around the head', () => {
    const h = flatHarness();
    const { rig, input } = h.runtime;
    input.head.tracked = true;
    input.head.pose.p = [0.4, 1.6, -0.2];
    teleportRig(h.runtime, new Vector3(3, 0, -4));
    rig.headWorld.set(0.4, 1.6, -0.2).add(rig.position);
    expect(rig.headWorld.x).toBeCloseTo(3, 9);
    expect(rig.headWorld.z).toBeCloseTo(-4, 9);
    const before = rig.headWorld.clone();
    turnRigAroundHead(h.runtime, Math.PI / 4);
    // The head stays where it was; only the origin swings around it.
    const p = new Vector3(0.4, 1.6, -0.2).applyAxisAngle(new Vector3(0, 1, 0), rig.yaw).add(rig.position);
    expect(p.x).toBeCloseTo(before.x, 9);
    expect(p.z).toBeCloseTo(before.z, 9);
  });
});
