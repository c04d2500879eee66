// The signature path this machine runs (native libsecp256k1, else WebAssembly; both builds
// side by side in secp256k1-backends.test.ts) against ethers' recovery on random and malformed vectors, and
// the ticket hash against go-livepeer's own expected hashes (pm/ticket_test.go TestHash).
import {
  getAddress,
  getBytes,
  hashMessage,
  hexlify,
  keccak256,
  randomBytes,
  type Wallet,
  ZeroAddress,
  ZeroHash,
  zeroPadValue,
} from 'ethers';
import { beforeAll, describe, expect, it } from 'vitest';
import { addressFromBytes, bytesToAddressLoose, bytesToBig } from './bytes.ts';
import { keccak256Bytes, keccakReady } from './keccak.ts';
import { recoverPersonalSigner, verifyPersonalSig } from './lp-sig.ts';
import { checkSignatures } from './signature-checks.ts';
import { ticketHash, ticketHasher, type Ticket } from './ticket.ts';
import { N, referenceSigner, signedVectors, type SignedVector } from '../testing/signature-vectors.ts';

const word = (x: bigint) => getBytes('0x' + x.toString(16).padStart(64, '0'));
const reference = (message: Uint8Array, sig: Uint8Array) => referenceSigner(getBytes(hashMessage(message)), sig);

let vectors: SignedVector[] = [];
let wallets: Wallet[] = [];

beforeAll(async () => {
  await keccakReady;
  // Mostly 32-byte messages (tickets, hashes), some of other lengths for the EIP-191 prefix.
  vectors = await signedVectors(320, 8, (i) => (i % 8 === 7 ? i % 97 : 32));
  wallets = [...new Set(vectors.map((v) => v.wallet))];
});

describe('secp256k1 recovery (the chosen libsecp256k1 build) against ethers', () => {
  it('recovers the signer of 320 random ethers signatures', () => {
    for (const v of vectors) {
      expect(recoverPersonalSigner(v.message, v.sig)).toBe(v.wallet.address);
      expect(recoverPersonalSigner(v.message, v.sig)).toBe(reference(v.message, v.sig));
      expect(verifyPersonalSig(v.wallet.address, v.message, v.sig)).toBe(true);
      expect(verifyPersonalSig(ZeroAddress, v.message, v.sig)).toBe(false);
    }
  });

  it('agrees with ethers on tampered signatures and messages, byte by byte', () => {
    for (const [i, v] of vectors.slice(0, 120).entries()) {
      const sig = new Uint8Array(v.sig);
      const at = i % 64; // somewhere in r or s
      sig[at] = (sig[at] as number) ^ (1 << (i % 8));
      expect(recoverPersonalSigner(v.message, sig)).toBe(reference(v.message, sig));
      expect(recoverPersonalSigner(v.message, sig)).not.toBe(v.wallet.address);
      const message = new Uint8Array(v.message);
      if (message.length > 0) {
        message[i % message.length] = (message[i % message.length] as number) ^ 0x80;
        expect(recoverPersonalSigner(message, v.sig)).toBe(reference(message, v.sig));
        expect(verifyPersonalSig(v.wallet.address, message, v.sig)).toBe(false);
      }
    }
  });

  it('refuses wrong v, high s, bad lengths and out-of-range r or s, as go-livepeer does', () => {
    for (const v of vectors.slice(0, 60)) {
      const r = bytesToBig(v.sig.subarray(0, 32));
      const s = bytesToBig(v.sig.subarray(32, 64));
      const withV = (x: number) => Uint8Array.from([...v.sig.subarray(0, 64), x]);
      const flipped = withV(v.sig[64] === 27 ? 28 : 27);
      const malformed = [
        withV(0),
        withV(1),
        withV(26),
        withV(29),
        v.sig.subarray(0, 64),
        Uint8Array.from([...v.sig, 0]),
        new Uint8Array(0),
        // The same signature with s → n − s (valid for ethers' recovery with v flipped): refused.
        Uint8Array.from([...word(r), ...word(N - s), flipped[64] as number]),
        Uint8Array.from([...word(0n), ...word(s), v.sig[64] as number]),
        Uint8Array.from([...word(r), ...word(0n), v.sig[64] as number]),
        Uint8Array.from([...word(N + 1n), ...word(s), v.sig[64] as number]),
        Uint8Array.from([...word((1n << 256n) - 1n), ...word(s), v.sig[64] as number]),
      ];
      for (const sig of malformed) {
        expect(recoverPersonalSigner(v.message, sig)).toBeNull();
        expect(reference(v.message, sig)).toBeNull();
      }
      // Flipping v recovers some other key, for both.
      expect(recoverPersonalSigner(v.message, flipped)).toBe(reference(v.message, flipped));
      expect(recoverPersonalSigner(v.message, flipped)).not.toBe(v.wallet.address);
    }
  });

  it('agrees with ethers on random 65-byte strings', () => {
    for (let i = 0; i < 200; i++) {
      const sig = randomBytes(65);
      sig[64] = 27 + (i % 2);
      if (i % 3 === 0) sig[32] = (sig[32] as number) & 0x7f; // low s, so recovery is attempted
      const message = randomBytes(32);
      expect(recoverPersonalSigner(message, sig)).toBe(reference(message, sig));
    }
  });

  it('checks a batch by one signer, each signature on its own, up to the first that is not its', () => {
    const wallet = wallets[0] as Wallet;
    const own = vectors.filter((v) => v.wallet === wallet).slice(0, 20);
    const messages = own.map((v) => v.message);
    expect(
      checkSignatures(
        getBytes(wallet.address),
        messages,
        own.map((v) => v.sig),
      ),
    ).toEqual(own.map(() => true));
    const stranger = vectors.find((x) => x.wallet !== wallet)?.sig as Uint8Array;
    const sigs = own.map((v, i) => (i === 7 ? stranger : v.sig));
    expect(checkSignatures(getBytes(wallet.address), messages, sigs)).toEqual(own.map((_, i) => i < 7));
  });
});

