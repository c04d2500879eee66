import { describe, expect, it } from 'vitest';
import { toCsv } from './csv.ts';
import { aggregateEarnings, earningsCsvRows, fiatOf, projectDay, totalsOf, type RoundClock } from './earnings.ts';

const E = 10n ** 18n;
// Rounds of 6 hours; round 10 started at 2026-12-05 00:00 local time (4 rounds a day)
const start10 = new Date(2026, 11, 5, 0, 0, 0).getTime();
const clock: RoundClock = { currentRound: 10, nowMs: start10, roundSeconds: 6 * 3600 };
const row = (round: number, rewards: bigint, fees: bigint, gas: bigint, tickets = 1) => ({
  round,
  rewards: rewards.toString(),
  fees: fees.toString(),
  gasCostWei: gas.toString(),
  tickets,
});
const rows = [
  row(5, 1n * E, E / 10n, E / 1000n),
  row(6, 2n * E, 0n, E / 1000n, 0),
  row(9, 3n * E, E / 5n, E / 1000n),
  row(10, 4n * E, 0n, 0n, 0),
];

describe('earnings per round and per day', () => {
  it('keeps one bucket per round, in order', () => {
    const b = aggregateEarnings(rows, 'round', clock);
    expect(b.map((x) => x.label)).toEqual(['R5', 'R6', 'R9', 'R10']);
    expect(b[2]?.fees).toBe(E / 5n);
  });
  it('sums the rounds of each local calendar day', () => {
    // R5 = 3 Dec 18:00, R6 = 4 Dec 00:00, R9 = 4 Dec 18:00, R10 = 5 Dec 00:00
    const b = aggregateEarnings(rows, 'day', clock);
    expect(b.map((x) => [x.key, x.rounds, x.rewards])).toEqual([
      ['2026-12-03', 1, 1n * E],
      ['2026-12-04', 2, 5n * E],
      ['2026-12-05', 1, 4n * E],
    ]);
    expect(b[1]?.fees).toBe(E / 5n);
    expect(b[1]?.gas).toBe(E / 500n);
    expect(b[1]?.tickets).toBe(1);
    expect(totalsOf(b).rewards).toBe(10n * E);
  });
  it('values fees and gas with the ETH price, nets electricity, and leaves LPT unpriced without a feed', () => {
    const eth = { answer: 2000n * 10n ** 8n, decimals: 8 };
    const f = fiatOf({ fees: E / 5n, gas: E / 500n, rewards: 5n * E }, { eth, lpt: null, electricityRate: 1 }, 1.5);
    expect(f).toEqual({ fees: 400, gas: 4, rewards: null, net: 400 - 4 - 1.5 });
    const noPrice = fiatOf({ fees: E, gas: 0n, rewards: 0n }, { eth: null, lpt: null, electricityRate: 1 }, 0);
    expect(noPrice.net).toBeNull();
  });
  it('projects 24 hours from the mean of the last rounds', () => {
    const p = projectDay(rows, clock, 4); // rounds 7..10: 7 LPT, 0.2 ETH fees, 0.001 gas; 4 rounds a day
    expect(p.rewards).toBe(7n * E);
    expect(p.fees).toBe(E / 5n);
    expect(p.gas).toBe(E / 1000n);
    expect(p.rounds).toBe(4);
  });
  it('writes a CSV with exact amounts and the currency columns', () => {
    const b = aggregateEarnings(rows, 'day', clock);
    const csv = toCsv(
      earningsCsvRows(
        b,
        'day',
        'USD',
        { eth: { answer: 2000n * 10n ** 8n, decimals: 8 }, lpt: null, electricityRate: 1 },
        () => 1.2,
      ),
    );
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(
      'day,start_utc,rounds,lpt_rewards,eth_fees,winning_tickets,eth_gas,eth_net_of_gas,fees_USD,gas_USD,lpt_rewards_USD,electricity_USD,net_USD',
    );
    expect(lines).toHaveLength(4);
    expect(lines[2]).toBe(
      `2026-12-04,${new Date(start10 - 24 * 3600_000).toISOString()},2,5,0.2,1,0.002,0.198,400.00,4.00,,1.20,394.80`,
    );
    expect(lines[1]?.split(',')[7]).toBe('0.099');
  });
});
