// Winning tickets redeemed in batches on the real devnet (TicketBroker.batchRedeemWinningTickets):
// several winners from two senders go out in ONE transaction, a ticket someone already redeemed is
// refused with its reason and stays out of it, and each ticket's record, the senders' deposits and
// the orchestrator's fees agree with the chain. A batch left `submitted` by a node killed after
// sending is settled from the chain after a restart and never sent twice. The batching window:
// winners due over several heads go in one transaction, and one near the end of its validity goes
// at once. What a batch costs the RPC, counted at a proxy, with the node's view of the sender's
// funds kept exact without a read. Real anvil, real SQLite.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Contract } from 'ethers';
import { getBytes, parseEther, toBigInt, type Wallet } from 'ethers';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import type { ChainClient } from '../../chain/client.ts';
import { createChainClient } from '../../chain/client.ts';
import { devnetClient, revert, snapshot, type TestDevnet } from '../../chain/test-support.ts';
import { startRpcProxy } from '../../chain/testing/rpc-proxy.ts';
import { signTicket, startTicketDevnet, ticketHash } from '../../chain/test-support-tickets.ts';
import { createLogSink } from '../../log/logger.ts';
import { openDatabase, type Database } from '../../store/database.ts';
import {
  createWinningTicketStore,
  NODE_MIGRATIONS,
  type WinningTicketStore,
} from '../payments/winning-ticket-store.ts';
import { createClientChainView } from './cached-chain-state.ts';
import { createRedemptionQueue, type RedemptionQueue, type RedemptionQueueOptions } from './redemption-queue.ts';
import { keySigner } from './standalone-node.ts';

let t: TestDevnet;
let O: Wallet, B: Wallet, X: Wallet;
let rm: Contract, tb: Contract;
let client: ChainClient;
let dir: string;
let db: Database;
let store: WinningTicketStore;
let snap: string;

beforeAll(async () => {
  ({ t, O, B, X, rm, tb } = await startTicketDevnet());
  client = devnetClient(t.devnet);
  dir = mkdtempSync(join(tmpdir(), 'lpm-batch-'));
}, 60_000);
afterAll(async () => {
  client?.close();
  await t?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  snap = await snapshot(t.devnet.provider);
  db = openDatabase(join(dir, String(Date.now())), NODE_MIGRATIONS);
  store = createWinningTicketStore(db);
});
afterEach(async () => {
  db.close();
  await revert(t.devnet.provider, snap);
  await client.state.refresh(); // the head the fees come from is the rewound chain's
});

const fund = async (w: Wallet, deposit: bigint): Promise<void> =>
  void (await (
    await (tb.connect(w) as Contract).getFunction('fundDepositAndReserve')(deposit, 0n, { value: deposit })
  ).wait());

/** A winning ticket from `sender` to O, stored as the node stores one. */
async function win(sender: Wallet, nonce: bigint, faceValue = parseEther('0.01')) {
  const s = await signTicket(rm, sender, { recipient: O.address, faceValue, senderNonce: nonce });
  const aux = getBytes(s.ticket.auxData);
  await store.add([
    {
      ticket: {
        recipient: O.address,
        sender: sender.address,
        faceValue,
        winProb: s.ticket.winProb,
        senderNonce: Number(nonce),
        recipientRandHash: getBytes(s.ticket.recipientRandHash),
        expiration: { creationRound: toBigInt(aux.slice(0, 32)), creationRoundBlockHash: aux.slice(32) },
      },
      sig: getBytes(s.sig),
      recipientRand: s.rand,
      paramsExpirationBlock: 0n,
    },
  ]);
  return s;
}

const queueFor = (more: Partial<RedemptionQueueOptions> = {}) =>
  createRedemptionQueue({
    store,
    client,
    from: O.address,
    log: createLogSink().root,
    l1Block: () => 1n << 40n,
    round: () => 0n,
    retryBaseMs: 0,
    tickMs: 600_000,
    ...more,
  });
const deposit = async (w: Wallet): Promise<bigint> =>
  ((await tb.getFunction('getSenderInfo')(w.address)) as [{ deposit: bigint }])[0].deposit;
const fees = async (): Promise<bigint> => (await client.account(O.address)).delegator.pendingFees;

