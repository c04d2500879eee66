// Signatures as go-livepeer makes and checks them (crypto/verify.go): EIP-191 personal_sign over
// a 32-byte message, 65 bytes r‖s‖v with v ∈ {27, 28}, high-s refused. "Sign(msg)" in go-livepeer
// signs keccak256(msg); tickets sign their hash directly (no extra keccak).
import { getBytes, hashMessage, hexlify, keccak256, recoverAddress, Signature } from 'ethers';
import type { AccountSigner } from '../../wallet/account-signer.ts';
import { bytesToBig } from './bytes.ts';

const SECP256K1_HALF_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n / 2n;

/** The address that personal-signed `message`, or null when the signature is malformed. */
export function recoverPersonalSigner(message: Uint8Array, sig: Uint8Array): string | null {
  if (sig.length !== 65) return null;
  if (bytesToBig(sig.subarray(32, 64)) > SECP256K1_HALF_N) return null;
  const v = sig[64];
  if (v !== 27 && v !== 28) return null;
  try {
    return recoverAddress(hashMessage(message), Signature.from(hexlify(sig)));
  } catch {
    return null;
  }
}

/** True when `sig` is `address`'s personal_sign over exactly `message`. */
export function verifyPersonalSig(address: string, message: Uint8Array, sig: Uint8Array): boolean {
  const signer = recoverPersonalSigner(message, sig);
  return signer !== null && signer.toLowerCase() === address.toLowerCase();
}

/** go-livepeer VerifySig(addr, msg, sig): the signed message is keccak256(msg). */
export function verifyLpSig(address: string, msg: Uint8Array, sig: Uint8Array): boolean {
  return verifyPersonalSig(address, getBytes(keccak256(msg)), sig);
}

/** go-livepeer Sign(msg): personal_sign over keccak256(msg). */
export async function lpSign(signer: AccountSigner, msg: Uint8Array): Promise<Uint8Array> {
  return getBytes(await signer.signMessage(getBytes(keccak256(msg))));
}

/** personal_sign over the 32 bytes as given (tickets, transcode result hashes). */
export async function personalSign(signer: AccountSigner, message: Uint8Array): Promise<Uint8Array> {
  return getBytes(await signer.signMessage(message));
}
