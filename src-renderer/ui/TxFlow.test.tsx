// @vitest-environment happy-dom
// The one preview→confirm flow: nothing is sent before "Confirm and send", Cancel discards the
// preview, progress comes from chain.tx events, and a refusal is shown where the user acts.
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeTransport, type FakeTransport } from '../api/testing/fake-transport.ts';
import { connect } from '../state/connect.ts';
import { TxAction } from './TxFlow.tsx';

const FROM = '0x1111111111111111111111111111111111111111';
const PREVIEW = {
  id: 'p1',
  from: FROM,
  summary: 'Stake 10 LPT with yourself',
  changes: ['Your stake: 0 → 10 LPT'],
  contract: 'BondingManager',
  method: 'bond(uint256,address)',
  gasLimit: '210000',
  maxFeePerGas: '2000000000',
  maxCostWei: '420000000000000',
};
const progress = (state: 'signing' | 'submitted') => ({
  previewId: 'p1',
  kind: 'bond',
  state,
  hash: null,
  blockNumber: null,
  gasUsed: null,
  costWei: null,
  reason: null,
  at: 1,
});

let stop: (() => void) | null = null;
afterEach(() => {
  cleanup();
  stop?.();
  stop = null;
});

function setup(): FakeTransport {
  const transport = createFakeTransport();
  transport.answer('chain.prepare', () => PREVIEW);
  transport.answer('chain.discard', () => ({}));
  stop = connect(transport);
  render(
    <TxAction from={FROM} label="Stake" action={() => ({ kind: 'bond', amount: '10000000000000000000', to: FROM })} />,
  );
  return transport;
}

const names = (t: FakeTransport) => t.calls.map((c) => c.name).filter((n) => n.startsWith('chain.'));

describe('TxAction and TxReview', () => {
  it('prepares, shows the review and sends only on "Confirm and send", with progress from chain.tx', async () => {
    const transport = setup();
    let finish: (value: unknown) => void = () => undefined;
    transport.answer('chain.confirm', () => new Promise((resolve) => (finish = resolve)));
    fireEvent.click(screen.getByRole('button', { name: 'Stake' }));
    expect(await screen.findByText('Review before sending')).toBeTruthy();
    expect(screen.getByText('Stake 10 LPT with yourself')).toBeTruthy();
    expect(screen.getByText('BondingManager.bond(uint256,address)')).toBeTruthy();
    expect(screen.getByTestId('tx-max-cost').textContent).toBe('0.00042 ETH');
    expect(names(transport)).toEqual(['chain.prepare']);
    expect(transport.calls.at(-1)?.input).toEqual({
      from: FROM,
      action: { kind: 'bond', amount: '10000000000000000000', to: FROM },
    });

    fireEvent.click(screen.getByRole('button', { name: 'Confirm and send' }));
    expect(await screen.findByRole('button', { name: 'Sending…' })).toBeTruthy();
    transport.emit('chain.tx', progress('submitted'));
    expect(await screen.findByRole('button', { name: 'Sent; waiting for a block…' })).toBeTruthy();
    finish({ previewId: 'p1', hash: '0xab', blockNumber: '12', gasUsed: '1', costWei: '30000000000000' });
    expect(await screen.findByText(/Confirmed in block 12 · gas cost 0\.00003 ETH/)).toBeTruthy();
    expect(screen.queryByText('Review before sending')).toBeNull();
    expect(names(transport)).toEqual(['chain.prepare', 'chain.confirm']);
  });

  it('offers the fix in place when the round is not initialized, reviews it, then prepares the action again', async () => {
    const transport = setup();
    let blocked = true;
    const INIT = {
      ...PREVIEW,
      id: 'p0',
      summary: 'Initialize round 7',
      contract: 'RoundsManager',
      method: 'initializeRound',
    };
    transport.answer('chain.prepare', (input) => {
      if ((input as { action: { kind: string } }).action.kind === 'initializeRound') return INIT;
      if (blocked)
        throw Object.assign(new Error('Round 7 has not been initialized yet; it starts once someone initializes it'), {
          code: 'ROUND_LOCKED',
          details: { round: '7', fix: 'initializeRound' },
        });
      return PREVIEW;
    });
    transport.answer('chain.confirm', () => {
      blocked = false;
      return { previewId: 'p0', hash: '0xab', blockNumber: '12', gasUsed: '1', costWei: '1' };
    });
    fireEvent.click(screen.getByRole('button', { name: 'Stake' }));
    const fix = await screen.findByRole('button', { name: 'Initialize round 7, then stake' });
    expect(screen.getByTestId('tx-fix').textContent).toContain('Each round starts when someone initializes it');
    fireEvent.click(fix);
    expect(await screen.findByText('Then: Stake, shown for your review next')).toBeTruthy();
    expect(screen.getByText('Initialize round 7')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Confirm and send' }));
    expect(await screen.findByText('Stake 10 LPT with yourself')).toBeTruthy();
    expect(screen.queryByText(/^Then:/)).toBeNull();
    expect(
      transport.calls
        .filter((c) => c.name === 'chain.prepare')
        .map((c) => (c.input as { action: { kind: string } }).action.kind),
    ).toEqual(['bond', 'initializeRound', 'bond']);
  });

  it('discards the preview on Cancel and sends nothing', async () => {
    const transport = setup();
    fireEvent.click(screen.getByRole('button', { name: 'Stake' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Cancel' }));
    expect(screen.queryByText('Review before sending')).toBeNull();
    expect(screen.getByRole('button', { name: 'Stake' })).toBeTruthy();
    expect(names(transport)).toEqual(['chain.prepare', 'chain.discard']);
  });

  it('shows why the host refused to send, and keeps the review to try again', async () => {
    const transport = setup();
    transport.answer('chain.confirm', () => {
      throw { code: 'LOCKED', message: 'Unlock the wallet first' };
    });
    fireEvent.click(screen.getByRole('button', { name: 'Stake' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Confirm and send' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Unlock the wallet first');
    expect(screen.getByText('Review before sending')).toBeTruthy();
  });
});
