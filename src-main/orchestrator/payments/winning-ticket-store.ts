// Winning tickets in the app's SQLite store, written (and committed) before the segment that
// carried them is answered, keyed by ticket hash so a ticket is stored and submitted at most once.
// The redemption queue (next: it needs the chain client) reads the pending ones and records what
// happened to each; a node killed at any moment finds them here after restart.
// WAL with synchronous=NORMAL survives a killed process; a power cut may lose the last commits.
import { getBytes, hexlify } from 'ethers';
import { transaction, type Database, type Migration } from '../../store/database.ts';
import type { WinningTicketSink } from '../server/orchestrator.ts';
import type { ReceivedTicket } from './recipient.ts';
import { ticketHash } from './ticket.ts';
import { USED_NONCE_MIGRATIONS } from './used-nonce-store.ts';

export const NODE_MIGRATIONS: readonly Migration[] = [
  {
    id: 'node/1',
    sql: `CREATE TABLE winning_tickets (
      ticket_hash TEXT PRIMARY KEY,
      recipient TEXT NOT NULL,
      sender TEXT NOT NULL,
      face_value TEXT NOT NULL,
      win_prob TEXT NOT NULL,
      sender_nonce INTEGER NOT NULL,
      recipient_rand_hash TEXT NOT NULL,
      creation_round TEXT NOT NULL,
      creation_round_block_hash TEXT NOT NULL,
      sig TEXT NOT NULL,
      recipient_rand TEXT NOT NULL,
      params_expiration_block TEXT NOT NULL,
      received_at INTEGER NOT NULL,
      state TEXT NOT NULL DEFAULT 'pending',
      tx_hash TEXT,
      error TEXT,
      updated_at INTEGER NOT NULL
    );
    CREATE INDEX winning_tickets_state ON winning_tickets (state, params_expiration_block);`,
  },
  {
    // The earnings ledger: what each redemption cost, and the retry schedule of the queue.
    id: 'node/2',
    sql: `ALTER TABLE winning_tickets ADD COLUMN gas_cost TEXT;
    ALTER TABLE winning_tickets ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE winning_tickets ADD COLUMN next_attempt_at INTEGER NOT NULL DEFAULT 0;`,
  },
  {
    // What a redemption actually paid: the sender may cover less than the face value (partial payout)
    // (node/3 is the node config table, in orchestrator-runtime.ts)
    id: 'tickets/1',
    sql: `ALTER TABLE winning_tickets ADD COLUMN paid TEXT;`,
  },
  {
    // Tickets per network: a devnet's winners never show (or get redeemed) under Arbitrum One.
    // Rows from before are claimed by the network selected when the store next opens ('').
    id: 'tickets/2',
    sql: `ALTER TABLE winning_tickets ADD COLUMN network TEXT NOT NULL DEFAULT '';
    CREATE INDEX winning_tickets_network ON winning_tickets (network, state);`,
  },
  // Used ticket nonces (replay protection across restarts).
  ...USED_NONCE_MIGRATIONS,
];

/** pending: waiting for its parameters to expire; then submitted → redeemed, or failed / skipped. */
export type WinningTicketState = 'pending' | 'submitted' | 'redeemed' | 'failed' | 'skipped';

export interface StoredWinningTicket extends ReceivedTicket {
  readonly hash: string;
  readonly receivedAt: number;
  readonly state: WinningTicketState;
  readonly txHash: string | null;
  readonly error: string | null;
  readonly gasCost: bigint | null;
  /** What the redemption paid into the fee pool (null: not redeemed, or redeemed before this was recorded). */
  readonly paid: bigint | null;
  readonly attempts: number;
  readonly nextAttemptAt: number;
  readonly updatedAt: number;
}

export interface StateDetail {
  txHash?: string | null;
  error?: string | null;
  gasCost?: bigint | null;
  paid?: bigint | null;
  /** Counts one more attempt and schedules the next one (epoch ms). */
  retryAt?: number;
}

export interface WinningTicketStore extends WinningTicketSink {
  list(state?: WinningTicketState): StoredWinningTicket[];
  /** Newest first, for the UI's ledger. */
  recent(limit: number): StoredWinningTicket[];
  get(hash: string): StoredWinningTicket | null;
  /** The ticket when it belongs to the selected network (what the UI may show), else null. */
  current(hash: string): StoredWinningTicket | null;
  setState(hash: string, state: WinningTicketState, detail?: StateDetail): void;
  /** Face value of pending/submitted tickets from a sender (they lower its max float). */
  pendingFaceValue(sender: string): bigint;
  /** Totals for the stats: pending face value, what redemptions paid, gas spent, last redemption time. */
  totals(): { pending: bigint; redeemed: bigint; gas: bigint; won: number; lastRedeemedAt: number | null };
  /** Called after every add or state change (the runtime emits events from it). */
  onChange(listener: (hash: string) => void): () => void;
}

interface Row {
  ticket_hash: string;
  recipient: string;
  sender: string;
  face_value: string;
  win_prob: string;
  sender_nonce: number;
  recipient_rand_hash: string;
  creation_round: string;
  creation_round_block_hash: string;
  sig: string;
  recipient_rand: string;
  params_expiration_block: string;
  received_at: number;
  state: WinningTicketState;
  tx_hash: string | null;
  error: string | null;
  gas_cost: string | null;
  paid: string | null;
  attempts: number;
  next_attempt_at: number;
  updated_at: number;
}

/**
 * `network` names the selected network (read at each call, so a switch takes effect at once): new
 * tickets are stored under it and every listing, total and redemption sees only its tickets.
 */
