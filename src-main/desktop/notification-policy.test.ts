import { describe, expect, it } from 'vitest';
import { DEFAULT_DESKTOP_SETTINGS, type NotificationKind } from '../../src-shared/contract/index.ts';
import { attentionList, nextAttention, type AttentionItems } from './attention.ts';
import {
  createNotificationPolicy,
  formatEth,
  LOW_ETH_WEI,
  MAX_PER_HOUR,
  type DesktopSignal,
} from './notification-policy.ts';

const ALL_ON = Object.fromEntries(Object.keys(DEFAULT_DESKTOP_SETTINGS.notifications).map((k) => [k, true])) as Record<
  NotificationKind,
  boolean
>;

function policy(prefs: Partial<Record<NotificationKind, boolean>> = ALL_ON) {
  const clock = { now: 0 };
  const p = createNotificationPolicy({
    prefs: () => ({ ...DEFAULT_DESKTOP_SETTINGS.notifications, ...prefs }),
    now: () => clock.now,
  });
  return { clock, kind: (s: DesktopSignal) => p.consider(s)?.kind ?? null, consider: p.consider };
}

const stopped = (
  previous: 'running' | 'starting' | 'stopping' | 'stopped',
  state: 'stopped' | 'error',
  wanted: boolean,
): DesktopSignal => ({
  type: 'node.status',
  previous,
  status: { state, message: 'exit code 1' },
  wanted,
});

