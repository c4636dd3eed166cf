import { defineConfig } from '@playwright/test';
import { BASE_FLAGS, CHROMIUM_PATH, WEBGPU_FLAGS, fakeMediaFlags } from './e2e/chromium';

// E2E_PORT / E2E_DIST let two people (or helpers) run browser tests side by side on one machine:
// build with `npx vite build --mode test --outDir dist-mine`, then
// `E2E_PORT=4180 E2E_DIST=dist-mine npx playwright test e2e/x.spec.ts`.
const PORT = Number(process.env.E2E_PORT ?? 4173);
const DIST = process.env.E2E_DIST ?? 'dist';

export default defineConfig({
  testDir: './e2e',
  timeout: 180_000,
  expect: { timeout: 60_000 },
  // Two cores and a software GPU: one browser at a time keeps timings sane.
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${PORT}`,
    viewport: { width: 960, height: 600 },
    launchOptions: { executablePath: CHROMIUM_PATH, args: [...BASE_FLAGS, ...WEBGPU_FLAGS, ...fakeMediaFlags()] },
    trace: 'retain-on-failure',
  },
  webServer: {
    // Tests run against the test-mode build (automation view and XR emulator on; see README).
    command: `npx vite preview --port ${PORT} --strictPort --outDir ${DIST}`,
    url: `http://localhost:${PORT}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
