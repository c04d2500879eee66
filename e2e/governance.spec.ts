// Governance and reachability in the real UI against the headless host's devnet. The stake and the
// proposal are set up from Node with devnet keys (governance-ui.spec.ts does it by clicking);
// the page must show the proposal with its state and the tallies the votes produce, including a delegator's
// override of its orchestrator. The reachability card runs its check against the host.
import { Contract, Interface, parseEther, Wallet } from 'ethers';
import { expect, test } from './fixtures.ts';
import { devnetAccounts } from '../src-main/chain/devnet/devnet.ts';
import { BONDING_MANAGER_ABI, LIVEPEER_GOVERNOR_ABI, TOKEN_ABI } from '../src-main/chain/abi.ts';
import { callApi, startDevnet } from './api.ts';
import { openApp, screenshot, SCREENSHOT_DIR } from './app.ts';

test('the governance page shows a proposal with the orchestrator vote and a delegator override', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const base = baseURL ?? '';
  const { info, provider } = await startDevnet(base);
  const [, o, d] = devnetAccounts();
  const O = new Wallet(o!.privateKey, provider);
  const D = new Wallet(d!.privateKey, provider);
  const c = info.contracts;
  for (const [w, amount] of [
    [O, parseEther('9000')],
    [D, parseEther('3000')],
  ] as const) {
    await callApi(base, 'devnet', 'fund', {
      address: w.address,
      lpt: amount.toString(),
      eth: parseEther('1').toString(),
    });
    await (await new Contract(c.LivepeerToken!, TOKEN_ABI, w).getFunction('approve')(c.BondingManager, amount)).wait();
    const bm = new Contract(c.BondingManager!, BONDING_MANAGER_ABI, w);
    await (await bm.getFunction('bond')(amount, O.address)).wait();
    if (w === O) await (await bm.getFunction('transcoder')(100_000n, 500_000n)).wait();
  }
  await callApi(base, 'devnet', 'advanceRound');
  await callApi(base, 'devnet', 'advanceRound');
  const gov = new Contract(c.LivepeerGovernor!, LIVEPEER_GOVERNOR_ABI, O);
  const description =
    '# LIP-999: Fund a community transcoding grant\n\nSend 500 LPT from the treasury to the grants multisig.';
  const calldata = new Interface(TOKEN_ABI).encodeFunctionData('transfer', [D.address, parseEther('500')]);
  await (await gov.getFunction('propose')([c.LivepeerToken], [0n], [calldata], description)).wait();
  const proposalId = (await gov.getFunction('hashProposal')(
    [c.LivepeerToken],
    [0n],
    [calldata],
    (await import('ethers')).id(description),
  )) as bigint;
  await callApi(base, 'devnet', 'advanceRound');
  await callApi(base, 'devnet', 'advanceRound');
  await (await gov.getFunction('castVoteWithReason')(proposalId, 1, 'Grants grow the network')).wait();
  await (await (gov.connect(D) as Contract).getFunction('castVoteWithReason')(proposalId, 0, 'Too early')).wait();

  await openApp(page, 'governance');
  await expect(page.getByRole('heading', { level: 1, name: 'Governance' })).toBeVisible();
  const card = page.locator('.gov-proposal').filter({ hasText: 'LIP-999: Fund a community transcoding grant' });
  await expect(card).toBeVisible({ timeout: 20_000 });
  await expect(card.getByText('Active', { exact: true })).toBeVisible();
  // 12 000 LPT delegated to O; D's 3 000 override O's For: For 9 000, Against 3 000
  await expect(card.locator('.gov-for .gov-num')).toHaveText('9,000 LPT · 75 %');
  await expect(card.locator('.gov-against .gov-num')).toHaveText('3,000 LPT · 25 %');
  await expect(card.getByText(/About .* left \(\d+ rounds\)/)).toBeVisible();
  await card.getByText('Proposal text and calls').click();
  await expect(card.getByText('Send 500 LPT from the treasury')).toBeVisible();
  await screenshot(page, 'governance');
});

test('the reachability card runs the check and says what is missing', async ({ page }) => {
  await openApp(page, 'settings');
  const card = page.locator('.reach-card');
  await card.getByRole('button', { name: 'Check reachability' }).click();
  await expect(card.getByText('Node answers TLS with HTTP/2')).toBeVisible({ timeout: 20_000 });
  await expect(card.getByText('No orchestrator account is set up yet.')).toBeVisible();
  await card.screenshot({ path: `${SCREENSHOT_DIR}/reachability-card.png` });
});
