// Which happenings become a desktop notification: only kinds the user opted in to, once per
// occurrence (a round, a version), with thresholds that re-arm only after recovering (hot GPU,
// low ETH), per-kind minimum intervals and an overall cap so a flapping node cannot spam.
import type { NodeState, NodeStatus, NotificationKind } from '../../src-shared/contract/index.ts';

/** What the node, chain and updater report; the host turns contract events into these. */
export type DesktopSignal =
  | { type: 'node.status'; previous: NodeState; status: Pick<NodeStatus, 'state' | 'message'>; wanted: boolean }
  | { type: 'reward.failed'; round: number; reason: string }
  | { type: 'reward.missed'; round: number; reason?: string }
  | { type: 'reward.called'; round: number }
  | { type: 'ticket.redeemed'; amountWei: string }
  | { type: 'balance.eth'; wei: string }
  | { type: 'gpu.temperature'; gpu: string; celsius: number }
  | { type: 'update.available'; version: string }
  | { type: 'governance.proposal'; id: string; title: string; voteEnd: string };

export interface DesktopNotification {
  kind: NotificationKind;
  title: string;
  body: string;
}

/** Below this the account cannot pay for many reward calls and redemptions (0.002 ETH). */
export const LOW_ETH_WEI = 2_000_000_000_000_000n;
export const GPU_HOT_CELSIUS = 85;
/** A hot GPU must cool below this before it can warn again. */
export const GPU_COOL_CELSIUS = 80;

/** Minimum time between two notifications with the same key (a kind, or a kind and a subject). */
export const MIN_INTERVAL_MS: Record<NotificationKind, number> = {
  rewardFailed: 0, // keyed per round: one per round
  ticketRedeemed: 10 * 60_000,
  lowEth: 6 * 3_600_000,
  gpuHot: 30 * 60_000,
  nodeStopped: 10 * 60_000,
  updateAvailable: 0, // keyed per version
  proposalOpened: 0, // keyed per proposal
};
/** At most this many notifications in any hour, all kinds together. */
export const MAX_PER_HOUR = 6;

export interface NotificationPolicy {
  consider(signal: DesktopSignal): DesktopNotification | null;
}

export function formatEth(wei: bigint): string {
  const whole = wei / 10n ** 18n;
  const frac = (wei % 10n ** 18n).toString().padStart(18, '0').slice(0, 4).replace(/0+$/, '');
  return frac ? `${whole}.${frac} ETH` : `${whole} ETH`;
}

export function createNotificationPolicy(options: {
  prefs: () => Readonly<Record<NotificationKind, boolean>>;
  now?: () => number;
}): NotificationPolicy {
  const now = options.now ?? Date.now;
  const lastShown = new Map<string, number>();
  const recent: number[] = [];
  const hotGpus = new Set<string>();
  let lowEthArmed = true;

  /** Classifies a signal into a candidate notification and its rate-limit key (state updates here). */
  function candidate(signal: DesktopSignal): { note: DesktopNotification; key: string } | null {
    switch (signal.type) {
      case 'node.status': {
        const wasUp = signal.previous === 'running' || signal.previous === 'starting';
        const unexpected = signal.status.state === 'error' || (signal.status.state === 'stopped' && signal.wanted);
        if (!wasUp || !unexpected) return null;
        return {
          key: 'nodeStopped',
          note: { kind: 'nodeStopped', title: 'The node stopped unexpectedly', body: signal.status.message },
        };
      }
      case 'reward.called':
        return null;
      case 'reward.failed':
        return {
          key: `rewardFailed:${signal.round}`,
          note: {
            kind: 'rewardFailed',
            title: `Reward call failed in round ${signal.round}`,
            body: `${signal.reason} Call it again before the round ends to keep this round's LPT.`,
          },
        };
      case 'reward.missed':
        return {
          key: `rewardFailed:${signal.round}`,
          note: {
            kind: 'rewardFailed',
            title: `Reward missed in round ${signal.round}`,
            body: `The round ended without a reward call${signal.reason ? ` (${signal.reason})` : ''}; this round's LPT rewards are lost.`,
          },
        };
      case 'ticket.redeemed':
        return {
          key: 'ticketRedeemed',
          note: {
            kind: 'ticketRedeemed',
            title: 'Winning ticket redeemed',
            body: `${formatEth(BigInt(signal.amountWei))} in fees is on its way to your account.`,
          },
        };
      case 'balance.eth': {
        const wei = BigInt(signal.wei);
        if (wei >= LOW_ETH_WEI) {
          lowEthArmed = true;
          return null;
        }
        if (!lowEthArmed) return null;
        lowEthArmed = false;
        return {
          key: 'lowEth',
          note: {
            kind: 'lowEth',
            title: 'Low ETH for gas',
            body: `Your node account holds ${formatEth(wei)}. Add ETH so reward calls and ticket redemptions can be paid for.`,
          },
        };
      }
      case 'gpu.temperature': {
        if (signal.celsius < GPU_COOL_CELSIUS) hotGpus.delete(signal.gpu);
        if (signal.celsius < GPU_HOT_CELSIUS || hotGpus.has(signal.gpu)) return null;
        hotGpus.add(signal.gpu);
        return {
          key: `gpuHot:${signal.gpu}`,
          note: {
            kind: 'gpuHot',
            title: `GPU ${signal.gpu} is at ${Math.round(signal.celsius)} °C`,
            body: 'Check the fans and airflow, or lower the number of sessions.',
          },
        };
      }
      case 'update.available':
        return {
          key: `updateAvailable:${signal.version}`,
          note: {
            kind: 'updateAvailable',
            title: `Livepeer Miner ${signal.version} is available`,
            body: 'It downloads in the background; you choose when to restart.',
          },
        };
      case 'governance.proposal':
        return {
          key: `proposalOpened:${signal.id}`,
          note: {
            kind: 'proposalOpened',
            title: 'A governance proposal is open for votes',
            body: `${signal.title}: vote with your stake before round ${signal.voteEnd} ends.`,
          },
        };
    }
  }

  return {
    consider(signal) {
      const found = candidate(signal);
      if (!found || !options.prefs()[found.note.kind]) return null;
      const t = now();
      const previous = lastShown.get(found.key);
      const interval = MIN_INTERVAL_MS[found.note.kind];
      const perOccurrence = interval === 0;
      if (previous !== undefined && (perOccurrence || t - previous < interval)) return null;
      while (recent.length > 0 && t - (recent[0] ?? t) >= 3_600_000) recent.shift();
      if (recent.length >= MAX_PER_HOUR) return null;
      lastShown.set(found.key, t);
      recent.push(t);
      return found.note;
    },
  };
}
