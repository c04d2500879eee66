// Signature vectors for the recovery tests: real ethers personal_sign signatures, and the answer
// go-livepeer's rules give on top of ethers' own recovery (the reference both libsecp256k1 builds
// are held to).
import { getBytes, hashMessage, hexlify, randomBytes, recoverAddress, Signature, Wallet } from 'ethers';
import { bytesToBig } from '../payments/bytes.ts';

/** The secp256k1 group order. */
export const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

/** ethers' signer of `digest` (checksummed) under go-livepeer's rules: 65 bytes, v 27/28, s ≤ (n − 1)/2; else null. */
export function referenceSigner(digest: Uint8Array, sig: Uint8Array): string | null {
  if (sig.length !== 65 || (sig[64] !== 27 && sig[64] !== 28)) return null;
  if (bytesToBig(sig.subarray(32, 64)) > N / 2n) return null;
  try {
    return recoverAddress(digest, Signature.from(hexlify(sig)));
  } catch {
    return null; // r or s zero or ≥ n, no curve point
  }
}

export interface SignedVector {
  readonly wallet: Wallet;
  readonly message: Uint8Array;
  /** The EIP-191 digest of `message`. */
  readonly digest: Uint8Array;
  readonly sig: Uint8Array;
}

/** `count` random messages (of length `messageLength(i)`) personal-signed by `wallets` in turn. */
export function signedVectors(
  count: number,
  wallets: number,
  messageLength: (i: number) => number = () => 32,
): Promise<SignedVector[]> {
  const keys = Array.from({ length: wallets }, () => new Wallet(Wallet.createRandom().privateKey));
  return Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const wallet = keys[i % keys.length] as Wallet;
      const message = randomBytes(messageLength(i));
      const sig = getBytes(await wallet.signMessage(message));
      return { wallet, message, digest: getBytes(hashMessage(message)), sig };
    }),
  );
}
