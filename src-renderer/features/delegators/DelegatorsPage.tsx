// Delegators: who stakes with this orchestrator, how much, their share and pending rewards, with
// totals and who joined or left.
import { useEffect, useState } from 'react';
import type { ChainAccountState, ChainStatus } from '../../../src-shared/contract/index.ts';
import { formatLpt, sharePercent, shortAddress } from '../../../src-shared/domain/units.ts';
import { api } from '../../api/index.ts';
import { ChainGate } from '../../ui/ChainGate.tsx';
import { IndexProgressNote } from '../../ui/IndexProgressNote.tsx';
import { Card, Page } from '../../ui/Page.tsx';
import { useChainStore } from '../../state/chain-store.ts';
import styles from './DelegatorsPage.module.css';

interface Row {
  address: string;
  stake: bigint;
  pending: bigint;
  since: number;
  /** False until the delegator's own account state has been read. */
  loaded: boolean;
  you: boolean;
}
type SortKey = 'address' | 'stake' | 'pending' | 'since';

export function DelegatorsPage() {
  return (
    <Page title="Delegators" lead="Everyone who stakes LPT with your orchestrator, and what they have earned.">
      <ChainGate>{(status, account) => <Delegators status={status} account={account} />}</ChainGate>
    </Page>
  );
}

function Delegators({ status, account }: { status: ChainStatus; account: ChainAccountState }) {
  const delegators = useChainStore((s) => s.delegators);
  const [details, setDetails] = useState<Record<string, ChainAccountState>>({});
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'stake', desc: true });
  const key = (delegators ?? []).map((d) => `${d.address}:${d.bondedAmount}`).join(',') + status.protocol?.round;
  useEffect(() => {
    let cancelled = false;
    const list = (delegators ?? []).slice(0, 100);
    void Promise.all(list.map((d) => api.chain.account({ address: d.address }).catch(() => null))).then((accounts) => {
      if (cancelled) return;
      const next: Record<string, ChainAccountState> = {};
      for (const a of accounts) if (a) next[a.address.toLowerCase()] = a;
      setDetails(next);
    });
    return () => {
      cancelled = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  if (!account.transcoder.registered)
    return (
      <Card>
        <p className="muted">You are not an orchestrator yet, so nobody can delegate to you. See Staking.</p>
      </Card>
    );
  if (delegators === null) return <p className="muted">Loading delegators…</p>;
  const round = Number(status.protocol?.round ?? 0);
  const rows: Row[] = delegators.map((d) => {
    const info = details[d.address.toLowerCase()];
    const stake = BigInt(d.bondedAmount);
    return {
      address: d.address,
      stake,
      pending: info ? BigInt(info.delegator.pendingStake) - BigInt(info.delegator.bondedAmount) : 0n,
      since: info ? Number(info.delegator.startRound) : 0,
      you: d.address.toLowerCase() === account.address.toLowerCase(),
      loaded: info !== undefined,
    };
  });
  const current = rows.filter((r) => r.stake > 0n);
  const total = current.reduce((s, r) => s + r.stake, 0n);
  const totalPending = current.reduce((s, r) => s + (r.pending > 0n ? r.pending : 0n), 0n);
  const joined = current.filter((r) => r.since >= round).length;
  const left = rows.filter((r) => r.stake === 0n).length;
  const sorted = [...current].sort((a, b) => {
    const cmp =
      sort.key === 'address'
        ? a.address.localeCompare(b.address)
        : sort.key === 'since'
          ? a.since - b.since
          : Number(a[sort.key] > b[sort.key]) - Number(a[sort.key] < b[sort.key]);
    return sort.desc ? -cmp : cmp;
  });
  const header = (k: SortKey, label: string) => (
    <th scope="col" aria-sort={sort.key === k ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
      <button
        type="button"
        className={styles.sortButton}
        onClick={() => setSort({ key: k, desc: sort.key === k ? !sort.desc : true })}
      >
        {label} {sort.key === k ? (sort.desc ? '▼' : '▲') : ''}
      </button>
    </th>
  );
  return (
    <>
      <IndexProgressNote orchestrator={account.address} />
      <div className="grid three">
        <Card className="stat">
          <p className="stat-label">Delegators</p>
          <p className="stat-value" data-testid="delegator-count">
            {current.length}
          </p>
        </Card>
        <Card className="stat">
          <p className="stat-label">Total delegated</p>
          <p className="stat-value">{formatLpt(total)}</p>
          <p className="hint">Pending rewards {formatLpt(totalPending)}</p>
        </Card>
        <Card className="stat">
          <p className="stat-label">This round</p>
          <p className="stat-value" data-testid="delegator-churn">
            +{joined} new · −{left} left
          </p>
          <p className="hint">New: stake counting from round {round} on. Left: unstaked everything.</p>
        </Card>
      </div>
      <Card>
        {current.length === 0 ? (
          <p className="muted">No delegators yet. Share your address so others can stake with you: {account.address}</p>
        ) : (
          <table className="table" data-testid="delegators-table">
            <thead>
              <tr>
                {header('address', 'Address')}
                {header('stake', 'Stake')}
                <th scope="col">Share</th>
                {header('pending', 'Pending rewards')}
                {header('since', 'Since round')}
              </tr>
            </thead>
            <tbody>
              {sorted.map((r) => (
                <tr key={r.address}>
                  <td className="mono" title={r.address}>
                    {shortAddress(r.address)}
                    {r.you ? ' (you)' : ''}
                  </td>
                  <td>{formatLpt(r.stake)}</td>
                  <td>{sharePercent(r.stake, total)}</td>
                  <td>{r.loaded ? formatLpt(r.pending > 0n ? r.pending : 0n) : '…'}</td>
                  <td>{r.loaded ? r.since : '…'}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">Total</th>
                <td>{formatLpt(total)}</td>
                <td>100 %</td>
                <td>{formatLpt(totalPending)}</td>
                <td />
              </tr>
            </tfoot>
          </table>
        )}
      </Card>
    </>
  );
}
