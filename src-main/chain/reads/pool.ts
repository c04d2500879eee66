// The transcoder pool (the next active set) as a linked list in BondingManager, and the list hints
// a stake change needs.
//
// The whole pool is read with ONE request: a "deployless" eth_call (no `to`) whose data is the
// creation code of pool-reader/PoolReader.sol; its constructor walks the list on the node and
// returns every member and stake. A provider that refuses such calls gets the walk instead, one
// Multicall3 request per member the last walk did not know.
import { AbiCoder, ZeroAddress, getAddress } from 'ethers';
import { AppError, ErrorCode } from '../../../src-shared/contract/index.ts';
import { positionHints, type PoolMember } from '../pool-hints.ts';
import PoolReader from './pool-reader/PoolReader.json' with { type: 'json' };
import type { ChainReader } from './reader.ts';

/** More than the protocol's largest active set has ever been (100): the reader's walk stops there. */
const MAX_MEMBERS = 1000;
const coder = AbiCoder.defaultAbiCoder();
/** Readers whose provider refused a deployless call: they walk from then on. */
const walkers = new WeakSet<ChainReader>();

/** Reads the pool (in list order, descending stake). `known`: members read last time (for the walk). */
export async function readPool(r: ChainReader, known: readonly string[] = []): Promise<PoolMember[]> {
  if (walkers.has(r)) return walkPool(r, known);
  const bondingManager = (await r.addresses()).BondingManager;
  const data = PoolReader.bytecode + coder.encode(['address', 'uint256'], [bondingManager, MAX_MEMBERS]).slice(2);
  let raw: string;
  try {
    raw = await r.call('Reading the transcoder pool', () => r.provider.send('eth_call', [{ data }, 'latest']));
  } catch (err) {
    // Down, slow or rate-limited: the caller retries. Refused as a request (no `to`): walk from now on
    if (!(err instanceof AppError) || err.code !== ErrorCode.Internal) throw err;
    walkers.add(r);
    return walkPool(r, known);
  }
  const [members, stakes] = coder.decode(['address[]', 'uint256[]', 'bool'], raw) as unknown as [string[], bigint[]];
  return members.map((m, i) => ({ address: getAddress(m), stake: stakes[i] ?? 0n }));
}

/**
 * Walks the pool. Given the members read last time, their stakes and next pointers are read in the
 * same batch as the head of the list (one Multicall3 request); the walk then only reads, one batch
 * per step, the members that list did not know.
 */
export async function walkPool(r: ChainReader, known: readonly string[] = []): Promise<PoolMember[]> {
  const step = (a: string) =>
    Promise.all([
      r.view<bigint>('BondingManager', 'transcoderTotalStake', a),
      r.view<string>('BondingManager', 'getNextTranscoderInPool', a),
    ]);
  const [first, ...guesses] = await Promise.all([
    r.view<string>('BondingManager', 'getFirstTranscoderInPool'),
    ...known.map(step),
  ]);
  const read = new Map(guesses.map((g, i) => [known[i] ?? '', g]));
  const members: PoolMember[] = [];
  let cursor = first;
  while (cursor !== ZeroAddress && members.length < MAX_MEMBERS) {
    const [stake, next] = read.get(cursor) ?? (await step(cursor));
    members.push({ address: cursor, stake });
    cursor = next;
  }
  return members;
}

/** Pool neighbours of `address` once its stake changes by `stakeDelta`. */
export async function hints(r: ChainReader, address: string, stakeDelta: bigint): Promise<[string, string]> {
  const pool = await readPool(r);
  const member = pool.find((m) => m.address === address);
  const current = member?.stake ?? (await r.view<bigint>('BondingManager', 'transcoderTotalStake', address));
  const { prev, next } = positionHints(pool, address, current + stakeDelta);
  return [prev, next];
}
