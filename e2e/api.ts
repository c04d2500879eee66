// One call over the headless host's WebSocket API (the same one the UI uses), for specs that set
// up state the way another program would.
import { JsonRpcProvider } from 'ethers';
import { E2E_TOKEN } from './host.ts';

export async function callApi<T>(baseURL: string, service: string, method: string, input: unknown = {}): Promise<T> {
  const ws = new WebSocket(`${baseURL.replace(/^http/, 'ws')}/api?token=${E2E_TOKEN}`);
  try {
    await new Promise((resolve, reject) => {
      ws.onopen = resolve;
      ws.onerror = reject;
    });
    return await new Promise<T>((resolve, reject) => {
      ws.onmessage = (m) => {
        const frame = JSON.parse(String(m.data)) as {
          type: string;
          id?: number;
          ok?: boolean;
          result?: T;
          error?: unknown;
        };
        if (frame.type !== 'result' || frame.id !== 1) return;
        if (frame.ok) resolve(frame.result as T);
        else reject(new Error(JSON.stringify(frame.error)));
      };
      ws.send(JSON.stringify({ type: 'call', id: 1, service, method, input }));
    });
  } finally {
    ws.close();
  }
}

/** The host's devnet (started if it is not) and a provider on it without response cache. */
export async function startDevnet(baseURL: string): Promise<{
  info: { rpcUrl: string; contracts: Record<string, string> };
  provider: JsonRpcProvider;
}> {
  const info = await callApi<{ rpcUrl: string; contracts: Record<string, string> }>(baseURL, 'devnet', 'start');
  return { info, provider: new JsonRpcProvider(info.rpcUrl, undefined, { staticNetwork: true, cacheTimeout: -1 }) };
}
