import { describe, expect, it } from 'vitest';
import { ChainAccountState, ChainAction, ChainTxProgress, events, Wei } from './index.ts';

const address = '0x' + 'ab'.repeat(20);
const wireAccount: ChainAccountState = {
  address,
  ethBalance: '1000000000000000000',
  lptBalance: '5',
  bondingAllowance: '0',
  delegator: {
    status: 'Bonded',
    bondedAmount: '7',
    fees: '0',
    delegate: address,
    delegatedAmount: '7',
    startRound: '3',
    lastClaimRound: '2',
    pendingStake: '7',
    pendingFees: '0',
  },
  unbondingLocks: [{ id: '0', amount: '1', withdrawRound: '9', withdrawable: false }],
  transcoder: {
    registered: true,
    active: false,
    serviceUri: 'https://o.example:8935',
    rewardCut: '100000',
    feeShare: '500000',
    lastRewardRound: '0',
    activationRound: '4',
    deactivationRound: '115792089237316195423570985008687907853269984665640564039457584007913129639935',
    totalStake: '7',
  },
  ticketFunds: { deposit: '0', reserve: '0', withdrawRound: '0' },
};

describe('contract codecs', () => {
  it('decodes wei and round strings to bigint and encodes them back to the same JSON', () => {
    const account = ChainAccountState.decode(wireAccount);
    expect(account.ethBalance).toBe(10n ** 18n);
    expect(account.unbondingLocks[0]?.id).toBe(0n);
    expect(account.transcoder.deactivationRound).toBe(2n ** 256n - 1n);
    expect(JSON.stringify(ChainAccountState.encode(account))).toBe(JSON.stringify(wireAccount));
  });

  it('decodes a chain action as the service receives it', () => {
    expect(ChainAction.parse({ kind: 'bond', amount: '12', to: address })).toEqual({
      kind: 'bond',
      amount: 12n,
      to: address,
    });
    expect(ChainAction.parse({ kind: 'withdrawFees', amount: '1' })).toEqual({ kind: 'withdrawFees', amount: 1n });
    expect(ChainAction.parse({ kind: 'transcoder', rewardCut: '250000', feeShare: '0' })).toEqual({
      kind: 'transcoder',
      rewardCut: 250000n,
      feeShare: 0n,
    });
    expect(ChainAction.safeParse({ kind: 'bond', amount: '-1', to: address }).success).toBe(false);
    expect(ChainAction.safeParse({ kind: 'bond', amount: 12, to: address }).success).toBe(false);
  });

  it('refuses to encode what the wire cannot carry', () => {
    expect(Wei.encode(3n)).toBe('3');
    expect(Wei.safeEncode(-1n).success).toBe(false);
  });

  it('gives event listeners the wire form, without undeclared fields', () => {
    const progress = {
      previewId: 'p',
      kind: 'bond',
      state: 'confirmed' as const,
      hash: '0x01',
      blockNumber: 12n,
      gasUsed: 21000n,
      costWei: 42n,
      reason: null,
      at: 1,
    };
    const wire = ChainTxProgress.encode(progress);
    expect(wire).toEqual({ ...progress, blockNumber: '12', gasUsed: '21000', costWei: '42' });
    expect(events['chain.tx'].parse({ ...wire, secret: 'x' })).toEqual(wire);
    expect(events['chain.tx'].safeParse({ ...wire, costWei: 'lots' }).success).toBe(false);
  });
});
