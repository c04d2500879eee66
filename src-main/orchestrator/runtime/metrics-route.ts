// GET /metrics on the admin port: the orchestrator's Prometheus text (go-livepeer metric names)
// and what the app asks of its chain RPC (requests by method and endpoint, rate-limited, failed).
// No token: Prometheus scrapes it, and it holds no secrets (counts, sender addresses, timings; no RPC URL).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { rpcMetricsText } from '../../chain/rpc/meter.ts';
import type { OrchestratorRuntime } from './orchestrator-runtime.ts';

export function metricsRoute(runtime: Pick<OrchestratorRuntime, 'metricsText'>) {
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    if ((req.url ?? '').split('?')[0] !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
    res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : `${runtime.metricsText()}${rpcMetricsText()}`);
    return true;
  };
}
