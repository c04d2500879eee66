// One call over the headless host's WebSocket API (the same one the UI uses), for specs that set
// up state the way another program would.
import { Contract, JsonRpcProvider } from 'ethers';
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

const ROUNDS_ABI = [
  'function currentRound() view returns (uint256)',
  'function currentRoundStartBlock() view returns (uint256)',
  'function roundLength() view returns (uint256)',
  'function currentRoundInitialized() view returns (bool)',
];

/** Mines to the start of the next round and leaves it uninitialized, as time alone does on the devnet. */
export async function endRoundUninitialized(baseURL: string): Promise<bigint> {
  const { info, provider } = await startDevnet(baseURL);
  const rounds = new Contract(info.contracts.RoundsManager!, ROUNDS_ABI, provider);
  const start = (await rounds.getFunction('currentRoundStartBlock')()) as bigint;
  const length = (await rounds.getFunction('roundLength')()) as bigint;
  const toMine = start + length - BigInt(await provider.getBlockNumber());
  if (toMine > 0n) await provider.send('anvil_mine', [`0x${toMine.toString(16)}`]);
  if ((await rounds.getFunction('currentRoundInitialized')()) as boolean) throw new Error('the round got initialized');
  return (await rounds.getFunction('currentRound')()) as bigint;
}
