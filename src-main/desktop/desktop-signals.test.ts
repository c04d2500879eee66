// Contract events, emitted through the real EventHub (so payloads pass the contract's schemas),
// become the signals the notification policy and the tray's attention list act on.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  type ChainRewardStatus,
  type TelemetrySample,
  type WinningTicketEntry,
} from '../../src-shared/contract/index.ts';
import { createEventHub } from '../core/event-hub.ts';
import { createLogSink } from '../log/logger.ts';
import { blankReading } from '../gpu/nvidia-smi.ts';
import { feedSignalsFromEvents } from './desktop-signals.ts';
import type { DesktopSignal } from './notification-policy.ts';

const ORCH = '0x' + '11'.repeat(20);

function setup(wanted = true) {
  const hub = createEventHub(createLogSink({ printLevel: 'error' }).root);
  const signals: DesktopSignal[] = [];
  const off = feedSignalsFromEvents(
    hub,
    'stopped',
    () => wanted,
    (s) => signals.push(s),
  );
  return { hub, signals, off };
}

function rewardStatus(patch: Partial<ChainRewardStatus>): ChainRewardStatus {
  return {
    orchestrator: ORCH,
    state: 'idle',
    message: '',
    lastRewardRound: null,
    lastCheckedAt: null,
    missed: null,
    attempts: [],
    ...patch,
  };
}

const attempt = (
  round: string,
  state: 'confirmed' | 'failed' | 'skipped',
  action: 'reward' | 'initializeRound' = 'reward',
) => ({
  id: 1,
  round,
  action,
  state,
  txHash: null,
  gasUsed: null,
  costWei: null,
  detail: state === 'failed' ? 'execution reverted' : '',
  at: 0,
});

function ticket(hash: string, state: WinningTicketEntry['state']): WinningTicketEntry {
  return {
    hash,
    sender: ORCH,
    faceValue: '5000000000000000',
    winProb: '1',
    creationRound: '10',
    receivedAt: 1,
    state,
    txHash: null,
    gasCost: null,
    paid: null,
    error: null,
    updatedAt: 2,
  };
}

function telemetry(temps: (number | null)[]): TelemetrySample {
  return {
    time: 1,
    source: { state: 'ok', message: '' },
    gpus: temps.map((t, index) => ({ ...blankReading(index), name: 'RTX', temperatureC: t })),
    system: { cpuLoadPct: null, memoryUsedBytes: null, memoryTotalBytes: null },
  };
}

describe('desktop signals from contract events', () => {
  it('reports node status changes with whether the user wanted the node on', () => {
    const { hub, signals } = setup(true);
    const status = { role: DEFAULT_SETTINGS.role, network: DEFAULT_SETTINGS.network, since: 1 };
    hub.emit('node.status', { ...status, state: 'running', message: 'ok' });
    hub.emit('node.status', { ...status, state: 'error', message: 'exit code 1' });
    expect(signals).toMatchObject([
      { type: 'node.status', previous: 'stopped', status: { state: 'running' }, wanted: true },
      { type: 'node.status', previous: 'running', status: { state: 'error', message: 'exit code 1' }, wanted: true },
    ]);
  });

  it('turns reward attempts into failed and called signals', () => {
    const { hub, signals } = setup();
    hub.emit('chain.reward', rewardStatus({ attempts: [attempt('12', 'failed')] }));
    hub.emit('chain.reward', rewardStatus({ attempts: [attempt('12', 'skipped')] }));
    hub.emit('chain.reward', rewardStatus({ attempts: [attempt('12', 'confirmed', 'initializeRound')] }));
    hub.emit('chain.reward', rewardStatus({ lastRewardRound: '12', attempts: [attempt('12', 'confirmed')] }));
    expect(signals).toEqual([
      { type: 'reward.failed', round: 12, reason: 'execution reverted' },
      { type: 'reward.called', round: 12 },
    ]);
  });

  it('reports a missed reward only for a whole round watched with the service on', () => {
    const { hub, signals } = setup();
    // Round 20 starts before the service reports: not watched from its start, never "missed".
    hub.emit('chain.round', { round: '20', initialized: true, blockNumber: '1000' });
    hub.emit('chain.reward', rewardStatus({ lastRewardRound: '19' }));
    hub.emit('chain.round', { round: '21', initialized: true, blockNumber: '1050' });
    expect(signals).toEqual([]);
    // Round 21 ends without a call: missed.
    hub.emit('chain.round', { round: '22', initialized: true, blockNumber: '1100' });
    expect(signals).toEqual([{ type: 'reward.missed', round: 21 }]);
    // Round 22 is called: nothing when 23 begins; a repeated round event changes nothing.
    hub.emit('chain.reward', rewardStatus({ lastRewardRound: '22', attempts: [attempt('22', 'confirmed')] }));
    hub.emit('chain.round', { round: '23', initialized: true, blockNumber: '1150' });
    hub.emit('chain.round', { round: '23', initialized: true, blockNumber: '1150' });
    expect(signals.slice(1)).toEqual([{ type: 'reward.called', round: 22 }]);
    // With the service stopped a round without a call is not a miss.
    hub.emit('chain.reward', rewardStatus({ state: 'stopped', lastRewardRound: '22' }));
    hub.emit('chain.round', { round: '24', initialized: true, blockNumber: '1200' });
    hub.emit('chain.round', { round: '25', initialized: true, blockNumber: '1250' });
    expect(signals).toHaveLength(2);
  });

  it('reports each redeemed winning ticket once, with its face value', () => {
    const { hub, signals } = setup();
    hub.emit('orchestrator.ticket', ticket('0xaa', 'pending'));
    hub.emit('orchestrator.ticket', ticket('0xaa', 'submitted'));
    hub.emit('orchestrator.ticket', ticket('0xaa', 'redeemed'));
    hub.emit('orchestrator.ticket', ticket('0xaa', 'redeemed'));
    hub.emit('orchestrator.ticket', ticket('0xbb', 'failed'));
    expect(signals).toEqual([{ type: 'ticket.redeemed', amountWei: '5000000000000000' }]);
  });

  it('reports every GPU temperature that nvidia-smi gave', () => {
    const { hub, signals } = setup();
    hub.emit('gpu.telemetry', telemetry([88, null, 60]));
    expect(signals).toEqual([
      { type: 'gpu.temperature', gpu: '0', celsius: 88 },
      { type: 'gpu.temperature', gpu: '2', celsius: 60 },
    ]);
  });

  it('stops when unsubscribed', () => {
    const { hub, signals, off } = setup();
    off();
    hub.emit('gpu.telemetry', telemetry([95]));
    expect(signals).toEqual([]);
  });
});
