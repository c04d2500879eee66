// The operating key vs. the wallet lock: while the node needs the key, the idle/manual/suspend
// locks close user actions only; node work (ticket messages, reward, round initialization,
// redemption) keeps signing. Real keystores, real scrypt in the worker, real signatures.
import { Interface, Transaction, verifyMessage } from 'ethers';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError, ErrorCode } from '../../src-shared/contract/index.ts';
import { BONDING_MANAGER_ABI, ROUNDS_MANAGER_ABI, TICKET_BROKER_ABI } from '../chain/abi.ts';
import { makeTestWallet, type TestWallet } from './test-support.ts';

const KEY = '0x' + '11'.repeat(32);
const PASSWORD = 'correct horse battery';
const BM = '0x35Bcf3c30594191d53231E4FF333E8A770453e40';
const bonding = new Interface(BONDING_MANAGER_ABI);
const rounds = new Interface(ROUNDS_MANAGER_ABI);
const broker = new Interface(TICKET_BROKER_ABI);

const opened: TestWallet[] = [];
afterEach(() => {
  for (const w of opened.splice(0)) w.dispose();
});

function setup(minuteMs: number): TestWallet {
  const w = makeTestWallet({ minuteMs });
  opened.push(w);
  return w;
}

function txFor(data: string) {
  const approval = { previewId: 'p', chainId: 42161n, to: BM, data, value: 0n };
  return {
    approval,
    tx: { type: 2, ...approval, nonce: 1, gasLimit: 300_000n, maxFeePerGas: 1n, maxPriorityFeePerGas: 0n },
  };
}

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (err instanceof AppError) return err.code;
    throw err;
  }
  throw new Error('expected a failure');
}

describe('operating key vs. wallet lock', () => {
  it('after the idle lock the node still signs its work while a stake asks for the password', async () => {
    const { wallet } = setup(150); // one auto-lock "minute" = 150 ms, the same timer path
    const { address } = await wallet.importPrivateKey(KEY, PASSWORD);
    wallet.setAutoLock(1);
    wallet.setNodeNeedsKey(true);
    await wallet.unlock(PASSWORD);
    const signer = wallet.signer()!;
    const node = [
      txFor(bonding.encodeFunctionData('reward', [])),
      txFor(rounds.encodeFunctionData('initializeRound', [])),
      txFor(
        broker.encodeFunctionData('redeemWinningTicket', [
          [address, address, 1n, 1n, 1n, '0x' + '22'.repeat(32), '0x'],
          '0x' + '33'.repeat(65),
          5n,
        ]),
      ),
    ];
    const stake = txFor(bonding.encodeFunctionData('bond', [10n ** 18n, address]));
    // The node keeps signing tickets through the idle time: that is not user activity.
    for (let i = 0; i < 4; i++) {
      await new Promise((r) => setTimeout(r, 100));
      await signer.signMessage(`ticket ${i}`);
    }
    expect(wallet.status()).toMatchObject({ unlocked: null, lockReason: 'idle', nodeKey: address });
    expect(verifyMessage('after', await signer.signMessage('after'))).toBe(address);
    for (const { tx, approval } of node)
      expect(Transaction.from(await signer.signTransaction(tx, approval)).from).toBe(address);
    expect(await code(signer.signTransaction(stake.tx, stake.approval))).toBe(ErrorCode.Locked);
    // The password again opens user actions.
    await wallet.unlock(PASSWORD);
    expect(Transaction.from(await signer.signTransaction(stake.tx, stake.approval)).from).toBe(address);
    // A manual lock closes them again; the node still has its key.
    expect(wallet.lock('manual')).toMatchObject({ unlocked: null, nodeKey: address });
    expect(await code(signer.signTransaction(stake.tx, stake.approval))).toBe(ErrorCode.Locked);
    // The node switched off: the key held only for it is zeroed and dropped.
    wallet.setNodeNeedsKey(false);
    expect(wallet.status()).toMatchObject({ unlocked: null, nodeKey: null });
    expect(await code(signer.signMessage('late'))).toBe(ErrorCode.Locked);
  });

  it('an unattended unlock serves the node only; without the node the idle lock drops the key', async () => {
    const { wallet } = setup(60);
    const { address } = await wallet.importPrivateKey(KEY, PASSWORD);
    wallet.setNodeNeedsKey(true);
    expect(await code(wallet.unlockForNode('wrong password'))).toBe(ErrorCode.WrongPassword);
    await wallet.unlockForNode(PASSWORD);
    const signer = wallet.signer()!;
    expect(wallet.status()).toMatchObject({ unlocked: null, lockReason: 'startup', nodeKey: address });
    await signer.signMessage('ticket');
    const send = txFor('0x');
    expect(await code(signer.signTransaction(send.tx, send.approval))).toBe(ErrorCode.Locked);
    // No node: the plain idle lock of before (key zeroed).
    wallet.setNodeNeedsKey(false);
    wallet.setAutoLock(1);
    await wallet.unlock(PASSWORD);
    await new Promise((r) => setTimeout(r, 200));
    expect(wallet.status()).toMatchObject({ unlocked: null, nodeKey: null, lockReason: 'idle' });
    expect(await code(signer.signMessage('x'))).toBe(ErrorCode.Locked);
  });
});
