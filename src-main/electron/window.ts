// The main window. Its webPreferences are the security floor of the app (docs: desktop anchors §5).
import { join } from 'node:path';
import { BrowserWindow, type WebPreferences } from 'electron';
import { APP_ORIGIN } from './app-protocol.ts';

export const SECURE_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webviewTag: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  spellcheck: false,
} as const satisfies WebPreferences;

export function createMainWindow(preloadPath: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 640,
    show: false,
    backgroundColor: '#0f1218',
    title: 'Livepeer Miner',
    webPreferences: { ...SECURE_WEB_PREFERENCES, preload: preloadPath },
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(`${APP_ORIGIN}/`);
  return win;
}

export function preloadPathFrom(mainDir: string): string {
  return join(mainDir, 'preload.cjs');
}
