// Checking many personal_sign signatures by one signer (a payment's tickets). The inline checker
// recovers on the calling thread; signature-pool.ts moves the work to worker threads under load.
import { equalBytes } from './bytes.ts';
import { personalDigest, recoverAddressBytes } from './secp256k1.ts';

export interface SignatureChecks {
  /** For each i: whether sigs[i] is `signer`'s (20 address bytes) personal_sign over messages[i]. */
  check(signer: Uint8Array, messages: readonly Uint8Array[], sigs: readonly Uint8Array[]): Promise<boolean[]>;
}

/** The check itself, synchronous (also what the pool's workers run). */
export function checkSignatures(
  signer: Uint8Array,
  messages: readonly Uint8Array[],
  sigs: readonly Uint8Array[],
): boolean[] {
  return messages.map((m, i) => {
    const recovered = recoverAddressBytes(personalDigest(m), sigs[i] ?? new Uint8Array(0));
    return recovered !== null && equalBytes(recovered, signer);
  });
}

export const inlineSignatureChecks: SignatureChecks = {
  check: (signer, messages, sigs) => Promise.resolve(checkSignatures(signer, messages, sigs)),
};
