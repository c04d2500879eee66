// Candidates for the signature recovery of ticket and segment signatures, side by side on the same
// ethers-signed vectors: µs of CPU per recovery (signature → address, the work of one ticket) and
// recoveries per CPU-second. CPU time, not wall time, so a shared machine changes less.
//   node bench/secp256k1-recovery.ts [--n 400] [--rounds 3] [--json]
import { secp256k1 as nobleCurves } from '@noble/curves/secp256k1.js';
import * as nobleSecp from '@noble/secp256k1';
import { getBytes, hashMessage, hexlify, randomBytes, recoverAddress, Signature, Wallet } from 'ethers';
import * as tiny from 'tiny-secp256k1';
import { keccak256Bytes, keccakReady } from '../src-main/orchestrator/payments/keccak.ts';
import {
  recoverAddressBytes,
  recoverAddressWith,
  recoveryBackend,
} from '../src-main/orchestrator/payments/secp256k1.ts';
import { loadNativeBackend, wasmBackend } from '../src-main/orchestrator/payments/secp256k1-backends.ts';

const opt = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const n = opt('n', 400);
const rounds = opt('rounds', 3);
const json = process.argv.includes('--json');
await keccakReady;

const wallet = Wallet.createRandom();
const expected = wallet.address.toLowerCase();
// A fresh set per round: the chosen path remembers recent answers (replays cost a lookup), and
// the figure wanted is that of new signatures.
const sets = await Promise.all(
  Array.from({ length: rounds }, () =>
    Promise.all(
      Array.from({ length: n }, async () => {
        const message = randomBytes(32);
        const sig = getBytes(await wallet.signMessage(message));
        return { digest: getBytes(hashMessage(message)), sig };
      }),
    ),
  ),
);
/** noble's "recovered" layout: recovery bit first, then r‖s. */
const recoveredLayout = (sig: Uint8Array) => {
  const out = new Uint8Array(65);
  out[0] = (sig[64] as number) - 27;
  out.set(sig.subarray(0, 64), 1);
  return out;
};
const addressOf = (uncompressed: Uint8Array) => hexlify(keccak256Bytes(uncompressed.subarray(1)).subarray(12));

// Throws where the secp256k1 package has no prebuild for this platform: the bench compares builds.
const native = loadNativeBackend();
const candidates: Record<string, (digest: Uint8Array, sig: Uint8Array) => string> = {
  'ethers 6 (noble-curves 1.2, the old path)': (d, s) => recoverAddress(d, Signature.from(hexlify(s))).toLowerCase(),
  '@noble/secp256k1 3': (d, s) => {
    const pub = nobleSecp.recoverPublicKey(recoveredLayout(s), d, { prehash: false });
    return addressOf(nobleSecp.Point.fromBytes(pub).toBytes(false));
  },
  '@noble/curves 2': (d, s) => {
    const pub = nobleCurves.recoverPublicKey(recoveredLayout(s), d, { prehash: false });
    return addressOf(nobleCurves.Point.fromBytes(pub).toBytes(false));
  },
  'tiny-secp256k1 2 (libsecp256k1 WebAssembly)': (d, s) =>
    addressOf(tiny.recover(d, s.subarray(0, 64), (s[64] as number) === 27 ? 0 : 1, false) ?? new Uint8Array(65)),
  'secp256k1 5 (libsecp256k1 N-API prebuild)': (d, s) =>
    addressOf(native.recover(d, s.subarray(0, 64), (s[64] as number) === 27 ? 0 : 1) ?? new Uint8Array(65)),
  'WebAssembly fallback: tiny-secp256k1 + checks': (d, s) => hexlify(recoverAddressWith(wasmBackend, d, s) ?? '0x'),
  [`chosen: payments/secp256k1.ts (${recoveryBackend().path} + checks)`]: (d, s) =>
    hexlify(recoverAddressBytes(d, s) ?? '0x'),
};

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const rows = [];
for (const [name, recover] of Object.entries(candidates)) {
  const perOp: number[] = [];
  for (const vectors of sets) {
    const c0 = cpuMs();
    for (const v of vectors) if (recover(v.digest, v.sig) !== expected) throw new Error(`${name}: wrong address`);
    perOp.push(((cpuMs() - c0) * 1000) / vectors.length);
  }
  const best = Math.min(...perOp);
  rows.push({ name, usPerRecovery: Number(best.toFixed(1)), perCpuSecond: Math.round(1e6 / best) });
}
const base = rows[0]?.usPerRecovery ?? 1;
if (json) process.stdout.write(JSON.stringify({ n, rounds, rows }) + '\n');
else {
  console.log('| candidate | µs CPU per recovery | recoveries per CPU-second | vs ethers |');
  console.log('| --- | ---: | ---: | ---: |');
  for (const r of rows)
    console.log(`| ${r.name} | ${r.usPerRecovery} | ${r.perCpuSecond} | ${(base / r.usPerRecovery).toFixed(1)}× |`);
  console.log(
    `\n${n} vectors, best of ${rounds} rounds, ${process.version}, load average ${(await import('node:os'))
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}`,
  );
}
