// An AccountSigner backed by an in-memory ethers Wallet, for tests and the demo gateway (whose
// keys are throwaway devnet keys). The real one comes from src-main/wallet.
import type { BaseWallet } from 'ethers';
import type { AccountSigner } from '../../wallet/account-signer.ts';

export function keySigner(wallet: BaseWallet): AccountSigner {
  return {
    address: wallet.address,
    signMessage: (m) => wallet.signMessage(m),
    signTransaction: () => Promise.reject(new Error('this signer signs no transactions')),
  };
}
