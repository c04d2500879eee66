// The CLI as a user runs it: `demo --json` (devnet, wallet import + unlock, bond/register/activate,
// the full host serving) and `broadcast --json` against it, then /metrics on the admin port and the
// winning tickets redeemed through the wallet's signer.
import { spawn, execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { Contract, id, JsonRpcProvider } from 'ethers';
import { afterAll, expect, it } from 'vitest';
import { BONDING_MANAGER_ABI, CONTROLLER_ABI } from '../chain/abi.ts';

const CLI = join(import.meta.dirname, 'main.ts');
const dir = mkdtempSync(join(tmpdir(), 'lp-demo-cli-'));
const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('demo --json serves an active orchestrator that broadcast --json pays and that redeems its winners', async () => {
  const port = await freePort();
  const demo = spawn(
    process.execPath,
    [
      CLI,
      'demo',
      '--json',
      '--data-dir',
      join(dir, 'data'),
      '--service-port',
      String(port),
      '--block-interval-ms',
      '500',
      '--ticket-ev',
      '10000000000000000',
      '--redemption-window-ms', // winners at the next head, not after the devnet's minute
      '0',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  // The demo's log, shown when an expectation fails (e.g. why a winner was not redeemed)
  let log = '';
  demo.stderr.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-8_000)));
  try {
    const line = await new Promise<string>((resolve, reject) => {
      createInterface({ input: demo.stdout }).once('line', resolve);
      demo.once('exit', (code) => reject(new Error(`demo exited with ${code}`)));
    });
    const out = JSON.parse(line) as {
      rpcUrl: string;
      controller: string;
      serviceUri: string;
      orchestrator: string;
      adminUrl: string;
    };
    expect(out.serviceUri).toBe(`https://127.0.0.1:${port}`);
    const provider = new JsonRpcProvider(out.rpcUrl, undefined, { staticNetwork: true, cacheTimeout: -1 });
    const controller = new Contract(out.controller, CONTROLLER_ABI, provider);
    const broker = (await controller.getFunction('getContract')(id('TicketBroker'))) as string;
    const bm = new Contract(
      (await controller.getFunction('getContract')(id('BondingManager'))) as string,
      BONDING_MANAGER_ABI,
      provider,
    );
    expect(await bm.getFunction('isActiveTranscoder')(out.orchestrator)).toBe(true);

    const { stdout } = await promisify(execFile)(process.execPath, [
      CLI,
      'broadcast',
      '--orchestrator',
      out.serviceUri,
      '--segments',
      '4',
      '--rpc-url',
      out.rpcUrl,
      '--ticket-broker',
      broker,
      '--json',
    ]);
    expect(JSON.parse(stdout)).toMatchObject({ segments: 4, ok: 4, failed: 0 });
    const metrics = await (await fetch(`${out.adminUrl}/metrics`)).text();
    expect(metrics).toMatch(/livepeer_segment_transcoded_total\{[^}]*\} 4/);
    expect(metrics).toMatch(/livepeer_winning_tickets_recv\{[^}]*\} 4/);
    // What the app costs its chain RPC, by method (the devnet's own set-up traffic is not counted).
    expect(metrics).toMatch(/livepeer_miner_rpc_requests_total\{method="eth_call",endpoint="primary"\} [1-9]\d*/);
    expect(metrics).toContain('livepeer_miner_rpc_rate_limited_total{endpoint="primary"} 0');
    // 500 ms blocks: the parameters (40 blocks) expire in ~20 s and the host's queue redeems with the
    // wallet. Rounds are 50 blocks and tickets live 2 rounds, so 200 ms blocks left a loaded machine
    // only a few seconds between "may redeem" and "expired" (CI lost all four winners once).
    let fees = 0n;
    for (let i = 0; i < 600 && fees < 4n * 10n ** 16n; i++) {
      await new Promise((r) => setTimeout(r, 200));
      fees = (await bm.getFunction('pendingFees')(out.orchestrator, 0n)) as bigint;
    }
    expect(fees, log).toBe(4n * 10n ** 16n);
    provider.destroy();
  } finally {
    demo.kill('SIGINT');
    await new Promise((r) => demo.once('exit', r));
  }
}, 300_000);
