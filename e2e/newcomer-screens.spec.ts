// The screens issue 19 found misleading, as a newcomer meets them with an active orchestrator on
// this spec's own devnet: the unstake maximum includes rewards, an absurd price asks before it
// saves, a bad private key is refused next to its field with the fields kept, Governance says why
// its button is off; with a screenshot of each (and of Settings → Costs and the GPUs page).
import { expect, test } from './fixtures.ts';
import { callApi } from './api.ts';
import { openApp, screenshot } from './app.ts';
import { send, stakedOrchestrator } from './staked.ts';

test('staking, price, wallet import and governance say what they mean', async ({ page, baseURL }) => {
  test.setTimeout(180_000);
  const base = baseURL ?? '';
  const { address } = await stakedOrchestrator(base, { account: 8, lpt: '500', password: 'screens-e2e-pw' });
  // A reward call this round: the stake with rewards is then above the 500 LPT bonded.
  await send(base, address, { kind: 'reward' });

  await openApp(page, 'staking');
  const unstake = page.getByRole('button', { name: /^Unstake all \(/ });
  await expect(unstake).toBeVisible({ timeout: 30_000 });
  const all = /Unstake all \(([\d,.]+) LPT\)/.exec((await unstake.textContent()) ?? '')?.[1] ?? '0';
  expect(Number(all.replace(/,/g, ''))).toBeGreaterThan(500);
  await page.getByLabel('Amount to unstake').fill('500.5');
  await expect(page.getByText(/You can unstake up to/)).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Unstake LPT' })).toBeEnabled();
  await page.getByLabel('Amount to unstake').fill('1000000');
  await expect(page.getByText(`You can unstake up to ${all} LPT (your stake with rewards)`)).toBeVisible();

  const price = page.getByLabel('Price per pixel', { exact: true });
  await price.fill('100000000000000000000000000');
  const warning = page.getByTestId('price-warning');
  await expect(warning).toContainText('Is it a typo?');
  const save = page.getByRole('button', { name: 'Save price' });
  await expect(save).toBeDisabled();
  await screenshot(page, 'staking-unstake-and-price-warning');
  await warning.getByLabel('Save this price anyway').check();
  await expect(save).toBeEnabled();
  await price.fill('1000');
  await expect(warning).toHaveCount(0);

  await page.getByRole('link', { name: 'Wallet' }).click();
  await page.getByRole('tab', { name: 'Private key' }).click();
  const key = page.getByRole('textbox', { name: 'Private key' });
  await key.fill(`0x${'ff'.repeat(32)}`);
  await page.getByLabel('New password (8 characters or more)').fill('long enough');
  await page.getByLabel('Type it again').fill('long enough');
  await expect(key.locator('xpath=ancestor::div[contains(@class,"field")]')).toContainText(
    'Not a valid private key (out of range)',
  );
  await expect(page.getByRole('button', { name: 'Import key' })).toBeDisabled();
  await expect(key).toHaveValue(`0x${'ff'.repeat(32)}`);
  await key.scrollIntoViewIfNeeded();
  await screenshot(page, 'wallet-import-bad-key');

  await page.getByRole('link', { name: 'Governance' }).click();
  await expect(page.getByTestId('why-disabled')).toHaveText(
    'To preview it, fill in a title, the address to pay, the amount.',
  );
  await page.getByLabel('Title').fill('Pay the test stream');
  await expect(page.getByTestId('why-disabled')).toHaveText('To preview it, fill in the address to pay, the amount.');
  await screenshot(page, 'governance-propose-form');

  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Costs' })).toBeVisible();
  await screenshot(page, 'settings-costs');
  await page.getByRole('link', { name: 'GPUs', exact: true }).click();
  await page.waitForTimeout(4000); // a few telemetry samples
  await screenshot(page, 'gpus');
  await page.getByRole('link', { name: 'Dashboard', exact: true }).click();
  await expect(page.getByTestId('reward-record')).toHaveText(/^1 of \d+ rounds? since you started$/, {
    timeout: 30_000,
  });
  await screenshot(page, 'dashboard-reward-record');
  expect((await callApi<{ role: string }>(base, 'settings', 'get')).role).toBe('orchestrator');
});
