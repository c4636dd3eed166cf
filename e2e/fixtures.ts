/**
 * Browser-test helpers: launch Debian's Chromium with the flags a test needs (WebGPU or not, a WAV
 * as the microphone, or a denied microphone) and wait for the app's `metaverse:ready` event.
 */
import { chromium, test as base, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { resolve } from 'node:path';
import { BASE_FLAGS, CHROMIUM_PATH, NO_WEBGPU_FLAGS, WEBGPU_FLAGS, fakeMediaFlags } from './chromium';
import type { MetaverseSnapshot } from '../src/app/automation';

/** How to launch the browser for a test. */
export interface LaunchOptions {
  /**
   * WebGPU on SwiftShader (slow to start); off uses WebGL only.
   * @default false
   */
  webgpu?: boolean;
  /** A WAV file (path relative to the repo root or absolute) played as the microphone, looping. */
  audioFile?: string;
  /**
   * Refuse the microphone and camera permission (no fake-UI auto-grant).
   * @default false
   */
  denyMic?: boolean;
}

/** A launched browser with one page. */
export interface AppSession {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** Chromium arguments for `options`. */
export function launchArgs(options: LaunchOptions = {}): string[] {
  const gpu = options.webgpu ? WEBGPU_FLAGS : NO_WEBGPU_FLAGS;
  const media = options.denyMic
    ? ['--use-fake-device-for-media-stream'] // devices exist, but nothing grants permission
    : fakeMediaFlags(options.audioFile ? resolve(options.audioFile) : undefined);
  return [...BASE_FLAGS, ...gpu, ...media];
}

/** Launch Chromium per `options`, open a page on `baseURL` that records `metaverse:ready`. */
export async function launchApp(baseURL: string, options: LaunchOptions = {}): Promise<AppSession> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: launchArgs(options), headless: true });
  const context = await browser.newContext({ baseURL, viewport: { width: 960, height: 600 } });
  if (options.denyMic) await context.clearPermissions();
  else await context.grantPermissions(['microphone', 'camera'], { origin: baseURL });
  await context.addInitScript(() => {
    const w = window as unknown as { __mvReady: boolean };
    w.__mvReady = false;
    window.addEventListener('metaverse:ready', () => (w.__mvReady = true));
  });
  const page = await context.newPage();
  return { browser, context, page, close: () => browser.close() };
}

/** Wait for the app's `metaverse:ready` event (recorded from before the page's scripts run). */
export async function waitForReady(page: Page, timeout = 120_000): Promise<void> {
  await page.waitForFunction(() => (window as unknown as { __mvReady?: boolean }).__mvReady === true, undefined, { timeout, polling: 100 });
}

/** `window.metaverse.getState()` from the page. */
export async function getState(page: Page): Promise<MetaverseSnapshot> {
  return page.evaluate(() => window.metaverse!.getState());
}

/** Playwright test with an `app` fixture launched per `test.use({ launch: {...} })`. */
export const test = base.extend<{ launch: LaunchOptions; app: AppSession }>({
  launch: [{}, { option: true }],
  app: async ({ launch, baseURL }, provide) => {
    const session = await launchApp(baseURL ?? 'http://localhost:4173', launch);
    await provide(session);
    await session.close();
  },
});

export { expect } from '@playwright/test';
