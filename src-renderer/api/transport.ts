import type { CallResponse, EventMessage } from '../../src-shared/contract/index.ts';

/** What the typed client needs from a transport: the Electron bridge and the WebSocket both fit. */
export interface Transport {
  readonly kind: 'ipc' | 'ws';
  call(service: string, method: string, input: unknown): Promise<CallResponse>;
  subscribe(listener: (message: EventMessage) => void): () => void;
  /** Connection state changes (the bridge is always connected). */
  onConnection(listener: (connected: boolean) => void): () => void;
  /** The host refused this page's access token (or it has none): retrying cannot help. WebSocket only. */
  onRefused?(listener: () => void): () => void;
}
