// The transcoder pool (the next active set) as a linked list in BondingManager, walked from its
// head, and the list hints a stake change needs.
import { ZeroAddress } from 'ethers';
import { positionHints, type PoolMember } from '../pool-hints.ts';
import type { ChainReader } from './reader.ts';

export async function readPool(r: ChainReader): Promise<PoolMember[]> {
  const members: PoolMember[] = [];
  let cursor = await r.view<string>('BondingManager', 'getFirstTranscoderInPool');
  while (cursor !== ZeroAddress && members.length < 1000) {
    const [stake, next] = await Promise.all([
      r.view<bigint>('BondingManager', 'transcoderTotalStake', cursor),
      r.view<string>('BondingManager', 'getNextTranscoderInPool', cursor),
    ]);
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
