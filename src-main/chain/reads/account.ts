// One account's state: balances, allowance for bonding, delegation with pending stake and fees,
// unbonding locks, orchestrator registration and its ticket deposit and reserve.
import { DELEGATOR_STATUS } from '../abi.ts';
import type { AccountState } from '../types.ts';
import { checkAddress, type ChainReader } from './reader.ts';

export async function readAccount(r: ChainReader, addressInput: string): Promise<AccountState> {
  const address = checkAddress(addressInput, 'The account');
  const addrs = await r.addresses();
  const [
    ethBalance,
    lptBalance,
    bondingAllowance,
    d,
    pendingStake,
    pendingFees,
    t,
    registered,
    active,
    totalStake,
    serviceUri,
    round,
    status,
    senderInfo,
  ] = await Promise.all([
    r.multicall<bigint>('getEthBalance', address),
    r.view<bigint>('LivepeerToken', 'balanceOf', address),
    r.view<bigint>('LivepeerToken', 'allowance', address, addrs.BondingManager),
    r.view<{
      bondedAmount: bigint;
      fees: bigint;
      delegateAddress: string;
      delegatedAmount: bigint;
      startRound: bigint;
      lastClaimRound: bigint;
      nextUnbondingLockId: bigint;
    }>('BondingManager', 'getDelegator', address),
    r.view<bigint>('BondingManager', 'pendingStake', address, 0n),
    r.view<bigint>('BondingManager', 'pendingFees', address, 0n),
    r.view<{
      lastRewardRound: bigint;
      rewardCut: bigint;
      feeShare: bigint;
      activationRound: bigint;
      deactivationRound: bigint;
    }>('BondingManager', 'getTranscoder', address),
    r.view<boolean>('BondingManager', 'isRegisteredTranscoder', address),
    r.view<boolean>('BondingManager', 'isActiveTranscoder', address),
    r.view<bigint>('BondingManager', 'transcoderTotalStake', address),
    r.view<string>('ServiceRegistry', 'getServiceURI', address),
    r.view<bigint>('RoundsManager', 'currentRound'),
    r.view<bigint>('BondingManager', 'delegatorStatus', address),
    r.view<[{ deposit: bigint; withdrawRound: bigint }, { fundsRemaining: bigint }]>(
      'TicketBroker',
      'getSenderInfo',
      address,
    ),
  ]);
  const lockIds = Array.from({ length: Number(d.nextUnbondingLockId) }, (_, i) => BigInt(i));
  const locks = await Promise.all(
    lockIds.map((i) =>
      r.view<{ amount: bigint; withdrawRound: bigint }>('BondingManager', 'getDelegatorUnbondingLock', address, i),
    ),
  );
  return {
    address,
    ethBalance,
    lptBalance,
    bondingAllowance,
    delegator: {
      status: DELEGATOR_STATUS[Number(status)] ?? 'Unbonded',
      bondedAmount: d.bondedAmount,
      fees: d.fees,
      delegate: d.delegateAddress,
      delegatedAmount: d.delegatedAmount,
      startRound: d.startRound,
      lastClaimRound: d.lastClaimRound,
      pendingStake,
      pendingFees,
    },
    // A lock whose withdrawRound is 0 was withdrawn or rebonded
    unbondingLocks: locks
      .map((l, i) => ({
        id: BigInt(i),
        amount: l.amount,
        withdrawRound: l.withdrawRound,
        withdrawable: l.withdrawRound <= round,
      }))
      .filter((l) => l.withdrawRound > 0n),
    transcoder: {
      registered,
      active,
      serviceUri,
      rewardCut: t.rewardCut,
      feeShare: t.feeShare,
      lastRewardRound: t.lastRewardRound,
      activationRound: t.activationRound,
      deactivationRound: t.deactivationRound,
      totalStake,
    },
    ticketFunds: {
      deposit: senderInfo[0].deposit,
      reserve: senderInfo[1].fundsRemaining,
      withdrawRound: senderInfo[0].withdrawRound,
    },
  };
}
