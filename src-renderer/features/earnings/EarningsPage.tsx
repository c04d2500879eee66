// Earnings: LPT rewards and ETH fees per round or per calendar day, with axes and units; their
// value in the user's currency from the chain's price feeds, net of gas and electricity; a 24-hour
// projection; and the table as CSV.
import { useEffect, useState } from 'react';
import type { ChainStatus } from '../../../src-shared/contract/index.ts';
import {
  aggregateEarnings,
  earningsCsvRows,
  fiatOf,
  projectDay,
  totalsOf,
  type EarningsBucket,
} from '../../../src-shared/domain/earnings.ts';
import { formatDate, formatDuration } from '../../../src-shared/domain/dates.ts';
import { formatEth, formatLpt } from '../../../src-shared/domain/units.ts';
import { roundSeconds } from '../../state/chain-derived.ts';
import { useChainStore } from '../../state/chain-store.ts';
import { usePriceStore } from '../../state/price-store.ts';
import { useSettingsStore } from '../../state/settings-store.ts';
import { BarChart } from '../../ui/BarChart.tsx';
import { ChainGate } from '../../ui/ChainGate.tsx';
import { IndexProgressNote } from '../../ui/IndexProgressNote.tsx';
import { downloadText, toCsv } from '../../ui/download.ts';
import { Card, Page } from '../../ui/Page.tsx';
import { Term } from '../../ui/Term.tsx';
import { EthUsdPriceField } from '../devnet/DevnetTools.tsx';
import { Electricity, useElectricity } from './Electricity.tsx';
import { MoneyCards, PriceLine } from './EarningsSummary.tsx';
import { money, moneyView } from './money.ts';
import styles from './EarningsPage.module.css';

/** Rounds the projection averages over: about a day on Arbitrum One, at least 10. */
const projectionWindow = (perDay: number): number => Math.max(10, Math.round(perDay));

export function EarningsPage() {
  return (
    <Page
      title="Earnings"
      lead="What your node earned: LPT rewards each round and ETH fees from winning tickets, in tokens and in your currency, minus gas and electricity."
    >
      <ChainGate>
        {(status, account) => (
          <>
            {account.transcoder.registered && <IndexProgressNote orchestrator={account.address} />}
            <Earnings status={status} />
          </>
        )}
      </ChainGate>
    </Page>
  );
}

