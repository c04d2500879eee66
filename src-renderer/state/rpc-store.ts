// The chain RPC's state as main pushes it (chain.rpc): read once when the connection opens, then
// followed by event. The UI never polls the RPC's health.
import { create } from 'zustand';
import type { ChainRpcState } from '../../src-shared/contract/index.ts';
import { api, onEvent, type Transport } from '../api/index.ts';

export const useRpcStore = create<{ rpc: ChainRpcState | null }>(() => ({ rpc: null }));

export function connectRpcStore(transport: Transport): () => void {
  const offs = [
    onEvent(transport, 'chain.rpc', (rpc) => useRpcStore.setState({ rpc })),
    transport.onConnection((connected) => {
      if (connected)
        void api.chain.rpcState({}).then(
          (rpc) => useRpcStore.setState({ rpc }),
          () => undefined,
        );
    }),
  ];
  return () => offs.forEach((off) => off());
}
