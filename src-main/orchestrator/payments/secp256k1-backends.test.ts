// Both builds of libsecp256k1 (native N-API binding, WebAssembly) under go-livepeer's rules, against
// ethers' recovery: the same signer for 1,000 random signatures and the same accept/refuse decision
// on malformed and edge-case ones (s = 0, r ≥ n, high s, the low/high boundary, v out of range,
// 64- and 66-byte signatures), and the choice between them with its fallback.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { getBytes, hexlify, randomBytes } from 'ethers';
import { beforeAll, describe, expect, it } from 'vitest';
import { bytesToBig } from './bytes.ts';
import { keccakReady } from './keccak.ts';
import { recoverAddressWith, recoveryBackend } from './secp256k1.ts';
import { N, referenceSigner, signedVectors, type SignedVector } from '../testing/signature-vectors.ts';
import { chooseBackend, loadNativeBackend, wasmBackend, type RecoveryBackend } from './secp256k1-backends.ts';

const HALF_N = N / 2n; // (n − 1) / 2, the largest s go-livepeer accepts
const word = (x: bigint) => getBytes('0x' + x.toString(16).padStart(64, '0'));
const sigOf = (r: bigint, s: bigint, v: number) => Uint8Array.from([...word(r), ...word(s), v]);
const reference = (digest: Uint8Array, sig: Uint8Array) => referenceSigner(digest, sig)?.toLowerCase() ?? null;

const answer = (b: RecoveryBackend, digest: Uint8Array, sig: Uint8Array) => {
  const a = recoverAddressWith(b, digest, sig);
  return a === null ? null : hexlify(a);
};

// The platforms the secp256k1 package ships a prebuilt binding for: there the native path must load.
const pkgDir = dirname(createRequire(import.meta.url).resolve('secp256k1/package.json'));
const prebuilt = existsSync(join(pkgDir, 'prebuilds', `${process.platform}-${process.arch}`));

describe('choosing the build', () => {
  it(`loads the native binding where a prebuild exists (${process.platform}-${process.arch}: ${prebuilt ? 'yes' : 'no'}), else falls back to WebAssembly with the reason`, () => {
    const chosen = chooseBackend({});
    if (prebuilt) {
      expect(chosen.backend.path).toBe('native');
      expect(chosen.backend.detail).toContain(join('prebuilds', `${process.platform}-${process.arch}`));
      expect(recoveryBackend()).toEqual({ path: 'native', detail: chosen.backend.detail });
    } else {
      expect(chosen).toEqual({ backend: wasmBackend, fallbackReason: expect.stringContaining('No native build') });
    }
  });

  it('falls back to WebAssembly when told to, or when the binding cannot be found', () => {
    expect(chooseBackend({ LPM_SECP256K1: 'wasm' })).toEqual({
      backend: wasmBackend,
      fallbackReason: 'LPM_SECP256K1=wasm',
    });
    // node-gyp-build's own override, pointed at a folder with no binding: what a platform without a
    // prebuild sees (macOS Intel, Linux arm64).
    const previous = process.env['SECP256K1_PREBUILD'];
    process.env['SECP256K1_PREBUILD'] = join(pkgDir, 'lib');
    try {
      expect(() => loadNativeBackend()).toThrow(/No native build was found/);
      const chosen = chooseBackend({});
      expect(chosen.backend).toBe(wasmBackend);
      expect(chosen.fallbackReason).toMatch(/^No native build was found for platform=/);
    } finally {
      if (previous === undefined) delete process.env['SECP256K1_PREBUILD'];
      else process.env['SECP256K1_PREBUILD'] = previous;
    }
  });
});

const backends: RecoveryBackend[] = prebuilt ? [loadNativeBackend(), wasmBackend] : [wasmBackend];
let vectors: (SignedVector & { address: string })[] = [];

beforeAll(async () => {
  await keccakReady;
  vectors = (await signedVectors(1000, 16)).map((v) => ({ ...v, address: v.wallet.address.toLowerCase() }));
}, 60_000);

it("ethers' own recovery gives each vector's signer back", () => {
  for (const v of vectors) expect(reference(v.digest, v.sig)).toBe(v.address);
}, 60_000);

