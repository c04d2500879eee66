// A small accessible SVG bar chart for amounts in base units (wei): a y axis with round ticks and
// its unit, an x axis with its label, bars scaled exactly (bigint ratios), and a hidden table with
// the same numbers for screen readers. No chart library: this is all the Earnings page needs.
import styles from './BarChart.module.css';

export interface Series {
  readonly name: string;
  readonly className: string;
  readonly values: readonly bigint[];
}

/** The smallest 1, 2 or 5 × 10^k (in base units) at or above `max`: the top of the y axis. */
export function niceTop(max: bigint): bigint {
  if (max <= 0n) return 0n;
  let p = 1n;
  while (p * 10n <= max) p *= 10n;
  for (const m of [1n, 2n, 5n, 10n]) if (p * m >= max) return p * m;
  return p * 10n;
}

const TICKS = 4;

export function BarChart(props: {
  title: string;
  labels: readonly string[];
  series: readonly Series[];
  format: (units: bigint) => string;
  /** The y axis' unit, e.g. "ETH" or "LPT". */
  unit: string;
  /** What the x axis counts, e.g. "Round" or "Day". */
  xLabel: string;
  testId?: string;
}) {
  const { labels, series } = props;
  let max = 0n;
  for (const s of series) for (const v of s.values) if (v > max) max = v;
  const top = niceTop(max);
  const width = 640;
  const height = 200;
  const pad = { left: 72, right: 8, top: 12, bottom: 38 };
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const base = height - pad.bottom;
  const groupW = labels.length > 0 ? plotW / labels.length : 0;
  const barW = Math.max(2, Math.min(28, (groupW * 0.8) / Math.max(1, series.length)));
  const scale = (v: bigint): number => (top === 0n ? 0 : (Number((v * 10_000n) / top) / 10_000) * plotH);
  const labelEvery = Math.max(1, Math.ceil(labels.length / 10));
  const ticks = Array.from({ length: TICKS + 1 }, (_, i) => (top * BigInt(i)) / BigInt(TICKS));
  return (
    <figure className={styles.chart} data-testid={props.testId}>
      <figcaption className={styles.title}>
        {props.title}
        <span className={styles.legend}>
          {series.map((s) => (
            <span key={s.name} className={styles.legendItem}>
              <span className={`${styles.swatch} ${s.className}`} aria-hidden="true" />
              {s.name}
            </span>
          ))}
        </span>
      </figcaption>
      {labels.length === 0 ? (
        <p className="muted">Nothing earned yet. Bars appear after your first reward call or ticket.</p>
      ) : (
        <>
          <svg viewBox={`0 0 ${width} ${height}`} className={styles.svg} role="img" aria-label={props.title}>
            {top > 0n &&
              ticks.map((t) => {
                const y = base - scale(t);
                return (
                  <g key={t.toString()}>
                    <line x1={pad.left} x2={width - pad.right} y1={y} y2={y} className={styles.grid} />
                    <text x={pad.left - 6} y={y + 4} className={styles.tick} textAnchor="end">
                      {props.format(t).replace(` ${props.unit}`, '')}
                    </text>
                  </g>
                );
              })}
            <line x1={pad.left} x2={pad.left} y1={pad.top} y2={base} className={styles.axis} />
            <line x1={pad.left} x2={width - pad.right} y1={base} y2={base} className={styles.axis} />
            <text
              x={12}
              y={pad.top + plotH / 2}
              className={styles.axisLabel}
              textAnchor="middle"
              transform={`rotate(-90 12 ${pad.top + plotH / 2})`}
            >
              {props.unit}
            </text>
            <text x={pad.left + plotW / 2} y={height - 4} className={styles.axisLabel} textAnchor="middle">
              {props.xLabel}
            </text>
            {labels.map((label, i) => {
              const x0 = pad.left + i * groupW + (groupW - barW * series.length) / 2;
              return (
                <g key={label}>
                  {series.map((s, j) => {
                    const h = scale(s.values[i] ?? 0n);
                    return (
                      <rect
                        key={s.name}
                        x={x0 + j * barW}
                        y={base - h}
                        width={barW - 1}
                        height={h}
                        className={s.className}
                      >
                        <title>{`${label} · ${s.name}: ${props.format(s.values[i] ?? 0n)}`}</title>
                      </rect>
                    );
                  })}
                  {i % labelEvery === 0 && (
                    <text
                      x={pad.left + i * groupW + groupW / 2}
                      y={base + 14}
                      className={styles.tick}
                      textAnchor="middle"
                    >
                      {label}
                    </text>
                  )}
                </g>
              );
            })}
          </svg>
          <table className="sr-only">
            <caption>{props.title}</caption>
            <thead>
              <tr>
                <th scope="col">{props.xLabel}</th>
                {series.map((s) => (
                  <th key={s.name} scope="col">
                    {s.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {labels.map((label, i) => (
                <tr key={label}>
                  <th scope="row">{label}</th>
                  {series.map((s) => (
                    <td key={s.name}>{props.format(s.values[i] ?? 0n)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </figure>
  );
}
