// The transcoder pool as the UI and the stake hints ask for it: read only when the head says it
// may have changed (a new round, or a change of the active set's size or stakes, or a transaction
// of ours confirmed), and then in one Multicall3 request when its members are the known ones
// (reads/pool.ts). Nothing is read while nobody asks.
import type { PoolMember } from '../pool-hints.ts';
import { readPool } from '../reads/pool.ts';
import type { ChainReader } from '../reads/reader.ts';
import type { ChainState } from './chain-state.ts';

export interface PoolCache {
  pool(): Promise<PoolMember[]>;
}

export function createPoolCache(r: ChainReader, state: ChainState): PoolCache {
  let cached: { key: string; members: Promise<PoolMember[]> } | null = null;
  let known: string[] = [];

  return {
    async pool() {
      const p = (await state.current()).protocol;
      // The pool changes through bonding, which moves these totals, or at a round's start.
      const key = [p.round, p.activeSetSize, p.totalActiveStake, p.nextRoundTotalActiveStake, p.mintedTokens].join(':');
      if (cached?.key !== key) {
        const members = readPool(r, known);
        cached = { key, members };
        members.then(
          (m) => (known = m.map((x) => x.address)),
          () => (cached = null),
        );
      }
      return cached.members;
    },
  };
}
