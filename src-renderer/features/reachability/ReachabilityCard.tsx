// "Can gateways reach this node?": the router's port forward (UPnP / NAT-PMP), a check of the
// on-chain service URI, the node port's TLS/HTTP/2 and what a gateway sees, plain steps when the
// router refuses, and a previewed update of the on-chain service URI. The card sits in onboarding
// (stake and activate) and settings; `useReachabilityWarning` gives the dashboard's "why no work"
// list one line with the same offer.
import { useEffect, useState, type ReactNode } from 'react';
import { Card } from '../../ui/Page.tsx';
import { TxReview } from '../../ui/TxFlow.tsx';
import { useOrchestratorStore } from '../../state/orchestrator-store.ts';
import { useReachabilityStore } from '../../state/reachability-store.ts';
import styles from './ReachabilityCard.module.css';

const DEFAULT_PORT = 8935;

/** The node's service port: from the running node's service URI, else the default. */
function useNodePort(port?: number): number {
  const uri = useOrchestratorStore((s) => s.stats?.serviceUri ?? null);
  const fromUri = uri ? Number(/:(\d{1,5})\/?$/.exec(uri)?.[1] ?? NaN) : NaN;
  return port ?? (Number.isInteger(fromUri) && fromUri > 0 ? fromUri : DEFAULT_PORT);
}

/** The button that previews `setServiceURI` with the suggested URI, and the preview it opens. */
function UpdateUriOffer({ orchestrator, onDone }: { orchestrator: string | null; onDone: () => void }) {
  const { report, busy, preview, prepareUri, closePreview } = useReachabilityStore();
  return (
    <>
      {report?.suggestedUri && orchestrator && report.uriMatches !== true && !preview && (
        <button
          type="button"
          className="button primary"
          disabled={busy !== null}
          onClick={() => void prepareUri(orchestrator, report.suggestedUri ?? '')}
        >
          Update the on-chain service URI to {report.suggestedUri}
        </button>
      )}
      {preview && (
        <TxReview
          preview={preview}
          onSent={() => {
            closePreview();
            onDone();
          }}
          onCancel={closePreview}
        />
      )}
    </>
  );
}

/**
 * For the dashboard's "why no work" list: checks reachability once (then every visit after ten
 * minutes) and, when gateways may not reach the node, a line saying why with the URI offer.
 */
export function useReachabilityWarning(orchestrator: string | null, enabled: boolean, port?: number): ReactNode {
  const nodePort = useNodePort(port);
  const listening = useOrchestratorStore((s) => s.stats?.serviceUri != null);
  const { report, autoCheck, check } = useReachabilityStore();
  useEffect(() => {
    if (enabled && orchestrator) void autoCheck(nodePort, orchestrator, listening);
  }, [enabled, orchestrator, nodePort, listening, autoCheck]);
  if (!enabled || !orchestrator || !report || report.ok) return null;
  const failing = report.items.filter((i) => i.ok === false);
  return (
    <div className={styles.warning} data-testid="reach-warning">
      Gateways may not reach this node:
      <ul className={styles.warningItems}>
        {failing.map((i) => (
          <li key={i.id}>
            <strong>{i.title}</strong> — {i.detail}
          </li>
        ))}
      </ul>
      <a href="#/settings">Reachability details</a>
      <UpdateUriOffer orchestrator={orchestrator} onDone={() => void check(nodePort, orchestrator, '')} />
    </div>
  );
}

export interface ReachabilityCardProps {
  /** The orchestrator's on-chain address (the operating account). */
  orchestrator: string | null;
  /** The node's service port on this machine. */
  port?: number;
  title?: string;
}

const MARK = { true: '✓', false: '✗', null: '–' } as const;

export function ReachabilityCard({
  orchestrator,
  port: portProp,
  title = 'Reachable from the internet',
}: ReachabilityCardProps) {
  const port = useNodePort(portProp);
  const { mapping, report, busy, error, loadMapping, mapPort, unmapPort, check } = useReachabilityStore();
  const [publicHost, setPublicHost] = useState('');
  useEffect(() => {
    void loadMapping();
  }, [loadMapping]);
  const mapped = mapping?.state === 'mapped';
  return (
    <Card title={title} className={`${styles.card} reach-card`}>
      <div className={styles.status}>
        {mapped ? (
          <span className="ok">
            Router forwards {mapping.externalIp}:{mapping.externalPort} → {mapping.internalHost}:{mapping.internalPort}{' '}
            ({mapping.method === 'upnp' ? 'UPnP' : 'NAT-PMP'}, renewed {mapping.renewals}×)
          </span>
        ) : mapping?.state === 'refused' && mapping.attempts.length === 0 ? (
          <span className="muted">This computer is not behind a home router (it has no private network address).</span>
        ) : mapping?.state === 'refused' ? (
          <span className="bad">The router refused an automatic port forward.</span>
        ) : mapping?.state === 'mapping' ? (
          <span className="muted">Asking the router…</span>
        ) : (
          <span className="muted">No automatic port forward.</span>
        )}
      </div>
      <div className={`toolbar ${styles.actions}`}>
        <button type="button" className="button" disabled={busy !== null} onClick={() => void mapPort(port)}>
          {busy === 'map' ? 'Asking the router…' : mapped ? 'Forward again' : `Forward port ${port} on my router`}
        </button>
        {mapped && (
          <button type="button" className="button" disabled={busy !== null} onClick={() => void unmapPort()}>
            Remove forward
          </button>
        )}
        <input
          className={styles.host}
          placeholder="Public address or DNS name (optional)"
          value={publicHost}
          onChange={(e) => setPublicHost(e.target.value)}
          aria-label="Public address or DNS name"
        />
        <button
          type="button"
          className="button primary"
          disabled={busy !== null}
          onClick={() => void check(port, orchestrator, publicHost)}
        >
          {busy === 'check' ? 'Checking…' : 'Check reachability'}
        </button>
      </div>
      {error && (
        <p className="bad" role="alert">
          {error}
        </p>
      )}
      {mapping && mapping.advice.length > 0 && (
        <div className={styles.advice}>
          <h3>What to do</h3>
          <ol>
            {mapping.advice.map((a) => (
              <li key={a}>{a}</li>
            ))}
          </ol>
          {mapping.attempts.length > 0 && (
            <p className="muted">
              Tried:{' '}
              {mapping.attempts.map((a) => `${a.method === 'upnp' ? 'UPnP' : 'NAT-PMP'} (${a.detail})`).join('; ')}
            </p>
          )}
        </div>
      )}
      {report && (
        <ul className={styles.items} aria-label="Reachability check">
          {report.items.map((i) => (
            <li
              key={i.id}
              className={`${styles.item} ${i.ok === true ? styles.passed : i.ok === false ? styles.failed : ''}`}
            >
              <span className={styles.mark} aria-hidden>
                {MARK[String(i.ok) as keyof typeof MARK]}
              </span>
              <span>
                <strong>{i.title}</strong>
                <br />
                <span className="muted">{i.detail}</span>
              </span>
            </li>
          ))}
        </ul>
      )}
      <UpdateUriOffer orchestrator={orchestrator} onDone={() => void check(port, orchestrator, publicHost)} />
    </Card>
  );
}
