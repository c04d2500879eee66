// Setup file of the vitest `unit` project: a unit test runs in this process only. Starting a
// process, opening or accepting a socket, or opening an SQLite file throws, so a test that needs
// real parts says so by its name (*.integration.test.ts) instead of slowing the fast run down.
import childProcess from 'node:child_process';
import net from 'node:net';
import { syncBuiltinESMExports } from 'node:module';
import type * as Sqlite from 'node:sqlite';
import { vi } from 'vitest';

const MOVE = 'name the file *.integration.test.ts (see the README, "Test it")';

function refuse(what: string): () => never {
  return () => {
    throw new Error(`A unit test ${what}: ${MOVE}`);
  };
}

const processes = childProcess as unknown as Record<string, unknown>;
for (const name of ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'])
  processes[name] = refuse(`starts a process (child_process.${name})`);
net.Server.prototype.listen = refuse('listens on a socket');
net.Socket.prototype.connect = refuse('opens a socket');

// node:sqlite is not among the builtins syncBuiltinESMExports updates: swap its export for the
// modules vitest loads (the store is the only user). Not hoisted (doMock) and only under Node: the
// renderer's DOM tests (happy-dom) run in Vite's browser environment, which cannot load node:sqlite.
if (typeof window === 'undefined')
  vi.doMock('node:sqlite', async (importOriginal) => {
    const sqlite = await importOriginal<typeof Sqlite>();
    class MemoryOnlyDatabase extends sqlite.DatabaseSync {
      constructor(path: string | Buffer | URL, ...rest: unknown[]) {
        if (path !== ':memory:') refuse(`opens the SQLite file ${String(path)}`)();
        super(path, ...(rest as []));
      }
    }
    return { ...sqlite, DatabaseSync: MemoryOnlyDatabase };
  });

// `import { spawn } from 'node:child_process'` sees the replacements too.
syncBuiltinESMExports();
