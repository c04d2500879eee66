// The backup of the operating account: save a keystore copy, then prove the password opens it.
import { useState, type FormEvent } from 'react';
import type { WalletAccount, WalletStatus } from '../../../src-shared/contract/index.ts';
import { api } from '../../api/index.ts';
import { Card } from '../../ui/Page.tsx';
import { useWalletStore } from '../../state/wallet-store.ts';
import { useBusy } from './useBusy.ts';
import styles from './wallet.module.css';

export function Backup({ status, account }: { status: WalletStatus; account: WalletAccount }) {
  const run = useWalletStore((s) => s.run);
  const exporting = useBusy('export');
  const checking = useBusy('check');
  const [folder, setFolder] = useState(status.suggestedBackupDir);
  const [copyPath, setCopyPath] = useState('');
  const [password, setPassword] = useState('');

  async function onExport(event: FormEvent): Promise<void> {
    event.preventDefault();
    const result = await run(
      'export',
      () => api.wallet.exportKeystore({ address: account.address, directory: folder }),
      (r) => `Saved a copy to ${r.path}`,
    );
    if (result) setCopyPath(result.path);
  }

  async function onCheck(event: FormEvent): Promise<void> {
    event.preventDefault();
    const typed = password;
    setPassword('');
    await run(
      'check',
      () => api.wallet.checkBackup({ address: account.address, path: copyPath, password: typed }),
      () => 'Backup checked: the copy opens with your password.',
    );
  }

  return (
    <Card title="Back up this account" className={styles.backup}>
      <p>
        Before you stake, keep a copy of the <strong>keystore file</strong> somewhere other than this computer (a USB
        stick, a password manager) and make sure you know its <strong>password</strong>. Both are needed to recover the
        account; nobody can reset them.
      </p>
      <form onSubmit={(e) => void onExport(e)} aria-label="Export keystore">
        <label htmlFor="backup-folder">1. Save a copy into this folder</label>
        <div className={styles.row}>
          <input
            id="backup-folder"
            type="text"
            className="mono"
            value={folder}
            onChange={(e) => setFolder(e.target.value)}
          />
          <button type="submit" className="button" disabled={exporting || folder.trim() === ''}>
            {exporting ? 'Saving…' : 'Save keystore copy'}
          </button>
        </div>
      </form>
      <form onSubmit={(e) => void onCheck(e)} aria-label="Check backup">
        <label htmlFor="backup-copy">2. Check the copy with your password</label>
        <div className={styles.row}>
          <input
            id="backup-copy"
            type="text"
            className="mono"
            placeholder="Path of the backup copy"
            value={copyPath}
            onChange={(e) => setCopyPath(e.target.value)}
          />
          <input
            type="password"
            aria-label="Backup password"
            autoComplete="current-password"
            placeholder="Password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          <button type="submit" className="button primary" disabled={checking || copyPath === '' || password === ''}>
            {checking ? 'Checking…' : 'Check backup'}
          </button>
        </div>
      </form>
    </Card>
  );
}
