// Winning tickets redeemed in batches on the real devnet (TicketBroker.batchRedeemWinningTickets):
// several winners from two senders go out in ONE transaction, a ticket someone already redeemed is
// refused with its reason and stays out of it, and each ticket's record, the senders' deposits and
// the orchestrator's fees agree with the chain. A batch left `submitted` by a node killed after
// sending is settled from the chain after a restart and never sent twice. Real anvil, real SQLite.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Contract } from 'ethers';
import { getBytes, parseEther, toBigInt, type Wallet } from 'ethers';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import type { ChainClient } from '../../chain/client.ts';
import { devnetClient, revert, snapshot, type TestDevnet } from '../../chain/test-support.ts';
import { signTicket, startTicketDevnet, ticketHash } from '../../chain/test-support-tickets.ts';
import { createLogSink } from '../../log/logger.ts';
import { openDatabase, type Database } from '../../store/database.ts';
import {
  createWinningTicketStore,
  NODE_MIGRATIONS,
  type WinningTicketStore,
} from '../payments/winning-ticket-store.ts';
import { createRedemptionQueue } from './redemption-queue.ts';

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

const queueFor = () =>
  createRedemptionQueue({
    store,
    client,
    from: O.address,
    log: createLogSink().root,
    l1Block: () => 1n << 40n,
    round: () => 0n,
    retryBaseMs: 0,
    tickMs: 600_000,
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
