// The devnet's deployable contracts, in one list for the compiler (which writes their artifacts)
// and the artifact loader (which imports them); libraries and abstract bases are compiled in.
export const CONTRACT_NAMES = [
  'Controller',
  'LivepeerToken',
  'Minter',
  'RoundsManager',
  'BondingManager',
  'TicketBroker',
  'ServiceRegistry',
  'BondingVotes',
  'Treasury',
  'LivepeerGovernor',
  'PollCreator',
  'L2LPTDataCache',
  'DevnetPriceFeed',
  'DevnetEurUsdFeed',
  'Multicall3',
] as const;
export type ContractName = (typeof CONTRACT_NAMES)[number];
