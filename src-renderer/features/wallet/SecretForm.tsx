// Import a raw private key or a BIP-39 recovery phrase; the secret is cleared once sent.
import { useState, type FormEvent } from 'react';
import { api } from '../../api/index.ts';
import { useWalletStore } from '../../state/wallet-store.ts';
import { Field } from '../../ui/Field.tsx';
import { useBusy } from './useBusy.ts';
import { NewPasswordFields, newPasswordOk } from './NewPasswordFields.tsx';
import styles from './wallet.module.css';

export function SecretForm({ kind }: { kind: 'private-key' | 'mnemonic' }) {
  const run = useWalletStore((s) => s.run);
  const busy = useBusy('import');
  const [secret, setSecret] = useState('');
  const [index, setIndex] = useState(0);
  const [pw, setPw] = useState({ password: '', confirm: '' });
  const isKey = kind === 'private-key';

  async function onSubmit(event: FormEvent): Promise<void> {
    event.preventDefault();
    const typed = secret;
    const password = pw.password;
    setSecret('');
    setPw({ password: '', confirm: '' });
    await run(
      'import',
      () =>
        isKey
          ? api.wallet.importPrivateKey({ privateKey: typed, password })
          : api.wallet.importMnemonic({ mnemonic: typed, accountIndex: index, password }),
      (r) => `Imported ${r.address}. The ${isKey ? 'key' : 'phrase'} itself was not stored.`,
    );
  }

  return (
    <form onSubmit={(e) => void onSubmit(e)} aria-label={isKey ? 'Import private key' : 'Import recovery phrase'}>
      <p className="muted">
        {isKey
          ? 'A raw private key (64 hexadecimal characters). It is encrypted into a keystore at once; keep your own copy of the key as its backup.'
          : "A 12 to 24 word BIP-39 phrase. The app derives one account (m/44'/60'/0'/0/index), encrypts its key and forgets the phrase."}
      </p>
      <Field id="secret-input" label={isKey ? 'Private key' : 'Recovery phrase'}>
        {isKey ? (
          <input
            id="secret-input"
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={secret}
            onChange={(e) => setSecret(e.target.value)}
          />
        ) : (
          <textarea
            id="secret-input"
            rows={3}
            autoComplete="off"
            spellCheck={false}
            value={secret}
            onChange={(e) => setSecret(e.target.value)}
          />
        )}
      </Field>
      {!isKey && (
        <Field id="account-index" label="Account number (0 is the first)">
          <input
            id="account-index"
            type="number"
            min={0}
            value={index}
            onChange={(e) => setIndex(Math.max(0, Math.floor(Number(e.target.value) || 0)))}
          />
        </Field>
      )}
      <NewPasswordFields value={pw} onChange={setPw} />
      <div className={`form-actions ${styles.submit}`}>
        <button
          type="submit"
          className="button primary"
          disabled={busy || secret.trim() === '' || !newPasswordOk(pw.password, pw.confirm)}
        >
          {busy ? 'Encrypting… (a few seconds)' : isKey ? 'Import key' : 'Import phrase'}
        </button>
      </div>
    </form>
  );
}
