// One chain action as the user meets it: a button, then the preview (what changes, the contract
// call, gas and the most it can cost), then signing and confirmation tracked from chain.tx events.
// Nothing is sent before "Confirm and send".
import { useState } from 'react';
import type { ChainAction, ChainTxOutcome, ChainTxPreview } from '../../src-shared/contract/index.ts';
import { formatEth, formatGwei } from '../../src-shared/domain/units.ts';
import { api } from '../api/index.ts';
import { useChainStore } from '../stores/chain-store.ts';
import { describeError } from '../stores/wallet-store.ts';

const STATE_WORDS = {
  signing: 'Signing with your wallet…',
  submitted: 'Sent; waiting for a block…',
  confirmed: 'Confirmed',
  failed: 'Failed',
} as const;

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
  const [busy, setBusy] = useState<'prepare' | 'confirm' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<ChainTxOutcome | null>(null);
  const progress = useChainStore((s) => (preview ? s.txs[preview.id] : undefined));

  async function prepare(): Promise<void> {
    setError(null);
    setOutcome(null);
    if (!props.from) return setError('Select an account in the wallet first.');
    const action = props.action();
    if (typeof action === 'string') return setError(action);
    setBusy('prepare');
    try {
      setPreview(await api.chain.prepare({ from: props.from, action }));
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(null);
    }
  }

  async function confirm(): Promise<void> {
    if (!preview) return;
    setBusy('confirm');
    setError(null);
    try {
      const done = await api.chain.confirm({ previewId: preview.id });
      setOutcome(done);
      setPreview(null);
      props.onDone?.(done);
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(null);
    }
  }

  function cancel(): void {
    if (preview) void api.chain.discard({ previewId: preview.id }).catch(() => undefined);
    setPreview(null);
  }

  const testId = props.testId ?? `tx-${props.label.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  return (
    <div className="tx" data-testid={testId} data-tx-action>
      {!preview && (
        <button
          type="button"
          className={props.variant === 'secondary' ? 'button' : 'button primary'}
          disabled={props.disabled || busy !== null}
          onClick={() => void prepare()}
        >
          {busy === 'prepare' ? 'Preparing…' : props.label}
        </button>
      )}
      {preview && (
        <section className="tx-preview" aria-label={`Review: ${preview.summary}`}>
          <h3 className="tx-title">Review before sending</h3>
          <p className="tx-summary">{preview.summary}</p>
          {preview.changes.length > 0 && (
            <ul className="tx-changes">
              {preview.changes.map((c) => (
                <li key={c}>{c}</li>
              ))}
            </ul>
          )}
          <dl className="facts small">
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
            <button type="button" className="button primary" disabled={busy !== null} onClick={() => void confirm()}>
              {busy === 'confirm' ? (progress ? STATE_WORDS[progress.state] : 'Sending…') : 'Confirm and send'}
            </button>
            <button type="button" className="button" disabled={busy !== null} onClick={cancel}>
              Cancel
            </button>
          </div>
        </section>
      )}
      {outcome && (
        <p className="tx-done" role="status">
          ✓ {STATE_WORDS.confirmed} in block {outcome.blockNumber} · gas cost {formatEth(outcome.costWei, 8)}
        </p>
      )}
      {error && (
        <p className="tx-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
