// Indexes the orchestrator's protocol events into SQLite: bonds, unbonds, rebonds and claims of
// its delegators, its rewards, redeemed tickets and fee withdrawals, plus NewRound to place each
// event in a round. Fees are what tickets paid (WinningTicketTransfer), not their face value
// (WinningTicketRedeemed logs the face value even when the sender covered less). Incremental (a cursor per chain/controller/orchestrator), restart-safe, and
// reorg-tolerant: when the last indexed block's hash changes it rewinds and re-reads.
import { getAddress, Interface, zeroPadValue, type Log } from 'ethers';
import type { z } from 'zod';
import { AppError, ErrorCode, type ChainDelegator, type ChainRoundEarnings } from '../../src-shared/contract/index.ts';
import type { Logger } from '../log/logger.ts';
import { transaction, type Database } from '../store/database.ts';
import { BONDING_MANAGER_ABI, ROUNDS_MANAGER_ABI, TICKET_BROKER_ABI } from './abi.ts';
import type { ChainClient } from './client.ts';
import { rpc } from './rpc-errors.ts';

export interface IndexerOptions {
  client: ChainClient;
  db: Database;
  orchestrator: string;
  log?: Logger;
  /** First block to read on a fresh index (on Arbitrum One: around the orchestrator's registration). */
  startBlock?: number;
  chunkBlocks?: number;
  reorgDepth?: number;
  intervalMs?: number;
}

export interface SyncResult {
  fromBlock: number;
  toBlock: number;
  added: number;
  rewoundTo: number | null;
}

/** Bonded to the orchestrator as of the last indexed event (claimed earnings included). */
export type IndexedDelegator = z.output<typeof ChainDelegator>;
export type RoundEarnings = z.output<typeof ChainRoundEarnings>;

export type IndexerState = 'stopped' | 'syncing' | 'idle' | 'paused';

export interface ChainIndexer {
  sync(): Promise<SyncResult>;
  start(): void;
  stop(): Promise<void>;
  state(): { state: IndexerState; message: string; lastBlock: number | null };
  delegators(): IndexedDelegator[];
  earningsByRound(): RoundEarnings[];
  events(limit?: number): {
    blockNumber: number;
    txHash: string;
    name: string;
    round: number | null;
    delegator: string | null;
    amount: bigint | null;
  }[];
}

const bm = new Interface(BONDING_MANAGER_ABI);
const tb = new Interface(TICKET_BROKER_ABI);
const rm = new Interface(ROUNDS_MANAGER_ABI);
function topic(iface: Interface, name: string): string {
  const event = iface.getEvent(name);
  if (!event) throw new Error(`No event ${name} in the ABI`);
  return event.topicHash;
}

interface EventRow {
  block_number: number;
  tx_hash: string;
  log_index: number;
  name: string;
  round: number | null;
  delegator: string | null;
  delegate: string | null;
  amount: string | null;
  extra: string;
}

