import { defineConfig } from '@playwright/test';

// The browser tests run against a running server (bin/mhac serve): E2E_BASE_URL, else the
// address `make run` serves on. Debian's Chromium is used; Playwright never downloads a browser.
const baseURL = process.env.E2E_BASE_URL ?? process.env.MHAC_PUBLIC_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  testDir: '.',
  testMatch: /.*\.spec\.ts$/,
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  // On CI (a slower, shared machine) one retry: a test that passes only on its retry is reported
  // as flaky, and `make test`'s report names it. Locally none, so a flake is seen at once.
  retries: process.env.CI ? 1 : 0,
  // One test walks the whole clinic, including waiting for the worker to sign the forms.
  timeout: 10 * 60_000,
  expect: { timeout: 15_000 },
  outputDir: '../test-results',
  reporter: [['list']],
  use: {
    baseURL,
    viewport: { width: 1366, height: 768 },
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
    acceptDownloads: true,
    screenshot: 'only-on-failure',
    locale: 'en-GB',
    timezoneId: 'Africa/Kigali',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync',
        // A fake camera that is always allowed, for the registrar's photo (identity.spec.ts).
        '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream',
      ],
    },
  },
});
