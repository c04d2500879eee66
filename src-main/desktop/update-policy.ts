// Whether this copy of the app can update itself. Never in a checkout or an unpackaged run (no
// feed to trust there); on Linux only the AppImage can replace itself (a .deb comes from apt).
import type { Capability } from '../../src-shared/contract/index.ts';

export function updateSupport(env: {
  isPackaged: boolean;
  platform: NodeJS.Platform;
  appImage: string | undefined;
}): Capability {
  if (!env.isPackaged)
    return { supported: false, reason: 'Updates are checked only in the installed app, not in a development run.' };
  if (env.platform === 'linux' && !env.appImage) {
    return {
      supported: false,
      reason: 'This Linux install updates through its package manager; only the AppImage updates itself.',
    };
  }
  return { supported: true, reason: null };
}
