// The newcomer's journey on the devnet, clicking through the UI only: onboarding as an orchestrator
// (create and back up a wallet, faucet, stake, register, service URI), start, next round, the
// reward call and its earnings, a second account delegating, then an accessibility check and
// screenshots of every page in dark, light and a 1000 px window. Its own host and devnet
// (fixtures.ts): the guide starts with no account.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { openApp, screenshot } from './app.ts';
import { endRoundUninitialized } from './api.ts';

const PASSWORD = 'journey wallet password';
const TX_TIMEOUT = 30_000;

test.describe.configure({ mode: 'serial' });
// Winners share a batch for 5 s instead of the devnet's minute: the window shows, the wait stays short.
test.use({ hostArgs: ['--redemption-window-ms', '5000'] });

let orchestrator = '';

async function send(page: Page, label: string): Promise<void> {
  const tx = page.getByTestId(`tx-${label.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`);
  const confirm = tx.getByRole('button', { name: 'Confirm and send' });
  const fix = tx.getByTestId('tx-fix').getByRole('button');
  const then = tx.getByText(/^Then: /);
  const done = tx.getByRole('status');
  // The devnet mines a block every 2 s and a round lasts about 100 s. A new round nobody has
  // initialized yet blocks the step: the flow offers "Initialize round N, then …" in place, and
  // carries on. In the round's lock period orchestrator terms cannot change: the preview says so
  // and a user waits a few seconds for the next round and tries again.
  const locked = tx.getByRole('alert').filter({ hasText: /is locked/ });
  await tx.getByRole('button', { name: label, exact: true }).click();
  for (let attempt = 0; ; attempt++) {
    await expect(confirm.or(locked).or(fix)).toBeVisible({ timeout: TX_TIMEOUT });
    if (await fix.isVisible()) {
      await fix.click();
      await expect(then).toBeVisible({ timeout: TX_TIMEOUT });
      await confirm.click();
      await expect(then).toBeHidden({ timeout: TX_TIMEOUT });
      continue;
    }
    if (await confirm.isVisible()) {
      await confirm.click();
      await expect(done.or(fix)).toBeVisible({ timeout: TX_TIMEOUT });
      if (await fix.isVisible()) continue; // the round ended between the preview and the confirmation
      await expect(done).toContainText('Confirmed');
      return;
    }
    if (attempt >= 15) throw new Error(`${label}: the round stayed locked`);
    await page.waitForTimeout(2000);
    await tx.getByRole('button', { name: label, exact: true }).click();
  }
}

async function createAccount(page: Page, backupDir: string | null): Promise<void> {
  await page.getByLabel('New password (8 characters or more)').fill(PASSWORD);
  await page.getByLabel('Type it again').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Created 0x[0-9a-fA-F]{40}/ })).toBeVisible({
    timeout: 20_000,
  });
  const created = /Created (0x[0-9a-fA-F]{40})/.exec(
    (await page
      .getByRole('status')
      .filter({ hasText: /Created 0x/ })
      .textContent()) ?? '',
  )?.[1];
  if (!created) throw new Error('no address');
  // Select it when another account was already the operating one.
  if ((await page.getByTestId('wallet-address').textContent()) !== created) {
    await page
      .getByRole('row')
      .filter({ hasText: created.slice(0, 6) })
      .getByRole('button', { name: 'Use this account' })
      .click();
    await expect(page.getByTestId('wallet-address')).toHaveText(created);
  }
  if (backupDir) {
    await page.getByLabel('1. Save a copy into this folder').fill(backupDir);
    await page.getByRole('button', { name: 'Save keystore copy' }).click();
    await page.getByLabel('Backup password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Check backup' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Backup checked' })).toBeVisible({ timeout: 20_000 });
  }
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Unlock', exact: true }).click();
  await expect(page.getByTestId('wallet-lock-state')).toHaveText('Unlocked', { timeout: 20_000 });
}

