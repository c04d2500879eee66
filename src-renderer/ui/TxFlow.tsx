// The one preview→confirm flow for every chain transaction: what changes in words, the contract
// call, gas and the most it can cost; "Confirm and send" signs exactly this preview in main, Cancel
// discards it, and progress comes from chain.tx events. Nothing is sent before the confirmation.
// `TxReview` shows a preview prepared elsewhere (a store's prepare call); `TxAction` is a button
// that prepares a chain action first and then shows the same review; when chain state blocks the
// action (a round not initialized yet) it offers the fix in place (TxFix) and then carries on.
import { useState } from 'react';
import type { AppError, ChainAction, ChainTxOutcome, ChainTxPreview } from '../../src-shared/contract/index.ts';
import { formatEth, formatGwei } from '../../src-shared/domain/units.ts';
import { api } from '../api/index.ts';
import { useChainStore } from '../state/chain-store.ts';
import { describeError } from '../api/describe-error.ts';
import { fixOf, TxFix } from './TxFix.tsx';
import styles from './TxFlow.module.css';

const STATE_WORDS = {
  signing: 'Signing with your wallet…',
  submitted: 'Sent; waiting for a block…',
  confirmed: 'Confirmed',
  failed: 'Failed',
} as const;

export function TxReview(props: {
  preview: ChainTxPreview;
  /** What follows this transaction (a fix before the action the user asked for). */
  then?: string;
  onSent: (outcome: ChainTxOutcome) => void;
  onCancel: () => void;
  /** Takes a failed confirmation (returns true) instead of showing it here. */
  onFailed?: (err: unknown) => boolean;
}) {
  const { preview } = props;
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const progress = useChainStore((s) => s.txs[preview.id]);

  async function confirm(): Promise<void> {
    setSending(true);
    setError(null);
    try {
      const done = await api.chain.confirm({ previewId: preview.id });
      props.onSent(done);
    } catch (err) {
      if (props.onFailed?.(err)) return;
      setError(describeError(err));
    } finally {
      setSending(false);
    }
  }

  function cancel(): void {
    void api.chain.discard({ previewId: preview.id }).catch(() => undefined);
    props.onCancel();
  }

  return (
    <>
      <section className={styles.review} aria-label={`Review: ${preview.summary}`}>
        <h3 className={styles.title}>Review before sending</h3>
        <p className={styles.summary}>{preview.summary}</p>
        {preview.changes.length > 0 && (
          <ul className={styles.changes}>
            {preview.changes.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        )}
        {props.then && <p className={styles.then}>{props.then}</p>}
        <dl className={`facts ${styles.facts}`}>
          <dt>Call</dt>
          <dd className="mono">
            {preview.contract}.{preview.method}
          </dd>
          <dt>Gas limit</dt>
          <dd>{BigInt(preview.gasLimit).toLocaleString('en-US')}</dd>
          <dt>Max fee</dt>
          <dd>{formatGwei(preview.maxFeePerGas)}</dd>
          <dt>Costs at most</dt>
          <dd data-testid="tx-max-cost">{formatEth(preview.maxCostWei, 8)}</dd>
        </dl>
        <div className="row">
          <button type="button" className="button primary" disabled={sending} onClick={() => void confirm()}>
            {sending ? (progress ? STATE_WORDS[progress.state] : 'Sending…') : 'Confirm and send'}
          </button>
          <button type="button" className="button" disabled={sending} onClick={cancel}>
            Cancel
          </button>
        </div>
      </section>
      {error && (
        <p className={styles.error} role="alert">
          {error}
        </p>
      )}
    </>
  );
}

export function TxAction(props: {
  from: string | null;
  label: string;
  /** Builds the action when clicked; a string is a reason it cannot be built (shown, nothing sent). */
  action: () => ChainAction | string;
  disabled?: boolean;
  variant?: 'primary' | 'secondary';
  onDone?: (outcome: ChainTxOutcome) => void;
  testId?: string;
}) {
  const [preview, setPreview] = useState<ChainTxPreview | null>(null);
  const [preparing, setPreparing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [blocked, setBlocked] = useState<AppError | null>(null);
  /** The preview on screen is the fix, and the user's own action follows it. */
  const [fixing, setFixing] = useState(false);
  const [outcome, setOutcome] = useState<ChainTxOutcome | null>(null);

  function failed(err: unknown): boolean {
    if (!fixOf(err)) return false;
    setBlocked(err as AppError);
    setPreview(null);
    return true;
  }

  async function prepare(fix?: ChainAction): Promise<void> {
    setError(null);
    setOutcome(null);
    setBlocked(null);
    setFixing(fix !== undefined);
    if (!props.from) return setError('Select an account in the wallet first.');
    const action = fix ?? props.action();
    if (typeof action === 'string') return setError(action);
    setPreparing(true);
    try {
      setPreview(await api.chain.prepare({ from: props.from, action }));
    } catch (err) {
      // Fixed meanwhile (the node's reward service initialized the round): go on with the action.
      if (fix && /already/.test(describeError(err))) return void prepare();
      if (!failed(err)) setError(describeError(err));
    } finally {
      setPreparing(false);
    }
  }

  const testId = props.testId ?? `tx-${props.label.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  return (
    <div className={styles.flow} data-testid={testId} data-tx-action>
      {!preview && !blocked && (
        <button
          type="button"
          className={props.variant === 'secondary' ? 'button' : 'button primary'}
          disabled={props.disabled || preparing}
          onClick={() => void prepare()}
        >
          {preparing ? 'Preparing…' : props.label}
        </button>
      )}
      {!preview && blocked && (
        <TxFix error={blocked} then={props.label} busy={preparing} onFix={(fix) => void prepare(fix)} />
      )}
      {preview && (
        <TxReview
          preview={preview}
          then={fixing ? `Then: ${props.label}, shown for your review next` : undefined}
          onSent={(done) => {
            setPreview(null);
            if (fixing) return void prepare();
            setOutcome(done);
            props.onDone?.(done);
          }}
          onCancel={() => {
            setPreview(null);
            setFixing(false);
          }}
          onFailed={(err) => {
            if (!failed(err)) return false;
            void api.chain.discard({ previewId: preview.id }).catch(() => undefined);
            return true;
          }}
        />
      )}
      {outcome && (
        <p className={styles.done} role="status">
          ✓ {STATE_WORDS.confirmed} in block {outcome.blockNumber} · gas cost {formatEth(outcome.costWei, 8)}
        </p>
      )}
      {error && (
        <p className={styles.error} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
