import { useEffect, useState, type FormEvent } from 'react';
import {
  OrchAddr,
  type RemoteTranscodersStatus,
  type TranscoderModeStatus,
} from '../../../src-shared/contract/index.ts';
import { Card, Page } from '../../ui/Page.tsx';
import { useNodeStore } from '../../state/node-store.ts';
import { useSettingsStore } from '../../state/settings-store.ts';
import { useTranscodersStore } from '../../state/transcoders-store.ts';
import styles from './TranscodersPage.module.css';
import { formatTime } from '../../../src-shared/domain/dates.ts';

const STATE_LABELS: Record<TranscoderModeStatus['state'], string> = {
  off: 'Off',
  connecting: 'Connecting',
  connected: 'Connected',
  backoff: 'Reconnecting',
  stopped: 'Stopped',
};

const CONN_CLASS: Record<TranscoderModeStatus['state'], string> = {
  off: '',
  connecting: styles.connConnecting ?? '',
  connected: styles.connConnected ?? '',
  backoff: styles.connBackoff ?? '',
  stopped: styles.connStopped ?? '',
};

function pct(v: number | null): string {
  return v === null ? 'n/a' : `${Math.round(v)} %`;
}

function ModeForm({ mode }: { mode: TranscoderModeStatus }) {
  const { busy, test, configure, testConnection } = useTranscodersStore();
  const [orchAddr, setOrchAddr] = useState(mode.orchAddr ?? '');
  const [secret, setSecret] = useState('');
  const [maxSessions, setMaxSessions] = useState(String(mode.maxSessions));
  const addrCheck = OrchAddr.safeParse(orchAddr);
  const sessions = Number(maxSessions);
  const sessionsOk = Number.isInteger(sessions) && sessions >= 1 && sessions <= 100;
  const secretOk = secret !== '' || mode.secretSet;
  const input = () => ({ orchAddr, maxSessions: sessions, ...(secret ? { secret } : {}) });
  const valid = addrCheck.success && sessionsOk && secretOk;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (valid) void configure(input()).then((ok) => ok && setSecret(''));
  };
  return (
    <Card title="Orchestrator to work for">
      <form onSubmit={onSubmit} className={styles.transcoderForm}>
        <div className="field">
          <label htmlFor="orch-addr">Orchestrator address</label>
          <input
            id="orch-addr"
            type="text"
            value={orchAddr}
            placeholder="192.168.1.10:8935"
            onChange={(e) => setOrchAddr(e.target.value)}
            spellCheck={false}
          />
          {!addrCheck.success && orchAddr !== '' && <p className="field-error">{addrCheck.error.issues[0]?.message}</p>}
        </div>
        <div className="field">
          <label htmlFor="orch-secret">Orchestrator secret</label>
          <input
            id="orch-secret"
            type="password"
            autoComplete="off"
            value={secret}
            placeholder={mode.secretSet ? 'Stored (leave empty to keep it)' : 'The secret the orchestrator gave you'}
            onChange={(e) => setSecret(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="max-sessions">Maximum sessions (streams)</label>
          <input
            id="max-sessions"
            type="number"
            min={1}
            max={100}
            value={maxSessions}
            onChange={(e) => setMaxSessions(e.target.value)}
          />
          {!sessionsOk && <p className="field-error">A whole number from 1 to 100.</p>}
        </div>
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={!valid || busy}>
            Save and connect
          </button>
          <button
            type="button"
            className="button"
            disabled={!valid || busy}
            onClick={() => void testConnection(input())}
          >
            Test connection
          </button>
        </div>
        {test && (
          <p className={test.ok ? 'test-ok' : 'field-error'} role="status" data-testid="connection-test">
            {test.message} ({test.ms} ms)
          </p>
        )}
      </form>
    </Card>
  );
}

function ModeStatus({ mode, enabled }: { mode: TranscoderModeStatus; enabled: boolean }) {
  const { save, saving } = useSettingsStore();
  return (
    <Card title="Connection">
      <div className={`form-actions ${styles.switch}`}>
        <button
          type="button"
          className={enabled ? 'button' : 'button primary'}
          disabled={saving}
          onClick={() => void save({ transcodingEnabled: !enabled })}
        >
          {enabled ? 'Turn transcoding off' : 'Turn transcoding on'}
        </button>
        <span className="muted small">Off finishes the running segments, then leaves the orchestrator.</span>
      </div>
      <p>
        <span className={`${styles.conn} ${CONN_CLASS[mode.state]}`} data-testid="transcoder-state">
          {STATE_LABELS[mode.state]}
        </span>
        {mode.state === 'off' && (
          <span className="muted small">
            {' '}
            {!mode.orchAddr || !mode.secretSet
              ? 'Enter the orchestrator address and secret.'
              : enabled
                ? ''
                : 'Transcoding is switched off.'}
          </span>
        )}
      </p>
      {mode.message && (
        <p className={mode.state === 'stopped' ? 'field-error' : 'muted small'} data-testid="transcoder-message">
          {mode.message}
          {mode.state === 'stopped' ? ' — fix the settings and save to try again.' : ''}
        </p>
      )}
      <dl className="facts">
        <dt>Orchestrator</dt>
        <dd className="mono">{mode.orchAddr ?? '—'}</dd>
        <dt>Jobs done</dt>
        <dd data-testid="jobs-done">{mode.jobsDone}</dd>
        <dt>Jobs failed</dt>
        <dd data-testid="jobs-failed">{mode.jobsFailed}</dd>
        <dt>Running now</dt>
        <dd>
          {mode.activeJobs} segment{mode.activeJobs === 1 ? '' : 's'} in {mode.sessions} session
          {mode.sessions === 1 ? '' : 's'}
        </dd>
      </dl>
    </Card>
  );
}

function GpuLoad({ mode }: { mode: TranscoderModeStatus }) {
  return (
    <Card title="GPU load">
      {mode.gpus.length === 0 ? (
        <p className="muted" data-testid="no-gpu-load">
          No NVIDIA GPU detected: segments are encoded on the CPU (libx264).
        </p>
      ) : (
        <table className={styles.table} data-testid="gpu-load">
          <thead>
            <tr>
              <th>GPU</th>
              <th>Utilization</th>
              <th>Encoder</th>
              <th>Encoder sessions</th>
            </tr>
          </thead>
          <tbody>
            {mode.gpus.map((g) => (
              <tr key={g.index}>
                <td>
                  {g.index} · {g.name}
                </td>
                <td>{pct(g.utilizationPct)}</td>
                <td>{pct(g.encoderPct)}</td>
                <td>{g.encoderSessions ?? 'n/a'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}

function OrchestratorView({ orch }: { orch: RemoteTranscodersStatus }) {
  const { busy, setOrchestratorSecret } = useTranscodersStore();
  const node = useNodeStore((s) => s.status);
  const [secret, setSecret] = useState('');
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (secret) void setOrchestratorSecret(secret).then((ok) => ok && setSecret(''));
  };
  return (
    <>
      <Card title="Remote transcoders">
        <p className="muted small">
          Machines running Livepeer Miner in transcoder mode (or go-livepeer with{' '}
          <span className="mono">-transcoder</span>) connect to this orchestrator&apos;s service port with the secret
          below. While remote transcoders are on, every segment goes to them and the advertised capacity is the sum of
          theirs; this computer&apos;s own GPUs do not transcode (local and remote combined is not supported, as in
          go-livepeer).
        </p>
        <p className="muted small" data-testid="restart-note">
          Turning this on or off while the orchestrator runs restarts its service port: streams running now end and
          their gateways start new sessions. A new secret disconnects the transcoders that used the old one.
        </p>
        <form onSubmit={onSubmit} className={styles.transcoderForm}>
          <div className="field">
            <label htmlFor="orchestrator-secret">Transcoder secret</label>
            <input
              id="orchestrator-secret"
              type="password"
              autoComplete="off"
              value={secret}
              placeholder={orch.enabled ? 'Set (enter a new one to replace it)' : 'A long random secret to share'}
              onChange={(e) => setSecret(e.target.value)}
            />
          </div>
          <div className="form-actions">
            <button type="submit" className="button primary" disabled={!secret || busy}>
              {orch.enabled ? 'Replace secret' : 'Accept remote transcoders'}
            </button>
            {orch.enabled && (
              <button type="button" className="button" disabled={busy} onClick={() => void setOrchestratorSecret(null)}>
                Stop accepting
              </button>
            )}
          </div>
        </form>
        <p data-testid="remote-enabled">
          {orch.enabled
            ? `Accepting transcoders · capacity ${orch.capacity} session${orch.capacity === 1 ? '' : 's'} · ${orch.retriedSegments} segment${orch.retriedSegments === 1 ? '' : 's'} moved after a failure`
            : 'Not accepting remote transcoders: this computer transcodes itself.'}
        </p>
        {orch.enabled && node && node.state !== 'running' && node.state !== 'stopping' && (
          <p className="field-error" data-testid="remote-node-state">
            The orchestrator service is not running ({node.message}): transcoders cannot connect until it does.
          </p>
        )}
      </Card>
      {orch.enabled && (
        <Card title="Connected transcoders">
          {orch.transcoders.length === 0 ? (
            <p className="muted" data-testid="no-transcoders">
              None connected. Until one connects, this orchestrator advertises no capacity.
            </p>
          ) : (
            <table className={styles.table} data-testid="transcoder-list">
              <thead>
                <tr>
                  <th>#</th>
                  <th>Address</th>
                  <th>Load / capacity</th>
                  <th>Segments</th>
                  <th>Errors</th>
                  <th>Last error</th>
                </tr>
              </thead>
              <tbody>
                {orch.transcoders.map((t) => (
                  <tr key={t.id}>
                    <td>{t.id}</td>
                    <td className="mono">{t.address}</td>
                    <td>
                      {t.load} / {t.capacity}
                    </td>
                    <td>{t.segments}</td>
                    <td>{t.errors}</td>
                    <td className="small">{t.lastError ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {orch.removed.length > 0 && (
            <>
              <h3 className={`group-title ${styles.dropped}`}>Recently dropped</h3>
              <ul className="small muted">
                {orch.removed.slice(0, 5).map((r) => (
                  <li key={`${r.id}-${r.at}`}>
                    #{r.id} {r.address}: {r.reason} ({formatTime(r.at)})
                  </li>
                ))}
              </ul>
            </>
          )}
        </Card>
      )}
    </>
  );
}

export function TranscodersPage() {
  const { status, error, load } = useTranscodersStore();
  const settings = useSettingsStore((s) => s.settings);
  useEffect(() => {
    void load();
  }, [load]);
  const role = settings?.role ?? 'orchestrator';
  return (
    <Page
      title="Transcoders"
      lead={
        role === 'transcoder'
          ? 'This computer works for an orchestrator: it receives segments, transcodes them and sends them back. No wallet or stake needed.'
          : 'Grow past one machine: let other computers transcode for this orchestrator.'
      }
    >
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {!status ? (
        <p className="muted">Loading…</p>
      ) : role === 'transcoder' ? (
        <div className={styles.grid}>
          <ModeForm mode={status.mode} />
          <ModeStatus mode={status.mode} enabled={settings?.transcodingEnabled ?? false} />
          <GpuLoad mode={status.mode} />
        </div>
      ) : (
        <OrchestratorView orch={status.orchestrator} />
      )}
    </Page>
  );
}
