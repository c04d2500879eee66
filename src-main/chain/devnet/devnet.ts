// The embedded devnet: anvil on 127.0.0.1 with our protocol contracts, short rounds and a faucet.
// Its chain state lives in <dataDir>/devnet/ (anvil_dumpState on stop and every few seconds), so
// stakes, rounds and tickets survive app restarts; the contracts are deployed only once.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Contract, HDNodeWallet, type JsonRpcProvider, keccak256, Mnemonic, toUtf8Bytes, Wallet } from 'ethers';
import { MULTICALL3_ADDRESS } from '../abi.ts';
import { createRpcMeter } from '../rpc/meter.ts';
import { createRpcProvider } from '../rpc/provider.ts';
import { CONTRACT_NAMES, loadArtifact, type ContractName } from './artifacts.ts';
import { startAnvil, stopOrphanedAnvil, type AnvilProcess } from './anvil.ts';
import { deployProtocol, DEVNET_PARAMS, type DeployedContracts } from './deploy.ts';
import { seedMainnetScale, type DevnetScale, type SeedReport } from './scale.ts';

/** anvil's well-known development mnemonic; its keys are public and hold nothing of value. */
export const DEVNET_MNEMONIC = 'test test test test test test test test test test test junk';
export const DEVNET_CHAIN_ID = 31337;
const ACCOUNT_COUNT = 10;
const STATE_SAVE_INTERVAL_MS = 10_000;
/** How long stop() waits for the work under way and the last state save before stopping anvil. */
const STOP_GRACE_MS = 5_000;

export interface DevnetProgress {
  step: 'spawn' | 'load-state' | 'deploy' | 'initialize' | 'seed' | 'ready';
  message: string;
  elapsedMs: number;
}

export interface DevnetAccount {
  address: string;
  /** A public development key (anvil's mnemonic): for the devnet only. */
  privateKey: string;
}

export interface StartDevnetOptions {
  dataDir: string;
  onProgress?: (progress: DevnetProgress) => void;
  /**
   * Mine an empty block this often so rounds advance on their own; 0 (default) = only on
   * transactions. A function is asked again at every block (the pace follows the devnet's scale).
   */
  blockIntervalMs?: number | (() => number);
  port?: number;
  /** 'mainnet' seeds ~100 orchestrators and their delegators once (kept in the saved state); default 'small'. */
  scale?: DevnetScale;
  /** Aborting stops anvil at once: the start (a mainnet-scale seeding takes a while) fails. */
  signal?: AbortSignal;
  /** How long stop waits for the work under way and the last save (default 5 s). */
  stopGraceMs?: number;
}

export interface Devnet {
  readonly rpcUrl: string;
  readonly chainId: number;
  readonly controller: string;
  readonly contracts: DeployedContracts;
  /** Dev accounts; [0] is the deployer, owner and faucet. */
  readonly accounts: readonly DevnetAccount[];
  /** True when the state came from the data folder rather than a fresh deployment. */
  readonly restored: boolean;
  readonly scale: DevnetScale;
  /** The seeding this start did (null when the saved state already had it, or at small scale). */
  readonly seeded: SeedReport | null;
  /** Seeds a running small devnet to mainnet scale (null when there is nothing to do). */
  scaleTo(scale: DevnetScale): Promise<SeedReport | null>;
  readonly startMs: number;
  readonly provider: JsonRpcProvider;
  /** Sends ETH and/or LPT from the faucet. */
  fund(address: string, amounts: { eth?: bigint; lpt?: bigint }): Promise<void>;
  advanceBlocks(count: number): Promise<number>;
  /** Mines to the next round and initializes it; returns the new round. */
  advanceRound(): Promise<bigint>;
  /** Sets the ETH/USD feed's answer (USD × 10^8, Chainlink's USD feed decimals) as a new feed round. */
  setEthUsdPrice(answer: bigint): Promise<void>;
  saveState(): Promise<void>;
  stop(): Promise<void>;
}

interface DevnetMeta {
  fingerprint: string;
  chainId: number;
  contracts: DeployedContracts;
  scale?: DevnetScale;
}

/** Changes whenever a contract changes, so an old state is redeployed rather than misread. */
function artifactsFingerprint(): string {
  return keccak256(
    toUtf8Bytes(
      CONTRACT_NAMES.map((n) => loadArtifact(n).bytecode).join('') +
        JSON.stringify(DEVNET_PARAMS, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)),
    ),
  );
}

/**
 * Puts Multicall3's runtime code at its canonical address (as on Arbitrum One), so the app batches
 * reads through one address on both networks. The runtime code is what the creation code returns
 * when run as a call (no transaction, no nonce used); a restored state already has it.
 */
export async function placeMulticall3(provider: JsonRpcProvider): Promise<void> {
  if ((await provider.getCode(MULTICALL3_ADDRESS)) !== '0x') return;
  const runtime = (await provider.send('eth_call', [
    { data: loadArtifact('Multicall3').bytecode },
    'latest',
  ])) as string;
  await provider.send('anvil_setCode', [MULTICALL3_ADDRESS, runtime]);
}

