// Tests and benches only: a throwaway key that personal-signs with libsecp256k1 (WebAssembly) in
// about 0.1 ms instead of ethers' 2 ms, so a test can make thousands of senders' signatures.
// Signatures are the standard 65-byte r‖s‖v (v 27/28, low s), as ethers' Wallet makes them.
import { randomBytes } from 'node:crypto';
import { hexlify } from 'ethers';
import { pointFromScalar, signRecoverable } from 'tiny-secp256k1';
import type { AccountSigner } from '../../wallet/account-signer.ts';
import { addressFromBytes } from '../payments/bytes.ts';
import { keccak256Bytes } from '../payments/keccak.ts';
import { personalDigest } from '../payments/secp256k1.ts';

/** The 65-byte personal_sign signature by `key` over `message`. */
export function fastPersonalSign(key: Uint8Array, message: Uint8Array): Uint8Array {
  const { signature, recoveryId } = signRecoverable(personalDigest(message), key);
  const sig = new Uint8Array(65);
  sig.set(signature);
  sig[64] = 27 + recoveryId;
  return sig;
}

/** A random key's signer (no transactions). */
export function fastKeySigner(key: Uint8Array = new Uint8Array(randomBytes(32))): AccountSigner {
  const pub = pointFromScalar(key, false);
  if (!pub) throw new RangeError('not a private key');
  const address = addressFromBytes(keccak256Bytes(pub.subarray(1)).subarray(12));
  return {
    address,
    signMessage: (m) =>
      Promise.resolve(hexlify(fastPersonalSign(key, typeof m === 'string' ? new TextEncoder().encode(m) : m))),
    signTransaction: () => Promise.reject(new Error('this signer signs no transactions')),
  };
}
