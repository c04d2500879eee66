// Tables of the chain module: reward attempts and the event index. Shipped migrations are never
// edited; add 'chain/N+1'.
import type { Migration } from '../store/database.ts';

export const CHAIN_MIGRATIONS: Migration[] = [
  {
    id: 'chain/1',
    sql: `
      CREATE TABLE chain_reward_attempts (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        chain_id TEXT NOT NULL,
        orchestrator TEXT NOT NULL,
        round INTEGER NOT NULL,
        action TEXT NOT NULL,            -- 'reward' | 'initializeRound'
        state TEXT NOT NULL,             -- 'confirmed' | 'failed' | 'skipped'
        tx_hash TEXT,
        gas_used TEXT,
        cost_wei TEXT,
        detail TEXT NOT NULL,
        at INTEGER NOT NULL
      );
      CREATE INDEX chain_reward_attempts_round ON chain_reward_attempts (chain_id, orchestrator, round);

      CREATE TABLE chain_index_cursor (
        scope TEXT PRIMARY KEY,          -- chainId:controller:orchestrator
        last_block INTEGER NOT NULL,
        last_block_hash TEXT NOT NULL
      );

      CREATE TABLE chain_events (
        scope TEXT NOT NULL,
        block_number INTEGER NOT NULL,
        block_hash TEXT NOT NULL,
        tx_hash TEXT NOT NULL,
        log_index INTEGER NOT NULL,
        name TEXT NOT NULL,
        round INTEGER,
        delegator TEXT,
        delegate TEXT,
        amount TEXT,                     -- wei, decimal string
        extra TEXT NOT NULL,             -- the decoded event as JSON (decimal strings)
        PRIMARY KEY (scope, tx_hash, log_index)
      );
      CREATE INDEX chain_events_block ON chain_events (scope, block_number);
      CREATE INDEX chain_events_name ON chain_events (scope, name, round);
    `,
  },
  {
    // Fees now come from WinningTicketTransfer (what tickets paid), which was not indexed: re-read
    id: 'chain/2',
    sql: `DELETE FROM chain_events; DELETE FROM chain_index_cursor;`,
  },
  {
    // The cursor becomes the backfill's checkpoint: where its history starts (progress is measured
    // from there) and the head it last reached (history is whole once it has caught up).
    id: 'chain/3',
    sql: `
      ALTER TABLE chain_index_cursor ADD COLUMN start_block INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE chain_index_cursor ADD COLUMN head_block INTEGER NOT NULL DEFAULT 0;
    `,
  },
];
