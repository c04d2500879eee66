// What the UI reads from one orchestrator's indexed events: its delegators (bonded amounts as of
// the last event), rewards, fees and reward gas per round, and the latest events.
import { getAddress } from 'ethers';
import type { z } from 'zod';
import type { ChainDelegator, ChainRoundEarnings } from '../../../src-shared/contract/index.ts';
import type { Database } from '../../store/database.ts';

/** Bonded to the orchestrator as of the last indexed event (claimed earnings included). */
export type IndexedDelegator = z.output<typeof ChainDelegator>;
export type RoundEarnings = z.output<typeof ChainRoundEarnings>;
export interface IndexedEvent {
  blockNumber: number;
  txHash: string;
  name: string;
  round: number | null;
  delegator: string | null;
  amount: bigint | null;
}

interface EventRow {
  block_number: number;
  tx_hash: string;
  log_index: number;
  name: string;
  round: number | null;
  delegator: string | null;
  amount: string | null;
  extra: string;
}

function rows(db: Database, scope: string): EventRow[] {
  return db
    .prepare(
      'SELECT block_number, tx_hash, log_index, name, round, delegator, amount, extra FROM chain_events WHERE scope = ? ORDER BY block_number, log_index',
    )
    .all(scope) as unknown as EventRow[];
}

export function delegatorsOf(db: Database, scope: string, orchestrator: string): IndexedDelegator[] {
  const stakes = new Map<string, IndexedDelegator>();
  for (const r of rows(db, scope)) {
    const extra = JSON.parse(r.extra) as Record<string, string | undefined>;
    const amount = (key: string): bigint => BigInt(extra[key] ?? '0');
    const who = r.delegator ? getAddress(r.delegator) : null;
    if (!who) continue;
    const cur = stakes.get(who) ?? { address: who, bondedAmount: 0n, lastChangeBlock: r.block_number };
    if (r.name === 'Bond') {
      cur.bondedAmount =
        extra['newDelegate'] && getAddress(extra['newDelegate']) === orchestrator ? amount('bondedAmount') : 0n;
    } else if (r.name === 'Unbond') {
      cur.bondedAmount -= amount('amount');
    } else if (r.name === 'Rebond') {
      cur.bondedAmount += amount('amount');
    } else if (r.name === 'EarningsClaimed') {
      cur.bondedAmount += amount('rewards');
    } else {
      continue;
    }
    cur.lastChangeBlock = r.block_number;
    stakes.set(who, cur);
  }
  return [...stakes.values()]
    .filter((d) => d.bondedAmount > 0n)
    .sort((a, b) => (b.bondedAmount > a.bondedAmount ? 1 : b.bondedAmount < a.bondedAmount ? -1 : 0));
}

export function earningsOf(db: Database, scope: string, orchestrator: string): RoundEarnings[] {
  const byRound = new Map<number, RoundEarnings>();
  const at = (round: number): RoundEarnings => {
    let e = byRound.get(round);
    if (!e) byRound.set(round, (e = { round, rewards: 0n, fees: 0n, tickets: 0, gasCostWei: 0n }));
    return e;
  };
  for (const r of rows(db, scope)) {
    if (r.round === null) continue;
    if (r.name === 'Reward') at(r.round).rewards += BigInt(r.amount ?? '0');
    if (r.name === 'WinningTicketTransfer') at(r.round).fees += BigInt(r.amount ?? '0');
    if (r.name === 'WinningTicketRedeemed') at(r.round).tickets += 1;
  }
  const chainId = scope.split(':')[0] ?? '';
  const gas = db
    .prepare(
      "SELECT round, cost_wei FROM chain_reward_attempts WHERE chain_id = ? AND orchestrator = ? AND state = 'confirmed' AND cost_wei IS NOT NULL",
    )
    .all(chainId, orchestrator) as { round: number; cost_wei: string }[];
  for (const g of gas) at(g.round).gasCostWei += BigInt(g.cost_wei);
  return [...byRound.values()].sort((a, b) => a.round - b.round);
}

/** The latest `limit` events, newest first. */
export function eventsOf(db: Database, scope: string, limit: number): IndexedEvent[] {
  return rows(db, scope)
    .slice(-limit)
    .reverse()
    .map((r) => ({
      blockNumber: r.block_number,
      txHash: r.tx_hash,
      name: r.name,
      round: r.round,
      delegator: r.delegator,
      amount: r.amount === null ? null : BigInt(r.amount),
    }));
}
