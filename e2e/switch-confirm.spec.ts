// Role and network switches ask first and say what happens to the stake, the node and the data;
// after a switch to Arbitrum One nothing of the devnet (its winning tickets, its counts) stays on
// screen. An active orchestrator with 14,000 LPT staked on this spec's own devnet, a real node
// serving demo traffic on a free port, then the switches made in Settings as a user would.
import { createServer } from 'node:net';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { callApi } from './api.ts';
import { send, stakedOrchestrator } from './staked.ts';
import { openApp, screenshot } from './app.ts';

const PASSWORD = 'switch-e2e-password';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function saveSettings(page: Page): Promise<ReturnType<Page['getByTestId']>> {
  await page.getByRole('button', { name: 'Save settings' }).click();
  const confirm = page.getByTestId('switch-confirm');
  await expect(confirm).toBeVisible();
  return confirm;
}

test('switching role and network asks first, says what happens, and shows only the new network’s data', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(240_000);
  const base = baseURL ?? '';
  const { address } = await stakedOrchestrator(base, { account: 7, lpt: '14000', password: PASSWORD });
  const port = await freePort();
  await callApi(base, 'orchestrator', 'updateConfig', { servicePort: port, bindHost: '127.0.0.1' });
  await send(base, address, { kind: 'setServiceUri', uri: `https://127.0.0.1:${port}` });
  await callApi(base, 'settings', 'update', { transcodingEnabled: true });

  // Devnet work: demo traffic until a winning ticket shows on the dashboard.
  await openApp(page, 'dashboard');
  await expect(page.getByTestId('stat-sessions')).toContainText(/\d+ \/ \d+/);
  const demo = page.getByTestId('demo-toggle');
  await expect(demo).toBeVisible({ timeout: 30_000 }); // pushed by the host, no reload
  await demo.click();
  await expect(page.getByTestId('tickets-table')).toBeVisible({ timeout: 90_000 });
  await expect(page.getByTestId('transcoding-state')).toContainText('On — your GPU accepts work from the network');
  await screenshot(page, 'switch-dashboard-devnet');
  await demo.click();
  await expect(demo).toHaveAttribute('aria-checked', 'false', { timeout: 20_000 });

  // Role: the confirmation says what happens to the active stake and the node; "Keep" changes nothing.
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('radio', { name: /Transcoder/ }).check();
  let confirm = await saveSettings(page);
  await expect(confirm.getByRole('heading')).toHaveText('Switch role to Transcoder?');
  await expect(confirm).toContainText('Your orchestrator stops serving gateways now');
  await expect(confirm).toContainText('Your 14,000 LPT stays bonded and in the active set');
  await screenshot(page, 'switch-confirm-role');
  await confirm.getByRole('button', { name: 'Keep the current settings' }).click();
  await expect(confirm).toHaveCount(0);
  expect((await callApi<{ role: string }>(base, 'settings', 'get')).role).toBe('orchestrator');
  confirm = await saveSettings(page);
  await confirm.getByRole('button', { name: 'Switch' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  expect((await callApi<{ role: string }>(base, 'settings', 'get')).role).toBe('transcoder');
  await page.getByRole('radio', { name: /Orchestrator/ }).check();
  confirm = await saveSettings(page);
  await expect(confirm).toContainText('starts its own node');
  await confirm.getByRole('button', { name: 'Switch' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();

  // Network: real money, the stake stays on the devnet, the data is shown per network.
  await page.getByRole('radio', { name: /Arbitrum One/ }).check();
  await page.getByLabel('Arbitrum One RPC URL').fill('https://127.0.0.1:9/arbitrum');
  confirm = await saveSettings(page);
  await expect(confirm.getByRole('heading')).toHaveText('Switch network to Arbitrum One?');
  await expect(confirm).toContainText('Arbitrum One is the real network');
  await expect(confirm).toContainText('Your 14,000 LPT on the local devnet stays there, bonded');
  await expect(confirm).toContainText('shown only under the local devnet');
  await screenshot(page, 'switch-confirm-network');
  await confirm.getByRole('button', { name: 'Switch' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();

  await page.getByRole('link', { name: 'Dashboard' }).click();
  await expect(page.getByTestId('dashboard-network')).toContainText('Arbitrum One');
  await expect(page.getByText(/No winning ticket yet/)).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId('tickets-table')).toHaveCount(0);
  await expect(page.getByTestId('tickets-won')).toHaveText('0 of 0 tickets received', { timeout: 15_000 });
  await expect(page.getByTestId('transcoding-state')).not.toContainText('On — your GPU accepts work');
  await screenshot(page, 'switch-dashboard-arbitrum');

  // Back on the devnet its tickets are there again.
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('radio', { name: /Local devnet/ }).check();
  confirm = await saveSettings(page);
  await confirm.getByRole('button', { name: 'Switch' }).click();
  await page.getByRole('link', { name: 'Dashboard' }).click();
  await expect(page.getByTestId('tickets-table')).toBeVisible({ timeout: 30_000 });
});
