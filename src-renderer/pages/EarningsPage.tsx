import { Page, Planned } from '../components/Page.tsx';

export function EarningsPage() {
  return (
    <Page title="Earnings" lead="ETH fees from transcoding and LPT rewards, per round and per day.">
      <Planned
        items={[
          'Charts of fees (ETH) and rewards (LPT) by round, day and month',
          'Gas spent on reward calls and ticket redemptions, and the net result',
          'Winning tickets: received, redeemed, pending',
          'A CSV export of the ledger',
        ]}
      />
    </Page>
  );
}
