// The transcoder pool (the next active set) as a linked list in BondingManager, walked from its
// head, and the list hints a stake change needs.
import { ZeroAddress } from 'ethers';
import { positionHints, type PoolMember } from '../pool-hints.ts';
import type { ChainReader } from './reader.ts';

/**
 * Walks the pool. Given the members read last time, their stakes and next pointers are read in the
 * same batch as the head of the list (one Multicall3 request); the walk then only reads, one batch
 * per step, the members that list did not know.
 */
export async function readPool(r: ChainReader, known: readonly string[] = []): Promise<PoolMember[]> {
  const step = (a: string) =>
    Promise.all([
      r.view<bigint>('BondingManager', 'transcoderTotalStake', a),
      r.view<string>('BondingManager', 'getNextTranscoderInPool', a),
    ]);
  const [first, ...guesses] = await Promise.all([
    r.view<string>('BondingManager', 'getFirstTranscoderInPool'),
    ...known.map(step),
  ]);
  const read = new Map(guesses.map((g, i) => [known[i] ?? '', g]));
  const members: PoolMember[] = [];
  let cursor = first;
  while (cursor !== ZeroAddress && members.length < 1000) {
    const [stake, next] = read.get(cursor) ?? (await step(cursor));
    members.push({ address: cursor, stake });
    cursor = next;
  }
  return members;
}

/** Pool neighbours of `address` once its stake changes by `stakeDelta`. */
export async function hints(r: ChainReader, address: string, stakeDelta: bigint): Promise<[string, string]> {
  const pool = await readPool(r);
  const member = pool.find((m) => m.address === address);
  const current = member?.stake ?? (await r.view<bigint>('BondingManager', 'transcoderTotalStake', address));
  const { prev, next } = positionHints(pool, address, current + stakeDelta);
  return [prev, next];
}
