// Electron entry point: the desktop shell around the same host the headless server uses.
// Glue only: lifecycle, the window, the tray, the app:// protocol and the IPC transport.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { app, powerMonitor, type BrowserWindow } from 'electron';
import { createHost, type Host } from '../app/host.ts';
import { createLogSink } from '../log/logger.ts';
import { registerAppScheme, serveAppScheme } from './app-protocol.ts';
import {
  currentCapabilities,
  startDesktopIntegration,
  startHidden,
  type DesktopIntegration,
} from './desktop-integration.ts';
import { installHardening } from './hardening.ts';
import { registerIpc } from './ipc.ts';
import { createMainWindow, preloadPathFrom } from './window.ts';
import { createSafeStorageVault } from './secret-vault.ts';

// Built to dist/main/electron-main.cjs; the renderer is in dist/renderer, tray icons in dist/main/tray.
const MAIN_DIR = __dirname;
const RENDERER_DIR = join(MAIN_DIR, '..', 'renderer');
const TRAY_ICON_DIR = join(MAIN_DIR, 'tray');

const windows = new Set<BrowserWindow>();
let host: Host | null = null;
let desktop: DesktopIntegration | null = null;
// Set once the user (or the updater) really quits; until then closing the window hides it.
let quitting = false;
let closedCleanly = false;

function openWindow(): void {
  const [existing] = windows;
  if (existing) {
    if (existing.isMinimized()) existing.restore();
    existing.show();
    existing.focus();
    return;
  }
  const win = createMainWindow(preloadPathFrom(MAIN_DIR));
  windows.add(win);
  win.on('close', (event) => {
    if (quitting || !desktop?.tray) return;
    // Keep the node working in the tray; say so the first time.
    event.preventDefault();
    win.hide();
    showTrayNoticeOnce();
  });
  win.on('closed', () => windows.delete(win));
}

function showTrayNoticeOnce(): void {
  const flag = join(app.getPath('userData'), '.tray-notice-shown');
  if (existsSync(flag)) return;
  desktop?.notice(
    'Livepeer Miner is still running',
    'The node keeps working in the tray. Use Quit in the tray menu to stop it.',
  );
  writeFileSync(flag, `${new Date().toISOString()}\n`);
}

function quit(): void {
  quitting = true;
  app.quit();
}

// A separate data folder (tests, a second profile); must be set before the single-instance lock.
const dataDirOverride = process.env.LIVEPEER_MINER_DATA_DIR;
if (dataDirOverride) app.setPath('userData', dataDirOverride);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerAppScheme();
  app.on('second-instance', openWindow);

  void app.whenReady().then(() => {
    installHardening();
    serveAppScheme(RENDERER_DIR);
    host = createHost({
      dataDir: app.getPath('userData'),
      mode: 'desktop',
      runtime: { electron: process.versions.electron ?? null, chrome: process.versions.chrome ?? null },
      logSink: createLogSink({ write: (line) => process.stderr.write(line) }),
      secretVault: createSafeStorageVault(),
      keystoreWorkerPath: join(MAIN_DIR, 'keystore-worker.cjs'),
      desktop: { capabilities: currentCapabilities },
    });
    // A sleeping laptop is an unattended one: drop the key.
    powerMonitor.on('suspend', () => host?.wallet.lock('suspend'));
    registerIpc(host, windows);
    desktop = startDesktopIntegration({
      host,
      iconDir: TRAY_ICON_DIR,
      openWindow,
      quit,
      markQuitting: () => (quitting = true),
    });
    if (process.env.LIVEPEER_MINER_TEST_HOOKS === '1') {
      // Read-only view for e2e/electron.spec.ts (the tray has no API to query from outside).
      (globalThis as { __livepeerMinerTray?: unknown }).__livepeerMinerTray = () => desktop?.tray?.snapshot() ?? null;
    }
    // Without a tray there is nowhere to hide to: always show the window then.
    if (!desktop.tray || !startHidden(host.settings.get().desktop)) openWindow();
    app.on('activate', openWindow);
  });

  app.on('before-quit', () => {
    quitting = true;
  });

  app.on('window-all-closed', () => {
    // With a tray the app lives on (windows only close for real when quitting).
    if (!desktop?.tray && process.platform !== 'darwin') quit();
  });

  // Stop the node and close the store before the process exits: hold the quit until then.
  app.on('will-quit', (event) => {
    if (closedCleanly || !host) return;
    event.preventDefault();
    desktop?.close();
    const closing = host;
    host = null;
    void closing.close().finally(() => {
      closedCleanly = true;
      app.quit();
    });
  });
}
