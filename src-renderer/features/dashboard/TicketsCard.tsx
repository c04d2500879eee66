// The latest winning tickets and their redemption.
import type { WinningTicketState } from '../../../src-shared/contract/index.ts';
import { formatEth } from '../../../src-shared/domain/units.ts';
import { Card } from '../../ui/Page.tsx';
import { Term } from '../../ui/Term.tsx';
import { useOrchestratorStore } from '../../state/orchestrator-store.ts';
import { formatTime } from '../../../src-shared/domain/dates.ts';

const TICKET_STATES: Record<WinningTicketState, string> = {
  pending: 'Waiting to redeem',
  submitted: 'Redeeming…',
  redeemed: '✓ Redeemed',
  failed: 'Failed',
  skipped: 'Skipped',
};

/** Winning tickets: what the node won and what it redeemed on chain (ETH fees). */
export function TicketsCard() {
  const stats = useOrchestratorStore((s) => s.stats);
  const tickets = useOrchestratorStore((s) => s.tickets);
  return (
    <Card title="Winning tickets">
      {stats && (
        <dl className="facts">
          <dt>Won</dt>
          <dd data-testid="tickets-won">
            {stats.ticketsWon} of {stats.ticketsReceived} tickets received
          </dd>
          <dt>Waiting to redeem</dt>
          <dd>{formatEth(stats.pendingRedemption)}</dd>
          <dt>Redeemed</dt>
          <dd data-testid="tickets-redeemed">
            {formatEth(stats.redeemed)} (gas {formatEth(stats.redemptionGas, 8)})
          </dd>
        </dl>
      )}
      {tickets === null ? (
        <p className="muted">Loading…</p>
      ) : tickets.length === 0 ? (
        <p className="muted">
          No winning ticket yet. Gateways pay with lottery tickets; a winning one is redeemed on chain for its face
          value.
        </p>
      ) : (
        <table className="table" data-testid="tickets-table">
          <caption className="sr-only">Recent winning tickets</caption>
          <thead>
            <tr>
              <th scope="col">Received</th>
              <th scope="col">
                <Term k="faceValue" />
              </th>
              <th scope="col">
                <Term k="round" />
              </th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {tickets.slice(0, 5).map((t) => (
              <tr key={t.hash}>
                <td data-live>{formatTime(t.receivedAt)}</td>
                <td>
                  {formatEth(t.faceValue)}
                  {t.paid !== null && BigInt(t.paid) < BigInt(t.faceValue) && ` (paid ${formatEth(t.paid)})`}
                </td>
                <td>{t.creationRound}</td>
                <td title={t.error ?? undefined}>{TICKET_STATES[t.state]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}
