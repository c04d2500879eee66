// BondingVotes (and the governor's quorum and getVotes, which read it) answers only rounds before
// the current one: any other round reverts with FutureLookup(queryRound, maxAllowed). A proposal's
// snapshot round (voteStart) is in the future while it is Pending, that is for the round it was
// created in and the voteStart round itself, so its figures are read at the latest past round
// until the snapshot has passed, and are marked provisional.

export interface SnapshotRead {
  /** The round actually read: the snapshot once it is past, else the latest past round. */
  round: bigint;
  /** The snapshot has not passed: the figures may still change until it does. */
  provisional: boolean;
}

export function snapshotRead(snapshot: bigint, currentRound: bigint): SnapshotRead {
  if (snapshot < currentRound) return { round: snapshot, provisional: false };
  return { round: currentRound > 0n ? currentRound - 1n : 0n, provisional: true };
}
