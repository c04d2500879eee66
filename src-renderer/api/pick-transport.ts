// Picks the transport: the Electron preload's bridge when present, the headless WebSocket otherwise.
import type { CallResponse, DesktopBridge, EventMessage } from '../../src-shared/contract/index.ts';
import type { Transport } from './transport.ts';
import { accessChecker, createWsTransport, forgetAccessToken, takeAccessToken } from './ws-transport.ts';

declare global {
  interface Window {
    readonly livepeerMiner?: DesktopBridge;
  }
}

function bridgeTransport(bridge: DesktopBridge): Transport {
  return {
    kind: 'ipc',
    call: (service, method, input): Promise<CallResponse> => bridge.invoke(service, method, input),
    subscribe: (listener: (message: EventMessage) => void) => bridge.subscribe(listener),
    onConnection(listener) {
      listener(true);
      return () => undefined;
    },
  };
}

export function pickTransport(): Transport {
  if (window.livepeerMiner) return bridgeTransport(window.livepeerMiner);
  const storage = window.localStorage;
  const token = takeAccessToken(window.location, window.history, storage) ?? '';
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return createWsTransport(`${scheme}//${window.location.host}/api?token=${encodeURIComponent(token)}`, {
    checkAccess: accessChecker(window.location.origin, token),
    onRefused: () => forgetAccessToken(storage, token),
  });
}
