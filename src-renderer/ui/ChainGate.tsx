// Loading, error and "no account" states for every page that needs the chain and an account.
import type { ReactNode } from 'react';
import type { ChainAccountState, ChainStatus } from '../../src-shared/contract/index.ts';
import { useChainStore } from '../state/chain-store.ts';
import { useWalletStore } from '../state/wallet-store.ts';
import { Card } from './Page.tsx';

export function ChainGate({ children }: { children: (status: ChainStatus, account: ChainAccountState) => ReactNode }) {
  const status = useChainStore((s) => s.status);
  const account = useChainStore((s) => s.account);
  const error = useChainStore((s) => s.error);
  const wallet = useWalletStore((s) => s.status);
  if (!status) {
    return (
      <Card>
        <p className="muted" role="status">
          {error
            ? `Cannot read the chain: ${error}`
            : 'Connecting to the chain… (the devnet takes a few seconds on first start)'}
        </p>
      </Card>
    );
  }
  if (!status.connected) {
    return (
      <div className="banner banner-bad" role="alert">
        The chain is not reachable: {status.error ?? 'unknown reason'}. Check the RPC URL in Settings.
      </div>
    );
  }
  if (wallet && !wallet.selected) {
    return (
      <Card title="No account yet">
        <p className="muted">
          Create or import an account on the <a href="#/wallet">Wallet</a> page, or follow the{' '}
          <a href="#/onboarding">set-up guide</a>.
        </p>
      </Card>
    );
  }
  if (!account) {
    return (
      <Card>
        <p className="muted" role="status">
          Reading your account…
        </p>
      </Card>
    );
  }
  return <>{children(status, account)}</>;
}
