// The wallet page: the operating account, lock state, backup, accounts and adding accounts. Every
// action is a contract call; main decrypts, encrypts and signs. Secrets typed here (passwords, an
// imported key or phrase) live only in the form's local state and are cleared once sent.
import { SendLptCard } from './SendLptCard.tsx';
import { Card, Page } from '../../ui/Page.tsx';
import { useWalletStore } from '../../state/wallet-store.ts';
import { OutcomeBanner } from './OutcomeBanner.tsx';
import { CurrentAccount } from './CurrentAccount.tsx';
import { Backup } from './Backup.tsx';
import { Accounts } from './Accounts.tsx';
import { AddAccount } from './AddAccount.tsx';
import { Security } from './Security.tsx';

const LEAD =
  'The Ethereum account your node earns and stakes with. Its key is encrypted on this computer and decrypted only inside the app while unlocked; this window never sees it.';

export function WalletPage() {
  const status = useWalletStore((s) => s.status);
  if (!status) {
    return (
      <Page title="Wallet" lead={LEAD}>
        <p className="muted">Loading the wallet…</p>
      </Page>
    );
  }
  const current = status.accounts.find((a) => a.address === status.selected) ?? null;
  return (
    <Page title="Wallet" lead={LEAD}>
      <OutcomeBanner />
      {current ? (
        <>
          <CurrentAccount status={status} account={current} />
          {current.backupConfirmedAt === null && <Backup status={status} account={current} />}
        </>
      ) : (
        <Card title="No account yet">
          <p className="muted">
            Create a new account or bring the one you already use (for example your go-livepeer keystore).
          </p>
        </Card>
      )}
      {status.accounts.length > 0 && <Accounts status={status} />}
      <AddAccount status={status} />
      {current && <SendLptCard />}
      {current && <Security status={status} account={current} />}
    </Page>
  );
}
