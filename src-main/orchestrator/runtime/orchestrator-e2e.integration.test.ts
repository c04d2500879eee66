// End to end on the real devnet (anvil + our protocol contracts), the real engine (system FFmpeg)
// and real SQLite: the demo broadcaster funds a deposit and reserve, discovers our orchestrator,
// streams 2 s segments with real tickets (win probability raised for the test), checks signatures
// and pixel counts; the winners are redeemed after their parameters expire and show up in the
// orchestrator's pendingFees on chain. Then capacity and the on/off switch (drain).
import { rmSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import { Contract, Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BONDING_MANAGER_ABI, TICKET_BROKER_ABI } from '../../chain/abi.ts';
import { startTestDevnet, type TestDevnet } from '../../chain/test-support.ts';
import { STORE_FILE } from '../../store/database.ts';
import { createDemoBroadcaster, fundTicketBroker, generateSegments } from '../gateway/demo-broadcaster.ts';
import { keySigner } from '../payments/key-signer.ts';
import { startDevnetNode } from '../testing/devnet-node.ts';
import type { StandaloneNode } from './standalone-node.ts';

/** Face value 0.01 ETH capped at twice the EV: each ticket wins with probability 1/2 (no win in 30: 2^-30). */
export const WINNING_PAYMENTS = { ev: '5000000000000000', maxFaceValue: '10000000000000000' };

describe('orchestrator node on the devnet', () => {
  let t: TestDevnet;
  let node: StandaloneNode;
  let dataDir: string;
  let segments: Uint8Array[];
  let orch: string;

  beforeAll(async () => {
    t = await startTestDevnet();
    ({ node, orch, dataDir } = await startDevnetNode(t, {
      maxSessions: 2,
      payments: WINNING_PAYMENTS,
      redemptionTickMs: 200,
      redemptionRetryMs: 300,
      redemptionWindowMs: 0, // each winner at the next head, as this test waits for them
      logLevel: (process.env['LP_TEST_LOG'] as 'info' | undefined) ?? 'error',
    }));
    segments = await generateSegments(6);
  }, 120_000);

  afterAll(async () => {
    await node?.close();
    await t?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves 30 paid segments, then redeems the winners into pendingFees', async () => {
    expect(node.status()).toMatchObject({ state: 'running' });
    expect(node.status().message).toContain('Serving gateways');
    const uri = node.runtime.node()!.serviceUri;
    const gw = new Wallet(t.devnet.accounts[3]!.privateKey, t.devnet.provider);
    await fundTicketBroker(gw, t.devnet.contracts.TicketBroker, 10n ** 18n, 10n ** 18n);
    const b = createDemoBroadcaster(keySigner(gw), uri);
    const info = await b.discover();
    expect(info.transcoder).toBe(uri);
    const reports = [];
    for (let i = 0; i < 30; i++) reports.push(await b.send(i, segments[i % segments.length]!, i < 3));
    await b.endSession();
    b.close();
    expect(reports.filter((r) => !r.ok)).toEqual([]);
    const stats = node.runtime.stats();
    expect(stats.segmentsTotal).toBe(30);
    expect(stats.ticketsWon).toBeGreaterThan(0);
    const won = node.runtime.tickets(1000);
    expect(won.length).toBeGreaterThan(0);
    expect(won.every((w) => w.state === 'pending')).toBe(true);

    const bm = new Contract(t.devnet.contracts.BondingManager, BONDING_MANAGER_ABI, t.devnet.provider);
    const tb = new Contract(t.devnet.contracts.TicketBroker, TICKET_BROKER_ABI, t.devnet.provider);
    const feesBefore = (await bm.getFunction('pendingFees')(orch, 0n)) as bigint;
    await t.devnet.advanceBlocks(41); // the ticket parameters expire after 40 blocks
    // A new initialized round, so the next block (where the redemption lands) is not in an uninitialized one.
    await t.devnet.advanceRound();
    // Each redemption is a simulated, previewed, confirmed transaction: seconds apiece on a loaded CI machine.
    for (let i = 0; i < 900; i++) {
      if (node.runtime.tickets(1000).every((w) => w.state === 'redeemed')) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const after = node.runtime.tickets(1000);
    expect(after.filter((w) => w.state !== 'redeemed')).toEqual([]);
    expect(after.map((w) => w.state)).toEqual(after.map(() => 'redeemed'));
    const face = after.reduce((s, w) => s + BigInt(w.faceValue), 0n);
    const feesAfter = (await bm.getFunction('pendingFees')(orch, 0n)) as bigint;
    expect(feesAfter - feesBefore).toBe(face);
    for (const w of after) {
      expect(await tb.getFunction('usedTickets')(w.hash)).toBe(true);
      expect(BigInt(w.gasCost ?? '0')).toBeGreaterThan(0n);
    }
    expect(node.runtime.stats()).toMatchObject({ redeemed: face.toString(), pendingRedemption: '0' });
    expect(node.runtime.metricsText()).toContain('livepeer_winning_tickets_recv');
    expect(after.length).toBeLessThan(30); // probability 1/2: not every ticket won

    // A ticket left "submitted" (a crash after sending) is settled from the chain, never sent again.
    const nonce = await t.devnet.provider.getTransactionCount(orch);
    const db = new DatabaseSync(join(dataDir, STORE_FILE));
    db.prepare("UPDATE winning_tickets SET state = 'submitted' WHERE ticket_hash = ?").run(after[0]!.hash);
    db.close();
    for (let i = 0; i < 50 && node.runtime.tickets(1000).some((w) => w.state !== 'redeemed'); i++)
      await new Promise((r) => setTimeout(r, 100));
    expect(node.runtime.tickets(1000).filter((w) => w.state !== 'redeemed')).toEqual([]);
    expect(await t.devnet.provider.getTransactionCount(orch)).toBe(nonce);
  }, 360_000);

  it('refuses a session beyond capacity, and drains when switched off', async () => {
    const uri = node.runtime.node()!.serviceUri;
    const mk = async (i: number) => {
      const w = new Wallet(t.devnet.accounts[4 + i]!.privateKey, t.devnet.provider);
      await fundTicketBroker(w, t.devnet.contracts.TicketBroker, 10n ** 17n, 10n ** 17n);
      return createDemoBroadcaster(keySigner(w), uri, undefined, `cap-${i}`);
    };
    const [a, b, c] = [await mk(0), await mk(1), await mk(2)];
    const first = await a.send(0, segments[0]!, false);
    expect(first.ok, JSON.stringify(first)).toBe(true);
    expect((await b.send(0, segments[0]!, false)).ok).toBe(true);
    const third = await c.send(0, segments[0]!, false);
    expect(third.ok, JSON.stringify(third)).toBe(false);
    expect(third.error).toContain('OrchestratorCapped');

    await node.setActive(false);
    expect(node.status().state).toBe('stopping');
    expect(node.status().message).toMatch(/finishing 2 running sessions/);
    // Running sessions continue; new ones are refused.
    expect((await a.send(1, segments[1]!, false)).ok).toBe(true);
    await b.endSession();
    await c.endSession();
    const refused = await c.send(1, segments[1]!, false);
    expect(refused.ok).toBe(false);
    await node.setActive(true);
    expect(node.status().state).toBe('running');
    expect((await c.send(2, segments[2]!, false)).ok).toBe(true);
    for (const x of [a, b, c]) {
      await x.endSession();
      x.close();
    }
  }, 120_000);

  it('waits while the redemption gas could exceed the face value, then redeems', async () => {
    const uri = node.runtime.node()!.serviceUri;
    const w = new Wallet(t.devnet.accounts[8]!.privateKey, t.devnet.provider);
    await fundTicketBroker(w, t.devnet.contracts.TicketBroker, 10n ** 18n, 10n ** 18n);
    const b = createDemoBroadcaster(keySigner(w), uri, undefined, 'gas');
    const won = () => node.runtime.tickets(1000).some((x) => x.sender === w.address);
    for (let seq = 0; seq < 40 && !won(); seq++) expect((await b.send(seq, segments[0]!, false)).ok).toBe(true);
    expect(won()).toBe(true);
    await b.endSession();
    b.close();
    const mine = (n: number) => t.devnet.advanceBlocks(n);
    const expensive = async () => {
      await t.devnet.provider.send('anvil_setNextBlockBaseFeePerGas', ['0x' + (10n ** 14n).toString(16)]);
      await mine(1);
    };
    await mine(41);
    await expensive(); // 100 000 gwei: ~240k gas costs far more than the 0.01 ETH face value
    const mineTicket = () => node.runtime.tickets(1000).find((x) => x.sender === w.address);
    for (let i = 0; i < 50 && !mineTicket()?.error?.startsWith('Waiting: gas'); i++)
      await new Promise((r) => setTimeout(r, 200));
    expect(mineTicket()).toMatchObject({ state: 'pending' });
    expect(mineTicket()?.error).toMatch(
      /^Waiting: gas up to \d+ wei exceeds the 10000000000000000 wei the sender would pay \(face value 10000000000000000 wei\)/,
    );
    await t.devnet.provider.send('anvil_setNextBlockBaseFeePerGas', ['0x3b9aca00']); // back to 1 gwei
    await mine(1);
    for (let i = 0; i < 300 && mineTicket()?.state !== 'redeemed'; i++) await new Promise((r) => setTimeout(r, 200));
    expect(mineTicket()).toMatchObject({ state: 'redeemed', error: null, paid: '10000000000000000' });
  }, 120_000);
});
