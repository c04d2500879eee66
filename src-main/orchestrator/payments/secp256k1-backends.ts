// The two builds of libsecp256k1's public-key recovery the node can run: native through N-API
// (the `secp256k1` package's prebuilt binding, ~4× faster) and WebAssembly (tiny-secp256k1, runs
// everywhere). Only the native binding is ever loaded from `secp256k1`, never its pure-JS
// `elliptic` fallback (its index.js switches to that silently): when the binding does not load,
// the WebAssembly build is used and the reason is kept, so a slow path is visible.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { recover as wasmRecover } from 'tiny-secp256k1';

export type RecoveryPath = 'native' | 'wasm';

export interface RecoveryBackend {
  readonly path: RecoveryPath;
  /** What runs: the `.node` file loaded, or the WebAssembly package. */
  readonly detail: string;
  /**
   * The 65-byte uncompressed public key that signed the 32-byte `digest` with the 64-byte r‖s and
   * recovery id, or null when none does (r or s zero or ≥ n, r not an x coordinate).
   */
  recover(digest: Uint8Array, rs: Uint8Array, recid: 0 | 1): Uint8Array | null;
}

export const wasmBackend: RecoveryBackend = {
  path: 'wasm',
  detail: 'tiny-secp256k1 (libsecp256k1 in WebAssembly)',
  recover(digest, rs, recid) {
    try {
      return wasmRecover(digest, rs, recid, false);
    } catch {
      return null;
    }
  },
};

/** secp256k1/lib's wrapper around the addon (API.md): throws when the signature does not recover. */
interface NativeSecp256k1 {
  ecdsaRecover(sig: Uint8Array, recid: number, msg32: Uint8Array, compressed: boolean): Uint8Array;
}

/**
 * The N-API binding, found as `secp256k1/bindings.js` finds it (node-gyp-build: build/Release,
 * then prebuilds/<platform>-<arch>/, N-API so one file serves Node and every Electron) but loaded
 * here so that the file is known and the elliptic fallback can never be reached. Throws when there
 * is no binding for this platform or it does not load.
 */
export function loadNativeBackend(): RecoveryBackend {
  // Resolved from this file (the bundle's dist/main/ in the app, inside app.asar: Electron reads
  // the listing there and loads the unpacked .node from app.asar.unpacked).
  const pkgDir = dirname(createRequire(import.meta.url).resolve('secp256k1/package.json'));
  const fromPkg = createRequire(join(pkgDir, 'package.json'));
  const gyp = fromPkg('node-gyp-build') as { resolve(dir: string): string };
  const file = gyp.resolve(pkgDir);
  const addon = fromPkg(file) as { Secp256k1: new () => unknown };
  const wrap = fromPkg('./lib/index.js') as (addon: unknown) => NativeSecp256k1;
  const lib = wrap(new addon.Secp256k1());
  const backend: RecoveryBackend = {
    path: 'native',
    detail: file,
    recover(digest, rs, recid) {
      try {
        return lib.ecdsaRecover(rs, recid, digest, false);
      } catch {
        return null;
      }
    },
  };
  if (!knownAnswer(backend)) throw new Error(`${file} recovers a wrong key`);
  return backend;
}

// A personal_sign of 32 bytes of 7 by the key 0x11…11, signed by ethers: the binding must give
// its public key back before it is trusted with payments.
const KNOWN = {
  digest: 'd2f8c501bf027ff57600c40ef371d617be5faf10262027ffe2a06e6ea36b57e8',
  rs: 'a2603c8dfcc0c4072d23f126450d3aa49993f353e9f6aecb4b5faaae6e40fffc0d4f84e66b23045d7753a086d9977237cd9ae36d387efb0df2568cbb9a6b1158',
  recid: 1,
  key: '044f355bdcb7cc0af728ef3cceb9615d90684bb5b2ca5f859ab0f0b704075871aa385b6b1b8ead809ca67454d9683fcf2ba03456d6fe2c4abe2b07f0fbdbb2f1c1',
} as const;

function knownAnswer(b: RecoveryBackend): boolean {
  const key = b.recover(Buffer.from(KNOWN.digest, 'hex'), Buffer.from(KNOWN.rs, 'hex'), KNOWN.recid);
  return key !== null && Buffer.from(key).toString('hex') === KNOWN.key;
}

export interface ChosenBackend {
  readonly backend: RecoveryBackend;
  /** Why the native binding is not the one running (absent when it is). */
  readonly fallbackReason?: string;
}

/**
 * Native when it loads, else WebAssembly with the reason. LPM_SECP256K1=wasm forces WebAssembly
 * (to compare, or to rule the binding out when diagnosing).
 */
export function chooseBackend(env: NodeJS.ProcessEnv = process.env): ChosenBackend {
  if (env['LPM_SECP256K1'] === 'wasm') return { backend: wasmBackend, fallbackReason: 'LPM_SECP256K1=wasm' };
  try {
    return { backend: loadNativeBackend() };
  } catch (err) {
    const first = (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';
    return { backend: wasmBackend, fallbackReason: first.trim() || 'the native binding did not load' };
  }
}
