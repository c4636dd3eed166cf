// Each scene opens by URL, reaches `metaverse:ready` and loads only its own chunk; an unknown id
// shows the error view with links to the other scenes; the flat picker switches scenes.
import type { Page } from '@playwright/test';
import { expect, getState, test, waitForReady } from './fixtures';

const SCENES = ['plaza', 'museum', 'classroom'] as const;
// A string that appears only in each scene's own code (a POI or NPC id), to tell its chunk apart.
const MARKERS: Record<(typeof SCENES)[number], string> = { plaza: 'south-street', museum: 'exhibit-orrery', classroom: 'ms-okafor' };

/** Collects the text of every JavaScript file the page loads. */
function recordScripts(page: Page): string[] {
  const bodies: string[] = [];
  page.on('response', async (res) => {
    if (!/\.(m?js)(\?|$)/.test(res.url())) return;
    try {
      bodies.push(await res.text());
    } catch {
      // Navigations can drop a body; the markers check only needs the ones that arrived.
    }
  });
  return bodies;
}

for (const id of SCENES) {
  test(`opens ?scene=${id} and loads only its own scene chunk`, async ({ app }) => {
    const { page } = app;
    const scripts = recordScripts(page);
    await page.goto(`/?scene=${id}`);
    await waitForReady(page);
    const s = await getState(page);
    expect(s.sceneId).toBe(id);
    expect(s.issues.filter((i) => i.key.startsWith('scene'))).toEqual([]);
    const loaded = scripts.join('\n');
    expect(loaded, `${id}'s chunk was loaded`).toContain(MARKERS[id]);
    for (const other of SCENES.filter((o) => o !== id)) {
      expect(loaded.includes(MARKERS[other]), `${other}'s chunk must not load for ${id}`).toBe(false);
    }
  });
}

test('an unknown scene id shows the error and offers the real scenes', async ({ app }) => {
  const { page } = app;
  await page.goto('/?scene=nowhere');
  await expect(page.getByTestId('scene-error')).toBeVisible();
  await expect(page.getByTestId('scene-error-message')).toHaveText('Unknown scene "nowhere": available scenes are "plaza", "museum", "classroom"');
  const links = page.getByTestId('scene-error').locator('a[data-scene-id]');
  await expect(links).toHaveCount(3);
  await links.filter({ hasText: 'Museum' }).click();
  await waitForReady(page);
  expect((await getState(page)).sceneId).toBe('museum');
});

test('the flat scene picker lists every scene and switches to one', async ({ app }) => {
  const { page } = app;
  await page.goto('/?scene=plaza');
  await waitForReady(page);
  const picker = page.getByTestId('scene-picker');
  // The HUD keeps the picker behind its "Scenes" button.
  if (!(await picker.isVisible())) await page.getByRole('button', { name: 'Scenes', exact: true }).click();
  await expect(picker.locator('a[data-scene-id]')).toHaveCount(3);
  await expect(picker.locator('a[aria-current="page"]')).toHaveAttribute('data-scene-id', 'plaza');
  await picker.locator('a[data-scene-id="classroom"]').click();
  await page.waitForFunction(() => window.metaverse?.getState().sceneId === 'classroom', undefined, { timeout: 120_000 });
  await waitForReady(page);
});
