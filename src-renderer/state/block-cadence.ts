// The chain's real block cadence, measured from the block numbers the chain store already reads
// (no extra RPC): the first sample of a network and the latest give seconds per block once they
// are at least a minute and a few blocks apart. Rounds count `l1BlockNumber` (Ethereum blocks on
// Arbitrum One, the devnet's own blocks there), so that is the number sampled.
import type { ChainStatus } from '../../src-shared/contract/index.ts';

interface Sample {
  block: number;
  at: number;
}
let first: (Sample & { network: string }) | null = null;
let last: Sample | null = null;

const MIN_SPAN_MS = 60_000;
const MIN_BLOCKS = 3;

/** Records the block number a status carried (the chain store calls this on every status read). */
export function noteBlock(status: ChainStatus, at = Date.now()): void {
  if (!status.protocol) return;
  const block = Number(status.protocol.l1BlockNumber);
  if (!first || first.network !== status.network || block < (last?.block ?? 0)) {
    first = { network: status.network, block, at };
  }
  last = { block, at };
}

/** Measured seconds per block on `network`, or null until the samples span enough time and blocks. */
export function measuredSecondsPerBlock(network: string): number | null {
  if (!first || !last || first.network !== network) return null;
  const blocks = last.block - first.block;
  const ms = last.at - first.at;
  if (ms < MIN_SPAN_MS || blocks < MIN_BLOCKS) return null;
  return ms / 1000 / blocks;
}

/** Forgets the samples (tests). */
export function resetBlockCadence(): void {
  first = null;
  last = null;
}
