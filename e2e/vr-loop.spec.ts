/**
 * Issue 7's emulated-VR loop in the plaza: the visitor's body is driven through iwer (the emulated
 * Quest 3, `window.xrDevice`) by a small kinematic model that runs inside the page once per XR
 * frame, so the motion the app samples is smooth whatever the frame rate: a standing person
 * (eye height 1.6 m) who walks, turns the head toward someone, waves with the right controller
 * (forearm swinging about the elbow, hand above the shoulder, ~2 Hz), nods (head pitch about the
 * neck, ~2 Hz) or points (arm extended toward someone and held, the controller's target ray along
 * the arm). Nothing here injects a percept: the gesture model decides wave, nod and point from the
 * motion ring buffer, the voice model hears "come here" from the fake microphone, fusion works out
 * whom each addresses, and the NPC brains answer. Each test prints the ML backend in use.
 */
import type { Page } from '@playwright/test';
import { expect, getState, test, waitForReady } from './fixtures';

type Snapshot = Awaited<ReturnType<typeof getState>>;
type V3 = [number, number, number];

/** What the in-page body model is asked to do (world coordinates; see `installBody`). */
interface BodyPlan {
  /** Walk the feet to this world point (x, z) at `speed` m/s; null stays. */
  walkTo?: [number, number] | null;
  /** World points (x, z) walked through in order, without stopping, before `walkTo` (a route round someone). */
  via?: [number, number][];
  speed?: number;
  /** NPC id whose head the visitor looks at (followed as it moves); null looks straight ahead. */
  lookAt?: string | null;
  /** Right hand: rest, wave (cycles at hz), or point at an NPC (tracked, held). */
  right?: { mode: 'rest' } | { mode: 'wave'; hz: number; cycles: number; ampDeg: number } | { mode: 'point'; npc: string };
  /** Nod: `count` nods at `hz`, `ampDeg` pitch down and back up. */
  nod?: { hz: number; count: number; ampDeg: number };
}

/**
 * Start the body model in the page: every XR frame it writes the headset and both controllers'
 * poses (local-floor) from the current plan and the time. Called once in VR; `setPlan` changes
 * what it does. The visitor's world placement (rig position and yaw) is read from the automation
 * view once, so world targets can be converted to local-floor.
 */
