// The problems that turn the tray icon to "attention" until they are fixed: each is set by one
// signal and cleared by the signal that shows it is over (ETH topped up, GPU cooled, reward called).
import { GPU_COOL_CELSIUS, GPU_HOT_CELSIUS, LOW_ETH_WEI, type DesktopSignal } from './notification-policy.ts';

export type AttentionItems = ReadonlyMap<string, string>;

/** The next set of problems after a signal (a new map when something changed, else the same one). */
export function nextAttention(items: AttentionItems, signal: DesktopSignal): AttentionItems {
  const next = new Map(items);
  switch (signal.type) {
    case 'balance.eth':
      if (BigInt(signal.wei) < LOW_ETH_WEI) next.set('lowEth', 'low ETH for gas');
      else next.delete('lowEth');
      break;
    case 'gpu.temperature':
      if (signal.celsius >= GPU_HOT_CELSIUS) next.set(`gpuHot:${signal.gpu}`, `GPU ${signal.gpu} is too hot`);
      else if (signal.celsius < GPU_COOL_CELSIUS) next.delete(`gpuHot:${signal.gpu}`);
      break;
    case 'reward.failed':
      next.set('reward', `reward call failed in round ${signal.round}`);
      break;
    case 'reward.missed':
      next.set('reward', `reward missed in round ${signal.round}`);
      break;
    case 'reward.called':
      next.delete('reward');
      break;
    default:
      return items;
  }
  const same = next.size === items.size && [...next].every(([k, v]) => items.get(k) === v);
  return same ? items : next;
}

/** Newest first, as the tray wants them. */
export function attentionList(items: AttentionItems): string[] {
  return [...items.values()].reverse();
}
