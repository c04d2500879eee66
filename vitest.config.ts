// Three projects, chosen by file name (see the README's "Test it"):
//   *.test.ts(x)              unit: this process only, fast; scripts/testing/unit-guard.ts fails a test that
//                             starts a process, opens a socket or an SQLite file
//   *.integration.test.ts     real anvil, ffmpeg, SQLite, keystores, child processes and sockets
//   *.system.test.ts          changes the machine: network namespaces, root
import { configDefaults, defineConfig } from 'vitest/config';

const ROOTS = '{src-main,src-shared,src-renderer,scripts,bench}';
const INTEGRATION = `${ROOTS}/**/*.integration.test.ts`;
const SYSTEM = `${ROOTS}/**/*.system.test.ts`;

export default defineConfig({
  test: {
    environment: 'node',
    reporters: ['default'],
    execArgv: ['--disable-warning=ExperimentalWarning'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: [`${ROOTS}/**/*.test.{ts,tsx}`],
          exclude: [...configDefaults.exclude, INTEGRATION, SYSTEM],
          setupFiles: ['scripts/testing/unit-guard.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: [INTEGRATION],
          // Real processes on machines with two cores.
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: { name: 'system', include: [SYSTEM], testTimeout: 30_000, hookTimeout: 60_000 },
      },
    ],
  },
});