async function installBody(page: Page): Promise<void> {
  await page.evaluate(() => {
    const device = window.xrDevice!;
    const session = device.activeSession!;
    const s0 = window.metaverse!.getState();
    // Rig: world = rigPos + R(rigYaw) * local. The headset faces local -z at entry (identity).
    const hq = s0.xr.head!.quaternion;
    const headLocalYaw = Math.atan2(2 * (hq[3] * hq[1] + hq[0] * hq[2]), 1 - 2 * (hq[1] * hq[1] + hq[2] * hq[2]));
    const rigYaw = Math.atan2(-s0.user.forward[0], -s0.user.forward[2]) - headLocalYaw;
    const hl = s0.xr.head!.position;
    const cy = Math.cos(rigYaw);
    const sy = Math.sin(rigYaw);
    // R(yaw) about +y: (x, z) -> (x cos + z sin, -x sin + z cos).
    const rigX = s0.user.head[0] - (hl[0] * cy + hl[2] * sy);
    const rigZ = s0.user.head[2] - (-hl[0] * sy + hl[2] * cy);
    const toLocal = (x: number, y: number, z: number): V3 => {
      const dx = x - rigX;
      const dz = z - rigZ;
      return [dx * cy - dz * sy, y, dx * sy + dz * cy];
    };
    const EYE = 1.6;
    const SHOULDER: V3 = [0.19, 1.4, 0.02];
    const ARM = 0.66;
    const now = () => performance.now() / 1000;
    const minJerk = (u: number) => {
      const x = Math.min(1, Math.max(0, u));
      return x * x * x * (10 - 15 * x + 6 * x * x);
    };
    const norm = (v: V3): V3 => {
      const l = Math.hypot(v[0], v[1], v[2]) || 1;
      return [v[0] / l, v[1] / l, v[2] / l];
    };
    const lerp = (a: V3, b: V3, u: number): V3 => [a[0] + (b[0] - a[0]) * u, a[1] + (b[1] - a[1]) * u, a[2] + (b[2] - a[2]) * u];
    // Quaternion [x, y, z, w] whose -z axis is `dir` (up hint leaning back, as a held controller).
    const qLook = (dir: V3): [number, number, number, number] => {
      const z = norm([-dir[0], -dir[1], -dir[2]]);
      const up: V3 = [0, 1, 0.5];
      let x: V3 = [up[1] * z[2] - up[2] * z[1], up[2] * z[0] - up[0] * z[2], up[0] * z[1] - up[1] * z[0]];
      if (Math.hypot(x[0], x[1], x[2]) < 1e-6) x = [1, 0, 0];
      x = norm(x);
      const y: V3 = [z[1] * x[2] - z[2] * x[1], z[2] * x[0] - z[0] * x[2], z[0] * x[1] - z[1] * x[0]];
      const tr = x[0] + y[1] + z[2];
      if (tr > 0) {
        const s = Math.sqrt(tr + 1) * 2;
        return [(y[2] - z[1]) / s, (z[0] - x[2]) / s, (x[1] - y[0]) / s, 0.25 * s];
      }
      if (x[0] > y[1] && x[0] > z[2]) {
        const s = Math.sqrt(1 + x[0] - y[1] - z[2]) * 2;
        return [0.25 * s, (y[0] + x[1]) / s, (z[0] + x[2]) / s, (y[2] - z[1]) / s];
      }
      if (y[1] > z[2]) {
        const s = Math.sqrt(1 + y[1] - x[0] - z[2]) * 2;
        return [(y[0] + x[1]) / s, 0.25 * s, (z[1] + y[2]) / s, (z[0] - x[2]) / s];
      }
      const s = Math.sqrt(1 + z[2] - x[0] - y[1]) * 2;
      return [(z[0] + x[2]) / s, (z[1] + y[2]) / s, 0.25 * s, (x[1] - y[0]) / s];
    };
    // Yaw (about +y, 0 faces -z) then pitch (about local +x, + looks up).
    const qYawPitch = (yaw: number, pitch: number): [number, number, number, number] => {
      const cy2 = Math.cos(yaw / 2);
      const sy2 = Math.sin(yaw / 2);
      const cp = Math.cos(pitch / 2);
      const sp = Math.sin(pitch / 2);
      return [cy2 * sp, sy2 * cp, -sy2 * sp, cy2 * cp];
    };
    const rotY = (v: V3, yaw: number): V3 => [v[0] * Math.cos(yaw) + v[2] * Math.sin(yaw), v[1], -v[0] * Math.sin(yaw) + v[2] * Math.cos(yaw)];
    // Rotate body-frame vector v by yaw then pitch.
    const rotYP = (v: V3, yaw: number, pitch: number): V3 => {
      const c = Math.cos(pitch);
      const s = Math.sin(pitch);
      return rotY([v[0], v[1] * c - v[2] * s, v[1] * s + v[2] * c], yaw);
    };

    const REST_R: V3 = [0.2, 0.95, -0.25];
    const REST_L: V3 = [-0.2, 0.95, -0.25];
    const REST_DIR: V3 = norm([0, -0.15, -0.25]);
    const ELBOW: V3 = [0.31, 1.3, -0.16];
    const waveHand = (th: number): V3 => {
      const d = norm([Math.sin(th), Math.cos(th), -0.2]);
      return [ELBOW[0] + d[0] * 0.33, ELBOW[1] + d[1] * 0.33, ELBOW[2] + d[2] * 0.33];
    };

    const st = {
      plan: {} as BodyPlan,
      planT: now(),
      // Feet (local-floor) and body yaw (local).
      feet: [hl[0], 0, hl[2]] as V3,
      yaw: headLocalYaw,
      headPitch: 0,
      npcs: new Map<string, V3>(),
      npcsT: 0,
      pointDir: null as V3 | null,
      via: [] as V3[],
      handFrom: { p: REST_R, d: REST_DIR },
      hand: { p: REST_R, d: REST_DIR },
      nodT: -1,
      frames: 0,
      last: now(),
      lastHit: '?',
    };
    const stamps = new Float64Array(256);
    const hits: string[] = [];
    (window as unknown as { __vrHits: string[] }).__vrHits = hits;
    const w = window as unknown as { __vrBody: { setPlan(p: BodyPlan): void; fps(): number; maxGap(since: number): number } };
    w.__vrBody = {
      setPlan(p) {
        st.plan = { ...st.plan, ...p };
        if (p.walkTo !== undefined || p.via) st.via = (p.via ?? []).map((w) => toLocal(w[0], 0, w[1]));
        if (p.nod) st.nodT = now();
        if (p.right) {
          // A new hand movement starts from wherever the hand is now.
          st.planT = now();
          st.handFrom = { p: st.hand.p, d: st.hand.d };
          if (p.right.mode === 'point') st.pointDir = null;
        }
      },
      fps: () => {
        const t = now();
        let k = 0;
        for (let i = 0; i < stamps.length; i++) if (t - stamps[i] <= 2) k++;
        return k / 2;
      },
      // Longest time (s) between two XR frames since `since` (shared clock), from the last 256 frames.
      maxGap: (since) => {
        const ts = Array.from(stamps).filter((x) => x >= since).sort((a, b) => a - b);
        let g = 0;
        for (let i = 1; i < ts.length; i++) g = Math.max(g, ts[i] - ts[i - 1]);
        return g;
      },
    };

    const frame = () => {
      if (!device.activeSession) return;
      session.requestAnimationFrame(frame);
      const t = now();
      const dt = Math.min(0.1, t - st.last);
      st.last = t;
      stamps[st.frames++ % stamps.length] = t;
      const plan = st.plan;
      if (t - st.npcsT > 0.2) {
        st.npcsT = t;
        for (const n of window.metaverse!.getState().npcs) st.npcs.set(n.id, toLocal(n.position[0], 1.55, n.position[2]));
      }
      // Walk: through the route's points (this frame's step carries on past each one), then to walkTo.
      if (plan.walkTo) {
        let left = (plan.speed ?? 1) * dt;
        while (left > 0) {
          const goal = st.via[0] ?? toLocal(plan.walkTo[0], 0, plan.walkTo[1]);
          const dx = goal[0] - st.feet[0];
          const dz = goal[2] - st.feet[2];
          const d = Math.hypot(dx, dz);
          const step = Math.min(d, left);
          if (d > 1e-4) {
            st.feet[0] += (dx / d) * step;
            st.feet[2] += (dz / d) * step;
          }
          left -= step;
          if (st.via.length === 0) break;
          if (step >= d) st.via.shift();
        }
      }
      // Turn the body and head toward the looked-at NPC (at most 120 deg/s, as people turn).
      const target = plan.lookAt ? st.npcs.get(plan.lookAt) : undefined;
      let wantYaw = st.yaw;
      let wantPitch = 0;
      if (target) {
        const dx = target[0] - st.feet[0];
        const dz = target[2] - st.feet[2];
        wantYaw = Math.atan2(-dx, -dz);
        wantPitch = Math.atan2(target[1] - EYE, Math.hypot(dx, dz));
      }
      let dy = wantYaw - st.yaw;
      while (dy > Math.PI) dy -= 2 * Math.PI;
      while (dy < -Math.PI) dy += 2 * Math.PI;
      const maxTurn = ((120 * Math.PI) / 180) * dt;
      st.yaw += Math.max(-maxTurn, Math.min(maxTurn, dy));
      st.headPitch += (wantPitch - st.headPitch) * Math.min(1, dt * 6);
      // Nod: pitch down and back up, `count` times.
      let nod = 0;
      if (plan.nod && st.nodT >= 0) {
        const u = (t - st.nodT) * plan.nod.hz;
        if (u >= 0 && u < plan.nod.count) nod = ((-plan.nod.ampDeg * Math.PI) / 180) * 0.5 * (1 - Math.cos(2 * Math.PI * u));
      }
      // Small idle sway of a standing person (a few mm, slow).
      const sway: V3 = [0.004 * Math.sin(t * 1.3), 0.002 * Math.sin(t * 0.9 + 1), 0.004 * Math.sin(t * 0.7 + 2)];
      const pitch = st.headPitch + nod;
      const neck: V3 = [st.feet[0] + sway[0], EYE - 0.11 + sway[1], st.feet[2] + sway[2]];
      const off = rotYP([0, 0.11, -0.08], st.yaw, pitch);
      device.position.set(neck[0] + off[0], neck[1] + off[1], neck[2] + off[2]);
      const hq2 = qYawPitch(st.yaw, pitch);
      device.quaternion.set(hq2[0], hq2[1], hq2[2], hq2[3]);

      // Right hand, in the body frame (x right, y up, -z forward), then to local-floor.
      const r = plan.right ?? { mode: 'rest' };
      const since = t - st.planT;
      let p: V3 = REST_R;
      let d: V3 = REST_DIR;
      const tremor: V3 = [0.0015 * Math.sin(t * 47), 0.0015 * Math.sin(t * 53 + 1), 0.0015 * Math.sin(t * 41 + 2)];
      if (r.mode === 'wave') {
        const raise = 0.4;
        const swing = r.cycles / r.hz;
        const A = (r.ampDeg * Math.PI) / 180;
        const tilt = 0.15;
        if (since < raise) {
          const u = minJerk(since / raise);
          p = lerp(st.handFrom.p, waveHand(tilt), u);
          d = norm(lerp(st.handFrom.d, norm([Math.sin(tilt), Math.cos(tilt), -0.2]), u));
        } else if (since < raise + swing) {
          const env = Math.min(1, (since - raise) / 0.12) * Math.min(1, (raise + swing - since) / 0.12);
          const th = tilt + A * env * Math.sin(2 * Math.PI * r.hz * (since - raise));
          p = waveHand(th);
          d = norm([Math.sin(th), Math.cos(th), -0.2]);
        } else {
          const u = minJerk((since - raise - swing) / 0.45);
          p = lerp(waveHand(tilt), REST_R, u);
          d = norm(lerp(norm([Math.sin(tilt), Math.cos(tilt), -0.2]), REST_DIR, u));
        }
      } else if (r.mode === 'point') {
        const npc = st.npcs.get(r.npc);
        if (npc) {
          // Aim from the shoulder at the NPC's chest (world -> body frame), low-pass filtered.
          const sh = rotY(SHOULDER, st.yaw);
          const v = rotY([npc[0] - st.feet[0] - sh[0], 1.2 - SHOULDER[1], npc[2] - st.feet[2] - sh[2]], -st.yaw);
          const want = norm(v);
          st.pointDir = st.pointDir ? norm(lerp(st.pointDir, want, Math.min(1, dt * 3))) : want;
        }
        const dir = st.pointDir ?? [0, 0, -1];
        const ext: V3 = [SHOULDER[0] + dir[0] * ARM * 0.92, SHOULDER[1] + dir[1] * ARM * 0.92, SHOULDER[2] + dir[2] * ARM * 0.92];
        const u = minJerk(since / 0.45);
        p = lerp(st.handFrom.p, ext, u);
        d = norm(lerp(st.handFrom.d, dir, u));
      } else {
        const u = minJerk(since / 0.45);
        p = lerp(st.handFrom.p, REST_R, u);
        d = norm(lerp(st.handFrom.d, REST_DIR, u));
      }
      st.hand = { p, d };
      const place = (bp: V3): V3 => {
        const q = rotY(bp, st.yaw);
        return [st.feet[0] + q[0] + tremor[0], q[1] + tremor[1], st.feet[2] + q[2] + tremor[2]];
      };
      const rp = place(p);
      const rdir = rotY(d, st.yaw);
      const rq = qLook(rdir);
      if (r.mode === 'point') {
        // What fusion's ray test would hit now (same cylinder: 0.45 m + 4 deg slack, 1.9 m tall).
        const covered: [number, string][] = [];
        const h2 = rdir[0] * rdir[0] + rdir[2] * rdir[2];
        for (const [id, q] of st.npcs) {
          const s2 = ((q[0] - rp[0]) * rdir[0] + (q[2] - rp[2]) * rdir[2]) / h2;
          if (s2 <= 0 || s2 > 15) continue;
          const miss = Math.hypot(rp[0] + rdir[0] * s2 - q[0], rp[2] + rdir[2] * s2 - q[2]);
          const cy = rp[1] + rdir[1] * s2;
          if (miss > 0.45 + s2 * Math.tan((4 * Math.PI) / 180) || cy < -0.1 || cy > 1.9 + s2 * 0.07) continue;
          covered.push([s2, id]);
        }
        const best = covered.sort((a, b) => a[0] - b[0]).map((c) => c[1]).join('+');
        if (best !== st.lastHit) {
          st.lastHit = best;
          hits.push(`${t.toFixed(2)}:${best || '-'}`);
        }
      }
      device.controllers.right!.position.set(rp[0], rp[1], rp[2]);
      device.controllers.right!.quaternion.set(rq[0], rq[1], rq[2], rq[3]);
      const lp = place([REST_L[0] + 0.003 * Math.sin(t * 0.8), REST_L[1], REST_L[2]]);
      const lq = qLook(rotY(REST_DIR, st.yaw));
      device.controllers.left!.position.set(lp[0], lp[1], lp[2]);
      device.controllers.left!.quaternion.set(lq[0], lq[1], lq[2], lq[3]);
    };
    session.requestAnimationFrame(frame);
  });
}

