// Being reachable from the internet: the home router's port forward (UPnP IGD / NAT-PMP), the
// public address, and a check of the on-chain service URI, the node's TLS/HTTP/2 port and what a
// gateway sees; with plain advice when the router refuses and a previewed service URI update.
import { z } from 'zod';
import { method } from '../define.ts';
import { ChainAddress, ChainTxPreview } from './chain.ts';

const Port = z.number().int().min(1).max(65535);

export const ReachabilityMapping = z.object({
  state: z.enum(['idle', 'mapping', 'mapped', 'refused', 'stopped']),
  method: z.enum(['upnp', 'natpmp']).nullable(),
  gateway: z.string().nullable(),
  externalIp: z.string().nullable(),
  externalPort: z.number().int().nullable(),
  internalHost: z.string().nullable(),
  internalPort: z.number().int(),
  mappedAt: z.number().nullable(),
  renewedAt: z.number().nullable(),
  renewals: z.number().int(),
  attempts: z.array(z.object({ method: z.enum(['upnp', 'natpmp']), ok: z.boolean(), detail: z.string() })),
  advice: z.array(z.string()),
});
export type ReachabilityMapping = z.infer<typeof ReachabilityMapping>;

const Probe = z.object({
  host: z.string(),
  port: z.number().int(),
  tcp: z.boolean(),
  tls: z.boolean(),
  alpn: z.string().nullable(),
  certificateSubject: z.string().nullable(),
  latencyMs: z.number().nullable(),
  problem: z.string().nullable(),
});

export const ReachabilityReport = z.object({
  checkedAt: z.number(),
  orchestrator: ChainAddress.nullable(),
  onChainUri: z.string().nullable(),
  publicAddress: z.string().nullable(),
  suggestedUri: z.string().nullable(),
  uriMatches: z.boolean().nullable(),
  local: Probe.nullable(),
  gateway: Probe.nullable(),
  items: z.array(
    z.object({
      id: z.enum(['uri', 'match', 'local', 'gateway', 'forward']),
      ok: z.boolean().nullable(),
      title: z.string(),
      detail: z.string(),
    }),
  ),
  ok: z.boolean(),
});
export type ReachabilityReport = z.infer<typeof ReachabilityReport>;

export const reachability = {
  mapping: method({
    summary: 'The current port forward on the home router (or why there is none, with steps to fix it).',
    input: z.object({}).strict(),
    output: ReachabilityMapping,
  }),
  mapPort: method({
    summary: 'Ask the home router to forward the node port (UPnP IGD, then NAT-PMP); renewed until unmapPort or exit.',
    input: z
      .object({
        port: Port,
        /** The router's UPnP description URL, when discovery does not find it. */
        upnpDescriptorUrl: z.string().url().optional(),
        /** The router's address for NAT-PMP, when it is not the default gateway. */
        pmpGateway: z.string().optional(),
        /** This computer's LAN address to forward to, when it has several. */
        internalHost: z.string().optional(),
      })
      .strict(),
    output: ReachabilityMapping,
  }),
  unmapPort: method({
    summary: 'Remove the port forward from the router.',
    input: z.object({}).strict(),
    output: ReachabilityMapping,
  }),
  check: method({
    summary:
      "Check the on-chain service URI against this node's public address, the node port's TLS/HTTP/2, and what a gateway sees.",
    input: z
      .object({
        orchestrator: ChainAddress.optional(),
        port: Port,
        /** A public address or DNS name to use instead of the router's. */
        publicHost: z.string().max(253).optional(),
      })
      .strict(),
    output: ReachabilityReport,
  }),
  prepareServiceUri: method({
    summary: 'Preview setting the on-chain service URI (confirm with chain.confirm).',
    input: z.object({ from: ChainAddress, uri: z.string().max(2048) }).strict(),
    output: ChainTxPreview,
  }),
};
