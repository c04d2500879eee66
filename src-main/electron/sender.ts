// Which IPC senders are ours: the main frame of a window we created, showing our app:// origin.
// (VS Code's validatedIpcMain and Fiddle's window allowlist, combined.)
import type { BrowserWindow, WebFrameMain } from 'electron';
import { isAppUrl } from './app-protocol.ts';

export function isTrustedSender(frame: WebFrameMain | null, windows: ReadonlySet<BrowserWindow>): boolean {
  if (!frame || frame.parent !== null || !isAppUrl(frame.url)) return false;
  for (const win of windows) {
    if (!win.isDestroyed() && win.webContents.mainFrame === frame) return true;
  }
  return false;
}
