// Issue 16's request budget on the mainnet-scale devnet: an active orchestrator with demo traffic,
// counted over 60 s by the proxy in front of its chain, alone and with the dashboard open.
// The goals (20 and 60 a minute) are NOT met yet (issue 16 stays open): on the devnet one demo
// ticket in four wins, and each redemption costs ~20 requests (simulate, estimate, fee data,
// nonce, receipts), ~12 a minute. Until that is cut, the bounds here guard against a return to
// the code before the chain-state service (1,165 and 5,685 a minute; 467 and 404 after it, at
// load 6-10). `npm run bench:rpc` prints the counts by method for every scenario.
import type { Browser } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, measure, measureWithPage, startBudgetRig, type BudgetRig } from './rpc-budget-harness.ts';

/** Regression bounds, not the goals: about twice what the code does today. */
const BOUNDS = { nodeAlone: 1000, dashboard: 1000 };
const SECONDS = 60;

describe('the RPC budget at mainnet scale', () => {
  let rig: BudgetRig;
  let browser: Browser;
  beforeAll(async () => {
    rig = await startBudgetRig((line) => void process.stdout.write(`${line}\n`));
    browser = await launchBrowser();
    // Past the start-up burst: the steady state is what a free RPC plan must carry
    await measure(rig.proxy, 20);
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await rig?.close();
  }, 60_000);

  it('node alone: at most 1,000 requests per minute (before the chain-state service: 1,165)', async () => {
    const counts = await measure(rig.proxy, SECONDS);
    process.stdout.write(`node alone: ${JSON.stringify(counts)}\n`);
    expect(counts.total).toBeLessThanOrEqual(BOUNDS.nodeAlone);
  }, 120_000);

  it('node + dashboard open: at most 1,000 requests per minute (before: 5,685)', async () => {
    const counts = await measureWithPage(rig, browser, 'dashboard', SECONDS);
    process.stdout.write(`node + dashboard: ${JSON.stringify(counts)}\n`);
    expect(counts.total).toBeLessThanOrEqual(BOUNDS.dashboard);
  }, 120_000);
});
