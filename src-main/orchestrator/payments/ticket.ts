// Probabilistic micropayment tickets exactly as the TicketBroker sees them
// (MixinTicketBrokerCore.getTicketHash / isWinningTicket) and as go-livepeer's pm package builds
// them. Pure functions: no chain, no clock.
import { getBytes, getAddress } from 'ethers';
import { bigToBytes, bytesToBig, concatBytes, toHash32, uint256Bytes } from './bytes.ts';
import { keccak256Bytes } from './keccak.ts';
import { rat, type Rat } from './rat.ts';

/** 2^256 − 1: winProb is a fraction of this. */
export const MAX_WIN_PROB = (1n << 256n) - 1n;

export interface TicketExpirationParams {
  readonly creationRound: bigint;
  /** 32 bytes. */
  readonly creationRoundBlockHash: Uint8Array;
}

export interface Ticket {
  /** Checksummed addresses. */
  readonly recipient: string;
  readonly sender: string;
  readonly faceValue: bigint;
  readonly winProb: bigint;
  /** uint32 on the wire, a uint256 word in the hash. */
  readonly senderNonce: number;
  /** 32 bytes. */
  readonly recipientRandHash: Uint8Array;
  readonly expiration: TicketExpirationParams;
}

/**
 * auxData = uint256(creationRound) ‖ bytes32(blockHash), 64 bytes; go-livepeer sends it empty when
 * both are zero (pm/ticket.go), and hashes what it sends, so we do the same.
 */
export function auxData(e: TicketExpirationParams): Uint8Array {
  const hash = toHash32(e.creationRoundBlockHash);
  if (e.creationRound === 0n && hash.every((b) => b === 0)) return new Uint8Array(0);
  return concatBytes(uint256Bytes(e.creationRound), hash);
}

/** keccak256(abi.encodePacked(recipient, sender, faceValue, winProb, senderNonce, recipientRandHash, auxData)). */
export function ticketHash(t: Ticket): Uint8Array {
  return ticketHasher(t)(t.senderNonce);
}

/**
 * ticketHash for each nonce of one set of parameters: a payment's tickets differ only in the nonce,
 * so the rest of the packed encoding is built once and the nonce word rewritten per ticket.
 */
export function ticketHasher(t: Omit<Ticket, 'senderNonce'>): (senderNonce: number) => Uint8Array {
  const head = concatBytes(
    getBytes(getAddress(t.recipient)),
    getBytes(getAddress(t.sender)),
    uint256Bytes(t.faceValue),
    uint256Bytes(t.winProb),
  );
  const packed = concatBytes(head, new Uint8Array(32), toHash32(t.recipientRandHash), auxData(t.expiration));
  const nonceWord = new DataView(packed.buffer, head.length + 28, 4);
  return (senderNonce) => {
    if (!Number.isInteger(senderNonce) || senderNonce < 0 || senderNonce > 0xffffffff)
      throw new RangeError('senderNonce must be a uint32');
    nonceWord.setUint32(0, senderNonce);
    return keccak256Bytes(packed);
  };
}

/** keccak256(uint256(recipientRand)), what the ticket commits to. */
export function recipientRandHash(recipientRand: bigint): Uint8Array {
  return keccak256Bytes(uint256Bytes(recipientRand));
}

/** The contract's win test: uint256(keccak256(sig ‖ uint256(recipientRand))) < winProb. */
export function isWinningTicket(sig: Uint8Array, recipientRand: bigint, winProb: bigint): boolean {
  return bytesToBig(keccak256Bytes(concatBytes(sig, uint256Bytes(recipientRand)))) < winProb;
}

/** EV = faceValue × winProb / (2^256 − 1), exact. */
export function ticketEV(faceValue: bigint, winProb: bigint): Rat {
  return rat(faceValue * winProb, MAX_WIN_PROB);
}

/**
 * winProb for a face value so that EV ≥ the target (pm/recipient.go winProb): EV × ceil(max/face),
 * exactly max when face == EV, 0 when face is 0.
 */
export function winProbFor(faceValue: bigint, ev: bigint): bigint {
  if (faceValue === 0n) return 0n;
  if (faceValue === ev) return MAX_WIN_PROB;
  const q = MAX_WIN_PROB / faceValue;
  return ev * (MAX_WIN_PROB % faceValue === 0n ? q : q + 1n);
}

export interface FaceValueInputs {
  /** Target EV per ticket (go-livepeer -ticketEV, default 8e9 wei). */
  readonly ev: bigint;
  readonly redeemGas: bigint;
  readonly gasPrice: bigint;
  readonly txCostMultiplier: bigint;
  /** The sender's max float (reserve allocation to this recipient, minus pending). */
  readonly maxFloat: bigint;
  /** Operator cap; 0 = none. */
  readonly maxFaceValue: bigint;
  /** The hardcoded "average" gas price go-livepeer also accepts (3 gwei). */
  readonly avgGasPrice: bigint;
}

export class InsufficientSenderReserve extends Error {
  constructor() {
    super('insufficient sender reserve');
  }
}

/**
 * Face value (pm/recipient.go faceValue): txCost × multiplier, at least EV × 100, clamped to the
 * sender's max float and the operator cap; refused when it would be below EV or below the
 * redemption cost at both the current and the average gas price.
 */
export function faceValueFor(i: FaceValueInputs): bigint {
  const txCost = i.redeemGas * i.gasPrice;
  let face = txCost * i.txCostMultiplier;
  if (face < i.ev) face = i.ev * 100n;
  if (face > i.maxFloat) face = i.maxFloat;
  if (i.maxFaceValue > 0n && i.maxFaceValue < face) face = i.maxFaceValue;
  if (face < i.ev) throw new InsufficientSenderReserve();
  if (face < txCost && face < i.redeemGas * i.avgGasPrice) throw new InsufficientSenderReserve();
  return face;
}

/** Go big.Int bytes of the price fraction in lowest terms, as go-livepeer's big.Rat gives them. */
export function priceBytes(price: Rat): { num: Uint8Array; den: Uint8Array } {
  return { num: bigToBytes(price.num), den: bigToBytes(price.den) };
}
