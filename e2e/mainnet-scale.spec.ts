// The UI at the real network's size (issue 16): a devnet seeded with 99 orchestrators and 300
// delegators (`serve --devnet-scale mainnet`), the wallet holding the largest seeded orchestrator.
// Once the app has refreshed once, opening Staking or Delegators shows every row in under 1 s.
import type { Locator, Page } from '@playwright/test';
import { MAINNET_SCALE, planMainnetScale } from '../src-main/chain/devnet/scale.ts';
import { callApi } from './api.ts';
import { openApp, screenshot } from './app.ts';
import { expect, test } from './fixtures.ts';

test.use({ hostArgs: ['--devnet-scale', 'mainnet'] });

const PAGE_LOAD_BUDGET_MS = 1000;
const plan = planMainnetScale();
const largest = plan.orchestrators[0]!;
const itsDelegators = plan.delegators.filter((d) => d.orchestrator === 0).length;

/** Opens a page from the sidebar, as a user does, and times it until `ready` holds. */
async function timedVisit(page: Page, label: string, rows: Locator, atLeast: number): Promise<number> {
  const started = Date.now();
  await page.getByRole('link', { name: label, exact: true }).click();
  await expect.poll(() => rows.count(), { timeout: 30_000, intervals: [25] }).toBeGreaterThanOrEqual(atLeast);
  return Date.now() - started;
}

test('Staking and Delegators show the whole network in under 1 s after the first refresh', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(300_000);
  const info = await callApi<{ running: boolean }>(baseURL!, 'devnet', 'start'); // seeds, once
  expect(info.running).toBe(true);
  await callApi(baseURL!, 'wallet', 'importPrivateKey', {
    privateKey: largest.wallet.privateKey,
    password: 'e2e mainnet scale',
    label: 'Largest seeded orchestrator',
  });
  await callApi(baseURL!, 'wallet', 'select', { address: largest.wallet.address });

  const pool = page.getByTestId('orchestrators-table').locator('tbody tr');
  const delegators = page.getByTestId('delegators-table').locator('tbody tr');
  // The first refresh: the whole pool, and the delegator index built from the chain's logs
  await openApp(page, 'staking');
  await expect(pool).toHaveCount(MAINNET_SCALE.orchestrators, { timeout: 60_000 });
  await screenshot(page, 'mainnet-scale-staking');
  await page.getByRole('link', { name: 'Delegators', exact: true }).click();
  await expect.poll(() => delegators.count(), { timeout: 90_000 }).toBeGreaterThanOrEqual(itsDelegators);
  await screenshot(page, 'mainnet-scale-delegators');
  await page.getByRole('link', { name: 'Dashboard', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
  await screenshot(page, 'mainnet-scale-dashboard');

  const stakingMs = await timedVisit(page, 'Staking', pool, MAINNET_SCALE.orchestrators);
  await page.getByRole('link', { name: 'Dashboard', exact: true }).click();
  const delegatorsMs = await timedVisit(page, 'Delegators', delegators, itsDelegators);
  process.stdout.write(`mainnet scale page loads: Staking ${stakingMs} ms, Delegators ${delegatorsMs} ms\n`);
  expect(stakingMs).toBeLessThan(PAGE_LOAD_BUDGET_MS);
  expect(delegatorsMs).toBeLessThan(PAGE_LOAD_BUDGET_MS);
});
