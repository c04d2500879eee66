// The devnet's demo traffic switch: a local gateway sending paid segments to this node.
import { useState } from 'react';
import type { DemoTrafficStatus } from '../../../src-shared/contract/index.ts';
import { setDemoTraffic } from '../../state/orchestrator-store.ts';
import styles from './dashboard.module.css';

export function DemoTraffic({ demo }: { demo: DemoTrafficStatus }) {
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
    <div className={styles.demoTraffic}>
      <div className="row">
        <button
          type="button"
          role="switch"
          aria-checked={demo.running}
          className={demo.running ? `${styles.smallToggle} on` : styles.smallToggle}
          disabled={busy}
          onClick={() => void flip()}
          data-testid="demo-toggle"
        >
          <span className={styles.smallToggleKnob} aria-hidden="true" />
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
