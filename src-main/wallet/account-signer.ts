// The seam between the wallet (which holds keys) and the code that needs signatures (the chain
// client for transactions, the node for tickets and results). Implementations never expose key
// material; a transaction is signed only against an approval the user confirmed.
import type { TransactionRequest } from 'ethers';

/** What the user saw and confirmed in a transaction preview; the wallet signs nothing else. */
export interface ApprovedTransaction {
  readonly previewId: string;
  readonly chainId: bigint;
  readonly to: string;
  readonly data: string;
  readonly value: bigint;
}

export interface AccountSigner {
  /** Checksummed address of the account. */
  readonly address: string;
  /** EIP-191 personal_sign over the given bytes (or UTF-8 string); returns the 65-byte signature as hex. */
  signMessage(message: Uint8Array | string): Promise<string>;
  /**
   * Signs a fully populated transaction (nonce, gas and fees set) whose chainId, to, data and value
   * equal the approval; refuses otherwise. Returns the serialized signed transaction.
   */
  signTransaction(tx: TransactionRequest, approval: ApprovedTransaction): Promise<string>;
}
