// @vitest-environment happy-dom
// The stores follow the transport only once connect(transport) runs, load on connect, take the
// host's events, and stop when told: checked with a fake transport instead of a host.
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeTransport, type FakeTransport } from '../api/testing/fake-transport.ts';
import { connect } from './connect.ts';
import { useConnectionStore } from './connection-store.ts';
import { useLogStore } from './log-store.ts';
import { useNodeStore } from './node-store.ts';

const RUNNING = {
  state: 'running',
  role: 'orchestrator',
  network: { kind: 'devnet' },
  message: 'Serving',
  since: 1,
} as const;

const entry = (seq: number, message: string) => ({ seq, time: seq, level: 'info', scope: 'test', message });
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

let stop: (() => void) | null = null;
afterEach(() => {
  stop?.();
  stop = null;
  useNodeStore.setState({ status: null });
  useLogStore.setState({ entries: [] });
});

function started(): FakeTransport {
  const transport = createFakeTransport();
  transport.answer('node.status', () => ({ ...RUNNING, state: 'stopped', message: 'Stopped' }));
  transport.answer('logs.recent', () => [entry(1, 'first'), entry(2, 'second')]);
  stop = connect(transport);
  return transport;
}

describe('connect(transport)', () => {
  it('subscribes nothing before connect and loads the stores when the connection opens', async () => {
    const transport = started();
    expect(transport.calls).toEqual([]);
    expect(useConnectionStore.getState().connected).toBe(false);
    transport.setConnected(true);
    await settle();
    expect(useConnectionStore.getState().connected).toBe(true);
    expect(useNodeStore.getState().status?.state).toBe('stopped');
    expect(useLogStore.getState().entries.map((e) => e.message)).toEqual(['first', 'second']);
  });

  it('takes events from the transport, merges logs by sequence, and ignores payloads the contract rejects', async () => {
    const transport = started();
    transport.setConnected(true);
    await settle();
    transport.emit('node.status', RUNNING);
    expect(useNodeStore.getState().status).toEqual(RUNNING);
    transport.emit('node.status', { ...RUNNING, state: 'exploded' });
    expect(useNodeStore.getState().status?.state).toBe('running');
    transport.emit('log.entry', entry(3, 'third'));
    transport.emit('log.entry', entry(2, 'second again'));
    expect(useLogStore.getState().entries.map((e) => e.message)).toEqual(['first', 'second again', 'third']);
  });

  it('stops following the transport when stopped', async () => {
    const transport = started();
    transport.setConnected(true);
    await settle();
    expect(transport.listenerCount()).toBeGreaterThan(0);
    stop?.();
    stop = null;
    expect(transport.listenerCount()).toBe(0);
    transport.emit('node.status', RUNNING);
    expect(useNodeStore.getState().status?.state).toBe('stopped');
  });
});
