// The recipient side of probabilistic micropayments (go-livepeer pm/recipient.go, pm/validator.go,
// core/orchestrator.go ProcessPayment), without its per-start secret: the secret is the node's and
// survives restarts, so tickets on parameters handed out before a restart stay redeemable; used
// nonces are therefore persisted too (used-nonce-store.ts), or a restart would reopen them to replay.
//
// Payments are evaluated first and applied later (`acceptedNonces` / `winners`), so that a segment
// rejected after payment processing changes no balance or nonce state; only winning tickets are
// never dropped.
import { createHmac, randomBytes } from 'node:crypto';
import { create } from '@bufbuild/protobuf';
import { getBytes } from 'ethers';
import {
  TicketExpirationParamsSchema,
  TicketParamsSchema,
  type Payment,
  type TicketParams as WireTicketParams,
} from '../proto/generated/lp_rpc_pb.js';
import {
  bigToBytes,
  bytesToAddressLoose,
  bytesToBig,
  concatBytes,
  equalBytes,
  toHash32,
  ZERO_ADDRESS,
} from './bytes.ts';
import type { ChainView } from './payment-chain-state.ts';
import { inlineSignatureChecks, type SignatureChecks } from './signature-checks.ts';
import { mul, rat, ZERO, type Rat } from './rat.ts';
import type { UsedNonceStore } from './used-nonce-store.ts';
import {
  auxData,
  faceValueFor,
  isWinningTicket,
  recipientRandHash,
  ticketEV,
  ticketHasher,
  winProbFor,
  type Ticket,
  type TicketExpirationParams,
} from './ticket.ts';

export interface RecipientConfig {
  /** The ticket recipient (the on-chain orchestrator address), checksummed. */
  readonly address: string;
  /** 32-byte node secret for recipientRand. */
  readonly secret: Uint8Array;
  /** Target EV per ticket, wei (go-livepeer default 8e9). */
  readonly ev: bigint;
  /** Gas of one redemption (1.2M on Arbitrum, 350k on L1). */
  readonly redeemGas: bigint;
  readonly txCostMultiplier: bigint;
  /** 0 = no cap. */
  readonly maxFaceValue: bigint;
  /** L1 blocks the parameters stay valid (40). */
  readonly paramsExpirationBlocks: bigint;
}

export const DEFAULT_RECIPIENT_CONFIG = {
  ev: 8_000_000_000n,
  redeemGas: 1_200_000n,
  txCostMultiplier: 100n,
  maxFaceValue: 0n,
  paramsExpirationBlocks: 40n,
} as const;

/** go-livepeer's hardcoded "average" gas price for the face-value floor (3 gwei). */
const AVG_GAS_PRICE = 3_000_000_000n;
/** At most this many nonces per recipientRand (pm maxSenderNonces). */
export const MAX_SENDER_NONCES = 600;

export interface ReceivedTicket {
  readonly ticket: Ticket;
  readonly sig: Uint8Array;
  readonly recipientRand: bigint;
  /** L1 block after which the parameters expire (redeem only after it). */
  readonly paramsExpirationBlock: bigint;
}

export interface PaymentEvaluation {
  /** Checksummed sender (zero address when absent). */
  readonly sender: string;
  /** Price per pixel the gateway expects; zero when it sent no ticket params. */
  readonly price: Rat;
  /** Set when the payment is refused (HTTP 400 with this text). */
  readonly error: string | null;
  /** EV to credit if the segment is accepted. */
  readonly credit: Rat;
  readonly ticketCount: number;
  /** Tickets that passed validation, whose nonces are recorded when the request is accepted. */
  readonly acceptedNonces: readonly NonceKey[];
  /** Valid winning tickets: kept for redemption whatever happens to the request. */
  readonly winners: readonly ReceivedTicket[];
}

export interface NonceKey {
  readonly rand: bigint;
  readonly nonce: number;
  readonly expirationBlock: bigint;
}

export interface Recipient {
  readonly address: string;
  /** Fresh parameters for a sender at a price (go-livepeer TicketParams). */
  ticketParams(sender: string, price: Rat): Promise<WireTicketParams>;
  /** Validates every ticket of a payment without changing any state. */
  evaluatePayment(payment: Payment): Promise<PaymentEvaluation>;
  /** Records nonces so they cannot be replayed. */
  recordNonces(keys: readonly NonceKey[]): void;
  /** Forgets nonce sets whose parameters expired at or before this L1 block. */
  pruneNonces(latestL1Block: bigint): void;
}

