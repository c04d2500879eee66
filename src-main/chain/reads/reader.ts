// The read side every other chain module builds on: one provider (its requests go through the
// RPC transport: budget, backoff, failover, counts), RPC calls with a timeout and typed errors, the
// protocol contracts resolved once through the Controller, and view calls, which are batched
// through Multicall3 (`multicall.ts`): the reads started together leave as one request.
import { getAddress, id, Interface, isAddress, type JsonRpcProvider, ZeroAddress } from 'ethers';
import { AppError, ErrorCode } from '../../../src-shared/contract/index.ts';
import type { Logger } from '../../log/logger.ts';
import { GOVERNANCE_CONTRACTS, MULTICALL3_ADDRESS, PROTOCOL_ABIS, type ProtocolContract } from '../abi.ts';
import { rpc } from '../rpc-errors.ts';
import type { BudgetOptions } from '../rpc/budget.ts';
import { createRpcProvider } from '../rpc/provider.ts';
import type { RpcTransport, RpcTransportOptions } from '../rpc/transport.ts';
import type { ProtocolAddresses } from '../types.ts';
import { createMulticallBatcher, MULTICALL3, type MulticallBatcher } from './multicall.ts';

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
  /** A protocol contract's view function, batched with the other reads of this turn. */
  view<T>(name: ProtocolContract, fn: string, ...args: unknown[]): Promise<T>;
  /** One of Multicall3's own getters (getBlockNumber, getBasefee, getEthBalance), batched likewise. */
  multicall<T>(fn: 'getBlockNumber' | 'getBasefee' | 'getEthBalance' | 'getChainId', ...args: unknown[]): Promise<T>;
  /** Any contract's view function, batched likewise. */
  viewAt<T>(address: string, iface: Interface, fn: string, ...args: unknown[]): Promise<T>;
  readonly batcher: MulticallBatcher;
}

const CONTROLLER = new Interface(PROTOCOL_ABIS.Controller);

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
  const controllerAddress = getAddress(options.controller);
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
      // One batch: every name in a single Multicall3 request.
      const found = await Promise.all(
        names.map((n) => viewAt<string>(controllerAddress, CONTROLLER, 'getContract', id(n))),
      );
      const out = { Controller: controllerAddress } as ProtocolAddresses;
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

  const batcher = createMulticallBatcher((to, data, what) =>
    call(what, () => provider.send('eth_call', [{ to, data }, 'latest']) as Promise<string>),
  );
  const interfaces = new Map<ProtocolContract, Interface>();

  /** As ethers' Contract returns it: the single value, or the Result of several outputs. */
  async function viewAt<T>(address: string, iface: Interface, fn: string, ...args: unknown[]): Promise<T> {
    const f = iface.getFunction(fn, args);
    if (!f) throw new AppError(ErrorCode.Internal, `No function ${fn} in the bindings`);
    const what = `Reading ${f.name}`;
    const raw = await batcher.call(address, iface.encodeFunctionData(f, args), what).catch((err: unknown) => {
      // A custom error of this contract: name it as ethers' Contract would.
      const data = err instanceof AppError ? err.details?.['data'] : undefined;
      const custom = typeof data === 'string' && data.length >= 10 ? iface.parseError(data) : null;
      if (!custom) throw err;
      const reason = `${custom.name}(${custom.args.join(', ')})`;
      throw new AppError(ErrorCode.Reverted, `${what} would fail: ${reason}`, { reason });
    });
    const out = iface.decodeFunctionResult(f, raw);
    return (out.length === 1 ? out[0] : out) as T;
  }

  async function view<T>(name: ProtocolContract, fn: string, ...args: unknown[]): Promise<T> {
    let iface = interfaces.get(name);
    if (!iface) interfaces.set(name, (iface = new Interface(PROTOCOL_ABIS[name])));
    return viewAt<T>((await addresses())[name], iface, fn, ...args);
  }

  const multicall = <T>(fn: string, ...args: unknown[]): Promise<T> =>
    viewAt<T>(MULTICALL3_ADDRESS, MULTICALL3, fn, ...args);

  return { provider, transport: provider.transport, call, chainId, addresses, view, multicall, viewAt, batcher };
}
