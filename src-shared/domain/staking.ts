// Staking limits as the BondingManager enforces them, so a form's maximum is the contract's.

/**
 * The most LPT `unbond` accepts: the stake with its unclaimed rewards. `unbond` claims earnings
 * first (autoClaimEarnings), which turns the pending stake into the bonded amount, and then allows
 * up to that amount; so rewards since the last claim can be unstaked in the same transaction.
 */
export function unstakeMax(delegator: { bondedAmount: bigint | string; pendingStake: bigint | string }): bigint {
  const bonded = BigInt(delegator.bondedAmount);
  const pending = BigInt(delegator.pendingStake);
  // Nothing bonded means nothing to claim either (pendingStake reads 0 or stale for a fresh account).
  if (bonded === 0n) return 0n;
  return pending > bonded ? pending : bonded;
}
