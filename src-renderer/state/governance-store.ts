// Governance as the UI knows it: the overview for the operating account, the proposals that
// opened while the app was running (governance.proposal events), and which proposal's vote is
// being previewed.
import { create } from 'zustand';
import type {
  ChainTxPreview,
  GovernanceOverview,
  GovernancePoll,
  PollChoice,
  GovernanceProposalOpened,
  VoteSupport,
} from '../../src-shared/contract/index.ts';
import { api, onEvent, type Transport } from '../api/index.ts';
import { describeError } from '../api/describe-error.ts';

interface GovernanceState {
  overview: GovernanceOverview | null;
  loading: boolean;
  error: string | null;
  opened: GovernanceProposalOpened[];
  polls: GovernancePoll[];
  loadPolls(account: string | null): Promise<void>;
  /** A LIP poll vote; its preview is keyed by the poll's address. */
  preparePollVote(from: string, poll: string, choice: PollChoice): Promise<void>;
  preview: { proposalId: string; tx: ChainTxPreview } | null;
  load(account: string | null): Promise<void>;
  prepareVote(from: string, proposalId: string, support: VoteSupport, reason: string): Promise<void>;
  /** Queue a Succeeded or execute a Queued proposal (previewed like a vote). */
  prepareLifecycle(from: string, proposalId: string, step: 'queue' | 'execute'): Promise<void>;
  /** A new treasury payout proposal; its preview is keyed NEW_PROPOSAL. */
  preparePropose(
    from: string,
    p: { title: string; text: string; payoutTo: string; payoutAmount: string },
  ): Promise<void>;
  closePreview(): void;
}

export const NEW_PROPOSAL = 'new';

export const useGovernanceStore = create<GovernanceState>((set) => ({
  overview: null,
  loading: false,
  error: null,
  opened: [],
  polls: [],
  preview: null,
  async loadPolls(account) {
    try {
      const r = await api.governance.polls(account ? { account } : {});
      set({ polls: r.polls });
    } catch (err) {
      set({ error: describeError(err) });
    }
  },
  async preparePollVote(from, poll, choice) {
    set({ error: null });
    try {
      const tx = await api.governance.preparePollVote({ from, poll, choice });
      set({ preview: { proposalId: poll, tx } });
    } catch (err) {
      set({ error: describeError(err) });
    }
  },
  async load(account) {
    set({ loading: true });
    try {
      const overview = await api.governance.overview(account ? { account } : {});
      set({ overview, loading: false, error: overview.error });
    } catch (err) {
      set({ loading: false, error: describeError(err) });
    }
  },
  async prepareVote(from, proposalId, support, reason) {
    set({ error: null });
    try {
      const tx = await api.governance.prepareVote({
        from,
        proposalId,
        support,
        ...(reason.trim() ? { reason: reason.trim() } : {}),
      });
      set({ preview: { proposalId, tx } });
    } catch (err) {
      set({ error: describeError(err) });
    }
  },
  async prepareLifecycle(from, proposalId, step) {
    set({ error: null });
    try {
      const input = { from, proposalId };
      const tx = await (step === 'queue' ? api.governance.prepareQueue(input) : api.governance.prepareExecute(input));
      set({ preview: { proposalId, tx } });
    } catch (err) {
      set({ error: describeError(err) });
    }
  },
  async preparePropose(from, p) {
    set({ error: null });
    try {
      const tx = await api.governance.preparePropose({ from, ...p });
      set({ preview: { proposalId: NEW_PROPOSAL, tx } });
    } catch (err) {
      set({ error: describeError(err) });
    }
  },
  closePreview() {
    set({ preview: null });
  },
}));

export function connectGovernanceStore(transport: Transport): () => void {
  return onEvent(transport, 'governance.proposal', (p) =>
    useGovernanceStore.setState((s) => ({ opened: [p, ...s.opened.filter((o) => o.id !== p.id)].slice(0, 10) })),
  );
}
