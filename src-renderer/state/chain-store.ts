// The chain as the UI shows it: protocol state, the selected account's state, the pool, the reward
// service, and the orchestrator's index (delegators, earnings). The main process pushes its shared
// head (`chain.head`: protocol state and the selected account, read there every few seconds in
// one request), so this store never polls; it reloads the rest on a new round, a finished
// transaction, and wallet or connection changes.
import { create } from 'zustand';
import type {
  ChainAccountState,
  ChainRewardStatus,
  ChainStatus,
  ChainTxProgress,
} from '../../src-shared/contract/index.ts';
import { api, onEvent, type Transport } from '../api/index.ts';
import { useSettingsStore } from './settings-store.ts';
import { describeError } from '../api/describe-error.ts';
import { noteBlock } from './block-cadence.ts';
import { useWalletStore } from './wallet-store.ts';

export interface Delegator {
  readonly address: string;
  readonly bondedAmount: string;
  readonly lastChangeBlock: number;
}
export interface RoundEarnings {
  readonly round: number;
  readonly rewards: string;
  readonly fees: string;
  readonly tickets: number;
  readonly gasCostWei: string;
}

interface ChainState {
  status: ChainStatus | null;
  account: ChainAccountState | null;
  pool: { address: string; stake: string }[] | null;
  reward: ChainRewardStatus | null;
  delegators: Delegator[] | null;
  earnings: RoundEarnings[] | null;
  /** The latest progress of each transaction, by preview id. */
  txs: Record<string, ChainTxProgress>;
  loading: boolean;
  error: string | null;
  refresh(): Promise<void>;
}

let inFlight: Promise<void> | null = null;
let again = false;

/** Nothing known about a chain: the start, and after a switch to another network. */
const UNKNOWN_CHAIN = {
  status: null,
  account: null,
  pool: null,
  reward: null,
  delegators: null,
  earnings: null,
} as const;

export const useChainStore = create<ChainState>((set) => ({
  ...UNKNOWN_CHAIN,
  txs: {},
  loading: false,
  error: null,
  refresh() {
    // A refresh asked for while one runs (say, the selected account changed) runs again after it:
    // the running one may have read the previous account.
    if (inFlight) {
      again = true;
      return inFlight;
    }
    inFlight = (async () => {
      set({ loading: true });
      try {
        do {
          again = false;
          await load();
        } while (again);
      } catch (err) {
        set({ error: describeError(err) });
      } finally {
        set({ loading: false });
        inFlight = null;
      }
    })();
    return inFlight;
  },
}));

async function load(): Promise<void> {
  const set = useChainStore.setState;
  const status = await api.chain.status();
  set({ status, error: status.connected ? null : status.error });
  noteBlock(status);
  if (!status.connected) return;
  const address = useWalletStore.getState().status?.selected ?? null;
  const [account, pool, reward] = await Promise.all([
    address ? api.chain.account({ address }) : Promise.resolve(null),
    api.chain.pool(),
    api.chain.rewardStatus(),
  ]);
  set({ account, pool, reward });
  if (address && account?.transcoder.registered) {
    const [delegators, earnings] = await Promise.all([
      api.chain.delegators({ orchestrator: address }),
      api.chain.earnings({ orchestrator: address }),
    ]);
    set({ delegators, earnings });
  } else {
    set({ delegators: [], earnings: [] });
  }
}

const refresh = (): void => void useChainStore.getState().refresh();

/** Follows chain and wallet events (no polling: the head arrives as `chain.head`). */
export function connectChainStore(transport: Transport): () => void {
  let lastSelected: string | null | undefined;
  let network: string | null = null;
  const offs = [
    onEvent(transport, 'chain.head', (head) => {
      const selected = useWalletStore.getState().status?.selected?.toLowerCase() ?? null;
      const account = head.accounts.find((a) => a.address.toLowerCase() === selected);
      useChainStore.setState((s) => ({
        status: s.status ? { ...s.status, connected: true, protocol: head.protocol, error: null } : s.status,
        ...(account ? { account } : {}),
        error: null,
      }));
      if (!useChainStore.getState().status) refresh();
    }),
    onEvent(transport, 'chain.tx', (tx) => {
      useChainStore.setState((s) => ({ txs: { ...s.txs, [tx.previewId]: tx } }));
      if (tx.state === 'confirmed' || tx.state === 'failed') refresh();
    }),
    onEvent(transport, 'chain.round', refresh),
    // Another network: nothing of the previous one stays on screen while the new one loads.
    useSettingsStore.subscribe((state) => {
      // Not while saving: the store shows a change at once, before the host has made it.
      const next = state.saving ? null : (state.settings?.network.kind ?? null);
      if (next === null) return;
      if (network !== null && next !== network) {
        useChainStore.setState(UNKNOWN_CHAIN);
        refresh();
      }
      network = next;
    }),
    onEvent(transport, 'chain.reward', (reward) => useChainStore.setState({ reward })),
    useWalletStore.subscribe((s) => {
      const selected = s.status?.selected ?? null;
      if (selected !== lastSelected) {
        lastSelected = selected;
        refresh();
      }
    }),
    transport.onConnection((connected) => {
      if (connected) refresh();
    }),
  ];
  return () => offs.forEach((off) => off());
}
