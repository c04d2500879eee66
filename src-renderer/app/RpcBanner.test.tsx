// @vitest-environment happy-dom
// The RPC banner follows the chain.rpc event alone (no polling): hidden while ok, a countdown while
// rate-limited, the backup RPC while failing over, gone again when the RPC recovers.
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeTransport } from '../api/testing/fake-transport.ts';
import { connect } from '../state/connect.ts';
import { useRpcStore } from '../state/rpc-store.ts';
import { RpcBanner, rpcBannerText } from './RpcBanner.tsx';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const OK = { state: 'ok', retryAt: null, reason: null, hasFallback: false, since: 1 } as const;

let stop: (() => void) | null = null;
afterEach(() => {
  cleanup();
  stop?.();
  stop = null;
  useRpcStore.setState({ rpc: null });
});

describe('RpcBanner', () => {
  it('shows the rate limit with its retry time from the event, then goes away when ok', async () => {
    const transport = createFakeTransport();
    transport.answer('chain.rpcState', () => OK);
    stop = connect(transport);
    transport.setConnected(true);
    await settle();
    render(<RpcBanner />);
    expect(screen.queryByRole('status')).toBeNull();
    const callsBefore = transport.calls.length;

    act(() =>
      transport.emit('chain.rpc', {
        state: 'rate-limited',
        retryAt: Date.now() + 20_000,
        reason: 'Your app has exceeded its compute units per second capacity.',
        hasFallback: false,
        since: Date.now(),
      }),
    );
    expect(screen.getByRole('status').textContent).toMatch(/RPC rate-limited, retrying in (19|20) s/);
    expect(screen.getByRole('status').dataset['rpcState']).toBe('rate-limited');

    act(() =>
      transport.emit('chain.rpc', {
        state: 'fallback',
        retryAt: Date.now() + 30_000,
        reason: 'ECONNREFUSED',
        hasFallback: true,
        since: Date.now(),
      }),
    );
    expect(screen.getByRole('status').textContent).toMatch(/^Using the backup RPC/);

    act(() => transport.emit('chain.rpc', OK));
    expect(screen.queryByRole('status')).toBeNull();
    expect(transport.calls.length).toBe(callsBefore); // followed by event, never polled
  });

  it('words each state', () => {
    const now = 1_000_000;
    expect(rpcBannerText({ ...OK, state: 'rate-limited', retryAt: now + 150_000 }, now)).toContain('retrying in 3 min');
    expect(rpcBannerText({ ...OK, state: 'rate-limited', retryAt: now - 5 }, now)).toContain('retrying now');
    expect(rpcBannerText({ ...OK, state: 'down', reason: 'HTTP 503' }, now)).toBe(
      'The chain RPC is not answering (HTTP 503). Add a backup RPC URL in Settings → Network.',
    );
    expect(rpcBannerText(OK, now)).toBeNull();
  });
});
