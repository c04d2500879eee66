// The recipient against tickets signed by ethers wallets on the parameters it hands out.
import { create } from '@bufbuild/protobuf';
import {
  computeHmac,
  concat,
  getBytes,
  hexlify,
  keccak256,
  randomBytes,
  solidityPacked,
  toBeArray,
  Wallet,
} from 'ethers';
import { describe, expect, it } from 'vitest';
import { PriceInfoSchema } from '../proto/generated/lp_rpc_pb.js';
import { buildPayment } from '../gateway/payment-builder.ts';
import { createStaticChain, fund } from '../testing/static-chain.ts';
import { keySigner } from './key-signer.ts';
import { bytesToBig } from './bytes.ts';
import { createRecipient, DEFAULT_RECIPIENT_CONFIG } from './recipient.ts';
import { cmp, mul, rat } from './rat.ts';
import { MAX_WIN_PROB, ticketEV } from './ticket.ts';

const orch = Wallet.createRandom();
const gateway = Wallet.createRandom();
const secret = randomBytes(32);
const price = create(PriceInfoSchema, { pricePerUnit: 1200n, pixelsPerUnit: 1n });

function setup(reserve = 10n ** 18n) {
  const chain = createStaticChain();
  chain.active.add(orch.address.toLowerCase());
  fund(chain, gateway.address, 10n ** 18n, reserve);
  const recipient = createRecipient({ ...DEFAULT_RECIPIENT_CONFIG, address: orch.address, secret }, chain);
  return { chain, recipient };
}