export function createRecipient(
  config: RecipientConfig,
  chain: ChainView,
  signatures: SignatureChecks = inlineSignatureChecks,
  /** Persists used nonces so a restart does not reopen them to replay (none: memory only). */
  store?: UsedNonceStore,
): Recipient {
  if (config.secret.length !== 32) throw new RangeError('recipient secret must be 32 bytes');
  const seen = new Map<bigint, { nonces: Set<number>; expirationBlock: bigint }>();
  const remember = (keys: readonly NonceKey[]): void => {
    for (const k of keys) {
      let entry = seen.get(k.rand);
      if (!entry) seen.set(k.rand, (entry = { nonces: new Set(), expirationBlock: k.expirationBlock }));
      entry.nonces.add(k.nonce);
    }
  };
  if (store) remember(store.load());

  const rand = (
    seed: bigint,
    sender: string,
    faceValue: bigint,
    winProb: bigint,
    expirationBlock: bigint,
    price: Rat,
    expiration: TicketExpirationParams,
  ): bigint => {
    const msg = concatBytes(
      bigToBytes(seed),
      getBytes(sender),
      bigToBytes(faceValue),
      bigToBytes(winProb),
      bigToBytes(expirationBlock),
      bigToBytes(price.num),
      bigToBytes(price.den),
      auxData(expiration),
    );
    return bytesToBig(createHmac('sha256', config.secret).update(msg).digest());
  };

  const expirationParams = (): TicketExpirationParams => {
    const r = chain.lastInitializedRound();
    // Arbitrum sometimes records a zero block hash for a round: use the previous round instead.
    if (r.blockHash.every((b) => b === 0))
      return { creationRound: r.round - 1n, creationRoundBlockHash: r.previousBlockHash };
    return { creationRound: r.round, creationRoundBlockHash: r.blockHash };
  };

  return {
    address: config.address,

    async ticketParams(sender, price) {
      const seed = bytesToBig(randomBytes(32));
      let faceValue = 0n;
      if (price.num > 0n) {
        faceValue = faceValueFor({
          ev: config.ev,
          redeemGas: config.redeemGas,
          gasPrice: chain.gasPrice(),
          txCostMultiplier: config.txCostMultiplier,
          maxFloat: await chain.maxFloat(sender),
          maxFaceValue: config.maxFaceValue,
          avgGasPrice: AVG_GAS_PRICE,
        });
      }
      const winProb = winProbFor(faceValue, config.ev);
      const expirationBlock = chain.lastSeenL1Block() + config.paramsExpirationBlocks;
      const expiration = expirationParams();
      const r = rand(seed, sender, faceValue, winProb, expirationBlock, price, expiration);
      return create(TicketParamsSchema, {
        recipient: getBytes(config.address),
        faceValue: bigToBytes(faceValue),
        winProb: bigToBytes(winProb),
        recipientRandHash: recipientRandHash(r),
        seed: bigToBytes(seed),
        expirationBlock: bigToBytes(expirationBlock),
        expirationParams: create(TicketExpirationParamsSchema, {
          creationRound: expiration.creationRound,
          creationRoundBlockHash: expiration.creationRoundBlockHash,
        }),
      });
    },

    async evaluatePayment(payment) {
      const senderBytes = payment.sender;
      const sender = senderBytes.length ? bytesToAddressLoose(senderBytes) : ZERO_ADDRESS;
      const base = { sender, credit: ZERO, ticketCount: 0, acceptedNonces: [], winners: [] };
      const params = payment.ticketParams;
      if (!params) return { ...base, price: ZERO, error: null };
      const refuse = (error: string, price: Rat = ZERO): PaymentEvaluation => ({ ...base, price, error });
      if (senderBytes.length === 0) return refuse('Could not find Sender for payment');

      const recipient = bytesToAddressLoose(params.recipient);
      const expected = payment.expectedPrice;
      if (!expected) return refuse('invalid expected price sent with payment err="expected price is nil"');
      if (expected.pixelsPerUnit === 0n)
        return refuse('invalid expected price sent with payment err="pixels per unit is 0"');
      if (expected.pricePerUnit < 0n || expected.pixelsPerUnit < 0n) {
        return refuse('invalid expected price sent with payment err="negative price"');
      }
      const price = rat(expected.pricePerUnit, expected.pixelsPerUnit);

      const faceValue = bytesToBig(params.faceValue);
      const winProb = bytesToBig(params.winProb);
      const seed = bytesToBig(params.seed);
      const paramsExpirationBlock = bytesToBig(params.expirationBlock);
      const randHash = toHash32(params.recipientRandHash);
      const expiration: TicketExpirationParams = {
        creationRound: payment.expirationParams?.creationRound ?? 0n,
        creationRoundBlockHash: toHash32(payment.expirationParams?.creationRoundBlockHash ?? new Uint8Array(0)),
      };
      if (expiration.creationRound < 0n) return refuse('invalid ticket creation round', price);
      const r = rand(seed, sender, faceValue, winProb, paramsExpirationBlock, price, expiration);
      const tickets = payment.ticketSenderParams;
      const template = { recipient, sender, faceValue, winProb, recipientRandHash: randHash, expiration };

      // Tickets share sender, recipient and rand, so the per-ticket checks of ValidateTicket run
      // once; like go-livepeer, a payment without tickets checks none of them. Everything that
      // needs no chain read comes first, signatures included: forged payments cost no RPC.
      let signed: readonly boolean[] = [];
      if (tickets.length > 0) {
        if (recipient.toLowerCase() !== config.address.toLowerCase()) return refuse('invalid ticket recipient', price);
        if (sender === ZERO_ADDRESS) return refuse('invalid ticket sender', price);
        if (!equalBytes(recipientRandHash(r), randHash))
          return refuse('invalid recipientRand for ticket recipientRandHash', price);
        const hash = ticketHasher(template);
        try {
          signed = await signatures.check(
            getBytes(sender),
            tickets.map((sp) => hash(sp.senderNonce)),
            tickets.map((sp) => sp.sig),
          );
        } catch (err) {
          return refuse((err as Error).message, price);
        }
        // Nothing valid to keep: refused before the chain is asked anything.
        if (!signed.includes(true)) return refuse('invalid ticket signature', price);
      }

      if (!(await chain.isActiveOrchestrator(recipient))) {
        return refuse(
          `orchestrator ${recipient} is inactive in round ${chain.lastInitializedRound().round}, cannot process payments`,
        );
      }
      if (tickets.length > 0) {
        const info = await chain.senderInfo(sender);
        const maxWithdrawRound = chain.lastInitializedRound().round + 1n;
        if (info.withdrawRound !== 0n && info.withdrawRound <= maxWithdrawRound) {
          return refuse(`deposit and reserve for sender ${sender} is set to unlock soon`, price);
        }
        if (info.deposit === 0n && info.reserve === 0n)
          return refuse(`sender ${sender} has no deposit and no reserve`, price);
      }

      const expired = paramsExpirationBlock <= chain.lastSeenL1Block();
      const known = seen.get(r);
      const inPayment = new Set<number>();
      let credited = 0;
      let error: string | null = null;
      const acceptedNonces: NonceKey[] = [];
      const winners: ReceivedTicket[] = [];
      tickets.forEach((sp, i) => {
        if (!signed[i]) {
          error ??= 'invalid ticket signature';
          return;
        }
        if (known?.nonces.has(sp.senderNonce) || inPayment.has(sp.senderNonce)) {
          error ??= `invalid ticket senderNonce: already seen sender=${sender} nonce=${sp.senderNonce}`;
          return;
        }
        if ((known?.nonces.size ?? 0) + inPayment.size >= MAX_SENDER_NONCES) {
          error ??= `invalid ticket senderNonce: too many values sender=${sender} nonce=${sp.senderNonce}`;
          return;
        }
        inPayment.add(sp.senderNonce);
        acceptedNonces.push({ rand: r, nonce: sp.senderNonce, expirationBlock: paramsExpirationBlock });
        if (isWinningTicket(sp.sig, r, winProb)) {
          const ticket: Ticket = { ...template, senderNonce: sp.senderNonce };
          winners.push({ ticket, sig: sp.sig, recipientRand: r, paramsExpirationBlock });
        }
        if (expired) error ??= 'TicketParams expired';
        if (error === null) credited++;
      });
      // One multiplication, not a reduced sum per ticket (a gcd of 512-bit numbers each).
      const credit = credited === 0 ? ZERO : mul(ticketEV(faceValue, winProb), rat(BigInt(credited)));
      return { sender, price, error, credit, ticketCount: tickets.length, acceptedNonces, winners };
    },

    recordNonces(keys) {
      // Committed before the request is answered: a kill right after the answer keeps them.
      store?.record(keys);
      remember(keys);
    },

    pruneNonces(latestL1Block) {
      for (const [r, entry] of seen) if (entry.expirationBlock <= latestL1Block) seen.delete(r);
      store?.prune(latestL1Block);
    },
  };
}
