import { z } from 'zod';
import { method } from '../define.ts';
import { Network, Role } from './settings.ts';

export const NodeState = z.enum(['stopped', 'starting', 'running', 'stopping', 'error']);
export type NodeState = z.infer<typeof NodeState>;

export const NodeStatus = z.object({
  state: NodeState,
  role: Role,
  /** The network setting with its RPC URLs redacted to scheme and host (they may carry API keys). */
  network: Network,
  /** Why the node is in this state, in words a home miner understands. */
  message: z.string(),
  /** Epoch milliseconds of the last state change. */
  since: z.number().int().nonnegative(),
});
export type NodeStatus = z.infer<typeof NodeStatus>;

export const node = {
  status: method({
    summary: 'What the node is doing now; the same value the node.status event streams.',
    input: z.object({}).strict(),
    output: NodeStatus,
  }),
};
