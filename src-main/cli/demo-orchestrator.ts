// The demo's orchestrator on a host (the `demo` command, and tests that need a paid node): the
// devnet, the orchestrator account imported, unlocked, bonded, registered and active, the switch
// on. Everything goes through the contract's typed client, as the UI would do it; only the node
// object itself (not a contract value) is taken from the host.
import { type JsonRpcProvider, Wallet } from 'ethers';
import { createRpcProvider } from '../chain/rpc/provider.ts';
import type { Host } from '../app/host.ts';
import { DEVNET_CHAIN_ID, devnetAccounts } from '../chain/devnet/devnet.ts';
import type { OrchestratorNode } from '../orchestrator/orchestrator-node.ts';
import { activateDevnetOrchestrator } from '../orchestrator/runtime/devnet-orchestrator.ts';
import { internalApi } from '../app/internal-client.ts';

/** The demo's keystore password: the account is a public devnet key, so nothing is protected by it. */
const DEMO_PASSWORD = 'livepeer-devnet-demo';
const ORCHESTRATOR_ACCOUNT = 1;

export interface DemoOrchestrator {
  readonly info: { rpcUrl: string; controller: string; contracts: Record<string, string> };
  readonly address: string;
  readonly node: OrchestratorNode;
  /** A provider without response cache on the devnet (the caller destroys it). */
  readonly provider: JsonRpcProvider;
}

/** Resolves when the node is running. */
export async function startDemoOrchestrator(
  host: Host,
  servicePort: number,
  net: { bindHost?: string | undefined; serviceUri?: string | undefined } = {},
): Promise<DemoOrchestrator> {
  const api = internalApi(host);
  await api.settings.update({ network: { kind: 'devnet' }, role: 'orchestrator' });
  await api.orchestrator.updateConfig({ bindHost: net.bindHost ?? '127.0.0.1', serviceUri: net.serviceUri ?? '' });
  const devnet = await api.devnet.start();
  if (devnet.rpcUrl === null || devnet.controller === null) throw new Error('The devnet did not start');
  const info = { rpcUrl: devnet.rpcUrl, controller: devnet.controller, contracts: devnet.contracts };
  const key = devnetAccounts()[ORCHESTRATOR_ACCOUNT]?.privateKey;
  if (!key) throw new Error('no devnet account for the orchestrator');
  const address = new Wallet(key).address;
  if (!(await api.wallet.status()).accounts.some((a) => a.address === address))
    await api.wallet.importPrivateKey({ privateKey: key, password: DEMO_PASSWORD, label: 'Devnet orchestrator' });
  await api.wallet.select({ address });
  await api.wallet.unlock({ password: DEMO_PASSWORD });
  // No response cache: consecutive transactions must see each other's nonces.
  const provider = createRpcProvider({ url: info.rpcUrl, chainId: DEVNET_CHAIN_ID });
  await activateDevnetOrchestrator(
    {
      provider,
      contracts: info.contracts as never,
      fund: async (a, amounts) =>
        void (await api.devnet.fund({
          address: a,
          eth: (amounts.eth ?? 0n).toString(),
          lpt: (amounts.lpt ?? 0n).toString(),
        })),
      advanceRound: async () => BigInt((await api.devnet.advanceRound()).round),
    },
    key,
    net.serviceUri ?? `https://127.0.0.1:${servicePort || 8935}`,
  );
  // The switch on (which also ends a pause), as the tray and the UI do it.
  await api.settings.update({ transcodingEnabled: true, pausedUntil: null });
  for (let i = 0; i < 300 && (await api.node.status()).state !== 'running'; i++) {
    await host.orchestrator.update();
    await new Promise((r) => setTimeout(r, 100));
  }
  const node = host.orchestrator.node();
  if (!node) throw new Error(`The orchestrator did not start: ${(await api.node.status()).message}`);
  return { info, address, node, provider };
}
