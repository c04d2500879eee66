// The committed artifacts must be what the committed sources compile to, with the pinned solc.
import { describe, expect, it } from 'vitest';
import { CONTRACT_NAMES, loadArtifact } from './artifacts.ts';
import PoolReader from '../reads/pool-reader/PoolReader.json' with { type: 'json' };
import { POOL_READER_SOURCE } from '../reads/pool-reader/paths.ts';
import { compileContracts, compileOne } from './compile.ts';

describe('devnet contract artifacts', () => {
  it('are current: recompiling the sources gives the committed ABI and bytecode', () => {
    const fresh = compileContracts();
    expect(fresh.map((c) => c.contractName)).toEqual([...CONTRACT_NAMES]);
    for (const compiled of fresh) {
      const committed = loadArtifact(compiled.contractName);
      expect(committed.compiler, `${compiled.contractName} compiler`).toBe(compiled.compiler);
      expect(committed.abi, `${compiled.contractName} ABI (run node scripts/build-devnet-contracts.ts)`).toEqual(
        compiled.abi,
      );
      expect(committed.bytecode, `${compiled.contractName} bytecode (run node scripts/build-devnet-contracts.ts)`).toBe(
        compiled.bytecode,
      );
    }
  }, 60_000);

  it("include the app's deployless pool reader: its committed creation code is what its source compiles to", () => {
    expect(PoolReader, 'PoolReader.json (run node scripts/build-devnet-contracts.ts)').toEqual(
      compileOne(POOL_READER_SOURCE, 'PoolReader'),
    );
  }, 60_000);
});
