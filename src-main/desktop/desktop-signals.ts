// Turns contract events into DesktopSignals for the notification policy and the tray's attention
// list: the node status, the reward service (failed, called, missed), redeemed winning tickets, GPU
// temperatures and governance proposals. Low ETH comes from balance-watch.ts (no event carries it).
import {
  ChainNewRound,
  ChainRewardStatus,
  GovernanceProposalOpened,
  NodeStatus,
  TelemetrySample,
  WinningTicketEntry,
  type NodeState,
} from '../../src-shared/contract/index.ts';
import type { EventHub } from '../core/event-hub.ts';
import type { DesktopSignal } from './notification-policy.ts';

/** How many redeemed ticket hashes are remembered to report each ticket once. */
const SEEN_TICKETS = 1000;

export interface SignalTranslator {
  /** The signals one pushed event stands for (none for most events). */
  translate(message: { event: string; payload: unknown }): DesktopSignal[];
}

export function createSignalTranslator(
  initialNodeState: NodeState,
  /** Whether the user wants the node running now (the transcoding control's `active`). */
  wanted: () => boolean,
): SignalTranslator {
  let previousNode = initialNodeState;
  // The reward service as last reported, and the round we saw begin (to tell a missed one).
  let reward: { calling: boolean; lastRewardRound: number | null } = { calling: false, lastRewardRound: null };
  let round: { number: number; rewardExpected: boolean } | null = null;
  const redeemed = new Set<string>();
  let missedReported = -1;

  return {
    translate({ event, payload }) {
      switch (event) {
        case 'node.status': {
          const status = NodeStatus.safeParse(payload);
          if (!status.success) return [];
          const signal: DesktopSignal = {
            type: 'node.status',
            previous: previousNode,
            status: status.data,
            wanted: wanted(),
          };
          previousNode = status.data.state;
          return [signal];
        }
        case 'chain.reward': {
          const parsed = ChainRewardStatus.safeParse(payload);
          if (!parsed.success) return [];
          const s = parsed.data;
          reward = {
            // The service is on for an orchestrator: a round without a call is then a miss.
            calling: s.orchestrator !== null && s.state !== 'stopped' && s.state !== 'paused',
            lastRewardRound: s.lastRewardRound === null ? reward.lastRewardRound : Number(s.lastRewardRound),
          };
          // The reward service saw the round end without a call and knows why (RPC, gas, not active, locked).
          if (s.missed && Number(s.missed.round) > missedReported) {
            missedReported = Number(s.missed.round);
            return [{ type: 'reward.missed', round: missedReported, reason: s.missed.reason }];
          }
          const attempt = s.attempts[0];
          if (!attempt || attempt.action !== 'reward') return [];
          if (attempt.state === 'failed')
            return [{ type: 'reward.failed', round: Number(attempt.round), reason: attempt.detail }];
          if (attempt.state === 'confirmed') return [{ type: 'reward.called', round: Number(attempt.round) }];
          return [];
        }
        case 'chain.round': {
          const parsed = ChainNewRound.safeParse(payload);
          if (!parsed.success) return [];
          const next = Number(parsed.data.round);
          if (round !== null && next <= round.number) return [];
          const ended = round;
          round = { number: next, rewardExpected: reward.calling };
          // Only a round watched from start to end with the service on counts as missed.
          if (
            ended?.rewardExpected &&
            reward.calling &&
            (reward.lastRewardRound ?? -1) < ended.number &&
            ended.number > missedReported
          ) {
            missedReported = ended.number;
            return [{ type: 'reward.missed', round: ended.number }];
          }
          return [];
        }
        case 'orchestrator.ticket': {
          const ticket = WinningTicketEntry.safeParse(payload);
          if (!ticket.success || ticket.data.state !== 'redeemed' || redeemed.has(ticket.data.hash)) return [];
          redeemed.add(ticket.data.hash);
          if (redeemed.size > SEEN_TICKETS) redeemed.delete(redeemed.values().next().value as string);
          return [{ type: 'ticket.redeemed', amountWei: ticket.data.faceValue }];
        }
        case 'gpu.telemetry': {
          const sample = TelemetrySample.safeParse(payload);
          if (!sample.success) return [];
          return sample.data.gpus.flatMap((g): DesktopSignal[] =>
            g.temperatureC === null ? [] : [{ type: 'gpu.temperature', gpu: String(g.index), celsius: g.temperatureC }],
          );
        }
        case 'governance.proposal': {
          const opened = GovernanceProposalOpened.safeParse(payload);
          return opened.success ? [{ type: 'governance.proposal', ...opened.data }] : [];
        }
        default:
          return [];
      }
    },
  };
}

export function feedSignalsFromEvents(
  events: EventHub,
  initialNodeState: NodeState,
  wanted: () => boolean,
  feed: (signal: DesktopSignal) => void,
): () => void {
  const translator = createSignalTranslator(initialNodeState, wanted);
  return events.subscribe((message) => {
    for (const signal of translator.translate(message)) feed(signal);
  });
}
