// Where the helper programs the app runs (anvil for the devnet, ffmpeg for transcoding) live.
// - ffmpeg comes from ffmpeg-static (a dependency whose install script downloads the FFmpeg build for
//   the platform into node_modules/ffmpeg-static/). Packaged, electron-builder unpacks that file from
//   the asar (asarUnpack in electron-builder.yml): <resources>/app.asar.unpacked/node_modules/ffmpeg-static/.
// - anvil comes from foundry's per-platform npm package (an optional dependency: npm installs the
//   one for this machine); packaged, it is copied to <resources>/bin (scripts/packaging/stage-binaries.ts).
// In a checkout both come from node_modules, and last from PATH. A path the user sets for ffmpeg wins
// over all of these: the media probe (src-main/media/probe.ts) puts it first. Plain Node, no
// Electron: the headless host and the CLI use the same lookup.
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type BundledBinaryName = 'anvil' | 'ffmpeg';

export interface FoundBinary {
  readonly path: string;
  /** bundled: the packaged app's own copy; node_modules: a checkout's npm package; path: the system's. */
  readonly source: 'bundled' | 'node_modules' | 'path';
}

export interface BinaryLookupOptions {
  /** Electron's process.resourcesPath; undefined under plain Node (headless, CLI, tests). */
  resourcesPath?: string | undefined;
  platform?: NodeJS.Platform;
  arch?: string;
  /** Folder to start the node_modules search from (default: this module's folder). */
  searchFrom?: string;
  /** The PATH value (default: process.env.PATH). */
  pathEnv?: string | undefined;
}

/** The folder under the resources directory that holds anvil. */
export const BUNDLED_BIN_DIR = 'bin';
/** The npm package whose install script fetches the app's FFmpeg. */
export const FFMPEG_PACKAGE = 'ffmpeg-static';

export function executableName(name: BundledBinaryName, platform: NodeJS.Platform): string {
  return platform === 'win32' ? `${name}.exe` : name;
}

/** foundry names its per-platform npm packages with Go-style architectures. */
export function anvilPackageName(platform: NodeJS.Platform, arch: string): string | null {
  const goArch = arch === 'x64' ? 'amd64' : arch === 'arm64' ? 'arm64' : null;
  if (goArch === null || !['linux', 'darwin', 'win32'].includes(platform)) return null;
  return `@foundry-rs/anvil-${platform}-${goArch}`;
}

/** The platforms ffmpeg-static 5.x has a binary for (its index.js). */
const FFMPEG_STATIC_PLATFORMS: Partial<Record<NodeJS.Platform, readonly string[]>> = {
  darwin: ['x64', 'arm64'],
  linux: ['x64', 'ia32', 'arm64', 'arm'],
  win32: ['x64', 'ia32'],
};

/** The npm package that holds the binary for a platform, or null when none exists. */
export function binaryPackageName(name: BundledBinaryName, platform: NodeJS.Platform, arch: string): string | null {
  if (name === 'anvil') return anvilPackageName(platform, arch);
  return FFMPEG_STATIC_PLATFORMS[platform]?.includes(arch) ? FFMPEG_PACKAGE : null;
}

/** The binary's path inside one node_modules folder, per the package that provides it there. */
export function packageBinaryPath(
  nodeModules: string,
  name: BundledBinaryName,
  platform: NodeJS.Platform,
  arch: string,
): string | null {
  const pkg = binaryPackageName(name, platform, arch);
  if (pkg === null) return null;
  const file = executableName(name, platform);
  // foundry keeps its binary in bin/; ffmpeg-static at its root.
  return name === 'anvil' ? join(nodeModules, pkg, 'bin', file) : join(nodeModules, pkg, file);
}

/** Where the packaged app holds the binary, under its resources folder. */
export function packagedBinaryPath(resourcesPath: string, name: BundledBinaryName, platform: NodeJS.Platform): string {
  const file = executableName(name, platform);
  return name === 'anvil'
    ? join(resourcesPath, BUNDLED_BIN_DIR, file)
    : join(resourcesPath, 'app.asar.unpacked', 'node_modules', FFMPEG_PACKAGE, file);
}

function isExecutableFile(path: string, platform: NodeJS.Platform): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    if (platform !== 'win32') accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function moduleDir(): string {
  return dirname(fileURLToPath(import.meta.url));
}

/**
 * Finds anvil or ffmpeg: the packaged copy first, then node_modules (walking up from the code),
 * then PATH. Returns null when none exists; callers say so to the user instead of guessing.
 */
export function findBundledBinary(name: BundledBinaryName, options: BinaryLookupOptions = {}): FoundBinary | null {
  const platform = options.platform ?? process.platform;
  const arch = options.arch ?? process.arch;
  const file = executableName(name, platform);
  const resourcesPath = 'resourcesPath' in options ? options.resourcesPath : electronResourcesPath();

  if (resourcesPath) {
    const bundled = packagedBinaryPath(resourcesPath, name, platform);
    if (isExecutableFile(bundled, platform)) return { path: bundled, source: 'bundled' };
  }

  let dir = options.searchFrom ?? moduleDir();
  for (;;) {
    const candidate = packageBinaryPath(join(dir, 'node_modules'), name, platform, arch);
    if (candidate && isExecutableFile(candidate, platform)) return { path: candidate, source: 'node_modules' };
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }

  const pathEnv = 'pathEnv' in options ? options.pathEnv : process.env.PATH;
  for (const entry of (pathEnv ?? '').split(delimiter)) {
    if (!entry) continue;
    const candidate = join(entry, file);
    if (isExecutableFile(candidate, platform)) return { path: candidate, source: 'path' };
  }
  return null;
}

/** Electron sets process.resourcesPath; plain Node does not have it. */
function electronResourcesPath(): string | undefined {
  return (process as { resourcesPath?: string }).resourcesPath;
}

/** What to spawn for a helper program: the lookup's answer, else the bare name (the OS then says it is missing). */
export function binaryCommand(name: BundledBinaryName, options: BinaryLookupOptions = {}): string {
  return findBundledBinary(name, options)?.path ?? name;
}
