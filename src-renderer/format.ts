import type { Network, Role } from '../src-shared/contract/index.ts';

export function roleLabel(role: Role): string {
  return role === 'orchestrator' ? 'Orchestrator' : 'Transcoder';
}

export function networkLabel(network: Network): string {
  return network.kind === 'devnet' ? 'Local devnet (offline practice)' : 'Arbitrum One (real money)';
}
