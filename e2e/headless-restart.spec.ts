// The headless host restarted with the page open, as a rig owner does: the host keeps its access
// token in its data folder, so the open tab reconnects by itself (showing "Reconnecting…", not stale
// figures, while the host is away), a new tab with the old URL and a bookmark without the token work;
// `serve --new-token` refuses the old token and the page says how to get the address again.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { screenshot } from './app.ts';
import { startHost, type Host } from './host.ts';

async function expectConnected(page: Page): Promise<void> {
  await expect(page.getByTestId('node-state').first()).toHaveText(/Stopped|Running|Starting/, { timeout: 30_000 });
  await expect(page.getByTestId('connection-banner')).toBeHidden();
}

test('the page reconnects after serve restarts; old URLs keep working until --new-token', async ({ page, browser }) => {
  test.setTimeout(150_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'lpm-e2e-restart-'));
  let host: Host | null = null;
  try {
    host = await startHost({ dataDir, token: null });
    const port = Number(new URL(host.origin).port);
    const url = host.uiUrl;
    expect(statSync(join(dataDir, 'access-token')).mode & 0o777).toBe(0o600);
    await page.goto(`${url}#/dashboard`);
    await expectConnected(page);
    expect(page.url()).not.toContain('token='); // moved out of the address bar

    await host.close();
    host = null;
    await expect(page.getByTestId('connection-banner')).toContainText('Reconnecting to the node', { timeout: 10_000 });
    await expect(page.getByTestId('node-state').first()).toHaveText('Reconnecting…');
    await screenshot(page, 'headless-reconnecting');

    const started = Date.now();
    host = await startHost({ dataDir, token: null, adminPort: port });
    expect(host.uiUrl).toBe(url); // the same token across restarts
    await expectConnected(page);
    process.stdout.write(`open tab reconnected ${Date.now() - started} ms after the host was started again\n`);

    const tab = await page.context().newPage();
    await tab.goto(`${url}#/dashboard`); // the printed URL, opened again
    await expectConnected(tab);
    const bookmark = await page.context().newPage();
    await bookmark.goto(`${host.origin}/#/settings`); // a bookmark of the cleaned address bar
    await expectConnected(bookmark);
    await Promise.all([tab.close(), bookmark.close()]);

    await host.close();
    host = await startHost({ dataDir, token: null, adminPort: port, extraArgs: ['--new-token'] });
    expect(host.uiUrl).not.toBe(url);
    // The open tab's token is refused now: it stops retrying and says how to get the address.
    await expect(page.getByTestId('no-access')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('no-access')).toContainText('npm run serve -- --print-url');
    await screenshot(page, 'headless-no-access');
    const stranger = await browser.newContext();
    const old = await stranger.newPage();
    await old.goto(url);
    await expect(old.getByTestId('no-access')).toBeVisible({ timeout: 20_000 });
    await stranger.close();
    await page.goto(`${host.uiUrl}#/dashboard`); // the new address works
    await expectConnected(page);
  } finally {
    await host?.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