/** Change what the body does; returns when (shared clock, s) the change took effect. */
const setPlan = (page: Page, plan: BodyPlan) =>
  page.evaluate((p) => {
    (window as unknown as { __vrBody: { setPlan(p: BodyPlan): void } }).__vrBody.setPlan(p);
    return performance.now() / 1000;
  }, plan);

/** Open the plaza, report the backend, enter VR through iwer and start the body model. */
async function enterPlazaVr(page: Page): Promise<Snapshot> {
  // esbuild's keepNames wraps inner functions in __name(); the page has no such helper.
  await page.addInitScript('globalThis.__name = (f) => f;');
  await page.goto('/?scene=plaza');
  await waitForReady(page);
  const s = await getState(page);
  console.log(`plaza VR: ML backend ${s.backend}; issues ${JSON.stringify(s.issues.map((i) => i.key))}`);
  test.info().annotations.push({ type: 'backend', description: s.backend });
  expect(s.backend).toBe('webgpu'); // WebGPU on SwiftShader here
  expect(s.issues.filter((i) => i.key.startsWith('gesture'))).toEqual([]); // the gesture model loaded
  // SwiftShader draws every XR frame on the CPU and the motion sensor samples poses once per XR
  // frame: a mono view in a smaller window roughly doubles the frame rate here (stereo at 960x600
  // gave 5-6 frames/s, too few for a 2 Hz wave or nod; mono at 640x400 gives 8-14). A headset
  // samples at 72-120 Hz.
  await page.setViewportSize({ width: 640, height: 400 });
  await page.evaluate(() => (window.xrDevice!.stereoEnabled = false));
  await page.getByRole('button', { name: 'Enter VR' }).click();
  await page.waitForFunction(() => {
    const st = window.metaverse!.getState();
    return st.mode === 'vr' && st.xr.frames > 30;
  });
  await installBody(page);
  return getState(page);
}

