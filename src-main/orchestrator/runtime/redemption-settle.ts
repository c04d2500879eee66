// After a restart (or a send left unconfirmed): what became of the tickets left `submitted`. One
// request says which the chain has used (TicketBroker.usedTickets); per transaction hash, its
// receipt says what each paid (a batch shares one hash) and, when there is none, whether the RPC
// still knows the transaction (in the mempool: wait). A used ticket is redeemed; an unused one is
// pending again only when its transaction cannot land any more (mined without it, or unknown).
import type { ChainClient } from '../../chain/client.ts';
import { redemptionKey, redemptionsInReceipt } from '../../chain/ticket-batch.ts';
import type { Logger } from '../../log/logger.ts';
import type { StoredWinningTicket, WinningTicketStore } from '../payments/winning-ticket-store.ts';
import { asRedemption, splitGas } from './redemption-tickets.ts';

/** `onRedeemed`: a ticket found redeemed (its sender's funds changed). */
export async function settleSubmitted(
  client: ChainClient,
  store: WinningTicketStore,
  log: Logger,
  onRedeemed?: (t: StoredWinningTicket) => void,
): Promise<void> {
  const submitted = store.list('submitted');
  const used = await client.tickets.used(submitted.map((t) => t.hash));
  const byTx = new Map<string | null, { t: StoredWinningTicket; used: boolean }[]>();
  submitted.forEach((t, i) => byTx.set(t.txHash, [...(byTx.get(t.txHash) ?? []), { t, used: used[i] ?? false }]));
  const broker = (await client.addresses()).TicketBroker;
  for (const [txHash, group] of byTx) {
    const receipt = txHash ? await client.provider.getTransactionReceipt(txHash) : null;
    if (txHash && !receipt && (await client.provider.getTransaction(txHash))) continue; // in the mempool: wait
    const paid = receipt ? redemptionsInReceipt(receipt, broker) : new Map<string, bigint>();
    const usedHere = group.filter((g) => g.used).map((g) => g.t);
    const gas = receipt ? splitGas(usedHere, receipt.gasUsed * receipt.gasPrice) : new Map<string, bigint>();
    for (const { t, used: isUsed } of group) {
      if (isUsed) {
        onRedeemed?.(t);
        store.setState(t.hash, 'redeemed', {
          gasCost: gas.get(t.hash) ?? null,
          paid: paid.get(redemptionKey(asRedemption(t))) ?? null,
          error: null,
        });
        log.info(`Winning ticket ${t.hash} was redeemed before the restart`);
      } else {
        store.setState(t.hash, 'pending', {
          error: `Resubmitting: the earlier attempt ${receipt ? 'did not redeem it' : 'did not reach the chain'}`,
        });
      }
    }
  }
}
