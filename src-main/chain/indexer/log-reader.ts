// Reads the protocol's logs for a block span in one eth_getLogs, as wide as the provider accepts:
// a refused range is retried narrower (log-range.ts) until it passes; the caller gets the logs and
// the last block they cover, and carries on from there.
import type { JsonRpcProvider, Log } from 'ethers';
import { AppError, ErrorCode } from '../../../src-shared/contract/index.ts';
import type { Logger } from '../../log/logger.ts';
import { rpc } from '../rpc-errors.ts';
import { createAdaptiveRange, rangeRefusal, type RangeRefusal } from './log-range.ts';
import type { LogFilter } from './protocol-events.ts';

export interface LogReader {
  /** Logs of [from, at most to] in chain order, and the last block they cover. */
  read(filter: LogFilter, from: number, to: number): Promise<{ logs: Log[]; to: number }>;
  /** The width the next query will ask for. */
  width(): number;
}

export interface LogReaderOptions {
  provider: JsonRpcProvider;
  initialRange: number;
  maxRange: number;
  timeoutMs?: number;
  log?: Logger;
}

export function createLogReader(options: LogReaderOptions): LogReader {
  const range = createAdaptiveRange({ initial: options.initialRange, max: options.maxRange });
  const timeoutMs = options.timeoutMs ?? 20_000;
  return {
    width: () => range.current(),
    async read(filter, from, to) {
      for (;;) {
        const end = Math.min(to, from + range.current() - 1);
        let refusal: RangeRefusal | null = null;
        try {
          const logs = await rpc(
            `Reading events of blocks ${from}-${end}`,
            async () => {
              try {
                return await options.provider.getLogs({ ...filter, fromBlock: from, toBlock: end });
              } catch (err) {
                refusal = rangeRefusal(err);
                throw err;
              }
            },
            timeoutMs,
          );
          range.succeeded();
          logs.sort((a, b) => a.blockNumber - b.blockNumber || a.index - b.index);
          return { logs, to: end };
        } catch (err) {
          const r = refusal as RangeRefusal | null;
          if (!r) throw err;
          const tried = end - from + 1;
          if (tried <= 1)
            throw new AppError(ErrorCode.Unavailable, `The chain RPC refuses events of a single block: ${r.message}`);
          const next = range.refused(tried, r);
          options.log?.info(`The RPC refused ${tried} blocks of events; now asking for ${next}`);
        }
      }
    },
  };
}
