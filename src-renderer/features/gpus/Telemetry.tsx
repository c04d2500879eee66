// Live GPU telemetry: one card per device with load meters and two-minute sparklines.
import type { GpuReading, TelemetrySample } from '../../../src-shared/contract/index.ts';
import { Card } from '../../ui/Page.tsx';
import { useGpuStore } from '../../state/gpu-store.ts';
import { DeviceChoiceRow } from './Encoders.tsx';
import styles from './gpus.module.css';

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
  const drawn = known.filter((p): p is string => p !== null);
  // No empty box: a line needs two samples (the first arrive a few seconds after the page opens).
  if (drawn.length < 2)
    return points.length > 2 && drawn.length === 0 ? null : (
      <p className="hint">The two-minute line appears after a few samples.</p>
    );
  const path = drawn.join(' ');
  return (
    <svg className={styles.spark} viewBox={`0 0 ${w} ${h}`} preserveAspectRatio="none" role="img" aria-label={label}>
      <rect x="0" y="0" width={w} height={h} rx="4" className={styles.sparkBg} />
      <polyline points={path} className={styles.sparkLine} />
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
      <div className={styles.meterHead}>
        <span>{label}</span>
        <strong>{detail ?? value(pct, ' %')}</strong>
      </div>
      <div className={styles.meterBar} aria-hidden="true">
        <div className={styles.meterFill} style={{ width: `${Math.max(0, Math.min(100, pct ?? 0))}%` }} />
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
    <div className={`card ${styles.card}`} data-testid={`gpu-${gpu.index}`}>
      <h2 className={styles.name}>
        <span className={styles.index}>GPU {gpu.index}</span> {gpu.name}
      </h2>
      <p className="muted small">
        Driver {gpu.driverVersion ?? 'n/a'}
        {gpu.uuid ? ` · ${gpu.uuid}` : ''}
      </p>
      {nvenc && !nvenc.works && (
        <p className={`${styles.warn} small`}>FFmpeg cannot use NVENC on this card: {nvenc.reason}</p>
      )}
      <DeviceChoiceRow deviceId={`nvidia:${gpu.index}`} label={`GPU ${gpu.index}`} />
      <div className={styles.meters}>
        <Meter label="GPU" pct={gpu.utilizationPct} history={series((g) => g.utilizationPct)} />
        <Meter label="Encoder (NVENC)" pct={gpu.encoderPct} history={series((g) => g.encoderPct)} />
        <Meter label="Decoder (NVDEC)" pct={gpu.decoderPct} />
        <Meter
          label="Memory"
          pct={memPct}
          detail={gpu.memoryUsedMiB === null ? 'n/a' : `${gpu.memoryUsedMiB} / ${gpu.memoryTotalMiB ?? '?'} MiB`}
        />
      </div>
      <dl className={`facts ${styles.compact}`}>
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

export function Telemetry() {
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
        <div className={styles.grid}>
          {latest.gpus.map((g) => (
            <GpuCard key={g.index} gpu={g} history={history} nvenc={nvenc} />
          ))}
        </div>
      ) : (
        <Card title="Graphics cards">
          <div className={styles.emptyState} data-testid="no-gpu">
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
        <div className={`${styles.meters} two`} data-live>
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
