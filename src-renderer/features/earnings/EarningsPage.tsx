// Earnings: LPT rewards, ETH fees from redeemed tickets, gas spent on reward calls, and the net,
// per round or per day; electricity from the GPUs' measured power; the ledger as CSV.
import { useState } from 'react';
import type { ChainStatus, Settings } from '../../../src-shared/contract/index.ts';
import { formatEth, formatLpt } from '../../../src-shared/domain/units.ts';
import { secondsPerRoundBlock } from '../../state/chain-derived.ts';
import { BarChart } from '../../ui/BarChart.tsx';
import { ChainGate } from '../../ui/ChainGate.tsx';
import { Card, Page } from '../../ui/Page.tsx';
import { Field } from '../../ui/Field.tsx';
import { IndexProgressNote } from '../../ui/IndexProgressNote.tsx';
import { downloadText, toCsv } from '../../ui/download.ts';
import { useChainStore, type RoundEarnings } from '../../state/chain-store.ts';
import { useGpuStore } from '../../state/gpu-store.ts';
import { useSettingsStore } from '../../state/settings-store.ts';
import styles from './EarningsPage.module.css';

interface Bucket {
  label: string;
  rewards: bigint;
  fees: bigint;
  gas: bigint;
  tickets: number;
}

export function EarningsPage() {
  return (
    <Page
      title="Earnings"
      lead="What your node earned: LPT rewards each round and ETH fees from winning tickets, minus gas."
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

export function bucketize(
  earnings: readonly RoundEarnings[],
  by: 'round' | 'day',
  roundsPerDay: number,
  currentRound: number,
): Bucket[] {
  const map = new Map<number, Bucket>();
  for (const e of earnings) {
    // Days count back from the current round: day 0 = the last `roundsPerDay` rounds.
    const key = by === 'round' ? e.round : Math.floor((currentRound - e.round) / roundsPerDay);
    const label = by === 'round' ? `R${e.round}` : key === 0 ? 'today' : `−${key}d`;
    const b = map.get(key) ?? { label, rewards: 0n, fees: 0n, gas: 0n, tickets: 0 };
    b.rewards += BigInt(e.rewards);
    b.fees += BigInt(e.fees);
    b.gas += BigInt(e.gasCostWei);
    b.tickets += e.tickets;
    map.set(key, b);
  }
  const keys = [...map.keys()].sort((a, b) => (by === 'round' ? a - b : b - a));
  return keys.flatMap((k) => map.get(k) ?? []);
}

function Earnings({ status }: { status: ChainStatus }) {
  const earnings = useChainStore((s) => s.earnings);
  const settings = useSettingsStore((s) => s.settings);
  const [by, setBy] = useState<'round' | 'day'>('round');
  if (earnings === null) return <p className="muted">Loading earnings…</p>;
  const roundLength = Number(status.protocol?.roundLength ?? 1);
  const roundsPerDay = Math.max(1, Math.round(86_400 / (roundLength * secondsPerRoundBlock(status))));
  const buckets = bucketize(earnings, by, roundsPerDay, Number(status.protocol?.round ?? 0)).slice(-30);
  const totals = buckets.reduce(
    (t, b) => ({ rewards: t.rewards + b.rewards, fees: t.fees + b.fees, gas: t.gas + b.gas }),
    { rewards: 0n, fees: 0n, gas: 0n },
  );
  const net = totals.fees - totals.gas;
  const labels = buckets.map((b) => b.label);
  function exportCsv(): void {
    const rows: (string | number)[][] = [
      ['round', 'lpt_rewards_wei', 'eth_fees_wei', 'winning_tickets', 'gas_cost_wei', 'net_eth_wei'],
    ];
    for (const e of earnings ?? [])
      rows.push([
        e.round,
        e.rewards,
        e.fees,
        e.tickets,
        e.gasCostWei,
        (BigInt(e.fees) - BigInt(e.gasCostWei)).toString(),
      ]);
    downloadText('livepeer-earnings.csv', toCsv(rows));
  }
  return (
    <>
      <div className="toolbar">
        <div role="radiogroup" aria-label="Group by" className={styles.segmented}>
          {(['round', 'day'] as const).map((k) => (
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
        <button type="button" className="button" disabled={earnings.length === 0} onClick={exportCsv}>
          Export CSV
        </button>
      </div>
      <div className="grid three">
        <Card className="stat">
          <p className="stat-label">LPT rewards</p>
          <p className="stat-value" data-testid="total-rewards">
            {formatLpt(totals.rewards)}
          </p>
        </Card>
        <Card className="stat">
          <p className="stat-label">ETH fees</p>
          <p className="stat-value" data-testid="total-fees">
            {formatEth(totals.fees)}
          </p>
        </Card>
        <Card className="stat">
          <p className="stat-label">Net ETH (fees − gas)</p>
          <p className="stat-value">{net < 0n ? `−${formatEth(-net)}` : formatEth(net)}</p>
          <p className="hint">Gas {formatEth(totals.gas)}</p>
        </Card>
      </div>
      <Card>
        <BarChart
          title={`LPT rewards per ${by}`}
          labels={labels}
          series={[{ name: 'LPT rewards', className: 'bar-lpt', values: buckets.map((b) => b.rewards) }]}
          format={(v) => formatLpt(v)}
          testId="chart-rewards"
        />
        <BarChart
          title={`ETH per ${by}`}
          labels={labels}
          series={[
            { name: 'Fees', className: 'bar-fees', values: buckets.map((b) => b.fees) },
            { name: 'Gas', className: 'bar-gas', values: buckets.map((b) => b.gas) },
          ]}
          format={(v) => formatEth(v, 8)}
          testId="chart-eth"
        />
      </Card>
      {settings && <Electricity settings={settings} />}
      <Card title="Ledger">
        {buckets.length === 0 ? (
          <p className="muted">No rewards or fees yet.</p>
        ) : (
          <table className="table" data-testid="ledger">
            <thead>
              <tr>
                <th scope="col">{by === 'round' ? 'Round' : 'Day'}</th>
                <th scope="col">LPT rewards</th>
                <th scope="col">ETH fees</th>
                <th scope="col">Tickets</th>
                <th scope="col">Gas</th>
              </tr>
            </thead>
            <tbody>
              {[...buckets].reverse().map((b) => (
                <tr key={b.label}>
                  <td>{b.label}</td>
                  <td>{formatLpt(b.rewards)}</td>
                  <td>{formatEth(b.fees, 8)}</td>
                  <td>{b.tickets}</td>
                  <td>{formatEth(b.gas, 8)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </>
  );
}

function Electricity({ settings }: { settings: Settings }) {
  const save = useSettingsStore((s) => s.save);
  const latest = useGpuStore((s) => s.latest);
  const [price, setPrice] = useState<string | null>(null);
  const value = price ?? settings.costs.electricityPerKwh;
  const ok = /^\d{1,6}(\.\d{1,6})?$/.test(value);
  const readings = latest?.gpus.map((g) => g.powerW).filter((w): w is number => w !== null) ?? [];
  const watts = readings.reduce((s, w) => s + w, 0);
  const perDay = ok && readings.length > 0 ? ((watts * 24) / 1000) * Number(value) : null;
  return (
    <Card title="Electricity">
      <div className="form-row">
        <Field
          label="Electricity price per kWh"
          value={value}
          onChange={setPrice}
          suffix={settings.costs.currency}
          inputMode="decimal"
          error={ok ? null : 'A price like 0.30'}
        />
        <button
          type="button"
          className="button"
          disabled={!ok || value === settings.costs.electricityPerKwh}
          onClick={() =>
            void save({ costs: { ...settings.costs, electricityPerKwh: value } }).then(() => setPrice(null))
          }
        >
          Save price
        </button>
      </div>
      <p data-testid="electricity-cost">
        {readings.length === 0
          ? 'No GPU power reading on this machine (no NVIDIA GPU found), so the electricity cost cannot be measured.'
          : `GPUs draw ${watts.toFixed(0)} W now: about ${perDay?.toFixed(2)} ${settings.costs.currency} per day at this price.`}
      </p>
      <p className="hint">
        Net profit = ETH fees + LPT rewards − gas − electricity. The app does not fetch token prices, so compare the
        electricity cost with the ETH and LPT above at today’s rates.
      </p>
    </Card>
  );
}
