import { z } from 'zod';
import { method } from '../define.ts';

const empty = z.object({}).strict();

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  /** 'desktop' inside Electron, 'headless' when served by `livepeer-miner serve`. */
  mode: z.enum(['desktop', 'headless']),
  platform: z.string(),
  arch: z.string(),
  versions: z.object({ node: z.string(), electron: z.string().nullable(), chrome: z.string().nullable() }),
  dataDir: z.string(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const HealthCheck = z.object({ name: z.string(), ok: z.boolean(), detail: z.string() });
export const Health = z.object({
  status: z.enum(['ok', 'degraded']),
  uptimeSeconds: z.number().nonnegative(),
  checks: z.array(HealthCheck),
});
export type Health = z.infer<typeof Health>;

export const app = {
  info: method({ summary: 'Name, version, runtime and data folder of the app.', input: empty, output: AppInfo }),
  health: method({
    summary: 'Self-checks of the host (store, data folder) with a one-line verdict each.',
    input: empty,
    output: Health,
  }),
};
