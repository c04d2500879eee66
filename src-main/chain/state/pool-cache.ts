// The transcoder pool as the UI and the stake hints ask for it. Read (in one request:
// reads/pool.ts) once per round, and again only when something says it changed:
// - the protocol's BondingManager logs the event indexer reads anyway (`applyLogs`): a Bond,
//   Unbond, Rebond, Reward or TranscoderUpdate of a member, or a member joining or leaving
//   (state/pool-events.ts), in a block after the one the cached pool was read at;
// - the head's totals (active set size, total and next-round active stake, minted tokens), which
//   the chain-state service reads anyway: a change of ours shows at the next head, before the
//   indexer's next step, and the pool stays right where no indexer runs (no orchestrator watched).
// Nothing is read while nobody asks: a change only marks the pool stale.
import type { Log } from 'ethers';
import type { PoolMember } from '../pool-hints.ts';
import { readPool } from '../reads/pool.ts';
import type { ChainReader } from '../reads/reader.ts';
import type { ChainState } from './chain-state.ts';
import { changesPool, memberTopic } from './pool-events.ts';

export interface PoolCache {
  pool(): Promise<PoolMember[]>;
  /** Protocol logs read elsewhere (the event indexer): pool events among them make the pool stale. */
  applyLogs(logs: readonly Log[]): void;
}

interface Cached {
  /** The head's round and totals when it was read. */
  key: string;
  /** The head block when the read started: logs up to it are already in the answer. */
  block: number;
  members: Promise<PoolMember[]>;
}

export function createPoolCache(r: ChainReader, state: ChainState): PoolCache {
  let cached: Cached | null = null;
  let known: string[] = [];
  /** The last read's members as log topics. */
  let topics = new Set<string>();

  return {
    async pool() {
      const p = (await state.current()).protocol;
      const key = [p.round, p.activeSetSize, p.totalActiveStake, p.nextRoundTotalActiveStake, p.mintedTokens].join(':');
      if (cached?.key !== key) {
        const members = readPool(r, known);
        const next: Cached = { key, block: Number(p.blockNumber), members };
        cached = next;
        members.then(
          (m) => {
            known = m.map((x) => x.address);
            topics = new Set(known.map(memberTopic));
          },
          () => {
            if (cached === next) cached = null;
          },
        );
      }
      return cached.members;
    },
    applyLogs(logs) {
      const c = cached;
      if (!c) return;
      // A log at or below the read's block is already in the answer
      if (logs.some((l) => l.blockNumber > c.block && changesPool(l, topics))) cached = null;
    },
  };
}
