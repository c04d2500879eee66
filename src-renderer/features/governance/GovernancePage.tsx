// Governance with staked LPT: the operating account's voting power, every proposal with its text,
// state, For/Against/Abstain, quorum and time left, how the account's delegators voted (their own
// votes override the orchestrator's on their stake), and voting with a reason, previewed first.
import { useEffect, useId, useState } from 'react';
import type {
  ChainTxPreview,
  GovernancePoll,
  GovernanceProposal,
  PollChoice,
  VoteSupport,
} from '../../../src-shared/contract/index.ts';
import { subscribe } from '../../api/index.ts';
import { Card, Page } from '../../ui/Page.tsx';
import { Field } from '../../ui/Field.tsx';
import { TxReview } from '../../ui/TxFlow.tsx';
import { formatEth, formatLpt, parseUnits, shortAddress } from '../../../src-shared/domain/units.ts';
import { NEW_PROPOSAL, useGovernanceStore } from '../../state/governance-store.ts';
import { useWalletStore } from '../../state/wallet-store.ts';
import styles from './governance.module.css';

const LEAD =
  'Livepeer changes through proposals voted with staked LPT. As an orchestrator you vote with all the stake delegated to you; a delegator who votes moves their own stake to their choice.';

const pct = (part: string, whole: string): number =>
  BigInt(whole) === 0n ? 0 : Number((BigInt(part) * 10_000n) / BigInt(whole)) / 100;

function timeLeft(p: GovernanceProposal): string {
  if (p.secondsLeft === null) return 'Voting closed';
  const s = p.secondsLeft;
  const text =
    s >= 86_400
      ? `${Math.round(s / 3600 / 24)} days`
      : s >= 3600
        ? `${Math.round(s / 3600)} h`
        : `${Math.max(1, Math.round(s / 60))} min`;
  const rounds = `${p.roundsLeft} round${p.roundsLeft === '1' ? '' : 's'}`;
  return p.state === 'Pending'
    ? `Opens after round ${p.voteStart} · ${rounds} / about ${text} until it closes`
    : `About ${text} left (${rounds})`;
}

export function GovernancePage() {
  const account = useWalletStore((s) => s.status?.selected ?? null);
  const { overview, error, loading, opened, load, polls, loadPolls } = useGovernanceStore();
  useEffect(() => {
    void load(account);
    void loadPolls(account);
    return subscribe('chain.round', () => {
      void load(account);
      void loadPolls(account);
    });
  }, [account, load, loadPolls]);

  return (
    <Page title="Governance" lead={LEAD}>
      {opened[0] && (
        <div className={`banner banner-ok ${styles.opened}`} role="status">
          New proposal open for votes: <strong>{opened[0].title}</strong>
        </div>
      )}
      {error && (
        <div className="banner banner-warn" role="alert">
          {error}
        </div>
      )}
      {overview?.available && (
        <Card title="Your voting power">
          {account ? (
            <div className={styles.power}>
              <div>
                <div className={styles.big}>{formatLpt(overview.votingPower, 2)}</div>
                <div className="muted">
                  {pct(overview.votingPower, overview.totalSupply)} % of the {formatLpt(overview.totalSupply, 0)} active
                  stake in round <span data-live>{overview.round}</span>
                </div>
              </div>
              <div className="muted">
                {overview.delegate === null
                  ? 'Not staked: bond LPT to vote.'
                  : overview.delegate === overview.account
                    ? 'You are an orchestrator: you vote with your own and your delegators’ stake.'
                    : `Delegated to ${shortAddress(overview.delegate)}: their vote counts for you unless you vote yourself.`}
              </div>
            </div>
          ) : (
            <p className="muted">Choose an account in the Wallet to see your voting power.</p>
          )}
        </Card>
      )}
      {overview?.available && overview.proposals.length === 0 && (
        <Card>
          <p className="muted">No proposals yet.</p>
        </Card>
      )}
      {overview?.proposals.map((p) => (
        <ProposalCard key={p.id} proposal={p} account={account} />
      ))}
      {!overview && loading && <p className="muted">Loading proposals…</p>}
      {polls.length > 0 && (
        <h2 className={styles.section} id="polls">
          LIP polls
        </h2>
      )}
      {polls.map((p) => (
        <PollCard key={p.address} poll={p} account={account} />
      ))}
      {overview?.available && account && <ProposeForm account={account} />}
    </Page>
  );
}

