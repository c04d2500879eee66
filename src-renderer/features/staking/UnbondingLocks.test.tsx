// @vitest-environment happy-dom
// A restake or withdraw removes its lock from the list; the success message stays where the user acted.
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, expect, it } from 'vitest';
import type { ChainAccountState, ChainStatus } from '../../../src-shared/contract/index.ts';
import { createFakeTransport } from '../../api/testing/fake-transport.ts';
import { connect } from '../../state/connect.ts';
import { UnbondingLocks } from './UnbondingLocks.tsx';

const FROM = '0x1111111111111111111111111111111111111111';
const LOCK = { id: '0', amount: '500000000000000000000', withdrawRound: '7', withdrawable: true };
// Only what the locks table reads.
const account = (locks: (typeof LOCK)[]) =>
  ({
    address: FROM,
    unbondingLocks: locks,
    delegator: { bondedAmount: '0', delegate: FROM },
  }) as unknown as ChainAccountState;
const STATUS = { protocol: { round: '9' } } as unknown as ChainStatus;

let stop: (() => void) | null = null;
afterEach(() => {
  cleanup();
  stop?.();
});

it('keeps "Withdrew 500 LPT" on screen after the withdrawn lock leaves the list', async () => {
  const transport = createFakeTransport();
  transport.answer('chain.prepare', () => ({
    id: 'p1',
    from: FROM,
    summary: 'Withdraw 500 LPT',
    changes: [],
    contract: 'BondingManager',
    method: 'withdrawStake(uint256)',
    gasLimit: '100000',
    maxFeePerGas: '1',
    maxCostWei: '100000',
  }));
  transport.answer('chain.confirm', () => ({
    previewId: 'p1',
    hash: '0xab',
    blockNumber: '42',
    gasUsed: '1',
    costWei: '1',
  }));
  stop = connect(transport);
  const view = render(<UnbondingLocks account={account([LOCK])} status={STATUS} />);
  fireEvent.click(screen.getByRole('button', { name: 'Withdraw' }));
  fireEvent.click(await screen.findByRole('button', { name: 'Confirm and send' }));
  expect((await screen.findByTestId('unbonding-done')).textContent).toMatch(
    /Withdrew 500 LPT to your wallet: confirmed in block 42/,
  );
  view.rerender(<UnbondingLocks account={account([])} status={STATUS} />);
  expect(screen.getByText('Nothing is unbonding.')).toBeTruthy();
  expect(screen.getByTestId('unbonding-done').textContent).toMatch(/Withdrew 500 LPT/);
});
