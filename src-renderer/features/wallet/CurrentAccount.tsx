// The operating account: its name, address, lock state and the unlock/lock controls.
import { useState, type FormEvent } from 'react';
import type { WalletAccount, WalletStatus } from '../../../src-shared/contract/index.ts';
import { api } from '../../api/index.ts';
import { Card } from '../../ui/Page.tsx';
import { useWalletStore } from '../../state/wallet-store.ts';
import { useBusy } from './useBusy.ts';
import styles from './wallet.module.css';

function LockPill({ unlocked }: { unlocked: boolean }) {
  return (
    <span className={`pill ${unlocked ? 'pill-running' : 'pill-stopped'}`} data-testid="wallet-lock-state">
      <span className="pill-dot" aria-hidden="true" />
      {unlocked ? 'Unlocked' : 'Locked'}
    </span>
  );
}

export function CurrentAccount({ status, account }: { status: WalletStatus; account: WalletAccount }) {
  const run = useWalletStore((s) => s.run);
  const unlocking = useBusy('unlock');
  const locking = useBusy('lock');
  const [password, setPassword] = useState('');
  const isUnlocked = status.unlocked === account.address;

  async function onUnlock(event: FormEvent): Promise<void> {
    event.preventDefault();
    const typed = password;
    setPassword('');
    await run(
      'unlock',
      () => api.wallet.unlock({ password: typed }),
      () => 'Unlocked. The node can sign with this account.',
    );
  }

  return (
    <Card title="Operating account" className={styles.current}>
      <div className={styles.currentHead}>
        <div>
          <div className={styles.label}>{account.label}</div>
          <div className={`mono ${styles.address}`} data-testid="wallet-address">
            {account.address}
          </div>
        </div>
        <LockPill unlocked={isUnlocked} />
      </div>
      {status.nodeKey === account.address && (
        <p className="muted wallet-note" data-testid="wallet-node-key">
          The node keeps this account unlocked while it runs, so it goes on earning when the wallet locks; staking,
          sending and voting ask for the password again.
        </p>
      )}
      {isUnlocked ? (
        <div className="form-actions">
          <p className={`muted ${styles.note}`}>
            {status.autoLockAt === null
              ? 'Stays unlocked until you lock it.'
              : `Locks itself after ${status.autoLockMinutes} minutes without use (at ${new Date(status.autoLockAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })} if nothing signs before).`}
          </p>
          <button
            type="button"
            className="button"
            disabled={locking}
            onClick={() => void run('lock', () => api.wallet.lock({}))}
          >
            Lock now
          </button>
        </div>
      ) : (
        <form className={styles.unlock} onSubmit={(e) => void onUnlock(e)} aria-label="Unlock">
          <label htmlFor="unlock-password">Password</label>
          <div className={styles.row}>
            <input
              id="unlock-password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              placeholder="Keystore password"
            />
            <button type="submit" className="button primary" disabled={unlocking || password === ''}>
              {unlocking ? 'Unlocking…' : 'Unlock'}
            </button>
            {account.rememberPassword && (
              <button
                type="button"
                className="button"
                disabled={unlocking}
                onClick={() =>
                  void run(
                    'unlock',
                    () => api.wallet.unlock({}),
                    () => 'Unlocked with the saved password.',
                  )
                }
              >
                Use saved password
              </button>
            )}
          </div>
          <p className={`muted ${styles.note}`}>
            {status.lockReason === 'idle' && 'Locked after a quiet period. '}
            {status.lockReason === 'suspend' && 'Locked when the computer went to sleep. '}
            Unlocking takes a second or two: the password is checked with deliberately slow encryption.
          </p>
        </form>
      )}
    </Card>
  );
}
