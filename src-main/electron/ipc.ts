// The IPC transport: one invoke channel into the router and one event channel out of it.
import { ipcMain, type BrowserWindow } from 'electron';
import {
  ErrorCode,
  IPC_EVENT_CHANNEL,
  IPC_INVOKE_CHANNEL,
  type CallResponse,
} from '../../src-shared/contract/index.ts';
import type { Host } from '../app/host.ts';
import { isTrustedSender } from './sender.ts';

export function registerIpc(host: Host, windows: ReadonlySet<BrowserWindow>): () => void {
  const log = host.log.child('ipc');
  ipcMain.handle(IPC_INVOKE_CHANNEL, async (event, request: unknown): Promise<CallResponse> => {
    const trusted = isTrustedSender(event.senderFrame, windows);
    if (!trusted) log.warn(`Refused an IPC call from ${event.senderFrame?.url ?? 'an unknown frame'}`);
    // The router refuses unauthenticated callers with a typed error; we do not throw here so the
    // renderer always gets the same envelope.
    const response = await host.router.call({ transport: 'ipc', authenticated: trusted }, request);
    if (!response.ok && response.error.code === ErrorCode.Internal) log.debug('An IPC call failed internally');
    return response;
  });
  const unsubscribe = host.events.subscribe((message) => {
    for (const win of windows) if (!win.isDestroyed()) win.webContents.send(IPC_EVENT_CHANNEL, message);
  });
  return () => {
    ipcMain.removeHandler(IPC_INVOKE_CHANNEL);
    unsubscribe();
  };
}
