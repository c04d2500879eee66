// The unbonding locks with their Restake and Withdraw actions. The outcome of the last one stays
// above the table: the lock it acted on leaves the list, and its row (with the row's own feedback) with it.
import { useState } from 'react';
import type { ChainAccountState, ChainStatus, ChainTxOutcome } from '../../../src-shared/contract/index.ts';
import { formatLpt } from '../../../src-shared/domain/units.ts';
import { roundsToWords } from '../../state/chain-derived.ts';
import { TxAction } from '../../ui/TxFlow.tsx';

export function UnbondingLocks({ account, status }: { account: ChainAccountState; status: ChainStatus }) {
  const [done, setDone] = useState<string | null>(null);
  const round = BigInt(status.protocol?.round ?? '0');
  const bonded = BigInt(account.delegator.bondedAmount) > 0n;
  const feedback = done && (
    <p className="saved" role="status" data-testid="unbonding-done">
      ✓ {done}
    </p>
  );
  if (account.unbondingLocks.length === 0)
    return (
      <>
        {feedback}
        <p className="muted">Nothing is unbonding.</p>
      </>
    );
  const report = (what: string) => (outcome: ChainTxOutcome) =>
    setDone(`${what}: confirmed in block ${outcome.blockNumber}.`);
  return (
    <>
      {feedback}
      <table className="table" data-testid="unbonding-locks">
        <thead>
          <tr>
            <th scope="col">Amount</th>
            <th scope="col">Withdrawable from</th>
            <th scope="col">Time left</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {account.unbondingLocks.map((lock) => (
            <tr key={lock.id}>
              <td>{formatLpt(lock.amount)}</td>
              <td>round {lock.withdrawRound}</td>
              <td data-live>
                {lock.withdrawable ? 'Withdrawable now' : roundsToWords(BigInt(lock.withdrawRound) - round, status)}
              </td>
              <td className="row">
                <TxAction
                  from={account.address}
                  label="Restake"
                  variant="secondary"
                  testId={`tx-rebond-${lock.id}`}
                  action={() =>
                    bonded
                      ? { kind: 'rebond', lockId: lock.id }
                      : { kind: 'rebondFromUnbonded', to: account.delegator.delegate, lockId: lock.id }
                  }
                  onDone={report(`Restaked ${formatLpt(lock.amount)}`)}
                />
                <TxAction
                  from={account.address}
                  label="Withdraw"
                  disabled={!lock.withdrawable}
                  testId={`tx-withdraw-${lock.id}`}
                  action={() => ({ kind: 'withdrawStake', lockId: lock.id })}
                  onDone={report(`Withdrew ${formatLpt(lock.amount)} to your wallet`)}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