export function createChainIndexer(options: IndexerOptions): ChainIndexer {
  const { client, db } = options;
  const orchestrator = getAddress(options.orchestrator);
  const chunk = options.chunkBlocks ?? 5_000;
  const reorgDepth = options.reorgDepth ?? 64;
  const startBlock = options.startBlock ?? 0;
  const intervalMs = options.intervalMs ?? 5_000;
  let scope: string | null = null;
  let status: { state: IndexerState; message: string; lastBlock: number | null } = {
    state: 'stopped',
    message: 'Not running',
    lastBlock: null,
  };
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<SyncResult> | null = null;

  const rpcCall = <T>(what: string, work: () => Promise<T>): Promise<T> => rpc(what, work, 15_000);

  async function scopeKey(): Promise<string> {
    scope ??= `${await client.chainId()}:${(await client.addresses()).Controller}:${orchestrator}`.toLowerCase();
    return scope;
  }

  function cursor(s: string): { last: number; hash: string } {
    const row = db.prepare('SELECT last_block, last_block_hash FROM chain_index_cursor WHERE scope = ?').get(s) as
      { last_block: number; last_block_hash: string } | undefined;
    return row ? { last: row.last_block, hash: row.last_block_hash } : { last: startBlock - 1, hash: '' };
  }

  function setCursor(s: string, last: number, hash: string): void {
    db.prepare(
      'INSERT INTO chain_index_cursor (scope, last_block, last_block_hash) VALUES (?, ?, ?) ON CONFLICT(scope) DO UPDATE SET last_block = excluded.last_block, last_block_hash = excluded.last_block_hash',
    ).run(s, last, hash);
    status = { ...status, lastBlock: last };
  }

  async function blockHash(n: number): Promise<string | null> {
    if (n < 0) return '';
    const block = await rpcCall(`Reading block ${n}`, () => client.provider.getBlock(n));
    return block?.hash ?? null;
  }

  function roundAt(s: string, block: number): number | null {
    const row = db
      .prepare(
        "SELECT round FROM chain_events WHERE scope = ? AND name = 'NewRound' AND block_number <= ? ORDER BY block_number DESC, log_index DESC LIMIT 1",
      )
      .get(s, block) as { round: number } | undefined;
    return row?.round ?? null;
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

  async function fetchLogs(from: number, to: number): Promise<Log[]> {
    const addrs = await client.addresses();
    const me = zeroPadValue(orchestrator, 32);
    const mine = [
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
    const filters = [
      { address: addrs.BondingManager, topics: [mine, me] },
      { address: addrs.BondingManager, topics: [topic(bm, 'Bond'), null, me] }, // delegators leaving for another orchestrator
      {
        address: addrs.TicketBroker,
        topics: [[topic(tb, 'WinningTicketRedeemed'), topic(tb, 'WinningTicketTransfer')], null, me],
      },
      { address: addrs.RoundsManager, topics: [topic(rm, 'NewRound')] },
    ];
    const results = await Promise.all(
      filters.map((f) =>
        rpcCall(`Reading events ${from}-${to}`, () => client.provider.getLogs({ ...f, fromBlock: from, toBlock: to })),
      ),
    );
    const seen = new Set<string>();
    return results
      .flat()
      .filter((l) => {
        const key = `${l.transactionHash}:${l.index}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      })
      .sort((a, b) => a.blockNumber - b.blockNumber || a.index - b.index);
  }

  function store(s: string, logs: Log[]): number {
    const insert = db.prepare(
      'INSERT OR IGNORE INTO chain_events (scope, block_number, block_hash, tx_hash, log_index, name, round, delegator, delegate, amount, extra) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    let added = 0;
    for (const log of logs) {
      const ev = decode(log);
      if (!ev) continue;
      const a = ev.args;
      const str = (v: unknown): string | null => (v === undefined || v === null ? null : String(v));
      const round = ev.name === 'NewRound' ? Number(a['round']) : roundAt(s, log.blockNumber);
      const delegator = str(a['delegator'] ?? (ev.name.startsWith('WinningTicket') ? a['sender'] : null));
      const delegate = str(a['newDelegate'] ?? a['delegate'] ?? a['transcoder'] ?? a['recipient'] ?? null);
      const amount = str(a['amount'] ?? a['rewards'] ?? a['faceValue'] ?? a['additionalAmount'] ?? null);
      const extra = JSON.stringify(a, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
      const res = insert.run(
        s,
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

  async function syncOnce(): Promise<SyncResult> {
    const s = await scopeKey();
    const { hash } = cursor(s);
    let { last } = cursor(s);
    const latest = await rpcCall('Reading the latest block', () => client.provider.getBlockNumber());
    let rewoundTo: number | null = null;
    // Reorg (or a devnet reverted to a snapshot): the block we stopped at is gone or different
    if (last >= startBlock && (latest < last || (await blockHash(last)) !== hash)) {
      const target = Math.max(startBlock - 1, Math.min(latest, last) - reorgDepth);
      const targetHash = await blockHash(target);
      transaction(db, () => {
        db.prepare('DELETE FROM chain_events WHERE scope = ? AND block_number > ?').run(s, target);
        setCursor(s, target, targetHash ?? '');
      });
      options.log?.warn(`Chain reorganized below block ${last}: re-indexing from ${target + 1}`);
      rewoundTo = target;
      last = target;
    }
    const fromBlock = last + 1;
    let added = 0;
    for (let from = fromBlock; from <= latest; from += chunk) {
      const to = Math.min(latest, from + chunk - 1);
      const [logs, toHash] = await Promise.all([fetchLogs(from, to), blockHash(to)]);
      transaction(db, () => {
        added += store(s, logs);
        setCursor(s, to, toHash ?? '');
      });
    }
    status = { ...status, lastBlock: Math.max(last, latest) };
    return { fromBlock, toBlock: latest, added, rewoundTo };
  }

  function sync(): Promise<SyncResult> {
    running ??= (async () => {
      try {
        status = { ...status, state: 'syncing', message: 'Reading new blocks' };
        const result = await syncOnce();
        status = { ...status, state: 'idle', message: `Indexed through block ${result.toBlock}` };
        return result;
      } catch (err) {
        const transient =
          err instanceof AppError && (err.code === ErrorCode.Unavailable || err.code === ErrorCode.Timeout);
        status = {
          ...status,
          state: transient ? 'paused' : 'idle',
          message: transient ? 'Chain RPC unavailable; will catch up' : `Indexing failed: ${String(err)}`,
        };
        throw err;
      } finally {
        running = null;
      }
    })();
    return running;
  }

  function rows(): EventRow[] {
    if (!scope) return [];
    return db
      .prepare(
        'SELECT block_number, tx_hash, log_index, name, round, delegator, delegate, amount, extra FROM chain_events WHERE scope = ? ORDER BY block_number, log_index',
      )
      .all(scope) as unknown as EventRow[];
  }

  return {
    sync,
    start() {
      if (timer) return;
      const loop = (): void => void sync().catch(() => undefined);
      loop();
      timer = setInterval(loop, intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await running?.catch(() => undefined);
      status = { ...status, state: 'stopped', message: 'Not running' };
    },
    state: () => status,
    delegators() {
      const stakes = new Map<string, IndexedDelegator>();
      for (const r of rows()) {
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
    },
    earningsByRound() {
      const byRound = new Map<number, RoundEarnings>();
      const at = (round: number): RoundEarnings => {
        let e = byRound.get(round);
        if (!e) byRound.set(round, (e = { round, rewards: 0n, fees: 0n, tickets: 0, gasCostWei: 0n }));
        return e;
      };
      for (const r of rows()) {
        if (r.round === null) continue;
        if (r.name === 'Reward') at(r.round).rewards += BigInt(r.amount ?? '0');
        if (r.name === 'WinningTicketTransfer') at(r.round).fees += BigInt(r.amount ?? '0');
        if (r.name === 'WinningTicketRedeemed') at(r.round).tickets += 1;
      }
      const chainId = scope?.split(':')[0] ?? '';
      const gas = db
        .prepare(
          "SELECT round, cost_wei FROM chain_reward_attempts WHERE chain_id = ? AND orchestrator = ? AND state = 'confirmed' AND cost_wei IS NOT NULL",
        )
        .all(chainId, orchestrator) as { round: number; cost_wei: string }[];
      for (const g of gas) at(g.round).gasCostWei += BigInt(g.cost_wei);
      return [...byRound.values()].sort((a, b) => a.round - b.round);
    },
    events(limit = 200) {
      return rows()
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
    },
  };
}
