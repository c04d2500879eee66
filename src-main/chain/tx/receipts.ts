// Waiting for a receipt without polling: one look right after the send (the devnet mines at once),
// one a second later (Arbitrum's sequencer usually has it by then), then one per new head of the
// chain-state service (5 s devnet, 12 s Arbitrum One), until the deadline. ethers' waitForTransaction
// polled eth_blockNumber and the receipt every 250 ms instead.
import type { TransactionReceipt } from 'ethers';
import type { ChainReader } from '../reads/reader.ts';

/** Calls `listener` at each new head; returns the unsubscribe. */
export type OnNewBlock = (listener: () => void) => () => void;

const SECOND_LOOK_MS = 1000;

export function waitForReceipt(
  r: ChainReader,
  hash: string,
  onNewBlock: OnNewBlock,
  timeoutMs: number,
): Promise<TransactionReceipt | null> {
  return new Promise((resolve, reject) => {
    let done = false;
    let looking = false;
    let again = false;
    const finish = (receipt: TransactionReceipt | null, err?: unknown): void => {
      if (done) return;
      done = true;
      off();
      clearTimeout(second);
      clearTimeout(deadline);
      if (err) reject(err);
      else resolve(receipt);
    };
    const look = (): void => {
      if (done) return;
      if (looking) {
        again = true; // a head arrived during a look: look once more after it
        return;
      }
      looking = true;
      r.call(`Reading the receipt of ${hash}`, () => r.provider.getTransactionReceipt(hash)).then(
        (receipt) => {
          looking = false;
          if (receipt) finish(receipt);
          else if (again) {
            again = false;
            look();
          }
        },
        (err: unknown) => {
          looking = false;
          // The client was closed: nobody will look again
          if (/destroyed/i.test((err as Error).message)) return finish(null, err);
          // Otherwise the next head looks again and the deadline ends it
          if (again) {
            again = false;
            look();
          }
        },
      );
    };
    const off = onNewBlock(look);
    const second = setTimeout(look, SECOND_LOOK_MS);
    const deadline = setTimeout(() => finish(null), timeoutMs);
    look();
  });
}
