import { useEffect, useState } from 'react';
import type {
  BenchmarkState,
  CandidateProbe,
  GpuReading,
  TelemetrySample,
} from '../../../src-shared/contract/index.ts';
import { Card, Page } from '../../ui/Page.tsx';
import { useGpuStore } from '../../state/gpu-store.ts';
import './GpusPage.css';

const GIB = 1024 ** 3;

function value(v: number | null, unit: string, digits = 0): string {
  return v === null ? 'n/a' : `${v.toFixed(digits)}${unit}`;
}

/** A 0–100 % sparkline of the last samples. */
function Sparkline({ points, label }: { points: (number | null)[]; label: string }) {
  const w = 160;
  const h = 32;
  const known = points.map((p, i) =>
    p === null
      ? null
      : `${((i / Math.max(1, points.length - 1)) * w).toFixed(1)},${(h - (Math.min(100, p) / 100) * h).toFixed(1)}`,
  );
  const path = known.filter((p): p is string => p !== null).join(' ');
  return (
    <svg className="spark" viewBox={`0 0 ${w} ${h}`} preserveAspectRatio="none" role="img" aria-label={label}>
      <rect x="0" y="0" width={w} height={h} rx="4" className="spark-bg" />
      {path && <polyline points={path} className="spark-line" />}
    </svg>
  );
}

function Meter({
  label,
  pct,
  detail,
  history,
}: {
  label: string;
  pct: number | null;
  detail?: string;
  history?: (number | null)[];
}) {
  return (
    <div className="meter">
      <div className="meter-head">
        <span>{label}</span>
        <strong>{detail ?? value(pct, ' %')}</strong>
      </div>
      <div className="meter-bar" aria-hidden="true">
        <div className="meter-fill" style={{ width: `${Math.max(0, Math.min(100, pct ?? 0))}%` }} />
      </div>
      {history && <Sparkline points={history} label={`${label} over the last two minutes`} />}
    </div>
  );
}

function GpuCard({
  gpu,
  history,
  nvenc,
}: {
  gpu: GpuReading;
  history: TelemetrySample[];
  nvenc: { works: boolean; reason: string } | null;
}) {
  const series = (pick: (g: GpuReading) => number | null) =>
    history.map((s) => {
      const g = s.gpus.find((x) => x.index === gpu.index);
      return g ? pick(g) : null;
    });
  const memPct =
    gpu.memoryUsedMiB !== null && gpu.memoryTotalMiB ? (gpu.memoryUsedMiB / gpu.memoryTotalMiB) * 100 : null;
  return (
    <div className="card gpu-card" data-testid={`gpu-${gpu.index}`}>
      <h2 className="gpu-name">
        <span className="gpu-index">GPU {gpu.index}</span> {gpu.name}
      </h2>
      <p className="muted small">
        Driver {gpu.driverVersion ?? 'n/a'}
        {gpu.uuid ? ` · ${gpu.uuid}` : ''}
      </p>
      {nvenc && !nvenc.works && <p className="gpu-warn small">FFmpeg cannot use NVENC on this card: {nvenc.reason}</p>}
      <DeviceChoiceRow deviceId={`nvidia:${gpu.index}`} label={`GPU ${gpu.index}`} />
      <div className="meters">
        <Meter label="GPU" pct={gpu.utilizationPct} history={series((g) => g.utilizationPct)} />
        <Meter label="Encoder (NVENC)" pct={gpu.encoderPct} history={series((g) => g.encoderPct)} />
        <Meter label="Decoder (NVDEC)" pct={gpu.decoderPct} />
        <Meter
          label="Memory"
          pct={memPct}
          detail={gpu.memoryUsedMiB === null ? 'n/a' : `${gpu.memoryUsedMiB} / ${gpu.memoryTotalMiB ?? '?'} MiB`}
        />
      </div>
      <dl className="facts compact">
        <dt>Temperature</dt>
        <dd>{value(gpu.temperatureC, ' °C')}</dd>
        <dt>Power</dt>
        <dd>
          <span className="nowrap">{value(gpu.powerW, ' W', 1)}</span>
          {gpu.powerLimitW !== null && <span className="muted nowrap"> of {value(gpu.powerLimitW, ' W')}</span>}
        </dd>
        <dt>Fan</dt>
        <dd>{value(gpu.fanPct, ' %')}</dd>
        <dt>Encode sessions</dt>
        <dd>{gpu.encoderSessions ?? 'n/a'}</dd>
      </dl>
    </div>
  );
}

