// Hints for the sorted transcoder pool: the neighbours an address will have once its stake
// changes. Correct hints save the contract a walk through the list; address(0) hints still work.
import { ZeroAddress } from 'ethers';
import type { z } from 'zod';
import type { ChainPoolMember } from '../../src-shared/contract/index.ts';

export type PoolMember = z.output<typeof ChainPoolMember>;

/** Pool order is descending stake; an equal stake goes after the existing members. */
export function positionHints(
  pool: readonly PoolMember[],
  address: string,
  newStake: bigint,
): { prev: string; next: string } {
  const others = pool.filter((m) => m.address.toLowerCase() !== address.toLowerCase());
  let prev = ZeroAddress;
  for (const member of others) {
    if (member.stake < newStake) return { prev, next: member.address };
    prev = member.address;
  }
  return { prev, next: ZeroAddress };
}