export function devnetAccounts(): DevnetAccount[] {
  const root = HDNodeWallet.fromMnemonic(Mnemonic.fromPhrase(DEVNET_MNEMONIC), "m/44'/60'/0'/0");
  return Array.from({ length: ACCOUNT_COUNT }, (_, i) => {
    const w = root.deriveChild(i);
    return { address: w.address, privateKey: w.privateKey };
  });
}

export async function startDevnet(options: StartDevnetOptions): Promise<Devnet> {
  const started = Date.now();
  const report = (step: DevnetProgress['step'], message: string): void =>
    options.onProgress?.({ step, message, elapsedMs: Date.now() - started });
  const dir = join(options.dataDir, 'devnet');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const metaFile = join(dir, 'devnet.json');
  const stateFile = join(dir, 'state.hex');

  const accounts = devnetAccounts();
  const [faucetAccount] = accounts;
  if (!faucetAccount) throw new Error('No devnet accounts');

  // An anvil still running from a crashed app would hold memory and race our state file
  const pidFile = join(dir, 'anvil.pid');
  if (existsSync(pidFile)) {
    stopOrphanedAnvil(Number(readFileSync(pidFile, 'utf8').trim()));
    rmSync(pidFile, { force: true });
  }

  report('spawn', 'Starting the local chain (anvil)');
  const anvil: AnvilProcess = await startAnvil({
    chainId: DEVNET_CHAIN_ID,
    ...(options.port === undefined ? {} : { port: options.port }),
    // A saved state (a mainnet-scale one is several MB) is loaded over RPC: past the default 2 MB body limit
    args: ['--mnemonic', DEVNET_MNEMONIC, '--accounts', String(ACCOUNT_COUNT), '--no-request-size-limit'],
  });
  writeFileSync(pidFile, String(anvil.pid));
  anvil.onExit(() => rmSync(pidFile, { force: true }));
  const onAbort = (): void => void anvil.stop();
  if (options.signal?.aborted) onAbort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  anvil.onExit(() => options.signal?.removeEventListener('abort', onAbort));
  // The devnet's own set-up traffic (deploy, fund, mine) is not the app's RPC cost: its own meter.
  const provider = createRpcProvider({
    url: anvil.rpcUrl,
    chainId: DEVNET_CHAIN_ID,
    pollingInterval: 100,
    meter: createRpcMeter(),
  });
  const faucet = new Wallet(faucetAccount.privateKey, provider);

  try {
    const fingerprint = artifactsFingerprint();
    let contracts: DeployedContracts | null = null;
    let scale: DevnetScale = 'small';
    if (existsSync(metaFile) && existsSync(stateFile)) {
      try {
        const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as DevnetMeta;
        if (meta.fingerprint === fingerprint) {
          report('load-state', 'Restoring the devnet state from the data folder');
          await provider.send('anvil_loadState', [readFileSync(stateFile, 'utf8').trim()]);
          if ((await provider.getCode(meta.contracts.Controller)) !== '0x') {
            contracts = meta.contracts;
            scale = meta.scale ?? 'small';
          }
        }
      } catch (err) {
        // A damaged save must not brick the devnet: keep it aside and start over
        const aside = `${stateFile}.unreadable-${Date.now()}`;
        renameSync(stateFile, aside);
        report(
          'load-state',
          `The saved devnet state could not be read (${err instanceof Error ? err.message : String(err)}); kept as ${aside}, starting fresh`,
        );
      }
    }
    const restored = contracts !== null;
    if (!contracts) {
      report('deploy', 'Deploying the Livepeer protocol contracts');
      contracts = await deployProtocol(faucet);
    }
    const deployed = contracts;
    await placeMulticall3(provider);
    const writeMeta = (): void =>
      writeFileSync(
        metaFile,
        `${JSON.stringify({ fingerprint, chainId: DEVNET_CHAIN_ID, contracts: deployed, scale } satisfies DevnetMeta, null, 2)}\n`,
      );
    if (!restored) writeMeta();
    const rounds = new Contract(deployed.RoundsManager, loadArtifact('RoundsManager').abi, faucet);
    const token = new Contract(deployed.LivepeerToken, loadArtifact('LivepeerToken').abi, faucet);
    const priceFeed = new Contract(deployed.DevnetPriceFeed, loadArtifact('DevnetPriceFeed').abi, faucet);

    // Serialize faucet transactions: they share one nonce sequence
    let queue: Promise<unknown> = Promise.resolve();
    const serial = <T>(work: () => Promise<T>): Promise<T> => {
      const next = queue.then(work, work);
      queue = next.catch(() => undefined);
      return next;
    };

    const advanceBlocks = async (count: number): Promise<number> => {
      if (count > 0) await provider.send('anvil_mine', [`0x${count.toString(16)}`]);
      return provider.getBlockNumber();
    };
    const advanceRound = (): Promise<bigint> =>
      serial(async () => {
        const start = (await rounds.getFunction('currentRoundStartBlock')()) as bigint;
        const length = (await rounds.getFunction('roundLength')()) as bigint;
        const block = BigInt(await provider.getBlockNumber());
        const toMine = start + length - block;
        if (toMine > 0n) await advanceBlocks(Number(toMine));
        if (!((await rounds.getFunction('currentRoundInitialized')()) as boolean)) {
          const tx = (await rounds.getFunction('initializeRound')()) as { wait(): Promise<unknown> };
          await tx.wait();
        }
        return (await rounds.getFunction('currentRound')()) as bigint;
      });

    if (!restored) {
      report('initialize', 'Initializing the first round');
      await advanceRound();
    }

    // Seeding adds to a small devnet; going back to small takes a fresh data folder
    let seeded: SeedReport | null = null;
    const scaleTo = (wanted: DevnetScale): Promise<SeedReport | null> =>
      serial(async () => {
        if (wanted !== 'mainnet' || scale === 'mainnet') return null;
        report('seed', 'Seeding a mainnet-size network (about 100 orchestrators)');
        seeded = await seedMainnetScale({ provider, contracts: deployed, faucetKey: faucetAccount.privateKey }, (m) =>
          report('seed', m),
        );
        scale = 'mainnet';
        writeMeta();
        return seeded;
      });
    await scaleTo(options.scale ?? 'small');

    let lastSaved = '';
    const saveState = async (): Promise<void> => {
      const state = (await provider.send('anvil_dumpState', [])) as string;
      if (state === lastSaved) return;
      const tmp = `${stateFile}.tmp`;
      writeFileSync(tmp, state, { mode: 0o600 });
      renameSync(tmp, stateFile);
      lastSaved = state;
    };
    await saveState();

    const timers: NodeJS.Timeout[] = [];
    timers.push(setInterval(() => void saveState().catch(() => undefined), STATE_SAVE_INTERVAL_MS));
    for (const t of timers) t.unref();
    const blockEvery = options.blockIntervalMs;
    const nextBlockMs = typeof blockEvery === 'function' ? blockEvery : () => blockEvery ?? 0;
    let miner: NodeJS.Timeout | null = null;
    const mineLater = (): void => {
      const ms = nextBlockMs();
      if (ms <= 0) return;
      miner = setTimeout(() => {
        if (!miner) return; // stopped
        void provider.send('evm_mine', []).catch(() => undefined);
        mineLater();
      }, ms);
      miner.unref();
    };
    mineLater();

    let stopped: Promise<void> | null = null;
    const startMs = Date.now() - started;
    report('ready', `Devnet ready at ${anvil.rpcUrl} in ${startMs} ms`);
    return {
      rpcUrl: anvil.rpcUrl,
      chainId: DEVNET_CHAIN_ID,
      controller: deployed.Controller,
      contracts: deployed,
      accounts,
      restored,
      get scale() {
        return scale;
      },
      get seeded() {
        return seeded;
      },
      scaleTo: async (wanted) => {
        const report = await scaleTo(wanted);
        if (report) await saveState();
        return report;
      },
      startMs,
      provider,
      fund: (address, { eth, lpt }) =>
        serial(async () => {
          if (eth && eth > 0n) await (await faucet.sendTransaction({ to: address, value: eth })).wait();
          if (lpt && lpt > 0n)
            await ((await token.getFunction('transfer')(address, lpt)) as { wait(): Promise<unknown> }).wait();
        }),
      advanceBlocks,
      advanceRound,
      setEthUsdPrice: (answer) =>
        serial(async () => {
          await ((await priceFeed.getFunction('setAnswer')(answer)) as { wait(): Promise<unknown> }).wait();
        }),
      saveState,
      stop() {
        stopped ??= (async () => {
          for (const t of timers) clearInterval(t);
          if (miner) clearTimeout(miner);
          miner = null;
          // The work under way (a mainnet-scale seeding takes a while) and the last save get a few
          // seconds; then anvil is stopped regardless (the app's own stop must not hang on it). A
          // half-done seeding is not saved: the next start has the last whole state.
          const grace = options.stopGraceMs ?? STOP_GRACE_MS;
          if (await within(grace, queue)) await within(grace, saveState());
          provider.destroy();
          await anvil.stop();
        })();
        return stopped;
      },
    };
  } catch (err) {
    provider.destroy();
    await anvil.stop();
    throw err;
  }
}

export type { ContractName };

/** Waits for `work` (its failure included) at most `ms`: true when it settled in time. */
function within(ms: number, work: Promise<unknown>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  return Promise.race([
    work.then(
      () => true,
      () => true,
    ),
    limit,
  ]).finally(() => clearTimeout(timer));
}
