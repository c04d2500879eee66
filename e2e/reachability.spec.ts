// Reachability in the real UI, where a user meets it: onboarding's stake-and-activate step (next to
// the service URI), the dashboard's "why no work" list and the settings card. The operating
// account is a devnet orchestrator whose on-chain service URI points at a closed port; the report
// says so, and the offer to update the URI opens a preview that is confirmed like every
// transaction, after which the URI on chain matches. Its own host and devnet (fixtures.ts).
import { Contract, parseEther, Wallet } from 'ethers';
import { expect, test } from './fixtures.ts';
import { devnetAccounts } from '../src-main/chain/devnet/devnet.ts';
import { BONDING_MANAGER_ABI, SERVICE_REGISTRY_ABI, TOKEN_ABI } from '../src-main/chain/abi.ts';
import { callApi, startDevnet } from './api.ts';
import { openApp, screenshot, SCREENSHOT_DIR } from './app.ts';

const PASSWORD = 'reachability-e2e-pw';
const WRONG_URI = 'https://127.0.0.1:1';

test('reachability report in onboarding, on the dashboard and in settings, with a previewed URI update', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const base = baseURL ?? '';
  const { info, provider } = await startDevnet(base);
  await callApi(base, 'devnet', 'advanceRound'); // bonding needs the current round initialized
  const key = devnetAccounts()[7]!;
  const O = new Wallet(key.privateKey, provider);
  const c = info.contracts;
  const stake = parseEther('2000');
  await callApi(base, 'devnet', 'fund', { address: O.address, lpt: stake.toString(), eth: parseEther('1').toString() });
  await (await new Contract(c.LivepeerToken!, TOKEN_ABI, O).getFunction('approve')(c.BondingManager, stake)).wait();
  const bm = new Contract(c.BondingManager!, BONDING_MANAGER_ABI, O);
  await (await bm.getFunction('bond')(stake, O.address)).wait();
  await (await bm.getFunction('transcoder')(100_000n, 500_000n)).wait();
  const registry = new Contract(c.ServiceRegistry!, SERVICE_REGISTRY_ABI, O);
  await (await registry.getFunction('setServiceURI')(WRONG_URI)).wait();

  // The app operates this account, as an orchestrator in the middle of the set-up guide
  await callApi(base, 'wallet', 'importPrivateKey', { privateKey: key.privateKey, password: PASSWORD, label: 'reach' });
  await callApi(base, 'wallet', 'select', { address: O.address });
  await callApi(base, 'wallet', 'unlock', { password: PASSWORD });
  await callApi(base, 'settings', 'update', { role: 'orchestrator', onboarding: { step: 'stake', completed: false } });

  // Dashboard: the check runs by itself and the "why no work" list says what a gateway would hit
  await openApp(page, 'dashboard');
  const warning = page.getByTestId('reach-warning');
  await expect(warning).toBeVisible({ timeout: 30_000 });
  await expect(warning).toContainText('Gateways may not reach this node');
  await expect(warning).toContainText(/127\.0\.0\.1:1/);
  await page.getByTestId('warnings').screenshot({ path: `${SCREENSHOT_DIR}/reachability-dashboard.png` });

  // Onboarding, stake and activate: the card sits under "Where gateways reach you"
  await openApp(page, 'onboarding');
  await expect(page.getByTestId('onboarding-step')).toContainText('Stake and activate');
  const onboardingCard = page.locator('.reach-card').filter({ hasText: 'Can gateways reach you?' });
  await onboardingCard.getByLabel('Public address or DNS name').fill('127.0.0.1');
  await onboardingCard.getByRole('button', { name: 'Check reachability' }).click();
  await expect(onboardingCard.getByText('URI points at this node')).toBeVisible({ timeout: 30_000 });
  await expect(onboardingCard.getByText(/The chain says 127\.0\.0\.1:1, but this node is reachable at/)).toBeVisible();
  const offer = onboardingCard.getByRole('button', {
    name: /Update the on-chain service URI to https:\/\/127\.0\.0\.1:\d+/,
  });
  await expect(offer).toBeVisible();
  await onboardingCard.screenshot({ path: `${SCREENSHOT_DIR}/reachability-onboarding.png` });
  const suggested = /to (https:\/\/\S+)/.exec((await offer.textContent()) ?? '')?.[1] ?? '';

  // Settings: the same report; the update is previewed, then confirmed and signed in the app
  await openApp(page, 'settings');
  const card = page.locator('.reach-card');
  await card.getByLabel('Public address or DNS name').fill('127.0.0.1');
  await card.getByRole('button', { name: 'Check reachability' }).click();
  await card.getByRole('button', { name: `Update the on-chain service URI to ${suggested}` }).click();
  await expect(card.getByText('setServiceURI(string)')).toBeVisible({ timeout: 20_000 });
  await card.screenshot({ path: `${SCREENSHOT_DIR}/reachability-settings-preview.png` });
  await card.getByRole('button', { name: 'Confirm and send' }).click();
  await expect
    .poll(async () => (await registry.getFunction('getServiceURI')(O.address)) as string, { timeout: 30_000 })
    .toBe(suggested);
  await expect(card.getByText(/is this node’s public address/)).toBeVisible({ timeout: 30_000 });
  await card.screenshot({ path: `${SCREENSHOT_DIR}/reachability-settings.png` });
  await screenshot(page, 'reachability-settings-page');
});
