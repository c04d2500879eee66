import type { NodeState } from '../../src-shared/contract/index.ts';
import { useConnectionStore } from '../state/connection-store.ts';

const LABELS: Record<NodeState, string> = {
  stopped: 'Stopped',
  starting: 'Starting',
  running: 'Running',
  stopping: 'Stopping',
  error: 'Needs attention',
};

/** The node's state, or "Reconnecting…" while the host is away (its last state is not current). */
export function StatusPill({ state }: { state: NodeState }) {
  const connected = useConnectionStore((s) => s.connected);
  if (!connected)
    return (
      <span className="pill pill-stopped" data-testid="node-state">
        <span className="pill-dot" aria-hidden="true" />
        Reconnecting…
      </span>
    );
  return (
    <span className={`pill pill-${state}`} data-testid="node-state">
      <span className="pill-dot" aria-hidden="true" />
      {LABELS[state]}
    </span>
  );
}
