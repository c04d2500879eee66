// The last wallet action's outcome, dismissable; shared by the Wallet page and the set-up guide.
import { useWalletStore } from '../../state/wallet-store.ts';
import styles from './wallet.module.css';

export function OutcomeBanner() {
  const outcome = useWalletStore((s) => s.outcome);
  const dismiss = useWalletStore((s) => s.dismiss);
  if (!outcome) return null;
  return (
    <div
      className={`banner ${outcome.ok ? 'banner-ok' : 'banner-bad'} ${styles.outcome}`}
      role={outcome.ok ? 'status' : 'alert'}
    >
      <span>{outcome.message}</span>
      <button type="button" className={styles.linkButton} onClick={dismiss} aria-label="Dismiss">
        ×
      </button>
    </div>
  );
}
