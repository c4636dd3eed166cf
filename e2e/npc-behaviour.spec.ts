import type { Page } from '@playwright/test';
import { expect, getState, test, waitForReady } from './fixtures';
import type { MetaverseSnapshot } from '../src/app/automation';

// Issue 6 in the browser, in every scene, through the on-screen command buttons and keyboard
// walking: NPCs look at whoever addresses them, speak with subtitles in the HUD (and the brain's
// current line in getState()), and walk the navmesh around each other and the visitor.

type Npc = MetaverseSnapshot['npcs'][number];
const wrap = (a: number) => Math.atan2(Math.sin(a), Math.cos(a));
/** How far (rad) the NPC's gaze (body + head yaw) is off the bearing to `p`. */
const gazeError = (n: Npc, p: readonly number[]) => Math.abs(wrap(n.yaw + n.headYaw - Math.atan2(-(p[0] - n.position[0]), -(p[2] - n.position[2]))));
const flat = (a: readonly number[], b: readonly number[]) => Math.hypot(a[0] - b[0], a[2] - b[2]);

async function hold(page: Page, key: string, ms: number): Promise<void> {
  await page.keyboard.down(key);
  await page.waitForTimeout(ms);
  await page.keyboard.up(key);
}

for (const scene of ['plaza', 'museum', 'classroom']) {
  test(`${scene}: an addressed NPC looks at the visitor at its side and answers with HUD and in-world subtitles; NPCs keep apart and off the visitor`, async ({ app }) => {
    test.setTimeout(240_000);
    const { page } = app;
    await page.goto(`/?scene=${scene}&backend=cpu&mic=off`);
    await waitForReady(page);
    // Step sideways, so whoever answers has to turn to the visitor.
    await hold(page, 'd', 1200);
    await page.locator('button[data-command="hello"]').click();
    // The NPC the greeting reached is about the visitor and says a line.
    let who = '';
    await expect
      .poll(
        async () => {
          const n = (await getState(page)).npcs.find((x) => x.goalUser === 'local' && x.saying);
          who = n?.id ?? '';
          return who;
        },
        { timeout: 30_000 },
      )
      .not.toBe('');
    // It turns (body and head) toward the visitor's head: within 0.3 rad (17 degrees).
    await expect
      .poll(
        async () => {
          const s = await getState(page);
          const n = s.npcs.find((x) => x.id === who)!;
          return n.lookTarget !== null && flat(n.lookTarget, s.user.head) < 0.3 ? gazeError(n, s.user.head) : Infinity;
        },
        { timeout: 20_000 },
      )
      .toBeLessThan(0.3);
    // Its line is in the HUD ("Name: text") and is the brain's current line in getState(): read
    // both in one evaluate so they are of the same moment.
    const row = page.locator(`[data-testid="npc-subtitles"] .npc-subtitle[data-npc="${who}"]`);
    await expect(row).toBeVisible({ timeout: 10_000 });
    const pair = async () =>
      page.evaluate((id) => {
        const n = window.metaverse!.getState().npcs.find((x) => x.id === id)!;
        const hud = document.querySelector(`[data-testid="npc-subtitles"] .npc-subtitle[data-npc="${id}"]`)?.textContent ?? null;
        return { hud, state: n.saying === null ? null : `${n.name}: ${n.saying}` };
      }, who);
    await expect.poll(async () => { const p = await pair(); return p.state !== null && p.hud === p.state; }, { timeout: 10_000 }).toBe(true);
    const shown = await pair();
    console.log(`${scene}: ${who} answered; HUD subtitle "${shown.hud}"`);

    if (scene === 'museum') {
      // A "hello" while the guide's tour question is pending no longer drops it: she asks again.
      await expect.poll(async () => (await getState(page)).npcs.find((n) => n.id === 'iris')?.goal, { timeout: 30_000 }).toBe('ask');
      await page.locator('button[data-command="hello"]').click();
      await expect.poll(async () => (await getState(page)).npcs.find((n) => n.id === 'iris')?.goal, { timeout: 20_000 }).toBe('greet');
      await expect.poll(async () => (await getState(page)).npcs.find((n) => n.id === 'iris')?.goal, { timeout: 30_000 }).toBe('ask');
      await expect(page.locator('[data-testid="npc-subtitles"] .npc-subtitle[data-npc="iris"]')).toContainText('tour', { timeout: 10_000 });
    }

    // "follow me", then the visitor walks backwards (facing the NPCs) and forwards again: sample
    // the world while everyone moves.
    await page.locator('button[data-command="follow_me"]').click();
    await expect.poll(async () => (await getState(page)).npcs.some((n) => n.goal === 'follow' && n.goalUser === 'local'), { timeout: 20_000 }).toBe(true);
    const follower = (await getState(page)).npcs.find((n) => n.goal === 'follow')!;
    const start = follower.position;
    let minPair = Infinity;
    let minVisitor = Infinity;
    let moved = 0;
    let samples = 0;
    const sample = async () => {
      const s = await getState(page);
      for (let a = 0; a < s.npcs.length; a++) {
        minVisitor = Math.min(minVisitor, flat(s.npcs[a].position, s.user.head));
        for (let b = a + 1; b < s.npcs.length; b++) minPair = Math.min(minPair, flat(s.npcs[a].position, s.npcs[b].position));
      }
      const f = s.npcs.find((n) => n.id === follower.id)!;
      moved = Math.max(moved, flat(f.position, start));
      samples++;
    };
    for (const [key, ms] of [['s', 3500], ['w', 2500], ['a', 1500]] as const) {
      await page.keyboard.down(key);
      const until = Date.now() + ms;
      while (Date.now() < until) {
        await sample();
        await page.waitForTimeout(100);
      }
      await page.keyboard.up(key);
    }
    const settle = Date.now() + 4000;
    while (Date.now() < settle) {
      await sample();
      await page.waitForTimeout(150);
    }
    console.log(`${scene}: ${follower.id} followed ${moved.toFixed(2)} m; ${samples} samples; closest NPC pair ${minPair.toFixed(2)} m, closest NPC to the visitor ${minVisitor.toFixed(2)} m`);
    expect(samples).toBeGreaterThan(20);
    expect(moved).toBeGreaterThan(1); // the follower really walked with the visitor
    // Crowd agents are 0.35 m in radius (0.7 m apart when touching) and the visitor's body 0.3 m.
    expect(minPair).toBeGreaterThan(0.5);
    expect(minVisitor).toBeGreaterThan(0.45);
  });
}
