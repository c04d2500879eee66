// keccak256 over bytes. Segment bodies and renditions are megabytes: ethers' pure-JS keccak takes
// 150+ ms per MB on this machine, the WebAssembly one (hash-wasm) a few ms. The WebAssembly hasher
// compiles asynchronously at load; until it is ready (and should it ever fail) the ethers one answers,
// with the same result.
import { createKeccak, type IHasher } from 'hash-wasm';
import { getBytes, keccak256 as keccak256Js } from 'ethers';

let hasher: IHasher | null = null;

/** Resolves once the WebAssembly hasher is in use (or failed to compile: the JS one stays). */
export const keccakReady: Promise<void> = createKeccak(256).then(
  (h) => {
    hasher = h;
  },
  () => undefined,
);

/** keccak256(data) as 32 bytes. */
export function keccak256Bytes(data: Uint8Array): Uint8Array {
  if (hasher === null) return getBytes(keccak256Js(data));
  hasher.init();
  hasher.update(data);
  return hasher.digest('binary');
}
