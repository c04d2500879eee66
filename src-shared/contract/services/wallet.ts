// The wallet as the UI sees it: accounts, lock state and backup state. Inputs carry passwords and
// (for imports) key material INTO the main process; no output ever carries a private key, a
// mnemonic, a password or a keystore's ciphertext back out (a test walks every output schema).
import { z } from 'zod';
import { method } from '../define.ts';

export const Address = z.string().regex(/^0x[0-9a-fA-F]{40}$/, 'Enter an Ethereum address (0x and 40 hex digits)');

/** A password for a new keystore. Long passphrases are welcome; scrypt makes each guess slow anyway. */
export const NewPassword = z.string().min(8, 'Use at least 8 characters').max(1024);
/** A password for an existing keystore: other tools allowed short ones, so only the size is bounded. */
export const ExistingPassword = z.string().min(1, 'Enter the password').max(1024);
const Label = z.string().trim().max(64).optional();
const LocalPath = z.string().trim().min(1, 'Enter a path').max(4096);

export const AccountOrigin = z.enum(['created', 'keystore', 'private-key', 'mnemonic', 'found']);
export type AccountOrigin = z.infer<typeof AccountOrigin>;

export const WalletAccount = z.object({
  address: Address,
  label: z.string(),
  origin: AccountOrigin,
  /** Name of its keystore file in the app's keystore folder. */
  file: z.string(),
  /** Epoch ms when the app first saw it. */
  addedAt: z.number().int().nonnegative(),
  /** Epoch ms of the last successful backup check; null until the user proved a backup exists. */
  backupConfirmedAt: z.number().int().nonnegative().nullable(),
  /** A password is kept in the OS keychain for this account. */
  rememberPassword: z.boolean(),
  /** False when its file is not a readable keystore; `problem` says why. */
  readable: z.boolean(),
  problem: z.string().nullable(),
});
export type WalletAccount = z.infer<typeof WalletAccount>;

export const LockReason = z.enum(['startup', 'manual', 'idle', 'suspend', 'selection', 'shutdown']);
export type LockReason = z.infer<typeof LockReason>;

export const WalletStatus = z.object({
  accounts: z.array(WalletAccount),
  /** The operating account: the one the node signs with when it is unlocked. */
  selected: Address.nullable(),
  /** The account whose key is decrypted in memory right now (always the selected one), or null. */
  unlocked: Address.nullable(),
  /**
   * The account whose key the node keeps for its lifetime (it runs, or automatic rewards are on), or
   * null. The node signs tickets, redeems and calls reward with it even while `unlocked` is null:
   * the idle lock closes only user actions (stake, send, withdraw, governance), which ask for the
   * password again.
   */
  nodeKey: Address.nullable(),
  /** Why the wallet last locked; null while unlocked. */
  lockReason: LockReason.nullable(),
  /** Idle minutes before the key is dropped from memory; 0 = never. */
  autoLockMinutes: z.number().int().min(0),
  /** Epoch ms when the wallet locks itself unless it is used; null when locked or never. */
  autoLockAt: z.number().int().nonnegative().nullable(),
  rememberPassword: z.object({ available: z.boolean(), reason: z.string().nullable() }),
  /** The app's keystore folder (geth layout; go-livepeer can use it with -ethKeystorePath). */
  keystoreDir: z.string(),
  /** scrypt N used for new keystores. */
  scryptN: z.number().int().positive(),
  /** A folder suggested for backups (the user's home). */
  suggestedBackupDir: z.string(),
});
export type WalletStatus = z.infer<typeof WalletStatus>;

const AddressResult = z.object({ address: Address });

export const KeystoreSource = z.discriminatedUnion('kind', [
  /** A keystore file, or a folder in geth/go-livepeer layout, on the machine that runs the node. */
  z.object({ kind: z.literal('path'), path: LocalPath }).strict(),
  /** The keystore's JSON text (for example read from a file the user picked in the UI). */
  z
    .object({
      kind: z.literal('json'),
      json: z
        .string()
        .min(2)
        .max(64 * 1024),
    })
    .strict(),
]);
export type KeystoreSource = z.infer<typeof KeystoreSource>;

