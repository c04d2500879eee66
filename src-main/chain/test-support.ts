// Shared by the chain tests: a devnet in a temporary folder, snapshots, and an AccountSigner over
// a public devnet key that, like the real wallet, signs only what matches the approval.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { getAddress, Transaction, Wallet, type JsonRpcProvider, type TransactionRequest } from 'ethers';
import type { AccountSigner, ApprovedTransaction } from '../wallet/account-signer.ts';
import { createChainClient, type ChainClient } from './client.ts';
import { startDevnet, type Devnet, type StartDevnetOptions } from './devnet/devnet.ts';

export interface TestDevnet {
  devnet: Devnet;
  dataDir: string;
  close(): Promise<void>;
}

export async function startTestDevnet(options: Partial<StartDevnetOptions> = {}): Promise<TestDevnet> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'lpm-chain-'));
  const devnet = await startDevnet({ ...options, dataDir });
  return {
    devnet,
    dataDir,
    async close() {
      await devnet.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A chain client on the devnet that signs as any of its prefunded accounts (through devAccountSigner). */
export function devnetClient(devnet: Devnet): ChainClient {
  const keys = new Map(devnet.accounts.map((a) => [a.address, a.privateKey]));
  return createChainClient({
    rpcUrl: devnet.rpcUrl,
    controller: devnet.controller,
    chainId: devnet.chainId,
    getSigner: async (address) => {
      const key = keys.get(address);
      if (!key) throw new Error(`Not a devnet account: ${address}`);
      return devAccountSigner(key);
    },
  });
}

export async function snapshot(provider: JsonRpcProvider): Promise<string> {
  return (await provider.send('evm_snapshot', [])) as string;
}

export async function revert(provider: JsonRpcProvider, id: string): Promise<void> {
  await provider.send('evm_revert', [id]);
}

/** Like the keystore wallet's signer: refuses any transaction that differs from the approval. */
export function devAccountSigner(privateKey: string): AccountSigner & { readonly signed: ApprovedTransaction[] } {
  const wallet = new Wallet(privateKey);
  const signed: ApprovedTransaction[] = [];
  return {
    address: wallet.address,
    signed,
    signMessage: (message) => wallet.signMessage(message),
    async signTransaction(tx: TransactionRequest, approval: ApprovedTransaction) {
      const t = Transaction.from({ ...tx, from: undefined } as never);
      const same =
        t.chainId === approval.chainId &&
        t.to !== null &&
        getAddress(t.to) === getAddress(approval.to) &&
        t.data.toLowerCase() === approval.data.toLowerCase() &&
        t.value === approval.value;
      if (!same) throw new Error('Transaction does not match the approved preview');
      signed.push(approval);
      return wallet.signTransaction(t);
    },
  };
}

/** Asserts the promise rejects with a contract revert whose reason contains `reason`. */
export async function expectRevert(promise: Promise<unknown>, reason: string): Promise<void> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e as { reason?: string; shortMessage?: string },
  );
  expect(err, `expected revert "${reason}"`).not.toBeNull();
  expect(err?.reason ?? err?.shortMessage).toContain(reason);
}
