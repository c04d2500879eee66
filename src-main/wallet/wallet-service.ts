// The wallet's contract service: a thin mapping from validated inputs to the wallet. Results are
// parsed through the contract's output schemas by the router, which strips anything undeclared.
import type { wallet as walletSpec } from '../../src-shared/contract/index.ts';
import type { ServiceImpl } from '../core/service.ts';
import type { Wallet } from './wallet.ts';

export function createWalletService(wallet: Wallet): ServiceImpl<typeof walletSpec> {
  return {
    status: () => wallet.status(),
    create: ({ password, label }) => wallet.create(password, label),
    scanFolder: ({ path }) => wallet.scanFolder(path),
    importKeystore: ({ source, password, address, label }) => wallet.importKeystore(source, password, address, label),
    importPrivateKey: ({ privateKey, password, label }) => wallet.importPrivateKey(privateKey, password, label),
    importMnemonic: ({ mnemonic, accountIndex, password, label }) =>
      wallet.importMnemonic(mnemonic, accountIndex, password, label),
    exportKeystore: ({ address, directory }) => wallet.exportKeystore(address, directory),
    checkBackup: ({ address, path, password }) => wallet.checkBackup(address, path, password),
    select: ({ address }) => wallet.select(address),
    unlock: ({ password }) => wallet.unlock(password),
    lock: () => wallet.lock('manual'),
    setAutoLock: ({ minutes }) => wallet.setAutoLock(minutes),
    setRememberPassword: (input) =>
      wallet.setRememberPassword(input.address, input.enabled, input.enabled ? input.password : undefined),
  };
}
