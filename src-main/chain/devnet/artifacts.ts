// The committed, compiled devnet contracts (built by scripts/build-devnet-contracts.ts). Imported
// as JSON modules so the bundled main process carries them (no files to find at run time).
import type { InterfaceAbi } from 'ethers';
import BondingManager from './artifacts/BondingManager.json' with { type: 'json' };
import Controller from './artifacts/Controller.json' with { type: 'json' };
import LivepeerToken from './artifacts/LivepeerToken.json' with { type: 'json' };
import Minter from './artifacts/Minter.json' with { type: 'json' };
import RoundsManager from './artifacts/RoundsManager.json' with { type: 'json' };
import ServiceRegistry from './artifacts/ServiceRegistry.json' with { type: 'json' };
import TicketBroker from './artifacts/TicketBroker.json' with { type: 'json' };
import BondingVotes from './artifacts/BondingVotes.json' with { type: 'json' };
import Treasury from './artifacts/Treasury.json' with { type: 'json' };
import LivepeerGovernor from './artifacts/LivepeerGovernor.json' with { type: 'json' };
import PollCreator from './artifacts/PollCreator.json' with { type: 'json' };
import L2LPTDataCache from './artifacts/L2LPTDataCache.json' with { type: 'json' };
import DevnetPriceFeed from './artifacts/DevnetPriceFeed.json' with { type: 'json' };
import DevnetEurUsdFeed from './artifacts/DevnetEurUsdFeed.json' with { type: 'json' };
import Multicall3 from './artifacts/Multicall3.json' with { type: 'json' };

/** Where the build script writes them (development only). */
export const ARTIFACTS_DIR = new URL('./artifacts/', import.meta.url);

import { CONTRACT_NAMES, type ContractName } from './contract-names.ts';

export { CONTRACT_NAMES, type ContractName };

export interface Artifact {
  contractName: ContractName;
  compiler: string;
  abi: InterfaceAbi;
  bytecode: string;
  methodIdentifiers: Record<string, string>;
}

const ARTIFACTS = {
  Controller,
  LivepeerToken,
  Minter,
  RoundsManager,
  BondingManager,
  TicketBroker,
  ServiceRegistry,
  BondingVotes,
  Treasury,
  LivepeerGovernor,
  PollCreator,
  L2LPTDataCache,
  DevnetPriceFeed,
  DevnetEurUsdFeed,
  Multicall3,
} as unknown as Record<ContractName, Artifact>;

export function loadArtifact(name: ContractName): Artifact {
  return ARTIFACTS[name];
}
