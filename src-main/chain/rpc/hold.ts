// Time a request spends queued for the budget or waiting out a rate limit is not the provider
// being slow: `rpc()` deadlines (rpc-errors.ts) restart while any transport holds requests, so a
// 30 s rate limit delays callers instead of failing them with TIMEOUT. Transports bound the wait
// themselves (a retry limit, then UNAVAILABLE), and every exchange on the wire has its own timeout.

let waiting = 0;
let epoch = 0;

export const rpcHold = {
  /** Runs a wait that counts as held. */
  async during<T>(wait: () => Promise<T>): Promise<T> {
    waiting++;
    epoch++;
    try {
      return await wait();
    } finally {
      waiting--;
    }
  },
  /** Whether some request is held now. */
  active: (): boolean => waiting > 0,
  /** Grows with every hold: a deadline armed at an older epoch saw a hold since. */
  epoch: (): number => epoch,
};
