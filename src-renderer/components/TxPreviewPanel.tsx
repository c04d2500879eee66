// A chain transaction preview as the user approves it: what it does in words, each change, the
// call and the most it can cost; Confirm signs exactly this in main, Cancel discards it. After
// confirming, the chain.tx progress for this preview is shown.
import { useEffect, useState } from 'react';
import type { ChainTxPreview, ChainTxProgress } from '../../src-shared/contract/index.ts';
import { api, onEvent, transport } from '../api/index.ts';
import { describeError } from '../stores/wallet-store.ts';
import './tx-preview.css';

export function formatUnits(wei: string, decimals = 4): string {
  const v = BigInt(wei);
  const whole = v / 10n ** 18n;
  const frac = (v % 10n ** 18n).toString().padStart(18, '0').slice(0, decimals).replace(/0+$/, '');
  return `${whole.toLocaleString('en-US')}${frac ? `.${frac}` : ''}`;
}

export function TxPreviewPanel({ preview, onDone }: { preview: ChainTxPreview; onDone: (ok: boolean) => void }) {
  const [progress, setProgress] = useState<ChainTxProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  useEffect(
    () =>
      onEvent(transport, 'chain.tx', (p) => {
        if (p.previewId === preview.id) setProgress(p);
      }),
    [preview.id],
  );
  const confirm = async (): Promise<void> => {
    setSending(true);
    setError(null);
    try {
      await api.chain.confirm({ previewId: preview.id });
      onDone(true);
    } catch (err) {
      setError(describeError(err));
    } finally {
      setSending(false);
    }
  };
  const cancel = (): void => {
    void api.chain.discard({ previewId: preview.id }).catch(() => undefined);
    onDone(false);
  };
  return (
    <div className="tx-preview" role="dialog" aria-label="Transaction preview">
      <p className="tx-summary">{preview.summary}</p>
      <ul className="tx-changes">
        {preview.changes.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ul>
      <dl className="tx-facts">
        <dt>Call</dt>
        <dd className="mono">
          {preview.contract}.{preview.method}
        </dd>
        <dt>From</dt>
        <dd className="mono">{preview.from}</dd>
        <dt>Most it can cost</dt>
        <dd>
          {formatUnits(preview.maxCostWei, 6)} ETH (gas limit {preview.gasLimit})
        </dd>
      </dl>
      {progress && (
        <p className={`tx-progress tx-${progress.state}`} role="status">
          {progress.state === 'signing' && 'Signing…'}
          {progress.state === 'submitted' && `Sent, waiting for a block (${progress.hash ?? ''})`}
          {progress.state === 'confirmed' && `Confirmed in block ${progress.blockNumber ?? ''}`}
          {progress.state === 'failed' && `Failed: ${progress.reason ?? 'unknown reason'}`}
        </p>
      )}
      {error && (
        <p className="tx-error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="button primary" disabled={sending} onClick={() => void confirm()}>
          {sending ? 'Sending…' : 'Confirm and sign'}
        </button>
        <button type="button" className="button" disabled={sending} onClick={cancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}
