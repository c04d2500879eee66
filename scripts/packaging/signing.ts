// Code signing for a release build, from the environment (the release workflow maps its secrets
// there): which electron-builder options to add, and a clear warning for every missing piece. An
// unsigned build still completes, so a fork or a first release without certificates works.
// Usage (release.yml): node scripts/packaging/signing.ts <win|mac|linux>
//   prints the extra electron-builder arguments on stdout and the warnings on stderr (as GitHub
//   Actions ::warning:: annotations).
import type { BuilderOs } from './stage-binaries.ts';

export interface SigningPlan {
  /** Extra electron-builder command-line options. */
  args: string[];
  warnings: string[];
}

type Env = Readonly<Record<string, string | undefined>>;

const has = (env: Env, ...names: string[]): boolean => names.every((n) => (env[n] ?? '') !== '');

/** Azure Trusted Signing: the service principal (read by Azure's tools) and the account to sign with. */
const AZURE_CREDENTIALS = ['AZURE_TENANT_ID', 'AZURE_CLIENT_ID', 'AZURE_CLIENT_SECRET'];
const AZURE_ACCOUNT: Record<string, string> = {
  endpoint: 'AZURE_SIGN_ENDPOINT',
  codeSigningAccountName: 'AZURE_SIGN_ACCOUNT',
  certificateProfileName: 'AZURE_SIGN_PROFILE',
  publisherName: 'AZURE_SIGN_PUBLISHER',
};

export function signingPlan(os: BuilderOs, env: Env): SigningPlan {
  const args: string[] = [];
  const warnings: string[] = [];
  if (os === 'mac') {
    if (!has(env, 'CSC_LINK')) {
      // identity=null: no signing at all, rather than whatever identity the keychain offers.
      args.push('-c.mac.identity=null', '-c.mac.notarize=false');
      warnings.push(
        'macOS: no Developer ID Application certificate (CSC_LINK, CSC_KEY_PASSWORD): the app is NOT signed and NOT notarized; Gatekeeper will refuse to open it until the user allows it in System Settings > Privacy & Security.',
      );
    } else if (
      !has(env, 'APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID') &&
      !has(env, 'APPLE_API_KEY', 'APPLE_API_KEY_ID', 'APPLE_API_ISSUER')
    ) {
      args.push('-c.mac.notarize=false');
      warnings.push(
        'macOS: signed but NOT notarized: set APPLE_ID, APPLE_APP_SPECIFIC_PASSWORD and APPLE_TEAM_ID (or APPLE_API_KEY, APPLE_API_KEY_ID, APPLE_API_ISSUER); Gatekeeper warns about un-notarized apps.',
      );
    }
  } else if (os === 'win') {
    if (has(env, 'WIN_CSC_LINK') || has(env, 'CSC_LINK')) {
      // electron-builder signs with the certificate itself.
    } else if (has(env, ...AZURE_CREDENTIALS, ...Object.values(AZURE_ACCOUNT))) {
      for (const [option, name] of Object.entries(AZURE_ACCOUNT)) {
        args.push(`-c.win.azureSignOptions.${option}=${env[name]}`);
      }
    } else {
      warnings.push(
        'Windows: no code-signing certificate (WIN_CSC_LINK, WIN_CSC_KEY_PASSWORD) and no Azure Trusted Signing account (AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET, AZURE_SIGN_ENDPOINT, AZURE_SIGN_ACCOUNT, AZURE_SIGN_PROFILE, AZURE_SIGN_PUBLISHER): the installer is NOT signed; SmartScreen will warn, and electron-updater will reject updates while win.signtoolOptions.publisherName is set.',
      );
    }
  }
  return { args, warnings };
}

if (import.meta.main) {
  const os = process.argv[2];
  if (os !== 'win' && os !== 'mac' && os !== 'linux') {
    process.stderr.write('usage: node scripts/packaging/signing.ts <win|mac|linux>\n');
    process.exit(2);
  }
  const plan = signingPlan(os, process.env);
  for (const w of plan.warnings) process.stderr.write(`::warning title=Unsigned build::${w}\n`);
  process.stdout.write(`${plan.args.join(' ')}\n`);
}
