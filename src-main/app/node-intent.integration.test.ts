// Transcoding on/off is remembered per network through the whole host (real settings store, SQLite,
// switch and node runtime): turning the node on for the devnet leaves Arbitrum One off, switching
// network and back puts each choice back, and so does a restart of the host on either network.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { createHost, type Host } from './host.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'lpm-intent-'));
const DEVNET = { kind: 'devnet' } as const;
// Never reached: the switch and its record do not need the chain.
const ARBITRUM = { kind: 'arbitrum-one', rpcUrl: 'http://127.0.0.1:9/arbitrum' } as const;
let host: Host | null = null;

afterAll(async () => {
  await host?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const start = () => (host = createHost({ dataDir, mode: 'headless', telemetry: false, orchestrator: { port: 0 } }));
const restart = async () => {
  await host?.close();
  return start();
};

/** The switch once the intent has settled after a network change (restored a microtask later). */
async function switchTo(h: Host, network: typeof DEVNET | typeof ARBITRUM): Promise<boolean> {
  h.settings.update({ network });
  await new Promise((r) => setTimeout(r, 50));
  expect(h.settings.get().network).toEqual(network);
  expect(h.settings.get().transcodingEnabled).toBe(h.transcoding.get().enabled);
  return h.transcoding.get().enabled;
}

it('keeps transcoding on/off per network across network switches and restarts', async () => {
  let h = start();
  expect(h.transcoding.get().enabled).toBe(false);
  h.transcoding.setEnabled(true); // on for the devnet
  expect(await switchTo(h, ARBITRUM)).toBe(false); // never chosen there: off
  expect(await switchTo(h, DEVNET)).toBe(true);
  expect(await switchTo(h, ARBITRUM)).toBe(false);
  h.transcoding.setEnabled(true); // on for Arbitrum One too…
  h.transcoding.setEnabled(false); // …and off again: the last choice counts
  expect(await switchTo(h, DEVNET)).toBe(true);

  h = await restart(); // on the devnet
  await new Promise((r) => setTimeout(r, 50));
  expect(h.transcoding.get().enabled).toBe(true);
  expect(await switchTo(h, ARBITRUM)).toBe(false);
  h.transcoding.setEnabled(true);
  expect(await switchTo(h, DEVNET)).toBe(true);
  h.transcoding.setEnabled(false); // now off on the devnet, on for Arbitrum One
  expect(await switchTo(h, ARBITRUM)).toBe(true);

  h = await restart(); // on Arbitrum One
  await new Promise((r) => setTimeout(r, 50));
  expect(h.settings.get().network).toEqual(ARBITRUM);
  expect(h.transcoding.get().enabled).toBe(true);
  expect(await switchTo(h, DEVNET)).toBe(false);
}, 60_000);
