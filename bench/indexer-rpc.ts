// The event indexer's RPC cost on the devnet, counted by the proxy in front of the chain: a full
// backfill through a provider that caps eth_getLogs at --cap blocks (refusing wider ranges the way
// Ankr does, without naming a width), the resume after a restart, and the steady state (the
// fallback timer, blocks mined every 2 s as in the app) for --steady-seconds. Then what a backfill
// costs on Arbitrum One from the protocol's first block to --arb-head at 10,000 blocks a query.
//   node --disable-warning=ExperimentalWarning bench/indexer-rpc.ts [--rounds 40] [--cap 100]
//        [--steady-seconds 60] [--arb-head 280000000] [--json]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEther } from 'ethers';
import { createChainClient } from '../src-main/chain/client.ts';
import { startDevnet } from '../src-main/chain/devnet/devnet.ts';
import { createChainIndexer } from '../src-main/chain/indexer.ts';
import { ARBITRUM_ONE_PROTOCOL_START_BLOCK } from '../src-main/chain/indexer/network-defaults.ts';
import { CHAIN_MIGRATIONS } from '../src-main/chain/migrations.ts';
import { devnetClient } from '../src-main/chain/test-support.ts';
import { startRpcProxy } from '../src-main/chain/testing/rpc-proxy.ts';
import { openDatabase } from '../src-main/store/database.ts';

const opt = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? (process.argv[i + 1] ?? dflt) : dflt;
};
const rounds = Number(opt('rounds', '40'));
const cap = Number(opt('cap', '100'));
const steadySeconds = Number(opt('steady-seconds', '60'));
const arbHead = Number(opt('arb-head', '280000000'));
const json = process.argv.includes('--json');

const dir = mkdtempSync(join(tmpdir(), 'lp-bench-indexer-'));
const devnet = await startDevnet({ dataDir: join(dir, 'chain') });
const tx = devnetClient(devnet);
const [O, D] = devnet.accounts.slice(1, 3).map((a) => a.address) as [string, string];
const run = async (from: string, action: Parameters<typeof tx.prepare>[1]): Promise<void> => {
  await tx.confirm((await tx.prepare(from, action)).id);
};
await devnet.fund(O, { lpt: parseEther('1000') });
await devnet.fund(D, { lpt: parseEther('500') });
await run(O, { kind: 'approve', amount: parseEther('1000') });
await run(O, { kind: 'bond', amount: parseEther('1000'), to: O });
await run(O, { kind: 'transcoder', rewardCut: 100_000n, feeShare: 500_000n });
await run(D, { kind: 'approve', amount: parseEther('500') });
await run(D, { kind: 'bond', amount: parseEther('500'), to: O });
for (let i = 0; i < rounds; i++) await devnet.advanceRound();

let refusals = 0;
const proxy = await startRpcProxy({
  upstream: devnet.rpcUrl,
  intercept: ({ method, params }) => {
    if (method !== 'eth_getLogs') return undefined;
    const [f] = params as [{ fromBlock: string; toBlock: string }];
    if (Number(f.toBlock) - Number(f.fromBlock) + 1 <= cap) return undefined;
    refusals++;
    return { code: -32600, message: 'block range is too wide' };
  },
});
const client = createChainClient({ rpcUrl: proxy.url, controller: devnet.controller, chainId: devnet.chainId });
const storeDir = join(dir, 'store');
const head = await devnet.provider.getBlockNumber();

// 1. Full backfill from block 0 with an initial range of 10,000 (Arbitrum One's) against the cap
let db = openDatabase(storeDir, CHAIN_MIGRATIONS);
proxy.reset();
let t0 = performance.now();
const first = createChainIndexer({ client, db, orchestrator: O, initialRange: 10_000, maxRange: 1_000_000 });
await first.sync();
const backfill = { blocks: head + 1, ms: Math.round(performance.now() - t0), refusals, counts: proxy.counts() };

// 2. Restart after 20 more blocks: a new indexer over the reopened store
await devnet.advanceBlocks(20);
db.close();
db = openDatabase(storeDir, CHAIN_MIGRATIONS);
proxy.reset();
t0 = performance.now();
const restarted = createChainIndexer({ client, db, orchestrator: O, initialRange: 10_000 });
await restarted.sync();
const resume = { ms: Math.round(performance.now() - t0), counts: proxy.counts() };

// 3. Steady state: the fallback timer (15 s on the devnet), a block every 2 s
const miner = setInterval(() => void devnet.provider.send('evm_mine', []).catch(() => undefined), 2000);
proxy.reset();
restarted.start();
await new Promise((r) => setTimeout(r, steadySeconds * 1000));
await restarted.stop();
clearInterval(miner);
const steady = { seconds: steadySeconds, counts: proxy.counts(), perMinute: (proxy.total() * 60) / steadySeconds };

// 4. Arbitrum One, computed: blocks from the protocol's first block to the head, 10,000 a query
const arbBlocks = arbHead - ARBITRUM_ONE_PROTOCOL_START_BLOCK + 1;
const arbitrum = { blocks: arbBlocks, queriesAt10k: Math.ceil(arbBlocks / 10_000) };

const result = { head, cap, backfill, resume, steady, arbitrum, events: restarted.events(10_000).length };
if (json) console.log(JSON.stringify(result, null, 2));
else {
  const fmt = (c: Record<string, number>) =>
    Object.entries(c)
      .map(([m, n]) => `${m} ${n}`)
      .join(', ');
  console.log(`devnet: ${head + 1} blocks, ${result.events} events of the orchestrator, provider cap ${cap} blocks`);
  console.log(
    `full backfill: ${fmt(backfill.counts)} (${backfill.refusals} refused) in ${backfill.ms} ms; ` +
      `reference: ceil(${head + 1}/${cap}) = ${Math.ceil((head + 1) / cap)} queries at the cap`,
  );
  console.log(`resume after restart (+20 blocks): ${fmt(resume.counts)} in ${resume.ms} ms; reference: 1 query`);
  console.log(
    `steady state ${steadySeconds} s: ${fmt(steady.counts)} = ${steady.perMinute.toFixed(1)} requests/min; ` +
      `reference (before): 48–54 eth_getLogs/min with the dashboard open (issue 16)`,
  );
  console.log(
    `Arbitrum One backfill from block ${ARBITRUM_ONE_PROTOCOL_START_BLOCK} to ${arbHead}: ${arbBlocks} blocks = ` +
      `${arbitrum.queriesAt10k} eth_getLogs at 10,000 blocks (fewer where the provider lets the range grow)`,
  );
}
client.close();
tx.close();
db.close();
await proxy.close();
await devnet.stop();
rmSync(dir, { recursive: true, force: true });
