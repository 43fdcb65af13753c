import { defineConfig } from '@playwright/test';

// The browser is the system Chromium found (or installed) by scripts/e2e.mjs:
// Playwright's own browser download needs the internet.
const executablePath =
  process.env.PLAYWRIGHT_CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * End-to-end tests against the demo as `npm start` runs it (scripts/dev.mjs):
 * two simulated Kubernetes clusters, then the dev servers of packages/app
 * (:3000) and packages/backend (:7007). An app that is already running is
 * reused outside CI. The global setup waits for the backend as well.
 */
export default defineConfig({
  testDir: 'packages/app/e2e-tests',
  globalSetup: './packages/app/e2e-tests/globalSetup.ts',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: [
    ['list'],
    ['html', { open: 'never', outputFolder: 'e2e-test-report/html' }],
  ],
  outputDir: 'e2e-test-report/results',
  webServer: [
    {
      command: 'node scripts/dev.mjs',
      url: 'http://localhost:3000',
      reuseExistingServer: !process.env.CI,
      timeout: 300_000,
    },
  ],
  use: {
    baseURL: process.env.PLAYWRIGHT_URL ?? 'http://localhost:3000',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath,
      // No background traffic: the machines have no internet, and Chromium's
      // refused connections slow start-up.
      args: [
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--no-first-run',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
});
