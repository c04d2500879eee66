// The RPC budget (issue 16): JSON-RPC requests per minute the app sends to its chain, counted by a
// proxy in front of a mainnet-scale devnet (99 seeded orchestrators + ours, 300 delegators), by
// scenario and method, beside the figures measured before the work and the goals.
//   npm run bench:rpc                  (60 s per scenario, about 7 min)
//   npm run bench:rpc -- --seconds 20  (a quicker look)   --json  (one JSON document on stdout)
//   npm run bench:rpc -- --only start-up,staking   (the scenarios whose names contain these words)
// Results and the command are written down in docs/rpc-budget.md.
import { parseArgs } from 'node:util';
import { Interface } from 'ethers';
import {
  BONDING_MANAGER_ABI,
  LIVEPEER_GOVERNOR_ABI,
  MULTICALL3_ABI,
  ROUNDS_MANAGER_ABI,
  TICKET_BROKER_ABI,
} from '../src-main/chain/abi.ts';
import PoolReader from '../src-main/chain/reads/pool-reader/PoolReader.json' with { type: 'json' };
import {
  launchBrowser,
  measure,
  measureStartup,
  measureWithPage,
  stakingFlow,
  startBudgetRig,
  type Counts,
} from './rpc-budget-harness.ts';

/** Issue 16's figures before the work (one-member pool) and its goals, requests per minute. */
const REFERENCE: Record<string, { before: string; goal: string }> = {
  'start-up (first minute)': { before: '—', goal: 'stated cap' },
  'node alone': { before: '≈470', goal: '≤ 20' },
  'node + dashboard': { before: '≈1,000–1,080', goal: '≤ 60' },
  'node + Staking page': { before: '—', goal: '≤ 60' },
  'node + Delegators page': { before: '—', goal: '≤ 60' },
  'staking flow (approve, bond, transcoder)': { before: '—', goal: '—' },
};

/** What each eth_call was for, by its 4-byte selector (the proxy counts them). */
const selector = (abi: readonly unknown[], fn: string): string => {
  const f = new Interface(abi as string[]).getFunction(fn);
  if (!f) throw new Error(`No function ${fn} in the bindings`);
  return f.selector;
};
const PURPOSES: [string, string[]][] = [
  ['aggregate3 (head, accounts, other batched reads)', [selector(MULTICALL3_ABI, 'aggregate3')]],
  ['pool (deployless read)', [PoolReader.bytecode.slice(0, 10)]],
  [
    'redemptions (simulate, payout checks)',
    [
      selector(TICKET_BROKER_ABI, 'redeemWinningTicket'),
      selector(TICKET_BROKER_ABI, 'getSenderInfo'),
      selector(TICKET_BROKER_ABI, 'claimableReserve'),
      selector(ROUNDS_MANAGER_ABI, 'currentRound'),
      selector(BONDING_MANAGER_ABI, 'isRegisteredTranscoder'),
      selector(BONDING_MANAGER_ABI, 'getTranscoder'),
      selector(BONDING_MANAGER_ABI, 'getTranscoderEarningsPoolForRound'),
    ],
  ],
  [
    'reward service (simulate)',
    [selector(BONDING_MANAGER_ABI, 'rewardWithHint'), selector(ROUNDS_MANAGER_ABI, 'initializeRound')],
  ],
  ['governance', [selector(LIVEPEER_GOVERNOR_ABI, 'quota')]],
];
function purposes(calls: Record<string, number>): string {
  const named = new Set(PURPOSES.flatMap(([, selectors]) => selectors));
  const count = (selectors: string[]): number => selectors.reduce((sum, s) => sum + (calls[s] ?? 0), 0);
  const other = count(Object.keys(calls).filter((s) => !named.has(s)));
  return [...PURPOSES.map(([what, selectors]) => [what, count(selectors)] as const), ['other', other] as const]
    .filter(([, n]) => n > 0)
    .map(([what, n]) => `${what} ${n}`)
    .join(', ');
}

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    json: { type: 'boolean', default: false },
    only: { type: 'string', default: '' },
  },
  strict: true,
});
const seconds = Number(values.seconds);
if (!Number.isFinite(seconds) || seconds < 5) throw new Error('--seconds must be at least 5');
const say = (line: string): void => void process.stderr.write(`[rpc-budget] ${line}\n`);

const began = Date.now();
const rig = await startBudgetRig(say);
const results: [string, Counts | { error: string }][] = [];
// One scenario's failure (a busy machine's RPC timeout) is reported in its row; the others still run
const only = values.only.split(',').filter(Boolean);
const run = async (name: string, measurement: () => Promise<Counts>): Promise<void> => {
  if (only.length > 0 && !only.some((w) => name.toLowerCase().includes(w.toLowerCase()))) return;
  say(`${name}: counting for ${seconds} s`);
  try {
    const counts = await measurement();
    results.push([name, counts]);
    say(`${name}: ${counts.total}/min; eth_call in the window: ${purposes(counts.calls)}`);
  } catch (err) {
    results.push([name, { error: err instanceof Error ? err.message : String(err) }]);
    say(`${name}: failed: ${String(err)}`);
  }
};
const browser = await launchBrowser();
try {
  // A configured rig starting again (unattended): its first minute from the restart, then the steady state
  await run('start-up (first minute)', () => measureStartup(rig, seconds));
  await run('node alone', () => measure(rig.proxy, seconds));
  await run('node + dashboard', () => measureWithPage(rig, browser, 'dashboard', seconds));
  await run('node + Staking page', () => measureWithPage(rig, browser, 'staking', seconds));
  await run('node + Delegators page', () => measureWithPage(rig, browser, 'delegators', seconds));
  await run('staking flow (approve, bond, transcoder)', () => measure(rig.proxy, seconds, () => stakingFlow(rig)));
} finally {
  await browser.close();
  await rig.close();
}

if (values.json) {
  process.stdout.write(`${JSON.stringify({ seconds, scenarios: Object.fromEntries(results) })}\n`);
} else {
  const lines = [
    `RPC requests per minute, mainnet-scale devnet, ${seconds} s per scenario (${Math.round((Date.now() - began) / 1000)} s in all)`,
    '',
    '| scenario | requests/min | before (issue 16) | goal | by method | eth_call in the window, by purpose |',
    '| --- | ---: | ---: | ---: | --- | --- |',
    ...results.map(([name, c]) => {
      if ('error' in c)
        return `| ${name} | failed | ${REFERENCE[name]?.before ?? '—'} | ${REFERENCE[name]?.goal ?? '—'} | ${c.error} | |`;
      const methods = Object.entries(c.perMinute)
        .sort((a, b) => b[1] - a[1])
        .map(([m, n]) => `${m} ${n}`)
        .join(', ');
      // The start-up row counts its whole window (the restart, then the first minute)
      const window = name.startsWith('start-up') ? `in ${c.seconds} s (restart + ${seconds} s): ` : '';
      return `| ${name} | ${c.total} | ${REFERENCE[name]?.before ?? '—'} | ${REFERENCE[name]?.goal ?? '—'} | ${window}${methods} | ${purposes(c.calls)} |`;
    }),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
process.exit(0);
