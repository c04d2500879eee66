import { create } from 'zustand';
import type { NodeStatus } from '../../src-shared/contract/index.ts';
import { api, onEvent, type Transport } from '../api/index.ts';

interface NodeState {
  status: NodeStatus | null;
}

export const useNodeStore = create<NodeState>(() => ({ status: null }));

export function connectNodeStore(transport: Transport): () => void {
  const offs = [
    onEvent(transport, 'node.status', (status) => useNodeStore.setState({ status })),
    transport.onConnection((connected) => {
      if (connected)
        void api.node.status().then(
          (status) => useNodeStore.setState({ status }),
          () => undefined,
        );
    }),
  ];
  return () => offs.forEach((off) => off());
}
