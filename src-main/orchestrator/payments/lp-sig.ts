// Signatures as go-livepeer makes and checks them (crypto/verify.go): EIP-191 personal_sign over
// a 32-byte message, 65 bytes r‖s‖v with v ∈ {27, 28}, high-s refused. "Sign(msg)" in go-livepeer
// signs keccak256(msg); tickets sign their hash directly (no extra keccak).
import { getBytes } from 'ethers';
import type { AccountSigner } from '../../wallet/account-signer.ts';
import { addressFromBytes, equalBytes } from './bytes.ts';
import { keccak256Bytes } from './keccak.ts';
import { personalDigest, recoverAddressBytes } from './secp256k1.ts';

/** The address that personal-signed `message`, or null when the signature is malformed. */
export function recoverPersonalSigner(message: Uint8Array, sig: Uint8Array): string | null {
  const signer = recoverAddressBytes(personalDigest(message), sig);
  return signer === null ? null : addressFromBytes(signer);
}

/** True when `sig` is `address`'s personal_sign over exactly `message`. */
export function verifyPersonalSig(address: string, message: Uint8Array, sig: Uint8Array): boolean {
  const signer = recoverAddressBytes(personalDigest(message), sig);
  return signer !== null && equalBytes(signer, getBytes(address));
}

/** go-livepeer VerifySig(addr, msg, sig): the signed message is keccak256(msg). */
export function verifyLpSig(address: string, msg: Uint8Array, sig: Uint8Array): boolean {
  return verifyPersonalSig(address, keccak256Bytes(msg), sig);
}

/** go-livepeer Sign(msg): personal_sign over keccak256(msg). */
export async function lpSign(signer: AccountSigner, msg: Uint8Array): Promise<Uint8Array> {
  return getBytes(await signer.signMessage(keccak256Bytes(msg)));
}

/** personal_sign over the 32 bytes as given (tickets, transcode result hashes). */
export async function personalSign(signer: AccountSigner, message: Uint8Array): Promise<Uint8Array> {
  return getBytes(await signer.signMessage(message));
}
