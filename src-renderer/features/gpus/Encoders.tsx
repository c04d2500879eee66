// The FFmpeg probe: which encoders work on which device, the devices that transcode and their session caps, and the FFmpeg binary.
import { useState } from 'react';
import type { CandidateProbe } from '../../../src-shared/contract/index.ts';
import { Card } from '../../ui/Page.tsx';
import { useGpuStore } from '../../state/gpu-store.ts';
import styles from './gpus.module.css';
import { formatDateTime } from '../../../src-shared/domain/dates.ts';

function CandidateRow({ c, chosen }: { c: CandidateProbe; chosen: boolean }) {
  return (
    <div className={chosen ? `${styles.candidate} ${styles.chosen}` : styles.candidate}>
      <div className={`${styles.candidateHead} candidate-head`}>
        <strong>{c.label}</strong>
        {chosen && <span className={styles.tag}>in use</span>}
        <span className="mono muted">{c.path ?? '—'}</span>
        {c.version && <span className="muted">v{c.version}</span>}
      </div>
      {c.problem && !c.usable && <p className="muted small">{c.problem}</p>}
      {c.encoders.length > 0 && (
        <table className={styles.probeTable}>
          <tbody>
            {c.encoders.map((e) => (
              <tr key={e.name} className={e.works ? 'ok' : 'bad'}>
                <td className="mono">{e.name}</td>
                <td aria-label={e.works ? 'works' : 'does not work'}>{e.works ? '✓' : '✕'}</td>
                <td className="muted">{e.reason}</td>
              </tr>
            ))}
            {c.hwaccels
              .filter((h) => h.compiledIn)
              .map((h) => (
                <tr key={`hw-${h.name}`} className={h.works ? 'ok' : 'bad'}>
                  <td className="mono">decode: {h.name}</td>
                  <td>{h.works ? '✓' : '✕'}</td>
                  <td className="muted">{h.reason}</td>
                </tr>
              ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/** Which devices transcode: off stores a cap of 0 (the scheduler never picks it); on goes back to the benchmark's cap. */
function UseDevice({ deviceId, label }: { deviceId: string; label: string }) {
  const config = useGpuStore((s) => s.config);
  const saveConfig = useGpuStore((s) => s.saveConfig);
  if (!config) return null;
  const used = config.maxSessions[deviceId] !== 0;
  return (
    <input
      type="checkbox"
      checked={used}
      aria-label={`Use ${label} for transcoding`}
      onChange={(e) => {
        const others = Object.entries(config.maxSessions).filter(([id]) => id !== deviceId);
        void saveConfig({ maxSessions: Object.fromEntries(e.target.checked ? others : [...others, [deviceId, 0]]) });
      }}
    />
  );
}

/** On a GPU card: use it or not, and how many sessions at most (stored per device, read by the scheduler). */
export function DeviceChoiceRow({ deviceId, label }: { deviceId: string; label: string }) {
  const config = useGpuStore((s) => s.config);
  const capacity = useGpuStore((s) => s.capacity.find((c) => c.deviceId === deviceId) ?? null);
  if (!config) return null;
  const set = config.maxSessions[deviceId];
  const max = capacity?.maxSessions ?? set ?? 1;
  return (
    <div className={styles.deviceChoice}>
      <label className={styles.useDevice}>
        <UseDevice deviceId={deviceId} label={label} /> Use for transcoding
      </label>
      {set !== 0 && (
        <span className="nowrap">
          Max sessions <SessionCap key={`${deviceId}:${max}`} deviceId={deviceId} max={max} />
        </span>
      )}
      {!capacity && <span className="muted small">FFmpeg has not found NVENC on this card; the choice is kept.</span>}
    </div>
  );
}

function SessionCap({ deviceId, max }: { deviceId: string; max: number }) {
  const config = useGpuStore((s) => s.config);
  const saveConfig = useGpuStore((s) => s.saveConfig);
  const [draft, setDraft] = useState(String(max));
  const n = Number(draft);
  const valid = Number.isInteger(n) && n >= 0 && n <= 64;
  return (
    <form
      className={styles.capForm}
      onSubmit={(e) => {
        e.preventDefault();
        if (valid && config) void saveConfig({ maxSessions: { ...config.maxSessions, [deviceId]: n } });
      }}
    >
      <input
        type="number"
        min={0}
        max={64}
        value={draft}
        aria-label={`Maximum sessions on ${deviceId}`}
        aria-invalid={!valid}
        onChange={(e) => setDraft(e.target.value)}
      />
      <button type="submit" className={`button ${styles.smallButton}`} disabled={!valid || n === max || !config}>
        Set
      </button>
    </form>
  );
}

/** Keyed by the stored path, so a saved or reloaded value resets the draft. */
function FfmpegPath() {
  const stored = useGpuStore((s) => s.config?.ffmpegPath);
  if (stored === undefined) return null;
  return <FfmpegPathForm key={stored ?? ''} stored={stored} />;
}

function FfmpegPathForm({ stored }: { stored: string | null }) {
  const config = useGpuStore((s) => s.config);
  const saveConfig = useGpuStore((s) => s.saveConfig);
  const probing = useGpuStore((s) => s.probing);
  const [draft, setDraft] = useState(stored ?? '');
  if (!config) return null;
  const next = draft.trim() === '' ? null : draft.trim();
  return (
    <form
      className={styles.pathForm}
      onSubmit={(e) => {
        e.preventDefault();
        void saveConfig({ ffmpegPath: next });
      }}
    >
      <label htmlFor="ffmpeg-path">Your own FFmpeg (optional, tested first)</label>
      <div className={styles.pathRow}>
        <input
          id="ffmpeg-path"
          type="text"
          className="mono"
          placeholder="/usr/local/bin/ffmpeg"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
        />
        <button type="submit" className="button" disabled={probing || next === config.ffmpegPath}>
          Save and test
        </button>
      </div>
    </form>
  );
}

export function Encoders() {
  const probe = useGpuStore((s) => s.probe);
  const probing = useGpuStore((s) => s.probing);
  const reprobe = useGpuStore((s) => s.reprobe);
  const capacity = useGpuStore((s) => s.capacity);
  return (
    <Card title="FFmpeg and encoders">
      {!probe ? (
        <p className="muted">{probing ? 'Testing FFmpeg and each encoder…' : 'Not probed yet.'}</p>
      ) : (
        // What this machine's FFmpeg can do: one live block, so the page's layout does not depend on it.
        <div data-live="block">
          <div className={styles.chosenLine} data-testid="chosen-encoder">
            {probe.chosen ? (
              <>
                Encoder in use: <strong className="mono">{probe.chosen.encoder}</strong> via{' '}
                <span className="mono">{probe.chosen.path}</span>
              </>
            ) : (
              <strong className={styles.badText}>No usable FFmpeg</strong>
            )}
          </div>
          <p className={styles.explanation}>{probe.explanation}</p>
          {capacity.length > 0 && (
            <table className={`${styles.probeTable} ${styles.caps}`}>
              <thead>
                <tr>
                  <th scope="col">Use</th>
                  <th scope="col">Device</th>
                  <th scope="col">Sessions</th>
                  <th scope="col">Why</th>
                </tr>
              </thead>
              <tbody>
                {capacity.map((c) => (
                  <tr key={c.deviceId}>
                    <td>
                      <UseDevice deviceId={c.deviceId} label={c.deviceId} />
                    </td>
                    <td className="mono">
                      {c.deviceId} ({c.encoder})
                    </td>
                    <td className="nowrap">
                      {c.activeSessions} in use of{' '}
                      <SessionCap key={`${c.deviceId}:${c.maxSessions}`} deviceId={c.deviceId} max={c.maxSessions} />
                    </td>
                    <td className="muted">{c.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <details className={styles.candidates}>
            <summary>
              What was tested, in order of preference ({probe.candidates.length} FFmpeg candidates,{' '}
              {(probe.durationMs / 1000).toFixed(1)} s)
            </summary>
            {probe.candidates.map((c) => (
              <CandidateRow key={c.source} c={c} chosen={probe.chosen?.source === c.source} />
            ))}
          </details>
        </div>
      )}
      <FfmpegPath />
      <div className="form-actions">
        <button type="button" className="button" disabled={probing} onClick={() => void reprobe()}>
          {probing ? 'Testing…' : 'Test again'}
        </button>
        {probe && (
          <span className="muted small" data-live>
            Last tested {formatDateTime(probe.probedAt)}
          </span>
        )}
      </div>
    </Card>
  );
}
