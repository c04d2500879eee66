// Settings → the orchestrator's service port: where gateways connect (port, bind address), the
// public URI it advertises when it differs, and the most sessions it takes. Saved in the node's own
// configuration (orchestrator.updateConfig); a running node reopens its listener on a change.
import { useEffect, useState } from 'react';
import type { OrchestratorConfig } from '../../../src-shared/contract/index.ts';
import { formatUnits, parseUnits } from '../../../src-shared/domain/units.ts';
import { api } from '../../api/index.ts';
import { Card } from '../../ui/Page.tsx';
import { Field } from '../../ui/Field.tsx';
import { useOrchestratorStore } from '../../state/orchestrator-store.ts';

interface Draft {
  port: string;
  bindHost: string;
  maxSessions: string;
  /** ETH; empty or 0 = no cap. */
  maxFaceValue: string;
}

const draftOf = (c: OrchestratorConfig): Draft => ({
  port: String(c.servicePort),
  bindHost: c.bindHost,
  maxSessions: String(c.maxSessions),
  maxFaceValue: c.maxTicketFaceValue === '0' ? '' : formatUnits(c.maxTicketFaceValue, 18, 18, { grouping: false }),
});

export function NodeServiceCard() {
  const [config, setConfig] = useState<OrchestratorConfig | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  // The cap in force is the dashboard's figure (orchestrator.stats): one number on every page.
  const cap = useOrchestratorStore((s) => s.stats);
  useEffect(() => {
    let live = true;
    api.orchestrator.config({}).then(
      (c) => live && setConfig(c),
      (err: unknown) => live && setLoadError(err instanceof Error ? err.message : String(err)),
    );
    return () => {
      live = false;
    };
  }, []);
  if (loadError)
    return (
      <Card title="Service port (orchestrator)">
        <p className="field-error" role="alert">
          Could not read the node configuration: {loadError}
        </p>
      </Card>
    );
  if (!config)
    return (
      <Card title="Service port (orchestrator)">
        <p className="muted">Loading…</p>
      </Card>
    );
  const d = draft ?? draftOf(config);
  const port = Number(d.port);
  const portOk = /^\d{1,5}$/.test(d.port) && port >= 1 && port <= 65535;
  const hostOk = /^[A-Za-z0-9.:[\]-]{1,255}$/.test(d.bindHost.trim());
  const sessions = Number(d.maxSessions);
  const sessionsOk = /^\d{1,4}$/.test(d.maxSessions) && sessions >= 1 && sessions <= 1000;
  const faceValue = d.maxFaceValue.trim() === '' ? 0n : parseUnits(d.maxFaceValue, 18);
  const faceValueOk = faceValue !== null;
  const dirty = JSON.stringify(d) !== JSON.stringify(draftOf(config));
  const edit = (patch: Partial<Draft>) => {
    setDraft({ ...d, ...patch });
    setStatus(null);
  };
  async function save(): Promise<void> {
    try {
      const next = await api.orchestrator.updateConfig({
        servicePort: port,
        bindHost: d.bindHost.trim(),
        maxSessions: sessions,
        maxTicketFaceValue: (faceValue ?? 0n).toString(),
      });
      setConfig(next);
      setDraft(null);
      setStatus({ ok: true, text: 'Saved. A running node reopens its port.' });
    } catch (err) {
      setStatus({ ok: false, text: err instanceof Error ? err.message : String(err) });
    }
  }
  return (
    <Card title="Service port (orchestrator)">
      <p className="hint">
        Where gateways and your remote transcoders connect (go-livepeer <span className="mono">-serviceAddr</span>).
        Open or forward this port on your router for gateways on the internet.
      </p>
      <div className="form-row">
        <Field
          label="Port"
          value={d.port}
          onChange={(port) => edit({ port })}
          inputMode="decimal"
          error={portOk ? null : 'A port from 1 to 65535'}
          hint="Livepeer's usual port is 8935."
        />
        <Field
          label="Listen on address"
          value={d.bindHost}
          onChange={(bindHost) => edit({ bindHost })}
          error={hostOk ? null : 'An IP address or host name'}
          hint="0.0.0.0 = every network interface; 127.0.0.1 = this computer only."
        />
        <Field
          label="Most sessions at once"
          value={d.maxSessions}
          onChange={(maxSessions) => edit({ maxSessions })}
          inputMode="decimal"
          error={sessionsOk ? null : 'A whole number from 1 to 1000'}
          hint={
            cap
              ? `In force now: ${cap.maxSessions} (${cap.maxSessionsReason}). go-livepeer -maxSessions.`
              : "go-livepeer -maxSessions; the GPUs' own limits apply too."
          }
        />
        <Field
          label="Max ticket face value"
          value={d.maxFaceValue}
          onChange={(maxFaceValue) => edit({ maxFaceValue })}
          suffix="ETH"
          inputMode="decimal"
          error={faceValueOk ? null : 'An amount of ETH, like 0.05'}
          hint="Empty = no cap. Lower caps mean smaller, more frequent wins; each win costs gas to redeem."
        />
      </div>
      <div className="form-actions">
        <button
          type="button"
          className="button primary"
          disabled={!dirty || !portOk || !hostOk || !sessionsOk || !faceValueOk}
          onClick={() => void save()}
        >
          Save service port
        </button>
        {status && (
          <p className={status.ok ? 'saved' : 'field-error'} role={status.ok ? 'status' : 'alert'}>
            {status.text}
          </p>
        )}
      </div>
    </Card>
  );
}
