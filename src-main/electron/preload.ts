// The preload: one frozen object, built from the contract's names, and nothing else reaches the
// page. It refuses names the contract does not have before anything crosses to main.
import { contextBridge, ipcRenderer } from 'electron';
import {
  contract,
  ErrorCode,
  events,
  IPC_EVENT_CHANNEL,
  IPC_INVOKE_CHANNEL,
  type CallResponse,
  type DesktopBridge,
  type EventMessage,
} from '../../src-shared/contract/index.ts';

const methodNames = new Set(
  Object.entries(contract).flatMap(([service, methods]) => Object.keys(methods).map((m) => `${service}.${m}`)),
);
const eventNames = new Set(Object.keys(events));

const bridge: DesktopBridge = Object.freeze({
  invoke(service: string, method: string, input: unknown): Promise<CallResponse> {
    if (!methodNames.has(`${service}.${method}`)) {
      return Promise.resolve({
        ok: false,
        error: { code: ErrorCode.UnknownMethod, message: `Unknown method ${service}.${method}` },
      });
    }
    return ipcRenderer.invoke(IPC_INVOKE_CHANNEL, { service, method, input }) as Promise<CallResponse>;
  },
  subscribe(listener: (message: EventMessage) => void): () => void {
    const handler = (_event: unknown, message: EventMessage): void => {
      if (eventNames.has(message.event)) listener({ event: message.event, payload: message.payload });
    };
    ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
    return () => ipcRenderer.removeListener(IPC_EVENT_CHANNEL, handler);
  },
});

contextBridge.exposeInMainWorld('livepeerMiner', bridge);
