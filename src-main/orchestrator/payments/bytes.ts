// Byte encodings of the wire: Go's big.Int.Bytes() (minimal big-endian, zero is empty) and the
// fixed-width words of the Solidity side.
import { getBytes, hexlify, zeroPadValue } from 'ethers';
import { keccak256Bytes } from './keccak.ts';

/** Go big.Int.Bytes(): minimal big-endian, empty for zero. Negative values are not encodable. */
export function bigToBytes(value: bigint): Uint8Array {
  if (value < 0n) throw new RangeError('negative big integer');
  if (value === 0n) return new Uint8Array(0);
  let hex = value.toString(16);
  if (hex.length % 2) hex = '0' + hex;
  return getBytes('0x' + hex);
}

/** new(big.Int).SetBytes(b): unsigned big-endian, empty is zero. */
export function bytesToBig(bytes: Uint8Array): bigint {
  return bytes.length === 0 ? 0n : BigInt(hexlify(bytes));
}

/** A uint256 word, 32 bytes big-endian; values outside [0, 2^256) are refused. */
export function uint256Bytes(value: bigint): Uint8Array {
  if (value < 0n || value >= 1n << 256n) throw new RangeError('value out of uint256 range');
  return getBytes(zeroPadValue(bigToBytes(value), 32));
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let i = 0;
  for (const p of parts) {
    out.set(p, i);
    i += p.length;
  }
  return out;
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * EIP-55 checksummed string of 20 address bytes, hashed with the WebAssembly keccak: ethers'
 * getAddress hashes in JS (~27 µs), and a payment's path makes several of these.
 */
function checksummed(bytes: Uint8Array): string {
  const hex = Buffer.from(bytes).toString('hex');
  const hash = keccak256Bytes(Buffer.from(hex, 'latin1'));
  let out = '0x';
  for (let i = 0; i < 40; i++) {
    const c = hex[i] as string;
    const nibble = ((hash[i >> 1] as number) >> (i % 2 === 0 ? 4 : 0)) & 15;
    out += c > '9' && nibble >= 8 ? c.toUpperCase() : c;
  }
  return out;
}

/** The 20 address bytes as a checksummed string; refuses any other length. */
export function addressFromBytes(bytes: Uint8Array): string {
  if (bytes.length !== 20) throw new RangeError(`address must be 20 bytes, got ${bytes.length}`);
  return checksummed(bytes);
}

/** go-ethereum BytesToAddress: keeps the last 20 bytes, left-pads shorter input with zeros. */
export function bytesToAddressLoose(bytes: Uint8Array): string {
  const tail = bytes.length > 20 ? bytes.subarray(bytes.length - 20) : bytes;
  const padded = new Uint8Array(20);
  padded.set(tail, 20 - tail.length);
  return checksummed(padded);
}

/** go-ethereum BytesToHash: keeps the last 32 bytes, left-pads shorter input with zeros. */
export function toHash32(b: Uint8Array): Uint8Array {
  if (b.length === 32) return b;
  if (b.length > 32) return b.subarray(b.length - 32);
  const out = new Uint8Array(32);
  out.set(b, 32 - b.length);
  return out;
}

export const ZERO_ADDRESS = '0x0000000000000000000000000000000000000000';
