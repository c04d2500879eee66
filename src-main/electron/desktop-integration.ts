// The desktop around the host: tray, notifications, start at login, pause while gaming and
// updates. Glue only: every decision is made by a module in src-main/desktop/ and tested there.
import { app, Notification, powerMonitor } from 'electron';
import type { DesktopSettings } from '../../src-shared/contract/index.ts';
import { attentionList, nextAttention, type AttentionItems } from '../desktop/attention.ts';
import { startBalanceWatch } from '../desktop/balance-watch.ts';
import { desktopCapabilities } from '../desktop/capabilities.ts';
import { feedSignalsFromEvents } from '../desktop/desktop-signals.ts';
import { startGamingWatcher } from '../desktop/gaming-pause.ts';
import { setLinuxAutostart } from '../desktop/linux-autostart.ts';
import { createNotificationPolicy, type DesktopSignal } from '../desktop/notification-policy.ts';
import { createProcessLister } from '../desktop/process-list.ts';
import { applyTrayAction } from '../desktop/tray-model.ts';
import { updateSupport } from '../desktop/update-policy.ts';
import type { Host } from '../app/host.ts';
import { internalApi } from '../app/internal-client.ts';
import { createAppTray, type AppTray } from './tray.ts';
import { startUpdater } from './updater.ts';

/** Passed by the login item so a start at login opens in the tray only. */
export const HIDDEN_ARG = '--hidden';

export function currentCapabilities() {
  return desktopCapabilities({
    platform: process.platform,
    isPackaged: app.isPackaged,
    appImage: process.env.APPIMAGE,
    notificationsSupported: Notification.isSupported(),
  });
}

export interface DesktopIntegration {
  readonly tray: AppTray | null;
  /** For the node, chain and updater to report what may deserve a notification or the tray. */
  signal(signal: DesktopSignal): void;
  /** A one-off notice (not one of the opt-in kinds), e.g. "still running in the tray". */
  notice(title: string, body: string): void;
  close(): void;
}

export function applyLoginItem(desktop: DesktopSettings, log: Host['log']): void {
  if (process.platform === 'linux') {
    if (!app.isPackaged) return;
    const file = setLinuxAutostart(desktop.openAtLogin, {
      id: 'livepeer-miner',
      name: 'Livepeer Miner',
      // An AppImage runs from a temporary mount: start the image file itself.
      exec: process.env.APPIMAGE ?? process.execPath,
      args: [HIDDEN_ARG],
    });
    log.info(`${desktop.openAtLogin ? 'Wrote' : 'Removed'} the autostart entry ${file}`);
    return;
  }
  app.setLoginItemSettings({ openAtLogin: desktop.openAtLogin, args: [HIDDEN_ARG] });
}

/** Whether this launch should stay in the tray: the user's choice, or a start at login. */
export function startHidden(desktop: DesktopSettings): boolean {
  if (desktop.startMinimized || process.argv.includes(HIDDEN_ARG)) return true;
  return process.platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin;
}

export function startDesktopIntegration(options: {
  host: Host;
  iconDir: string;
  openWindow: () => void;
  quit: () => void;
  /** Lets the updater's restart through the window's close-to-tray. */
  markQuitting: () => void;
}): DesktopIntegration {
  const { host } = options;
  const log = host.log.child('desktop');
  const control = host.transcoding;
  let attention: AttentionItems = new Map();
  const cleanups: (() => void)[] = [];

  let tray: AppTray | null = null;
  try {
    tray = createAppTray({
      iconDir: options.iconDir,
      inputs: () => ({
        node: host.nodeStatus.get(),
        control: control.get(),
        // The last redeemed winning ticket (the orchestrator runtime's earnings ledger).
        lastEarningAt: host.orchestrator.stats().lastEarningAt,
        attention: attentionList(attention),
        now: Date.now(),
      }),
      onAction: (action) => {
        const next = applyTrayAction(action, control);
        if (next === 'open') options.openWindow();
        if (next === 'quit') options.quit();
      },
      onClick: options.openWindow,
    });
  } catch (err) {
    log.warn(`No tray on this desktop: ${String(err)}`);
  }
  const redraw = (): void => tray?.update();
  cleanups.push(host.nodeStatus.onChange(redraw), control.onChange(redraw));
  // The "earning" window and the pause's end text move with the clock.
  const clock = setInterval(redraw, 60_000);
  cleanups.push(() => clearInterval(clock));

  const notice = (title: string, body: string): void => {
    if (!Notification.isSupported()) return;
    const note = new Notification({ title, body });
    note.on('click', options.openWindow);
    note.show();
  };

  const api = internalApi(host);
  const policy = createNotificationPolicy({ prefs: () => host.settings.get().desktop.notifications });
  const signal = (s: DesktopSignal): void => {
    attention = nextAttention(attention, s);
    redraw();
    const note = policy.consider(s);
    if (note) {
      log.info(`Notification (${note.kind}): ${note.title}`);
      notice(note.title, note.body);
    }
  };
  cleanups.push(feedSignalsFromEvents(host.events, host.nodeStatus.get().state, () => control.get().active, signal));

  // Low ETH for gas: the orchestrator's account pays for reward calls and redemptions.
  const balances = startBalanceWatch({
    account: () => (host.settings.get().role === 'orchestrator' ? host.wallet.status().selected : null),
    balanceWei: async (address) => {
      return (await api.chain.account({ address })).ethBalance;
    },
    feed: signal,
    log: log.child('balance'),
  });
  cleanups.push(balances.stop);
  // A round, a transaction or another account can change it: read again then.
  cleanups.push(
    host.events.subscribe(({ event }) => {
      if (event === 'chain.round' || event === 'chain.tx' || event === 'wallet.status') void balances.check();
    }),
  );

  // Start at login follows the setting, now and whenever it changes.
  applyLoginItem(host.settings.get().desktop, log);
  cleanups.push(
    host.settings.onChange((next, previous) => {
      if (next.desktop.openAtLogin !== previous.desktop.openAtLogin) applyLoginItem(next.desktop, log);
    }),
  );

  const watcher = startGamingWatcher({
    settings: () => host.settings.get().desktop.pauseWhileGaming,
    senses: { idleSeconds: () => powerMonitor.getSystemIdleTime(), onBattery: () => powerMonitor.isOnBatteryPower() },
    lister: createProcessLister(),
    onChange: (reason) => control.setAutoPause(reason),
    log: log.child('gaming'),
  });
  cleanups.push(watcher.stop);
  // A settings change (e.g. switching the feature off) should not wait for the next poll.
  cleanups.push(host.settings.onChange(() => void watcher.check()));

  const updates = updateSupport({
    isPackaged: app.isPackaged,
    platform: process.platform,
    appImage: process.env.APPIMAGE,
  });
  if (updates.supported) {
    cleanups.push(
      startUpdater({
        log: log.child('update'),
        onAvailable: (version) => signal({ type: 'update.available', version }),
        beforeRestart: options.markQuitting,
      }),
    );
  } else {
    log.info(`No update checks: ${updates.reason}`);
  }

  return {
    get tray() {
      return tray;
    },
    signal,
    notice,
    close() {
      for (const off of cleanups.splice(0)) off();
      tray?.destroy();
      tray = null;
    },
  };
}