describe.each(backends.map((b) => [b.path, b] as const))('%s build against ethers', (_, backend) => {
  it('recovers the signer of 1,000 random ethers signatures', () => {
    for (const v of vectors) expect(answer(backend, v.digest, v.sig)).toBe(v.address);
  });

  it('decides malformed and edge-case signatures as ethers under the rules does', () => {
    for (const v of vectors.slice(0, 40)) {
      const r = bytesToBig(v.sig.subarray(0, 32));
      const s = bytesToBig(v.sig.subarray(32, 64));
      const rv = v.sig[64] as number;
      const other = rv === 27 ? 28 : 27;
      const cases: [string, Uint8Array, 'refused' | 'recovers'][] = [
        ['v flipped', sigOf(r, s, other), 'recovers'],
        ...[0, 1, 26, 29, 255].map((x): [string, Uint8Array, 'refused'] => [`v ${x}`, sigOf(r, s, x), 'refused']),
        ['64 bytes', v.sig.subarray(0, 64), 'refused'],
        ['66 bytes', Uint8Array.from([...v.sig, 0]), 'refused'],
        ['empty', new Uint8Array(0), 'refused'],
        ['high s (n − s, v flipped)', sigOf(r, N - s, other), 'refused'],
        ['s = 0', sigOf(r, 0n, rv), 'refused'],
        ['r = 0', sigOf(0n, s, rv), 'refused'],
        ['r = n', sigOf(N, s, rv), 'refused'],
        ['r = n + 1', sigOf(N + 1n, s, rv), 'refused'],
        ['r = 2²⁵⁶ − 1', sigOf((1n << 256n) - 1n, s, rv), 'refused'],
        ['s = n', sigOf(r, N, rv), 'refused'],
        ['s = (n + 1) / 2', sigOf(r, HALF_N + 1n, rv), 'refused'],
        ['s = (n − 1) / 2', sigOf(r, HALF_N, rv), 'recovers'],
        ['s = 1', sigOf(r, 1n, rv), 'recovers'],
      ];
      for (const [name, sig, outcome] of cases) {
        const got = answer(backend, v.digest, sig);
        expect(got, name).toBe(reference(v.digest, sig));
        if (outcome === 'refused') expect(got, name).toBeNull();
        else {
          expect(got, name).not.toBeNull();
          expect(got, name).not.toBe(v.address);
        }
      }
      // A digest that is not 32 bytes is refused before any recovery.
      expect(answer(backend, v.digest.subarray(0, 31), v.sig)).toBeNull();
    }
  });

  it('agrees with ethers on random r and s (many r are no x coordinate) and on tampered signatures', () => {
    for (let i = 0; i < 400; i++) {
      const sig = randomBytes(65);
      sig[64] = 27 + (i % 2);
      if (i % 3 !== 0) sig[32] = (sig[32] as number) & 0x7f; // mostly low s, so recovery is attempted
      const digest = randomBytes(32);
      expect(answer(backend, digest, sig)).toBe(reference(digest, sig));
      const v = vectors[i] as (typeof vectors)[number];
      const tampered = new Uint8Array(v.sig);
      tampered[i % 64] = (tampered[i % 64] as number) ^ (1 << (i % 8));
      expect(answer(backend, v.digest, tampered)).toBe(reference(v.digest, tampered));
    }
  });
});

describe('the two builds', () => {
  it('give identical answers on every vector above and on random bytes', () => {
    const [a, b] = backends;
    if (!a || !b) {
      expect(prebuilt).toBe(false); // one build only where no prebuild exists
      return;
    }
    for (const v of vectors) expect(answer(a, v.digest, v.sig)).toBe(answer(b, v.digest, v.sig));
    for (let i = 0; i < 2000; i++) {
      const sig = randomBytes(65);
      sig[64] = 27 + (i % 2);
      sig[32] = (sig[32] as number) & 0x7f;
      const digest = randomBytes(32);
      expect(answer(a, digest, sig)).toBe(answer(b, digest, sig));
    }
  });
});
