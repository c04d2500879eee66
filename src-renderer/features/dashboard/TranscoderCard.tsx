// In transcoder mode: the orchestrator this machine works for and whether it is connected.
import { Card } from '../../ui/Page.tsx';
import { useTranscodersStore } from '../../state/transcoders-store.ts';

const CONNECTION_LABELS = {
  off: 'Not connected (transcoding is off)',
  connecting: 'Connecting…',
  connected: '✓ Connected',
  backoff: 'Connection lost: retrying',
  stopped: 'Stopped by the orchestrator',
} as const;

/** Transcoder role: the orchestrator this machine works for and the work it did. */
export function TranscoderCard() {
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