function Telemetry() {
  const latest = useGpuStore((s) => s.latest);
  const history = useGpuStore((s) => s.history);
  const probe = useGpuStore((s) => s.probe);
  const nvencProbe = probe?.candidates
    .find((c) => c.source === probe.chosen?.source)
    ?.encoders.find((e) => e.name === 'h264_nvenc');
  const nvenc = nvencProbe ? { works: nvencProbe.works, reason: nvencProbe.reason } : null;
  if (!latest)
    return (
      <Card title="Graphics cards">
        <p className="muted">Waiting for the first telemetry sample…</p>
      </Card>
    );
  const sys = latest.system;
  const memPct =
    sys.memoryUsedBytes !== null && sys.memoryTotalBytes ? (sys.memoryUsedBytes / sys.memoryTotalBytes) * 100 : null;
  return (
    <>
      {latest.source.state === 'ok' && latest.gpus.length > 0 ? (
        <div className="gpu-grid">
          {latest.gpus.map((g) => (
            <GpuCard key={g.index} gpu={g} history={history} nvenc={nvenc} />
          ))}
        </div>
      ) : (
        <Card title="Graphics cards">
          <div className="empty-state" data-testid="no-gpu">
            <strong>
              {latest.source.state === 'error' ? 'The NVIDIA driver did not answer' : 'No NVIDIA GPU detected'}
            </strong>
            <p className="muted">
              {latest.source.message}.{' '}
              {latest.source.state === 'error'
                ? 'Check that the driver is installed and loaded.'
                : 'Transcoding uses the CPU encoder below; an NVIDIA card with its driver adds NVENC.'}
            </p>
          </div>
        </Card>
      )}
      <Card title="This computer">
        <div className="meters two">
          <Meter label="CPU load" pct={sys.cpuLoadPct} history={history.map((s) => s.system.cpuLoadPct)} />
          <Meter
            label="Memory"
            pct={memPct}
            detail={
              sys.memoryUsedBytes === null
                ? 'n/a'
                : `${(sys.memoryUsedBytes / GIB).toFixed(1)} / ${((sys.memoryTotalBytes ?? 0) / GIB).toFixed(1)} GiB`
            }
          />
        </div>
      </Card>
    </>
  );
}

function CandidateRow({ c, chosen }: { c: CandidateProbe; chosen: boolean }) {
  return (
    <div className={chosen ? 'candidate chosen' : 'candidate'}>
      <div className="candidate-head">
        <strong>{c.label}</strong>
        {chosen && <span className="tag">in use</span>}
        <span className="mono muted">{c.path ?? '—'}</span>
        {c.version && <span className="muted">v{c.version}</span>}
      </div>
      {c.problem && !c.usable && <p className="muted small">{c.problem}</p>}
      {c.encoders.length > 0 && (
        <table className="probe-table">
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
function DeviceChoiceRow({ deviceId, label }: { deviceId: string; label: string }) {
  const config = useGpuStore((s) => s.config);
  const capacity = useGpuStore((s) => s.capacity.find((c) => c.deviceId === deviceId) ?? null);
  if (!config) return null;
  const set = config.maxSessions[deviceId];
  const max = capacity?.maxSessions ?? set ?? 1;
  return (
    <div className="device-choice">
      <label className="use-device">
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
      className="cap-form"
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
      <button type="submit" className="button small-button" disabled={!valid || n === max || !config}>
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
      className="path-form"
      onSubmit={(e) => {
        e.preventDefault();
        void saveConfig({ ffmpegPath: next });
      }}
    >
      <label htmlFor="ffmpeg-path">Your own FFmpeg (optional, tested first)</label>
      <div className="path-row">
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
        <>
          <div className="chosen-line" data-testid="chosen-encoder">
            {probe.chosen ? (
              <>
                Encoder in use: <strong className="mono">{probe.chosen.encoder}</strong> via{' '}
                <span className="mono">{probe.chosen.path}</span>
              </>
            ) : (
              <strong className="bad-text">No usable FFmpeg</strong>
            )}
          </div>
          <p className="explanation">{probe.explanation}</p>
          {capacity.length > 0 && (
            <table className="probe-table caps">
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
          <details className="candidates">
            <summary>
              What was tested, in order of preference ({probe.candidates.length} FFmpeg candidates,{' '}
              {(probe.durationMs / 1000).toFixed(1)} s)
            </summary>
            {probe.candidates.map((c) => (
              <CandidateRow key={c.source} c={c} chosen={probe.chosen?.source === c.source} />
            ))}
          </details>
        </>
      )}
      <FfmpegPath />
      <div className="form-actions">
        <button type="button" className="button" disabled={probing} onClick={() => void reprobe()}>
          {probing ? 'Testing…' : 'Test again'}
        </button>
        {probe && <span className="muted small">Last tested {new Date(probe.probedAt).toLocaleString()}</span>}
      </div>
    </Card>
  );
}

function BenchmarkResults({ bench }: { bench: BenchmarkState }) {
  if (bench.steps.length === 0) return null;
  return (
    <table className="probe-table bench-table">
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
      <div className="bench-controls">
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
              className="progress"
              role="progressbar"
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={Math.round(bench.progress * 100)}
            >
              <div className="progress-fill" style={{ width: `${Math.round(bench.progress * 100)}%` }} />
            </div>
          )}
          <p className={bench.phase === 'failed' ? 'bad-text' : 'muted'}>
            {running ? `${Math.round(bench.progress * 100)} % · ` : ''}
            {bench.message}
          </p>
          <BenchmarkResults bench={bench} />
          {bench.report && (
            <div
              className={bench.report.recommendedMaxSessions > 0 ? 'recommendation' : 'recommendation none'}
              data-testid="bench-recommendation"
            >
              Recommended sessions on <span className="mono">{bench.report.deviceId}</span>:{' '}
              <strong>{bench.report.recommendedMaxSessions}</strong>
              <span className="muted small">
                {' '}
                · {new Date(bench.report.finishedAt).toLocaleString()} · load average{' '}
                {bench.report.loadAverage.map((l) => l.toFixed(2)).join(' / ')}
              </span>
            </div>
          )}
        </div>
      )}
    </Card>
  );
}

export function GpusPage() {
  const ensureLoaded = useGpuStore((s) => s.ensureLoaded);
  const error = useGpuStore((s) => s.error);
  useEffect(() => ensureLoaded(), [ensureLoaded]);
  return (
    <Page title="GPUs" lead="Your graphics cards: what they can take and how hard they are working.">
      {error && <div className="banner banner-warn">{error}</div>}
      <Telemetry />
      <Encoders />
      <Benchmark />
    </Page>
  );
}
