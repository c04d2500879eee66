// Starts the UI's state: binds the typed client to a transport and lets every store follow its
// events and connection. app/main.tsx calls it once with the real transport; component tests call
// it with a fake one and stop it afterwards. Nothing subscribes at import time.
import { bindApi, type Transport } from '../api/index.ts';
import { connectChainStore } from './chain-store.ts';
import { connectConnectionStore } from './connection-store.ts';
import { connectGovernanceStore } from './governance-store.ts';
import { connectGpuStore } from './gpu-store.ts';
import { connectIndexProgressStore } from './index-progress-store.ts';
import { connectLogStore } from './log-store.ts';
import { connectNodeStore } from './node-store.ts';
import { connectOrchestratorStore } from './orchestrator-store.ts';
import { connectReachabilityStore } from './reachability-store.ts';
import { connectRpcStore } from './rpc-store.ts';
import { connectSettingsStore } from './settings-store.ts';
import { connectTranscodersStore } from './transcoders-store.ts';
import { connectWalletStore } from './wallet-store.ts';

export function connect(transport: Transport): () => void {
  bindApi(transport);
  const stops = [
    connectConnectionStore(transport),
    connectNodeStore(transport),
    connectSettingsStore(transport),
    connectWalletStore(transport),
    connectChainStore(transport),
    connectIndexProgressStore(transport),
    connectOrchestratorStore(transport),
    connectGpuStore(transport),
    connectLogStore(transport),
    connectTranscodersStore(transport),
    connectReachabilityStore(transport),
    connectGovernanceStore(transport),
    connectRpcStore(transport),
  ];
  return () => stops.forEach((stop) => stop());
}