describe('notification policy', () => {
  it('is opt-in: the defaults show nothing at all', () => {
    const p = policy(DEFAULT_DESKTOP_SETTINGS.notifications);
    const signals: DesktopSignal[] = [
      stopped('running', 'error', true),
      { type: 'reward.failed', round: 1, reason: 'x' },
      { type: 'reward.missed', round: 2 },
      { type: 'ticket.redeemed', amountWei: '1' },
      { type: 'balance.eth', wei: '0' },
      { type: 'gpu.temperature', gpu: '0', celsius: 99 },
      { type: 'update.available', version: '9.9.9' },
    ];
    expect(signals.map(p.kind)).toEqual([null, null, null, null, null, null, null]);
  });

  it('honours each switch on its own', () => {
    const p = policy({ ticketRedeemed: true });
    expect(p.kind({ type: 'reward.failed', round: 1, reason: 'x' })).toBeNull();
    expect(p.consider({ type: 'ticket.redeemed', amountWei: '12345000000000000' })).toEqual({
      kind: 'ticketRedeemed',
      title: 'Winning ticket redeemed',
      body: '0.0123 ETH in fees is on its way to your account.',
    });
  });

  it('calls a stop unexpected only when the node was up and the user still wanted it', () => {
    expect(policy().kind(stopped('running', 'error', true))).toBe('nodeStopped');
    expect(policy().kind(stopped('starting', 'error', false))).toBe('nodeStopped'); // a crash is always unexpected
    expect(policy().kind(stopped('running', 'stopped', true))).toBe('nodeStopped');
    expect(policy().kind(stopped('running', 'stopped', false))).toBeNull(); // the user switched it off or paused
    expect(policy().kind(stopped('stopping', 'stopped', true))).toBeNull();
    expect(policy().kind(stopped('stopped', 'error', true))).toBeNull(); // a failed start is not a stop
  });

  it('tells about a reward problem once per round', () => {
    const p = policy();
    expect(p.kind({ type: 'reward.failed', round: 7, reason: 'gas' })).toBe('rewardFailed');
    expect(p.kind({ type: 'reward.failed', round: 7, reason: 'gas' })).toBeNull();
    expect(p.kind({ type: 'reward.missed', round: 7 })).toBeNull();
    expect(p.kind({ type: 'reward.missed', round: 8 })).toBe('rewardFailed');
    expect(p.kind({ type: 'reward.called', round: 9 })).toBeNull();
  });

  it('warns of low ETH when it drops below the threshold, again only after a top-up', () => {
    const p = policy();
    const low = (LOW_ETH_WEI - 1n).toString();
    expect(p.kind({ type: 'balance.eth', wei: LOW_ETH_WEI.toString() })).toBeNull();
    expect(p.kind({ type: 'balance.eth', wei: low })).toBe('lowEth');
    p.clock.now += 7 * 3_600_000;
    expect(p.kind({ type: 'balance.eth', wei: '1' })).toBeNull(); // still the same low spell
    expect(p.kind({ type: 'balance.eth', wei: '5000000000000000' })).toBeNull();
    expect(p.kind({ type: 'balance.eth', wei: low })).toBe('lowEth');
    // A top-up and a new drop within the interval stay quiet.
    expect(p.kind({ type: 'balance.eth', wei: '5000000000000000' })).toBeNull();
    expect(p.kind({ type: 'balance.eth', wei: low })).toBeNull();
  });

  it('warns of a hot GPU per GPU, re-arming only after it cools below 80 °C', () => {
    const p = policy();
    const temp = (gpu: string, celsius: number) => p.kind({ type: 'gpu.temperature', gpu, celsius });
    expect(temp('0', 84.9)).toBeNull();
    expect(temp('0', 85)).toBe('gpuHot');
    expect(temp('1', 90)).toBe('gpuHot');
    p.clock.now += 3_600_000;
    expect(temp('0', 88)).toBeNull(); // still hot, no repeat
    expect(temp('0', 82)).toBeNull(); // cooler, but not cool
    expect(temp('0', 86)).toBeNull();
    expect(temp('0', 79)).toBeNull();
    expect(temp('0', 86)).toBe('gpuHot');
  });

  it('spaces out repeats of the same kind', () => {
    const p = policy();
    const ticket = () => p.kind({ type: 'ticket.redeemed', amountWei: '1000000000000000000' });
    expect(ticket()).toBe('ticketRedeemed');
    p.clock.now += 9 * 60_000;
    expect(ticket()).toBeNull();
    p.clock.now += 60_000;
    expect(ticket()).toBe('ticketRedeemed');
    expect(p.kind({ type: 'update.available', version: '1.0.0' })).toBe('updateAvailable');
    expect(p.kind({ type: 'update.available', version: '1.0.0' })).toBeNull();
    expect(p.kind({ type: 'update.available', version: '1.0.1' })).toBe('updateAvailable');
  });

  it('announces each governance proposal once when switched on', () => {
    const off = policy({});
    expect(off.kind({ type: 'governance.proposal', id: '1', title: 'LIP-1', voteEnd: '9' })).toBeNull();
    const p = policy({ proposalOpened: true });
    expect(p.consider({ type: 'governance.proposal', id: '1', title: 'LIP-1', voteEnd: '9' })).toEqual({
      kind: 'proposalOpened',
      title: 'A governance proposal is open for votes',
      body: 'LIP-1: vote with your stake before round 9 ends.',
    });
    expect(p.kind({ type: 'governance.proposal', id: '1', title: 'LIP-1', voteEnd: '9' })).toBeNull();
    expect(p.kind({ type: 'governance.proposal', id: '2', title: 'LIP-2', voteEnd: '9' })).toBe('proposalOpened');
  });

  it(`shows at most ${MAX_PER_HOUR} in any hour`, () => {
    const p = policy();
    const shown = Array.from({ length: 10 }, (_, round) => p.kind({ type: 'reward.failed', round, reason: 'x' }));
    expect(shown.filter(Boolean)).toHaveLength(MAX_PER_HOUR);
    p.clock.now += 3_600_000;
    expect(p.kind({ type: 'reward.failed', round: 99, reason: 'x' })).toBe('rewardFailed');
  });

  it('formats wei as ETH without floating point', () => {
    expect(formatEth(0n)).toBe('0 ETH');
    expect(formatEth(10n ** 18n)).toBe('1 ETH');
    expect(formatEth(1_500_000_000_000_000_000n)).toBe('1.5 ETH');
    expect(formatEth(123_456_789_000_000_000_000n)).toBe('123.4567 ETH');
    expect(formatEth(1n)).toBe('0 ETH');
  });
});

describe('attention items', () => {
  it('open on a problem and close when it is over', () => {
    let items: AttentionItems = new Map();
    const apply = (s: DesktopSignal) => (items = nextAttention(items, s));
    apply({ type: 'balance.eth', wei: '1' });
    apply({ type: 'gpu.temperature', gpu: '0', celsius: 90 });
    apply({ type: 'reward.failed', round: 3, reason: 'x' });
    expect(attentionList(items)).toEqual(['reward call failed in round 3', 'GPU 0 is too hot', 'low ETH for gas']);
    apply({ type: 'gpu.temperature', gpu: '0', celsius: 82 });
    expect(items.size).toBe(3); // not cool yet
    apply({ type: 'gpu.temperature', gpu: '0', celsius: 70 });
    apply({ type: 'balance.eth', wei: LOW_ETH_WEI.toString() });
    apply({ type: 'reward.called', round: 4 });
    expect(attentionList(items)).toEqual([]);
  });

  it('keep the same object when nothing changed', () => {
    const items: AttentionItems = new Map([['lowEth', 'low ETH for gas']]);
    expect(nextAttention(items, { type: 'balance.eth', wei: '1' })).toBe(items);
    expect(nextAttention(items, { type: 'update.available', version: '1' })).toBe(items);
  });
});
