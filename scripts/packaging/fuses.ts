// The Electron fuses the packaged app ships with (desktop anchors §5 item 9). Flipped into the
// binary by after-pack.ts; every fuse of the V1 wire is set explicitly so a future Electron with a
// longer wire fails the build (strictlyRequireAllFuses) instead of inheriting a default unseen.
import { FuseV1Options, FuseVersion, type FuseV1Config } from '@electron/fuses';

/** What each fuse is set to and why, in the order of the V1 wire. */
export const FUSE_SETTINGS = [
  // Otherwise ELECTRON_RUN_AS_NODE turns the signed app into a plain Node that can read the keystore.
  { fuse: FuseV1Options.RunAsNode, name: 'RunAsNode', enabled: false },
  // Cookies and local storage encrypted with the OS keychain key.
  { fuse: FuseV1Options.EnableCookieEncryption, name: 'EnableCookieEncryption', enabled: true },
  // NODE_OPTIONS could preload arbitrary code into the main process.
  {
    fuse: FuseV1Options.EnableNodeOptionsEnvironmentVariable,
    name: 'EnableNodeOptionsEnvironmentVariable',
    enabled: false,
  },
  // --inspect would let any local user attach a debugger to the process holding the key.
  { fuse: FuseV1Options.EnableNodeCliInspectArguments, name: 'EnableNodeCliInspectArguments', enabled: false },
  // The asar is checked against the hash embedded at package time (macOS and Windows).
  {
    fuse: FuseV1Options.EnableEmbeddedAsarIntegrityValidation,
    name: 'EnableEmbeddedAsarIntegrityValidation',
    enabled: true,
  },
  // A loose resources/app folder next to the asar is ignored.
  { fuse: FuseV1Options.OnlyLoadAppFromAsar, name: 'OnlyLoadAppFromAsar', enabled: true },
  // We ship no custom V8 snapshot.
  {
    fuse: FuseV1Options.LoadBrowserProcessSpecificV8Snapshot,
    name: 'LoadBrowserProcessSpecificV8Snapshot',
    enabled: false,
  },
  // The UI is served from app://, so file:// needs no extra privileges.
  { fuse: FuseV1Options.GrantFileProtocolExtraPrivileges, name: 'GrantFileProtocolExtraPrivileges', enabled: false },
] as const;

/** The @electron/fuses configuration for one packaged binary. */
export function fuseConfig(platform: string, arch: string): FuseV1Config {
  const wire: Partial<Record<FuseV1Options, boolean>> = {};
  for (const { fuse, enabled } of FUSE_SETTINGS) wire[fuse] = enabled;
  return {
    version: FuseVersion.V1,
    strictlyRequireAllFuses: true,
    // Flipping bytes breaks the ad-hoc signature arm64 macOS insists on; re-sign it ad hoc
    // (the real signing step runs after this hook).
    resetAdHocDarwinSignature: platform === 'darwin' && arch === 'arm64',
    ...(wire as Record<FuseV1Options, boolean>),
  };
}
