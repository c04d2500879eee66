// @vitest-environment happy-dom
// A wallet form as the user meets it: the error appears next to the field it is about (and is the
// input's description), the submit waits for valid input, and the password is sent once and cleared.
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { WalletStatus } from '../../../src-shared/contract/index.ts';
import { createFakeTransport, type FakeTransport } from '../../api/testing/fake-transport.ts';
import { connect } from '../../state/connect.ts';
import { useWalletStore } from '../../state/wallet-store.ts';
import { AddAccount } from './AddAccount.tsx';

const ADDRESS = '0x2222222222222222222222222222222222222222';
const EMPTY: WalletStatus = {
  accounts: [],
  selected: null,
  unlocked: null,
  nodeKey: null,
  lockReason: null,
  autoLockMinutes: 30,
  autoLockAt: null,
  rememberPassword: { available: false, reason: 'test' },
  keystoreDir: '/tmp/keystore',
  scryptN: 262144,
  suggestedBackupDir: '/tmp',
};

let stop: (() => void) | null = null;
afterEach(() => {
  cleanup();
  stop?.();
  stop = null;
  useWalletStore.setState({ status: null, outcome: null, busy: null });
});

function setup(): FakeTransport {
  const transport = createFakeTransport();
  transport.answer('wallet.create', () => ({ address: ADDRESS }));
  transport.answer('wallet.status', () => EMPTY);
  stop = connect(transport);
  render(<AddAccount status={EMPTY} />);
  return transport;
}

function description(input: HTMLElement): string | null {
  const id = input.getAttribute('aria-describedby');
  return id ? (document.getElementById(id)?.textContent ?? null) : null;
}

describe('Create account form', () => {
  it('shows each error next to its field and keeps the button off until the passwords are good', () => {
    setup();
    const password = screen.getByLabelText('New password (8 characters or more)');
    const again = screen.getByLabelText('Type it again');
    const create = screen.getByRole('button', { name: 'Create account' }) as HTMLButtonElement;
    expect(create.disabled).toBe(true);

    fireEvent.change(password, { target: { value: 'short' } });
    expect(password.getAttribute('aria-invalid')).toBe('true');
    expect(description(password)).toBe('Use at least 8 characters');
    expect(password.closest('.field')?.textContent).toContain('Use at least 8 characters');
    expect(description(again)).toBeNull();

    fireEvent.change(password, { target: { value: 'long enough' } });
    fireEvent.change(again, { target: { value: 'long enougH' } });
    expect(description(password)).toBeNull();
    expect(description(again)).toBe('The passwords differ');
    expect(create.disabled).toBe(true);

    fireEvent.change(again, { target: { value: 'long enough' } });
    expect(screen.queryByText('The passwords differ')).toBeNull();
    expect(create.disabled).toBe(false);
  });

  it('sends the password once, clears it from the form, and reports the new account', async () => {
    const transport = setup();
    fireEvent.change(screen.getByLabelText('Name (optional)'), { target: { value: 'Rig' } });
    fireEvent.change(screen.getByLabelText('New password (8 characters or more)'), {
      target: { value: 'long enough' },
    });
    fireEvent.change(screen.getByLabelText('Type it again'), { target: { value: 'long enough' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create account' }));
    await screen.findByRole('button', { name: 'Create account' });
    expect(transport.calls.filter((c) => c.name === 'wallet.create')).toEqual([
      { name: 'wallet.create', input: { password: 'long enough', label: 'Rig' } },
    ]);
    expect((screen.getByLabelText('New password (8 characters or more)') as HTMLInputElement).value).toBe('');
    expect(useWalletStore.getState().outcome).toEqual({
      action: 'create',
      ok: true,
      message: `Created ${ADDRESS}. Now back it up.`,
    });
  });
});

describe('Private key import form', () => {
  const BAD_KEY = `0x${'ff'.repeat(32)}`; // above secp256k1's order: 64 hex characters, still not a key

  function fill(key: string): void {
    fireEvent.click(screen.getByRole('tab', { name: 'Private key' }));
    fireEvent.change(screen.getByLabelText('Private key'), { target: { value: key } });
    fireEvent.change(screen.getByLabelText('New password (8 characters or more)'), {
      target: { value: 'long enough' },
    });
    fireEvent.change(screen.getByLabelText('Type it again'), { target: { value: 'long enough' } });
  }

  it('refuses a malformed key next to the field, keeps what was typed, and sends nothing', () => {
    const transport = setup();
    fill('0x1234');
    const key = screen.getByLabelText('Private key') as HTMLInputElement;
    expect(description(key)).toBe('A private key has 64 hexadecimal characters; this has 4');
    expect((screen.getByRole('button', { name: 'Import key' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(key, { target: { value: BAD_KEY } });
    expect(description(key)).toBe('Not a valid private key (out of range)');
    fireEvent.submit(key.closest('form') as HTMLFormElement);
    expect(transport.calls.filter((c) => c.name === 'wallet.importPrivateKey')).toEqual([]);
    expect(key.value).toBe(BAD_KEY);
  });

  it("shows the host's refusal next to the field and keeps the fields to correct them", async () => {
    const transport = setup();
    transport.answer('wallet.importPrivateKey', () => {
      throw { code: 'CONFLICT', message: 'This account is already in the wallet' };
    });
    fill(`0x${'11'.repeat(32)}`);
    fireEvent.click(screen.getByRole('button', { name: 'Import key' }));
    const key = screen.getByLabelText('Private key') as HTMLInputElement;
    await screen.findByText('This account is already in the wallet');
    expect(description(key)).toBe('This account is already in the wallet');
    expect(key.value).toBe(`0x${'11'.repeat(32)}`);
    expect((screen.getByLabelText('Type it again') as HTMLInputElement).value).toBe('long enough');
  });
});
