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
