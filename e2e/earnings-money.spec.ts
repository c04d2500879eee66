// Earnings in money, by clicking: an orchestrator with a reward and a redeemed winning ticket on
// this spec's own devnet; the Earnings page values the fees with the devnet's ETH/USD feed (and
// EUR/USD for euros, the default costs currency); setting the devnet price on the page changes the
// figures; the CSV downloads with the currency columns; then the glossary and a tooltip.
// Screenshots of Earnings and the glossary/tooltip in dark and light.
import { Contract, parseEther, Wallet } from 'ethers';
import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures.ts';
import { devnetAccounts } from '../src-main/chain/devnet/devnet.ts';
import { BONDING_MANAGER_ABI, ROUNDS_MANAGER_ABI, TICKET_BROKER_ABI, TOKEN_ABI } from '../src-main/chain/abi.ts';
import { signTicket } from '../src-main/chain/test-support-tickets.ts';
import { callApi, startDevnet } from './api.ts';
import { openApp, screenshot } from './app.ts';

const PASSWORD = 'earnings-e2e-pw';

test('earnings in the user’s currency from the devnet price feed, set on the page; CSV; glossary and tooltips', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(150_000);
  const base = baseURL ?? '';
  const { info, provider } = await startDevnet(base);
  await callApi(base, 'devnet', 'advanceRound');
  const c = info.contracts;
  const O = new Wallet(devnetAccounts()[8]!.privateKey, provider);
  const B = new Wallet(devnetAccounts()[9]!.privateKey, provider);
  const stake = parseEther('5000');
  await callApi(base, 'devnet', 'fund', { address: O.address, lpt: stake.toString(), eth: parseEther('1').toString() });
  await (await new Contract(c.LivepeerToken!, TOKEN_ABI, O).getFunction('approve')(c.BondingManager, stake)).wait();
  const bm = new Contract(c.BondingManager!, BONDING_MANAGER_ABI, O);
  await (await bm.getFunction('bond')(stake, O.address)).wait();
  await (await bm.getFunction('transcoder')(100_000n, 500_000n)).wait();
  await callApi(base, 'devnet', 'advanceRound'); // active from this round
  await (await bm.getFunction('reward')()).wait();
  // A gateway's winning ticket of 0.1 ETH, redeemed by O
  const tb = new Contract(c.TicketBroker!, TICKET_BROKER_ABI, B);
  await (
    await tb.getFunction('fundDepositAndReserve')(parseEther('1'), parseEther('1'), { value: parseEther('2') })
  ).wait();
  const rm = new Contract(c.RoundsManager!, ROUNDS_MANAGER_ABI, provider);
  const { ticket, sig, rand } = await signTicket(rm, B, { recipient: O.address, faceValue: parseEther('0.1') });
  await (await (tb.connect(O) as Contract).getFunction('redeemWinningTicket')(ticket, sig, rand)).wait();
  await callApi(base, 'wallet', 'importPrivateKey', { privateKey: O.privateKey, password: PASSWORD, label: 'earner' });
  await callApi(base, 'wallet', 'select', { address: O.address });

  // Default costs currency is EUR: ETH/USD 3000 ÷ EUR/USD 1.08
  await page.emulateMedia({ colorScheme: 'dark' });
  await openApp(page, 'earnings');
  await expect(page.getByTestId('total-fees')).toHaveText('0.1 ETH', { timeout: 30_000 });
  await expect(page.getByTestId('price-line')).toContainText('1 ETH = €2,777.78');
  await expect(page.getByTestId('total-fees-fiat')).toContainText('€277.78');
  await expect(
    page.getByText('LPT is shown without a price: Chainlink has no LPT/USD feed on Arbitrum One'),
  ).toBeVisible();
  await expect(page.getByTestId('chart-eth').locator('text').filter({ hasText: 'ETH' }).first()).toBeVisible(); // y unit

  // Set the devnet price on the page: the figures follow
  await page.getByLabel('Devnet ETH price').fill('4320');
  await page.getByRole('button', { name: 'Set price' }).click();
  await expect(page.getByText('The devnet ETH/USD feed now answers 4320 USD.')).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId('price-line')).toContainText('1 ETH = €4,000.00');
  await expect(page.getByTestId('total-fees-fiat')).toContainText('€400.00');
  await screenshot(page, 'earnings-money-dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await screenshot(page, 'earnings-money-light');
  await page.emulateMedia({ colorScheme: 'dark' });

  // In USD (Settings → Costs)
  const settings = await callApi<{ costs: Record<string, unknown> }>(base, 'settings', 'get');
  await callApi(base, 'settings', 'update', { costs: { ...settings.costs, currency: 'USD' } });
  await page.reload();
  await expect(page.getByTestId('total-fees-fiat')).toContainText('$432.00', { timeout: 30_000 });

  // CSV of the per-round table with the currency columns
  await page.getByRole('radio', { name: 'Per round' }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('livepeer-earnings-per-round.csv');
  const csv = readFileSync((await download.path()) ?? '', 'utf8').split('\r\n');
  expect(csv[0]).toContain(
    'round,start_utc,rounds,lpt_rewards,eth_fees,winning_tickets,eth_gas,eth_net_of_gas,fees_USD',
  );
  expect(csv.some((l) => /,0\.1,1,0,0\.1,432\.00,/.test(l))).toBe(true);

  // A tooltip by keyboard focus, and the glossary page from the sidebar
  const term = page.locator('[data-term="round"]').first();
  await term.focus();
  await expect(page.getByRole('tooltip').filter({ hasText: 'The protocol’s clock' }).first()).toBeVisible();
  await screenshot(page, 'earnings-tooltip-dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await screenshot(page, 'earnings-tooltip-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.keyboard.press('Escape');
  await expect(page.getByRole('tooltip').filter({ hasText: 'The protocol’s clock' }).first()).toBeHidden();
  await page.getByRole('link', { name: /Glossary/ }).click();
  await expect(page.getByRole('heading', { name: 'Glossary' })).toBeVisible();
  await expect(page.getByText(/A round on this chain is 50 blocks/)).toBeVisible();
  await screenshot(page, 'glossary-dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await screenshot(page, 'glossary-light');
});