function Earnings({ status }: { status: ChainStatus }) {
  const earnings = useChainStore((s) => s.earnings);
  const settings = useSettingsStore((s) => s.settings);
  const { prices, error: priceError, load } = usePriceStore();
  const { watts, costPerSecond } = useElectricity(settings);
  const [by, setBy] = useState<'round' | 'day'>('day');
  const [nowMs, setNowMs] = useState(Date.now);
  useEffect(() => void load(), [load]); // one read per page open; the host caches it
  useEffect(() => {
    // Re-render only (no RPC): stale-price ages and the day a round falls in move with the clock
    const t = setInterval(() => setNowMs(Date.now()), 60_000);
    return () => clearInterval(t);
  }, []);
  if (earnings === null) return <p className="muted">Loading earnings…</p>;

  const seconds = roundSeconds(status) || 1;
  const clock = { currentRound: Number(status.protocol?.round ?? 0), nowMs, roundSeconds: seconds };
  const buckets = aggregateEarnings(earnings, by, clock).slice(-30);
  const totals = totalsOf(buckets);
  const view = moneyView(prices, settings?.costs.currency ?? 'USD', clock.nowMs);
  const power = (b: { rounds: number }): number => b.rounds * seconds * costPerSecond;
  const perDay = 86_400 / seconds;
  const window = projectionWindow(perDay);
  const projection = projectDay(earnings, clock, window);
  const unit = by === 'round' ? 'Round' : 'Day';
  const n = buckets.length;
  const period = n === 1 ? `last ${by}` : `last ${n} ${by}s`;

  function exportCsv(): void {
    const rows = earningsCsvRows(buckets, by, view.currency, view.pricing, power);
    downloadText(`livepeer-earnings-per-${by}.csv`, toCsv(rows));
  }
  return (
    <>
      <div className="toolbar">
        <div role="radiogroup" aria-label="Group by" className={styles.segmented}>
          {(['day', 'round'] as const).map((k) => (
            <button
              key={k}
              type="button"
              role="radio"
              aria-checked={by === k}
              className={by === k ? `${styles.seg} on` : styles.seg}
              onClick={() => setBy(k)}
            >
              Per {k}
            </button>
          ))}
        </div>
        <button type="button" className="button" disabled={buckets.length === 0} onClick={exportCsv}>
          Export CSV
        </button>
      </div>
      <p className="hint">
        A <Term k="round">round</Term> here is {status.protocol?.roundLength ?? '?'} blocks,{' '}
        <span data-live>{formatDuration(seconds)}</span>; days are local calendar days, with each round placed by its
        estimated start.
      </p>
      <PriceLine view={view} status={status} feed={prices?.ethUsd?.address ?? null} />
      {priceError && (
        <p className="note-error" role="alert">
          Prices could not be read: {priceError}
        </p>
      )}
      <MoneyCards
        view={view}
        totals={totals}
        periodLabel={period}
        electricity={watts === null ? null : buckets.reduce((s, b) => s + power(b), 0)}
        projection={projection}
        projectionElectricity={86_400 * costPerSecond}
        roundSeconds={seconds}
      />
      <Card>
        <BarChart
          title={`LPT rewards per ${by}`}
          labels={buckets.map((b) => b.label)}
          series={[{ name: 'LPT rewards', className: 'bar-lpt', values: buckets.map((b) => b.rewards) }]}
          format={(v) => formatLpt(v)}
          unit="LPT"
          xLabel={unit}
          testId="chart-rewards"
        />
        <BarChart
          title={`ETH fees and gas per ${by}`}
          labels={buckets.map((b) => b.label)}
          series={[
            { name: 'Fees', className: 'bar-fees', values: buckets.map((b) => b.fees) },
            { name: 'Gas', className: 'bar-gas', values: buckets.map((b) => b.gas) },
          ]}
          format={(v) => formatEth(v, 8)}
          unit="ETH"
          xLabel={unit}
          testId="chart-eth"
        />
      </Card>
      {status.network === 'devnet' && (
        <Card title="Devnet price">
          <EthUsdPriceField
            current={prices?.ethUsd ? Number(prices.ethUsd.answer) / 10 ** prices.ethUsd.decimals : null}
          />
        </Card>
      )}
      {settings && <Electricity settings={settings} />}
      <Card title="Ledger">
        {buckets.length === 0 ? (
          <p className="muted">No rewards or fees yet.</p>
        ) : (
          <Ledger buckets={buckets} by={by} currency={view.currency} fiat={(b) => fiatOf(b, view.pricing, power(b))} />
        )}
      </Card>
    </>
  );
}

function Ledger(props: {
  buckets: readonly EarningsBucket[];
  by: 'round' | 'day';
  currency: string;
  fiat: (b: EarningsBucket) => { fees: number | null; net: number | null };
}) {
  return (
    <div style={{ overflowX: 'auto' }}>
      <table className="table" data-testid="ledger">
        <thead>
          <tr>
            <th scope="col">{props.by === 'round' ? 'Round' : 'Day'}</th>
            <th scope="col">LPT rewards</th>
            <th scope="col">ETH fees</th>
            <th scope="col">Tickets</th>
            <th scope="col">Gas (ETH)</th>
            <th scope="col">Fees ({props.currency})</th>
            <th scope="col">Net ({props.currency})</th>
          </tr>
        </thead>
        <tbody>
          {[...props.buckets].reverse().map((b) => {
            const f = props.fiat(b);
            return (
              <tr key={b.key}>
                <td>{props.by === 'round' ? b.label : formatDate(b.startMs)}</td>
                <td>{formatLpt(b.rewards)}</td>
                <td>{formatEth(b.fees, 8)}</td>
                <td>{b.tickets}</td>
                <td>{formatEth(b.gas, 8)}</td>
                <td>{money(f.fees, props.currency)}</td>
                <td>{money(f.net, props.currency)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