describe('EIP-55 address checksums (WebAssembly keccak)', () => {
  it('equal ethers getAddress for random addresses, loose and exact', () => {
    for (let i = 0; i < 500; i++) {
      const b = randomBytes(20);
      expect(addressFromBytes(b)).toBe(getAddress(hexlify(b)));
      const short = b.subarray(0, i % 21);
      expect(bytesToAddressLoose(short)).toBe(getAddress(zeroPadValue(short, 20)));
    }
    expect(() => addressFromBytes(randomBytes(19))).toThrow(RangeError);
  });
});

describe('keccak256 (WebAssembly)', () => {
  it('equals ethers keccak256 from 0 bytes to 1 MB', () => {
    for (const n of [0, 1, 31, 32, 33, 135, 136, 137, 1000, 65_536, 1_000_003]) {
      const data = randomBytes(n);
      expect(hexlify(keccak256Bytes(data))).toBe(keccak256(data));
    }
  });
});

describe("ticket hash against go-livepeer's pm TestHash vectors", () => {
  const zero: Ticket = {
    recipient: ZeroAddress,
    sender: ZeroAddress,
    faceValue: 0n,
    winProb: 0n,
    senderNonce: 0,
    recipientRandHash: getBytes(ZeroHash),
    expiration: { creationRound: 0n, creationRoundBlockHash: getBytes(ZeroHash) },
  };
  const commitment = getBytes('0x41b1a0649752af1b28b3dc29a1556eee781e4a4c3a1f7f53f90fa834de098c4d');
  const cases: [string, Ticket, string][] = [
    [
      'maximum nonce',
      { ...zero, senderNonce: 0xffffffff },
      'e1393fc7f6de093780674022f96cb8e3872235167d037c04d554e58c0e63d280',
    ],
    ['nonce', { ...zero, senderNonce: 1 }, 'ce0918ba94518293e9712effbe5fca4f1f431089833a5b8c257cb1e024595f68'],
    [
      'probability',
      { ...zero, faceValue: 1n, winProb: 500n },
      '87ef13f2d37e4d5352a01d3c77b8179d80e0887f1953bfabfd0bfd7b0f689ddd',
    ],
    [
      'face value',
      { ...zero, faceValue: 500n, winProb: 1n },
      'aa4b35071043587992ac8b9dd1b2cf1d8311130e6458cf0b2342484e21af5f5b',
    ],
    [
      'recipient',
      { ...zero, recipient: '0x73AEd7b5dEb30222fa896f399d46cC99c7BEe57F' },
      '81e353ae39046e2b77b9f996abbaeed527fda559b61ef90f299c4499dd508ccc',
    ],
    [
      'commitment',
      { ...zero, recipientRandHash: commitment },
      'be5eaf9a49a39540b9bb02f1a21904f61324a29819e2c032824bfaa10c100b17',
    ],
    [
      'expiration',
      { ...zero, expiration: { creationRound: 10n, creationRoundBlockHash: commitment } },
      'e502907c16036ab3d11b78c5a2e93c20f3d6415c67f91de4ed01348182b3b2e2',
    ],
  ];
  it.each(cases)('%s', (_, ticket, expected) => {
    expect(hexlify(ticketHash(ticket))).toBe('0x' + expected);
  });

  it('gives the same hash through one hasher for every nonce', () => {
    const hash = ticketHasher({ ...zero, faceValue: 1n, winProb: 500n });
    expect(hexlify(hash(1))).toBe(hexlify(ticketHash({ ...zero, faceValue: 1n, winProb: 500n, senderNonce: 1 })));
    expect(hexlify(hash(0))).toBe('0x87ef13f2d37e4d5352a01d3c77b8179d80e0887f1953bfabfd0bfd7b0f689ddd');
    expect(() => hash(-1)).toThrow(RangeError);
    expect(() => hash(2 ** 32)).toThrow(RangeError);
  });
});
