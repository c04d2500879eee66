// The node's lifecycle state as the UI sees it. The orchestrator and transcoder runtimes (later)
// drive it through `set`; settings changes update the role and network it reports at once. The
// network's RPC URLs are redacted here: a status line is no place for an API key.
import { redactNetwork } from '../chain/rpc/redact.ts';
import type { NodeState, NodeStatus, Settings } from '../../src-shared/contract/index.ts';

export interface NodeStatusTracker {
  get(): NodeStatus;
  set(state: NodeState, message: string): void;
  applySettings(settings: Settings): void;
  onChange(listener: (status: NodeStatus) => void): () => void;
}

export function createNodeStatusTracker(settings: Settings, now: () => number = Date.now): NodeStatusTracker {
  let status: NodeStatus = {
    state: 'stopped',
    role: settings.role,
    network: redactNetwork(settings.network),
    message: 'The node is stopped.',
    since: now(),
  };
  const listeners = new Set<(status: NodeStatus) => void>();
  const publish = (next: NodeStatus): void => {
    status = next;
    for (const listener of listeners) listener(status);
  };
  return {
    get: () => status,
    set: (state, message) => publish({ ...status, state, message, since: now() }),
    applySettings(next) {
      const network = redactNetwork(next.network);
      if (next.role === status.role && JSON.stringify(network) === JSON.stringify(status.network)) return;
      publish({ ...status, role: next.role, network });
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
