import { Wallet } from 'ethers';
import { expect, it } from 'vitest';
import { createStaticChain, fund } from '../testing/static-chain.ts';
import { budgetSenderReads, SenderReadsBusy } from './sender-read-budget.ts';

const random = () => Wallet.createRandom().address;

it('lets a burst of unknown senders through, then refuses them as retryable until the bucket refills', async () => {
  let t = 0;
  const chain = createStaticChain();
  const reads: string[] = [];
  const counted = { ...chain, senderInfo: (s: string) => (reads.push(s), chain.senderInfo(s)) };
  const budget = budgetSenderReads(counted, { burst: 5, perMinute: 60, now: () => t });
  for (let i = 0; i < 5; i++) await budget.senderInfo(random());
  const refused = await budget.senderInfo(random()).catch((e: unknown) => e);
  expect(refused).toBeInstanceOf(SenderReadsBusy);
  expect((refused as SenderReadsBusy).message).toMatch(/try again in 1 s/);
  expect(reads).toHaveLength(5); // the refused lookup never reached the chain
  t += 2_000; // 60 per minute: two more
  await budget.senderInfo(random());
  await budget.senderInfo(random());
  await expect(budget.maxFloat(random())).rejects.toBeInstanceOf(SenderReadsBusy);
  t += 60 * 60_000; // refills to the burst, not beyond
  for (let i = 0; i < 5; i++) await budget.maxFloat(random());
  await expect(budget.maxFloat(random())).rejects.toBeInstanceOf(SenderReadsBusy);
  expect(budget.counts()).toEqual({ admitted: 12, refused: 3, known: 0 });
});

it('never makes funded senders or those with a live session wait', async () => {
  const chain = createStaticChain();
  const funded = random();
  const floatOnly = random();
  const live = random();
  fund(chain, funded, 10n ** 18n, 0n);
  chain.floats.set(floatOnly.toLowerCase(), 5n);
  const budget = budgetSenderReads(chain, { burst: 2, perMinute: 0, isKnown: (s) => s === live });
  expect((await budget.senderInfo(funded)).deposit).toBe(10n ** 18n);
  expect(await budget.maxFloat(floatOnly)).toBe(5n);
  await expect(budget.senderInfo(random())).rejects.toThrow(/too many new ticket senders/);
  for (let i = 0; i < 10; i++) {
    await budget.senderInfo(funded.toUpperCase().replace('0X', '0x'));
    await budget.maxFloat(floatOnly);
    await budget.senderInfo(live);
  }
  expect(budget.counts()).toEqual({ admitted: 2, refused: 1, known: 30 });
});

it('remembers at most rememberFunded senders, forgetting the least recently seen', async () => {
  const chain = createStaticChain();
  const senders = Array.from({ length: 4 }, random);
  for (const s of senders) fund(chain, s, 1n, 1n);
  const budget = budgetSenderReads(chain, { burst: 4, perMinute: 0, rememberFunded: 3 });
  for (const s of senders) await budget.senderInfo(s); // the first is forgotten
  await budget.senderInfo(senders[3]!);
  await expect(budget.senderInfo(senders[0]!)).rejects.toBeInstanceOf(SenderReadsBusy);
  expect(budget.counts()).toEqual({ admitted: 4, refused: 1, known: 1 });
});

it('passes the other reads through untouched', async () => {
  const chain = createStaticChain();
  chain.active.add('0xabc');
  const budget = budgetSenderReads(chain, { burst: 0 });
  expect(budget.lastSeenL1Block()).toBe(chain.l1Block);
  expect(budget.lastInitializedRound()).toBe(chain.round);
  expect(budget.gasPrice()).toBe(chain.gas);
  expect(await budget.isActiveOrchestrator('0xABC')).toBe(true);
});
