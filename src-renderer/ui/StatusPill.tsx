import type { NodeState } from '../../src-shared/contract/index.ts';

const LABELS: Record<NodeState, string> = {
  stopped: 'Stopped',
  starting: 'Starting',
  running: 'Running',
  stopping: 'Stopping',
  error: 'Needs attention',
};

export function StatusPill({ state }: { state: NodeState }) {
  return (
    <span className={`pill pill-${state}`} data-testid="node-state">
      <span className="pill-dot" aria-hidden="true" />
      {LABELS[state]}
    </span>
  );
}
