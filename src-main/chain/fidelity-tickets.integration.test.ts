// Ticket redemption as the real TicketBroker and BondingManager behave on Arbitrum One
// (livepeer/protocol MixinTicketBrokerCore, MixinReserve, BondingManager.updateTranscoderWithFees),
// on the devnet and through the app's chain client and indexer (docs/contract-fidelity.md):
// 2. a sender short of the face value pays what it has (deposit, then the claimable reserve share)
//    and the ticket is used up; WinningTicketRedeemed logs the face value, WinningTicketTransfer what was paid.
// 3. a sender that started an unlock stays redeemable until its withdraw round.
// 4. fees go to registered orchestrators that are not active; one whose stake counts only from the
//    next round (registered this round, or never in the active set) makes the contract panic.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Contract, parseEther, Wallet, type TransactionReceipt } from 'ethers';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppError, ErrorCode } from '../../src-shared/contract/index.ts';
import { openDatabase } from '../store/database.ts';
import { TOKEN_ABI } from './abi.ts';
import type { ChainClient, WinningTicket } from './client.ts';
import { DEVNET_PARAMS } from './devnet/deploy.ts';
import { createChainIndexer } from './indexer.ts';
import { CHAIN_MIGRATIONS } from './migrations.ts';
import { devnetClient, expectRevert, revert, snapshot, type TestDevnet } from './test-support.ts';
import { paidInReceipt } from './ticket-payout.ts';
import { signTicket, startTicketDevnet, ticketHash } from './test-support-tickets.ts';

const ETH = (n: string): bigint => parseEther(n);

