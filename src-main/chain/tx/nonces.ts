// Sends from one account go one at a time, each with the chain's `pending` nonce read under that
// account's turn, so two transactions of ours (the redemption queue and a user's action) never
// take the same nonce. The nonce is read per transaction, not counted here: a count of our own
// runs ahead of the chain after a dropped transaction or a rewound chain (a devnet snapshot
// revert), and a transaction sent past a gap waits unseen until the gap fills, then runs after
// whatever filled it (a second bond, say). One request per transaction is the price of never that.
import type { ChainReader } from '../reads/reader.ts';

export interface NonceTurns {
  /** Runs `send` with the account's next nonce, after the account's earlier sends finished. */
  withNonce<T>(address: string, send: (nonce: number) => Promise<T>): Promise<T>;
}

export function createNonceTurns(r: ChainReader): NonceTurns {
  const queues = new Map<string, Promise<unknown>>();
  return {
    withNonce(address, send) {
      const before = queues.get(address) ?? Promise.resolve();
      const run = before
        .catch(() => undefined)
        .then(async () =>
          send(await r.call('Reading the account nonce', () => r.provider.getTransactionCount(address, 'pending'))),
        );
      queues.set(address, run);
      void run
        .catch(() => undefined)
        .finally(() => {
          if (queues.get(address) === run) queues.delete(address);
        });
      return run;
    },
  };
}
