// The index's checkpoint per orchestrator and network (scope = chainId:controller:orchestrator):
// the last fully indexed block with its hash (to notice a reorg; '' for blocks deep enough to be
// final), where its history starts, and the head it last reached.
import type { Database } from '../../store/database.ts';

export interface Checkpoint {
  /** The last fully indexed block (startBlock - 1 before anything is read). */
  last: number;
  /** Its hash, or '' when it was too deep below the head to be worth reading. */
  hash: string;
  startBlock: number;
  /** The chain head when the index last caught up or stepped (0 before). */
  head: number;
}

export function readCheckpoint(db: Database, scope: string, startBlock: number): Checkpoint {
  const row = db
    .prepare('SELECT last_block, last_block_hash, start_block, head_block FROM chain_index_cursor WHERE scope = ?')
    .get(scope) as { last_block: number; last_block_hash: string; start_block: number; head_block: number } | undefined;
  if (!row) return { last: startBlock - 1, hash: '', startBlock, head: 0 };
  // A cursor from before the start block existed (it read Arbitrum One from 0): nothing is below it
  const start = Math.max(row.start_block, startBlock);
  if (row.last_block < start - 1) return { last: start - 1, hash: '', startBlock: start, head: row.head_block };
  return { last: row.last_block, hash: row.last_block_hash, startBlock: start, head: row.head_block };
}

export function writeCheckpoint(db: Database, scope: string, c: Checkpoint): void {
  db.prepare(
    `INSERT INTO chain_index_cursor (scope, last_block, last_block_hash, start_block, head_block) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(scope) DO UPDATE SET last_block = excluded.last_block, last_block_hash = excluded.last_block_hash,
       start_block = excluded.start_block, head_block = excluded.head_block`,
  ).run(scope, c.last, c.hash, c.startBlock, c.head);
}

/** Drops what a reorg replaced, or what is about to be read again: the scope's events above `block`
 * (up to `through`, when given). */
export function dropEventsAbove(db: Database, scope: string, block: number, through = Number.MAX_SAFE_INTEGER): void {
  db.prepare('DELETE FROM chain_events WHERE scope = ? AND block_number > ? AND block_number <= ?').run(
    scope,
    block,
    through,
  );
}
