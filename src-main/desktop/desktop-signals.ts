// Turns contract events into DesktopSignals for the notification policy: the node status and
// governance proposals opening today; the chain, wallet and GPU monitors (later) add theirs here, or
// call `feed` directly until their events exist.
import { GovernanceProposalOpened, NodeStatus, type NodeState } from '../../src-shared/contract/index.ts';
import type { EventHub } from '../host/event-hub.ts';
import type { DesktopSignal } from './notification-policy.ts';

export function feedSignalsFromEvents(
  events: EventHub,
  initialNodeState: NodeState,
  /** Whether the user wants the node running now (the transcoding control's `active`). */
  wanted: () => boolean,
  feed: (signal: DesktopSignal) => void,
): () => void {
  let previous = initialNodeState;
  return events.subscribe((message) => {
    if (message.event === 'governance.proposal') {
      const opened = GovernanceProposalOpened.safeParse(message.payload);
      if (opened.success) feed({ type: 'governance.proposal', ...opened.data });
      return;
    }
    if (message.event !== 'node.status') return;
    const status = NodeStatus.safeParse(message.payload);
    if (!status.success) return;
    const signal: DesktopSignal = { type: 'node.status', previous, status: status.data, wanted: wanted() };
    previous = status.data.state;
    feed(signal);
  });
}
