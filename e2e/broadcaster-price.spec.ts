// Price for specific gateways (livepeer_cli "Set price for broadcaster") on the Staking page's price
// card: validation, add, refuse a duplicate, remove, saved in the node's configuration. The card
// needs an operating account: the spec creates one on its own host (fixtures.ts).
import { expect, test } from './fixtures.ts';
import { callApi } from './api.ts';
import { openApp, screenshot } from './app.ts';

const GATEWAY = '0xEB62188121725A605f76a97791a1C69B4BdB435D';

test('a gateway gets its own price on the Staking page, then is removed', async ({ page, baseURL }) => {
  await callApi(baseURL!, 'wallet', 'create', { password: 'gateway-price-e2e', label: 'e2e' });
  await page.emulateMedia({ colorScheme: 'light' });
  await openApp(page, 'staking');
  const card = page.getByTestId('gateway-prices');
  await expect(card).toBeVisible({ timeout: 45_000 });
  await expect(card.getByRole('heading', { name: 'Price for specific gateways' })).toBeVisible();
  await expect(page.getByTestId('gateway-prices-empty')).toBeVisible();

  const add = card.getByRole('button', { name: 'Add gateway price' });
  const address = card.getByLabel('Gateway address');
  const price = card.getByLabel("Gateway's price per pixel");
  await address.fill('0x1234');
  await price.fill('12.5');
  await expect(card.getByText('A gateway address: 0x and 40 hex digits')).toBeVisible();
  await expect(card.getByText('A whole number of wei (0 = free for this gateway)')).toBeVisible();
  await expect(add).toBeDisabled();
  await screenshot(page, 'staking-gateway-price-errors');

  await address.fill(GATEWAY);
  await price.fill('300');
  await add.click();
  await expect(card.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  await expect(card.getByRole('row').filter({ hasText: '300 wei' })).toContainText('0xEB62');
  // Stored in the node's configuration (what the runtime hands the node on its next evaluation).
  const config = await callApi<{ broadcasterPrices: unknown[] }>(baseURL!, 'orchestrator', 'config');
  expect(config.broadcasterPrices).toEqual([{ address: GATEWAY, pricePerUnit: '300', pixelsPerUnit: '1' }]);

  // The same gateway again, in another case, is refused before saving.
  await address.fill(GATEWAY.toLowerCase());
  await price.fill('500');
  await expect(card.getByText('This gateway already has its own price')).toBeVisible();
  await expect(add).toBeDisabled();
  await address.fill('');
  await price.fill('');
  await screenshot(page, 'staking-gateway-price');

  await page.reload();
  await expect(page.getByTestId('gateway-prices').getByRole('row').filter({ hasText: '300 wei' })).toBeVisible({
    timeout: 45_000,
  });
  await page.getByRole('button', { name: `Remove the price for ${GATEWAY}` }).click();
  await expect(page.getByTestId('gateway-prices-empty')).toBeVisible();
  await expect(page.getByTestId('gateway-prices').getByRole('status')).toContainText('Removed');
  expect(
    (await callApi<{ broadcasterPrices: unknown[] }>(baseURL!, 'orchestrator', 'config')).broadcasterPrices,
  ).toEqual([]);
});