const npcOf = (s: Snapshot, id: string) => {
  const n = s.npcs.find((x) => x.id === id);
  if (!n) throw new Error(`no NPC '${id}' in ${s.sceneId}`);
  return n;
};
const flatDist = (a: readonly number[], b: readonly number[]) => Math.hypot(a[0] - b[0], a[2] - b[2]);

/** Walk (room-scale, 1 m/s) to `dist` m from NPC `id`, on the side toward where the visitor stands, looking at it. */
async function approach(page: Page, id: string, dist: number): Promise<Snapshot> {
  const s = await getState(page);
  const n = npcOf(s, id).position;
  const u = s.user.position;
  const l = flatDist(u, n);
  return walkTo(page, [n[0] + ((u[0] - n[0]) / l) * dist, n[2] + ((u[2] - n[2]) / l) * dist], id, `walking ${l.toFixed(1)} m to ${id}`);
}

/**
 * Walk (room-scale, `speed` m/s) to the world point `spot` (x, z), through the points `via` first
 * (without stopping), looking at NPC `lookAt`; no gesture on the way.
 */
async function walkTo(page: Page, spot: [number, number], lookAt: string, what: string, speed = 1, via: [number, number][] = []): Promise<Snapshot> {
  const t0 = await setPlan(page, { walkTo: spot, via, speed, lookAt, right: { mode: 'rest' } });
  await expect
    .poll(async () => flatDist((await getState(page)).user.position, [spot[0], 0, spot[1]]), { timeout: 60_000, intervals: [500] })
    .toBeLessThan(0.15);
  // Walking up to someone while looking at them is no gesture.
  expect(await logGestures(page, t0, what)).toEqual([]);
  return getState(page);
}

/** Gesture percepts (fused) labelled `label` after time `after`. */
const gestures = (s: Snapshot, label: string, after: number) => s.percepts.filter((p) => p.kind === 'gesture' && p.label === label && p.source === 'local' && p.t > after);

async function timeline(page: Page) {
  return page.evaluate(() => window.metaverse!.timeline());
}

/** Log (and return) the gesture labels the recognizer emitted since `after`, with the XR frame rate. */
async function logGestures(page: Page, after: number, what: string): Promise<string[]> {
  const tl = await timeline(page);
  const fps = await page.evaluate(() => (window as unknown as { __vrBody?: { fps(): number } }).__vrBody?.fps() ?? NaN);
  const sys = (await getState(page)).systems.filter((x) => x.name.startsWith('perception')).map((x) => `${x.name} ${x.avgMs.toFixed(1)} ms`);
  console.log(`${what}: ${fps.toFixed(0)} XR frames/s over the last 2 s; ${sys.join(', ')}`);
  const raw = tl.events.filter((e) => e.type === 'raw' && e.kind === 'gesture' && e.t > after);
  console.log(`${what}: gesture percepts from the model: ${JSON.stringify(raw.map((e) => (e.type === 'raw' ? `${e.label}@${e.t.toFixed(2)}` : '')))}`);
  return raw.map((e) => (e.type === 'raw' ? e.label : ''));
}

/** One change of an NPC's goal or line, as recorded in the page (shared clock, s). */
interface NpcChange {
  at: number;
  id: string;
  goal: string;
  saying: string | null;
}

/**
 * Record in the page every change of each NPC's goal and line (what its subtitle shows), 20 times
 * a second: a poll from the test runner is too slow on this machine to catch a 2 s greeting.
 */
async function recordNpcs(page: Page): Promise<void> {
  await page.evaluate(() => {
    const log: NpcChange[] = [];
    const last = new Map<string, string>();
    (window as unknown as { __npcLog: NpcChange[] }).__npcLog = log;
    setInterval(() => {
      for (const n of window.metaverse!.getState().npcs) {
        const key = `${n.goal}|${n.saying}`;
        if (last.get(n.id) === key) continue;
        last.set(n.id, key);
        log.push({ at: performance.now() / 1000, id: n.id, goal: n.goal, saying: n.saying });
      }
    }, 50);
  });
}
/**
 * Record in the page every gaze percept (attention/look: fusion's looked-at NPC, on each change), 5
 * times a second as `npc:ID`: the automation view keeps only the last 50 percepts.
 */
async function recordLooks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const log: { t: number; target: string | null }[] = [];
    (window as unknown as { __looks: typeof log }).__looks = log;
    let last = -Infinity;
    setInterval(() => {
      for (const p of window.metaverse!.getState().percepts) {
        if (p.kind !== 'attention' || p.label !== 'look' || p.t <= last) continue;
        last = p.t;
        log.push({ t: p.t, target: p.target?.type === 'npc' ? `npc:${p.target.id}` : null });
      }
    }, 200);
  });
}
const npcLog = (page: Page) => page.evaluate(() => (window as unknown as { __npcLog: NpcChange[] }).__npcLog);
const showLog = (log: NpcChange[], id: string, after: number) =>
  log.filter((c) => c.id === id && c.at > after).map((c) => `${c.at.toFixed(2)} ${c.goal} "${c.saying ?? ''}"`).join('; ');

