// Process-wide counters of what the app asks its RPC endpoints, for /metrics: requests by method
// and endpoint role, rate-limited answers and failures. Counters live as long as the process, like
// Prometheus expects, across reconnections to another network.

export type EndpointRole = 'primary' | 'fallback';

export interface RpcMeter {
  request(method: string, endpoint: EndpointRole): void;
  rateLimited(endpoint: EndpointRole): void;
  failed(endpoint: EndpointRole): void;
  snapshot(): RpcMeterSnapshot;
}

export interface RpcMeterSnapshot {
  requests: { method: string; endpoint: EndpointRole; count: number }[];
  rateLimited: Record<EndpointRole, number>;
  failed: Record<EndpointRole, number>;
}

export function createRpcMeter(): RpcMeter {
  const requests = new Map<string, number>();
  const rateLimited: Record<EndpointRole, number> = { primary: 0, fallback: 0 };
  const failed: Record<EndpointRole, number> = { primary: 0, fallback: 0 };
  return {
    request(method, endpoint) {
      const key = `${endpoint}\n${method}`;
      requests.set(key, (requests.get(key) ?? 0) + 1);
    },
    rateLimited: (endpoint) => void rateLimited[endpoint]++,
    failed: (endpoint) => void failed[endpoint]++,
    snapshot: () => ({
      requests: [...requests].map(([key, count]) => {
        const [endpoint, method] = key.split('\n') as [EndpointRole, string];
        return { method, endpoint, count };
      }),
      rateLimited: { ...rateLimited },
      failed: { ...failed },
    }),
  };
}

/** The app's one meter: every transport counts here unless a test gives it its own. */
export const rpcMeter = createRpcMeter();

const METHOD_LABEL = /^[A-Za-z0-9_]{1,64}$/;

/** Prometheus text for the meter (method names outside a plain identifier are counted as "other"). */
export function rpcMetricsText(meter: RpcMeter = rpcMeter): string {
  const s = meter.snapshot();
  const merged = new Map<string, number>();
  for (const r of s.requests) {
    const key = `method="${METHOD_LABEL.test(r.method) ? r.method : 'other'}",endpoint="${r.endpoint}"`;
    merged.set(key, (merged.get(key) ?? 0) + r.count);
  }
  const lines = [
    '# HELP livepeer_miner_rpc_requests_total JSON-RPC requests sent to the chain RPC, by method and endpoint',
    '# TYPE livepeer_miner_rpc_requests_total counter',
    ...[...merged].sort().map(([labels, n]) => `livepeer_miner_rpc_requests_total{${labels}} ${n}`),
    '# HELP livepeer_miner_rpc_rate_limited_total Answers from the chain RPC that said "slow down"',
    '# TYPE livepeer_miner_rpc_rate_limited_total counter',
    ...(['primary', 'fallback'] as const).map(
      (e) => `livepeer_miner_rpc_rate_limited_total{endpoint="${e}"} ${s.rateLimited[e]}`,
    ),
    '# HELP livepeer_miner_rpc_failed_total Chain RPC exchanges that failed (unreachable, HTTP error, not JSON)',
    '# TYPE livepeer_miner_rpc_failed_total counter',
    ...(['primary', 'fallback'] as const).map((e) => `livepeer_miner_rpc_failed_total{endpoint="${e}"} ${s.failed[e]}`),
  ];
  return `${lines.join('\n')}\n`;
}
