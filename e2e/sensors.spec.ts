import { expect, getState, test, waitForReady } from './fixtures';

test.describe('microphone from a WAV ("follow me")', () => {
  test.use({ launch: { audioFile: 'e2e/fixtures/follow-me-48k.wav' } });

  test('voice frames arrive, the gate opens on speech, and nothing but app assets goes over the network', async ({ app }) => {
    const { page } = app;
    const requests: { method: string; url: string; type: string; hasBody: boolean }[] = [];
    page.on('request', (r) => requests.push({ method: r.method(), url: r.url(), type: r.resourceType(), hasBody: r.postDataBuffer() !== null }));
    page.on('websocket', (ws) => requests.push({ method: 'WS', url: ws.url(), type: 'websocket', hasBody: true }));
    await page.goto('/');
    await waitForReady(page);
    await page.waitForFunction(() => window.metaverse!.getState().sensors.mic === 'live');
    await expect(page.getByTestId('hud-mic')).toContainText('LIVE'); // the live indicator is visible
    // 1 s silence + speech + 2 s silence, looping: the gate must open at least once.
    await page.waitForFunction(() => {
      const s = window.metaverse!.getState().sensors;
      return s.melFrames > 200 && s.gateOpenCount >= 1;
    }, undefined, { timeout: 60_000 });
    const s = await getState(page);
    console.log(`mic: AudioContext ${s.sensors.micInputRate} Hz, ${s.sensors.audioChunks} chunks, ${s.sensors.melFrames} log-mel frames, gate opened ${s.sensors.gateOpenCount}x`);
    expect([44100, 48000]).toContain(s.sensors.micInputRate);
    // 100 frames a second of 20 ms chunks: frames track chunks (2 frames a chunk, minus the first window).
    expect(Math.abs(s.sensors.melFrames - s.sensors.audioChunks * 2)).toBeLessThan(10);

    // Keep the mic live a while longer, then audit every request of the session.
    await page.waitForFunction((n) => window.metaverse!.getState().sensors.melFrames > n + 300, s.sensors.melFrames, { timeout: 60_000 });
    const origin = new URL(page.url()).origin;
    const offending = requests.filter((r) => {
      if (r.url.startsWith('data:') || r.url.startsWith('blob:')) return false;
      return r.method !== 'GET' || r.hasBody || new URL(r.url).origin !== origin;
    });
    console.log(`network during the session: ${requests.length} requests, all same-origin GETs: ${offending.length === 0}`);
    expect(offending).toEqual([]);
    // Same-origin GETs only of app assets: the page, bundles, styles, worklet, models, XR profiles.
    for (const r of requests) {
      if (r.url.startsWith('data:') || r.url.startsWith('blob:')) continue;
      expect(new URL(r.url).pathname).toMatch(/^\/($|\?|index\.html|assets\/|models\/|xr-profiles\/|favicon)/);
    }
  });

  test('the voice model hears "follow me" from the microphone and emits the speech percept', async ({ app }) => {
    const { page } = app;
    await page.goto('/');
    await waitForReady(page);
    const issues = (await getState(page)).issues;
    expect(issues.filter((i) => i.key.startsWith('voice'))).toEqual([]); // the model loaded
    await page.waitForFunction(
      () => window.metaverse!.getState().percepts.some((p) => p.kind === 'speech' && p.label === 'follow_me' && p.source === 'local'),
      undefined,
      { timeout: 90_000 },
    );
    const p = (await getState(page)).percepts.find((x) => x.label === 'follow_me')!;
    console.log(`voice percept from the fake mic: ${JSON.stringify(p)}`);
    expect(p.confidence).toBeGreaterThan(0.3);
  });

  test('push-to-talk: frames only while T is held; the choice is remembered', async ({ app }) => {
    const { page } = app;
    await page.goto('/');
    await waitForReady(page);
    await page.waitForFunction(() => window.metaverse!.getState().sensors.melFrames > 10);
    await page.getByRole('button', { name: 'Always listening' }).click();
    await page.waitForFunction(() => window.metaverse!.getState().sensors.listening === false);
    const idle = (await getState(page)).sensors.melFrames;
    // While not held, chunks still arrive but no frames are taken.
    const chunks = (await getState(page)).sensors.audioChunks;
    await page.waitForFunction((c) => window.metaverse!.getState().sensors.audioChunks > c + 25, chunks);
    expect((await getState(page)).sensors.melFrames).toBe(idle);
    await page.keyboard.down('KeyT');
    await page.waitForFunction((n) => window.metaverse!.getState().sensors.melFrames > n + 20, idle);
    await page.keyboard.up('KeyT');
    await page.reload();
    await waitForReady(page);
    const s = await getState(page);
    expect(s.settings.talkMode).toBe('push');
    expect(s.sensors.listening).toBe(false);
  });
});

