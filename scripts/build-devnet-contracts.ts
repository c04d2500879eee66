// Rebuilds the devnet's committed contract artifacts from src-main/chain/devnet/contracts/*.sol:
//   node scripts/build-devnet-contracts.ts
// src-main/chain/devnet/artifacts.integration.test.ts fails when the committed artifacts are stale.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { ARTIFACTS_DIR } from '../src-main/chain/devnet/artifacts.ts';
import { compileContracts, compileOne } from '../src-main/chain/devnet/compile.ts';
import { POOL_READER_ARTIFACT, POOL_READER_SOURCE } from '../src-main/chain/reads/pool-reader/paths.ts';

const started = Date.now();
for (const artifact of compileContracts()) {
  const file = join(fileURLToPath(ARTIFACTS_DIR), `${artifact.contractName}.json`);
  writeFileSync(file, `${JSON.stringify(artifact, null, 2)}\n`);
  process.stdout.write(`${artifact.contractName}: ${(artifact.bytecode.length - 2) / 2} bytes -> ${file}\n`);
}
process.stdout.write(`Compiled in ${Date.now() - started} ms\n`);

// The app's deployless pool reader (not a devnet contract: sent as an eth_call's creation code)
const poolReader = compileOne(POOL_READER_SOURCE, 'PoolReader');
writeFileSync(POOL_READER_ARTIFACT, `${JSON.stringify(poolReader, null, 2)}\n`);
process.stdout.write(`PoolReader: ${(poolReader.bytecode.length - 2) / 2} bytes -> ${POOL_READER_ARTIFACT}\n`);