/** The microphone off (a visitor who only gestures); the setting is read at start. */
const micOff = (page: Page) =>
  page.addInitScript(() => localStorage.setItem('metaverse.settings.v1', JSON.stringify({ talkMode: 'always', micEnabled: false, smoothLocomotion: false })));

test.describe('plaza in emulated VR: wave and nod are recognised and the NPC answers', () => {
  test.use({ launch: { webgpu: true } });

  test('a wave toward Otto is recognised, addressed to him, and he greets back; a nod takes his tour', async ({ app }) => {
    const { page } = app;
    await micOff(page);
    await enterPlazaVr(page);
    await recordNpcs(page);
    // 3.5 m away: close enough to greet across, far enough that he does not offer help first.
    const near = await approach(page, 'otto', 3.5);
    console.log(`standing ${flatDist(near.user.position, npcOf(near, 'otto').position).toFixed(2)} m from Otto, looking at him; his goal ${npcOf(near, 'otto').goal}`);
    await page.waitForTimeout(500); // the gaze settles on him (fusion's look dwell is 0.3 s)
    const t0 = await setPlan(page, { right: { mode: 'wave', hz: 2, cycles: 5, ampDeg: 30 } });
    await expect
      .poll(async () => gestures(await getState(page), 'wave', t0).length, { timeout: 30_000, intervals: [250] })
      .toBeGreaterThan(0)
      .catch(async (e) => {
        await logGestures(page, t0, 'wave not recognised');
        throw e;
      });
    const wave = gestures(await getState(page), 'wave', t0)[0];
    console.log(`wave percept: ${JSON.stringify(wave)}`);
    expect(await logGestures(page, t0, 'while waving')).toEqual(['wave']); // one gesture, one percept
    expect(wave.target).toEqual({ type: 'npc', id: 'otto' });
    // Otto greets: his goal becomes greet after the wave, and his subtitle shows a greeting line.
    const greets = (log: NpcChange[]) => log.filter((c) => c.id === 'otto' && c.at >= wave.t && c.goal === 'greet');
    await expect.poll(async () => greets(await npcLog(page)).length, { timeout: 20_000, intervals: [200] }).toBeGreaterThan(0);
    const log = await npcLog(page);
    console.log(`Otto since the wave: ${showLog(log, 'otto', t0)}`);
    expect(['Good day to you, young one.', 'Ah, hello, hello.']).toContain(greets(log)[0].saying);
    const tl = await timeline(page);
    const heard = tl.events.find((e) => e.type === 'percept' && e.kind === 'gesture' && e.label === 'wave' && e.at > t0)!;
    const greeted = tl.events.find((e) => e.type === 'npc' && e.npc === 'otto' && e.action === 'goal' && e.detail === 'greet' && e.at >= heard.at)!;
    expect(greeted).toBeTruthy();
    // He waves back (his gesture) as he greets.
    expect(tl.events.some((e) => e.type === 'npc' && e.npc === 'otto' && e.action === 'gesture' && e.detail === 'wave' && e.at >= heard.at)).toBe(true);
    console.log(`hand starts up -> wave recognised ${((wave.t - t0) * 1000).toFixed(0)} ms (the swing starts at 400 ms, 2 Hz); percept -> Otto's greet ${((greeted.at - heard.at) * 1000).toFixed(0)} ms`);

    // The conversation goes on: greeted, Otto offers a tour; a nod says yes and he sets off for
    // the first stop (the fountain).
    const offers = (l: NpcChange[]) => l.filter((c) => c.id === 'otto' && c.at > greeted.at && c.goal === 'ask' && c.saying === 'Would you like a tour?');
    await expect.poll(async () => offers(await npcLog(page)).length, { timeout: 20_000, intervals: [200] }).toBeGreaterThan(0);
    const offered = offers(await npcLog(page))[0];
    const t1 = await setPlan(page, { nod: { hz: 2, count: 3, ampDeg: 15 } });
    await expect.poll(async () => gestures(await getState(page), 'nod', t1).length, { timeout: 30_000, intervals: [250] }).toBeGreaterThan(0);
    const nod = gestures(await getState(page), 'nod', t1)[0];
    expect(nod.target).toEqual({ type: 'npc', id: 'otto' });
    const tours = (l: NpcChange[]) => l.filter((c) => c.id === 'otto' && c.at >= nod.t && c.goal === 'tour');
    await expect.poll(async () => tours(await npcLog(page)).length, { timeout: 20_000, intervals: [200] }).toBeGreaterThan(0);
    const tourLog = await npcLog(page);
    console.log(`Otto since the tour offer: ${showLog(tourLog, 'otto', offered.at - 0.01)}`);
    // His tour starts at the fountain. (He does not walk there: a known bug, reported 2026-11-23 -
    // the fountain POI is the basin's centre, inside the navmesh obstacle, so the crowd finds no
    // target within its 1 m search box and the tour's 1.6 m arrival radius lies inside the basin.)
    expect(tourLog.some((c) => c.id === 'otto' && c.at >= nod.t && c.saying !== null && /The Fountain/.test(c.saying))).toBe(true);
  });

  test("a nod answers Otto's question and he acts on the yes", async ({ app }) => {
    const { page } = app;
    await micOff(page);
    await enterPlazaVr(page);
    await recordNpcs(page);
    await approach(page, 'otto', 2.2);
    // Standing near him and looking at him, Otto asks whether he can help.
    const asks = (log: NpcChange[]) => log.filter((c) => c.id === 'otto' && c.goal === 'ask' && c.saying);
    await expect.poll(async () => asks(await npcLog(page)).length, { timeout: 30_000, intervals: [200] }).toBeGreaterThan(0);
    const question = asks(await npcLog(page))[0];
    console.log(`Otto asks: "${question.saying}"`);
    expect(question.saying).toBe('Can I help you?');
    const t0 = await setPlan(page, { nod: { hz: 2, count: 3, ampDeg: 15 } });
    await expect
      .poll(async () => gestures(await getState(page), 'nod', t0).length, { timeout: 30_000, intervals: [250] })
      .toBeGreaterThan(0)
      .catch(async (e) => {
        await logGestures(page, t0, 'nod not recognised');
        throw e;
      });
    const nod = gestures(await getState(page), 'nod', t0)[0];
    console.log(`nod percept: ${JSON.stringify(nod)}; recognised ${((nod.t - t0) * 1000).toFixed(0)} ms after the first nod began`);
    expect(await logGestures(page, t0, 'while nodding')).toEqual(['nod']); // one gesture, one percept
    expect(nod.target).toEqual({ type: 'npc', id: 'otto' });
    // The yes: Otto helps (goal help, his help line), after the nod.
    const helps = (log: NpcChange[]) => log.filter((c) => c.id === 'otto' && c.at >= nod.t && c.goal === 'help');
    await expect.poll(async () => helps(await npcLog(page)).length, { timeout: 20_000, intervals: [200] }).toBeGreaterThan(0);
    const log = await npcLog(page);
    console.log(`Otto since the question: ${showLog(log, 'otto', question.at - 0.01)}`);
    expect(helps(log)[0].saying).toBe('Ask Mara, she knows everybody.');
    // Nothing else answered him: no speech percept (the mic is off) and no other gesture in between.
    const s = await getState(page);
    expect(s.percepts.filter((p) => p.t > question.at && p.kind === 'speech')).toEqual([]);
  });
});

