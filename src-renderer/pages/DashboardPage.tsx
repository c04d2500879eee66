import { Card, Page } from '../components/Page.tsx';
import { StatusPill } from '../components/StatusPill.tsx';
import { networkLabel, roleLabel } from '../format.ts';
import { useConnectionStore } from '../stores/connection-store.ts';
import { useNodeStore } from '../stores/node-store.ts';

export function DashboardPage() {
  const status = useNodeStore((s) => s.status);
  const health = useConnectionStore((s) => s.health);
  return (
    <Page title="Dashboard" lead="What your node is doing right now.">
      <div className="grid">
        <Card title="Node" className="span-2">
          {status ? (
            <div className="node-summary">
              <StatusPill state={status.state} />
              <dl className="facts">
                <dt>Role</dt>
                <dd data-testid="dashboard-role">{roleLabel(status.role)}</dd>
                <dt>Network</dt>
                <dd data-testid="dashboard-network">{networkLabel(status.network)}</dd>
                <dt>Since</dt>
                <dd>{new Date(status.since).toLocaleString()}</dd>
              </dl>
              <p className="muted">{status.message}</p>
            </div>
          ) : (
            <p className="muted">Waiting for the node…</p>
          )}
        </Card>
        <Card title="Health">
          {health ? (
            <ul className="checks">
              {health.checks.map((check) => (
                <li key={check.name} className={check.ok ? 'ok' : 'bad'}>
                  <span aria-hidden="true">{check.ok ? '✓' : '✕'}</span> <strong>{check.name}</strong>: {check.detail}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">Checking…</p>
          )}
        </Card>
      </div>
    </Page>
  );
}
