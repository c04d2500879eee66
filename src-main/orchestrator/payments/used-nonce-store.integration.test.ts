// Used nonces survive closing and reopening the SQLite file, are stored once each, and go when
// their parameters expire.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'ethers';
import { afterEach, expect, it } from 'vitest';
import { openDatabase } from '../../store/database.ts';
import { bytesToBig } from './bytes.ts';
import { createUsedNonceStore } from './used-nonce-store.ts';
import { NODE_MIGRATIONS } from './winning-ticket-store.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

it('keeps used nonces across a reopen until their parameters expire', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lp-nonces-'));
  dirs.push(dir);
  const a = bytesToBig(randomBytes(32)); // full 256-bit values round-trip
  const b = bytesToBig(randomBytes(32));
  let db = openDatabase(dir, NODE_MIGRATIONS);
  createUsedNonceStore(db).record([
    { rand: a, nonce: 1, expirationBlock: 140n },
    { rand: a, nonce: 2, expirationBlock: 140n },
    { rand: a, nonce: 2, expirationBlock: 140n },
    { rand: b, nonce: 7, expirationBlock: 200n },
  ]);
  db.close();
  db = openDatabase(dir, NODE_MIGRATIONS);
  const store = createUsedNonceStore(db);
  expect(store.load()).toHaveLength(3);
  expect(store.load().filter((k) => k.rand === a && k.expirationBlock === 140n)).toHaveLength(2);
  store.prune(140n);
  expect(store.load()).toEqual([{ rand: b, nonce: 7, expirationBlock: 200n }]);
  db.close();
});
