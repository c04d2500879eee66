// Ticket nonces the node has accepted, in the node's SQLite store, so a request accepted before a
// kill -9 cannot be replayed and credited again after restart: the secret behind recipientRand is
// persisted (server/node-secret.ts), so old ticket parameters stay valid across restarts. A row
// lives until its parameters' expiration block has passed; after that the ticket is refused as
// expired anyway. Keyed by recipientRand, which is an HMAC over the sender and the parameters.
import { transaction, type Database, type Migration } from '../../store/database.ts';
import type { NonceKey } from './recipient.ts';

export const USED_NONCE_MIGRATIONS: readonly Migration[] = [
  {
    id: 'nonces/1',
    sql: `CREATE TABLE used_nonces (
      recipient_rand TEXT NOT NULL,
      nonce INTEGER NOT NULL,
      expiration_block INTEGER NOT NULL,
      PRIMARY KEY (recipient_rand, nonce)
    ) WITHOUT ROWID;
    CREATE INDEX used_nonces_expiration ON used_nonces (expiration_block);`,
  },
];

export interface UsedNonceStore {
  /** Every recorded nonce whose parameters had not expired when last pruned. */
  load(): NonceKey[];
  record(keys: readonly NonceKey[]): void;
  /** Drops nonces whose parameters expired at or before this L1 block. */
  prune(latestL1Block: bigint): void;
}

export function createUsedNonceStore(db: Database): UsedNonceStore {
  const insert = db.prepare(
    'INSERT OR IGNORE INTO used_nonces (recipient_rand, nonce, expiration_block) VALUES (?, ?, ?)',
  );
  const remove = db.prepare('DELETE FROM used_nonces WHERE expiration_block <= ?');
  const all = db.prepare('SELECT recipient_rand, nonce, expiration_block FROM used_nonces');
  return {
    load() {
      return (all.all() as { recipient_rand: string; nonce: number; expiration_block: number | bigint }[]).map((r) => ({
        rand: BigInt(r.recipient_rand),
        nonce: r.nonce,
        expirationBlock: BigInt(r.expiration_block),
      }));
    },
    record(keys) {
      if (keys.length === 0) return;
      transaction(db, () => {
        for (const k of keys) insert.run(`0x${k.rand.toString(16)}`, k.nonce, k.expirationBlock);
      });
    },
    prune(latestL1Block) {
      remove.run(latestL1Block);
    },
  };
}
