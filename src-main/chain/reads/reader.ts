// The read side every other chain module builds on: one provider (its requests go through the
// RPC transport: budget, backoff, failover, counts), RPC calls with a timeout and typed errors,
// the protocol contracts resolved once through the Controller, and view calls.
import { Contract, getAddress, id, isAddress, type JsonRpcProvider, ZeroAddress } from 'ethers';
import { AppError, ErrorCode } from '../../../src-shared/contract/index.ts';
import type { Logger } from '../../log/logger.ts';
import { GOVERNANCE_CONTRACTS, PROTOCOL_ABIS, type ProtocolContract } from '../abi.ts';
import { rpc } from '../rpc-errors.ts';
import type { BudgetOptions } from '../rpc/budget.ts';
import { createRpcProvider } from '../rpc/provider.ts';
import type { RpcTransport, RpcTransportOptions } from '../rpc/transport.ts';
import type { ProtocolAddresses } from '../types.ts';

export interface ReaderOptions {
  rpcUrl: string;
  controller: string;
  /** Known chain id (skips detection; devnet 31337, Arbitrum One 42161). */
  chainId?: number;
  rpcTimeoutMs?: number;
  /** A backup RPC URL used while the primary is rate-limited or down. */
  fallbackRpcUrl?: string | null;
  /** Requests per endpoint (default: a free plan's, unlimited on the devnet). */
  rpcBudget?: BudgetOptions;
  /** Finer transport settings (retry limit, backoff, timeouts), for tests and tuning. */
  transport?: Omit<RpcTransportOptions, 'primaryUrl' | 'fallbackUrl' | 'budget' | 'log'>;
  log?: Logger;
}

export interface ChainReader {
  readonly provider: JsonRpcProvider;
  /** The wire under the provider: its state (ok, rate-limited, fallback, down) and its changes. */
  readonly transport: RpcTransport;
  /** Runs one RPC request with the timeout; failures become UNAVAILABLE/TIMEOUT/REVERTED. */
  call<T>(what: string, work: () => Promise<T>): Promise<T>;
  chainId(): Promise<bigint>;
  addresses(): Promise<ProtocolAddresses>;
  view<T>(name: ProtocolContract, fn: string, ...args: unknown[]): Promise<T>;
}

export function checkAddress(value: string, what: string): string {
  if (!isAddress(value)) throw new AppError(ErrorCode.BadInput, `${what} is not an Ethereum address: ${value}`);
  return getAddress(value);
}

export function createReader(options: ReaderOptions): ChainReader {
  const timeoutMs = options.rpcTimeoutMs ?? 10_000;
  const provider = createRpcProvider({
    ...options.transport,
    url: options.rpcUrl,
    fallbackUrl: options.fallbackRpcUrl ?? null,
    pollingInterval: 250,
    ...(options.chainId === undefined ? {} : { chainId: options.chainId }),
    ...(options.rpcBudget ? { budget: options.rpcBudget } : {}),
    ...(options.log ? { log: options.log } : {}),
  });
  const controller = new Contract(getAddress(options.controller), PROTOCOL_ABIS.Controller, provider);
  let resolved: Promise<ProtocolAddresses> | null = null;
  let chainIdCache: bigint | null = null;

  const call = <T>(what: string, work: () => Promise<T>): Promise<T> => rpc(what, work, timeoutMs);

  async function chainId(): Promise<bigint> {
    chainIdCache ??= await call('Reading the chain id', async () => (await provider.getNetwork()).chainId);
    return chainIdCache;
  }

  function addresses(): Promise<ProtocolAddresses> {
    resolved ??= (async () => {
      const names = Object.keys(PROTOCOL_ABIS).filter((n) => n !== 'Controller') as Exclude<
        ProtocolContract,
        'Controller'
      >[];
      const found = await call('Resolving the protocol contracts through the Controller', () =>
        Promise.all(names.map((n) => controller.getFunction('getContract')(id(n)) as Promise<string>)),
      );
      const out = { Controller: getAddress(options.controller) } as ProtocolAddresses;
      names.forEach((n, i) => {
        const address = found[i];
        if ((!address || address === ZeroAddress) && (GOVERNANCE_CONTRACTS as readonly string[]).includes(n)) {
          out[n] = ZeroAddress; // governance is optional: callers check for it
          return;
        }
        if (!address || address === ZeroAddress) {
          throw new AppError(
            ErrorCode.NotFound,
            `The Controller at ${options.controller} has no ${n}: is this a Livepeer Controller?`,
          );
        }
        out[n] = getAddress(address);
      });
      return out;
    })();
    resolved.catch(() => {
      resolved = null; // retry on the next call (the RPC may come back)
    });
    return resolved;
  }

  async function view<T>(name: ProtocolContract, fn: string, ...args: unknown[]): Promise<T> {
    const c = new Contract((await addresses())[name], PROTOCOL_ABIS[name], provider);
    return call(`Reading ${name}.${fn}`, () => c.getFunction(fn).staticCall(...args) as Promise<T>);
  }

  return { provider, transport: provider.transport, call, chainId, addresses, view };
}
