// Import a raw private key or a BIP-39 recovery phrase. The format is checked as it is typed and a
// refusal shows next to the field with everything still typed (to correct it); the secret is cleared
// only once the import succeeded.
import { useState, type FormEvent } from 'react';
import { api } from '../../api/index.ts';
import { useWalletStore } from '../../state/wallet-store.ts';
import { Field, fieldNoteId } from '../../ui/Field.tsx';
import { useBusy } from './useBusy.ts';
import { NewPasswordFields, newPasswordOk } from './NewPasswordFields.tsx';
import styles from './wallet.module.css';

/** secp256k1's group order: a private key must be below it (and not 0). */
const CURVE_ORDER = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
const MNEMONIC_WORDS = [12, 15, 18, 21, 24];

/** What is wrong with the typed secret's format, or null (the host checks the rest: a phrase's checksum). */
function secretProblem(isKey: boolean, text: string): string | null {
  const t = text.trim();
  if (t === '') return null;
  if (isKey) {
    const hex = t.replace(/^0x/i, '');
    if (!/^[0-9a-fA-F]*$/.test(hex)) return 'A private key has only the characters 0–9 and a–f (after an optional 0x)';
    if (hex.length !== 64) return `A private key has 64 hexadecimal characters; this has ${hex.length}`;
    const n = BigInt(`0x${hex}`);
    if (n === 0n || n >= CURVE_ORDER) return 'Not a valid private key (out of range)';
    return null;
  }
  const words = t.split(/\s+/).length;
  return MNEMONIC_WORDS.includes(words) ? null : `A recovery phrase has 12, 15, 18, 21 or 24 words; this has ${words}`;
}

export function SecretForm({ kind }: { kind: 'private-key' | 'mnemonic' }) {
  const run = useWalletStore((s) => s.run);
  const busy = useBusy('import');
  const [secret, setSecret] = useState('');
  const [index, setIndex] = useState(0);
  const [pw, setPw] = useState({ password: '', confirm: '' });
  const [refused, setRefused] = useState<string | null>(null);
  const isKey = kind === 'private-key';
  const problem = secretProblem(isKey, secret) ?? refused;

  async function onSubmit(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (secretProblem(isKey, secret)) return;
    const typed = secret;
    const password = pw.password;
    setRefused(null);
    const done = await run(
      'import',
      () =>
        isKey
          ? api.wallet.importPrivateKey({ privateKey: typed, password })
          : api.wallet.importMnemonic({ mnemonic: typed, accountIndex: index, password }),
      (r) => `Imported ${r.address}. The ${isKey ? 'key' : 'phrase'} itself was not stored.`,
    );
    if (done) {
      setSecret('');
      setPw({ password: '', confirm: '' });
      return;
    }
    // The refusal belongs next to the field (the page's banner may be out of view): move it there.
    const outcome = useWalletStore.getState().outcome;
    setRefused(outcome && !outcome.ok ? outcome.message : 'The import failed');
    useWalletStore.getState().dismiss();
  }

  return (
    <form onSubmit={(e) => void onSubmit(e)} aria-label={isKey ? 'Import private key' : 'Import recovery phrase'}>
      <p className="muted">
        {isKey
          ? 'A raw private key (64 hexadecimal characters). It is encrypted into a keystore at once; keep your own copy of the key as its backup.'
          : "A 12 to 24 word BIP-39 phrase. The app derives one account (m/44'/60'/0'/0/index), encrypts its key and forgets the phrase."}
      </p>
      <Field id="secret-input" label={isKey ? 'Private key' : 'Recovery phrase'} error={problem}>
        {isKey ? (
          <input
            id="secret-input"
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={secret}
            aria-invalid={problem !== null}
            aria-describedby={problem ? fieldNoteId('secret-input') : undefined}
            onChange={(e) => {
              setSecret(e.target.value);
              setRefused(null);
            }}
          />
        ) : (
          <textarea
            id="secret-input"
            rows={3}
            autoComplete="off"
            spellCheck={false}
            value={secret}
            aria-invalid={problem !== null}
            aria-describedby={problem ? fieldNoteId('secret-input') : undefined}
            onChange={(e) => {
              setSecret(e.target.value);
              setRefused(null);
            }}
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
          disabled={
            busy ||
            secret.trim() === '' ||
            secretProblem(isKey, secret) !== null ||
            !newPasswordOk(pw.password, pw.confirm)
          }
        >
          {busy ? 'Encrypting… (a few seconds)' : isKey ? 'Import key' : 'Import phrase'}
        </button>
      </div>
    </form>
  );
}
