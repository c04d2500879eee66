// End-to-end tests drive the real UI in Debian's Chromium against the headless host (the same
// router and services as the desktop app). Never `npx playwright install`: browsers cannot be
// downloaded here; CHROMIUM_PATH points elsewhere on other machines.
import { defineConfig } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT ?? 7936);
export const E2E_TOKEN = 'e2e-token-0123456789abcdef';

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/e2e',
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
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
  webServer: {
    // A fresh data folder each run, so the tests see the first-start defaults.
    command: `node -e "require('fs').rmSync('.e2e-data',{recursive:true,force:true})" && node --disable-warning=ExperimentalWarning src-main/cli/main.ts serve --admin-port ${PORT} --token ${E2E_TOKEN} --data-dir .e2e-data --log-level warn`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
