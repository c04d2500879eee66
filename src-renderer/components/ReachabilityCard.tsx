// "Can gateways reach this node?": the router's port forward (UPnP / NAT-PMP), a check of the
// on-chain service URI, the node port's TLS/HTTP/2 and what a gateway sees, plain steps when the
// router refuses, and a previewed update of the on-chain service URI. Usable in onboarding and on
// the dashboard ("why no work").
import { useEffect, useState } from 'react';
import { Card } from './Page.tsx';
import { TxPreviewPanel } from './TxPreviewPanel.tsx';
import { useReachabilityStore } from '../stores/reachability-store.ts';
import './reachability.css';

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
  port = 8935,
  title = 'Reachable from the internet',
}: ReachabilityCardProps) {
  const { mapping, report, busy, error, preview, loadMapping, mapPort, unmapPort, check, prepareUri, closePreview } =
    useReachabilityStore();
  const [publicHost, setPublicHost] = useState('');
  useEffect(() => {
    void loadMapping();
  }, [loadMapping]);
  const mapped = mapping?.state === 'mapped';
  return (
    <Card title={title} className="reach-card">
      <div className="reach-status">
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
      <div className="toolbar reach-actions">
        <button type="button" className="button" disabled={busy !== null} onClick={() => void mapPort(port)}>
          {busy === 'map' ? 'Asking the router…' : mapped ? 'Forward again' : `Forward port ${port} on my router`}
        </button>
        {mapped && (
          <button type="button" className="button" disabled={busy !== null} onClick={() => void unmapPort()}>
            Remove forward
          </button>
        )}
        <input
          className="reach-host"
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
        <div className="reach-advice">
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
        <ul className="reach-items" aria-label="Reachability check">
          {report.items.map((i) => (
            <li key={i.id} className={`reach-item reach-${String(i.ok)}`}>
              <span className="reach-mark" aria-hidden>
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
        <TxPreviewPanel
          preview={preview}
          onDone={(ok) => {
            closePreview();
            if (ok) void check(port, orchestrator, publicHost);
          }}
        />
      )}
    </Card>
  );
}
