// The dashboard: the on/off switch, what the node is doing, whether rewards are being called,
// what it earned, and plain reasons when no work arrives.
import { useState, type ReactNode } from 'react';
import type {
  ChainAccountState,
  ChainStatus,
  DemoTrafficStatus,
  Settings,
  WinningTicketState,
} from '../../../src-shared/contract/index.ts';
import {
  COMMON_GATEWAY_MAX_WEI_PER_PIXEL,
  formatEth,
  formatLpt,
  priceAboveCommonCeiling,
  pricePerPixelWei,
} from '../../../src-shared/domain/units.ts';
import { api } from '../../api/index.ts';
import { rewardRecord, secondsPerRoundBlock } from '../../state/chain-derived.ts';
import { FaucetButton, NextRoundButton } from '../devnet/DevnetTools.tsx';
import { Card, Page } from '../../ui/Page.tsx';
import { useReachabilityWarning } from '../reachability/ReachabilityCard.tsx';
import { StatusPill } from '../../ui/StatusPill.tsx';
import { networkLabel, roleLabel } from '../../../src-shared/domain/labels.ts';
import { useChainStore, type RoundEarnings } from '../../state/chain-store.ts';
import { useConnectionStore } from '../../state/connection-store.ts';
import { useNodeStore } from '../../state/node-store.ts';
import { useSettingsStore } from '../../state/settings-store.ts';
import { useTranscodersStore } from '../../state/transcoders-store.ts';
import { useWalletStore } from '../../state/wallet-store.ts';

import { setDemoTraffic, useOrchestratorStore } from '../../state/orchestrator-store.ts';

