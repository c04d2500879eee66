// A JSON-RPC proxy for tests and benchmarks: it sits between the app and a chain, counts every
// request by method (batches counted per call) and can play a rate-limited provider (HTTP 429 or a
// JSON-RPC "limit exceeded" error) for a while, as free RPC plans do.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Devnet-only methods are the harness's own traffic, not the app's cost. */
const DEVNET_ONLY = /^(evm_|anvil_|hardhat_)/;

export interface RpcProxyOptions {
  upstream: string;
  /** Methods not counted (default: devnet-only evm_/anvil_/hardhat_). */
  exclude?: RegExp;
  /**
   * Plays a provider's own refusals: return a JSON-RPC error for a call (e.g. "block range too
   * large" for a wide eth_getLogs) and the proxy answers it instead of forwarding the request.
   */
  intercept?: (call: { method: string; params: unknown }) => { code: number; message: string } | undefined;
  /**
   * Rewrites the chain's answer to a method (batched or not), e.g. eth_blockNumber answering an
   * L2-style number larger than the `block.number` contracts see, as Arbitrum does.
   */
  rewrite?: (method: string, result: unknown) => unknown;
}

export type RateLimitStyle = 'http-429' | 'json-rpc';

export interface RpcProxy {
  readonly url: string;
  /** Requests forwarded, by method, since the last reset. */
  counts(): Record<string, number>;
  /** eth_call requests forwarded, by the 4-byte selector of their data (0x…), since the last reset. */
  selectors(): Record<string, number>;
  total(): number;
  /** Requests refused while rate-limited, since the last reset. */
  refused(): number;
  reset(): void;
  /** Answer every request as rate-limited for `ms` from now. */
  rateLimit(ms: number, style?: RateLimitStyle): void;
  close(): Promise<void>;
}

interface JsonRpcRequest {
  id?: unknown;
  method?: unknown;
  params?: unknown;
}

function rewritten(answer: Buffer, calls: JsonRpcRequest[], rewrite: (method: string, result: unknown) => unknown) {
  const methods = new Map(calls.map((c) => [JSON.stringify(c.id ?? null), String(c.method)]));
  const one = (r: { id?: unknown; result?: unknown }) => {
    const method = methods.get(JSON.stringify(r.id ?? null));
    return method && 'result' in r ? { ...r, result: rewrite(method, r.result) } : r;
  };
  try {
    const parsed = JSON.parse(answer.toString('utf8')) as unknown;
    return JSON.stringify(Array.isArray(parsed) ? parsed.map(one) : one(parsed as { id?: unknown }));
  } catch {
    return answer; // not JSON: passed on as the chain sent it
  }
}

export async function startRpcProxy(options: RpcProxyOptions): Promise<RpcProxy> {
  const exclude = options.exclude ?? DEVNET_ONLY;
  let counts: Record<string, number> = {};
  let selectors: Record<string, number> = {};
  let refused = 0;
  let limited: { until: number; style: RateLimitStyle } | null = null;

  function limitedAnswer(res: ServerResponse, calls: JsonRpcRequest[], batch: boolean): void {
    refused += calls.length;
    const error = (c: JsonRpcRequest) => ({
      jsonrpc: '2.0',
      id: c.id ?? null,
      error: { code: -32005, message: 'limit exceeded: too many requests, retry later' },
    });
    const body = JSON.stringify(batch ? calls.map(error) : error(calls[0] ?? {}));
    if (limited?.style === 'http-429') {
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '1' }).end(body);
    } else {
      res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      res.writeHead(400).end('not JSON');
      return;
    }
    const batch = Array.isArray(parsed);
    const calls = (batch ? parsed : [parsed]) as JsonRpcRequest[];
    const counted = calls.filter((c) => typeof c.method === 'string' && !exclude.test(c.method));
    if (limited && Date.now() < limited.until && counted.length > 0) {
      limitedAnswer(res, calls, batch);
      return;
    }
    for (const c of counted) {
      counts[c.method as string] = (counts[c.method as string] ?? 0) + 1;
      if (c.method !== 'eth_call') continue;
      const tx = (Array.isArray(c.params) ? c.params[0] : undefined) as { data?: string; input?: string } | undefined;
      const selector = (tx?.data ?? tx?.input ?? '').slice(0, 10);
      selectors[selector] = (selectors[selector] ?? 0) + 1;
    }
    const refusal = !batch && options.intercept?.({ method: String(calls[0]?.method), params: calls[0]?.params });
    if (refusal) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ jsonrpc: '2.0', id: calls[0]?.id ?? null, error: refusal }));
      return;
    }
    const upstream = await fetch(options.upstream, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    res.writeHead(upstream.status, { 'content-type': 'application/json' });
    const answer = Buffer.from(await upstream.arrayBuffer());
    res.end(options.rewrite ? rewritten(answer, calls, options.rewrite) : answer);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(502);
      res.end(String(err));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    counts: () => ({ ...counts }),
    selectors: () => ({ ...selectors }),
    total: () => Object.values(counts).reduce((a, b) => a + b, 0),
    refused: () => refused,
    reset() {
      counts = {};
      selectors = {};
      refused = 0;
    },
    rateLimit(ms, style = 'http-429') {
      limited = { until: Date.now() + ms, style };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
