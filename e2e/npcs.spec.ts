import { expect, getState, test, waitForReady } from './fixtures';

// NPCs walk the navmesh in every scene (wander, tours, noticing the visitor), and an NPC greeted by
// the visitor answers with a line (the subtitle text in getState().npcs[].saying). In the museum
// the guide's tour is what moves her: she offers it after greeting, and "yes" starts it.
for (const scene of ['plaza', 'museum', 'classroom']) {
  test(`${scene}: an NPC greets the visitor with a line and NPCs walk the navmesh`, async ({ app }) => {
    const { page } = app;
    await page.goto(`/?scene=${scene}&backend=cpu`);
    await waitForReady(page);
    const before = await getState(page);
    expect(before.npcs.length).toBeGreaterThan(0);
    // In the museum the guide notices the visitor herself, greets and offers a tour (a "hello" would
    // make her greet back and ask again); elsewhere the visitor says hello.
    if (scene !== 'museum') await page.locator('button[data-command="hello"]').click();
    // The greeting reaches an NPC (fusion picks the addressee) and it says something.
    await expect.poll(async () => (await getState(page)).npcs.some((n) => n.saying), { timeout: 20_000 }).toBe(true);
    if (scene === 'museum') {
      // "yes" to her tour offer starts the tour and she walks to the first exhibit.
      await expect.poll(async () => (await getState(page)).npcs.find((n) => n.id === 'iris')?.goal, { timeout: 20_000 }).toBe('ask');
      await page.locator('button[data-command="yes"]').click();
      await expect.poll(async () => (await getState(page)).npcs.find((n) => n.id === 'iris')?.goal, { timeout: 20_000 }).toBe('tour');
    }
    await expect
      .poll(
        async () => {
          const now = await getState(page);
          return Math.max(
            ...now.npcs.map((n) => {
              const b = before.npcs.find((x) => x.id === n.id)!;
              return Math.hypot(n.position[0] - b.position[0], n.position[2] - b.position[2]);
            }),
          );
        },
        { timeout: 60_000 },
      )
      .toBeGreaterThan(0.5);
  });
}
