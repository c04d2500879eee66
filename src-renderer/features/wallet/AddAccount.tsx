// Adding an account: create a new key, or import a keystore file, a private key or a recovery phrase.
import { useState, type FormEvent } from 'react';
import type { WalletStatus } from '../../../src-shared/contract/index.ts';
import { api } from '../../api/index.ts';
import { Card } from '../../ui/Page.tsx';
import { useWalletStore } from '../../state/wallet-store.ts';
import { Field } from '../../ui/Field.tsx';
import { useBusy } from './useBusy.ts';
import { NewPasswordFields, newPasswordOk } from './NewPasswordFields.tsx';
import { KeystoreForm } from './KeystoreForm.tsx';
import { SecretForm } from './SecretForm.tsx';
import styles from './wallet.module.css';

type AddMode = 'create' | 'keystore' | 'private-key' | 'mnemonic';

const MODES: readonly { mode: AddMode; label: string }[] = [
  { mode: 'create', label: 'Create new' },
  { mode: 'keystore', label: 'Keystore file' },
  { mode: 'private-key', label: 'Private key' },
  { mode: 'mnemonic', label: 'Recovery phrase' },
];

export function AddAccount({ status }: { status: WalletStatus }) {
  const [mode, setMode] = useState<AddMode>('create');
  return (
    <Card title={status.accounts.length === 0 ? 'Set up an account' : 'Add an account'}>
      <div className={styles.tabs} role="tablist" aria-label="How to add an account">
        {MODES.map((m) => (
          <button
            key={m.mode}
            type="button"
            role="tab"
            aria-selected={mode === m.mode}
            className={mode === m.mode ? `${styles.tab} active` : styles.tab}
            onClick={() => setMode(m.mode)}
          >
            {m.label}
          </button>
        ))}
      </div>
      {mode === 'create' && <CreateForm />}
      {mode === 'keystore' && <KeystoreForm />}
      {mode === 'private-key' && <SecretForm kind="private-key" />}
      {mode === 'mnemonic' && <SecretForm kind="mnemonic" />}
    </Card>
  );
}

function CreateForm() {
  const run = useWalletStore((s) => s.run);
  const busy = useBusy('create');
  const [label, setLabel] = useState('');
  const [pw, setPw] = useState({ password: '', confirm: '' });

  async function onSubmit(event: FormEvent): Promise<void> {
    event.preventDefault();
    const password = pw.password;
    setPw({ password: '', confirm: '' });
    const created = await run(
      'create',
      () => api.wallet.create({ password, label: label || undefined }),
      (r) => `Created ${r.address}. Now back it up.`,
    );
    if (created) setLabel('');
  }

  return (
    <form onSubmit={(e) => void onSubmit(e)} aria-label="Create account">
      <p className="muted">
        A new random key, encrypted with your password. There is no recovery phrase: the backup is the keystore file
        plus the password, and the app walks you through saving and checking it.
      </p>
      <Field id="create-label" label="Name (optional)">
        <input
          id="create-label"
          type="text"
          value={label}
          maxLength={64}
          placeholder="Orchestrator"
          onChange={(e) => setLabel(e.target.value)}
        />
      </Field>
      <NewPasswordFields value={pw} onChange={setPw} />
      <div className={`form-actions ${styles.submit}`}>
        <button type="submit" className="button primary" disabled={busy || !newPasswordOk(pw.password, pw.confirm)}>
          {busy ? 'Creating… (a few seconds)' : 'Create account'}
        </button>
      </div>
    </form>
  );
}
