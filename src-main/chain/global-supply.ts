// The LPT supply inflation is computed on, as the real Minter does on Arbitrum One: this chain's
// token supply plus the L1 circulating supply that L2LPTDataCache caches (Minter.getGlobalTotalSupply),
// and the next round's inflation and mintable rewards projected from it (Minter.setInflation:
// inflation moves by inflationChange toward the target bonding rate, measured against the global
// supply; mintable = global supply × inflation).

export interface SupplyFigures {
  /** Minter.getGlobalTotalSupply: the L2 token supply plus the L1 circulating supply. */
  globalSupply: bigint;
  /** The part of the global supply on L1 (not bridged): globalSupply − the L2 token supply. */
  l1CirculatingSupply: bigint;
  /** Bonded share of the global supply for the next round, over 1e9. */
  nextBondingRate: bigint;
  targetBondingRate: bigint;
  /** Projected per-round inflation (over 1e9) and mintable LPT for the next round. */
  nextInflation: bigint;
  nextMintableTokens: bigint;
}

const PERC_DIVISOR_V2 = 1_000_000_000n;

export interface SupplyInputs {
  globalSupply: bigint;
  l2Supply: bigint;
  /** The stake the next round starts with (BondingManager.nextRoundTotalActiveStake). */
  nextRoundTotalActiveStake: bigint;
  inflation: bigint;
  inflationChange: bigint;
  targetBondingRate: bigint;
}

export function projectSupply(i: SupplyInputs): SupplyFigures {
  const rate = i.globalSupply > 0n ? (i.nextRoundTotalActiveStake * PERC_DIVISOR_V2) / i.globalSupply : 0n;
  let nextInflation = i.inflation;
  if (rate < i.targetBondingRate) nextInflation = i.inflation + i.inflationChange;
  else if (rate > i.targetBondingRate)
    nextInflation = i.inflationChange > i.inflation ? 0n : i.inflation - i.inflationChange;
  return {
    globalSupply: i.globalSupply,
    l1CirculatingSupply: i.globalSupply > i.l2Supply ? i.globalSupply - i.l2Supply : 0n,
    nextBondingRate: rate,
    targetBondingRate: i.targetBondingRate,
    nextInflation,
    nextMintableTokens: (i.globalSupply * nextInflation) / PERC_DIVISOR_V2,
  };
}

/** The Minter's figures the projection needs besides the round's (`read` is the client's view call). */
export async function readMinterFigures(
  read: (fn: 'getGlobalTotalSupply' | 'inflationChange' | 'targetBondingRate') => Promise<bigint>,
): Promise<Pick<SupplyInputs, 'globalSupply' | 'inflationChange' | 'targetBondingRate'>> {
  const [globalSupply, inflationChange, targetBondingRate] = await Promise.all([
    read('getGlobalTotalSupply'),
    read('inflationChange'),
    read('targetBondingRate'),
  ]);
  return { globalSupply, inflationChange, targetBondingRate };
}
