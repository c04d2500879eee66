// An ethers JsonRpcProvider whose every request goes through an RpcTransport (budget, backoff,
// failover, counts): ethers keeps its batching, polling and decoding; only the wire is ours.
import {
  JsonRpcProvider,
  Network,
  type JsonRpcApiProviderOptions,
  type JsonRpcPayload,
  type JsonRpcResult,
} from 'ethers';
import { createRpcTransport, type RpcTransport, type RpcTransportOptions } from './transport.ts';
import { UNLIMITED_BUDGET } from './budget.ts';

/** The devnet is our own anvil (devnet.ts's DEVNET_CHAIN_ID): no budget to keep. */
const DEVNET_CHAIN_ID = 31337;

/** A node on this machine (the devnet's anvil, the user's own node) has no plan to keep to. */
function isLocal(url: string): boolean {
  try {
    return ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(url).hostname);
  } catch {
    return false;
  }
}

export class BudgetedJsonRpcProvider extends JsonRpcProvider {
  readonly transport: RpcTransport;

  constructor(transport: RpcTransport, url: string, network?: Network, options?: JsonRpcApiProviderOptions) {
    super(url, network, options);
    this.transport = transport;
  }

  // ethers declares results only, but reads each answer's `error` too (as its own _send returns them).
  override async _send(payload: JsonRpcPayload | JsonRpcPayload[]): Promise<JsonRpcResult[]> {
    return (await this.transport.send(payload)) as JsonRpcResult[];
  }

  override destroy(): void {
    this.transport.close();
    super.destroy();
  }
}

export interface RpcProviderOptions extends Omit<RpcTransportOptions, 'primaryUrl'> {
  url: string;
  /** Known chain id: skips detection; 31337 (the devnet) or a local URL means no budget unless one is given. */
  chainId?: number;
  pollingInterval?: number;
}

/** A provider for the app's chain traffic: static network, no response cache, through a transport. */
export function createRpcProvider(options: RpcProviderOptions): BudgetedJsonRpcProvider {
  const { url, chainId, pollingInterval, ...transportOptions } = options;
  const budget =
    transportOptions.budget ?? (chainId === DEVNET_CHAIN_ID || isLocal(url) ? UNLIMITED_BUDGET : undefined);
  const transport = createRpcTransport({ ...transportOptions, primaryUrl: url, ...(budget ? { budget } : {}) });
  const network = chainId === undefined ? undefined : Network.from(chainId);
  return new BudgetedJsonRpcProvider(transport, url, network, {
    cacheTimeout: -1,
    staticNetwork: network ?? true,
    ...(pollingInterval === undefined ? {} : { pollingInterval }),
  });
}
