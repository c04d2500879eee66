// Protocol-wide reads: the block numbers rounds count in, and the round, active set and
// inflation state of RoundsManager, BondingManager, Minter and the token.
import { Interface } from 'ethers';
import { ARB_SYS_ABI, ARB_SYS_ADDRESS } from '../abi.ts';
import { projectSupply, readMinterFigures } from '../global-supply.ts';
import type { ProtocolState } from '../types.ts';
import type { ChainReader } from './reader.ts';

/** Chains whose `block.number` in the protocol is an L1 block estimate (Arbitrum One / Sepolia). */
const ARBITRUM_CHAIN_IDS = new Set([42161n, 421614n]);
const ARB_SYS = new Interface(ARB_SYS_ABI);

/**
 * The block numbers, read inside a batch (no block request of their own): Multicall3's
 * `block.number`, which on Arbitrum is the L1 estimate rounds count in, and there ArbSys's L2
 * block number. The one way the app reads them (the head, `client.blockNumbers()`).
 */
export async function blockNumbers(r: ChainReader): Promise<{ blockNumber: bigint; l1BlockNumber: bigint }> {
  const cid = await r.chainId();
  const [l1BlockNumber, blockNumber] = await Promise.all([
    r.multicall<bigint>('getBlockNumber'),
    ARBITRUM_CHAIN_IDS.has(cid) ? r.viewAt<bigint>(ARB_SYS_ADDRESS, ARB_SYS, 'arbBlockNumber') : null,
  ]);
  return { blockNumber: blockNumber ?? l1BlockNumber, l1BlockNumber };
}

/** Every read starts in the same turn, so the whole state is one Multicall3 request. */
export async function readProtocol(r: ChainReader): Promise<ProtocolState> {
  const [
    cid,
    blocks,
    paused,
    round,
    roundLength,
    roundStartBlock,
    roundInitialized,
    roundLocked,
    lastInitializedRound,
    totalActiveStake,
    nextRoundTotalActiveStake,
    activeSetSize,
    activeSetMaxSize,
    unbondingPeriod,
    inflation,
    mintableTokens,
    mintedTokens,
    totalSupply,
    minter,
  ] = await Promise.all([
    r.chainId(),
    blockNumbers(r),
    r.view<boolean>('Controller', 'paused'),
    r.view<bigint>('RoundsManager', 'currentRound'),
    r.view<bigint>('RoundsManager', 'roundLength'),
    r.view<bigint>('RoundsManager', 'currentRoundStartBlock'),
    r.view<boolean>('RoundsManager', 'currentRoundInitialized'),
    r.view<boolean>('RoundsManager', 'currentRoundLocked'),
    r.view<bigint>('RoundsManager', 'lastInitializedRound'),
    r.view<bigint>('BondingManager', 'currentRoundTotalActiveStake'),
    r.view<bigint>('BondingManager', 'nextRoundTotalActiveStake'),
    r.view<bigint>('BondingManager', 'getTranscoderPoolSize'),
    r.view<bigint>('BondingManager', 'getTranscoderPoolMaxSize'),
    r.view<bigint>('BondingManager', 'unbondingPeriod'),
    r.view<bigint>('Minter', 'inflation'),
    r.view<bigint>('Minter', 'currentMintableTokens'),
    r.view<bigint>('Minter', 'currentMintedTokens'),
    r.view<bigint>('LivepeerToken', 'totalSupply'),
    readMinterFigures((fn) => r.view<bigint>('Minter', fn)),
  ]);
  const supply = projectSupply({ ...minter, l2Supply: totalSupply, nextRoundTotalActiveStake, inflation });
  return {
    chainId: cid,
    ...blocks,
    paused,
    round,
    roundLength,
    roundStartBlock,
    roundInitialized,
    roundLocked,
    lastInitializedRound,
    totalActiveStake,
    nextRoundTotalActiveStake,
    activeSetSize,
    activeSetMaxSize,
    unbondingPeriod: BigInt(unbondingPeriod),
    inflation,
    mintableTokens,
    mintedTokens,
    totalSupply,
    supply,
  };
}
