// Every account in the keystore folder, where it came from, its backup, and which one is in use.
import type { WalletAccount, WalletStatus } from '../../../src-shared/contract/index.ts';
import { shortAddress } from '../../../src-shared/domain/units.ts';
import { api } from '../../api/index.ts';
import { Card } from '../../ui/Page.tsx';
import { useWalletStore } from '../../state/wallet-store.ts';
import { useBusy } from './useBusy.ts';
import styles from './wallet.module.css';

const ORIGIN: Record<WalletAccount['origin'], string> = {
  created: 'Created here',
  keystore: 'Keystore file',
  'private-key': 'Private key',
  mnemonic: 'Recovery phrase',
  found: 'Found in folder',
};

export function Accounts({ status }: { status: WalletStatus }) {
  const run = useWalletStore((s) => s.run);
  const selecting = useBusy('select');
  return (
    <Card title="Accounts">
      <table className={styles.table}>
        <thead>
          <tr>
            <th>Name</th>
            <th>Address</th>
            <th>From</th>
            <th>Backup</th>
            <th aria-label="Actions" />
          </tr>
        </thead>
        <tbody>
          {status.accounts.map((a) => (
            <tr key={a.address} className={a.address === status.selected ? 'selected' : undefined}>
              <td>{a.label}</td>
              <td className="mono" title={a.address}>
                {shortAddress(a.address)}
              </td>
              <td>{a.readable ? ORIGIN[a.origin] : <span className="bad">Unreadable: {a.problem}</span>}</td>
              <td>
                {a.backupConfirmedAt === null ? (
                  <span className="warn">Not checked</span>
                ) : (
                  <span className="ok">Checked</span>
                )}
              </td>
              <td className={styles.actions}>
                {a.address === status.selected ? (
                  <span className="muted">In use</span>
                ) : (
                  <button
                    type="button"
                    className="button small"
                    disabled={selecting || !a.readable}
                    onClick={() =>
                      void run(
                        'select',
                        () => api.wallet.select({ address: a.address }),
                        () => `Now using ${a.label}.`,
                      )
                    }
                  >
                    Use this account
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className={`muted ${styles.note}`}>
        Keystore folder: <span className="mono">{status.keystoreDir}</span> (geth layout; go-livepeer can use it with
        -ethKeystorePath).
      </p>
    </Card>
  );
}
