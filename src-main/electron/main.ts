// Electron entry point: the desktop shell around the same host the headless server uses.
// Glue only: lifecycle, the window, the app:// protocol and the IPC transport.
import { join } from 'node:path';
import { app, type BrowserWindow } from 'electron';
import { createHost, type Host } from '../host/host.ts';
import { createLogSink } from '../log/logger.ts';
import { registerAppScheme, serveAppScheme } from './app-protocol.ts';
import { installHardening } from './hardening.ts';
import { registerIpc } from './ipc.ts';
import { createMainWindow, preloadPathFrom } from './window.ts';

// Built to dist/main/electron-main.cjs; the renderer is in dist/renderer.
const MAIN_DIR = __dirname;
const RENDERER_DIR = join(MAIN_DIR, '..', 'renderer');

const windows = new Set<BrowserWindow>();
let host: Host | null = null;

function openWindow(): void {
  const win = createMainWindow(preloadPathFrom(MAIN_DIR));
  windows.add(win);
  win.on('closed', () => windows.delete(win));
}

// A separate data folder (tests, a second profile); must be set before the single-instance lock.
const dataDirOverride = process.env.LIVEPEER_MINER_DATA_DIR;
if (dataDirOverride) app.setPath('userData', dataDirOverride);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerAppScheme();
  app.on('second-instance', () => {
    const [win] = windows;
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });

  void app.whenReady().then(() => {
    installHardening();
    serveAppScheme(RENDERER_DIR);
    host = createHost({
      dataDir: app.getPath('userData'),
      mode: 'desktop',
      runtime: { electron: process.versions.electron ?? null, chrome: process.versions.chrome ?? null },
      logSink: createLogSink({ write: (line) => process.stderr.write(line) }),
    });
    registerIpc(host, windows);
    openWindow();
    app.on('activate', () => {
      if (windows.size === 0) openWindow();
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('will-quit', () => {
    void host?.close();
  });
}
