// The reachability service end to end: the port forward through a fake IGD on loopback (removed by
// close, as on exit), and the check with the on-chain URI read from a real devnet, before and after
// a previewed service URI update, against the orchestrator node's own service port (node fixture).
import { Contract, parseEther, Wallet } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BONDING_MANAGER_ABI, TOKEN_ABI } from '../chain/abi.ts';
import type { ChainClient } from '../chain/client.ts';
import { devnetClient, startTestDevnet, type TestDevnet } from '../chain/test-support.ts';
import type { Caller } from '../core/service.ts';
import { createLogSink } from '../log/logger.ts';
import { createFfmpegTranscoder } from '../orchestrator/testing/ffmpeg-transcoder.ts';
import { startNodeFixture, type NodeFixture } from '../orchestrator/testing/node-fixture.ts';
import { createReachabilityRuntime, type ReachabilityRuntime } from './reachability-service.ts';
import { startFakeIgd, type FakeIgd } from './testing/fake-router.ts';

const caller: Caller = { transport: 'internal', authenticated: true };

describe('reachability service', () => {
  let t: TestDevnet;
  let client: ChainClient;
  let runtime: ReachabilityRuntime;
  let igd: FakeIgd;
  let node: NodeFixture;
  let port: number;
  let O: Wallet;

  beforeAll(async () => {
    node = await startNodeFixture(createFfmpegTranscoder());
    port = node.node.port;
    igd = await startFakeIgd('203.0.113.7');
    t = await startTestDevnet();
    O = new Wallet(t.devnet.accounts[8]!.privateKey, t.devnet.provider);
    await t.devnet.fund(O.address, { lpt: parseEther('1000') });
    const token = new Contract(t.devnet.contracts.LivepeerToken, TOKEN_ABI, O);
    await (await token.getFunction('approve')(t.devnet.contracts.BondingManager, parseEther('1000'))).wait();
    const bm = new Contract(t.devnet.contracts.BondingManager, BONDING_MANAGER_ABI, O);
    await (await bm.getFunction('bond')(parseEther('1000'), O.address)).wait();
    await (await bm.getFunction('transcoder')(0n, 1_000_000n)).wait();
    client = devnetClient(t.devnet);
    runtime = createReachabilityRuntime({
      client: async () => client,
      log: createLogSink({ printLevel: 'error' }).root,
      mapper: { internalHost: '192.168.1.20', discover: false, pmpGateway: '127.0.0.3', timeoutMs: 1000 },
    });
  });
  afterAll(async () => {
    await runtime?.close();
    client?.close();
    await t?.close();
    await igd?.close();
    await node?.close();
  });

  it('forwards the port, finds the URI missing, updates it through a preview, then passes', async () => {
    const m = await runtime.service.mapPort({ port, upnpDescriptorUrl: igd.descriptorUrl }, caller);
    expect(m).toMatchObject({ state: 'mapped', method: 'upnp', externalIp: '203.0.113.7', externalPort: port });
    expect(igd.mappings.has(port)).toBe(true);

    // The user's public name stands in for 203.0.113.7 so this machine can dial "the outside" on loopback
    const publicHost = '127.0.0.1';
    const before = await runtime.service.check({ orchestrator: O.address, port, publicHost }, caller);
    expect(before.items.find((i) => i.id === 'uri')).toMatchObject({ ok: false });
    expect(before.items.find((i) => i.id === 'local')).toMatchObject({ ok: true });
    expect(before.suggestedUri).toBe(`https://127.0.0.1:${port}`);
    expect(before.ok).toBe(false);

    const preview = await runtime.service.prepareServiceUri({ from: O.address, uri: before.suggestedUri! }, caller);
    expect(preview.method).toBe('setServiceURI(string)');
    await client.confirm(preview.id);

    const after = await runtime.service.check({ orchestrator: O.address, port, publicHost }, caller);
    expect(after.onChainUri).toBe(`https://127.0.0.1:${port}`);
    expect(after.uriMatches).toBe(true);
    expect(after.gateway).toMatchObject({ tls: true, alpn: 'h2' });
    expect(after.ok).toBe(true);
  });

  it('removes the forward when closed (as on exit)', async () => {
    expect(igd.mappings.size).toBe(1);
    await runtime.close();
    expect(igd.mappings.size).toBe(0);
    expect((await runtime.service.mapping({}, caller)).state).toBe('idle');
  });
});