function ProposalCard({ proposal: p, account }: { proposal: GovernanceProposal; account: string | null }) {
  const total = (BigInt(p.forVotes) + BigInt(p.againstVotes) + BigInt(p.abstainVotes)).toString();
  const quorumPct = Math.min(100, pct(p.quorumVotes, p.quorum));
  return (
    <Card className="gov-proposal">
      <div className={styles.head}>
        <h2 className={styles.title}>{p.title}</h2>
        <span className={`${styles.state} ${styles[`state${p.state}`] ?? ''}`}>{p.state}</span>
      </div>
      <p className={`muted ${styles.meta}`}>
        by <span className="mono">{shortAddress(p.proposer)}</span> · {timeLeft(p)}
      </p>
      <div className={styles.tally} aria-label="Votes">
        {(['for', 'against', 'abstain'] as const).map((k) => {
          const v = k === 'for' ? p.forVotes : k === 'against' ? p.againstVotes : p.abstainVotes;
          return (
            <div key={k} className={`${styles.row} ${styles[k] ?? ''} gov-${k}`}>
              <span className="gov-label">{k === 'for' ? 'For' : k === 'against' ? 'Against' : 'Abstain'}</span>
              <span className={styles.bar}>
                <span style={{ width: `${pct(v, total)}%` }} />
              </span>
              <span className={`${styles.num} gov-num`}>
                {formatLpt(v, 2)} · {pct(v, total)} %
              </span>
            </div>
          );
        })}
      </div>
      <p className={`muted ${styles.quorum}`}>
        {BigInt(p.quorumVotes) >= BigInt(p.quorum) ? 'Quorum reached' : `Quorum ${quorumPct} %`}:{' '}
        {formatLpt(p.quorumVotes, 0)} voted, {formatLpt(p.quorum, 0)} needed · passes if For is more than{' '}
        {Number(p.quota) / 10_000} % of For + Against
      </p>
      {p.provisional && (
        <p className="muted">
          Quorum read at round {p.figuresRound}: the snapshot round {p.voteStart} is not past yet, so it may still
          change.
        </p>
      )}
      <details className={styles.text}>
        <summary>Proposal text and calls</summary>
        <pre>{p.description}</pre>
        <ul>
          {p.calls.map((c, i) => (
            <li key={i} className="mono">
              {shortAddress(c.target)} {c.data.slice(0, 10)}… {c.value !== '0' ? `(${formatEth(c.value, 4)})` : ''}
            </li>
          ))}
        </ul>
      </details>
      {p.myVote && (
        <p className="gov-myvote">
          You voted <strong>{p.myVote.support}</strong> with {formatLpt(p.myVote.weight, 2)}
          {p.myVote.reason ? `: “${p.myVote.reason}”` : ''}
        </p>
      )}
      {p.delegatorVotes.length > 0 && (
        <div className={styles.delegators}>
          <h3>Your delegators who voted themselves</h3>
          <table>
            <thead>
              <tr>
                <th>Delegator</th>
                <th>Vote</th>
                <th>Stake</th>
                <th>Reason</th>
              </tr>
            </thead>
            <tbody>
              {p.delegatorVotes.map((d) => (
                <tr key={d.voter}>
                  <td className="mono">{shortAddress(d.voter)}</td>
                  <td>
                    {d.support}
                    {d.differsFromOrchestrator ? ' (overrides you)' : ''}
                  </td>
                  <td>{formatLpt(d.weight, 2)}</td>
                  <td>{d.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {p.state === 'Active' && !p.myVote && account && <VoteForm proposal={p} account={account} />}
      {(p.state === 'Succeeded' || p.state === 'Queued') && account && (
        <LifecycleAction proposal={p} account={account} />
      )}
    </Card>
  );
}

/** A passed proposal goes to the Treasury timelock (queue), then runs (execute); anyone may do either. */
function LifecycleAction({ proposal, account }: { proposal: GovernanceProposal; account: string }) {
  const { preview, prepareLifecycle, load } = useGovernanceStore();
  const mine = preview?.proposalId === proposal.id ? preview.tx : null;
  const step = proposal.state === 'Succeeded' ? 'queue' : 'execute';
  return (
    <div className={styles.lifecycle}>
      <p className="muted">
        {step === 'queue'
          ? 'It passed: queue it in the Treasury timelock so its calls can run. Anyone may do this.'
          : 'Queued in the Treasury: execute it to run its calls once the delay has passed. Anyone may do this.'}
      </p>
      <PreviewStep
        tx={mine}
        label={step === 'queue' ? 'Preview queueing' : 'Preview execution'}
        prepare={() => void prepareLifecycle(account, proposal.id, step)}
        onSent={() => void load(account)}
      />
    </div>
  );
}

/** A treasury payout proposal: text, and LPT the Treasury pays if it passes. */
function ProposeForm({ account }: { account: string }) {
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const [payoutTo, setPayoutTo] = useState('');
  const [amount, setAmount] = useState('');
  const { preview, preparePropose, load } = useGovernanceStore();
  const mine = preview?.proposalId === NEW_PROPOSAL ? preview.tx : null;
  const wei = parseUnits(amount, 18);
  const titleOk = title.trim().length >= 3;
  const addressOk = /^0x[0-9a-fA-F]{40}$/.test(payoutTo.trim());
  const amountOk = wei !== null && wei > 0n;
  const ok = titleOk && addressOk && amountOk;
  const missing = [!titleOk && 'a title', !addressOk && 'the address to pay', !amountOk && 'the amount'].filter(
    (m): m is string => typeof m === 'string',
  );
  return (
    <Card title="Create a treasury proposal" className={`${styles.propose} gov-propose`}>
      <p className="muted">
        Proposals pay LPT from the Treasury when they pass. You need the proposal threshold of stake in the previous
        round; voting opens after the voting delay.
      </p>
      <Field
        label="Title"
        value={title}
        onChange={setTitle}
        error={title !== '' && !titleOk ? 'At least 3 characters' : null}
      />
      <Field id="proposal-text" label="Proposal text (optional)">
        <textarea
          id="proposal-text"
          value={text}
          rows={4}
          maxLength={20_000}
          onChange={(e) => setText(e.target.value)}
        />
      </Field>
      <div className="form-row">
        <Field
          label="Pay to (address)"
          value={payoutTo}
          onChange={setPayoutTo}
          placeholder="0x…"
          error={payoutTo !== '' && !addressOk ? 'An address: 0x and 40 hexadecimal characters' : null}
        />
        <Field
          label="Amount"
          value={amount}
          onChange={setAmount}
          suffix="LPT"
          inputMode="decimal"
          error={amount !== '' && !amountOk ? 'An amount of LPT above 0' : null}
        />
      </div>
      <PreviewStep
        tx={mine}
        label="Preview proposal"
        disabled={!ok}
        why={ok ? null : `To preview it, fill in ${missing.join(', ')}.`}
        prepare={() =>
          void preparePropose(account, {
            title: title.trim(),
            text,
            payoutTo: payoutTo.trim(),
            payoutAmount: (wei ?? 0n).toString(),
          })
        }
        onSent={() => {
          setTitle('');
          setText('');
          void load(account);
        }}
      />
    </Card>
  );
}

function VoteForm({ proposal, account }: { proposal: GovernanceProposal; account: string }) {
  const [support, setSupport] = useState<VoteSupport>('for');
  const [reason, setReason] = useState('');
  const { preview, prepareVote, load } = useGovernanceStore();
  const mine = preview?.proposalId === proposal.id ? preview.tx : null;
  if (BigInt(proposal.myWeight) === 0n) {
    return (
      <p className="muted">
        You had no stake at this proposal’s snapshot (round {proposal.voteStart}), so you cannot vote on it.
      </p>
    );
  }
  return (
    <div className={styles.vote}>
      <fieldset>
        <legend>Your vote ({formatLpt(proposal.myWeight, 2)})</legend>
        {(['for', 'against', 'abstain'] as const).map((s) => (
          <label key={s} className={styles.choice}>
            <input type="radio" name={`vote-${proposal.id}`} checked={support === s} onChange={() => setSupport(s)} />
            {s === 'for' ? 'For' : s === 'against' ? 'Against' : 'Abstain'}
          </label>
        ))}
      </fieldset>
      <label className="field">
        <span>Reason (optional, public on chain)</span>
        <textarea value={reason} maxLength={2000} rows={2} onChange={(e) => setReason(e.target.value)} />
      </label>
      <PreviewStep
        tx={mine}
        label="Preview vote"
        prepare={() => void prepareVote(account, proposal.id, support, reason)}
        onSent={() => void load(account)}
      />
    </div>
  );
}

/** A LIP poll: non-binding Yes/No by stake, tallied off chain; a voter's last vote counts. */
function PollCard({ poll: p, account }: { poll: GovernancePoll; account: string | null }) {
  const [choice, setChoice] = useState<PollChoice>('yes');
  const { preview, preparePollVote, loadPolls } = useGovernanceStore();
  const mine = preview?.proposalId === p.address ? preview.tx : null;
  const voted = (BigInt(p.yes) + BigInt(p.no)).toString();
  const quorumNeeded = (BigInt(p.totalStake) * BigInt(p.quorum)) / 1_000_000n;
  const left =
    p.secondsLeft === null
      ? `Ended at block ${p.endBlock}`
      : `About ${p.secondsLeft >= 3600 ? `${Math.round(p.secondsLeft / 3600)} h` : `${Math.max(1, Math.round(p.secondsLeft / 60))} min`} left (${p.blocksLeft} blocks)`;
  return (
    <Card className="gov-proposal gov-poll">
      <div className={styles.head}>
        <h2 className={styles.title}>Poll: {p.proposal}</h2>
        <span className={`${styles.state} ${p.open ? styles.stateActive : styles.stateDefeated}`}>
          {p.open ? 'Open' : 'Ended'}
        </span>
      </div>
      <p className={`muted ${styles.meta}`}>
        <span className="mono">{shortAddress(p.address)}</span> · {left}
      </p>
      <div className={styles.tally} aria-label="Poll votes">
        {(['yes', 'no'] as const).map((k) => {
          const v = k === 'yes' ? p.yes : p.no;
          return (
            <div
              key={k}
              className={`${styles.row} ${k === 'yes' ? styles.for : styles.against} gov-${k === 'yes' ? 'for' : 'against'}`}
            >
              <span className="gov-label">{k === 'yes' ? 'Yes' : 'No'}</span>
              <span className={styles.bar}>
                <span style={{ width: `${pct(v, voted)}%` }} />
              </span>
              <span className={`${styles.num} gov-num`}>
                {formatLpt(v, 2)} · {pct(v, voted)} %
              </span>
            </div>
          );
        })}
      </div>
      <p className={`muted ${styles.quorum}`}>
        {formatLpt(voted, 0)} voted of {formatLpt(p.totalStake, 0)} bonded; quorum{' '}
        {formatLpt(quorumNeeded.toString(), 0)} · passes if Yes is more than {Number(p.quota) / 10_000} % · non-binding,
        tallied off chain by stake
      </p>
      {p.myVote && (
        <p className="gov-myvote">
          You voted <strong>{p.myVote}</strong>
          {p.open ? ' (you can change it until the poll ends)' : ''}
        </p>
      )}
      {!p.myVote && p.delegateVote && (
        <p className="muted">
          Your orchestrator voted <strong>{p.delegateVote}</strong>: it counts for your stake unless you vote.
        </p>
      )}
      {p.open && account && (
        <div className={styles.vote}>
          <fieldset>
            <legend>Your poll vote</legend>
            {(['yes', 'no'] as const).map((c) => (
              <label key={c} className={styles.choice}>
                <input type="radio" name={`poll-${p.address}`} checked={choice === c} onChange={() => setChoice(c)} />
                {c === 'yes' ? 'Yes' : 'No'}
              </label>
            ))}
          </fieldset>
          <PreviewStep
            tx={mine}
            label="Preview poll vote"
            prepare={() => void preparePollVote(account, p.address, choice)}
            onSent={() => void loadPolls(account)}
          />
        </div>
      )}
    </Card>
  );
}

/** The transaction's preview once prepared, until it is sent or cancelled; before that, the button that prepares it. */
function PreviewStep({
  tx,
  label,
  disabled,
  why = null,
  prepare,
  onSent,
}: {
  tx: ChainTxPreview | null;
  label: string;
  disabled?: boolean;
  /** Why the button is off, said beside it. */
  why?: string | null;
  prepare: () => void;
  onSent: () => void;
}) {
  const closePreview = useGovernanceStore((s) => s.closePreview);
  const whyId = useId();
  if (tx)
    return (
      <TxReview
        preview={tx}
        onSent={() => {
          closePreview();
          onSent();
        }}
        onCancel={closePreview}
      />
    );
  return (
    <div className="form-actions">
      <button
        type="button"
        className="button primary"
        disabled={disabled}
        onClick={prepare}
        aria-describedby={disabled && why ? whyId : undefined}
      >
        {label}
      </button>
      {disabled && why && (
        <p className="hint" id={whyId} data-testid="why-disabled">
          {why}
        </p>
      )}
    </div>
  );
}
