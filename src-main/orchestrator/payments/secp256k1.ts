// Ethereum signature recovery on secp256k1 with libsecp256k1: native through N-API where its
// prebuilt binding loads, else compiled to WebAssembly (secp256k1-backends.ts); ~25× and ~6×
// ethers' pure-JS recovery (bench/secp256k1-recovery.ts). Rules as go-livepeer's
// crypto/verify.go, checked here so both builds accept and refuse exactly the same signatures:
// 65 bytes r‖s‖v, v ∈ {27, 28}, s in the lower half of the order.
import { keccak256Bytes } from './keccak.ts';
import { chooseBackend, type RecoveryBackend, type RecoveryPath } from './secp256k1-backends.ts';

/** Chosen once per thread (the pool's workers choose their own, the same way). */
const chosen = chooseBackend();

/** Which build recovers signatures in this thread, what was loaded, and why not native if not. */
export function recoveryBackend(): { path: RecoveryPath; detail: string; fallbackReason?: string } {
  const { backend, fallbackReason } = chosen;
  return { path: backend.path, detail: backend.detail, ...(fallbackReason ? { fallbackReason } : {}) };
}

/** (n − 1) / 2 of secp256k1, big-endian: the largest s accepted. */
const HALF_N = Uint8Array.from(Buffer.from('7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0', 'hex'));

const encoder = new TextEncoder();
/** Tickets and hashes are 32-byte messages: their prefixed buffer is reused (one thread, synchronous). */
const prefix32 = encoder.encode('\x19Ethereum Signed Message:\n32');
const buf32 = new Uint8Array(prefix32.length + 32);
buf32.set(prefix32);

/** EIP-191 personal_sign digest: keccak256("\x19Ethereum Signed Message:\n" ‖ len ‖ message). */
export function personalDigest(message: Uint8Array): Uint8Array {
  if (message.length === 32) {
    buf32.set(message, prefix32.length);
    return keccak256Bytes(buf32);
  }
  const prefix = encoder.encode(`\x19Ethereum Signed Message:\n${message.length}`);
  const buf = new Uint8Array(prefix.length + message.length);
  buf.set(prefix);
  buf.set(message, prefix.length);
  return keccak256Bytes(buf);
}

function aboveHalfN(s: Uint8Array): boolean {
  for (let i = 0; i < 32; i++) {
    const a = s[i] as number;
    const b = HALF_N[i] as number;
    if (a !== b) return a > b;
  }
  return false;
}

/**
 * Recent answers by digest ‖ signature: recovery is a pure function of the two, and a replayed
 * request (the same segment credentials, a forged payment sent again) costs a lookup instead.
 */
const recent = new Map<string, Uint8Array | null>();
const RECENT_MAX = 4096;

/**
 * The 20 address bytes of the key that signed the 32-byte `digest`, or null when the signature
 * is malformed (length, v, high s, r or s out of range, no curve point).
 */
export function recoverAddressBytes(digest: Uint8Array, sig: Uint8Array): Uint8Array | null {
  if (sig.length !== 65 || digest.length !== 32) return null;
  const key = Buffer.from(digest).toString('base64') + Buffer.from(sig).toString('base64');
  const hit = recent.get(key);
  if (hit !== undefined) return hit;
  const signer = recoverAddressWith(chosen.backend, digest, sig);
  if (recent.size >= RECENT_MAX) recent.delete(recent.keys().next().value as string);
  recent.set(key, signer);
  return signer;
}

/** recoverAddressBytes on a given build, without the cache (tests and benches compare the two). */
export function recoverAddressWith(backend: RecoveryBackend, digest: Uint8Array, sig: Uint8Array): Uint8Array | null {
  if (sig.length !== 65 || digest.length !== 32) return null;
  const v = sig[64];
  if (v !== 27 && v !== 28) return null;
  if (aboveHalfN(sig.subarray(32, 64))) return null;
  // null: r or s zero or ≥ n, r not an x coordinate
  const pub = backend.recover(digest, sig.subarray(0, 64), v === 27 ? 0 : 1);
  return pub === null ? null : keccak256Bytes(pub.subarray(1)).subarray(12);
}
