import { Card, Page } from '../components/Page.tsx';
import { StatusPill } from '../components/StatusPill.tsx';
import { networkLabel, roleLabel } from '../format.ts';
import { useConnectionStore } from '../stores/connection-store.ts';
import { useNodeStore } from '../stores/node-store.ts';
import { setDemoTraffic, useOrchestratorStore } from '../stores/orchestrator-store.ts';

export function DashboardPage() {
  const status = useNodeStore((s) => s.status);
  const health = useConnectionStore((s) => s.health);
  const stats = useOrchestratorStore((s) => s.stats);
  const demo = useOrchestratorStore((s) => s.demo);
  const ms = (v: number | null) => (v === null ? '–' : `${Math.round(v)} ms`);
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
        <Card title="Orchestrator">
          {stats ? (
            <dl className="facts" data-testid="dashboard-orchestrator">
              <dt>Sessions</dt>
              <dd>
                {stats.activeSessions} / {stats.maxSessions}
              </dd>
              <dt>Segments / min</dt>
              <dd>{stats.segmentsPerMinute}</dd>
              <dt>Transcode p50 / p95</dt>
              <dd>
                {ms(stats.latencyP50Ms)} / {ms(stats.latencyP95Ms)}
              </dd>
              <dt>Tickets received / won</dt>
              <dd>
                {stats.ticketsReceived} / {stats.ticketsWon}
              </dd>
            </dl>
          ) : (
            <p className="muted">No orchestrator figures yet.</p>
          )}
          {demo?.available ? (
            <label>
              <input
                type="checkbox"
                checked={demo.running}
                onChange={(e) => void setDemoTraffic(e.target.checked).catch(() => undefined)}
              />{' '}
              Demo traffic ({demo.segmentsSent} segments sent, {demo.segmentsFailed} failed)
            </label>
          ) : null}
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
