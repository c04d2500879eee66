// Tests only: a JSON-RPC proxy in front of a node (anvil) that counts what crosses the wire, by
// method and, for eth_call, by function selector, so a test can bound the chain reads a node makes.
import { createServer, type Server } from 'node:http';

export interface RpcCounter {
  /** The proxy's URL, to give the node instead of the real RPC. */
  readonly url: string;
  /** Requests seen (a batch counts each of its calls), by method. */
  byMethod(): Record<string, number>;
  /** eth_call requests by the 4-byte selector of their data (0x…). */
  bySelector(): Record<string, number>;
  total(): number;
  close(): Promise<void>;
}

interface RpcCall {
  method?: string;
  params?: [{ data?: string; input?: string }?];
}

export async function startRpcCounter(target: string): Promise<RpcCounter> {
  const methods: Record<string, number> = {};
  const selectors: Record<string, number> = {};
  const count = (call: RpcCall) => {
    const m = call.method ?? '?';
    methods[m] = (methods[m] ?? 0) + 1;
    if (m === 'eth_call') {
      const data = call.params?.[0]?.data ?? call.params?.[0]?.input ?? '';
      const sel = data.slice(0, 10);
      selectors[sel] = (selectors[sel] ?? 0) + 1;
    }
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      try {
        const parsed = JSON.parse(body.toString('utf8')) as RpcCall | RpcCall[];
        for (const call of Array.isArray(parsed) ? parsed : [parsed]) count(call);
      } catch {
        count({ method: 'unparsable' });
      }
      fetch(target, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
        .then(async (r) => {
          res.writeHead(r.status, { 'content-type': 'application/json' });
          res.end(Buffer.from(await r.arrayBuffer()));
        })
        .catch(() => {
          res.writeHead(502);
          res.end();
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    byMethod: () => ({ ...methods }),
    bySelector: () => ({ ...selectors }),
    total: () => Object.values(methods).reduce((a, b) => a + b, 0),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
