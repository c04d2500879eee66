// The dashboard: the on/off switch, what the node is doing, whether rewards are being called,
// what it earned, and plain reasons when no work arrives.
import { FaucetButton, NextRoundButton } from '../devnet/DevnetTools.tsx';
import styles from './dashboard.module.css';
import { Card, Page } from '../../ui/Page.tsx';
import { StatusPill } from '../../ui/StatusPill.tsx';
import { networkLabel, roleLabel } from '../../../src-shared/domain/labels.ts';
import { useChainStore } from '../../state/chain-store.ts';
import { useConnectionStore } from '../../state/connection-store.ts';
import { useNodeStore } from '../../state/node-store.ts';
import { useSettingsStore } from '../../state/settings-store.ts';
import { useWalletStore } from '../../state/wallet-store.ts';
import { useOrchestratorStore } from '../../state/orchestrator-store.ts';
import { NodeToggle } from './NodeToggle.tsx';
import { sessionsHint } from './node-figures.ts';
import { Stat } from './Stat.tsx';
import { RewardCard } from './RewardCard.tsx';
import { EarningsCard } from './EarningsCard.tsx';
import { Warnings } from './Warnings.tsx';
import { DemoTraffic } from './DemoTraffic.tsx';
import { TicketsCard } from './TicketsCard.tsx';
import { TranscoderCard } from './TranscoderCard.tsx';
import { formatDateTime } from '../../../src-shared/domain/dates.ts';

export function DashboardPage() {
  const status = useNodeStore((s) => s.status);
  const health = useConnectionStore((s) => s.health);
  const settings = useSettingsStore((s) => s.settings);
  const chain = useChainStore((s) => s.status);
  const account = useChainStore((s) => s.account);
  // The faucet pays the selected account, which the chain store's account state may not have caught up with.
  const selected = useWalletStore((s) => s.status?.selected ?? null);
  const stats = useOrchestratorStore((s) => s.stats);
  const demo = useOrchestratorStore((s) => s.demo);
  const ms = (v: number | null) => (v === null ? '–' : `${Math.round(v)} ms`);
  const orchestrator = settings?.role !== 'transcoder';
  return (
    <Page title="Dashboard" lead="What your node is doing right now.">
      {settings && !settings.onboarding.completed && (
        <div className="banner banner-info" role="status">
          New here? The <a href="#/onboarding">set-up guide</a> takes you from a fresh install to a node that earns.
        </div>
      )}
      <Warnings settings={settings} chain={chain} account={account} />
      <div className="grid two">
        <Card title="Transcoding" className="toggle-card">
          {settings ? <NodeToggle settings={settings} /> : <p className="muted">Loading…</p>}
        </Card>
        <Card title="Node">
          {status ? (
            <div className="node-summary">
              <StatusPill state={status.state} />
              <dl className="facts">
                <dt>Role</dt>
                <dd data-testid="dashboard-role">{roleLabel(status.role)}</dd>
                <dt>Network</dt>
                <dd data-testid="dashboard-network">{networkLabel(status.network)}</dd>
                <dt>Since</dt>
                <dd data-live>{formatDateTime(status.since)}</dd>
              </dl>
              <p className="muted">{status.message}</p>
            </div>
          ) : (
            <p className="muted">Waiting for the node…</p>
          )}
        </Card>
      </div>
      {settings?.role === 'transcoder' && <TranscoderCard />}
      {/* What an orchestrator earns and serves; a transcoder's work shows in its card above. */}
      {orchestrator && (
        <>
          <div className="grid three">
            <Stat
              label="Active sessions"
              testId="stat-sessions"
              value={stats ? `${stats.activeSessions} / ${stats.maxSessions}` : null}
              hint={stats ? sessionsHint(stats) : "Broadcasters' streams this node is transcoding now."}
            />
            <Stat
              label="Segments per minute"
              testId="stat-segments"
              value={stats ? String(stats.segmentsPerMinute) : null}
              hint={
                stats
                  ? `Over the last 60 s (0 a minute after work stops). Tickets received ${stats.ticketsReceived}, won ${stats.ticketsWon}.`
                  : 'Counts start when the node serves.'
              }
            />
            <Stat
              label="Transcode latency"
              testId="stat-latency"
              value={stats?.latencyP50Ms != null ? `${ms(stats.latencyP50Ms)} p50` : null}
              hint={
                stats?.latencyP95Ms != null
                  ? `p95 ${ms(stats.latencyP95Ms)}`
                  : 'Measured per segment once work arrives.'
              }
            />
          </div>
          <div className="grid two">
            <RewardCard chain={chain} account={account} />
            <EarningsCard chain={chain} />
          </div>
        </>
      )}
      {orchestrator && <TicketsCard />}
      <div className="grid two">
        {orchestrator && chain?.network === 'devnet' && (
          <Card title="Devnet practice tools">
            <div className={styles.tools}>
              <p className="hint">Play money on your own computer. Nothing here touches a real network.</p>
              <NextRoundButton />
              {selected && <FaucetButton address={selected} />}
              {demo?.available ? (
                <DemoTraffic demo={demo} />
              ) : (
                <p className="hint">Demo traffic starts once your node is serving on the devnet.</p>
              )}
            </div>
          </Card>
        )}
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