test('onboarding as an orchestrator, start, reward, demo traffic, a redeemed ticket, drain, delegation', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(360_000);
  const usb = mkdtempSync(join(tmpdir(), 'lpm-e2e-journey-'));
  try {
    await openApp(page, 'onboarding');
    const step = page.getByTestId('onboarding-step');
    const next = page.getByRole('button', { name: 'Continue' });
    await expect(step).toHaveText(/Role/);
    await page.getByRole('radio', { name: /Orchestrator: run your own node/ }).check();
    await screenshot(page, 'onboarding-1-role');
    await next.click();

    await expect(step).toHaveText(/Hardware/);
    await screenshot(page, 'onboarding-2-hardware');
    await next.click();

    await expect(step).toHaveText(/Wallet/);
    await expect(next).toBeDisabled();
    await createAccount(page, usb);
    orchestrator = (await page.getByTestId('wallet-address').textContent()) ?? '';
    await screenshot(page, 'onboarding-3-wallet');
    // Resumable: a reload comes back to the same step.
    await page.reload();
    await expect(step).toHaveText(/Wallet/);
    await next.click();

    await expect(step).toHaveText(/Network/);
    await expect(page.getByRole('radio', { name: /Practice on the devnet/ })).toBeChecked();
    await screenshot(page, 'onboarding-4-network');
    await next.click();

    await expect(step).toHaveText(/Funding/);
    await expect(page.getByTestId('funding-address')).toHaveText(orchestrator, { timeout: 60_000 });
    await page.getByRole('button', { name: /Devnet faucet/ }).click();
    await expect(page.getByTestId('balance-lpt')).toHaveText('1,000 LPT', { timeout: 20_000 });
    await screenshot(page, 'onboarding-5-funding');
    await next.click();

    await expect(step).toHaveText(/Stake and activate/);
    await page.getByLabel('Amount to stake').fill('500');
    await page.getByRole('button', { name: 'Approve LPT' }).click();
    await expect(page.getByText('Review before sending')).toBeVisible({ timeout: TX_TIMEOUT });
    await screenshot(page, 'onboarding-6-stake-preview');
    await page.getByRole('button', { name: 'Confirm and send' }).click();
    await expect(page.getByRole('button', { name: 'Stake LPT', exact: true })).toBeVisible({ timeout: TX_TIMEOUT });
    // A new round begins and nobody initializes it (the node's reward service starts at the last
    // step): the step says why and stakes after initializing the round, without leaving the guide.
    const round = await endRoundUninitialized(baseURL ?? '');
    await expect(page.getByTestId('round-not-initialized')).toContainText(`Round ${round} has not been initialized`, {
      timeout: 20_000,
    });
    const stake = page.getByTestId('tx-stake-lpt');
    await stake.getByRole('button', { name: 'Stake LPT', exact: true }).click();
    const initialize = stake.getByRole('button', { name: `Initialize round ${round}, then stake LPT` });
    await expect(initialize).toBeVisible({ timeout: TX_TIMEOUT });
    await screenshot(page, 'onboarding-6-stake-round-not-initialized');
    await initialize.click();
    await expect(stake.getByRole('region', { name: `Review: Initialize round ${round}` })).toBeVisible({
      timeout: TX_TIMEOUT,
    });
    await expect(stake.getByText('Then: Stake LPT, shown for your review next')).toBeVisible();
    await screenshot(page, 'onboarding-6-stake-initialize-preview');
    await stake.getByRole('button', { name: 'Confirm and send' }).click();
    await expect(stake.getByRole('region', { name: /^Review: Bond 500\.0 LPT to yourself/ })).toBeVisible({
      timeout: TX_TIMEOUT,
    });
    await stake.getByRole('button', { name: 'Confirm and send' }).click();
    await expect(stake.getByRole('status')).toContainText('Confirmed', { timeout: TX_TIMEOUT });
    await expect(page.getByTestId('round-not-initialized')).toBeHidden({ timeout: 20_000 });
    await expect(page.getByTestId('delegators-see')).toContainText('90 %');
    await send(page, 'Save reward and fee cut');
    await send(page, 'Save service URI');
    await screenshot(page, 'onboarding-6-stake-done');
    await next.click();

    await expect(step).toHaveText(/Start/);
    await screenshot(page, 'onboarding-7-finish');
    await page.getByRole('button', { name: 'Turn transcoding on' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
    await expect(page.getByTestId('transcoding-toggle')).toHaveAttribute('aria-checked', 'true');

    // Next round: the orchestrator becomes active and the reward service calls reward.
    await page.getByRole('button', { name: 'Skip to the next round' }).click();
    await expect(page.getByTestId('reward-this-round')).toContainText('✓ reward called', { timeout: 60_000 });
    await expect(page.getByTestId('reward-record')).toHaveText(
      /^[1-9]\d* of (the last 30 rounds|\d+ rounds? since you started)/,
    );
    await expect(page.getByTestId('earned-round')).not.toContainText(/^0 LPT/, { timeout: 20_000 });
    await screenshot(page, 'dashboard-earning');

    await page.getByRole('link', { name: 'Earnings' }).click();
    await expect(page.getByTestId('total-rewards')).not.toHaveText('0 LPT', { timeout: 20_000 });
    await expect(page.getByTestId('chart-rewards').locator('rect')).not.toHaveCount(0);
    await screenshot(page, 'earnings-rewards');

    await page.getByRole('link', { name: 'Staking' }).click();
    await expect(page.getByTestId('orchestrator-state')).toHaveText('Active');
    await expect(page.getByTestId('active-set-position')).toHaveText(/^#\d+ of \d+/);
    await screenshot(page, 'staking-active');

    // Demo traffic: the devnet's test gateway streams to the node and pays with tickets that win
    // one time in four (devnet ticket settings), so segments, a winning ticket and its redemption show.
    await page.getByRole('link', { name: 'Dashboard' }).click();
    const demo = page.getByTestId('demo-toggle');
    await expect(demo).toHaveAttribute('aria-checked', 'false', { timeout: 20_000 });
    await demo.click();
    await expect(demo).toHaveAttribute('aria-checked', 'true');
    await expect(page.getByTestId('stat-segments')).toHaveText(/^[1-9]\d*$/, { timeout: 60_000 });
    await expect(page.getByTestId('stat-sessions')).toHaveText(/^1 \/ \d+$/);
    await expect(page.getByTestId('stat-latency')).toHaveText(/^\d+ ms p50$/);
    await expect(page.getByTestId('demo-status')).toContainText(/Streaming: [1-9]\d* segments sent/);
    await screenshot(page, 'dashboard-demo-traffic');
    // Skipping a round mines its blocks at once and expires the gateway's ticket parameters: the
    // demo gateway refreshes them and resends, so the stream loses no segment.
    const demoCounts = async (): Promise<{ sent: number; failed: number }> => {
      const m = /(\d+) segments? sent, (\d+) failed/.exec((await page.getByTestId('demo-status').textContent()) ?? '');
      return { sent: Number(m?.[1]), failed: Number(m?.[2]) };
    };
    const before = await demoCounts();
    await page.getByRole('button', { name: 'Skip to the next round' }).click();
    await expect
      .poll(async () => (await demoCounts()).sent, { timeout: 60_000 })
      .toBeGreaterThanOrEqual(before.sent + 4);
    expect((await demoCounts()).failed).toBe(before.failed);
    const tickets = page.getByTestId('tickets-table');
    await expect(tickets).toContainText('✓ Redeemed', { timeout: 90_000 });
    await expect(page.getByTestId('tickets-redeemed')).not.toContainText(/^0 ETH/);
    await screenshot(page, 'dashboard-ticket-redeemed');

    // The earnings chart shows both: the LPT reward and the ETH fee of the redeemed ticket.
    await page.getByRole('link', { name: 'Earnings' }).click();
    await expect(page.getByTestId('total-fees')).not.toHaveText('0 ETH', { timeout: 30_000 });
    await expect(page.getByTestId('total-rewards')).not.toHaveText('0 LPT');
    await expect(page.getByTestId('chart-rewards').locator('rect.bar-lpt:not([height="0"])')).not.toHaveCount(0);
    await expect(page.getByTestId('chart-eth').locator('rect.bar-fees:not([height="0"])')).not.toHaveCount(0);
    await screenshot(page, 'earnings-rewards-and-fees');

    // Off drains: the switch shows the drain while the demo's session finishes, then off; the demo
    // traffic stops by itself and says why.
    await page.getByRole('link', { name: 'Dashboard' }).click();
    const toggle = page.getByTestId('transcoding-toggle');
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-checked', 'false');
    await expect(page.getByTestId('transcoding-state')).toContainText('Finishing the segments in progress');
    await screenshot(page, 'dashboard-draining');
    await expect(demo).toHaveAttribute('aria-checked', 'false', { timeout: 20_000 });
    await expect(page.getByText('Transcoding was switched off, so the demo traffic stopped.')).toBeVisible();
    await expect(page.getByTestId('transcoding-state')).toContainText('Off: no new work is accepted', {
      timeout: 20_000,
    });
    await expect(page.getByTestId('node-state').first()).toHaveText('Stopped');
    // Demo traffic is refused cleanly while the node is off.
    await demo.click();
    await expect(page.getByText('Transcoding is off: turn it on to receive demo traffic.')).toBeVisible();
    await expect(demo).toHaveAttribute('aria-checked', 'false');
    await screenshot(page, 'dashboard-off');

    // A second account delegates to the orchestrator.
    await page.getByRole('link', { name: 'Wallet' }).click();
    await createAccount(page, null);
    const delegator = (await page.getByTestId('wallet-address').textContent()) ?? '';
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await page.getByRole('button', { name: /Devnet faucet/ }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Received' })).toBeVisible({ timeout: 20_000 });
    await page.getByRole('link', { name: 'Staking' }).click();
    await page.getByLabel('Amount to stake').fill('200');
    await page.getByLabel('Orchestrator to stake with').fill(orchestrator);
    await page.getByRole('button', { name: 'Approve LPT' }).click();
    await page.getByRole('button', { name: 'Confirm and send' }).click();
    await expect(page.getByRole('button', { name: 'Stake LPT', exact: true })).toBeEnabled({ timeout: TX_TIMEOUT });
    await send(page, 'Stake LPT');
    await expect(page.getByTestId('staked-amount')).toHaveText('200 LPT', { timeout: 20_000 });

    await page.getByRole('link', { name: 'Wallet' }).click();
    await page
      .getByRole('row')
      .filter({ hasText: orchestrator.slice(0, 6) })
      .getByRole('button', { name: 'Use this account' })
      .click();
    await page.getByRole('link', { name: 'Delegators' }).click();
    const table = page.getByTestId('delegators-table');
    await expect(table.getByRole('row').filter({ hasText: delegator.slice(0, 6) })).toContainText('200 LPT', {
      timeout: 30_000,
    });
    await expect(page.getByTestId('delegator-count')).toHaveText('2');
    // Its own state (since round, pending rewards) has been read.
    await expect(
      table
        .getByRole('row')
        .filter({ hasText: delegator.slice(0, 6) })
        .getByRole('cell')
        .nth(4),
    ).toHaveText(/^\d+$/);
    await expect(page.getByTestId('delegator-churn')).toContainText(/\+[12] new/);
    await page.getByRole('button', { name: /^Stake/ }).click(); // sort by stake, ascending
    await screenshot(page, 'delegators-two');
  } finally {
    rmSync(usb, { recursive: true, force: true });
  }
});

const PAGES = ['dashboard', 'wallet', 'staking', 'delegators', 'earnings', 'gpus', 'settings', 'logs', 'onboarding'];

test('every page passes axe (no serious or critical violations), in dark and light', async ({ page }) => {
  test.setTimeout(120_000);
  const all: string[] = [];
  for (const scheme of ['dark', 'light'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const route of PAGES) {
      await openApp(page, route);
      await page.waitForTimeout(400);
      const result = await new AxeBuilder({ page }).analyze();
      const bad = result.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map(
          (v) =>
            `${route}/${scheme}: ${v.id} ${v.nodes
              .map((n) => n.target.join(' '))
              .slice(0, 3)
              .join(' | ')}`,
        );
      all.push(...bad);
      await screenshot(page, `${scheme}-${route}`);
    }
  }
  expect(all).toEqual([]);
});

test('a 1000 px window keeps every page usable', async ({ page }) => {
  await page.setViewportSize({ width: 1000, height: 760 });
  for (const route of PAGES) {
    await openApp(page, route);
    await page.waitForTimeout(300);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    // Name what sticks out, so a failure points at the element (a hidden tooltip did once)
    const culprits = await page.evaluate(() =>
      Array.from(document.querySelectorAll('body *'))
        .filter((e) => e.getBoundingClientRect().right > window.innerWidth)
        .slice(0, 5)
        .map((e) => `${e.tagName.toLowerCase()}.${String(e.className)}`),
    );
    expect(overflow, `${route}: ${culprits.join(', ')}`).toBeLessThanOrEqual(0);
    await screenshot(page, `narrow-${route}`);
  }
});