const LOW_ETH_WEI = 10n ** 16n; // 0.01 ETH: a few dozen reward calls on Arbitrum

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
          {settings ? <Toggle settings={settings} /> : <p className="muted">Loading…</p>}
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
                <dd>{new Date(status.since).toLocaleString()}</dd>
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
              hint="Broadcasters' streams this node is transcoding now, of the most it accepts."
            />
            <Stat
              label="Segments per minute"
              testId="stat-segments"
              value={stats ? String(stats.segmentsPerMinute) : null}
              hint={
                stats
                  ? `Tickets received ${stats.ticketsReceived}, won ${stats.ticketsWon}`
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
            <p className="hint">Play money on your own computer. Nothing here touches a real network.</p>
            <NextRoundButton />
            {selected && <FaucetButton address={selected} />}
            {demo?.available ? (
              <DemoTraffic demo={demo} />
            ) : (
              <p className="hint">Demo traffic starts once your node is serving on the devnet.</p>
            )}
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

function Toggle({ settings }: { settings: Settings }) {
  const save = useSettingsStore((s) => s.save);
  const saving = useSettingsStore((s) => s.saving);
  const node = useNodeStore((s) => s.status);
  const on = settings.transcodingEnabled;
  // The host clears pausedUntil when the pause ends (settings.changed), so "set" means "paused".
  const paused = settings.pausedUntil !== null;
  const draining = node?.state === 'stopping';
  return (
    <div className="toggle-wrap">
      <button
        type="button"
        role="switch"
        aria-checked={on}
        aria-label="Transcoding"
        className={`big-toggle${on ? ' on' : ''}${draining ? ' draining' : ''}`}
        disabled={saving}
        onClick={() => void save({ transcodingEnabled: !on })}
        data-testid="transcoding-toggle"
      >
        <span className="big-toggle-knob" aria-hidden="true" />
        <span className="big-toggle-label">{on ? 'On' : draining ? 'Drain' : 'Off'}</span>
      </button>
      <p data-testid="transcoding-state">
        {draining
          ? 'Finishing the segments in progress, then stopping…'
          : paused
            ? `Paused until ${new Date(settings.pausedUntil ?? 0).toLocaleTimeString()}.`
            : on
              ? 'Your GPU accepts work from the network.'
              : 'Off: no new work is accepted. Turning it off lets current segments finish first.'}
      </p>
      {on && (
        <div className="row">
          {paused ? (
            <button type="button" className="button" onClick={() => void save({ pausedUntil: null })}>
              Resume now
            </button>
          ) : (
            <>
              <button
                type="button"
                className="button"
                onClick={() => void save({ pausedUntil: Date.now() + 15 * 60_000 })}
              >
                Pause 15 min
              </button>
              <button
                type="button"
                className="button"
                onClick={() => void save({ pausedUntil: Date.now() + 60 * 60_000 })}
              >
                Pause 1 h
              </button>
            </>
          )}
        </div>
      )}
    </div>
  );
}

function Stat({ label, value, hint, testId }: { label: string; value: string | null; hint: string; testId: string }) {
  return (
    <Card className="stat">
      <p className="stat-label">{label}</p>
      <p className={value === null ? 'stat-value muted' : 'stat-value'} data-testid={testId}>
        {value ?? '—'}
      </p>
      <p className="hint">{hint}</p>
    </Card>
  );
}

function RewardCard({ chain, account }: { chain: ChainStatus | null; account: ChainAccountState | null }) {
  const reward = useChainStore((s) => s.reward);
  const round = Number(chain?.protocol?.round ?? 0);
  const record = rewardRecord(reward, round);
  const registered = account?.transcoder.registered ?? false;
  const serviceOn = reward !== null && reward.state !== 'stopped' && reward.orchestrator !== null;
  return (
    <Card title="Rewards">
      {!chain?.protocol ? (
        <p className="muted">Waiting for the chain…</p>
      ) : !registered ? (
        <p className="muted">Rewards are called once you are an active orchestrator.</p>
      ) : (
        <>
          <p className="big-number" data-testid="reward-record">
            {record.called} of the last {record.window} rounds
          </p>
          <p data-testid="reward-this-round">
            Round {round}: {record.thisRound ? '✓ reward called' : 'not called yet'}
          </p>
          <p className="hint">Reward service: {reward ? `${reward.state} — ${reward.message}` : 'unknown'}</p>
          {account && (
            <button
              type="button"
              className="button"
              onClick={() =>
                void api.chain
                  .setRewardService({ orchestrator: account.address, enabled: !serviceOn })
                  .then((r) => useChainStore.setState({ reward: r }))
              }
            >
              {serviceOn ? 'Stop calling rewards automatically' : 'Call rewards automatically every round'}
            </button>
          )}
        </>
      )}
    </Card>
  );
}

export function recentEarnings(earnings: readonly RoundEarnings[], fromRound: number): { lpt: bigint; eth: bigint } {
  let lpt = 0n;
  let eth = 0n;
  for (const e of earnings) {
    if (e.round >= fromRound) {
      lpt += BigInt(e.rewards);
      eth += BigInt(e.fees);
    }
  }
  return { lpt, eth };
}

function EarningsCard({ chain }: { chain: ChainStatus | null }) {
  const earnings = useChainStore((s) => s.earnings);
  const round = Number(chain?.protocol?.round ?? 0);
  let body: ReactNode;
  if (!chain?.protocol || earnings === null) body = <p className="muted">Loading…</p>;
  else {
    const perDay = Math.max(1, Math.round(86_400 / (Number(chain.protocol.roundLength) * secondsPerRoundBlock(chain))));
    const thisRound = recentEarnings(earnings, round);
    const today = recentEarnings(earnings, round - perDay + 1);
    body = (
      <dl className="facts">
        <dt>This round</dt>
        <dd data-testid="earned-round">
          {formatLpt(thisRound.lpt)} · {formatEth(thisRound.eth)}
        </dd>
        <dt>Last 24 h</dt>
        <dd data-testid="earned-today">
          {formatLpt(today.lpt)} · {formatEth(today.eth)}
        </dd>
      </dl>
    );
  }
  return (
    <Card title="Earnings">
      {body}
      <a href="#/earnings">Charts and history →</a>
    </Card>
  );
}

function Warnings({
  settings,
  chain,
  account,
}: {
  settings: Settings | null;
  chain: ChainStatus | null;
  account: ChainAccountState | null;
}) {
  const wallet = useWalletStore((s) => s.status);
  const reach = useReachabilityWarning(
    account?.address ?? null,
    settings?.role === 'orchestrator' && !!account?.transcoder.serviceUri,
  );
  const stats = useOrchestratorStore((s) => s.stats);
  const items: { id: string; text: ReactNode }[] = [];
  if (chain && !chain.connected) items.push({ id: 'chain', text: `The chain is unreachable: ${chain.error ?? ''}` });
  // A transcoder needs no wallet: its orchestrator holds the keys and gets paid.
  const needsWallet = settings?.role !== 'transcoder';
  if (needsWallet && wallet && !wallet.selected)
    items.push({
      id: 'nowallet',
      text: (
        <>
          No account: create one on the <a href="#/wallet">Wallet</a> page.
        </>
      ),
    });
  else if (needsWallet && wallet && !wallet.unlocked)
    items.push({
      id: 'locked',
      text: (
        <>
          The wallet is locked: rewards cannot be called and tickets cannot be redeemed.{' '}
          <a href="#/wallet">Unlock it</a>.
        </>
      ),
    });
  if (settings?.role === 'orchestrator' && account) {
    if (!account.transcoder.registered)
      items.push({
        id: 'unreg',
        text: (
          <>
            Not registered as an orchestrator: gateways cannot find you. <a href="#/staking">Stake and register</a>.
          </>
        ),
      });
    else if (!account.transcoder.active)
      items.push({
        id: 'inactive',
        text: 'Not in the active set yet: activation happens at the start of the next round.',
      });
    if (account.transcoder.registered && !account.transcoder.serviceUri)
      items.push({
        id: 'uri',
        text: (
          <>
            No service URI on-chain: gateways cannot reach you. <a href="#/staking">Set it</a>.
          </>
        ),
      });
    const terms = settings.orchestratorTerms;
    if (priceAboveCommonCeiling(terms.pricePerUnitWei, terms.pixelsPerUnit))
      items.push({
        id: 'price',
        text: (
          <>
            Your price ({pricePerPixelWei(terms.pricePerUnitWei, terms.pixelsPerUnit).perPixel} per pixel) is above the{' '}
            {COMMON_GATEWAY_MAX_WEI_PER_PIXEL.toString()} wei most gateways accept: they skip your node.{' '}
            <a href="#/staking">Change it</a>.
          </>
        ),
      });
    if (BigInt(account.ethBalance) < LOW_ETH_WEI)
      items.push({
        id: 'eth',
        text: `Low ETH for gas (${formatEth(account.ethBalance)}): reward calls and ticket redemptions need gas.`,
      });
  }
  if (reach) items.push({ id: 'reach', text: reach });
  if (settings && !settings.transcodingEnabled)
    items.push({ id: 'off', text: 'Transcoding is off: no work is accepted.' });
  if (stats?.accepting && stats.maxSessions > 0 && stats.activeSessions >= stats.maxSessions)
    items.push({
      id: 'capacity',
      text: (
        <>
          At capacity ({stats.activeSessions} of {stats.maxSessions} sessions): new streams are refused. Raise the limit
          on the <a href="#/gpus">GPUs</a> page after a benchmark.
        </>
      ),
    });
  if (items.length === 0) return null;
  return (
    <section className="warnings" aria-label="Why no work may arrive" data-testid="warnings">
      <h2 className="card-title">Why no work may arrive</h2>
      <ul>
        {items.map((i) => (
          <li key={i.id}>{i.text}</li>
        ))}
      </ul>
    </section>
  );
}

function DemoTraffic({ demo }: { demo: DemoTrafficStatus }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function flip(): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      await setDemoTraffic(!demo.running);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }
  const ms = demo.latencyP50Ms === null ? '' : `, round trip ${Math.round(demo.latencyP50Ms)} ms p50`;
  return (
    <div className="demo-traffic">
      <div className="row">
        <button
          type="button"
          role="switch"
          aria-checked={demo.running}
          className={demo.running ? 'small-toggle on' : 'small-toggle'}
          disabled={busy}
          onClick={() => void flip()}
          data-testid="demo-toggle"
        >
          <span className="small-toggle-knob" aria-hidden="true" />
          <span>Demo traffic {demo.running ? 'on' : 'off'}</span>
        </button>
      </div>
      <p className="hint">A test gateway on this computer streams video with real tickets to your node.</p>
      <p data-testid="demo-status" role="status">
        {demo.running ? 'Streaming: ' : 'Stopped: '}
        {demo.segmentsSent} segment{demo.segmentsSent === 1 ? '' : 's'} sent, {demo.segmentsFailed} failed{ms}.
      </p>
      {demo.lastError && (
        <p className="hint" data-testid="demo-last-error">
          {demo.running ? `Last failure: ${demo.lastError}` : demo.lastError}
        </p>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

const TICKET_STATES: Record<WinningTicketState, string> = {
  pending: 'Waiting to redeem',
  submitted: 'Redeeming…',
  redeemed: '✓ Redeemed',
  failed: 'Failed',
  skipped: 'Skipped',
};

/** Winning tickets: what the node won and what it redeemed on chain (ETH fees). */
function TicketsCard() {
  const stats = useOrchestratorStore((s) => s.stats);
  const tickets = useOrchestratorStore((s) => s.tickets);
  return (
    <Card title="Winning tickets">
      {stats && (
        <dl className="facts">
          <dt>Won</dt>
          <dd data-testid="tickets-won">
            {stats.ticketsWon} of {stats.ticketsReceived} tickets received
          </dd>
          <dt>Waiting to redeem</dt>
          <dd>{formatEth(stats.pendingRedemption)}</dd>
          <dt>Redeemed</dt>
          <dd data-testid="tickets-redeemed">
            {formatEth(stats.redeemed)} (gas {formatEth(stats.redemptionGas, 8)})
          </dd>
        </dl>
      )}
      {tickets === null ? (
        <p className="muted">Loading…</p>
      ) : tickets.length === 0 ? (
        <p className="muted">
          No winning ticket yet. Gateways pay with lottery tickets; a winning one is redeemed on chain for its face
          value.
        </p>
      ) : (
        <table className="table" data-testid="tickets-table">
          <caption className="sr-only">Recent winning tickets</caption>
          <thead>
            <tr>
              <th scope="col">Received</th>
              <th scope="col">Face value</th>
              <th scope="col">Round</th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {tickets.slice(0, 5).map((t) => (
              <tr key={t.hash}>
                <td>{new Date(t.receivedAt).toLocaleTimeString()}</td>
                <td>{formatEth(t.faceValue)}</td>
                <td>{t.creationRound}</td>
                <td title={t.error ?? undefined}>{TICKET_STATES[t.state]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}

const CONNECTION_LABELS = {
  off: 'Not connected (transcoding is off)',
  connecting: 'Connecting…',
  connected: '✓ Connected',
  backoff: 'Connection lost: retrying',
  stopped: 'Stopped by the orchestrator',
} as const;

/** Transcoder role: the orchestrator this machine works for and the work it did. */
function TranscoderCard() {
  const mode = useTranscodersStore((s) => s.status?.mode ?? null);
  return (
    <Card title="Your orchestrator">
      {!mode ? (
        <p className="muted">Loading…</p>
      ) : !mode.orchAddr ? (
        <p className="muted">
          No orchestrator yet: enter its address and secret in the <a href="#/onboarding">set-up guide</a> or on the{' '}
          <a href="#/transcoders">Transcoders</a> page.
        </p>
      ) : (
        <dl className="facts">
          <dt>Orchestrator</dt>
          <dd className="mono">{mode.orchAddr}</dd>
          <dt>Connection</dt>
          <dd data-testid="transcoder-connection">{CONNECTION_LABELS[mode.state]}</dd>
          <dt>Segments</dt>
          <dd>
            {mode.jobsDone} done, {mode.jobsFailed} failed, {mode.activeJobs} running
          </dd>
          {mode.message && (
            <>
              <dt>Last message</dt>
              <dd>{mode.message}</dd>
            </>
          )}
        </dl>
      )}
    </Card>
  );
}
