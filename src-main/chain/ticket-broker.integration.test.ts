// TicketBroker redemption on the devnet. Tickets are hashed and signed with ethers exactly as
// livepeer-protocol.md §4.2 describes, independently of any code of ours (test-support-tickets.ts).
import { AbiCoder, concat, Contract, Signature, keccak256, parseEther, Wallet, type TransactionReceipt } from 'ethers';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TOKEN_ABI } from './abi.ts';
import type { WinningTicket } from './client.ts';
import { expectRevert, revert, snapshot, type TestDevnet } from './test-support.ts';
import { signTicket, startTicketDevnet, ticketHash } from './test-support-tickets.ts';

const coder = AbiCoder.defaultAbiCoder();

type Ticket = WinningTicket;

describe('TicketBroker redemption', () => {
  let t: TestDevnet;
  let O: Wallet, B: Wallet, X: Wallet;
  let bm: Contract, rm: Contract, tb: Contract;
  let snap: string;

  beforeAll(async () => {
    ({ t, O, B, X, bm, rm, tb } = await startTicketDevnet());
    await (
      await (tb.connect(B) as Contract).fundDepositAndReserve!(parseEther('1'), parseEther('1'), {
        value: parseEther('2'),
      })
    ).wait();
  });
  afterAll(async () => t?.close());
  beforeEach(async () => {
    snap = await snapshot(t.devnet.provider);
  });
  afterEach(async () => {
    await revert(t.devnet.provider, snap);
  });

  const makeTicket = (overrides: Partial<Ticket> = {}, signer: Wallet = B) =>
    signTicket(rm, signer, { recipient: O.address, sender: B.address, ...overrides });

  const redeem = (ticket: Ticket, sig: string, rand: bigint, from: Wallet = O): Promise<unknown> =>
    (tb.connect(from) as Contract).redeemWinningTicket!(ticket, sig, rand).then((tx: { wait(): Promise<unknown> }) =>
      tx.wait(),
    );

  it('hashes tickets like the reference (abi.encodePacked of the seven fields)', async () => {
    const { ticket } = await makeTicket();
    expect(await tb.getTicketHash!(ticket)).toBe(ticketHash(ticket));
  });

  it('a winning ticket pays the face value into the orchestrator fee pool', async () => {
    const { ticket, sig, rand } = await makeTicket();
    const tx = await (tb.connect(X) as Contract).redeemWinningTicket!(ticket, sig, rand); // anyone may submit
    const receipt = await tx.wait();
    const names = receipt.logs
      .map((l: { topics: string[]; data: string }) => tb.interface.parseLog(l)?.name)
      .filter(Boolean);
    expect(names).toEqual(['WinningTicketTransfer', 'WinningTicketRedeemed']);
    expect(await tb.usedTickets!(ticketHash(ticket))).toBe(true);
    const [sender] = await tb.getSenderInfo!(B.address);
    expect(sender.deposit).toBe(parseEther('0.9'));
    // feeShare 100 %: everything goes to delegators, and O is the only one
    expect(await bm.pendingFees!(O.address, 0n)).toBe(parseEther('0.1') - 0n);
    process.stdout.write(`redeemWinningTicket gas (first redemption of the round): ${receipt.gasUsed}\n`);
    const second = await makeTicket({ senderNonce: 2n });
    const r2 = await (
      await (tb.connect(X) as Contract).redeemWinningTicket!(second.ticket, second.sig, second.rand)
    ).wait();
    process.stdout.write(`redeemWinningTicket gas (second redemption in the round): ${r2.gasUsed}\n`);
  });

  it('pays from the reserve when the deposit runs short, then only what is left (a partial payout)', async () => {
    const { ticket, sig, rand } = await makeTicket({ faceValue: parseEther('1.5') });
    const receipt = await (await (tb.connect(O) as Contract).redeemWinningTicket!(ticket, sig, rand)).wait();
    const claimed = receipt.logs
      .map((l: { topics: string[]; data: string }) => tb.interface.parseLog(l))
      .find((l: { name: string } | null) => l?.name === 'ReserveClaimed');
    expect(claimed.args.amount).toBe(parseEther('0.5'));
    const [sender, reserve] = await tb.getSenderInfo!(B.address);
    expect(sender.deposit).toBe(0n);
    expect(reserve.fundsRemaining).toBe(parseEther('0.5'));
    expect(reserve.claimedInCurrentRound).toBe(parseEther('0.5'));
    // As mainnet: a ticket worth more than the sender has pays what is left and is used up
    const big = await makeTicket({ faceValue: parseEther('1'), senderNonce: 2n });
    const partial = (await redeem(big.ticket, big.sig, big.rand)) as TransactionReceipt;
    const events = partial.logs.map((l) => tb.interface.parseLog(l)).filter((l) => l !== null);
    expect(events.find((e) => e.name === 'WinningTicketTransfer')?.args.amount).toBe(parseEther('0.5'));
    expect(events.find((e) => e.name === 'WinningTicketRedeemed')?.args.faceValue).toBe(parseEther('1'));
    expect(await tb.usedTickets!(ticketHash(big.ticket))).toBe(true);
    const empty = await makeTicket({ faceValue: parseEther('1'), senderNonce: 3n });
    await expectRevert(redeem(empty.ticket, empty.sig, empty.rand), 'sender deposit and reserve are zero');
  });

  it('a losing ticket reverts', async () => {
    const { ticket, sig, rand } = await makeTicket({ winProb: 0n });
    await expectRevert(redeem(ticket, sig, rand), 'ticket did not win');
  });

  it('a reused ticket reverts', async () => {
    const { ticket, sig, rand } = await makeTicket();
    await redeem(ticket, sig, rand);
    await expectRevert(redeem(ticket, sig, rand), 'ticket is used');
  });

  it('an expired ticket reverts (creationRound + validity period <= current round)', async () => {
    const { ticket, sig, rand } = await makeTicket();
    await t.devnet.advanceRound();
    await t.devnet.advanceRound();
    await expectRevert(redeem(ticket, sig, rand), 'ticket is expired');
  });

  it('a ticket signed by someone else, or with a malformed signature, reverts', async () => {
    const forged = await makeTicket({}, X);
    await expectRevert(redeem(forged.ticket, forged.sig, forged.rand), 'invalid signature over ticket hash');
    const good = await makeTicket();
    await expectRevert(redeem(good.ticket, good.sig.slice(0, 130), good.rand), 'invalid signature over ticket hash');
  });

  it('checks the recipient rand and the creation round block hash', async () => {
    const { ticket, sig, rand } = await makeTicket();
    await expectRevert(redeem(ticket, sig, rand + 1n), 'recipientRand does not match recipientRandHash');
    const round = (await rm.currentRound!()) as bigint;
    const wrongHash = await makeTicket({ auxData: concat([coder.encode(['uint256'], [round]), keccak256('0x01')]) });
    await expectRevert(
      redeem(wrongHash.ticket, wrongHash.sig, wrongHash.rand),
      'ticket creationRoundBlockHash invalid for creationRound',
    );
    const noHash = await makeTicket({ auxData: concat([coder.encode(['uint256'], [round + 5n]), keccak256('0x01')]) });
    await expectRevert(
      redeem(noHash.ticket, noHash.sig, noHash.rand),
      'ticket creationRound does not have a block hash',
    );
    const short = await makeTicket({ auxData: '0x' });
    await expectRevert(
      redeem(short.ticket, short.sig, short.rand),
      'invalid length for ticket auxData: must be 64 bytes',
    );
  });

  it('unlock stops redemptions at the withdraw round; withdraw only from then', async () => {
    const { ticket, sig, rand } = await makeTicket();
    await (await (tb.connect(B) as Contract).unlock!()).wait();
    expect(await tb.isUnlockInProgress!(B.address)).toBe(true);
    await expectRevert((tb.connect(B) as Contract).withdraw!(), 'account is locked');
    await t.devnet.advanceRound();
    await redeem(ticket, sig, rand); // still locked: redeemable until the withdraw round
    await t.devnet.advanceRound();
    const late = await makeTicket({ senderNonce: 5n });
    await expectRevert(redeem(late.ticket, late.sig, late.rand), 'sender is unlocked');
    const before = await t.devnet.provider.getBalance(B.address);
    const receipt = (await (await (tb.connect(B) as Contract).withdraw!()).wait()) as TransactionReceipt;
    expect(await t.devnet.provider.getBalance(B.address)).toBe(
      before + parseEther('1.9') - receipt.gasUsed * receipt.gasPrice,
    );
    await expectRevert((tb.connect(B) as Contract).withdraw!(), 'sender deposit and reserve are zero');
  });

  it('only the protocol contracts may mint, move bonded LPT or credit fees; the owner may pause everything', async () => {
    const p = t.devnet.provider;
    const minter = new Contract(
      t.devnet.contracts.Minter,
      ['function createReward(uint256,uint256) returns (uint256)', 'function trustedWithdrawETH(address,uint256)'],
      X,
    );
    await expectRevert(minter.createReward!(1n, 1n), 'caller must be BondingManager');
    await expectRevert(minter.trustedWithdrawETH!(X.address, 1n), 'caller must be BondingManager or TicketBroker');
    const fees = new Contract(
      t.devnet.contracts.BondingManager,
      ['function updateTranscoderWithFees(address,uint256,uint256)'],
      X,
    );
    await expectRevert(fees.updateTranscoderWithFees!(O.address, 1n, 1n), 'caller must be TicketBroker');
    const lpt = new Contract(t.devnet.contracts.LivepeerToken, ['function mint(address,uint256)'], X);
    await expectRevert(lpt.mint!(X.address, 1n), 'caller is not a minter');

    const owner = new Wallet(t.devnet.accounts[0]!.privateKey, p);
    const controller = new Contract(
      t.devnet.controller,
      ['function pause()', 'function unpause()', 'function paused() view returns (bool)'],
      owner,
    );
    await expectRevert((controller.connect(X) as Contract).pause!(), 'caller is not the owner');
    await (await controller.pause!()).wait();
    expect(await controller.paused!()).toBe(true);
    const { ticket, sig, rand } = await makeTicket();
    await expectRevert(redeem(ticket, sig, rand), 'system is paused');
    await expectRevert((bm.connect(O) as Contract).reward!(), 'system is paused');
    await (await controller.unpause!()).wait();
    await redeem(ticket, sig, rand);
  });

  it('funds the reserve separately or for another sender, cancels unlocks, and shares the reserve per active orchestrator', async () => {
    const p = t.devnet.provider;
    const Y = new Wallet(t.devnet.accounts[5]!.privateKey, p);
    const tbX = tb.connect(X) as Contract;
    await expectRevert(
      tbX.fundDepositAndReserveFor!(Y.address, 1n, 1n, { value: 3n }),
      'msg.value does not equal sum of deposit amount and reserve amount',
    );
    await (
      await tbX.fundDepositAndReserveFor!(Y.address, parseEther('0.1'), parseEther('0.4'), { value: parseEther('0.5') })
    ).wait();
    await (await (tb.connect(Y) as Contract).fundReserve!({ value: parseEther('0.6') })).wait();
    const [sender, reserve] = await tb.getSenderInfo!(Y.address);
    expect(sender.deposit).toBe(parseEther('0.1'));
    expect(reserve.fundsRemaining).toBe(parseEther('1'));
    // One active orchestrator: it may claim the whole reserve this round
    expect(await tb.claimableReserve!(Y.address, O.address)).toBe(parseEther('1'));
    expect(await tb.claimableReserve!(Y.address, X.address)).toBe(0n); // not an orchestrator

    await (await (tb.connect(Y) as Contract).unlock!()).wait();
    await (await (tb.connect(Y) as Contract).cancelUnlock!()).wait();
    expect(await tb.isUnlockInProgress!(Y.address)).toBe(false);
    await expectRevert((tb.connect(Y) as Contract).cancelUnlock!(), 'no unlock request in progress');
    await (await (tb.connect(Y) as Contract).unlock!()).wait();
    await (await (tb.connect(Y) as Contract).fundDeposit!({ value: 1n })).wait(); // funding cancels the unlock
    expect(await tb.isUnlockInProgress!(Y.address)).toBe(false);

    const fromY = await makeTicket({ sender: Y.address, faceValue: parseEther('0.3') }, Y);
    await redeem(fromY.ticket, fromY.sig, fromY.rand);
    expect(await tb.claimedReserve!(Y.address, O.address)).toBe(parseEther('0.3') - parseEther('0.1') - 1n);
  });

  it('redeems a batch ticket by ticket: a bad ticket does not stop the good ones', async () => {
    const good = await makeTicket({ senderNonce: 11n });
    const losing = await makeTicket({ senderNonce: 12n, winProb: 0n });
    const batch = new Contract(
      t.devnet.contracts.TicketBroker,
      [
        'function batchRedeemWinningTickets((address recipient, address sender, uint256 faceValue, uint256 winProb, uint256 senderNonce, bytes32 recipientRandHash, bytes auxData)[], bytes[], uint256[])',
      ],
      X,
    );
    await (
      await batch.batchRedeemWinningTickets!(
        [good.ticket, losing.ticket],
        [good.sig, losing.sig],
        [good.rand, losing.rand],
      )
    ).wait();
    expect(await tb.usedTickets!(ticketHash(good.ticket))).toBe(true);
    expect(await tb.usedTickets!(ticketHash(losing.ticket))).toBe(false);
  });

  it('lets a third party add to a delegation but not redirect it, and claims earnings on request', async () => {
    const p = t.devnet.provider;
    const Y = new Wallet(t.devnet.accounts[5]!.privateKey, p);
    await t.devnet.fund(X.address, { lpt: parseEther('30') });
    const token = new Contract(t.devnet.contracts.LivepeerToken, TOKEN_ABI, X);
    await (await token.approve!(t.devnet.contracts.BondingManager, parseEther('30'))).wait();
    const bondFor = new Contract(
      t.devnet.contracts.BondingManager,
      ['function bondForWithHint(uint256,address,address,address,address,address,address)'],
      X,
    );
    const Z = '0x0000000000000000000000000000000000000000';
    await expectRevert(
      bondFor.bondForWithHint!(parseEther('10'), Y.address, Y.address, Z, Z, Z, Z),
      'INVALID_DELEGATE',
    );
    await (await bondFor.bondForWithHint!(parseEther('10'), Y.address, O.address, Z, Z, Z, Z)).wait();
    expect((await bm.getDelegator!(Y.address)).bondedAmount).toBe(parseEther('10'));
    expect((await bm.getDelegator!(Y.address)).delegateAddress).toBe(O.address);
    await expectRevert(
      bondFor.bondForWithHint!(parseEther('10'), Y.address, X.address, Z, Z, Z, Z),
      'INVALID_DELEGATE_CHANGE',
    );
    expect(await bm.transcoderStatus!(O.address)).toBe(1n);
    expect(await bm.transcoderStatus!(Y.address)).toBe(0n);

    await t.devnet.advanceRound();
    await (await (bm.connect(O) as Contract).reward!()).wait();
    const pending = (await bm.pendingStake!(Y.address, 0n)) as bigint;
    expect(pending).toBeGreaterThan(parseEther('10'));
    const round = (await rm.currentRound!()) as bigint;
    await (await (bm.connect(Y) as Contract).claimEarnings!(0n)).wait();
    const d = await bm.getDelegator!(Y.address);
    expect(d.bondedAmount).toBe(pending);
    expect(d.lastClaimRound).toBe(round);
  });

  it('accepts an EIP-2612 permit signed with ethers', async () => {
    const p = t.devnet.provider;
    const token = new Contract(
      t.devnet.contracts.LivepeerToken,
      [
        'function permit(address,address,uint256,uint256,uint8,bytes32,bytes32)',
        'function nonces(address) view returns (uint256)',
        'function allowance(address,address) view returns (uint256)',
      ],
      X,
    );
    const deadline = BigInt((await p.getBlock('latest'))!.timestamp) + 3600n;
    const domain = {
      name: 'Livepeer Token',
      version: '1',
      chainId: 31337n,
      verifyingContract: t.devnet.contracts.LivepeerToken,
    };
    const types = {
      Permit: [
        { name: 'owner', type: 'address' },
        { name: 'spender', type: 'address' },
        { name: 'value', type: 'uint256' },
        { name: 'nonce', type: 'uint256' },
        { name: 'deadline', type: 'uint256' },
      ],
    };
    const sig = Signature.from(
      await B.signTypedData(domain, types, {
        owner: B.address,
        spender: X.address,
        value: 123n,
        nonce: await token.nonces!(B.address),
        deadline,
      }),
    );
    await (await token.permit!(B.address, X.address, 123n, deadline, sig.v, sig.r, sig.s)).wait();
    expect(await token.allowance!(B.address, X.address)).toBe(123n);
    await expectRevert(
      token.permit!(B.address, X.address, 123n, deadline, sig.v, sig.r, sig.s),
      'ERC20Permit: invalid signature',
    ); // nonce used
  });
});
