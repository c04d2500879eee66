// The redemption queue weighs gas against what the real TicketBroker would pay (the sender's
// deposit and reserve share, possibly much less than the face value), says why it waits, and
// records what the redemption paid in the earnings ledger. Real devnet, real SQLite, real queue.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Contract, getBytes, parseEther, Wallet } from 'ethers';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ROUNDS_MANAGER_ABI, TICKET_BROKER_ABI } from '../../chain/abi.ts';
import type { ChainClient } from '../../chain/client.ts';
import { devnetClient, startTestDevnet, type TestDevnet } from '../../chain/test-support.ts';
import { signTicket } from '../../chain/test-support-tickets.ts';
import { createLogSink } from '../../log/logger.ts';
import { openDatabase, type Database } from '../../store/database.ts';
import { createWinningTicketStore, NODE_MIGRATIONS } from '../payments/winning-ticket-store.ts';
import { activateDevnetOrchestrator } from './devnet-orchestrator.ts';
import { createRedemptionQueue } from './redemption-queue.ts';

let t: TestDevnet;
let client: ChainClient;
let dir: string;
let db: Database;

beforeAll(async () => {
  t = await startTestDevnet();
  client = devnetClient(t.devnet);
  dir = mkdtempSync(join(tmpdir(), 'lpm-payout-'));
  db = openDatabase(dir, NODE_MIGRATIONS);
}, 60_000);

afterAll(async () => {
  client?.close();
  db?.close();
  await t?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it('waits while gas exceeds the payable amount, then records what the partial payout paid', async () => {
  const { devnet } = t;
  const O = new Wallet(devnet.accounts[1]!.privateKey, devnet.provider);
  const B = new Wallet(devnet.accounts[3]!.privateKey, devnet.provider);
  await activateDevnetOrchestrator(devnet, O.privateKey, 'https://127.0.0.1:8935');
  const rm = new Contract(devnet.contracts.RoundsManager, ROUNDS_MANAGER_ABI, devnet.provider);
  const tb = new Contract(devnet.contracts.TicketBroker, TICKET_BROKER_ABI, B);
  await (await tb.getFunction('fundDeposit')({ value: 1000n })).wait(); // 1000 wei: far below any gas cost

  const faceValue = parseEther('1');
  const s = await signTicket(rm, B, { recipient: O.address, faceValue });
  const round = (await rm.getFunction('currentRound')()) as bigint;
  const store = createWinningTicketStore(db);
  await store.add([
    {
      ticket: {
        recipient: O.address,
        sender: B.address,
        faceValue,
        winProb: s.ticket.winProb,
        senderNonce: Number(s.ticket.senderNonce),
        recipientRandHash: getBytes(s.ticket.recipientRandHash),
        expiration: { creationRound: round, creationRoundBlockHash: getBytes(s.ticket.auxData).slice(32) },
      },
      sig: getBytes(s.sig),
      recipientRand: s.rand,
      paramsExpirationBlock: 0n,
    },
  ]);
  const queue = createRedemptionQueue({
    store,
    client,
    from: O.address,
    log: createLogSink().root,
    l1Block: () => 1n << 40n,
    round: () => round,
    retryBaseMs: 0,
    tickMs: 60_000,
  });
  try {
    await queue.tick();
    let [ticket] = store.list();
    expect(ticket).toMatchObject({ state: 'pending', paid: null });
    expect(ticket!.error).toMatch(
      /^Waiting: gas up to \d+ wei exceeds the 1000 wei the sender would pay \(face value 1000000000000000000 wei\)/,
    );

    await (await tb.getFunction('fundDeposit')({ value: parseEther('0.05') - 1000n })).wait();
    await queue.tick();
    [ticket] = store.list();
    expect(ticket).toMatchObject({ state: 'redeemed', paid: parseEther('0.05'), error: null });
    expect(store.totals().redeemed).toBe(parseEther('0.05')); // the ledger counts what was paid, not 1 ETH
  } finally {
    await queue.close();
  }
});
