import { describe, expect, it } from 'vitest';
import { DEVNET_PAYMENTS } from './devnet-payments.ts';
import { ticketSettings } from './orchestrator-runtime.ts';

describe('ticketSettings', () => {
  it("keeps the network's settings when the user sets no cap", () => {
    expect(ticketSettings(undefined, '0')).toBeUndefined();
    expect(ticketSettings(DEVNET_PAYMENTS, '0')).toBe(DEVNET_PAYMENTS);
  });

  it('applies the lower of the two caps and keeps the other settings', () => {
    expect(ticketSettings(undefined, '5000000000000000')).toEqual({ maxFaceValue: 5_000_000_000_000_000n });
    // The devnet caps at 0.01 ETH: a user cap of 0.005 ETH wins, one of 1 ETH does not.
    expect(ticketSettings(DEVNET_PAYMENTS, '5000000000000000')).toEqual({
      ...DEVNET_PAYMENTS,
      maxFaceValue: 5_000_000_000_000_000n,
    });
    expect(ticketSettings(DEVNET_PAYMENTS, '1000000000000000000')?.maxFaceValue).toBe(10_000_000_000_000_000n);
  });
});
