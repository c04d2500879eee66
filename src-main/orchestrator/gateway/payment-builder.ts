// The sender side of tickets (go-livepeer pm/sender.go CreateTicketBatch, server genPayment), for
// the demo gateway: tickets on the orchestrator's parameters, each signed with personal_sign over
// its hash, nonces counted up per recipientRandHash.
import { create } from '@bufbuild/protobuf';
import { getBytes } from 'ethers';
import type { AccountSigner } from '../../wallet/account-signer.ts';
import {
  PaymentSchema,
  TicketExpirationParamsSchema,
  TicketSenderParamsSchema,
  type Payment,
  type PriceInfo,
  type TicketParams,
} from '../proto/generated/lp_rpc_pb.js';
import { bytesToAddressLoose, bytesToBig, toHash32 } from '../payments/bytes.ts';
import { ticketHasher } from '../payments/ticket.ts';

export async function buildPayment(
  signer: AccountSigner,
  params: TicketParams,
  expectedPrice: PriceInfo,
  nonces: readonly number[],
): Promise<Payment> {
  const expiration = params.expirationParams ?? create(TicketExpirationParamsSchema);
  // The tickets differ only in their nonce: the packed encoding is built once (ticketHasher).
  const hash = ticketHasher({
    recipient: bytesToAddressLoose(params.recipient),
    sender: signer.address,
    faceValue: bytesToBig(params.faceValue),
    winProb: bytesToBig(params.winProb),
    recipientRandHash: toHash32(params.recipientRandHash),
    expiration: {
      creationRound: expiration.creationRound,
      creationRoundBlockHash: toHash32(expiration.creationRoundBlockHash),
    },
  });
  const senderParams = [];
  for (const senderNonce of nonces) {
    const sig = getBytes(await signer.signMessage(hash(senderNonce)));
    senderParams.push(create(TicketSenderParamsSchema, { senderNonce, sig }));
  }
  return create(PaymentSchema, {
    ticketParams: params,
    sender: getBytes(signer.address),
    expirationParams: expiration,
    ticketSenderParams: senderParams,
    expectedPrice,
  });
}
