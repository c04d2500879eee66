import { z } from 'zod';
import { method } from '../define.ts';

/** JSON-RPC endpoints the chain client accepts: http(s) or ws(s), nothing else. */
export const RpcUrl = z
  .string()
  .trim()
  .max(2048)
  .regex(/^(https?|wss?):\/\/[^\s/?#]+(?:[/?#]\S*)?$/i, 'Enter an http(s):// or ws(s):// RPC URL');

export const Network = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('devnet') }).strict(),
  z.object({ kind: z.literal('arbitrum-one'), rpcUrl: RpcUrl }).strict(),
]);
export type Network = z.infer<typeof Network>;

/** The network's own vocabulary: an orchestrator stakes and serves; a transcoder lends its GPU. */
export const Role = z.enum(['orchestrator', 'transcoder']);
export type Role = z.infer<typeof Role>;

export const Settings = z.object({ network: Network, role: Role });
export type Settings = z.infer<typeof Settings>;

export const SettingsPatch = z
  .object({ network: Network.optional(), role: Role.optional() })
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, 'Nothing to change');
export type SettingsPatch = z.infer<typeof SettingsPatch>;

export const DEFAULT_SETTINGS: Settings = { network: { kind: 'devnet' }, role: 'orchestrator' };

export const settings = {
  get: method({ summary: 'The current settings.', input: z.object({}).strict(), output: Settings }),
  update: method({
    summary: 'Change some settings; returns all of them. Persisted before it answers.',
    input: SettingsPatch,
    output: Settings,
  }),
};
