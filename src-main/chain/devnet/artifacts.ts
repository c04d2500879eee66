// The committed, compiled devnet contracts (built by scripts/build-devnet-contracts.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { InterfaceAbi } from 'ethers';

export const ARTIFACTS_DIR = join(import.meta.dirname, 'artifacts');

export const CONTRACT_NAMES = [
  'Controller',
  'LivepeerToken',
  'Minter',
  'RoundsManager',
  'BondingManager',
  'TicketBroker',
  'ServiceRegistry',
] as const;
export type ContractName = (typeof CONTRACT_NAMES)[number];

export interface Artifact {
  contractName: ContractName;
  compiler: string;
  abi: InterfaceAbi;
  bytecode: string;
  methodIdentifiers: Record<string, string>;
}

const cache = new Map<ContractName, Artifact>();

export function loadArtifact(name: ContractName): Artifact {
  let artifact = cache.get(name);
  if (!artifact) {
    artifact = JSON.parse(readFileSync(join(ARTIFACTS_DIR, `${name}.json`), 'utf8')) as Artifact;
    cache.set(name, artifact);
  }
  return artifact;
}