test.describe('plaza in emulated VR with "come here" as the microphone', () => {
  // e2e/fixtures/come-here-loop.wav: espeak-ng "come here" on silence, looping every ~2.8 s
  // (made and checked by `node --import tsx e2e/fixtures/make-come-here.ts`).
  test.use({ launch: { webgpu: true, audioFile: 'e2e/fixtures/come-here-loop.wav' } });

  // The plaza's NPCs wander (Mara and Kit) and may stand anywhere, so whom to point at is chosen at
  // run time: an NPC clear of Otto's gaze cone, of the bearing of everyone who could be on the ray
  // before it and of the POIs, now and a few seconds ahead, within the right arm's reach. The visitor
  // walks round Otto - any side, on a route that keeps 1.8 m from him - to a spot from which someone
  // is clear, someone standing still if possible; the arm then tracks the target if it walks. Fusion
  // keeps the NPC the point picked while the held ray still covers it, even when a nearer NPC comes
  // onto the ray (tests/fusion.test.ts). (Until 2026-11-23 the visitor only stepped up to 100 deg
  // round Otto on a straight line, so an NPC that stood by the visitor, behind Otto or just outside
  // the right arm's reach from that side left nobody to point at in some CI runs. In a rough model
  // of where the plaza's NPCs stand (random spots in their wander areas, Mara by the visitor 40 % of
  // the time), one snapshot has someone clear from some spot 88 % of the time with those rules, 95 %
  // all round Otto with this test's margins (98 % with the check's after the walk); the search tries
  // again as they move. Pointing with the left hand would not help yet: fusion's pointer is the
  // right controller only, src/app/scene-session.ts.)
  test('pointing at an NPC while saying "come here" brings that NPC, not the nearest', async ({ app }) => {
    // Usually ~1 min; the search for a clear NPC may take up to 90 s more when the plaza is crowded.
    test.setTimeout(240_000);
    const { page } = app;
    // Push-to-talk, so only what is said while the grip is held counts (chosen before VR; remembered).
    await page.addInitScript(() => localStorage.setItem('metaverse.settings.v1', JSON.stringify({ talkMode: 'push', micEnabled: true, smoothLocomotion: false })));
    const s0 = await enterPlazaVr(page);
    expect(s0.settings.talkMode).toBe('push');
    await recordLooks(page);
    await expect.poll(async () => (await getState(page)).sensors.mic, { timeout: 30_000 }).toBe('live');
    // Stand close to Otto (the nearest NPC, looked at), then point at another NPC further away.
    await approach(page, 'otto', 1.8);
    const deg = Math.PI / 180;
    const wrap = (a: number) => Math.atan2(Math.sin(a), Math.cos(a));
    const bearing = (from: readonly number[], p: readonly number[]) => Math.atan2(p[0] - from[0], p[2] - from[2]);
    /** Two snapshots 0.5 s apart: where each NPC is `ahead` s later at its current velocity, and who stands still. */
    const motion = async () => {
      const stamped = () => page.evaluate(() => ({ s: window.metaverse!.getState(), t: performance.now() / 1000 }));
      const a = await stamped();
      await page.waitForTimeout(500);
      const b = await stamped();
      const at = (id: string, ahead: number): number[] => {
        const p0 = npcOf(a.s, id).position;
        const p1 = npcOf(b.s, id).position;
        const k = ahead / (b.t - a.t);
        return [p1[0] + (p1[0] - p0[0]) * k, 0, p1[2] + (p1[2] - p0[2]) * k];
      };
      const still = (id: string) => npcOf(a.s, id).speed < 0.05 && npcOf(b.s, id).speed < 0.05;
      return { s: b.s, at, still };
    };
    // The plaza's POIs (x, z; src/scenes/plaza/index.tsx): a point ray that passes one (0.8 m + 4 deg)
    // nearer than the NPC picks the POI (fusion's castPointer), so the fountain must not be in the way.
    const POIS: [number, number][] = [[0, 0], [9.2, -5.5], [-11.8, -4], [0, 14.5]];
    /**
     * Whom a visitor standing at `v` can single out with the right arm while looking at Otto, at each
     * of `aheads` (s): an NPC 2.5-14.6 m away (fusion picks up to 15 m along the ray from the hand,
     * ~0.6 m ahead of the head; Lena at the café stands ~14 m off), 30-75 deg to the right of
     * Otto's bearing (clear of the gaze cone, 10 deg plus Otto's half-width, ~14 deg at 1.8 m; inside
     * the arm's reach: the gesture model learned points from 25 deg inward to 75 deg outward), more
     * than 20 deg from the bearing of every NPC that is not clearly beyond it (1.5 m further), with no
     * POI on the ray before it; Otto stays the nearest and nobody within 4 deg of his bearing stands
     * behind him (the gaze picks the NPC at the smallest angle, and must keep naming him). `tight` narrows every margin (used to choose where to walk, so the
     * check after the walk still passes when things moved a little). Candidates standing still first,
     * then the nearest; [] when nobody.
     */
    const targets = (m: Awaited<ReturnType<typeof motion>>, v: readonly number[], aheads: number[], tight: boolean) => {
      const [lo, hi, sep, pad, behind, far] = tight ? [34 * deg, 71 * deg, 25 * deg, 0.5, 6 * deg, 14.3] : [30 * deg, 75 * deg, 20 * deg, 0.2, 4 * deg, 14.6];
      const ok = m.s.npcs.filter((k) => {
        if (k.id === 'otto') return false;
        return aheads.every((ahead) => {
          const kp = m.at(k.id, ahead);
          const op = m.at('otto', ahead);
          const d = flatDist(v, kp);
          const rel = wrap(bearing(v, kp) - bearing(v, op));
          if (d < 2.5 || d > far || rel > -lo || rel < -hi) return false;
          const others = m.s.npcs.every((o) => {
            if (o.id === k.id || o.id === 'otto') return true;
            const p = m.at(o.id, ahead);
            const dp = flatDist(v, p);
            if (dp <= flatDist(v, op) + pad) return false; // Otto stays the nearest
            if (dp < 15 && Math.abs(wrap(bearing(v, p) - bearing(v, op))) < behind) return false; // not in line behind Otto
            return dp > d + 1.5 || Math.abs(wrap(bearing(v, p) - bearing(v, kp))) > sep;
          });
          if (!others) return false;
          const ux = (kp[0] - v[0]) / d;
          const uz = (kp[2] - v[2]) / d;
          return POIS.every(([px, pz]) => {
            const s = (px - v[0]) * ux + (pz - v[2]) * uz;
            return s <= 0 || s >= d || Math.abs((px - v[0]) * uz - (pz - v[2]) * ux) > 0.8 + s * Math.tan(4 * deg) + pad;
          });
        });
      });
      ok.sort((x, y) => Number(m.still(y.id)) - Number(m.still(x.id)) || flatDist(v, x.position) - flatDist(v, y.position));
      return ok.map((k) => k.id);
    };
    const describe = (s: Snapshot) =>
      s.npcs.map((n) => `${n.id} ${flatDist(s.user.position, n.position).toFixed(1)} m, bearing ${(bearing(s.user.position, n.position) / deg).toFixed(0)} deg, ${n.speed.toFixed(1)} m/s`).join('; ');
    // The plaza's NPCs wander (Mara and Kit), and one may stand by the visitor or in line with someone
    // else: find a spot 1.8 m from Otto, anywhere round him, from which someone will be clear when the
    // point is recognised (the walk at 0.5 m/s, then ~2-3 s), someone standing still if possible; walk
    // there round him (waypoints every 15 deg on the circle, so the path never cuts past him) and check
    // again; try again from there (waiting 2 s when no spot has anyone) for up to 90 s.
    let pointed = '';
    const searchEnd = Date.now() + 90_000;
    for (let attempt = 1; !pointed && Date.now() < searchEnd; attempt++) {
      const m = await motion();
      const u = m.s.user.position;
      const o = npcOf(m.s, 'otto').position;
      const here = bearing(o, u);
      const r = 1.8;
      const onCircle = (th: number): [number, number] => [o[0] + r * Math.sin(th), o[2] + r * Math.cos(th)];
      /** The way `a` deg round Otto: points every <= 15 deg on the circle, the last one the spot. */
      const route = (a: number) => {
        const legs = Math.max(1, Math.ceil(Math.abs(a) / 15));
        const pts = Array.from({ length: legs }, (_, k) => onCircle(here + ((a * (k + 1)) / legs) * deg));
        let walk = 0;
        pts.forEach((p, k) => (walk += Math.hypot(p[0] - (k ? pts[k - 1][0] : u[0]), p[1] - (k ? pts[k - 1][1] : u[2]))));
        return { pts, walk };
      };
      let best: { a: number; walk: number; who: string; still: boolean } | null = null;
      for (let a = -170; a <= 180; a += 10) {
        const { pts, walk } = route(a);
        const spot = pts[pts.length - 1];
        const who = targets(m, [spot[0], 0, spot[1]], [2 * walk + 0.5, 2 * walk + 3.5], true)[0];
        if (!who) continue;
        const still = m.still(who);
        if (!best || (still && !best.still) || (still === best.still && walk < best.walk)) best = { a, walk, who, still };
      }
      if (!best) {
        console.log(`try ${attempt}: no spot round Otto has an NPC clear to point at (${describe(m.s)}); waiting`);
        await page.waitForTimeout(2000);
        continue;
      }
      const { pts } = route(best.a);
      const what = `try ${attempt}: walking ${best.walk.toFixed(1)} m round Otto (${best.a} deg) to point at ${best.who}${best.still ? ' (standing still)' : ''}`;
      await walkTo(page, pts[pts.length - 1], 'otto', what, 0.5, pts.slice(0, -1));
      const m2 = await motion();
      const clear = targets(m2, m2.s.user.position, [0, 3], false);
      pointed = clear.includes(best.who) ? best.who : (clear[0] ?? '');
      console.log(`try ${attempt}: ${pointed ? `pointing at ${pointed}` : 'nobody clear after the walk'}; ${describe(m2.s)}`);
    }
    expect(pointed).not.toBe('');

    // Keep facing Otto (the visitor stands with him) and point at her with the right arm, held
    // still: the gaze and the nearest NPC both say Otto, so only the pointing can pick her.
    const t0 = await setPlan(page, { lookAt: 'otto', right: { mode: 'point', npc: pointed } });
    await expect
      .poll(async () => gestures(await getState(page), 'point', t0).length, { timeout: 30_000, intervals: [250] })
      .toBeGreaterThan(0)
      .catch(async (e) => {
        await logGestures(page, t0, 'point not recognised');
        throw e;
      });
    const point = gestures(await getState(page), 'point', t0)[0];
    console.log(`point percept: ${JSON.stringify(point)}; recognised ${((point.t - t0) * 1000).toFixed(0)} ms after the arm started to rise (reaches in 450 ms)`);
    expect(await logGestures(page, t0, 'while pointing')).toEqual(['point']); // one gesture, one percept
    expect(point.target).toEqual({ type: 'npc', id: pointed });

    // Hold the grip (left controller squeeze = push-to-talk) while still pointing: "come here".
    // The grip is let go as soon as "come here" is heard, from inside the page (a 20 ms check, not a
    // test-side poll, which on a loaded machine can lag past the start of the WAV's next "come here"
    // 2.8 s later: releasing push-to-talk decides what was said so far, and that would be a second
    // command, rightly sent to Otto once the point is old).
    const released = await page.evaluate(
      (since) =>
        new Promise<boolean>((resolve) => {
          const left = window.xrDevice!.controllers.left!;
          left.updateButtonValue('squeeze', 1);
          const started = performance.now();
          const id = setInterval(() => {
            const heard = window.metaverse!.getState().percepts.some((p) => p.kind === 'speech' && p.label === 'come_here' && p.source === 'local' && p.t > since);
            if (heard || performance.now() - started > 30_000) {
              left.updateButtonValue('squeeze', 0);
              clearInterval(id);
              resolve(heard);
            }
          }, 20);
        }),
      t0,
    );
    expect(released, '"come here" was not heard within 30 s of holding the grip').toBe(true);
    const spoken = (s: Snapshot) => s.percepts.filter((p) => p.kind === 'speech' && p.label === 'come_here' && p.source === 'local' && p.t > t0);
    const atSaid = await getState(page);
    const said = spoken(atSaid)[0];
    console.log(`speech percept: ${JSON.stringify(said)}`);
    // What the voice model heard since the point, the longest XR frame gap and what the held ray
    // covered over time (nearest first; the page replays fusion's cylinder test), to tell a lapsed
    // hold from a ray that missed.
    const heardSince = (await timeline(page)).events.filter((e) => e.type === 'raw' && e.kind === 'speech' && e.at > point.t);
    const gap = await page.evaluate((a) => (window as unknown as { __vrBody: { maxGap(s: number): number } }).__vrBody.maxGap(a), point.t);
    const rayLog = await page.evaluate(() => (window as unknown as { __vrHits: string[] }).__vrHits);
    console.log(
      `raw speech since the point: ${heardSince.map((e) => (e.type === 'raw' ? `${e.label} (t ${e.t.toFixed(2)}, handled ${e.at.toFixed(2)})` : '')).join(', ')}; ` +
        `longest XR frame gap ${gap.toFixed(2)} s; the ray covered: ${rayLog.join(' ')}`,
    );
    expect(said.target).toEqual({ type: 'npc', id: pointed });
    // ...while the head looked at Otto: it faces him (flat, within 10 deg) and the pointed NPC is not
    // the nearest when the speech is in; fusion's gaze never named the pointed NPC during the point,
    // and its last gaze percept before the speech names Otto, or (logged) an NPC then passing behind
    // him: the gaze cone takes the NPC at the smallest angle, and a walker 1-2 deg off the line can
    // beat Otto, whose face the visitor looks at above the point fusion aims at (+1.4 m).
    const facing = wrap(bearing(atSaid.user.position, npcOf(atSaid, 'otto').position) - Math.atan2(atSaid.user.forward[0], atSaid.user.forward[2]));
    const nearest = [...atSaid.npcs].sort((x, y) => flatDist(atSaid.user.position, x.position) - flatDist(atSaid.user.position, y.position))[0].id;
    const looks = (await page.evaluate(() => (window as unknown as { __looks: { t: number; target: string | null }[] }).__looks)).filter((e) => e.t <= said.t);
    const lastLook = looks.at(-1)?.target ?? null;
    console.log(`when the speech was in: Otto ${(facing / deg).toFixed(1)} deg off the head's forward; nearest ${nearest}; last gaze percept ${lastLook}`);
    expect(Math.abs(facing)).toBeLessThan(10 * deg);
    expect(nearest).not.toBe(pointed);
    expect(looks.filter((e) => e.t >= t0).map((e) => e.target)).not.toContain(`npc:${pointed}`);
    expect(lastLook).not.toBeNull();
    expect(lastLook).not.toBe(`npc:${pointed}`);
    if (lastLook !== 'npc:otto') console.log(`the last gaze percept names ${lastLook}, passing behind Otto, not him`);
    // From the NPC action log, not the goal polled now: a pointed NPC ~3 m away can arrive and be
    // idle again (about 1.5 s) before a poll on a loaded machine sees "come" (a fresh-clone CI run).
    const tookCome = async () =>
      (await timeline(page)).events.some((e) => e.type === 'npc' && e.action === 'goal' && e.detail === 'come' && e.npc === pointed && e.at > t0);
    await expect.poll(tookCome, { timeout: 20_000, intervals: [250] }).toBe(true);
    await setPlan(page, { right: { mode: 'rest' } });
    // She walks up to the visitor; Otto, the nearest, stays where he was and never takes "come".
    const ottoAt = npcOf(await getState(page), 'otto').position;
    await expect
      .poll(async () => {
        const s = await getState(page);
        return flatDist(s.user.position, npcOf(s, pointed).position);
      }, { timeout: 60_000, intervals: [500] })
      .toBeLessThan(2);
    const end = await getState(page);
    const tl = await timeline(page);
    const cameTo = [...new Set(tl.events.filter((e) => e.type === 'npc' && e.action === 'goal' && e.detail === 'come' && e.at > t0).map((e) => (e.type === 'npc' ? e.npc : '')))];
    console.log(`NPCs that took "come": ${JSON.stringify(cameTo)}; ${pointed} now ${flatDist(end.user.position, npcOf(end, pointed).position).toFixed(2)} m away; Otto moved ${flatDist(ottoAt, npcOf(end, 'otto').position).toFixed(2)} m`);
    expect(cameTo).toEqual([pointed]);
    expect(npcOf(end, 'otto').goal).not.toBe('come');
  });
});

