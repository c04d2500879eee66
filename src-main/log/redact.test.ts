import { Wallet } from 'ethers';
import { describe, expect, it } from 'vitest';
import { redact } from './redact.ts';

describe('redact', () => {
  it('masks private keys, labelled secrets and mnemonics, keeping addresses and tx hashes readable', () => {
    const wallet = Wallet.createRandom();
    const key = wallet.privateKey.slice(2);
    const phrase = wallet.mnemonic?.phrase ?? '';
    const line = `key ${key} password=hunter2 token: abc mnemonic "${phrase}" addr ${wallet.address}`;
    const out = redact(line);
    expect(out).not.toContain(key);
    expect(out).not.toContain('hunter2');
    expect(out).not.toContain(phrase);
    expect(out).toContain(wallet.address);
    const txHash = `0x${'ab'.repeat(32)}`;
    expect(redact(`sent tx ${txHash}`)).toContain(txHash);
  });

  it('masks a labelled 0x private key', () => {
    expect(redact(`privateKey: 0x${'1f'.repeat(32)}`)).not.toContain('1f1f1f');
  });
});
