// Issue 16's request budget as a test, with bounds twice the goals so it does not flake: on the
// mainnet-scale devnet, an active orchestrator with demo traffic sends at most 40 requests a minute
// alone and 120 with the dashboard open, counted over 60 s by the proxy in front of its chain.
// (`npm run bench:rpc` prints the same counts by method for every scenario.)
import type { Browser } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, measure, measureWithPage, startBudgetRig, type BudgetRig } from './rpc-budget-harness.ts';

const GOALS = { nodeAlone: 20, dashboard: 60 };
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

  it('node alone: at most 40 requests per minute', async () => {
    const counts = await measure(rig.proxy, SECONDS);
    process.stdout.write(`node alone: ${JSON.stringify(counts)}\n`);
    expect(counts.total).toBeLessThanOrEqual(GOALS.nodeAlone * 2);
  }, 120_000);

  it('node + dashboard open: at most 120 requests per minute', async () => {
    const counts = await measureWithPage(rig, browser, 'dashboard', SECONDS);
    process.stdout.write(`node + dashboard: ${JSON.stringify(counts)}\n`);
    expect(counts.total).toBeLessThanOrEqual(GOALS.dashboard * 2);
  }, 120_000);
});