describe('ticket redemption as on mainnet', () => {
  let t: TestDevnet;
  let client: ChainClient;
  let O: Wallet, B: Wallet, X: Wallet;
  let bm: Contract, rm: Contract, tb: Contract;
  let snap: string;

  beforeAll(async () => {
    ({ t, O, B, X, bm, rm, tb } = await startTicketDevnet());
    client = devnetClient(t.devnet);
  });
  afterAll(async () => {
    client?.close();
    await t?.close();
  });
  beforeEach(async () => {
    snap = await snapshot(t.devnet.provider);
  });
  afterEach(async () => {
    await revert(t.devnet.provider, snap);
  });

  const fund = async (deposit: bigint, reserve: bigint, from: Wallet = B, forSender: Wallet = B): Promise<void> => {
    await (
      await (tb.connect(from) as Contract).getFunction('fundDepositAndReserveFor')(
        forSender.address,
        deposit,
        reserve,
        {
          value: deposit + reserve,
        },
      )
    ).wait();
  };
  const ticketTo = (recipient: string, faceValue: bigint, senderNonce: bigint) =>
    signTicket(rm, B, { recipient, faceValue, senderNonce });
  const action = (s: { ticket: WinningTicket; sig: string; rand: bigint }) => ({
    kind: 'redeemTicket' as const,
    ticket: s.ticket,
    sig: s.sig,
    recipientRand: s.rand,
  });
  const refusal = (promise: Promise<unknown>): Promise<{ code: string; message: string } | null> =>
    promise.then(
      () => null,
      (e: unknown) =>
        e instanceof AppError ? { code: e.code, message: e.message } : { code: 'OTHER', message: String(e) },
    );
  const pendingFees = (who: string): Promise<bigint> => bm.getFunction('pendingFees')(who, 0n) as Promise<bigint>;

  it('2. pays what the sender has, in the preview, on chain, in the receipt and in the indexer', async () => {
    await fund(ETH('0.01'), ETH('0.003'));
    const big = await ticketTo(O.address, ETH('1'), 1n);
    // The app previews the partial payout: the deposit, then the reserve share (O is the only active orchestrator)
    const preview = await client.prepare(O.address, action(big));
    expect(preview.payableWei).toBe(ETH('0.013'));
    expect(preview.changes.join('\n')).toMatch(/covers only 0\.013 ETH of the 1\.0 ETH face value/);
    const before = await pendingFees(O.address);
    const outcome = await client.confirm(preview.id);
    const receipt = (await t.devnet.provider.getTransactionReceipt(outcome.hash)) as TransactionReceipt;
    const events = receipt.logs.map((l) => tb.interface.parseLog(l)).filter((e) => e !== null);
    expect(events.find((e) => e.name === 'WinningTicketRedeemed')?.args.faceValue).toBe(ETH('1'));
    expect(events.find((e) => e.name === 'ReserveClaimed')?.args.amount).toBe(ETH('0.003'));
    expect(paidInReceipt(receipt, t.devnet.contracts.TicketBroker)).toBe(ETH('0.013'));
    expect((await pendingFees(O.address)) - before).toBe(ETH('0.013'));
    expect(await tb.getFunction('usedTickets')(ticketHash(big.ticket))).toBe(true);

    // Nothing left: the app refuses before sending, the contract reverts
    const empty = await ticketTo(O.address, ETH('1'), 2n);
    const refused = await refusal(client.prepare(O.address, action(empty)));
    expect(refused).toMatchObject({
      code: ErrorCode.BadInput,
      message: expect.stringMatching(/no deposit or reserve/),
    });
    await expectRevert(
      (tb.connect(O) as Contract).getFunction('redeemWinningTicket')(empty.ticket, empty.sig, empty.rand),
      'sender deposit and reserve are zero',
    );

    // The indexer counts the fees that were paid, not the face value
    const dir = mkdtempSync(join(tmpdir(), 'lpm-fidelity-'));
    const db = openDatabase(dir, CHAIN_MIGRATIONS);
    try {
      const indexer = createChainIndexer({ client, db, orchestrator: O.address });
      await indexer.sync();
      const round = (await rm.getFunction('currentRound')()) as bigint;
      expect(indexer.earningsByRound().find((e) => BigInt(e.round) === round)).toMatchObject({
        fees: ETH('0.013'),
        tickets: 1,
      });
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('3. keeps an unlocking sender redeemable until its withdraw round, then refuses', async () => {
    await fund(ETH('1'), 0n);
    const r = (await rm.getFunction('currentRound')()) as bigint;
    await (await (tb.connect(B) as Contract).getFunction('unlock')()).wait();
    const withdrawRound = r + DEVNET_PARAMS.unlockPeriod;
    // Funding by someone else does not cancel the unlock (only the sender's own funding does)
    await fund(ETH('0.1'), 0n, X, B);
    expect(await tb.getFunction('isUnlockInProgress')(B.address)).toBe(true);

    const first = await ticketTo(O.address, ETH('0.1'), 1n);
    const preview = await client.prepare(O.address, action(first));
    expect(preview.changes.join('\n')).toContain(`redeemable until round ${withdrawRound}`);
    await client.confirm(preview.id);
    await t.devnet.advanceRound();
    const second = await ticketTo(O.address, ETH('0.1'), 2n);
    await (
      await (tb.connect(O) as Contract).getFunction('redeemWinningTicket')(second.ticket, second.sig, second.rand)
    ).wait();
    expect(await tb.getFunction('usedTickets')(ticketHash(second.ticket))).toBe(true);

    while (((await rm.getFunction('currentRound')()) as bigint) < withdrawRound) await t.devnet.advanceRound();
    const late = await ticketTo(O.address, ETH('0.1'), 3n);
    expect(await refusal(client.prepare(O.address, action(late)))).toMatchObject({
      code: ErrorCode.BadInput,
      message: expect.stringMatching(new RegExp(`unlock completed in round ${withdrawRound}`)),
    });
    await expectRevert(
      (tb.connect(O) as Contract).getFunction('redeemWinningTicket')(late.ticket, late.sig, late.rand),
      'sender is unlocked',
    );
  });

  it('4. credits a registered orchestrator that is not active, and refuses what would divide by zero', async () => {
    const { devnet } = t;
    const p = devnet.provider;
    await fund(ETH('1'), ETH('1'));
    const locked = async (): Promise<boolean> => {
      const start = (await rm.getFunction('currentRoundStartBlock')()) as bigint;
      const lockAt =
        start + DEVNET_PARAMS.roundLength - (DEVNET_PARAMS.roundLength * DEVNET_PARAMS.roundLockAmount) / 1_000_000n;
      return BigInt(await p.getBlockNumber()) + 6n >= lockAt;
    };
    const join = async (lpt: string): Promise<Wallet> => {
      if (await locked()) await devnet.advanceRound();
      const w = new Wallet(Wallet.createRandom().privateKey, p);
      await devnet.fund(w.address, { eth: ETH('1'), lpt: ETH(lpt) });
      await (
        await new Contract(devnet.contracts.LivepeerToken, TOKEN_ABI, w).getFunction('approve')(bm.target, ETH(lpt))
      ).wait();
      await (await (bm.connect(w) as Contract).getFunction('bond')(ETH(lpt), w.address)).wait();
      await (await (bm.connect(w) as Contract).getFunction('transcoder')(0n, 0n)).wait(); // fees all to itself
      return w;
    };
    const max = (await bm.getFunction('getTranscoderPoolMaxSize')()) as bigint;
    const members: Wallet[] = [];
    for (let i = (await bm.getFunction('getTranscoderPoolSize')()) as bigint; i < max; i++)
      members.push(await join(String(100 + members.length)));
    await devnet.advanceRound();
    const evicted = members[0]!;

    // Registered, pool full, never active: no stake in any earnings pool
    const outsider = await join('50');
    expect(await bm.getFunction('isRegisteredTranscoder')(outsider.address)).toBe(true);
    const toOutsider = await ticketTo(outsider.address, ETH('0.1'), 1n);
    expect(await refusal(client.prepare(O.address, action(toOutsider)))).toMatchObject({
      code: ErrorCode.BadInput,
      message: expect.stringMatching(/never had stake in the active set.*division by zero/),
    });
    const panic = (await (tb.connect(outsider) as Contract)
      .getFunction('redeemWinningTicket')
      .staticCall(toOutsider.ticket, toOutsider.sig, toOutsider.rand)
      .then(
        () => null,
        (e: { revert?: { name: string; args: unknown[] } }) => e.revert,
      )) as { name: string; args: unknown[] } | null;
    expect([panic?.name, Number(panic?.args[0])]).toEqual(['Panic', 0x12]); // division by zero

    // A larger newcomer evicts the smallest member from the next round; this round it has no pool stake yet
    const newcomer = await join('5000');
    const r = (await rm.getFunction('currentRound')()) as bigint;
    const toNewcomer = await ticketTo(newcomer.address, ETH('0.1'), 2n);
    expect(await refusal(client.prepare(O.address, action(toNewcomer)))).toMatchObject({
      code: ErrorCode.Conflict, // passes by itself next round: the redemption queue retries
      message: expect.stringMatching(new RegExp(`registered in round ${r} and its stake counts from round ${r + 1n}`)),
    });

    await devnet.advanceRound();
    expect(await bm.getFunction('isActiveTranscoder')(evicted.address)).toBe(false);
    expect(await bm.getFunction('isRegisteredTranscoder')(evicted.address)).toBe(true);
    // Registered but not active: credited from the deposit (no reserve share for non-active orchestrators)
    const toEvicted = await ticketTo(evicted.address, ETH('0.2'), 3n);
    const preview = await client.prepare(O.address, action(toEvicted));
    expect(preview.payableWei).toBe(ETH('0.2'));
    const before = await pendingFees(evicted.address);
    await client.confirm(preview.id);
    expect((await pendingFees(evicted.address)) - before).toBe(ETH('0.2'));
    // The newcomer is active now: its next ticket is redeemable
    const again = await ticketTo(newcomer.address, ETH('0.1'), 4n);
    await client.confirm((await client.prepare(O.address, action(again))).id);
    expect(await tb.getFunction('usedTickets')(ticketHash(again.ticket))).toBe(true);
  }, 120_000);
});
