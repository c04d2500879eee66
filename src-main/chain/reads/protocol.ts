// Protocol-wide reads: the block numbers rounds count in, and the round, active set and
// inflation state of RoundsManager, BondingManager, Minter and the token.
import { readSupply } from '../global-supply.ts';
import type { ProtocolState } from '../types.ts';
import type { ChainReader } from './reader.ts';

/** Chains whose `block.number` in the protocol is an L1 block estimate (Arbitrum One / Sepolia). */
const ARBITRUM_CHAIN_IDS = new Set([42161n, 421614n]);

export async function blockNumbers(r: ChainReader): Promise<{ blockNumber: bigint; l1BlockNumber: bigint }> {
  const cid = await r.chainId();
  const block = await r.call(
    'Reading the latest block',
    () =>
      r.provider.send('eth_getBlockByNumber', ['latest', false]) as Promise<{ number: string; l1BlockNumber?: string }>,
  );
  const blockNumber = BigInt(block.number);
  const l1 = ARBITRUM_CHAIN_IDS.has(cid) && block.l1BlockNumber ? BigInt(block.l1BlockNumber) : blockNumber;
  return { blockNumber, l1BlockNumber: l1 };
}

export async function readProtocol(r: ChainReader): Promise<ProtocolState> {
  const [cid, blocks] = await Promise.all([r.chainId(), blockNumbers(r)]);
  const [paused, round, roundLength, roundStartBlock, roundInitialized, roundLocked, lastInitializedRound] =
    await Promise.all([
      r.view<boolean>('Controller', 'paused'),
      r.view<bigint>('RoundsManager', 'currentRound'),
      r.view<bigint>('RoundsManager', 'roundLength'),
      r.view<bigint>('RoundsManager', 'currentRoundStartBlock'),
      r.view<boolean>('RoundsManager', 'currentRoundInitialized'),
      r.view<boolean>('RoundsManager', 'currentRoundLocked'),
      r.view<bigint>('RoundsManager', 'lastInitializedRound'),
    ]);
  const [
    totalActiveStake,
    nextRoundTotalActiveStake,
    activeSetSize,
    activeSetMaxSize,
    unbondingPeriod,
    inflation,
    mintableTokens,
    mintedTokens,
    totalSupply,
  ] = await Promise.all([
    r.view<bigint>('BondingManager', 'currentRoundTotalActiveStake'),
    r.view<bigint>('BondingManager', 'nextRoundTotalActiveStake'),
    r.view<bigint>('BondingManager', 'getTranscoderPoolSize'),
    r.view<bigint>('BondingManager', 'getTranscoderPoolMaxSize'),
    r.view<bigint>('BondingManager', 'unbondingPeriod'),
    r.view<bigint>('Minter', 'inflation'),
    r.view<bigint>('Minter', 'currentMintableTokens'),
    r.view<bigint>('Minter', 'currentMintedTokens'),
    r.view<bigint>('LivepeerToken', 'totalSupply'),
  ]);
  const supply = await readSupply((fn) => r.view<bigint>('Minter', fn), {
    totalSupply,
    nextRoundTotalActiveStake,
    inflation,
  });
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