test.describe('camera (fake device)', () => {
  test('is off until opted in, then gives downscaled frames at a bounded rate with a LIVE badge', async ({ app }) => {
    const { page } = app;
    await page.goto('/');
    await waitForReady(page);
    expect((await getState(page)).sensors.camera).toBe('off');
    await page.getByRole('button', { name: 'Camera on' }).click();
    await page.waitForFunction(() => window.metaverse!.getState().sensors.cameraFrames >= 5);
    await expect(page.getByTestId('hud-camera')).toContainText('LIVE');
    // At most 5 frames a second: time 5 new frames.
    const t0 = Date.now();
    const n0 = (await getState(page)).sensors.cameraFrames;
    await page.waitForFunction((n) => window.metaverse!.getState().sensors.cameraFrames >= n + 5, n0);
    const secs = (Date.now() - t0) / 1000;
    console.log(`camera: 5 frames in ${secs.toFixed(2)} s`);
    expect(secs).toBeGreaterThan(0.75);
    await page.getByRole('button', { name: 'Camera off' }).click();
    await page.waitForFunction(() => window.metaverse!.getState().sensors.camera === 'off');
  });
});

test.describe('microphone denied', () => {
  test.use({ launch: { denyMic: true } });

  test('the app still reaches metaverse:ready and the HUD says why the mic is off', async ({ app }) => {
    const { page } = app;
    await page.goto('/');
    await waitForReady(page);
    await page.waitForFunction(() => ['denied', 'unavailable', 'error'].includes(window.metaverse!.getState().sensors.mic));
    const s = await getState(page);
    console.log(`denied mic: state ${s.sensors.mic}, reason "${s.sensors.micReason}"`);
    expect(s.sensors.mic).toBe('denied');
    await expect(page.getByTestId('hud-mic')).toContainText('denied');
    await expect(page.getByTestId('hud-mic')).not.toContainText('LIVE');
    // Everything else keeps working: walking and the command buttons.
    await page.keyboard.down('KeyW');
    await page.waitForFunction((p0) => {
      const p = window.metaverse!.getState().user.position;
      return Math.hypot(p[0] - p0[0], p[2] - p0[2]) > 0.5;
    }, s.user.position);
    await page.keyboard.up('KeyW');
    await page.locator('button[data-command="hello"]').click();
    await page.waitForFunction(() => window.metaverse!.getState().percepts.some((p) => p.label === 'hello'));
  });
});

test.describe('microphone too quiet for the voice gate', () => {
  test.use({ launch: { audioFile: 'e2e/fixtures/follow-me-quiet.wav' } });

  test('the HUD says the speech is too faint instead of staying silent', async ({ app }) => {
    const { page } = app;
    await page.goto('/');
    await waitForReady(page);
    await page.waitForFunction(() => window.metaverse!.getState().sensors.mic === 'live');
    // "follow me" peaking at -45 dBFS on -80 dBFS noise (e2e/fixtures/make-quiet.ts), looping.
    await page.waitForFunction(() => window.metaverse!.getState().sensors.faintSpeech, undefined, { timeout: 60_000 });
    const s = await getState(page);
    console.log(`quiet mic: gate opened ${s.sensors.gateOpenCount}x, faint speech flagged`);
    expect(s.sensors.gateOpenCount).toBe(0);
    await expect(page.getByTestId('hud-voice')).toContainText('too faint');
  });
});

