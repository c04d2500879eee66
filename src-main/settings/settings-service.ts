// The `settings` contract service over the settings store; every change is logged by key (never by value).
import type { settings } from '../../src-shared/contract/index.ts';
import type { ServiceImpl } from '../core/service.ts';
import type { Logger } from '../log/logger.ts';
import type { SettingsStore } from './settings-store.ts';

export function createSettingsService(store: SettingsStore, log: Logger): ServiceImpl<typeof settings> {
  return {
    get: () => store.get(),
    update: (patch) => {
      const next = store.update(patch);
      log.info(`Settings changed: ${Object.keys(patch).join(', ')}`);
      return next;
    },
  };
}
