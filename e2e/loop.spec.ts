import { expect, getState, test, waitForReady } from './fixtures';
import type { Page } from '@playwright/test';

/** The NPC snapshot of `id`. */
async function npc(page: Page, id: string) {
  const s = await getState(page);
  const n = s.npcs.find((x) => x.id === id);
  if (!n) throw new Error(`no NPC "${id}" in ${s.npcs.map((x) => x.id).join(', ')}`);
  return { npc: n, user: s.user, state: s };
}

// Issue 7's degraded case: no WebGPU and a denied microphone. The app must still reach ready, say
// what is off, and the on-screen command buttons must still drive the NPCs through fusion and
// cognition to the agents.
test.describe('the loop without WebGPU and without a microphone', () => {
  test.use({ launch: { webgpu: false, denyMic: true } });

  test('command buttons make the museum guide follow the walking visitor, and stop halts her', async ({ app }) => {
    const { page } = app;
    await page.goto('/?scene=museum');
    await waitForReady(page);
    const first = await getState(page);
    expect(first.backend).not.toBe('webgpu');
    expect(first.sensors.mic).not.toBe('live');
    // The HUD says why the microphone is off.
    expect(first.sensors.micReason).toMatch(/denied|permission|not allowed/i);

    // The visitor spawns facing Iris, about 2 m away: "follow me" goes to her (nearest NPC facing them).
    await page.locator('button[data-command="follow_me"]').click();
    await expect.poll(async () => (await npc(page, 'iris')).npc.goal, { timeout: 20_000 }).toBe('follow');
    const followed = (await getState(page)).percepts.filter((p) => p.label === 'follow_me');
    expect(followed.at(-1)?.target).toEqual({ type: 'npc', id: 'iris' });

    // Walk away (backwards, so the visitor keeps facing her); she must come after.
    const start = await npc(page, 'iris');
    await page.keyboard.down('s');
    await expect
      .poll(
        async () => {
          const { user } = await npc(page, 'iris');
          return Math.hypot(user.position[0] - start.user.position[0], user.position[2] - start.user.position[2]);
        },
        { timeout: 30_000 },
      )
      .toBeGreaterThan(2.5);
    await page.keyboard.up('s');
    await expect
      .poll(
        async () => {
          const { npc: n } = await npc(page, 'iris');
          return Math.hypot(n.position[0] - start.npc.position[0], n.position[2] - start.npc.position[2]);
        },
        { timeout: 30_000 },
      )
      .toBeGreaterThan(1);

    // "stop": she leaves the follow goal and stands still.
    await page.locator('button[data-command="stop"]').click();
    await expect.poll(async () => (await npc(page, 'iris')).npc.goal, { timeout: 20_000 }).not.toBe('follow');
    // Standing still is a property over time: sample her position 2 s apart.
    const a = (await npc(page, 'iris')).npc.position;
    await page.waitForTimeout(2000);
    const b = (await npc(page, 'iris')).npc.position;
    expect(Math.hypot(b[0] - a[0], b[2] - a[2])).toBeLessThan(0.5);
  });
});

// Issue 7's voice loop: a WAV is the microphone (e2e/fixtures/follow-stop-loop.wav, made by
// e2e/fixtures/make-voice-loop.ts: 1 s silence, "follow me", 12 s silence, "stop", 14 s silence,
// looping). No button is touched: every speech percept here comes from the voice model hearing
// the fake microphone. The test waits on the percepts in getState(), not on clock guesses, and
// checks the WAV's pauses leave room for each step (a percept arriving early fails it clearly).
const LOOP_WAV = 'e2e/fixtures/follow-stop-loop.wav';

type Snapshot = Awaited<ReturnType<typeof getState>>;
/** The newest fused speech percept labelled `label` with time after `after`, or undefined. */
const spoken = (s: Snapshot, label: string, after = -Infinity) =>
  s.percepts.filter((p) => p.kind === 'speech' && p.label === label && p.source === 'local' && p.t > after).at(-1);

