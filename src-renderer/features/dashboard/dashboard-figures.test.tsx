// @vitest-environment happy-dom
// The dashboard's figures follow the node's pushed state, with no reload: the rate falls when the
// host pushes its decayed figure, the switch's words follow the node (not just the switch), the
// session cap is one figure, and the reward record counts rounds, not attempts.
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  type ChainRewardStatus,
  type OrchestratorStats,
} from '../../../src-shared/contract/index.ts';
import { createFakeTransport, type FakeTransport } from '../../api/testing/fake-transport.ts';
import { rewardRecord, rewardRecordText } from '../../state/chain-derived.ts';
import { connect } from '../../state/connect.ts';
import { useNodeStore } from '../../state/node-store.ts';
import { useOrchestratorStore } from '../../state/orchestrator-store.ts';
import { Stat } from './Stat.tsx';
import { NodeToggle } from './NodeToggle.tsx';
import { sessionsHint, switchView } from './node-figures.ts';

const STATS: OrchestratorStats = {
  accepting: true,
  serviceUri: 'https://127.0.0.1:8935',
  activeSessions: 1,
  maxSessions: 1,
  maxSessionsReason: 'what your GPUs take (benchmark), below your limit of 10',
  segmentsPerMinute: 18,
  segmentsTotal: 40,
  segmentsFailed: 0,
  latencyP50Ms: 120,
  latencyP95Ms: 300,
  ticketsReceived: 40,
  ticketsWon: 3,
  ticketValueReceived: '0',
  pendingRedemption: '0',
  redeemed: '0',
  redemptionGas: '0',
  lastEarningAt: null,
};
const NODE = { role: 'orchestrator', network: { kind: 'devnet' }, since: 1 } as const;

let stop: (() => void) | null = null;
afterEach(() => {
  cleanup();
  stop?.();
  stop = null;
  useNodeStore.setState({ status: null });
  useOrchestratorStore.setState({ stats: null, demo: null, tickets: null });
});

function connected(): FakeTransport {
  const transport = createFakeTransport();
  stop = connect(transport);
  return transport;
}

function LiveRate() {
  const stats = useOrchestratorStore((s) => s.stats);
  return (
    <Stat label="Segments per minute" testId="rate" value={stats ? String(stats.segmentsPerMinute) : null} hint="" />
  );
}

describe('live dashboard figures', () => {
  it('shows the rate the host pushes and falls to 0 when the decayed figure arrives, without a reload', () => {
    const transport = connected();
    render(<LiveRate />);
    expect(screen.getByTestId('rate').textContent).toBe('—');
    act(() => transport.emit('orchestrator.stats', STATS));
    expect(screen.getByTestId('rate').textContent).toBe('18');
    act(() => transport.emit('orchestrator.stats', { ...STATS, segmentsPerMinute: 7 }));
    expect(screen.getByTestId('rate').textContent).toBe('7');
    act(() => transport.emit('orchestrator.stats', { ...STATS, segmentsPerMinute: 0, accepting: false }));
    expect(screen.getByTestId('rate').textContent).toBe('0');
  });

  it('says "On" only while the node serves; stopped, locked, starting or paused say so', () => {
    const transport = connected();
    const on = { ...DEFAULT_SETTINGS, transcodingEnabled: true, pausedUntil: null };
    render(<NodeToggle settings={on} />);
    const text = () => screen.getByTestId('transcoding-state').textContent ?? '';
    const label = () => screen.getByTestId('transcoding-toggle').textContent ?? '';
    act(() =>
      transport.emit('node.status', {
        ...NODE,
        state: 'stopped',
        message: 'Waiting for an unlock: unlock the wallet once',
      }),
    );
    expect(text()).toBe('Switched on, but the node is not serving: Waiting for an unlock: unlock the wallet once.');
    expect(label()).toBe('Wait');
    act(() =>
      transport.emit('node.status', { ...NODE, state: 'running', message: 'Serving gateways on https://x:8935' }),
    );
    act(() => transport.emit('orchestrator.stats', STATS));
    expect(text()).toMatch(/^On — your GPU accepts work from the network\. Serving gateways/);
    expect(label()).toBe('On');
    act(() => transport.emit('node.status', { ...NODE, state: 'stopping', message: 'Switched off: finishing 1' }));
    expect(label()).toBe('Drain');

    const paused = switchView({ ...on, pausedUntil: 5 }, { state: 'stopped', message: 'x' }, STATS, () => '10:00');
    expect(paused).toMatchObject({ label: 'Paused', text: 'Paused until 10:00: no new work is accepted.' });
    expect(switchView({ ...on, transcodingEnabled: false }, { state: 'stopped', message: 'x' }, null).label).toBe(
      'Off',
    );
    expect(switchView(on, { state: 'error', message: 'The chain RPC does not answer.' }, STATS).text).toBe(
      'Switched on, but the node has a problem: The chain RPC does not answer.',
    );
  });

  it('gives the session cap with what sets it, and when full says running streams go on', () => {
    expect(sessionsHint({ ...STATS, activeSessions: 0 })).toBe(
      'At most 1: what your GPUs take (benchmark), below your limit of 10.',
    );
    expect(sessionsHint(STATS)).toContain('All in use: the streams you serve go on');
    expect(sessionsHint({ ...STATS, accepting: false })).not.toContain('All in use');
  });
});

describe('reward record', () => {
  const confirmed = (round: number) => ({
    id: round,
    round: String(round),
    action: 'reward' as const,
    state: 'confirmed' as const,
    txHash: null,
    gasUsed: null,
    costWei: null,
    detail: '',
    at: 0,
  });
  const reward = (rounds: number[]): ChainRewardStatus => ({
    orchestrator: null,
    state: 'idle',
    message: '',
    lastRewardRound: null,
    lastCheckedAt: null,
    missed: null,
    attempts: rounds.map(confirmed),
  });

  it('counts rewarded rounds among the last 30 rounds from the indexed rounds, not the last 20 attempts', () => {
    // 13 rewarded rounds in the index (100…124), and round 126's call the index has not read yet.
    const earnings = Array.from({ length: 13 }, (_, i) => ({ round: 100 + i * 2, rewards: '1000' }));
    const r = rewardRecord({ reward: reward([124, 126]), earnings, activationRound: 50, currentRound: 126 });
    expect(r).toMatchObject({ called: 14, rounds: 30, sinceStart: false, thisRound: true });
    expect(rewardRecordText(r)).toBe('14 of the last 30 rounds');
  });

  it('ignores rounds outside the window and rounds with no reward', () => {
    const earnings = [
      { round: 90, rewards: '5' },
      { round: 120, rewards: '0' },
      { round: 121, rewards: '5' },
    ];
    const r = rewardRecord({ reward: null, earnings, activationRound: 10, currentRound: 125 });
    expect(r.called).toBe(1);
  });

  it('says "since you started" when fewer than 30 rounds have passed since activation', () => {
    const r = rewardRecord({ reward: reward([3, 4]), earnings: [], activationRound: 2, currentRound: 5 });
    expect(r).toMatchObject({ called: 2, rounds: 4, sinceStart: true });
    expect(rewardRecordText(r)).toBe('2 of 4 rounds since you started');
  });
});
