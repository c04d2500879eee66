// The signature pool on real worker threads: the same answers as the inline check, known signers
// ahead of unknown ones, and a bounded queue for unknown signers.
import { getBytes, randomBytes, Wallet } from 'ethers';
import { afterEach, describe, expect, it } from 'vitest';
import { recoveryBackend } from './secp256k1.ts';
import { checkSignatures } from './signature-checks.ts';
import { createSignaturePool, PoolBusy, type SignaturePool } from './signature-pool.ts';

const signed = async (wallet: Wallet, n: number) => {
  const messages = Array.from({ length: n }, () => randomBytes(32));
  const sigs = await Promise.all(messages.map(async (m) => getBytes(await wallet.signMessage(m))));
  return { signer: getBytes(wallet.address), messages, sigs };
};
const newWallet = () => new Wallet(Wallet.createRandom().privateKey);

let pool: SignaturePool | null = null;
afterEach(async () => {
  await pool?.close();
  pool = null;
});

describe('signature pool', () => {
  it('answers like the inline check, for valid, forged and malformed signatures, stopping at the first bad one', async () => {
    pool = createSignaturePool({ workers: 2, inlineMax: 0 });
    const a = await signed(newWallet(), 24);
    const other = await signed(newWallet(), 24);
    const bad = [
      (i: number) => other.sigs[i] as Uint8Array, // another key's
      (i: number) => (a.sigs[i] as Uint8Array).subarray(0, 64), // malformed
      () => randomBytes(65), // garbage
    ];
    for (const [n, forge] of bad.entries()) {
      const at = 3 + n * 5;
      const sigs = a.sigs.map((s, i) => (i === at ? forge(i) : s));
      const expected = checkSignatures(a.signer, a.messages, sigs);
      // Valid up to the bad one; nothing after it is checked (a payment with it is refused whole).
      expect(expected).toEqual(a.sigs.map((_, i) => i < at));
      const [x, y] = await Promise.all([
        pool.check(a.signer, a.messages, sigs),
        pool.check(other.signer, other.messages, other.sigs),
      ]);
      expect(x).toEqual(expected);
      expect(y).toEqual(other.sigs.map(() => true));
    }
    expect(pool.pending()).toBe(0);
    // The workers load the same build as this thread: native where its prebuild loads.
    expect(pool.workerRecovery()).toBe(recoveryBackend().path);
  }, 30_000);

  it('serves signers that already paid before unknown ones, and refuses unknown ones past the limit', async () => {
    pool = createSignaturePool({ workers: 1, inlineMax: 0, unknownQueueLimit: 2 });
    const payer = await signed(newWallet(), 16);
    await pool.check(payer.signer, payer.messages.slice(0, 2), payer.sigs.slice(0, 2)); // now known
    const forger = newWallet();
    const forged = await signed(forger, 16);
    const wrong = forged.sigs.map(() => randomBytes(65)); // never valid: stays unknown
    const done: string[] = [];
    const run = (name: string, p: Promise<boolean[]>) => p.then(() => done.push(name));
    const first = run('forged-1', pool.check(forged.signer, forged.messages, wrong)); // on the worker
    const second = run('forged-2', pool.check(forged.signer, forged.messages, wrong)); // waits
    const third = run('forged-3', pool.check(forged.signer, forged.messages, wrong)); // waits (limit 2)
    await expect(pool.check(forged.signer, forged.messages, wrong)).rejects.toBeInstanceOf(PoolBusy);
    const paid = run('payer', pool.check(payer.signer, payer.messages, payer.sigs));
    await Promise.all([first, second, third, paid]);
    expect(done[0]).toBe('forged-1');
    expect(done[1]).toBe('payer');
  });

  it('checks inline when there are no workers', async () => {
    pool = createSignaturePool({ workers: 0 });
    const a = await signed(newWallet(), 8);
    expect(await pool.check(a.signer, a.messages, a.sigs)).toEqual(a.sigs.map(() => true));
  });
});
