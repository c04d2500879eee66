// The checkpoint in a real SQLite store: fresh, written and read back, and an old cursor from
// before the start block existed (it read Arbitrum One from block 0) moved up to the start.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../store/database.ts';
import { CHAIN_MIGRATIONS } from '../migrations.ts';
import { readCheckpoint, writeCheckpoint } from './checkpoint.ts';
import { ARBITRUM_ONE_PROTOCOL_START_BLOCK as START, indexDefaults } from './network-defaults.ts';

let dir = '';
let db: Database | null = null;
const open = (): Database => {
  dir = mkdtempSync(join(tmpdir(), 'lpm-checkpoint-'));
  db = openDatabase(dir, CHAIN_MIGRATIONS);
  return db;
};
afterEach(() => {
  db?.close();
  db = null;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('checkpoint', () => {
  it('starts just below the start block and reads back what was written', () => {
    const db = open();
    expect(readCheckpoint(db, 's', START)).toEqual({ last: START - 1, hash: '', startBlock: START, head: 0 });
    writeCheckpoint(db, 's', { last: START + 10, hash: '0xab', startBlock: START, head: START + 20 });
    expect(readCheckpoint(db, 's', START)).toEqual({
      last: START + 10,
      hash: '0xab',
      startBlock: START,
      head: START + 20,
    });
  });

  it('moves a cursor kept from before (start 0, below the protocol) up to the start block', () => {
    const db = open();
    db.prepare('INSERT INTO chain_index_cursor (scope, last_block, last_block_hash) VALUES (?, ?, ?)').run(
      'old',
      2_000_000,
      '0xcd',
    );
    expect(readCheckpoint(db, 'old', START)).toEqual({ last: START - 1, hash: '', startBlock: START, head: 0 });
  });

  it('starts Arbitrum One at the protocol’s first block and the devnet at 0', () => {
    expect(indexDefaults(42161)).toMatchObject({ startBlock: 5_856_357, initialRange: 10_000 });
    expect(indexDefaults(42161).intervalMs).toBeGreaterThanOrEqual(12_000);
    expect(indexDefaults(31337).startBlock).toBe(0);
  });
});
