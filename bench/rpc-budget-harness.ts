// The RPC budget's harness (bench/rpc-budget.ts and its system test): the app's headless host
// (`serve`, as the README starts it) on a mainnet-scale devnet, with the app's chain traffic going
// through the counting proxy; an active orchestrator with demo traffic set up through the app's API;
// per-minute counts by method over a window, optionally with a page open in Debian's Chromium.
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { JsonRpcProvider, parseEther, Wallet } from 'ethers';
import { callApi } from '../e2e/api.ts';
import { startHost, type Host } from '../e2e/host.ts';
import playwrightConfig from '../playwright.config.ts';
import { stopOrphanedAnvil } from '../src-main/chain/devnet/anvil.ts';
import { devnetAccounts } from '../src-main/chain/devnet/devnet.ts';
import { startRpcProxy, type RpcProxy } from '../src-main/chain/testing/rpc-proxy.ts';
import { activateDevnetOrchestrator } from '../src-main/orchestrator/runtime/devnet-orchestrator.ts';

const PASSWORD = 'rpc-budget-bench';
const ORCHESTRATOR_KEY = devnetAccounts()[1]?.privateKey ?? '';

export interface Counts {
  /** Requests per minute by method, and their total. */
  perMinute: Record<string, number>;
  total: number;
  seconds: number;
  /** eth_call requests in the window by 4-byte selector (0x82ad56cb: Multicall3 aggregate3; 0x60806040: a deployless read's creation code). */
  calls: Record<string, number>;
}

