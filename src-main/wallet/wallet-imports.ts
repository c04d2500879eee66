// New accounts: created in the worker (main never sees the key), or imported from a V3 keystore
// (kept byte for byte), a private key or a BIP-39 phrase (encrypted in the worker, not stored).
import { computeAddress, getAddress } from 'ethers';
import { AppError, ErrorCode } from '../../src-shared/contract/index.ts';
import { inspectKeystore } from './keystore-files.ts';
import { jobFailure, jsonOf } from './keystore-job-client.ts';
import { absolute, readKeystoreSource } from './keystore-sources.ts';
import type { ImportedAccount, Wallet } from './wallet.ts';
import type { WalletContext } from './wallet-context.ts';

type Imports = Pick<Wallet, 'create' | 'importKeystore' | 'importPrivateKey' | 'importMnemonic'>;

export function createImports(ctx: WalletContext): Imports {
  const { book, jobs, scryptN } = ctx;
  async function adopt(
    address: string,
    json: string,
    origin: 'created' | 'keystore' | 'private-key' | 'mnemonic',
    label: string | undefined,
  ): Promise<ImportedAccount> {
    await book.add(address, json, origin, label);
    ctx.changed();
    return { address };
  }

  return {
    async create(password, label) {
      const result = await jobs.run({ op: 'create', password, scryptN });
      return adopt(getAddress(result.address), jsonOf(result), 'created', label);
    },

    async importKeystore(source, password, wanted, label) {
      const json = source.kind === 'json' ? source.json : await readKeystoreSource(absolute(source.path), wanted);
      let address: string;
      try {
        address = inspectKeystore(json).address;
      } catch (err) {
        throw new AppError(
          ErrorCode.CorruptKeystore,
          `Not a V3 keystore: ${err instanceof Error ? err.message : 'unreadable'}`,
        );
      }
      if (wanted && getAddress(wanted) !== address)
        throw new AppError(ErrorCode.BadInput, 'The keystore is for another address');
      book.refuseDuplicate(address);
      await jobs.withPassword(address, json, password, 'verify');
      return adopt(address, json, 'keystore', label);
    },

    async importPrivateKey(privateKey, password, label) {
      const hex = privateKey.startsWith('0x') ? privateKey : `0x${privateKey}`;
      let address: string;
      try {
        address = computeAddress(hex);
      } catch {
        throw jobFailure('BAD_PRIVATE_KEY');
      }
      book.refuseDuplicate(address);
      const decoded = Buffer.from(hex.slice(2), 'hex'); // may live in Node's shared pool: wipe it
      const bytes = Uint8Array.from(decoded); // its own buffer, transferred (moved) to the worker
      decoded.fill(0);
      const result = await jobs.run({ op: 'encrypt-key', privateKey: bytes, password, scryptN });
      return adopt(getAddress(result.address), jsonOf(result), 'private-key', label);
    },

    async importMnemonic(mnemonic, accountIndex, password, label) {
      const result = await jobs.run({
        op: 'encrypt-mnemonic',
        phrase: mnemonic,
        path: `m/44'/60'/0'/0/${accountIndex}`,
        password,
        scryptN,
      });
      return adopt(getAddress(result.address), jsonOf(result), 'mnemonic', label);
    },
  };
}
