// Ticket hash, signatures and the win test against ethers' independent computations.
import {
  getBytes,
  hexlify,
  keccak256,
  randomBytes,
  recoverAddress,
  hashMessage,
  Signature,
  solidityPacked,
  solidityPackedKeccak256,
  verifyMessage,
  Wallet,
  ZeroHash,
} from 'ethers';
import { describe, expect, it } from 'vitest';
import { bigToBytes, bytesToBig } from './bytes.ts';
import { lpSign, recoverPersonalSigner, verifyLpSig, verifyPersonalSig } from './lp-sig.ts';
import {
  faceValueFor,
  InsufficientSenderReserve,
  isWinningTicket,
  MAX_WIN_PROB,
  recipientRandHash,
  ticketEV,
  ticketHash,
  winProbFor,
  type Ticket,
} from './ticket.ts';
import { keySigner } from './key-signer.ts';
import { cmp, rat } from './rat.ts';

const rnd256 = (): bigint => bytesToBig(randomBytes(32));

function randomTicket(round: bigint, blockHash: string): Ticket {
  return {
    recipient: Wallet.createRandom().address,
    sender: Wallet.createRandom().address,
    faceValue: rnd256() >> 100n,
    winProb: rnd256(),
    senderNonce: Number(bytesToBig(randomBytes(4))),
    recipientRandHash: randomBytes(32),
    expiration: { creationRound: round, creationRoundBlockHash: getBytes(blockHash) },
  };
}

function ethersTicketHash(t: Ticket): string {
  const aux =
    t.expiration.creationRound === 0n && hexlify(t.expiration.creationRoundBlockHash) === ZeroHash
      ? '0x'
      : solidityPacked(['uint256', 'bytes32'], [t.expiration.creationRound, t.expiration.creationRoundBlockHash]);
  return solidityPackedKeccak256(
    ['address', 'address', 'uint256', 'uint256', 'uint256', 'bytes32', 'bytes'],
    [t.recipient, t.sender, t.faceValue, t.winProb, t.senderNonce, t.recipientRandHash, aux],
  );
}

describe('ticket hash', () => {
  it('equals solidityPackedKeccak256 of the TicketBroker layout (64-byte auxData)', () => {
    for (let i = 0; i < 20; i++) {
      const t = randomTicket(bytesToBig(randomBytes(3)) + 1n, hexlify(randomBytes(32)));
      expect(hexlify(ticketHash(t))).toBe(ethersTicketHash(t));
    }
  });
  it('hashes empty auxData when round and block hash are zero, as go-livepeer does', () => {
    const t = randomTicket(0n, ZeroHash);
    expect(hexlify(ticketHash(t))).toBe(ethersTicketHash(t));
    const withAux = randomTicket(1n, ZeroHash);
    expect(hexlify(ticketHash(withAux))).toBe(ethersTicketHash(withAux));
  });
  it('recipientRandHash is keccak256(uint256 rand)', () => {
    const r = rnd256();
    expect(hexlify(recipientRandHash(r))).toBe(solidityPackedKeccak256(['uint256'], [r]));
  });
});

describe('signatures', () => {
  const wallet = Wallet.createRandom();
  it('recovers an ethers personal_sign over the ticket hash', async () => {
    const hash = ticketHash(randomTicket(5n, hexlify(randomBytes(32))));
    const sig = getBytes(await wallet.signMessage(hash));
    expect(recoverPersonalSigner(hash, sig)).toBe(recoverAddress(hashMessage(hash), hexlify(sig)));
    expect(verifyPersonalSig(wallet.address, hash, sig)).toBe(true);
    expect(verifyPersonalSig(Wallet.createRandom().address, hash, sig)).toBe(false);
  });
  it('refuses wrong length, v not in {27,28} and high-s, like go-livepeer', async () => {
    const msg = randomBytes(32);
    const sig = getBytes(await wallet.signMessage(msg));
    expect(verifyPersonalSig(wallet.address, msg, sig.subarray(0, 64))).toBe(false);
    const v01 = Uint8Array.from(sig);
    v01[64] = v01[64]! - 27;
    expect(verifyPersonalSig(wallet.address, msg, v01)).toBe(false);
    // The malleable twin (n − s, flipped v) recovers the same key in ethers but must be refused.
    const s = Signature.from(hexlify(sig));
    const n = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
    const highS = Uint8Array.from([...getBytes(s.r), ...bigToBytes(n - BigInt(s.s)), s.v === 27 ? 28 : 27]);
    expect(highS.length).toBe(65);
    expect(verifyPersonalSig(wallet.address, msg, highS)).toBe(false);
  });
  it('lpSign signs keccak256(msg) and verifies like ethers verifyMessage', async () => {
    const msg = new TextEncoder().encode(wallet.address);
    const sig = await lpSign(keySigner(wallet), msg);
    expect(verifyMessage(getBytes(keccak256(msg)), hexlify(sig))).toBe(wallet.address);
    expect(verifyLpSig(wallet.address, msg, sig)).toBe(true);
  });
});

describe('win test and EV', () => {
  it('compares keccak256(sig ‖ uint256 rand) with winProb, as the contract does', async () => {
    const wallet = Wallet.createRandom();
    for (let i = 0; i < 10; i++) {
      const sig = getBytes(await wallet.signMessage(randomBytes(32)));
      const r = rnd256();
      const h = BigInt(keccak256(solidityPacked(['bytes', 'uint256'], [sig, r])));
      expect(isWinningTicket(sig, r, h)).toBe(false);
      expect(isWinningTicket(sig, r, h + 1n)).toBe(true);
      expect(isWinningTicket(sig, r, MAX_WIN_PROB)).toBe(h < MAX_WIN_PROB);
      expect(isWinningTicket(sig, r, 0n)).toBe(false);
    }
  });
  it('winProb gives at least the target EV and exactly max when face == EV', () => {
    const ev = 8_000_000_000n;
    expect(winProbFor(ev, ev)).toBe(MAX_WIN_PROB);
    expect(winProbFor(0n, ev)).toBe(0n);
    for (const face of [ev * 100n, 3_600_000_000_000_000n, 123_456_789_012_345n]) {
      const wp = winProbFor(face, ev);
      expect(cmp(ticketEV(face, wp), rat(ev))).toBeGreaterThanOrEqual(0);
      expect(cmp(ticketEV(face, wp - ev), rat(ev))).toBeLessThan(0);
    }
  });
  it('face value follows the tx cost, the EV floor, max float and the cap', () => {
    const base = {
      ev: 8_000_000_000n,
      redeemGas: 1_200_000n,
      gasPrice: 100_000_000n,
      txCostMultiplier: 100n,
      maxFloat: 10n ** 18n,
      maxFaceValue: 0n,
      avgGasPrice: 3_000_000_000n,
    };
    expect(faceValueFor(base)).toBe(1_200_000n * 100_000_000n * 100n);
    expect(faceValueFor({ ...base, gasPrice: 1n })).toBe(800_000_000_000n);
    expect(faceValueFor({ ...base, maxFloat: 10n ** 16n })).toBe(10n ** 16n);
    expect(faceValueFor({ ...base, maxFaceValue: 5n * 10n ** 15n })).toBe(5n * 10n ** 15n);
    expect(() => faceValueFor({ ...base, maxFloat: 1000n })).toThrow(InsufficientSenderReserve);
    // Below the cost of redeeming at both the current and the 3 gwei average price.
    expect(() => faceValueFor({ ...base, gasPrice: 10n ** 10n, maxFloat: 10n ** 15n })).toThrow(
      InsufficientSenderReserve,
    );
  });
});
