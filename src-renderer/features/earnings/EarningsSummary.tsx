// The Earnings page's money: the price line (which feed, how old), totals in tokens and in the
// user's currency net of gas and electricity, and the 24-hour projection with what it rests on.
import type { ChainStatus } from '../../../src-shared/contract/index.ts';
import { formatDuration } from '../../../src-shared/domain/dates.ts';
import { fiatOf, type Totals } from '../../../src-shared/domain/earnings.ts';
import { formatFiat } from '../../../src-shared/domain/fiat.ts';
import { formatEth, formatLpt, shortAddress } from '../../../src-shared/domain/units.ts';
import { Card } from '../../ui/Page.tsx';
import { Term } from '../../ui/Term.tsx';
import { money, type MoneyView } from './money.ts';

const signedEth = (wei: bigint): string => (wei < 0n ? `−${formatEth(-wei, 6)}` : formatEth(wei, 6));

export function PriceLine({ view, status, feed }: { view: MoneyView; status: ChainStatus; feed: string | null }) {
  return (
    <div className="form-stack" data-testid="price-line">
      <p className="hint">
        {view.ethValue === null
          ? 'No ETH price yet.'
          : `1 ETH = ${formatFiat(view.ethValue, view.currency)} from the ${status.network === 'devnet' ? 'devnet’s own ETH/USD feed' : 'Chainlink ETH/USD feed'}${feed ? ` (${shortAddress(feed)})` : ''}${view.currency === 'EUR' ? ' and EUR/USD' : ''}, read through your chain RPC.`}
      </p>
      {view.notes.map((n) => (
        <p key={n.text} className={n.warn ? 'note-error' : 'hint'} role={n.warn ? 'alert' : undefined}>
          {n.text}
        </p>
      ))}
    </div>
  );
}

export function MoneyCards(props: {
  view: MoneyView;
  totals: Totals;
  periodLabel: string;
  /** Electricity over the period in the costs currency; null when the GPUs' draw is not measured. */
  electricity: number | null;
  projection: Totals & { basisRounds: number };
  projectionElectricity: number;
  roundSeconds: number;
}) {
  const { view, totals } = props;
  const f = fiatOf(totals, view.pricing, props.electricity ?? 0);
  const p = fiatOf(props.projection, view.pricing, props.projectionElectricity);
  const c = view.currency;
  return (
    <div className="grid three">
      <Card className="stat">
        <p className="stat-label">ETH fees ({props.periodLabel})</p>
        <p className="stat-value" data-testid="total-fees">
          {formatEth(totals.fees, 6)}
        </p>
        <p className="hint" data-testid="total-fees-fiat">
          {money(f.fees, c)} · {totals.tickets} winning{' '}
          <Term k="ticket">{totals.tickets === 1 ? 'ticket' : 'tickets'}</Term>
        </p>
      </Card>
      <Card className="stat">
        <p className="stat-label">LPT rewards ({props.periodLabel})</p>
        <p className="stat-value" data-testid="total-rewards">
          {formatLpt(totals.rewards)}
        </p>
        <p className="hint">
          {f.rewards === null ? 'No LPT price on this chain' : money(f.rewards, c)} · {totals.rounds}{' '}
          <Term k="round">{totals.rounds === 1 ? 'round' : 'rounds'}</Term>
        </p>
      </Card>
      <Card className="stat">
        <p className="stat-label">Net in {c}</p>
        <p className="stat-value" data-testid="net-fiat">
          {money(f.net, c)}
        </p>
        <p className="hint">
          Fees {f.rewards === null ? '' : '+ rewards '}− <Term k="gas">gas</Term> ({formatEth(totals.gas, 6)}) −
          electricity (
          {props.electricity === null
            ? 'not measured'
            : money(view.pricing.electricityRate === null ? null : props.electricity, c)}
          ). Net ETH {signedEth(totals.fees - totals.gas)}.
        </p>
      </Card>
      <Card className="stat">
        <p className="stat-label">Next 24 h (projection)</p>
        <p className="stat-value" data-testid="projection-fiat">
          {money(p.net, c)}
        </p>
        <p className="hint">
          {formatEth(props.projection.fees, 6)} fees, {formatLpt(props.projection.rewards)}, −
          {formatEth(props.projection.gas, 6)} gas. Based on the mean of the last {props.projection.basisRounds} rounds
          (<span data-live>{formatDuration(props.projection.basisRounds * props.roundSeconds)}</span>) times{' '}
          {props.projection.rounds} rounds a day, and electricity at the GPUs’ draw now; not a promise.
        </p>
      </Card>
    </div>
  );
}