async function voiceLoop(page: Page, url: string, backend: string) {
  await page.goto(url);
  await waitForReady(page);
  const first = await getState(page);
  console.log(`voice loop ${url}: ML backend ${first.backend}`);
  expect(first.backend).toBe(backend);
  expect(first.issues.filter((i) => i.key.startsWith('voice'))).toEqual([]); // the voice model loaded
  await expect.poll(async () => (await getState(page)).sensors.mic, { timeout: 30_000 }).toBe('live');

  // "follow me" while the visitor (spawned ~2 m in front of Iris) looks at her: the voice percept
  // is fused onto Iris and her goal becomes follow.
  await expect.poll(async () => spoken(await getState(page), 'follow_me')?.target, { timeout: 120_000, intervals: [250] }).toEqual({ type: 'npc', id: 'iris' });
  const follow = spoken(await getState(page), 'follow_me')!;
  await expect.poll(async () => (await npc(page, 'iris')).npc.goal, { timeout: 20_000 }).toBe('follow');
  const tl = await page.evaluate(() => window.metaverse!.timeline());
  const heard = tl.events.find((e) => e.type === 'raw' && e.label === 'follow_me' && e.t === follow.t);
  const answered = tl.events.find((e) => e.type === 'npc' && e.npc === 'iris' && e.action === 'goal' && e.detail === 'follow' && heard && e.at >= heard.at);
  console.log(`heard "follow me" (confidence ${follow.confidence.toFixed(2)}) at t=${follow.t.toFixed(2)} s; percept emitted ${heard ? ((heard.at - follow.t) * 1000).toFixed(0) : '?'} ms after the gate closed; Iris's goal follow ${answered && heard ? ((answered.at - heard.at) * 1000).toFixed(0) : '?'} ms after the percept`);

  // The visitor walks backwards (keeps facing her) with the keyboard; she walks after them.
  const start = await npc(page, 'iris');
  await page.keyboard.down('s');
  await expect
    .poll(async () => {
      const { user } = await npc(page, 'iris');
      return Math.hypot(user.position[0] - start.user.position[0], user.position[2] - start.user.position[2]);
    }, { timeout: 30_000 })
    .toBeGreaterThan(2.5);
  await page.keyboard.up('s');
  await expect
    .poll(async () => {
      const { npc: n } = await npc(page, 'iris');
      return Math.hypot(n.position[0] - start.npc.position[0], n.position[2] - start.npc.position[2]);
    }, { timeout: 30_000 })
    .toBeGreaterThan(1);
  const walked = await getState(page);
  expect(spoken(walked, 'stop', follow.t), 'the WAV said "stop" before the walk was over: lengthen its pause').toBeUndefined();
  expect(walked.npcs.find((n) => n.id === 'iris')!.goal).toBe('follow');

  // "stop" (12 s after "follow me" in the file): she leaves the follow goal and stands still.
  await expect.poll(async () => spoken(await getState(page), 'stop', follow.t)?.target, { timeout: 60_000, intervals: [250] }).toEqual({ type: 'npc', id: 'iris' });
  const stop = spoken(await getState(page), 'stop', follow.t)!;
  console.log(`heard "stop" (confidence ${stop.confidence.toFixed(2)}) ${(stop.t - follow.t).toFixed(2)} s after "follow me"`);
  // Heard the first time it was said: the file says "stop" 12.37 s after "follow me" (the next
  // "stop" comes a 27.9 s loop later), and the voice model heard nothing else in between. With
  // Chrome's gain control and noise suppression on, the first "stop" was often unknown; off
  // (src/sensors/audio/voice-stream.ts), it was heard right in every run with the shipped model.
  const between = (await page.evaluate(() => window.metaverse!.timeline())).events.filter((e) => e.type === 'raw' && e.kind === 'speech' && e.t > follow.t && e.t <= stop.t);
  const labels = between.map((e) => (e.type === 'raw' ? e.label : ''));
  expect(labels, `the first "stop" after "follow me" was not heard as stop (heard ${labels.join(', ')})`).toEqual(['stop']);
  expect(stop.t - follow.t).toBeLessThan(12.37 + 2);
  await expect.poll(async () => (await npc(page, 'iris')).npc.goal, { timeout: 20_000 }).not.toBe('follow');
  const a = (await npc(page, 'iris')).npc.position;
  await page.waitForTimeout(2000);
  const end = await npc(page, 'iris');
  const b = end.npc.position;
  expect(Math.hypot(b[0] - a[0], b[2] - a[2])).toBeLessThan(0.5);
  expect(end.npc.goal).not.toBe('follow');
  // Still inside the file's closing pause: no new "follow me" has restarted her.
  expect(spoken(end.state, 'follow_me', stop.t)).toBeUndefined();
  // What the voice model heard, and where fusion sent it, over the whole session.
  const all = (await page.evaluate(() => window.metaverse!.timeline())).events.filter((e) => e.type !== 'npc' && e.kind === 'speech');
  console.log(`speech percepts (raw -> fused target): ${all.map((e) => (e.type === 'npc' ? '' : `${e.type} ${e.label}@${e.t.toFixed(2)}${e.type === 'percept' ? `->${e.target}` : ''}`)).join(', ')}`);
}

test.describe('the voice loop: a WAV says "follow me" then "stop" to the museum guide (WebGPU flags)', () => {
  test.use({ launch: { webgpu: true, audioFile: LOOP_WAV } });

  test('on the default backend (WebGPU): Iris follows the walking visitor, and halts on "stop"', async ({ app }) => {
    await voiceLoop(app.page, '/?scene=museum', 'webgpu');
  });

  test('with ?backend=webgl: the same loop', async ({ app }) => {
    await voiceLoop(app.page, '/?scene=museum&backend=webgl', 'webgl');
  });
});
