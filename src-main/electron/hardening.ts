// App-wide locks that apply to every web contents and session, not only the main window.
import { app, session, shell, type Session, type WebContents } from 'electron';
import { isAllowedExternalUrl } from '../desktop/external-links.ts';
import { isAppUrl } from './app-protocol.ts';

/** Hands an allowlisted https link to the user's browser; everything else goes nowhere. */
export function openExternalIfAllowed(url: string): boolean {
  if (!isAllowedExternalUrl(url)) return false;
  void shell.openExternal(url);
  return true;
}

export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    openExternalIfAllowed(url);
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  // No window ever opens inside the app; allowlisted links (target=_blank) go to the browser.
  contents.setWindowOpenHandler(({ url }) => {
    openExternalIfAllowed(url);
    return { action: 'deny' };
  });
}

export function denyAllPermissions(target: Session): void {
  target.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  target.setPermissionCheckHandler(() => false);
  target.setDevicePermissionHandler(() => false);
}

export function installHardening(): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  // Every session, including ones created later (partitions) and the default one.
  app.on('session-created', denyAllPermissions);
  denyAllPermissions(session.defaultSession);
}
