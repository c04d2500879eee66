// The whole governance cycle by clicking in the app: an orchestrator account operated by the app
// creates a treasury proposal, votes on it with a reason, queues and executes it, every step
// previewed and confirmed like any transaction; the Treasury's payout arrives. Then a LIP poll
// vote (livepeer_cli's other vote), changed once (the last vote counts). Rounds are advanced
// with the devnet API, on this spec's own host and devnet (fixtures.ts).
import { Contract, parseEther, toUtf8Bytes, Wallet } from 'ethers';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { devnetAccounts } from '../src-main/chain/devnet/devnet.ts';
import { BONDING_MANAGER_ABI, POLL_CREATOR_ABI, TOKEN_ABI } from '../src-main/chain/abi.ts';
import { callApi, startDevnet } from './api.ts';
import { openApp, screenshot, SCREENSHOT_DIR } from './app.ts';

const PASSWORD = 'governance-e2e-pw';
const TITLE = 'LIP-1001: Pay for a public transcoding test stream';
const POLL = 'QmLIP1002PublicTestStreamPoll';

async function confirm(scope: Locator): Promise<void> {
  await scope.getByRole('button', { name: 'Confirm and send' }).click();
  await expect(scope.getByRole('button', { name: 'Confirm and send' })).toHaveCount(0, { timeout: 30_000 });
}

async function proposalCard(page: Page, state: string): Promise<Locator> {
  await openApp(page, 'governance');
  const card = page.locator('.gov-proposal').filter({ hasText: TITLE });
  await expect(card.getByText(state, { exact: true })).toBeVisible({ timeout: 30_000 });
  return card;
}

test('create, vote with a reason, queue and execute a treasury proposal, and vote in a LIP poll, in the app', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const base = baseURL ?? '';
  const { info, provider } = await startDevnet(base);
  await callApi(base, 'devnet', 'advanceRound'); // bonding needs the current round initialized
  const c = info.contracts;
  const key = devnetAccounts()[6]!;
  const payee = devnetAccounts()[5]!.address;
  const O = new Wallet(key.privateKey, provider);
  // Enough stake to pass quorum on its own
  const stake = parseEther('60000');
  await callApi(base, 'devnet', 'fund', { address: O.address, lpt: stake.toString(), eth: parseEther('1').toString() });
  await callApi(base, 'devnet', 'fund', { address: c.Treasury, lpt: parseEther('500').toString() });
  await (await new Contract(c.LivepeerToken!, TOKEN_ABI, O).getFunction('approve')(c.BondingManager, stake)).wait();
  const bm = new Contract(c.BondingManager!, BONDING_MANAGER_ABI, O);
  await (await bm.getFunction('bond')(stake, O.address)).wait();
  await (await bm.getFunction('transcoder')(100_000n, 500_000n)).wait();
  await callApi(base, 'wallet', 'importPrivateKey', { privateKey: key.privateKey, password: PASSWORD, label: 'gov' });
  await callApi(base, 'wallet', 'select', { address: O.address });
  await callApi(base, 'wallet', 'unlock', { password: PASSWORD });
  // Proposing needs power in the previous round
  await callApi(base, 'devnet', 'advanceRound');
  await callApi(base, 'devnet', 'advanceRound');
  const token = new Contract(c.LivepeerToken!, TOKEN_ABI, provider);
  const before = (await token.getFunction('balanceOf')(payee)) as bigint;

  // 1. Create
  await openApp(page, 'governance');
  const form = page.locator('.gov-propose');
  await form.getByLabel('Title').fill(TITLE);
  await form.getByLabel('Proposal text').fill('Send 120 LPT from the Treasury to the test-stream operator.');
  await form.getByLabel('Pay to (address)').fill(payee);
  await form.getByLabel('Amount', { exact: true }).fill('120');
  await form.getByRole('button', { name: 'Preview proposal' }).click();
  await expect(form.getByText('LivepeerGovernor.propose')).toBeVisible({ timeout: 20_000 });
  await screenshot(page, 'governance-propose-preview');
  await confirm(form);
  await proposalCard(page, 'Pending');

  // 2. Vote with a reason once voting opens
  await callApi(base, 'devnet', 'advanceRound');
  await callApi(base, 'devnet', 'advanceRound');
  let card = await proposalCard(page, 'Active');
  await card.getByLabel('Against').check();
  await card.getByLabel('For', { exact: true }).check();
  await card.getByLabel('Reason (optional, public on chain)').fill('A public test stream helps every operator');
  await card.getByRole('button', { name: 'Preview vote' }).click();
  await expect(card.getByText('castVoteWithReason')).toBeVisible({ timeout: 20_000 });
  await confirm(card);
  card = await proposalCard(page, 'Active');
  await expect(
    card.getByText(/You voted for with 60,000 LPT: “A public test stream helps every operator”/),
  ).toBeVisible();
  await screenshot(page, 'governance-voted');

  // 3. Close voting, queue, execute
  for (let i = 0; i < 6; i++) await callApi(base, 'devnet', 'advanceRound');
  card = await proposalCard(page, 'Succeeded');
  await card.getByRole('button', { name: 'Preview queueing' }).click();
  await expect(card.getByText('LivepeerGovernor.queue')).toBeVisible({ timeout: 20_000 });
  await confirm(card);
  card = await proposalCard(page, 'Queued');
  await card.getByRole('button', { name: 'Preview execution' }).click();
  await expect(card.getByText('LivepeerGovernor.execute')).toBeVisible({ timeout: 20_000 });
  await confirm(card);
  await proposalCard(page, 'Executed');
  expect((await token.getFunction('balanceOf')(payee)) as bigint).toBe(before + parseEther('120'));
  await screenshot(page, 'governance-executed');

  // 4. A LIP poll (created from Node, as the explorer would): vote No in the app, then change to Yes
  const creator = new Contract(c.PollCreator!, POLL_CREATOR_ABI, O);
  await (await creator.getFunction('createPoll')(toUtf8Bytes(POLL))).wait();
  await openApp(page, 'governance');
  const poll = page.locator('.gov-poll').filter({ hasText: POLL });
  await expect(poll.getByText('Open', { exact: true })).toBeVisible({ timeout: 30_000 });
  await poll.getByLabel('No', { exact: true }).check();
  await poll.getByRole('button', { name: 'Preview poll vote' }).click();
  await expect(poll.getByText('Poll.vote(uint256)')).toBeVisible({ timeout: 20_000 });
  await confirm(poll);
  await expect(poll.getByText(/You voted no/)).toBeVisible({ timeout: 30_000 });
  await expect(poll.locator('.gov-against .gov-num')).toHaveText('60,000 LPT · 100 %');
  await poll.getByLabel('Yes', { exact: true }).check();
  await poll.getByRole('button', { name: 'Preview poll vote' }).click();
  await confirm(poll);
  await expect(poll.getByText(/You voted yes/)).toBeVisible({ timeout: 30_000 });
  await expect(poll.locator('.gov-for .gov-num')).toHaveText('60,000 LPT · 100 %');
  await poll.screenshot({ path: `${SCREENSHOT_DIR}/governance-poll.png` });
});