export const FolderScan = z.object({
  folder: z.string(),
  keystores: z.array(z.object({ file: z.string(), address: Address.nullable(), problem: z.string().nullable() })),
});
export type FolderScan = z.infer<typeof FolderScan>;

export const PrivateKeyInput = z
  .string()
  .trim()
  .regex(/^(0x)?[0-9a-fA-F]{64}$/, 'A private key is 64 hexadecimal characters (optionally with 0x)');

export const MnemonicInput = z
  .string()
  .trim()
  .max(1024)
  .transform((s) => s.toLowerCase().split(/\s+/).join(' '))
  .refine(
    (s) => [12, 15, 18, 21, 24].includes(s.split(' ').length),
    'A recovery phrase has 12, 15, 18, 21 or 24 words',
  );

const empty = z.object({}).strict();

export const wallet = {
  status: method({ summary: 'Accounts, the selected one, lock and backup state.', input: empty, output: WalletStatus }),
  create: method({
    summary:
      'Creates an account from a new random key, encrypted with the password (scrypt in a worker). The backup is the keystore file plus the password: export it and run the backup check.',
    input: z.object({ password: NewPassword, label: Label }).strict(),
    output: AddressResult,
  }),
  scanFolder: method({
    summary: 'Lists the keystore files in a folder (geth / go-livepeer layout) with their addresses.',
    input: z.object({ path: LocalPath }).strict(),
    output: FolderScan,
  }),
  importKeystore: method({
    summary:
      'Imports a V3 keystore (file, go-livepeer keystore folder, or JSON text) after checking the password decrypts it; the file is kept as it is.',
    input: z
      .object({ source: KeystoreSource, password: ExistingPassword, address: Address.optional(), label: Label })
      .strict(),
    output: AddressResult,
  }),
  importPrivateKey: method({
    summary: 'Imports a raw private key, encrypted at once with the password; the key is not kept unlocked.',
    input: z.object({ privateKey: PrivateKeyInput, password: NewPassword, label: Label }).strict(),
    output: AddressResult,
  }),
  importMnemonic: method({
    summary:
      "Imports account m/44'/60'/0'/0/<index> of a BIP-39 recovery phrase, encrypted with the password. The phrase is not stored.",
    input: z
      .object({
        mnemonic: MnemonicInput,
        accountIndex: z.number().int().min(0).max(1_000_000).default(0),
        password: NewPassword,
        label: Label,
      })
      .strict(),
    output: AddressResult,
  }),
  exportKeystore: method({
    summary: 'Writes a copy of the encrypted keystore file into a folder the user chose (never returned to the UI).',
    input: z.object({ address: Address, directory: LocalPath }).strict(),
    output: z.object({ path: z.string() }),
  }),
  checkBackup: method({
    summary:
      'The backup check: reads the backup copy at the path and proves the password decrypts it; records the backup as confirmed.',
    input: z.object({ address: Address, path: LocalPath, password: ExistingPassword }).strict(),
    output: WalletStatus,
  }),
  select: method({
    summary: 'Makes an account the operating account (locks the previous one).',
    input: z.object({ address: Address }).strict(),
    output: WalletStatus,
  }),
  unlock: method({
    summary: 'Decrypts the selected account into main-process memory. Without a password, uses the remembered one.',
    input: z.object({ password: ExistingPassword.optional() }).strict(),
    output: WalletStatus,
  }),
  lock: method({
    summary:
      'Locks user actions. Drops the decrypted key from memory unless the node keeps it (see nodeKey); switch the node off to drop it.',
    input: empty,
    output: WalletStatus,
  }),
  setAutoLock: method({
    summary: 'Sets the idle minutes before the wallet locks itself (0 = never; for unattended rigs).',
    input: z
      .object({
        minutes: z
          .number()
          .int()
          .min(0)
          .max(24 * 60),
      })
      .strict(),
    output: WalletStatus,
  }),
  setRememberPassword: method({
    summary:
      "Keeps (after checking it) or forgets an account's password in the OS keychain; refused where there is no keychain.",
    input: z.discriminatedUnion('enabled', [
      z.object({ address: Address, enabled: z.literal(true), password: ExistingPassword }).strict(),
      z.object({ address: Address, enabled: z.literal(false) }).strict(),
    ]),
    output: WalletStatus,
  }),
};
