// Auto-update with electron-updater: only in the installed app (update-policy.ts), downloads in
// the background, and restarts only after the user says so in a dialog the main process owns.
import { app, dialog } from 'electron';
import electronUpdater from 'electron-updater';
import type { Logger } from '../log/logger.ts';

const CHECK_EVERY_MS = 6 * 3_600_000;

export function startUpdater(options: {
  log: Logger;
  onAvailable: (version: string) => void;
  /** Marks the quit as deliberate so the window's close-to-tray does not hold it back. */
  beforeRestart: () => void;
}): () => void {
  const { autoUpdater } = electronUpdater;
  const log = options.log;
  autoUpdater.logger = {
    info: (m: unknown) => log.info(String(m)),
    warn: (m: unknown) => log.warn(String(m)),
    error: (m: unknown) => log.error(String(m)),
    debug: (m: unknown) => log.debug(String(m)),
  };
  autoUpdater.autoDownload = true;
  autoUpdater.autoInstallOnAppQuit = true;
  autoUpdater.on('update-available', (info) => options.onAvailable(info.version));
  autoUpdater.on('update-downloaded', (info) => {
    void dialog
      .showMessageBox({
        type: 'info',
        title: 'Update ready',
        message: `Livepeer Miner ${info.version} is ready to install.`,
        detail: 'Restarting stops the node for a moment. If you choose Later, it installs the next time you quit.',
        buttons: ['Restart now', 'Later'],
        defaultId: 0,
        cancelId: 1,
      })
      .then(({ response }) => {
        if (response !== 0) return;
        options.beforeRestart();
        autoUpdater.quitAndInstall();
      });
  });
  autoUpdater.on('error', (err) => log.warn(`Update check failed: ${err.message}`));

  const check = (): void => {
    autoUpdater.checkForUpdates().catch((err: unknown) => log.warn(`Update check failed: ${String(err)}`));
  };
  check();
  const timer = setInterval(check, CHECK_EVERY_MS);
  log.info(`Checking for updates of ${app.getVersion()} every ${CHECK_EVERY_MS / 3_600_000} h`);
  return () => clearInterval(timer);
}
