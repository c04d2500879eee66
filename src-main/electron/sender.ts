// Which IPC senders are ours: the main frame of a window we created, showing our app:// origin.
// (VS Code's validatedIpcMain and Fiddle's window allowlist, combined.)
import type { BrowserWindow, WebFrameMain } from 'electron';
import { APP_ORIGIN } from './app-protocol.ts';

export function isTrustedSender(frame: WebFrameMain | null, windows: ReadonlySet<BrowserWindow>): boolean {
  if (!frame || frame.parent !== null) return false;
  let origin: string;
  try {
    origin = new URL(frame.url).origin;
  } catch {
    return false;
  }
  if (origin !== APP_ORIGIN) return false;
  for (const win of windows) {
    if (!win.isDestroyed() && win.webContents.mainFrame === frame) return true;
  }
  return false;
}