it('redeems several winners in one transaction, refuses a used ticket with its reason, and records each', async () => {
  await fund(B, parseEther('1'));
  await fund(X, parseEther('1'));
  const tickets = [await win(B, 1n), await win(B, 2n), await win(X, 1n), await win(B, 3n)];
  const used = tickets[2]!;
  await (await (tb.connect(X) as Contract).getFunction('redeemWinningTicket')(used.ticket, used.sig, used.rand)).wait();
  const [depositB, depositX, feesBefore] = [await deposit(B), await deposit(X), await fees()];
  const before = await t.devnet.provider.getBlockNumber();

  const queue = queueFor();
  try {
    await queue.tick();
  } finally {
    await queue.close();
  }
  const byHash = new Map(store.list().map((s) => [s.hash, s]));
  const record = (i: number) => byHash.get(ticketHash(tickets[i]!.ticket));
  expect(record(2)).toMatchObject({ state: 'failed', error: expect.stringMatching(/ticket is used/) as unknown });
  const redeemed = [0, 1, 3].map(record);
  for (const r of redeemed) expect(r).toMatchObject({ state: 'redeemed', paid: parseEther('0.01'), error: null });
  const txHashes = new Set(redeemed.map((r) => r?.txHash));
  expect(txHashes.size).toBe(1); // one transaction for the three
  expect(await t.devnet.provider.getBlockNumber()).toBe(before + 1);
  const receipt = await t.devnet.provider.getTransactionReceipt([...txHashes][0]!);
  expect(redeemed.reduce((sum, r) => sum + (r?.gasCost ?? 0n), 0n)).toBe(receipt!.gasUsed * receipt!.gasPrice);
  for (const i of [0, 1, 3]) expect(await tb.getFunction('usedTickets')(ticketHash(tickets[i]!.ticket))).toBe(true);
  expect(await deposit(B)).toBe(depositB - parseEther('0.03'));
  expect(await deposit(X)).toBe(depositX);
  expect((await fees()) - feesBefore).toBe(parseEther('0.03'));
  expect(store.totals().redeemed).toBe(parseEther('0.03'));
});

it('settles a batch left submitted by a node that stopped after sending it, without sending it again', async () => {
  await fund(B, parseEther('1'));
  const tickets = [await win(B, 1n), await win(B, 2n)];
  const nonce = await t.devnet.provider.getTransactionCount(O.address);
  // The first node sends the batch, which stays in the mempool; then it stops (its RPC goes away)
  const first = devnetClient(t.devnet);
  const firstQueue = createRedemptionQueue({
    store,
    client: first,
    from: O.address,
    log: createLogSink().root,
    l1Block: () => 1n << 40n,
    round: () => 0n,
    tickMs: 600_000,
  });
  await t.devnet.provider.send('evm_setAutomine', [false]);
  try {
    void firstQueue.tick();
    for (let i = 0; i < 100 && !store.list().every((s) => s.state === 'submitted' && s.txHash); i++)
      await new Promise((r) => setTimeout(r, 50));
    const sent = store.list();
    expect(sent.map((s) => s.state)).toEqual(['submitted', 'submitted']);
    expect(new Set(sent.map((s) => s.txHash)).size).toBe(1);
    first.close();
    await firstQueue.close();
    expect(store.list().map((s) => s.state)).toEqual(['submitted', 'submitted']); // unconfirmed, not failed

    // The restarted node: the batch is still in the mempool, so it waits and sends nothing
    const queue = queueFor();
    try {
      await queue.tick();
      expect(store.list().map((s) => s.state)).toEqual(['submitted', 'submitted']);
      await t.devnet.provider.send('evm_mine', []);
      await queue.tick();
    } finally {
      await queue.close();
    }
  } finally {
    await t.devnet.provider.send('evm_setAutomine', [true]);
  }
  for (const s of tickets) {
    const r = store.list().find((x) => x.hash === ticketHash(s.ticket));
    expect(r).toMatchObject({ state: 'redeemed', paid: parseEther('0.01'), error: null });
    expect(r?.gasCost).toBeGreaterThan(0n);
  }
  expect(await t.devnet.provider.getTransactionCount(O.address)).toBe(nonce + 1); // sent once
  expect(store.totals().redeemed).toBe(parseEther('0.02'));
});

it('holds winners due over several heads for the batching window, then redeems them in ONE transaction', async () => {
  await fund(B, parseEther('1'));
  let clock = 0;
  const queue = queueFor({ batchWindowMs: 60_000, now: () => clock });
  const before = await t.devnet.provider.getBlockNumber();
  const states = () => store.list().map((s) => s.state);
  try {
    await win(B, 1n);
    await queue.tick(); // the first head it is due at
    clock = 20_000;
    await win(B, 2n);
    await queue.tick();
    clock = 40_000;
    await win(B, 3n);
    await queue.tick();
    expect(states()).toEqual(['pending', 'pending', 'pending']);
    expect(await t.devnet.provider.getBlockNumber()).toBe(before); // nothing sent yet
    clock = 60_000; // the oldest has waited the window
    await queue.tick();
  } finally {
    await queue.close();
  }
  expect(states()).toEqual(['redeemed', 'redeemed', 'redeemed']);
  expect(new Set(store.list().map((s) => s.txHash)).size).toBe(1);
  expect(await t.devnet.provider.getBlockNumber()).toBe(before + 1);
});

