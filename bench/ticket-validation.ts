// Ticket validations per second on this machine: full recipient validation (rand, hash,
// signature recovery, win test, nonce bookkeeping) of payments carrying real ethers-signed tickets.
// Reports wall-clock and CPU-time rates: per CPU-second is what one core does, whatever else
// shares the machine.
// With --forged, every payment's tickets are signed by a stranger (the sender field still names the
// funded gateway): the figure is then forged payments refused per second, each refused at its
// first ticket. The libsecp256k1 build is the node's choice (native where its prebuild loads);
// LPM_SECP256K1=wasm measures the WebAssembly fallback.
//   node bench/ticket-validation.ts [--tickets N] [--per-payment K] [--forged] [--json]
import { create } from '@bufbuild/protobuf';
import { getBytes, Wallet, randomBytes } from 'ethers';
import { buildPayment } from '../src-main/orchestrator/gateway/payment-builder.ts';
import { PriceInfoSchema } from '../src-main/orchestrator/proto/generated/lp_rpc_pb.js';
import { createRecipient, DEFAULT_RECIPIENT_CONFIG } from '../src-main/orchestrator/payments/recipient.ts';
import { rat } from '../src-main/orchestrator/payments/rat.ts';
import { createStaticChain, fund } from '../src-main/orchestrator/testing/static-chain.ts';
import { keccakReady } from '../src-main/orchestrator/payments/keccak.ts';
import { keySigner } from '../src-main/orchestrator/payments/key-signer.ts';
import { recoveryBackend } from '../src-main/orchestrator/payments/secp256k1.ts';

const arg = (name: string, dflt: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const total = arg('tickets', 2000);
const perPayment = arg('per-payment', 10);
const json = process.argv.includes('--json');
const forged = process.argv.includes('--forged');

const orch = new Wallet(Wallet.createRandom().privateKey);
const gateway = new Wallet(Wallet.createRandom().privateKey);
const stranger = new Wallet(Wallet.createRandom().privateKey);
const chain = createStaticChain();
chain.active.add(orch.address.toLowerCase());
fund(chain, gateway.address, 10n ** 18n, 10n ** 18n);
const recipient = createRecipient(
  { ...DEFAULT_RECIPIENT_CONFIG, address: orch.address, secret: randomBytes(32) },
  chain,
);
const price = create(PriceInfoSchema, { pricePerUnit: 1200n, pixelsPerUnit: 1n });

// Signing is the gateway's cost, not ours: prepare every payment first.
const payments = [];
let nonce = 0;
let params = await recipient.ticketParams(gateway.address, rat(1200n));
for (let done = 0; done < total; done += perPayment) {
  if (nonce + perPayment > 600) {
    params = await recipient.ticketParams(gateway.address, rat(1200n));
    nonce = 0;
  }
  const nonces = Array.from({ length: perPayment }, () => ++nonce);
  const payment = await buildPayment(keySigner(forged ? stranger : gateway), params, price, nonces);
  if (forged) payment.sender = getBytes(gateway.address);
  payments.push(payment);
}

await keccakReady; // the node awaits it at start, before it listens
const cpu0 = process.cpuUsage();
const start = performance.now();
let tickets = 0;
for (const p of payments) {
  const ev = await recipient.evaluatePayment(p);
  if (forged !== (ev.error !== null)) throw new Error(ev.error ?? 'a forged payment was accepted');
  recipient.recordNonces(ev.acceptedNonces);
  tickets += ev.ticketCount;
}
const seconds = (performance.now() - start) / 1000;
const cpu = process.cpuUsage(cpu0);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const result = {
  ...(forged
    ? { forgedPayments: payments.length, forgedPaymentsPerCpuSecond: Math.round(payments.length / cpuSeconds) }
    : {}),
  tickets,
  ticketsPerPayment: perPayment,
  seconds: Number(seconds.toFixed(3)),
  ticketValidationsPerSecond: Math.round(tickets / seconds),
  cpuSeconds: Number(cpuSeconds.toFixed(3)),
  ticketValidationsPerCpuSecond: Math.round(tickets / cpuSeconds),
  recovery: recoveryBackend().path,
  node: process.version,
};
const load = (await import('node:os')).loadavg()[0]?.toFixed(1);
if (json) process.stdout.write(JSON.stringify(result) + '\n');
else if (forged)
  console.log(
    `${Math.round(payments.length / seconds)} forged payments refused/s wall, ${result.forgedPaymentsPerCpuSecond} per CPU-second (${payments.length} payments of ${perPayment} tickets signed by a stranger, ${result.cpuSeconds} s CPU, ${result.recovery} recovery, ${result.node}, load average ${load})`,
  );
else
  console.log(
    `${result.ticketValidationsPerSecond} ticket validations/s wall, ${result.ticketValidationsPerCpuSecond} per CPU-second (${tickets} tickets in ${result.seconds} s, ${result.cpuSeconds} s CPU, ${perPayment} per payment, ${result.recovery} recovery, ${result.node}, load average ${load})`,
  );
