// Measures the devnet's start time: cold (fresh data folder: spawn + deploy + first round) and
// warm (state restored from the data folder), and the saved state's size as blocks accumulate.
//   node scripts/devnet-timing.ts [runs]
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDevnet } from '../src-main/chain/devnet/devnet.ts';

const runs = Number(process.argv[2] ?? 5);
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const cold: number[] = [];
const warm: number[] = [];
for (let i = 0; i < runs; i++) {
  const dir = mkdtempSync(join(tmpdir(), 'lpm-devnet-timing-'));
  let t = Date.now();
  const first = await startDevnet({ dataDir: dir });
  cold.push(Date.now() - t);
  await first.stop();
  t = Date.now();
  const second = await startDevnet({ dataDir: dir });
  warm.push(Date.now() - t);
  if (i === runs - 1) {
    const stateFile = join(dir, 'devnet', 'state.hex');
    const sizes: string[] = [
      `${second.restored ? 'restored' : 'NOT restored'}; state after deploy: ${statSync(stateFile).size} bytes`,
    ];
    for (const blocks of [1000]) {
      await second.advanceBlocks(blocks);
      await second.saveState();
      sizes.push(`after +${blocks} empty blocks: ${statSync(stateFile).size} bytes`);
    }
    process.stdout.write(`${sizes.join('\n')}\n`);
  }
  await second.stop();
  rmSync(dir, { recursive: true, force: true });
}
process.stdout.write(
  `cold start ms: ${cold.join(', ')} (median ${median(cold)})\nwarm start ms: ${warm.join(', ')} (median ${median(warm)})\n`,
);
