// Credit per (sender, session) as go-livepeer keeps it (core/balances.go): EV of valid tickets in,
// price × encoded pixels out, and the price fixed by a session's first payment.
import { add, cmp, sub, ZERO, type Rat } from './rat.ts';

export interface Balances {
  balance(sender: string, sessionId: string): Rat;
  credit(sender: string, sessionId: string, amount: Rat): void;
  debit(sender: string, sessionId: string, amount: Rat): void;
  /** True when the balance covers at least `min`. */
  sufficient(sender: string, sessionId: string, min: Rat): boolean;
  fixedPrice(sender: string, sessionId: string): Rat | null;
  /** Sets the session price unless already set. */
  fixPrice(sender: string, sessionId: string, price: Rat): void;
  /** Drops every balance of a session (session torn down). */
  endSession(sessionId: string): void;
  /** True while the sender has a session that has not been torn down. */
  hasSession(sender: string): boolean;
}

export function createBalances(): Balances {
  const entries = new Map<string, { sessionId: string; balance: Rat; price: Rat | null }>();
  const entry = (sender: string, sessionId: string) => {
    const key = `${sender.toLowerCase()}|${sessionId}`;
    let e = entries.get(key);
    if (!e) entries.set(key, (e = { sessionId, balance: ZERO, price: null }));
    return e;
  };
  const peek = (sender: string, sessionId: string) => entries.get(`${sender.toLowerCase()}|${sessionId}`);
  return {
    balance: (s, id) => peek(s, id)?.balance ?? ZERO,
    credit(s, id, amount) {
      const e = entry(s, id);
      e.balance = add(e.balance, amount);
    },
    debit(s, id, amount) {
      const e = entry(s, id);
      e.balance = sub(e.balance, amount);
    },
    sufficient: (s, id, min) => cmp(peek(s, id)?.balance ?? ZERO, min) >= 0,
    fixedPrice: (s, id) => peek(s, id)?.price ?? null,
    fixPrice(s, id, price) {
      const e = entry(s, id);
      e.price ??= price;
    },
    endSession(sessionId) {
      for (const [k, e] of entries) if (e.sessionId === sessionId) entries.delete(k);
    },
    hasSession(sender) {
      const prefix = `${sender.toLowerCase()}|`;
      for (const k of entries.keys()) if (k.startsWith(prefix)) return true;
      return false;
    },
  };
}
