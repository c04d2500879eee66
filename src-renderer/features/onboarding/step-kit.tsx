// What every step of the guide shares: how it reports being ready, the account and its balances.
import { useEffect, type ReactNode } from 'react';
import type { ChainAccountState } from '../../../src-shared/contract/index.ts';
import { formatEth, formatLpt } from '../../../src-shared/domain/units.ts';
import { useChainStore } from '../../state/chain-store.ts';

export type ReadyFn = (r: { ok: boolean; why: string | null }) => void;

export function useReady(onReady: ReadyFn, ok: boolean, why: string | null): void {
  useEffect(() => onReady({ ok, why: ok ? null : why }), [onReady, ok, why]);
}

export function Balances({ account }: { account: ChainAccountState }) {
  return (
    <dl className="facts">
      <dt>Address</dt>
      <dd className="mono" data-testid="funding-address">
        {account.address}
      </dd>
      <dt>ETH (gas)</dt>
      <dd data-testid="balance-eth">{formatEth(account.ethBalance)}</dd>
      <dt>LPT</dt>
      <dd data-testid="balance-lpt">{formatLpt(account.lptBalance)}</dd>
      <dt>Staked</dt>
      <dd>{formatLpt(account.delegator.bondedAmount)}</dd>
    </dl>
  );
}

export function useAccount(): { account: ChainAccountState | null; waiting: ReactNode } {
  const account = useChainStore((s) => s.account);
  const status = useChainStore((s) => s.status);
  const error = useChainStore((s) => s.error);
  if (account) return { account, waiting: null };
  return {
    account: null,
    waiting: (
      <p className="muted" role="status">
        {status && !status.connected
          ? `The chain is not reachable: ${status.error ?? error ?? ''}`
          : 'Connecting to the chain… (the devnet takes a few seconds on first start)'}
      </p>
    ),
  };
}