it('redeems at once, window or not, when a due winner has less than half a round of validity left', async () => {
  await fund(B, parseEther('1'));
  const old = await win(B, 1n); // created in this round: valid through the next
  await t.devnet.advanceRound();
  const length = (await rm.getFunction('roundLength')()) as bigint;
  const start = (await rm.getFunction('currentRoundStartBlock')()) as bigint;
  const block = BigInt(await t.devnet.provider.getBlockNumber());
  await t.devnet.provider.send('anvil_mine', [`0x${(start + length / 2n - block).toString(16)}`]);
  await client.state.refresh();
  const fresh = await win(B, 2n); // created now: two rounds ahead, no hurry
  const queue = queueFor({ batchWindowMs: 60 * 60_000, now: () => 0 });
  try {
    await queue.tick();
  } finally {
    await queue.close();
  }
  const records = [old, fresh].map((w) => store.get(ticketHash(w.ticket)));
  for (const r of records) expect(r).toMatchObject({ state: 'redeemed', paid: parseEther('0.01') });
  expect(records[0]?.txHash).toBe(records[1]?.txHash); // everything due went with it
});

it('a batch costs the RPC a bounded number of requests, and the view of the sender funds stays exact without a read', async () => {
  // Some from the deposit, the rest from O's share of the reserve (O is the one active orchestrator)
  const tbB = tb.connect(B) as Contract;
  await (
    await tbB.getFunction('fundDepositAndReserve')(parseEther('0.015'), parseEther('1'), { value: parseEther('1.015') })
  ).wait();
  const proxy = await startRpcProxy({ upstream: t.devnet.rpcUrl });
  const counted = createChainClient({
    rpcUrl: proxy.url,
    controller: t.devnet.controller,
    chainId: t.devnet.chainId,
    getSigner: () => Promise.resolve(keySigner(t.devnet.accounts[1]!.privateKey)),
    headIntervalMs: 600_000, // only the reads the batch causes are counted
  });
  const view = createClientChainView({ client: counted, recipient: O.address });
  let queue: RedemptionQueue | null = null;
  try {
    for (const n of [1n, 2n, 3n]) await win(B, n);
    await view.ready();
    const floatBefore = await view.maxFloat(B.address); // cached: the node read it for a payment
    // Made now: a head read before would start a pass of its own
    queue = queueFor({ client: counted, onSenderPaid: (s, paid, at) => view.senderPaid(s, paid, at) });
    proxy.reset();
    await queue.tick();
    await counted.state.current(); // no head read after the node's own redemption: the next head shows it
    const counts = proxy.counts();
    console.log('requests for one batch of 3:', JSON.stringify(counts));
    expect(store.list().map((s) => s.state)).toEqual(['redeemed', 'redeemed', 'redeemed']);
    // check (round, payouts and pools) 1, estimate 1, nonce 1, send 1, receipt 1
    expect(counts['eth_call']).toBe(1);
    expect(proxy.total()).toBeLessThanOrEqual(5); // before: 8–9 (pools 1, sender funds 1, receipts 1–2, head 1)

    proxy.reset();
    const [info, float] = [await view.senderInfo(B.address), await view.maxFloat(B.address)];
    expect(proxy.total()).toBe(0); // no read after the redemption
    const [chainInfo, chainReserve] = (await tb.getFunction('getSenderInfo')(B.address)) as [
      { deposit: bigint; withdrawRound: bigint },
      { fundsRemaining: bigint },
    ];
    const claimable = (await tb.getFunction('claimableReserve')(B.address, O.address)) as bigint;
    expect(info).toEqual({ deposit: chainInfo.deposit, reserve: chainReserve.fundsRemaining, withdrawRound: 0n });
    expect(info.deposit).toBe(0n);
    expect(float).toBe(claimable);
    expect(float).toBe(floatBefore - parseEther('0.015'));
  } finally {
    await queue?.close();
    view.close();
    counted.close();
    await proxy.close();
  }
});

it('redeems before the window is over when the winners leave their sender little float', async () => {
  const tbB = tb.connect(B) as Contract;
  await (
    await tbB.getFunction('fundDepositAndReserve')(parseEther('1'), parseEther('0.5'), { value: parseEther('1.5') })
  ).wait();
  const view = createClientChainView({
    client,
    recipient: O.address,
    pendingFaceValue: (s) => store.pendingFaceValue(s),
  });
  const queue = queueFor({ batchWindowMs: 60 * 60_000, now: () => 0, senderFloat: (s) => view.maxFloat(s) });
  try {
    const share = await view.maxFloat(B.address); // O's share of B's reserve, nothing pending yet
    const face = share / 5n;
    await win(B, 1n, face);
    await queue.tick(); // float 4/5 of the share: room for four more
    expect(store.list().map((s) => s.state)).toEqual(['pending']);
    await win(B, 2n, face);
    await queue.tick(); // 3/5: room for three, so both go
    expect(store.list().map((s) => s.state)).toEqual(['redeemed', 'redeemed']);
    expect(new Set(store.list().map((s) => s.txHash)).size).toBe(1);
  } finally {
    await queue.close();
    view.close();
  }
});
