// Prices from the chain's price feeds (chain.prices): read when a page that shows money opens, and
// again after the devnet price is set. The host caches each answer for 5 minutes, so opening pages
// costs no RPC; there is deliberately no timer here (the app's RPC budget is shared).
import { create } from 'zustand';
import type { ChainPrices } from '../../src-shared/contract/index.ts';
import { api } from '../api/index.ts';
import { describeError } from '../api/describe-error.ts';

interface PriceState {
  prices: ChainPrices | null;
  error: string | null;
  load(refresh?: boolean): Promise<void>;
}

export const usePriceStore = create<PriceState>((set) => ({
  prices: null,
  error: null,
  async load(refresh = false) {
    try {
      set({ prices: await api.chain.prices({ refresh }), error: null });
    } catch (err) {
      set({ error: describeError(err) });
    }
  },
}));
