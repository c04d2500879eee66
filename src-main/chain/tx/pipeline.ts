// The transaction pipeline's state: previews waiting for confirmation (single use, with an expiry)
// and the progress listeners. prepare.ts and confirm.ts hold the two halves of the work.
import { AppError, ErrorCode } from '../../../src-shared/contract/index.ts';
import type { Logger } from '../../log/logger.ts';
import type { AccountSigner } from '../../wallet/account-signer.ts';
import type { ChainReader } from '../reads/reader.ts';
import type { ChainAction, TxPreview, TxProgress } from '../types.ts';
import { confirmTx, type ConfirmedTx, type ConfirmOptions } from './confirm.ts';
import { createNonceTurns } from './nonces.ts';
import { prepareTx, type TxChain } from './prepare.ts';

export interface TxPipelineOptions {
  getSigner?: (address: string) => Promise<AccountSigner>;
  log?: Logger;
  receiptTimeoutMs: number;
  previewTtlMs: number;
}

export interface TxPipeline {
  prepare(from: string, action: ChainAction): Promise<TxPreview>;
  getPreview(previewId: string): TxPreview | null;
  discard(previewId: string): void;
  confirm(previewId: string, options?: ConfirmOptions): Promise<ConfirmedTx>;
  onProgress(listener: (progress: TxProgress) => void): () => void;
  close(): void;
}

export function createTxPipeline(r: ChainReader, chain: TxChain, options: TxPipelineOptions): TxPipeline {
  const previews = new Map<string, TxPreview>();
  const nonces = createNonceTurns(r);
  const listeners = new Set<(p: TxProgress) => void>();

  function emit(p: Omit<TxProgress, 'at'>): void {
    const event = { ...p, at: Date.now() };
    for (const l of listeners) {
      try {
        l(event);
      } catch {
        // a listener's failure must not break the transaction flow
      }
    }
  }

  function takePreview(previewId: string): TxPreview {
    const preview = previews.get(previewId);
    if (!preview)
      throw new AppError(ErrorCode.NotFound, 'No such transaction preview (already sent, discarded or unknown)');
    if (preview.expiresAt < Date.now()) {
      previews.delete(previewId);
      throw new AppError(ErrorCode.Conflict, 'The preview expired: prepare the transaction again');
    }
    return preview;
  }

  return {
    async prepare(from, action) {
      const preview = await prepareTx(r, chain, from, action, options.previewTtlMs);
      previews.set(preview.id, preview);
      options.log?.info(`Prepared ${action.kind}: ${preview.summary} (gas ≤ ${preview.gasLimit})`);
      return preview;
    },
    getPreview: (previewId) => previews.get(previewId) ?? null,
    discard: (previewId) => void previews.delete(previewId),
    async confirm(previewId, confirmOptions) {
      const preview = takePreview(previewId);
      return confirmTx(
        {
          r,
          chain,
          nonces,
          resimulate: confirmOptions?.resimulate ?? true,
          getSigner: options.getSigner,
          receiptTimeoutMs: options.receiptTimeoutMs,
          log: options.log,
          emit,
          consume: () => previews.delete(previewId),
        },
        preview,
      );
    },
    onProgress(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      listeners.clear();
      previews.clear();
    },
  };
}
