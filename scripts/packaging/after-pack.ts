// electron-builder afterPack hook: flips the fuses (fuses.ts) in the packaged Electron binary,
// before electron-builder signs it. The stub Electron of pack-dir carries a wire (stub-electron.ts)
// and is flipped like a real binary; a stub without one is skipped with a message, and any other
// binary without a wire fails the build.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { flipFuses } from '@electron/fuses';
import type { AfterPackContext } from 'electron-builder';
import { fuseConfig } from './fuses.ts';
import { FUSE_SENTINEL, STUB_ELECTRON_MARKER } from './stub-electron.ts';
const ARCH_NAMES = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];

/** The file @electron/fuses edits: the executable, or on macOS the .app bundle. */
export function packagedElectronPath(context: AfterPackContext): string {
  const { appOutDir, electronPlatformName, packager } = context;
  const name = packager.appInfo.productFilename;
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') return join(appOutDir, `${name}.app`);
  if (electronPlatformName === 'win32') return join(appOutDir, `${name}.exe`);
  return join(appOutDir, (packager as unknown as { executableName: string }).executableName);
}

export type FuseOutcome = { flipped: true; path: string } | { flipped: false; path: string; reason: string };

/** Flips the fuses in one binary; a stub is reported, anything else without a wire throws. */
export async function applyFuses(binaryPath: string, platform: string, arch: string): Promise<FuseOutcome> {
  // On macOS the wire lives in the framework, which flipFuses finds itself from the .app path.
  if (!binaryPath.endsWith('.app')) {
    const bytes = readFileSync(binaryPath);
    if (bytes.indexOf(FUSE_SENTINEL) === -1) {
      if (bytes.includes(STUB_ELECTRON_MARKER)) {
        return {
          flipped: false,
          path: binaryPath,
          reason: 'stub Electron (pack-dir without the real binary): it has no fuse wire, fuses NOT flipped',
        };
      }
      throw new Error(`${binaryPath} has no Electron fuse wire; refusing to package an app without its fuses`);
    }
  }
  await flipFuses(binaryPath, fuseConfig(platform, arch));
  return { flipped: true, path: binaryPath };
}

export default async function afterPack(context: AfterPackContext): Promise<void> {
  const arch = ARCH_NAMES[context.arch] ?? String(context.arch);
  const outcome = await applyFuses(packagedElectronPath(context), context.electronPlatformName, arch);
  const line = outcome.flipped ? `fuses flipped in ${outcome.path}` : `WARNING: ${outcome.reason} (${outcome.path})`;
  process.stderr.write(`  • after-pack: ${line}\n`);
}
