// End-to-end tests drive the real UI in Debian's Chromium against the headless host (the same
// router and services as the desktop app). Each spec file starts its own host on a free port with
// its own data folder (e2e/fixtures.ts), so no port or state is shared. Never `npx playwright
// install`: browsers cannot be downloaded here; CHROMIUM_PATH points elsewhere on other machines.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/e2e',
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: [['list']],
  use: {
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium', headless: true } }],
});
