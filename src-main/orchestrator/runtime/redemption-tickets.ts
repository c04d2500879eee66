// A stored winning ticket as the chain client's redemption, and a batch's gas shared among its tickets.
import { hexlify } from 'ethers';
import type { Redemption } from '../../chain/ticket-batch.ts';
import { auxData } from '../payments/ticket.ts';
import type { StoredWinningTicket } from '../payments/winning-ticket-store.ts';

export function asRedemption(t: StoredWinningTicket): Redemption {
  const k = t.ticket;
  return {
    ticket: {
      recipient: k.recipient,
      sender: k.sender,
      faceValue: k.faceValue,
      winProb: k.winProb,
      senderNonce: BigInt(k.senderNonce),
      recipientRandHash: hexlify(k.recipientRandHash),
      auxData: hexlify(auxData(k.expiration)),
    },
    sig: hexlify(t.sig),
    recipientRand: t.recipientRand,
  };
}

/** A transaction's gas cost shared among tickets, the remainder on the first: the shares add up to it. */
export function splitGas(tickets: readonly StoredWinningTicket[], cost: bigint): Map<string, bigint> {
  const n = BigInt(tickets.length);
  if (n === 0n) return new Map();
  const share = cost / n;
  return new Map(tickets.map((t, i) => [t.hash, i === 0 ? cost - share * (n - 1n) : share]));
}
