// A small accessible SVG bar chart for amounts in wei: bars scale exactly (bigint ratios), labels
// go through the units module, and a hidden table carries the same numbers for screen readers.
import styles from './BarChart.module.css';

export interface Series {
  readonly name: string;
  readonly className: string;
  readonly values: readonly bigint[];
}

export function BarChart(props: {
  title: string;
  labels: readonly string[];
  series: readonly Series[];
  format: (wei: bigint) => string;
  testId?: string;
}) {
  const { labels, series } = props;
  let max = 0n;
  for (const s of series) for (const v of s.values) if (v > max) max = v;
  const width = 640;
  const height = 180;
  const pad = { left: 8, right: 8, top: 10, bottom: 22 };
  const plotH = height - pad.top - pad.bottom;
  const groupW = labels.length > 0 ? (width - pad.left - pad.right) / labels.length : 0;
  const barW = Math.max(2, Math.min(28, (groupW * 0.8) / Math.max(1, series.length)));
  const scale = (v: bigint): number => (max === 0n ? 0 : (Number((v * 10_000n) / max) / 10_000) * plotH);
  const labelEvery = Math.max(1, Math.ceil(labels.length / 12));
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
          <span className="hint"> · max {props.format(max)}</span>
        </span>
      </figcaption>
      {labels.length === 0 ? (
        <p className="muted">Nothing earned yet. Bars appear after your first reward call or ticket.</p>
      ) : (
        <svg viewBox={`0 0 ${width} ${height}`} className={styles.svg} role="img" aria-label={props.title}>
          <line
            x1={pad.left}
            x2={width - pad.right}
            y1={height - pad.bottom}
            y2={height - pad.bottom}
            className={styles.axis}
          />
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
                      y={height - pad.bottom - h}
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
                    y={height - 6}
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
      )}
    </figure>
  );
}