export function createWinningTicketStore(
  db: Database,
  now: () => number = Date.now,
  network: () => string = () => 'default',
): WinningTicketStore {
  const insert = db.prepare(
    `INSERT OR IGNORE INTO winning_tickets (ticket_hash, recipient, sender, face_value, win_prob, sender_nonce,
       recipient_rand_hash, creation_round, creation_round_block_hash, sig, recipient_rand, params_expiration_block,
       received_at, updated_at, network) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  db.prepare("UPDATE winning_tickets SET network = ? WHERE network = ''").run(network());
  const update = db.prepare(
    `UPDATE winning_tickets SET state = ?, tx_hash = COALESCE(?, tx_hash), error = ?, gas_cost = COALESCE(?, gas_cost),
       paid = COALESCE(?, paid), attempts = attempts + ?, next_attempt_at = ?, updated_at = ? WHERE ticket_hash = ?`,
  );
  const listeners = new Set<(hash: string) => void>();
  const changed = (hash: string) => {
    for (const l of listeners) l(hash);
  };
  const toTicket = (r: Row): StoredWinningTicket => ({
    hash: r.ticket_hash,
    ticket: {
      recipient: r.recipient,
      sender: r.sender,
      faceValue: BigInt(r.face_value),
      winProb: BigInt(r.win_prob),
      senderNonce: r.sender_nonce,
      recipientRandHash: getBytes(r.recipient_rand_hash),
      expiration: {
        creationRound: BigInt(r.creation_round),
        creationRoundBlockHash: getBytes(r.creation_round_block_hash),
      },
    },
    sig: getBytes(r.sig),
    recipientRand: BigInt(r.recipient_rand),
    paramsExpirationBlock: BigInt(r.params_expiration_block),
    receivedAt: r.received_at,
    state: r.state,
    txHash: r.tx_hash,
    error: r.error,
    gasCost: r.gas_cost === null ? null : BigInt(r.gas_cost),
    paid: r.paid === null ? null : BigInt(r.paid),
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    updatedAt: r.updated_at,
  });
  return {
    async add(tickets) {
      const t = now();
      transaction(db, () => {
        for (const w of tickets) {
          const k = w.ticket;
          insert.run(
            hexlify(ticketHash(k)),
            k.recipient,
            k.sender,
            k.faceValue.toString(),
            k.winProb.toString(),
            k.senderNonce,
            hexlify(k.recipientRandHash),
            k.expiration.creationRound.toString(),
            hexlify(k.expiration.creationRoundBlockHash),
            hexlify(w.sig),
            w.recipientRand.toString(),
            w.paramsExpirationBlock.toString(),
            t,
            t,
            network(),
          );
        }
      });
      for (const w of tickets) changed(hexlify(ticketHash(w.ticket)));
    },
    recent(limit) {
      const rows = db
        .prepare('SELECT * FROM winning_tickets WHERE network = ? ORDER BY received_at DESC, ticket_hash LIMIT ?')
        .all(network(), limit) as unknown as Row[];
      return rows.map(toTicket);
    },
    get(hash) {
      const row = db.prepare('SELECT * FROM winning_tickets WHERE ticket_hash = ?').get(hash) as unknown as
        Row | undefined;
      return row ? toTicket(row) : null;
    },
    current(hash) {
      const row = db
        .prepare('SELECT * FROM winning_tickets WHERE ticket_hash = ? AND network = ?')
        .get(hash, network()) as unknown as Row | undefined;
      return row ? toTicket(row) : null;
    },
    pendingFaceValue(sender) {
      const rows = db
        .prepare(
          "SELECT face_value FROM winning_tickets WHERE network = ? AND lower(sender) = lower(?) AND state IN ('pending', 'submitted')",
        )
        .all(network(), sender) as { face_value: string }[];
      return rows.reduce((sum, r) => sum + BigInt(r.face_value), 0n);
    },
    totals() {
      const rows = db
        .prepare('SELECT state, face_value, gas_cost, paid, updated_at FROM winning_tickets WHERE network = ?')
        .all(network()) as {
        state: WinningTicketState;
        face_value: string;
        gas_cost: string | null;
        paid: string | null;
        updated_at: number;
      }[];
      let pending = 0n;
      let redeemed = 0n;
      let gas = 0n;
      let lastRedeemedAt: number | null = null;
      for (const r of rows) {
        if (r.state === 'pending' || r.state === 'submitted') pending += BigInt(r.face_value);
        if (r.state === 'redeemed') {
          redeemed += BigInt(r.paid ?? r.face_value);
          lastRedeemedAt = Math.max(lastRedeemedAt ?? 0, r.updated_at);
        }
        if (r.gas_cost) gas += BigInt(r.gas_cost);
      }
      return { pending, redeemed, gas, won: rows.length, lastRedeemedAt };
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    list(state) {
      const rows = (state
        ? db
            .prepare('SELECT * FROM winning_tickets WHERE network = ? AND state = ? ORDER BY received_at, ticket_hash')
            .all(network(), state)
        : db
            .prepare('SELECT * FROM winning_tickets WHERE network = ? ORDER BY received_at, ticket_hash')
            .all(network())) as unknown as Row[];
      return rows.map(toTicket);
    },
    setState(hash, state, detail = {}) {
      update.run(
        state,
        detail.txHash ?? null,
        detail.error ?? null,
        detail.gasCost == null ? null : detail.gasCost.toString(),
        detail.paid == null ? null : detail.paid.toString(),
        detail.retryAt === undefined ? 0 : 1,
        detail.retryAt ?? 0,
        now(),
        hash,
      );
      changed(hash);
    },
  };
}
