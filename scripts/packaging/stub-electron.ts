// A stand-in Electron distribution for `electron-builder --dir` on machines where the real one
// cannot be downloaded: a 2-line script named `electron` and a `version` file, and deliberately no
// resources/default_app.asar (electron-builder hashes any asar it finds and an empty one fails).
// The packaged output has the real layout but does not run.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Written into the stub so later steps (the fuse hook) can tell it from a real binary. */
export const STUB_ELECTRON_MARKER = 'livepeer-miner stub electron';

export function writeStubElectronDist(dir: string, electronVersion: string): string {
  mkdirSync(dir, { recursive: true });
  const binary = join(dir, 'electron');
  writeFileSync(binary, `#!/bin/sh\necho "${STUB_ELECTRON_MARKER}: this package cannot run" >&2; exit 1\n`);
  chmodSync(binary, 0o755);
  writeFileSync(join(dir, 'version'), electronVersion);
  return dir;
}
