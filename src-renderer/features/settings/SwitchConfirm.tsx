// The confirmation a role or network change needs: what happens to the stake, the node and the
// data (switch-consequences.ts), then "Switch" or "Keep". The facts come from the live stores.
import { useChainStore } from '../../state/chain-store.ts';
import { useNodeStore } from '../../state/node-store.ts';
import { useOrchestratorStore } from '../../state/orchestrator-store.ts';
import type { SwitchFacts } from './switch-consequences.ts';

export function useSwitchFacts(): SwitchFacts {
  const account = useChainStore((s) => s.account);
  const reward = useChainStore((s) => s.reward);
  const node = useNodeStore((s) => s.status);
  const stats = useOrchestratorStore((s) => s.stats);
  return {
    bonded: account?.delegator.bondedAmount ?? null,
    active: account?.transcoder.active ?? false,
    serving: node?.state === 'running' && stats?.accepting === true,
    pendingTickets: stats?.pendingRedemption ?? null,
    rewardsAuto: reward !== null && reward.state !== 'stopped' && reward.orchestrator !== null,
  };
}

export function SwitchConfirm({
  title,
  lines,
  saving,
  onConfirm,
  onCancel,
}: {
  title: string;
  lines: string[];
  saving: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <section
      className="callout warning switch-confirm"
      role="alertdialog"
      aria-label={title}
      data-testid="switch-confirm"
    >
      <h2 className="card-title">{title}</h2>
      <ul>
        {lines.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <div className="form-actions">
        <button type="button" className="button primary" disabled={saving} onClick={onConfirm}>
          {saving ? 'Switching…' : 'Switch'}
        </button>
        <button type="button" className="button" disabled={saving} onClick={onCancel}>
          Keep the current settings
        </button>
      </div>
    </section>
  );
}
