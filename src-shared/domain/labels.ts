// Names for people of the contract's enums: one wording for the renderer and the command line.
import type { Network, Role } from '../contract/index.ts';

export function roleLabel(role: Role): string {
  return role === 'orchestrator' ? 'Orchestrator' : 'Transcoder';
}

export function networkLabel(network: Network): string {
  return network.kind === 'devnet' ? 'Local devnet (offline practice)' : 'Arbitrum One (real money)';
}