describe('recipient', () => {
  it('derives recipientRand as HMAC-SHA256 over the params and price, like go-livepeer', async () => {
    const { chain, recipient } = setup();
    const p = await recipient.ticketParams(gateway.address, rat(1200n, 1n));
    const big = (b: Uint8Array) => (b.length ? b : new Uint8Array(0));
    const aux = solidityPacked(['uint256', 'bytes32'], [chain.round.round, chain.round.blockHash]);
    const msg = concat([
      big(p.seed),
      gateway.address,
      big(p.faceValue),
      big(p.winProb),
      big(p.expirationBlock),
      toBeArray(1200n),
      toBeArray(1n),
      aux,
    ]);
    const r = computeHmac('sha256', secret, msg);
    expect(hexlify(p.recipientRandHash)).toBe(keccak256(r));
    expect(bytesToBig(p.expirationBlock)).toBe(chain.l1Block + 40n);
    expect(p.expirationParams?.creationRound).toBe(10n);
    // face = 1.2M gas × 1 gwei × 100; winProb gives EV ≥ 8e9
    expect(bytesToBig(p.faceValue)).toBe(120_000_000_000_000_000n);
    expect(cmp(ticketEV(bytesToBig(p.faceValue), bytesToBig(p.winProb)), rat(8_000_000_000n))).toBeGreaterThanOrEqual(
      0,
    );
  });

  it('uses the previous round when the round block hash is zero', async () => {
    const { chain, recipient } = setup();
    chain.round = { ...chain.round, blockHash: new Uint8Array(32) };
    const p = await recipient.ticketParams(gateway.address, rat(1n));
    expect(p.expirationParams?.creationRound).toBe(9n);
    expect(hexlify(p.expirationParams!.creationRoundBlockHash)).toBe(hexlify(chain.round.previousBlockHash));
  });

  it('accepts signed tickets, credits their EV and refuses replays', async () => {
    const { recipient } = setup();
    const p = await recipient.ticketParams(gateway.address, rat(1200n));
    const payment = await buildPayment(keySigner(gateway), p, price, [1, 2, 3]);
    const ev = await recipient.evaluatePayment(payment);
    expect(ev.error).toBeNull();
    expect(ev.sender).toBe(gateway.address);
    expect(ev.ticketCount).toBe(3);
    const one = ticketEV(bytesToBig(p.faceValue), bytesToBig(p.winProb));
    expect(cmp(ev.credit, mul(one, rat(3n)))).toBe(0);
    // Nothing is recorded until the caller applies it: the same payment evaluates the same.
    expect((await recipient.evaluatePayment(payment)).error).toBeNull();
    recipient.recordNonces(ev.acceptedNonces);
    expect((await recipient.evaluatePayment(payment)).error).toMatch(/senderNonce: already seen/);
    const dup = await buildPayment(keySigner(gateway), p, price, [4, 4]);
    const dupEv = await recipient.evaluatePayment(dup);
    expect(dupEv.error).toMatch(/already seen/);
    expect(dupEv.acceptedNonces).toHaveLength(1);
  });

  it('refuses a lied price, a bad signature, a foreign recipient and a sender about to unlock', async () => {
    const { chain, recipient } = setup();
    const p = await recipient.ticketParams(gateway.address, rat(1200n));
    const cheap = create(PriceInfoSchema, { pricePerUnit: 1n, pixelsPerUnit: 1n });
    expect((await recipient.evaluatePayment(await buildPayment(keySigner(gateway), p, cheap, [1]))).error).toBe(
      'invalid recipientRand for ticket recipientRandHash',
    );
    // Same fraction, other terms: 2400/2 reduces to 1200/1, so the rand still matches (big.Rat).
    const scaled = create(PriceInfoSchema, { pricePerUnit: 2400n, pixelsPerUnit: 2n });
    expect((await recipient.evaluatePayment(await buildPayment(keySigner(gateway), p, scaled, [1]))).error).toBeNull();

    const forged = await buildPayment(keySigner(Wallet.createRandom()), p, price, [1]);
    forged.sender = getBytes(gateway.address);
    expect((await recipient.evaluatePayment(forged)).error).toBe('invalid ticket signature');

    const other = Wallet.createRandom();
    chain.active.add(other.address.toLowerCase());
    const foreign = await buildPayment(keySigner(gateway), { ...p, recipient: getBytes(other.address) }, price, [1]);
    expect((await recipient.evaluatePayment(foreign)).error).toBe('invalid ticket recipient');

    chain.senders.set(gateway.address.toLowerCase(), { deposit: 1n, reserve: 1n, withdrawRound: 11n });
    expect((await recipient.evaluatePayment(await buildPayment(keySigner(gateway), p, price, [1]))).error).toMatch(
      /unlock soon/,
    );
    chain.senders.set(gateway.address.toLowerCase(), { deposit: 0n, reserve: 0n, withdrawRound: 0n });
    expect((await recipient.evaluatePayment(await buildPayment(keySigner(gateway), p, price, [1]))).error).toMatch(
      /no deposit/,
    );
    chain.active.clear();
    expect((await recipient.evaluatePayment(await buildPayment(keySigner(gateway), p, price, [1]))).error).toMatch(
      /inactive/,
    );
  });

  it('keeps winners of expired parameters without crediting them', async () => {
    // A max float equal to the EV forces face value = EV, so winProb = 2^256 − 1: every ticket wins.
    const { chain, recipient } = setup(8_000_000_000n);
    chain.gas = 1n; // redeeming must stay cheaper than the face value
    const p = await recipient.ticketParams(gateway.address, rat(1200n));
    expect(bytesToBig(p.winProb)).toBe(MAX_WIN_PROB);
    const payment = await buildPayment(keySigner(gateway), p, price, [1, 2]);
    expect((await recipient.evaluatePayment(payment)).winners).toHaveLength(2);
    chain.l1Block += 40n;
    const ev = await recipient.evaluatePayment(payment);
    expect(ev.error).toBe('TicketParams expired');
    expect(ev.winners).toHaveLength(2);
    expect(ev.winners[0]?.recipientRand).toBeGreaterThan(0n);
    expect(cmp(ev.credit, rat(0n))).toBe(0);
  });

  it('treats a payment without ticket params as price zero', async () => {
    const { recipient } = setup();
    const payment = await buildPayment(
      keySigner(gateway),
      await recipient.ticketParams(gateway.address, rat(0n)),
      price,
      [],
    );
    payment.ticketParams = undefined;
    const ev = await recipient.evaluatePayment(payment);
    expect(ev.error).toBeNull();
    expect(cmp(ev.price, rat(0n))).toBe(0);
    const p0 = await recipient.ticketParams(gateway.address, rat(0n));
    expect(p0.faceValue.length).toBe(0);
    expect(p0.winProb.length).toBe(0);
  });
});
