import { expect, getState, test, waitForReady } from './fixtures';

test.describe('VR through the iwer emulator', () => {
  test('enter VR, render XR frames, see the right controller move and select, leave where you were', async ({ app }) => {
    const { page } = app;
    await page.goto('/');
    await waitForReady(page);
    // Walk a little first so "the same place" is not the spawn.
    const spawn = await getState(page);
    await page.keyboard.down('KeyW');
    await page.waitForFunction(
      (p0) => {
        const p = window.metaverse!.getState().user.position;
        return Math.hypot(p[0] - p0[0], p[2] - p0[2]) > 0.8;
      },
      spawn.user.position,
    );
    await page.keyboard.up('KeyW');
    const before = await getState(page);
    expect(before.mode).toBe('flat');

    const enter = page.getByRole('button', { name: 'Enter VR' });
    await expect(enter).toBeVisible();
    // The emulated Quest 3 offers immersive-ar too, so its button shows.
    await expect(page.getByRole('button', { name: 'Enter AR' })).toBeVisible();
    await enter.click();
    await page.waitForFunction(() => {
      const s = window.metaverse!.getState();
      return s.mode === 'vr' && s.xr.frames > 30;
    });
    const inVr = await getState(page);
    // The headset starts where the flat visitor stood.
    expect(Math.hypot(inVr.user.position[0] - before.user.position[0], inVr.user.position[2] - before.user.position[2])).toBeLessThan(0.1);

    // Drive the emulated right controller and watch the app see its target-ray pose.
    await page.evaluate(() => {
      const right = window.xrDevice!.controllers.right!;
      right.position.set(0.3, 1.1, -0.4);
      right.quaternion.set(-0.3827, 0, 0, 0.9239); // pitched 45 degrees down: the ray meets the floor ~1.1 m ahead
    });
    await page.waitForFunction(() => {
      const r = window.metaverse!.getState().xr.right;
      return !!r && Math.abs(r.position[0] - 0.3) < 0.01 && Math.abs(r.position[1] - 1.1) < 0.01 && Math.abs(r.position[2] + 0.4) < 0.01;
    });

    // Let the teleport pointer see the floor for a few XR frames first: its intersection is
    // computed per frame, and on a slow software-rendered frame a press right after the pose
    // change could land before the pointer had a target (the select counted, no teleport).
    const fPose = (await getState(page)).xr.frames;
    await page.waitForFunction((f) => window.metaverse!.getState().xr.frames > f + 5, fPose);
    // Trigger press then release: one select on the right hand. The controller's bent teleport
    // ray lands on the floor ahead, so the select also teleports the visitor forward.
    const f0 = (await getState(page)).xr.frames;
    await page.evaluate(() => window.xrDevice!.controllers.right!.updateButtonValue('trigger', 1));
    await page.waitForFunction((f) => window.metaverse!.getState().xr.frames > f + 3, f0);
    await page.evaluate(() => window.xrDevice!.controllers.right!.updateButtonValue('trigger', 0));
    await page.waitForFunction(() => window.metaverse!.getState().xr.selectCount.right === 1);
    const sel = await getState(page);
    expect(sel.xr.lastSelect?.hand).toBe('right');
    expect(sel.sensors.motionFrames).toBeGreaterThan(30);
    // The teleport lands ahead along the view direction (the controller points down the local -z).
    await page.waitForFunction(
      ([p0, f]) => {
        const p = window.metaverse!.getState().user.position;
        return (p[0] - p0[0]) * f[0] + (p[2] - p0[2]) * f[2] > 0.5;
      },
      [inVr.user.position, inVr.user.forward],
    );

    // Frame time inside the XR session (steady state: a fresh 120-frame window).
    const f1 = sel.xr.frames;
    await page.waitForFunction((f) => window.metaverse!.getState().xr.frames > f + 130, f1, { timeout: 120_000 });
    const vr = await getState(page);
    console.log(`VR (iwer, emulated Quest 3) median frame time: ${vr.frameMs.toFixed(1)} ms over XR frames; ${vr.xr.frames} XR frames so far`);
    console.log(`systems in VR (avg ms): ${vr.systems.map((x) => `${x.name} ${x.avgMs.toFixed(2)}`).join(', ')}`);

    // Leave VR: back to flat mode at the same place (where the teleport put the visitor).
    await page.evaluate(() => window.xrDevice!.activeSession!.end());
    await page.waitForFunction(() => window.metaverse!.getState().mode === 'flat');
    const after = await getState(page);
    console.log(`before VR ${JSON.stringify(before.user.position)}, in VR ${JSON.stringify(vr.user.position)}, after ${JSON.stringify(after.user.position)}`);
    expect(Math.hypot(after.user.position[0] - vr.user.position[0], after.user.position[2] - vr.user.position[2])).toBeLessThan(0.05);
    // Still facing the way the headset faced.
    expect(after.user.forward[0] * vr.user.forward[0] + after.user.forward[2] * vr.user.forward[2]).toBeGreaterThan(0.99);
    await expect(page.getByRole('button', { name: 'Enter VR' })).toBeVisible();
  });
});
