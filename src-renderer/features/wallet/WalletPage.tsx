// The wallet page: the operating account, lock state, backup, accounts and adding accounts. Every
// action is a contract call; main decrypts, encrypts and signs. Secrets typed here (passwords, an
// imported key or phrase) live only in the form's local state and are cleared once sent.
import { SendLptCard } from './SendLptCard.tsx';
import { useState, type FormEvent, type ReactNode } from 'react';
import type { WalletAccount, WalletStatus } from '../../../src-shared/contract/index.ts';
import { shortAddress } from '../../../src-shared/domain/units.ts';
import { api } from '../../api/index.ts';
import { Card, Page } from '../../ui/Page.tsx';
import { useWalletStore, type WalletAction } from '../../state/wallet-store.ts';
import './wallet.css';

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

export function OutcomeBanner() {
  const outcome = useWalletStore((s) => s.outcome);
  const dismiss = useWalletStore((s) => s.dismiss);
  if (!outcome) return null;
  return (
    <div
      className={`banner ${outcome.ok ? 'banner-ok' : 'banner-bad'} wallet-outcome`}
      role={outcome.ok ? 'status' : 'alert'}
    >
      <span>{outcome.message}</span>
      <button type="button" className="link-button" onClick={dismiss} aria-label="Dismiss">
        ×
      </button>
    </div>
  );
}

function useBusy(action: WalletAction): boolean {
  return useWalletStore((s) => s.busy === action);
}

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
    <Card title="Operating account" className="wallet-current">
      <div className="wallet-current-head">
        <div>
          <div className="wallet-label">{account.label}</div>
          <div className="mono wallet-address" data-testid="wallet-address">
            {account.address}
          </div>
        </div>
        <LockPill unlocked={isUnlocked} />
      </div>
      {isUnlocked ? (
        <div className="form-actions">
          <p className="muted wallet-note">
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
        <form className="wallet-unlock" onSubmit={(e) => void onUnlock(e)} aria-label="Unlock">
          <label htmlFor="unlock-password">Password</label>
          <div className="wallet-row">
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
          <p className="muted wallet-note">
            {status.lockReason === 'idle' && 'Locked after a quiet period. '}
            {status.lockReason === 'suspend' && 'Locked when the computer went to sleep. '}
            Unlocking takes a second or two: the password is checked with deliberately slow encryption.
          </p>
        </form>
      )}
    </Card>
  );
}

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
    <Card title="Back up this account" className="wallet-backup">
      <p>
        Before you stake, keep a copy of the <strong>keystore file</strong> somewhere other than this computer (a USB
        stick, a password manager) and make sure you know its <strong>password</strong>. Both are needed to recover the
        account; nobody can reset them.
      </p>
      <form onSubmit={(e) => void onExport(e)} aria-label="Export keystore">
        <label htmlFor="backup-folder">1. Save a copy into this folder</label>
        <div className="wallet-row">
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
        <div className="wallet-row">
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
      <table className="wallet-table">
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
              <td className="wallet-actions">
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
      <p className="muted wallet-note">
        Keystore folder: <span className="mono">{status.keystoreDir}</span> (geth layout; go-livepeer can use it with
        -ethKeystorePath).
      </p>
    </Card>
  );
}

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
      <div className="wallet-tabs" role="tablist" aria-label="How to add an account">
        {MODES.map((m) => (
          <button
            key={m.mode}
            type="button"
            role="tab"
            aria-selected={mode === m.mode}
            className={mode === m.mode ? 'wallet-tab active' : 'wallet-tab'}
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

function NewPasswordFields({
  password,
  confirm,
  onChange,
}: {
  password: string;
  confirm: string;
  /** A patch, applied to the latest state: two quick edits must not undo each other. */
  onChange: (patch: { password?: string; confirm?: string }) => void;
}) {
  const short = password !== '' && password.length < 8;
  const mismatch = confirm !== '' && confirm !== password;
  return (
    <div className="wallet-grid">
      <Field
        id="new-password"
        label="New password (8 characters or more)"
        error={short ? 'Use at least 8 characters' : null}
      >
        <input
          id="new-password"
          type="password"
          autoComplete="new-password"
          value={password}
          aria-invalid={short}
          onChange={(e) => onChange({ password: e.target.value })}
        />
      </Field>
      <Field id="confirm-password" label="Type it again" error={mismatch ? 'The passwords differ' : null}>
        <input
          id="confirm-password"
          type="password"
          autoComplete="new-password"
          value={confirm}
          aria-invalid={mismatch}
          onChange={(e) => onChange({ confirm: e.target.value })}
        />
      </Field>
    </div>
  );
}

function Field({
  id,
  label,
  error,
  children,
}: {
  id: string;
  label: string;
  error?: string | null;
  children: ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {error && <p className="field-error">{error}</p>}
    </div>
  );
}

function newPasswordOk(password: string, confirm: string): boolean {
  return password.length >= 8 && password === confirm;
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
      <NewPasswordFields
        password={pw.password}
        confirm={pw.confirm}
        onChange={(patch) => setPw((prev) => ({ ...prev, ...patch }))}
      />
      <div className="form-actions wallet-submit">
        <button type="submit" className="button primary" disabled={busy || !newPasswordOk(pw.password, pw.confirm)}>
          {busy ? 'Creating… (a few seconds)' : 'Create account'}
        </button>
      </div>
    </form>
  );
}

function KeystoreForm() {
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
        <div className="wallet-row">
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
      <div className="form-actions wallet-submit">
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

function SecretForm({ kind }: { kind: 'private-key' | 'mnemonic' }) {
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
      <NewPasswordFields
        password={pw.password}
        confirm={pw.confirm}
        onChange={(patch) => setPw((prev) => ({ ...prev, ...patch }))}
      />
      <div className="form-actions wallet-submit">
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

const AUTO_LOCK_CHOICES = [5, 15, 30, 60, 240, 0];

function Security({ status, account }: { status: WalletStatus; account: WalletAccount }) {
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
        <p className="muted wallet-note">
          Signing tickets counts as use, so a working node stays unlocked. The desktop app also locks the wallet when
          the computer sleeps.
        </p>
      </div>
      <div className="field">
        <span className="field-title">Remember the password</span>
        {!status.rememberPassword.available ? (
          <p className="muted wallet-note" data-testid="remember-unavailable">
            Not available: {status.rememberPassword.reason}
          </p>
        ) : account.rememberPassword ? (
          <div className="wallet-row">
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
          <form className="wallet-row" onSubmit={(e) => void onRemember(e)} aria-label="Remember password">
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
