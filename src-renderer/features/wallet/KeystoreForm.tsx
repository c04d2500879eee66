// Import a V3 keystore (a file, a go-livepeer keystore folder or pasted JSON) with its password.
import { useState, type FormEvent } from 'react';
import { api } from '../../api/index.ts';
import { useWalletStore } from '../../state/wallet-store.ts';
import { Field } from '../../ui/Field.tsx';
import { useBusy } from './useBusy.ts';
import styles from './wallet.module.css';

export function KeystoreForm() {
  const run = useWalletStore((s) => s.run);
  const busy = useBusy('import');
  const scanning = useBusy('scan');
  const [path, setPath] = useState('');
  const [json, setJson] = useState<{ name: string; text: string } | null>(null);
  const [found, setFound] = useState<{ address: string | null; file: string; problem: string | null }[] | null>(null);
  const [address, setAddress] = useState('');
  const [password, setPassword] = useState('');

  async function onScan(): Promise<void> {
    const scan = await run('scan', () => api.wallet.scanFolder({ path }));
    if (scan) {
      setFound(scan.keystores);
      const readable = scan.keystores.flatMap((k) => (k.address === null ? [] : [k.address]));
      if (readable.length === 1 && readable[0] !== undefined) setAddress(readable[0]);
    }
  }

  async function onPick(file: File | undefined): Promise<void> {
    if (!file) return setJson(null);
    if (file.size > 64 * 1024) return setJson(null);
    setJson({ name: file.name, text: await file.text() });
    setPath('');
  }

  async function onSubmit(event: FormEvent): Promise<void> {
    event.preventDefault();
    const typed = password;
    setPassword('');
    const source = json ? { kind: 'json' as const, json: json.text } : { kind: 'path' as const, path };
    const imported = await run(
      'import',
      () => api.wallet.importKeystore({ source, password: typed, address: address || undefined }),
      (r) => `Imported ${r.address}.`,
    );
    if (imported) {
      setJson(null);
      setPath('');
      setFound(null);
      setAddress('');
    }
  }

  return (
    <form onSubmit={(e) => void onSubmit(e)} aria-label="Import keystore">
      <p className="muted">
        A V3 keystore file (the kind geth, go-livepeer and most wallets write). The file is kept as it is, with its own
        password.
      </p>
      <Field id="keystore-path" label="Path on the node's computer: a keystore file, or a go-livepeer keystore folder">
        <div className={styles.row}>
          <input
            id="keystore-path"
            type="text"
            className="mono"
            placeholder="/home/me/.lpData/arbitrum-one-mainnet/keystore"
            value={path}
            disabled={json !== null}
            onChange={(e) => {
              setPath(e.target.value);
              setFound(null);
              setAddress('');
            }}
          />
          <button
            type="button"
            className="button"
            disabled={scanning || path.trim() === '' || json !== null}
            onClick={() => void onScan()}
          >
            Look inside
          </button>
        </div>
      </Field>
      <Field id="keystore-file" label="…or pick the file from this device">
        <input id="keystore-file" type="file" onChange={(e) => void onPick(e.target.files?.[0])} />
      </Field>
      {json && <p className="muted">Selected file: {json.name}</p>}
      {found && (
        <Field id="keystore-address" label={`Found ${found.filter((f) => f.address).length} keystore(s)`}>
          <select id="keystore-address" value={address} onChange={(e) => setAddress(e.target.value)}>
            <option value="">Choose the account</option>
            {found.map((f) =>
              f.address ? (
                <option key={f.file} value={f.address}>
                  {f.address} ({f.file})
                </option>
              ) : null,
            )}
          </select>
        </Field>
      )}
      <Field id="keystore-password" label="The keystore's password">
        <input
          id="keystore-password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </Field>
      <div className={`form-actions ${styles.submit}`}>
        <button
          type="submit"
          className="button primary"
          disabled={busy || password === '' || (json === null && path.trim() === '')}
        >
          {busy ? 'Checking the password…' : 'Import keystore'}
        </button>
      </div>
    </form>
  );
}
