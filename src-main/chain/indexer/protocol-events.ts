// The protocol events the index keeps, as one eth_getLogs filter for every watched orchestrator
// (the three contracts and the events' topics; no per-orchestrator topic, so one query serves
// them all), which of them concern a given orchestrator, and their decoded row.
import { Interface, zeroPadValue, type Log } from 'ethers';
import type { Database } from '../../store/database.ts';
import { BONDING_MANAGER_ABI, ROUNDS_MANAGER_ABI, TICKET_BROKER_ABI } from '../abi.ts';
import { POOL_EVENT_TOPICS } from '../state/pool-events.ts';
import type { ProtocolAddresses } from '../types.ts';

const bm = new Interface(BONDING_MANAGER_ABI);
const tb = new Interface(TICKET_BROKER_ABI);
const rm = new Interface(ROUNDS_MANAGER_ABI);
function topic(iface: Interface, name: string): string {
  const event = iface.getEvent(name);
  if (!event) throw new Error(`No event ${name} in the ABI`);
  return event.topicHash;
}

/** BondingManager events whose first indexed argument is the orchestrator (Bond: newDelegate). */
const BONDING = [
  'Bond',
  'Unbond',
  'Rebond',
  'Reward',
  'EarningsClaimed',
  'TranscoderActivated',
  'TranscoderDeactivated',
  'TranscoderUpdate',
  'WithdrawFees',
].map((n) => topic(bm, n));
const BOND = topic(bm, 'Bond');
/** TicketBroker events whose second indexed argument is the recipient. */
const TICKETS = [topic(tb, 'WinningTicketRedeemed'), topic(tb, 'WinningTicketTransfer')];
const NEW_ROUND = topic(rm, 'NewRound');

export interface LogFilter {
  address: string[];
  topics: string[][];
}

export function protocolFilter(addrs: ProtocolAddresses): LogFilter {
  return {
    address: [addrs.BondingManager, addrs.TicketBroker, addrs.RoundsManager],
    // The pool's events too (the pool cache follows every member's): one query serves both
    topics: [[...new Set([...BONDING, ...POOL_EVENT_TOPICS, ...TICKETS, NEW_ROUND])]],
  };
}

/** Whether a log concerns the orchestrator (NewRound concerns everyone: it places events in rounds). */
export function concerns(log: Log, orchestrator: string): boolean {
  const me = zeroPadValue(orchestrator, 32).toLowerCase();
  const [t0, t1, t2] = log.topics.map((t) => t.toLowerCase());
  if (t0 === NEW_ROUND) return true;
  if (TICKETS.includes(t0 ?? '')) return t2 === me;
  if (!BONDING.includes(t0 ?? '')) return false;
  return t1 === me || (t0 === BOND && t2 === me); // Bond's oldDelegate: a delegator leaving
}

function decode(log: Log): { name: string; args: Record<string, unknown> } | null {
  for (const iface of [bm, tb, rm]) {
    try {
      const parsed = iface.parseLog(log);
      if (parsed)
        return {
          name: parsed.name,
          args: Object.fromEntries(parsed.fragment.inputs.map((input, i) => [input.name, parsed.args[i]])),
        };
    } catch {
      // not this contract's event
    }
  }
  return null;
}

function roundAt(db: Database, scope: string, block: number): number | null {
  const row = db
    .prepare(
      "SELECT round FROM chain_events WHERE scope = ? AND name = 'NewRound' AND block_number <= ? ORDER BY block_number DESC, log_index DESC LIMIT 1",
    )
    .get(scope, block) as { round: number } | undefined;
  return row?.round ?? null;
}

/** Stores the logs (in chain order) that concern the orchestrator under its scope; returns how many were new. */
export function storeLogs(db: Database, scope: string, orchestrator: string, logs: Log[]): number {
  const insert = db.prepare(
    'INSERT OR IGNORE INTO chain_events (scope, block_number, block_hash, tx_hash, log_index, name, round, delegator, delegate, amount, extra) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const str = (v: unknown): string | null => (v === undefined || v === null ? null : String(v));
  let added = 0;
  for (const log of logs) {
    if (!concerns(log, orchestrator)) continue;
    const ev = decode(log);
    if (!ev) continue;
    const a = ev.args;
    const round = ev.name === 'NewRound' ? Number(a['round']) : roundAt(db, scope, log.blockNumber);
    const delegator = str(a['delegator'] ?? (ev.name.startsWith('WinningTicket') ? a['sender'] : null));
    const delegate = str(a['newDelegate'] ?? a['delegate'] ?? a['transcoder'] ?? a['recipient'] ?? null);
    const amount = str(a['amount'] ?? a['rewards'] ?? a['faceValue'] ?? a['additionalAmount'] ?? null);
    const extra = JSON.stringify(a, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
    const res = insert.run(
      scope,
      log.blockNumber,
      log.blockHash,
      log.transactionHash,
      log.index,
      ev.name,
      round,
      delegator,
      delegate,
      amount,
      extra,
    );
    added += Number(res.changes);
  }
  return added;
}
