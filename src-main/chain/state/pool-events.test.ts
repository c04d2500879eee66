// Which logs make the cached pool stale: a member's stake events (Bond as new or old delegate),
// any join or leave, never a non-member's bond or an unrelated event.
import { Interface, Wallet } from 'ethers';
import { describe, expect, it } from 'vitest';
import { BONDING_MANAGER_ABI, TICKET_BROKER_ABI } from '../abi.ts';
import { changesPool, memberTopic, POOL_EVENT_TOPICS } from './pool-events.ts';

const bm = new Interface(BONDING_MANAGER_ABI);
const tb = new Interface(TICKET_BROKER_ABI);
const [member, other, delegator] = [0, 1, 2].map(() => Wallet.createRandom().address) as [string, string, string];
const members = new Set([memberTopic(member)]);
const log = (iface: Interface, name: string, args: unknown[]) => iface.encodeEventLog(name, args);

describe('pool events', () => {
  it("a member's Bond (either delegate), Unbond, Rebond, Reward or TranscoderUpdate changes the pool", () => {
    expect(changesPool(log(bm, 'Bond', [member, other, delegator, 1n, 1n]), members)).toBe(true);
    expect(changesPool(log(bm, 'Bond', [other, member, delegator, 0n, 1n]), members)).toBe(true);
    expect(changesPool(log(bm, 'Unbond', [member, delegator, 0n, 1n, 9n]), members)).toBe(true);
    expect(changesPool(log(bm, 'Rebond', [member, delegator, 0n, 1n]), members)).toBe(true);
    expect(changesPool(log(bm, 'Reward', [member, 1n]), members)).toBe(true);
    expect(changesPool(log(bm, 'TranscoderUpdate', [member, 1n, 1n]), members)).toBe(true);
  });

  it("a join or leave always does; a non-member's bond or a ticket never does", () => {
    expect(changesPool(log(bm, 'TranscoderActivated', [other, 5n]), members)).toBe(true);
    expect(changesPool(log(bm, 'TranscoderDeactivated', [other, 5n]), members)).toBe(true);
    expect(changesPool(log(bm, 'Bond', [other, other, delegator, 1n, 1n]), members)).toBe(false);
    expect(changesPool(log(bm, 'TranscoderUpdate', [other, 1n, 1n]), members)).toBe(false);
    expect(changesPool(log(bm, 'WithdrawFees', [member, member, 1n]), members)).toBe(false);
    expect(changesPool(log(tb, 'WinningTicketTransfer', [delegator, member, 1n]), members)).toBe(false);
  });

  it('names every topic it follows (the indexer filter carries them)', () => {
    for (const name of ['Bond', 'Unbond', 'Rebond', 'Reward', 'TranscoderUpdate', 'TranscoderActivated'])
      expect(POOL_EVENT_TOPICS).toContain(bm.getEvent(name)!.topicHash);
    expect(POOL_EVENT_TOPICS).toHaveLength(9); // and TranscoderDeactivated, TranscoderSlashed, TransferBond
  });
});