export interface BudgetRig {
  readonly proxy: RpcProxy;
  readonly host: Host;
  readonly orchestrator: string;
  /** anvil itself (not counted) and the protocol's addresses: for the harness's own reads. */
  readonly anvilUrl: string;
  readonly contracts: Record<string, string>;
  call<T>(service: string, method: string, input?: unknown): Promise<T>;
  /** Stops the host (keeping the data folder) and starts it again unattended (--password-file). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A host that needed longer than its stop timeout to save a several-MB state is killed and leaves
 * its anvil running: stop that one (its pid is in the data folder) and wait for the port to be free.
 */
async function stopLeftoverAnvil(dataDir: string, port: number): Promise<void> {
  const pidFile = join(dataDir, 'devnet', 'anvil.pid');
  if (existsSync(pidFile)) stopOrphanedAnvil(Number(readFileSync(pidFile, 'utf8').trim()));
  for (let i = 0; i < 100; i++) {
    const free = await new Promise<boolean>((resolve) => {
      const s = createServer();
      s.once('error', () => resolve(false));
      s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
    });
    if (free) return;
    await sleep(200);
  }
  throw new Error(`port ${port} is still busy after the host stopped`);
}

/**
 * A fresh data folder, a mainnet-scale devnet and an active orchestrator (the devnet's account 1)
 * with the reward service and demo traffic on, as an operator would leave a rig.
 */
export async function startBudgetRig(log: (line: string) => void = () => undefined): Promise<BudgetRig> {
  const dataDir = mkdtempSync(join(tmpdir(), 'lpm-rpc-budget-'));
  const passwordFile = join(dataDir, 'password');
  writeFileSync(passwordFile, `${PASSWORD}\n`);
  chmodSync(passwordFile, 0o600);
  const anvilPort = await freePort();
  const servicePort = await freePort();
  const anvilUrl = `http://127.0.0.1:${anvilPort}`;
  const proxy = await startRpcProxy({ upstream: anvilUrl });
  const args = ['--devnet-scale', 'mainnet', '--devnet-port', String(anvilPort), '--devnet-rpc-url', proxy.url];
  let host = await startHost({ dataDir, extraArgs: args });
  const call = <T>(service: string, method: string, input: unknown = {}): Promise<T> =>
    callApi<T>(host.origin, service, method, input);

  const started = Date.now();
  await call('settings', 'update', { network: { kind: 'devnet' }, role: 'orchestrator' });
  await call('orchestrator', 'updateConfig', { bindHost: '127.0.0.1', servicePort, serviceUri: '' });
  const info = await call<{ contracts: Record<string, string> }>('devnet', 'start');
  log(`mainnet-scale devnet ready after ${Date.now() - started} ms (seeding included)`);
  const orchestrator = new Wallet(ORCHESTRATOR_KEY).address;
  await call('wallet', 'importPrivateKey', { privateKey: ORCHESTRATOR_KEY, password: PASSWORD, label: 'Bench' });
  await call('wallet', 'select', { address: orchestrator });
  await call('wallet', 'unlock', { password: PASSWORD });
  // The harness's own set-up goes straight to anvil: it is not the app's traffic
  const provider = new JsonRpcProvider(anvilUrl, undefined, { staticNetwork: true, cacheTimeout: -1 });
  await activateDevnetOrchestrator(
    {
      provider,
      contracts: info.contracts as never,
      fund: async (address, amounts) =>
        void (await call('devnet', 'fund', {
          address,
          eth: (amounts.eth ?? 0n).toString(),
          lpt: (amounts.lpt ?? 0n).toString(),
        })),
      advanceRound: async () => BigInt((await call<{ round: string }>('devnet', 'advanceRound')).round),
    },
    ORCHESTRATOR_KEY,
    `https://127.0.0.1:${servicePort}`,
    parseEther('20000'),
  );
  provider.destroy();
  await call('settings', 'update', { transcodingEnabled: true, pausedUntil: null });
  await call('chain', 'setRewardService', { orchestrator, enabled: true });
  for (let i = 0; i < 120; i++) {
    if ((await call<{ state: string }>('node', 'status')).state === 'running') break;
    await sleep(500);
  }
  await call('orchestrator', 'setDemo', { enabled: true });
  log(`active orchestrator ${orchestrator} with demo traffic after ${Date.now() - started} ms`);

  return {
    proxy,
    get host() {
      return host;
    },
    orchestrator,
    anvilUrl,
    contracts: info.contracts,
    call,
    async restart() {
      await host.close();
      await stopLeftoverAnvil(dataDir, anvilPort);
      host = await startHost({ dataDir, extraArgs: [...args, '--password-file', passwordFile] });
    },
    async close() {
      await host.close();
      await stopLeftoverAnvil(dataDir, anvilPort).catch(() => undefined);
      await proxy.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The proxy's counts over `seconds` from now, per minute; `during` runs meanwhile (awaited). */
export async function measure(proxy: RpcProxy, seconds: number, during?: () => Promise<void>): Promise<Counts> {
  proxy.reset();
  const start = Date.now();
  // Settled into a value at once, so a failure mid-window is reported after it, not as a crash
  const work = during?.().then(
    () => null,
    (err: unknown) => err,
  );
  await sleep(seconds * 1000);
  const failed = await work;
  if (failed) throw failed instanceof Error ? failed : new Error(String(failed));
  const elapsed = (Date.now() - start) / 1000;
  const perMinute: Record<string, number> = {};
  for (const [method, n] of Object.entries(proxy.counts())) perMinute[method] = Math.round((n * 60) / elapsed);
  return {
    perMinute,
    total: Math.round((proxy.total() * 60) / elapsed),
    seconds: Math.round(elapsed),
    calls: proxy.selectors(),
  };
}

/**
 * The first `seconds` after a restart: counted from the moment the host is stopped until `seconds`
 * after the restarted host answers, so everything the app sends while it starts (devnet restore,
 * wallet, node, reward service, indexer) is in it however long the start takes. The figures are
 * the requests of that whole window (not scaled to a minute): what the stated cap bounds.
 */
export async function measureStartup(rig: BudgetRig, seconds: number): Promise<Counts> {
  rig.proxy.reset();
  const start = Date.now();
  await rig.restart();
  await sleep(seconds * 1000);
  return {
    perMinute: rig.proxy.counts(),
    total: rig.proxy.total(),
    seconds: Math.round((Date.now() - start) / 1000),
    calls: rig.proxy.selectors(),
  };
}

/** Debian's Chromium with the e2e suite's flags (never downloaded). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ headless: true, ...playwrightConfig.use?.launchOptions });
}

/** Opens a page of the UI (with the host's token) and keeps it open while `seconds` are counted. */
export async function measureWithPage(
  rig: BudgetRig,
  browser: Browser,
  route: string,
  seconds: number,
): Promise<Counts> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  try {
    return await measure(rig.proxy, seconds, async () => {
      await page.goto(`${rig.host.uiUrl}#/${route}`);
    });
  } finally {
    await page.close();
  }
}

/** Approve, bond and transcoder through the app's API (prepare + confirm), as the Staking page does. */
export async function stakingFlow(rig: BudgetRig): Promise<void> {
  const amount = parseEther('500');
  // After an unattended start only the node's key is open; user actions ask for the password
  await rig.call('wallet', 'unlock', { password: PASSWORD });
  await rig.call('devnet', 'fund', { address: rig.orchestrator, lpt: amount.toString() });
  const actions: Record<string, string>[] = [
    { kind: 'approve', amount: amount.toString() },
    { kind: 'bond', amount: amount.toString(), to: rig.orchestrator },
    { kind: 'transcoder', rewardCut: '100000', feeShare: '500000' },
  ];
  const send = async (action: Record<string, string>): Promise<void> => {
    const preview = await rig.call<{ id: string }>('chain', 'prepare', { from: rig.orchestrator, action });
    await rig.call('chain', 'confirm', { previewId: preview.id });
  };
  for (const action of actions) {
    for (let attempt = 1; ; attempt++) {
      try {
        await send(action);
        break;
      } catch (err) {
        if (attempt >= 3) throw err;
        // An active orchestrator changes its cuts only after this round's reward (the contract's rule)
        if (String(err).includes('Call reward')) await send({ kind: 'reward' });
        // Blocks the node mined moved the devnet into a new round nobody has initialized yet
        // (or the node's redemption queue initialized it first: that is all the flow needs)
        else if (String(err).includes('ROUND_LOCKED'))
          await send({ kind: 'initializeRound' }).catch((e: unknown) => {
            if (!String(e).includes('already initialized')) throw e;
          });
        // A busy machine can time out one read of the preview's pool walk: that step is tried again
        else if (!String(err).includes('UNAVAILABLE')) throw err;
      }
    }
  }
}
