// The `app` contract service: what this application is (name, version, runtime, data folder) and
// whether its own foundations hold (the store, a writable data folder). It lives beside the
// composition root because only the root knows the mode and the shell's runtime versions.
import { accessSync, constants } from 'node:fs';
import type { app, AppInfo } from '../../src-shared/contract/index.ts';
import type { ServiceImpl } from '../core/service.ts';
import { checkDatabase, type Database } from '../store/database.ts';
import { APP_NAME, APP_VERSION } from './app-meta.ts';

export interface AppServiceDeps {
  readonly dataDir: string;
  readonly mode: AppInfo['mode'];
  readonly runtime?: { electron: string | null; chrome: string | null } | undefined;
  readonly db: Database;
  readonly startedAt: number;
}

export function createAppService(deps: AppServiceDeps): ServiceImpl<typeof app> {
  return {
    info: () => ({
      name: APP_NAME,
      version: APP_VERSION,
      mode: deps.mode,
      platform: process.platform,
      arch: process.arch,
      versions: {
        node: process.versions.node,
        electron: deps.runtime?.electron ?? null,
        chrome: deps.runtime?.chrome ?? null,
      },
      dataDir: deps.dataDir,
    }),
    health: () => {
      const checks = [checkDatabase(deps.db), dataDirCheck(deps.dataDir)];
      return {
        status: checks.every((c) => c.ok) ? 'ok' : 'degraded',
        uptimeSeconds: (Date.now() - deps.startedAt) / 1000,
        checks,
      };
    },
  };
}

function dataDirCheck(dir: string): { name: string; ok: boolean; detail: string } {
  try {
    accessSync(dir, constants.W_OK);
    return { name: 'data folder', ok: true, detail: 'Writable' };
  } catch {
    return { name: 'data folder', ok: false, detail: `Cannot write to ${dir}` };
  }
}
