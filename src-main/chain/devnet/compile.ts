// Compiles the devnet's Solidity sources with the pinned solc-js (offline, no downloads). Used by
// scripts/build-devnet-contracts.ts to write the committed artifacts and by the test that checks
// those artifacts are current. Never imported by the app at run time (solc is a dev dependency).
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import solc from 'solc';
import { CONTRACT_NAMES, type ContractName } from './contract-names.ts';

export const CONTRACTS_DIR = join(import.meta.dirname, 'contracts');

/** The compiler settings are part of the artifact: changing them must rebuild. */
export const COMPILER_SETTINGS = {
  optimizer: { enabled: true, runs: 200 },
  evmVersion: 'cancun',
  outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.methodIdentifiers'] } },
} as const;

export interface CompiledContract {
  contractName: ContractName;
  compiler: string;
  abi: unknown[];
  bytecode: string;
  methodIdentifiers: Record<string, string>;
}

interface SolcOutput {
  errors?: { severity: string; formattedMessage: string }[];
  contracts: Record<
    string,
    Record<string, { abi: unknown[]; evm: { bytecode: { object: string }; methodIdentifiers: Record<string, string> } }>
  >;
}

export function compilerVersion(): string {
  return String(solc.version());
}

/** One standalone source (say, the app's deployless pool reader): its contract's creation code. */
export function compileOne(path: string, contractName: string): { compiler: string; bytecode: string } {
  const file = basename(path);
  const input = {
    language: 'Solidity',
    sources: { [file]: { content: readFileSync(path, 'utf8') } },
    settings: COMPILER_SETTINGS,
  };
  const output = JSON.parse(String(solc.compile(JSON.stringify(input)))) as SolcOutput;
  const problems = (output.errors ?? []).filter((e) => e.severity === 'error' || e.severity === 'warning');
  if (problems.length > 0) throw new Error(`solc reported:\n${problems.map((e) => e.formattedMessage).join('\n')}`);
  const unit = output.contracts[file]?.[contractName];
  if (!unit) throw new Error(`solc produced no output for ${contractName}`);
  return { compiler: compilerVersion(), bytecode: `0x${unit.evm.bytecode.object}` };
}

export function compileContracts(): CompiledContract[] {
  const sources: Record<string, { content: string }> = {};
  for (const file of readdirSync(CONTRACTS_DIR)
    .filter((f) => f.endsWith('.sol'))
    .sort()) {
    sources[file] = { content: readFileSync(join(CONTRACTS_DIR, file), 'utf8') };
  }
  const input = { language: 'Solidity', sources, settings: COMPILER_SETTINGS };
  const output = JSON.parse(String(solc.compile(JSON.stringify(input)))) as SolcOutput;
  const problems = (output.errors ?? []).filter((e) => e.severity === 'error' || e.severity === 'warning');
  if (problems.length > 0) throw new Error(`solc reported:\n${problems.map((e) => e.formattedMessage).join('\n')}`);
  const version = compilerVersion();
  return CONTRACT_NAMES.map((name) => {
    const unit = output.contracts[`${name}.sol`]?.[name];
    if (!unit) throw new Error(`solc produced no output for ${name}`);
    return {
      contractName: name,
      compiler: version,
      abi: unit.abi,
      bytecode: `0x${unit.evm.bytecode.object}`,
      methodIdentifiers: unit.evm.methodIdentifiers,
    };
  });
}
