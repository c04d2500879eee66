// Batches view calls into Multicall3 `aggregate3` requests: every call queued in the same turn of
// the event loop (say, all the reads of `readProtocol` and `readAccount` started by one Promise.all)
// leaves as ONE eth_call to the canonical Multicall3, each with allowFailure so one refusal only
// fails its own caller. A chain without Multicall3 (the eth_call answers `0x`) falls back to plain
// eth_calls for good.
import { AbiCoder, Interface, dataSlice } from 'ethers';
import { AppError, ErrorCode } from '../../../src-shared/contract/index.ts';
import { MULTICALL3_ABI, MULTICALL3_ADDRESS } from '../abi.ts';

export const MULTICALL3 = new Interface(MULTICALL3_ABI);

/** Calls per aggregate3 request: far under any provider's eth_call gas cap. */
const MAX_CALLS_PER_BATCH = 200;
const ERROR_STRING = '0x08c379a0'; // Error(string)
const PANIC = '0x4e487b71'; // Panic(uint256)

interface Pending {
  target: string;
  data: string;
  what: string;
  resolve(returnData: string): void;
  reject(err: unknown): void;
}

export interface MulticallBatcher {
  /** One call's raw return data, batched with the others queued in this turn. */
  call(target: string, data: string, what: string): Promise<string>;
  /** aggregate3 requests sent (tests and the bench). */
  batches(): number;
}

/** The reason a call reverted with, decoded from its return data. */
export function revertData(data: string): string {
  const coder = AbiCoder.defaultAbiCoder();
  try {
    if (data.startsWith(ERROR_STRING)) return coder.decode(['string'], dataSlice(data, 4))[0] as string;
    if (data.startsWith(PANIC))
      return `panic 0x${(coder.decode(['uint256'], dataSlice(data, 4))[0] as bigint).toString(16)}`;
  } catch {
    // fall through: undecodable revert data
  }
  return data === '0x' ? 'no reason given' : `custom error ${data.slice(0, 10)}`;
}

/**
 * `ethCall(to, data, what)` sends one eth_call (with the reader's timeout and typed errors) and
 * returns its raw result.
 */
export function createMulticallBatcher(
  ethCall: (to: string, data: string, what: string) => Promise<string>,
): MulticallBatcher {
  let queue: Pending[] = [];
  let scheduled = false;
  let available = true;
  let sent = 0;

  async function direct(p: Pending): Promise<void> {
    try {
      p.resolve(await ethCall(p.target, p.data, p.what));
    } catch (err) {
      p.reject(err);
    }
  }

  async function send(batch: Pending[]): Promise<void> {
    if (!available || batch.length === 1) {
      await Promise.all(batch.map(direct));
      return;
    }
    const what = `${batch[0]?.what ?? 'Reading'} and ${batch.length - 1} more reads`;
    let raw: string;
    try {
      sent += 1;
      raw = await ethCall(
        MULTICALL3_ADDRESS,
        MULTICALL3.encodeFunctionData('aggregate3', [batch.map((p) => [p.target, true, p.data])]),
        what,
      );
    } catch (err) {
      for (const p of batch) p.reject(err);
      return;
    }
    if (raw === '0x') {
      available = false; // no Multicall3 on this chain
      await Promise.all(batch.map(direct));
      return;
    }
    const [results] = MULTICALL3.decodeFunctionResult('aggregate3', raw) as unknown as [[boolean, string][]];
    batch.forEach((p, i) => {
      const [success, returnData] = results[i] ?? [false, '0x'];
      if (success) p.resolve(returnData);
      else {
        const reason = revertData(returnData);
        p.reject(new AppError(ErrorCode.Reverted, `${p.what} would fail: ${reason}`, { reason, data: returnData }));
      }
    });
  }

  function flush(): void {
    scheduled = false;
    const all = queue;
    queue = [];
    for (let i = 0; i < all.length; i += MAX_CALLS_PER_BATCH) void send(all.slice(i, i + MAX_CALLS_PER_BATCH));
  }

  return {
    call(target, data, what) {
      return new Promise<string>((resolve, reject) => {
        queue.push({ target, data, what, resolve, reject });
        if (!scheduled) {
          scheduled = true;
          setImmediate(flush); // after the microtasks: the rest of this Promise.all joins the batch
        }
      });
    },
    batches: () => sent,
  };
}
