// Auto-lock and the remembered password (OS keychain, desktop app only).
import { useState, type FormEvent } from 'react';
import type { WalletAccount, WalletStatus } from '../../../src-shared/contract/index.ts';
import { api } from '../../api/index.ts';
import { Card } from '../../ui/Page.tsx';
import { useWalletStore } from '../../state/wallet-store.ts';
import { useBusy } from './useBusy.ts';
import styles from './wallet.module.css';

const AUTO_LOCK_CHOICES = [5, 15, 30, 60, 240, 0];

export function Security({ status, account }: { status: WalletStatus; account: WalletAccount }) {
  const run = useWalletStore((s) => s.run);
  const busy = useBusy('remember');
  const [password, setPassword] = useState('');
  const choices = AUTO_LOCK_CHOICES.includes(status.autoLockMinutes)
    ? AUTO_LOCK_CHOICES
    : [...AUTO_LOCK_CHOICES, status.autoLockMinutes];

  async function onRemember(event: FormEvent): Promise<void> {
    event.preventDefault();
    const typed = password;
    setPassword('');
    await run(
      'remember',
      () => api.wallet.setRememberPassword({ address: account.address, enabled: true, password: typed }),
      () => 'The password is now kept in the OS keychain.',
    );
  }

  return (
    <Card title="Security">
      <div className="field">
        <label htmlFor="auto-lock">Lock the wallet after it has not been used for</label>
        <select
          id="auto-lock"
          value={status.autoLockMinutes}
          onChange={(e) => void run('autolock', () => api.wallet.setAutoLock({ minutes: Number(e.target.value) }))}
        >
          {choices.map((m) => (
            <option key={m} value={m}>
              {m === 0 ? 'Never (unattended rigs)' : m < 60 ? `${m} minutes` : `${m / 60} hour${m === 60 ? '' : 's'}`}
            </option>
          ))}
        </select>
        <p className={`muted ${styles.note}`}>
          The lock guards what you do (stake, send, vote, export); it never stops the node, which keeps its account
          unlocked while it runs, as go-livepeer does. The desktop app also locks the wallet when the computer sleeps.
        </p>
      </div>
      <div className="field">
        <span className={styles.fieldTitle}>Remember the password</span>
        {!status.rememberPassword.available ? (
          <p className={`muted ${styles.note}`} data-testid="remember-unavailable">
            Not available: {status.rememberPassword.reason}
          </p>
        ) : account.rememberPassword ? (
          <div className={styles.row}>
            <span className="ok">Kept in the OS keychain for {account.label}.</span>
            <button
              type="button"
              className="button small"
              disabled={busy}
              onClick={() =>
                void run(
                  'remember',
                  () => api.wallet.setRememberPassword({ address: account.address, enabled: false }),
                  () => 'Forgot the saved password.',
                )
              }
            >
              Forget it
            </button>
          </div>
        ) : (
          <form className={styles.row} onSubmit={(e) => void onRemember(e)} aria-label="Remember password">
            <input
              type="password"
              aria-label="Password to remember"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
            <button type="submit" className="button" disabled={busy || password === ''}>
              Remember in keychain
            </button>
          </form>
        )}
      </div>
    </Card>
  );
}
