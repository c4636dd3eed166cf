import { expect, getState, test, waitForReady } from './fixtures';

test.describe('flat mode', () => {
  test('loads, reaches metaverse:ready and draws the scene', async ({ app }) => {
    const { page } = app;
    await page.goto('/');
    await waitForReady(page);
    const s = await getState(page);
    expect(s.ready).toBe(true);
    expect(s.mode).toBe('flat');
    expect(s.sceneId).toBeTruthy();
    expect(['webgpu', 'webgl', 'wasm', 'cpu']).toContain(s.backend);
    await expect(page.getByTestId('hud-backend')).toHaveText(s.backend);
    // Both models ran once behind the loading bar (shader compilation), before ready.
    console.log(`model warm-up on ${s.backend}: voice ${s.modelWarmupMs.voice?.toFixed(0)} ms, gesture ${s.modelWarmupMs.gesture?.toFixed(0)} ms`);
    expect(s.modelWarmupMs.voice).toBeGreaterThan(0);
    expect(s.modelWarmupMs.gesture).toBeGreaterThan(0);
    // The default scene's NPCs run: snapshots carry id, name, position, goal and what they say.
    expect(s.npcs.length).toBeGreaterThan(0);
    for (const n of s.npcs) {
      expect(n.id).toBeTruthy();
      expect(n.name).toBeTruthy();
      expect(n.position.every(Number.isFinite)).toBe(true);
      expect(typeof n.goal).toBe('string');
    }

    // The canvas must hold a picture, not one flat colour: sample its pixels.
    const png = await page.locator('canvas').first().screenshot();
    const stats = await page.evaluate(async (b64) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.width;
      c.height = img.height;
      const ctx = c.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const d = ctx.getImageData(0, 0, c.width, c.height).data;
      const colours = new Set<number>();
      let sum = 0;
      let sum2 = 0;
      const n = d.length / 4;
      for (let i = 0; i < d.length; i += 4) {
        const l = 0.299 * d[i] + 0.587 * d[i + 1] + 0.114 * d[i + 2];
        sum += l;
        sum2 += l * l;
        colours.add(((d[i] >> 3) << 10) | ((d[i + 1] >> 3) << 5) | (d[i + 2] >> 3));
      }
      return { variance: sum2 / n - (sum / n) ** 2, colours: colours.size };
    }, png.toString('base64'));
    console.log(`canvas pixels: luminance variance ${stats.variance.toFixed(1)}, ${stats.colours} distinct colours (15-bit)`);
    expect(stats.variance).toBeGreaterThan(20);
    expect(stats.colours).toBeGreaterThan(20);
  });

  test('keyboard walking moves the user the way they face', async ({ app }) => {
    const { page } = app;
    await page.goto('/');
    await waitForReady(page);
    const start = await getState(page);
    const [fx, , fz] = start.user.forward;
    expect(Math.hypot(fx, fz)).toBeCloseTo(1, 2);
    // Signed distance moved along the forward (dot) and to the right (cross) of the start pose.
    const along = (p: number[]) => (p[0] - start.user.position[0]) * fx + (p[2] - start.user.position[2]) * fz;
    const right = (p: number[]) => (p[0] - start.user.position[0]) * -fz + (p[2] - start.user.position[2]) * fx;
    await page.keyboard.down('KeyW');
    await page.waitForFunction(
      ([p0, f]) => {
        const p = window.metaverse!.getState().user.position;
        return (p[0] - p0[0]) * f[0] + (p[2] - p0[2]) * f[2] > 1;
      },
      [start.user.position, start.user.forward],
    );
    await page.keyboard.up('KeyW');
    const afterW = await getState(page);
    expect(along(afterW.user.position)).toBeGreaterThan(1);
    expect(Math.abs(right(afterW.user.position))).toBeLessThan(0.05);

    await page.keyboard.down('KeyD');
    await page.waitForFunction(
      ([p0, f]) => {
        const p = window.metaverse!.getState().user.position;
        return (p[0] - p0[0]) * -f[2] + (p[2] - p0[2]) * f[0] > 0.5;
      },
      [afterW.user.position, start.user.forward],
    );
    await page.keyboard.up('KeyD');
    const afterD = await getState(page);
    await page.keyboard.down('ArrowDown');
    await page.waitForFunction(
      ([p0, f]) => {
        const p = window.metaverse!.getState().user.position;
        return (p[0] - p0[0]) * f[0] + (p[2] - p0[2]) * f[2] < -0.5;
      },
      [afterD.user.position, start.user.forward],
    );
    await page.keyboard.up('ArrowDown');
  });

  test('mouse drag turns the head; clicks count as right-hand selects along the mouse ray', async ({ app }) => {
    const { page } = app;
    await page.goto('/');
    await waitForReady(page);
    const canvas = page.locator('canvas').first();
    const box = (await canvas.boundingBox())!;
    const f0 = (await getState(page)).user.forward;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 200, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    // Dragging right turns right: the new forward leans to the old one's right, (-fz, 0, fx).
    await page.waitForFunction((f) => {
      const g = window.metaverse!.getState().user.forward;
      return g[0] * -f[2] + g[2] * f[0] > 0.3;
    }, f0);
    // A drag is look, not a click: no select so far.
    expect((await getState(page)).xr.selectCount.right).toBe(0);
    await page.mouse.click(box.x + box.width * 0.75, box.y + box.height / 2);
    await page.waitForFunction(() => window.metaverse!.getState().xr.selectCount.right === 1);
    const s = await getState(page);
    expect(s.xr.right).not.toBeNull(); // the mouse ray stands for the right controller
    expect(s.xr.head?.position[1]).toBeCloseTo(1.6, 2);
    expect(s.sensors.motionFrames).toBeGreaterThan(10);
  });

  test('every voice command has a button that emits the speech percept', async ({ app }) => {
    const { page } = app;
    await page.goto('/');
    await waitForReady(page);
    const labels = ['hello', 'follow_me', 'stop', 'come_here', 'go_away', 'yes', 'no', 'next', 'tell_me_more', 'help'];
    for (const label of labels) await page.locator(`button[data-command="${label}"]`).click();
    // The default fake microphone beeps; the voice model may hear that as `unknown` (not a command), so count commands only.
    const isCommand = (p: { kind: string; label: string }) => p.kind === 'speech' && p.label !== 'unknown' && p.label !== 'silence';
    await page.waitForFunction(
      (n) => window.metaverse!.getState().percepts.filter((p) => p.kind === 'speech' && p.label !== 'unknown' && p.label !== 'silence').length >= n,
      labels.length,
    );
    const speech = (await getState(page)).percepts.filter((p) => isCommand(p) && p.source === 'local');
    expect(speech.map((p) => p.label)).toEqual(labels);
    // Fusion may raise (never lower) confidence and add a target; the button's own percept is confidence 1.
    for (const p of speech) expect(p.confidence).toBe(1);
  });

  test('reports the median frame time in flat mode', async ({ app }) => {
    const { page } = app;
    await page.goto('/');
    await waitForReady(page);
    await page.waitForFunction(() => window.metaverse!.getState().xr.head !== null);
    // 120 frames after ready so the window holds only steady-state frames.
    const f0 = await page.evaluate(() => window.metaverse!.getState().sensors.motionFrames);
    await page.waitForFunction((f) => window.metaverse!.getState().sensors.motionFrames > f + 130, f0, { timeout: 120_000 });
    const hud = await page.getByTestId('hud-frame-ms').getAttribute('data-frame-ms');
    const s = await getState(page);
    console.log(`FLAT median frame time: ${s.frameMs.toFixed(1)} ms (HUD ${hud} ms, backend ${s.backend})`);
    console.log(`systems (avg ms): ${s.systems.map((x) => `${x.name} ${x.avgMs.toFixed(2)}`).join(', ')}`);
    expect(s.frameMs).toBeGreaterThan(0);
    expect(Number(hud)).toBeGreaterThan(0);
  });

  test('?scene= opens that scene and ?backend= forces the tfjs backend', async ({ app }) => {
    const { page } = app;
    await page.goto('/?scene=museum&backend=cpu');
    await waitForReady(page);
    const s = await getState(page);
    expect(s.sceneId).toBe('museum');
    expect(s.backend).toBe('cpu');
    await expect(page.getByTestId('hud-backend')).toHaveText('cpu');
  });

  test('?backend=wasm finds the wasm binaries in the build and loads both models on it', async ({ app }) => {
    const { page } = app;
    await page.goto('/?scene=plaza&backend=wasm');
    await waitForReady(page);
    const s = await getState(page);
    expect(s.backend).toBe('wasm');
    const modelIssues = s.issues.filter((i) => /^(voice|gesture)-(model|inference)$/.test(i.key));
    expect(modelIssues, JSON.stringify(modelIssues)).toEqual([]);
  });

  test('?mic=off keeps the microphone off and says why', async ({ app }) => {
    const { page } = app;
    await page.goto('/?scene=plaza&mic=off');
    await waitForReady(page);
    const s = await getState(page);
    expect(s.sensors.mic).toBe('off');
    expect(s.sensors.micReason).toMatch(/\?mic=off/);
  });
});

test.describe('ML backend chain', () => {
  test('without WebGPU the app says WebGPU was skipped and runs tfjs on WebGL', async ({ app }) => {
    const { page } = app;
    await page.goto('/');
    await waitForReady(page);
    const s = await getState(page);
    expect(s.backend).toBe('webgl');
    expect(s.issues.find((i) => i.key === 'backend')?.message).toMatch(/skipped webgpu/);
  });

  test.describe('with WebGPU (SwiftShader)', () => {
    test.use({ launch: { webgpu: true } });
    test('picks WebGPU first', async ({ app }) => {
      const { page } = app;
      await page.goto('/');
      await waitForReady(page);
      const s = await getState(page);
      console.log(`backend with WebGPU flags: ${s.backend}; issues: ${JSON.stringify(s.issues.map((i) => i.message))}`);
      expect(s.backend).toBe('webgpu');
      // SwiftShader is a CPU emulation: the HUD says so and how to switch to wasm.
      expect(s.issues.find((i) => i.key === 'backend-adapter')?.message).toMatch(/software GPU \(.*swiftshader.*\).*\?backend=wasm/i);
    });
  });
});
