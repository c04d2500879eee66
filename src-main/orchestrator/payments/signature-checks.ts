// Checking many personal_sign signatures by one signer (a payment's tickets). The inline checker
// recovers on the calling thread; signature-pool.ts moves the work to worker threads under load.
import { equalBytes } from './bytes.ts';
import { personalDigest, recoverAddressBytes } from './secp256k1.ts';

export interface SignatureChecks {
  /**
   * For each i: whether sigs[i] is `signer`'s (20 address bytes) personal_sign over messages[i].
   * Checks stop at the first signature that is not: the rest answer false unchecked.
   */
  check(signer: Uint8Array, messages: readonly Uint8Array[], sigs: readonly Uint8Array[]): Promise<boolean[]>;
}

/**
 * The check itself, synchronous (also what the pool's workers run). It stops at the first forged
 * signature: a payment with one is refused whole, so a flood of forged payments costs one recovery
 * each, not one per ticket. Tickets after it stay unchecked and unspent (nonce not recorded, no
 * winner kept); only their signer could have made them, and it gets no work for this payment.
 */
export function checkSignatures(
  signer: Uint8Array,
  messages: readonly Uint8Array[],
  sigs: readonly Uint8Array[],
): boolean[] {
  const valid = messages.map(() => false);
  for (let i = 0; i < messages.length; i++) {
    const recovered = recoverAddressBytes(personalDigest(messages[i] as Uint8Array), sigs[i] ?? new Uint8Array(0));
    if (recovered === null || !equalBytes(recovered, signer)) break;
    valid[i] = true;
  }
  return valid;
}

export const inlineSignatureChecks: SignatureChecks = {
  check: (signer, messages, sigs) => Promise.resolve(checkSignatures(signer, messages, sigs)),
};
