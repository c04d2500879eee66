// The transcoding benchmark: how many sessions each device carries in real time, and the recommendation.
import { useState } from 'react';
import type { BenchmarkReport, BenchmarkState } from '../../../src-shared/contract/index.ts';
import { recommendSessions } from '../../../src-shared/domain/session-recommendation.ts';
import { Card } from '../../ui/Page.tsx';
import { useGpuStore } from '../../state/gpu-store.ts';
import styles from './gpus.module.css';
import { formatDateTime } from '../../../src-shared/domain/dates.ts';

function BenchmarkResults({ bench }: { bench: BenchmarkState }) {
  if (bench.steps.length === 0) return null;
  return (
    <table className={`${styles.probeTable} ${styles.benchTable}`}>
      <thead>
        <tr>
          <th>Concurrent streams</th>
          <th>Duration ratio</th>
          <th>Segments in real time</th>
          <th>Median segment</th>
        </tr>
      </thead>
      <tbody>
        {bench.steps.map((s) => (
          <tr key={s.concurrency} className={s.durationRatio <= 0.8 ? 'ok' : 'bad'}>
            <td>{s.concurrency}</td>
            <td>
              <strong>{s.durationRatio.toFixed(2)}</strong>
            </td>
            <td>{Math.round(s.realTimeSegmentRatio * 100)} %</td>
            <td>{(s.medianSegmentMs / 1000).toFixed(2)} s</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function Benchmark() {
  const bench = useGpuStore((s) => s.bench);
  const start = useGpuStore((s) => s.startBenchmark);
  const cancel = useGpuStore((s) => s.cancelBenchmark);
  const probe = useGpuStore((s) => s.probe);
  const [sessions, setSessions] = useState(3);
  const [segments, setSegments] = useState(3);
  const [deviceId, setDeviceId] = useState('');
  const devices = probe?.devices ?? [];
  const running = bench?.running === true;
  return (
    <Card title="Benchmark">
      <p className="muted">
        Transcodes a generated 1080p30 video into the network's common ladder (240p, 360p, 480p, 720p) with 1, 2, …
        streams at once, and recommends the largest number of streams that stays at or below 0.8 of real time.
      </p>
      <div className={styles.benchControls}>
        <label>
          Up to
          <input
            type="number"
            min={1}
            max={16}
            value={sessions}
            disabled={running}
            onChange={(e) => setSessions(Number(e.target.value) || 1)}
            aria-label="Maximum concurrent streams"
          />
          streams
        </label>
        <label>
          <input
            type="number"
            min={1}
            max={30}
            value={segments}
            disabled={running}
            onChange={(e) => setSegments(Number(e.target.value) || 1)}
            aria-label="Segments per stream"
          />
          segments of 2 s each
        </label>
        {devices.length > 1 && (
          <label>
            on
            <select
              value={deviceId}
              disabled={running}
              onChange={(e) => setDeviceId(e.target.value)}
              aria-label="Device"
            >
              {devices.map((d, i) => (
                <option key={d.id} value={i === 0 ? '' : d.id}>
                  {d.label} ({d.encoder})
                </option>
              ))}
            </select>
          </label>
        )}
        {running ? (
          <button type="button" className="button" onClick={() => void cancel()}>
            Cancel
          </button>
        ) : (
          <button
            type="button"
            className="button primary"
            disabled={!probe?.chosen}
            onClick={() => void start(sessions, segments, deviceId || undefined)}
          >
            Run benchmark
          </button>
        )}
      </div>
      {bench && bench.phase !== 'idle' && (
        <div className="bench-status" data-testid="bench-status">
          {running && (
            <div
              className={styles.progress}
              role="progressbar"
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={Math.round(bench.progress * 100)}
            >
              <div className={styles.progressFill} style={{ width: `${Math.round(bench.progress * 100)}%` }} />
            </div>
          )}
          <p className={bench.phase === 'failed' ? styles.badText : 'muted'}>
            {running ? `${Math.round(bench.progress * 100)} % · ` : ''}
            {bench.message}
          </p>
          <BenchmarkResults bench={bench} />
          {bench.report && <Recommendation report={bench.report} />}
        </div>
      )}
    </Card>
  );
}

/** The same recommendation as `bench` and the node's session cap (domain/session-recommendation.ts). */
function Recommendation({ report }: { report: BenchmarkReport }) {
  const r = recommendSessions(report.steps, report.deviceId);
  return (
    <div
      className={r.withHeadroom ? styles.recommendation : `${styles.recommendation} none`}
      data-testid="bench-recommendation"
    >
      Recommended sessions on <span className="mono">{report.deviceId}</span>: <strong>{r.sessions}</strong>
      <span className="muted small">
        {' '}
        · {formatDateTime(report.finishedAt)} · load average {report.loadAverage.map((l) => l.toFixed(2)).join(' / ')}
      </span>
      {!r.withHeadroom && <p className="muted small">{r.note}</p>}
    </div>
  );
}
