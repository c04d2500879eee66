// Builds the app with Vite: the renderer (dist/renderer), the Electron main process
// (dist/main/electron-main.cjs) and the preload (dist/main/preload.cjs).
// Usage: node scripts/build.ts [renderer|main|preload ...]   (default: all)
import { cpSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { build } from 'vite';

const external = ['electron', ...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

const targets: Record<string, () => Promise<unknown>> = {
  renderer: () => build({ configFile: 'vite.config.ts', logLevel: 'warn' }),
  main: async () => {
    await build({
      configFile: false,
      logLevel: 'warn',
      build: {
        ssr: 'src-main/electron/main.ts',
        outDir: 'dist/main',
        emptyOutDir: false,
        target: 'node22',
        sourcemap: true,
        rollupOptions: { external, output: { format: 'cjs', entryFileNames: 'electron-main.cjs' } },
      },
    });
    // Tray images ride along inside the asar (nativeImage reads them from there).
    cpSync('assets/tray', 'dist/main/tray', { recursive: true });
  },
  // The wallet's scrypt worker runs as its own file (worker_threads), next to electron-main.cjs.
  'keystore-worker': () =>
    build({
      configFile: false,
      logLevel: 'warn',
      build: {
        ssr: 'src-main/wallet/keystore-worker.ts',
        outDir: 'dist/main',
        emptyOutDir: false,
        target: 'node22',
        rollupOptions: { external, output: { format: 'cjs', entryFileNames: 'keystore-worker.cjs' } },
      },
    }),
  // The orchestrator's ticket-signature workers (worker_threads), next to electron-main.cjs, where
  // payments/signature-pool.ts looks for them.
  'signature-worker': () =>
    build({
      configFile: false,
      logLevel: 'warn',
      build: {
        ssr: 'src-main/orchestrator/payments/signature-worker.ts',
        outDir: 'dist/main',
        emptyOutDir: false,
        target: 'node22',
        rollupOptions: { external, output: { format: 'cjs', entryFileNames: 'signature-worker.cjs' } },
      },
    }),
  // Sandboxed preloads cannot require anything but 'electron': bundle the contract (and zod) in.
  preload: () =>
    build({
      configFile: false,
      logLevel: 'warn',
      ssr: { noExternal: true },
      build: {
        ssr: 'src-main/electron/preload.ts',
        outDir: 'dist/main',
        emptyOutDir: false,
        target: 'node22',
        rollupOptions: { external: ['electron'], output: { format: 'cjs', entryFileNames: 'preload.cjs' } },
      },
    }),
};

const wanted = process.argv.slice(2);
for (const name of wanted.length ? wanted : Object.keys(targets)) {
  const run = targets[name];
  if (!run) throw new Error(`Unknown build target ${name}; choose from ${Object.keys(targets).join(', ')}`);
  const started = performance.now();
  await run();
  process.stderr.write(`built ${name} in ${Math.round(performance.now() - started)} ms\n`);
}
