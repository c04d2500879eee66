// A stand-in Electron distribution for `electron-builder --dir` on machines where the real one
// cannot be downloaded: a 2-line script named `electron` and a `version` file, and deliberately no
// resources/default_app.asar (electron-builder hashes any asar it finds and an empty one fails).
// The packaged output has the real layout but does not run.
//
// The script carries Electron's fuse wire (the sentinel, version 1, length, then one ASCII '0'/'1'
// per fuse at Electron's defaults) in a comment, so the after-pack hook flips the fuses in the
// packaged copy as it would in a real binary, and the result can be read back with @electron/fuses.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Written into the stub so later steps (the fuse hook) can tell it from a real binary. */
export const STUB_ELECTRON_MARKER = 'livepeer-miner stub electron';

/** The fuse sentinel @electron/fuses searches for. */
export const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

/**
 * Electron's own defaults for the 8 fuses of the V1 wire, in wire order: RunAsNode on, cookie
 * encryption off, NODE_OPTIONS on, --inspect on, asar integrity off, only-asar off, browser V8
 * snapshot off, file:// privileges on.
 */
export const ELECTRON_DEFAULT_WIRE = '10110001';

export function writeStubElectronDist(
  dir: string,
  electronVersion: string,
  options: { fuseWire?: boolean } = {},
): string {
  mkdirSync(dir, { recursive: true });
  const binary = join(dir, 'electron');
  const wire = options.fuseWire === false ? '' : `# ${FUSE_SENTINEL}\x01\x08${ELECTRON_DEFAULT_WIRE}\n`;
  writeFileSync(binary, `#!/bin/sh\n${wire}echo "${STUB_ELECTRON_MARKER}: this package cannot run" >&2; exit 1\n`);
  chmodSync(binary, 0o755);
  writeFileSync(join(dir, 'version'), electronVersion);
  return dir;
}
