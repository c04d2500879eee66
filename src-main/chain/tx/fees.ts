// Gas fees from the head the chain-state service already read (its basefee), not from a
// request per transaction: maxFeePerGas = 2 × basefee + tip, the formula ethers' getFeeData uses,
// which leaves room for the basefee to double before the transaction is mined.
import type { ChainReader } from '../reads/reader.ts';

/**
 * Chains where a priority fee buys nothing: Arbitrum's sequencer orders first come, first served
 * (it ignores the tip), and the devnet's anvil mines every transaction at once.
 */
const NO_TIP_CHAINS = new Set([42161n, 421614n, 31337n]);

export interface Fees {
  maxFeePerGas: bigint;
  maxPriorityFeePerGas: bigint;
}

/** The most a gas unit can cost when the head's basefee is `basefee` (and the tip `tip`). */
export const maxFeePerGas = (basefee: bigint, tip = 0n): bigint => basefee * 2n + tip;

export async function feesFromBasefee(r: ChainReader, basefee: bigint): Promise<Fees> {
  const tip = NO_TIP_CHAINS.has(await r.chainId())
    ? 0n
    : BigInt(
        await r.call(
          'Reading the priority fee',
          () => r.provider.send('eth_maxPriorityFeePerGas', []) as Promise<string>,
        ),
      );
  return { maxFeePerGas: maxFeePerGas(basefee, tip), maxPriorityFeePerGas: tip };
}
