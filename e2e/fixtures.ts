// `test` for the specs: each spec file gets its own headless host and data folder, so a spec sees
// the first-start defaults and sets up what it needs itself, in any order and alone. The host
// starts with the file's first test that needs it (`baseURL`, `host`); tests in one file share it,
// as one user's session would; it stops when the worker moves on to another file or ends.
import { test as base } from '@playwright/test';
import { startHost, type Host } from './host.ts';

export { expect } from '@playwright/test';

interface SpecHosts {
  /** The host of this spec file: started on first use, the previous file's stopped. */
  forFile(file: string): Promise<Host>;
}

export const test = base.extend<{ host: Host }, { specHosts: SpecHosts; hostArgs: string[] }>({
  /** Extra `serve` flags for a spec's host (`test.use({ hostArgs: ['--devnet-scale', 'mainnet'] })`). */
  hostArgs: [[], { scope: 'worker', option: true }],
  specHosts: [
    async ({ hostArgs }, use) => {
      let current: { file: string; host: Promise<Host> } | null = null;
      const stop = async (): Promise<void> => {
        const host = current?.host;
        current = null;
        await (await host?.catch(() => null))?.close();
      };
      await use({
        async forFile(file) {
          if (current?.file !== file) {
            await stop();
            current = { file, host: startHost({ extraArgs: hostArgs }) };
          }
          return current.host;
        },
      });
      await stop();
    },
    { scope: 'worker', timeout: 30_000 },
  ],
  host: async ({ specHosts }, use, testInfo) => use(await specHosts.forFile(testInfo.file)),
  baseURL: async ({ host }, use) => use(host.origin),
});
