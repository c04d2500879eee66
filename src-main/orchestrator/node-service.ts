// The `node` contract service: the lifecycle state the runtimes report to the tracker.
import type { node } from '../../src-shared/contract/index.ts';
import type { ServiceImpl } from '../core/service.ts';
import type { NodeStatusTracker } from './node-status.ts';

export function createNodeService(tracker: NodeStatusTracker): ServiceImpl<typeof node> {
  return { status: () => tracker.get() };
}
