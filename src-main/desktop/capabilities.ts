// What the desktop integrations can do on this machine, for the Settings page to show honestly.
import type { Capability, DesktopCapabilities } from '../../src-shared/contract/index.ts';
import { updateSupport } from './update-policy.ts';

const HEADLESS_REASON =
  'This page is served by the headless host (livepeer-miner serve). Tray, start at login, notifications, pause while gaming and updates exist only in the desktop app.';
const headless: Capability = { supported: false, reason: HEADLESS_REASON };

export const HEADLESS_CAPABILITIES: DesktopCapabilities = {
  available: false,
  reason: HEADLESS_REASON,
  tray: headless,
  startAtLogin: headless,
  notifications: headless,
  pauseWhileGaming: headless,
  autoUpdate: headless,
};

const yes: Capability = { supported: true, reason: null };

export function desktopCapabilities(env: {
  platform: NodeJS.Platform;
  isPackaged: boolean;
  appImage: string | undefined;
  notificationsSupported: boolean;
}): DesktopCapabilities {
  return {
    available: true,
    reason: null,
    tray: yes,
    // Linux uses an XDG autostart entry (linux-autostart.ts); macOS and Windows the login items.
    startAtLogin:
      env.platform === 'linux' && !env.isPackaged
        ? { supported: false, reason: 'Start at login needs the installed app; this is a development run.' }
        : yes,
    notifications: env.notificationsSupported
      ? yes
      : { supported: false, reason: 'This desktop has no notification service.' },
    pauseWhileGaming: yes,
    autoUpdate: updateSupport(env),
  };
}
