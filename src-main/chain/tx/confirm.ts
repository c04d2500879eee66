// The second half of the transaction pipeline: re-simulate what was previewed (unless the caller
// confirms at once what it just previewed: the redemption queue), have the wallet sign exactly
// that (the AccountSigner checks it against the ApprovedTransaction) with the account's next nonce
// (`nonces.ts`: one send per account at a time) and fees from the head, broadcast, wait for the
// receipt (`receipts.ts`: no polling), and report signing → submitted → confirmed/failed.
import { getAddress, Transaction, type Log, type TransactionLike } from 'ethers';
import { AppError, ErrorCode } from '../../../src-shared/contract/index.ts';
import type { Logger } from '../../log/logger.ts';
import type { AccountSigner, ApprovedTransaction } from '../../wallet/account-signer.ts';
import type { ChainReader } from '../reads/reader.ts';
import { revertReason, toAppError } from '../rpc-errors.ts';
import type { TxOutcome, TxPreview, TxProgress } from '../types.ts';
import { feesFromBasefee } from './fees.ts';
import type { NonceTurns } from './nonces.ts';
import { simulate, type TxChain } from './prepare.ts';
import { waitForReceipt } from './receipts.ts';

/** The outcome, and the receipt's logs for a caller that reads its events (not sent on the wire). */
export type ConfirmedTx = TxOutcome & { logs: readonly Log[] };

export interface ConfirmOptions {
  /**
   * Simulate again before signing (default). Only a caller that confirms in the same breath as it
   * previewed (the redemption queue: its preview simulated each ticket and estimated the whole)
   * turns it off: the chain had no time to move.
   */
  resimulate?: boolean;
}

export interface ConfirmDeps {
  r: ChainReader;
  chain: TxChain;
  nonces: NonceTurns;
  resimulate: boolean;
  getSigner?: (address: string) => Promise<AccountSigner>;
  receiptTimeoutMs: number;
  log?: Logger;
  emit: (progress: Omit<TxProgress, 'at'>) => void;
  /** Forgets the preview once the wallet is about to sign. */
  consume: () => void;
}

export async function confirmTx(deps: ConfirmDeps, preview: TxPreview): Promise<ConfirmedTx> {
  const { r, emit } = deps;
  const previewId = preview.id;
  if (!deps.getSigner) throw new AppError(ErrorCode.Unavailable, 'No wallet is available to sign');
  const base = {
    previewId,
    kind: preview.kind,
    hash: null,
    blockNumber: null,
    gasUsed: null,
    costWei: null,
    reason: null,
  };
  // State may have moved since the preview: re-simulate so nothing is sent that would fail
  if (deps.resimulate)
    await simulate(
      r,
      { from: preview.from, to: preview.to, data: preview.data, value: preview.value },
      preview.summary,
    );
  const signer = await deps.getSigner(preview.from).catch((err: unknown) => {
    throw new AppError(
      ErrorCode.Unavailable,
      `The wallet cannot sign for ${preview.from} now: ${err instanceof Error ? err.message : String(err)}`,
    );
  });
  if (getAddress(signer.address) !== preview.from)
    throw new AppError(ErrorCode.Conflict, 'The wallet account differs from the preview sender');
  deps.consume(); // single use, even if signing fails
  const fees = await feesFromBasefee(r, await deps.chain.basefee());
  const approval: ApprovedTransaction = {
    previewId,
    chainId: preview.chainId,
    to: preview.to,
    data: preview.data,
    value: preview.value,
  };
  const hash = await deps.nonces.withNonce(preview.from, async (nonce) => {
    const tx: TransactionLike<string> = {
      type: 2,
      chainId: preview.chainId,
      to: preview.to,
      data: preview.data,
      value: preview.value,
      nonce,
      gasLimit: preview.gasLimit,
      ...fees,
    };
    emit({ ...base, state: 'signing' });
    let raw: string;
    try {
      raw = await signer.signTransaction(tx, approval);
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      emit({ ...base, state: 'failed', reason });
      throw new AppError(ErrorCode.Conflict, `The wallet refused to sign: ${reason}`);
    }
    try {
      // The raw send only (ethers' broadcastTransaction also asks for the block number)
      await r.call(`Sending: ${preview.summary}`, () => r.provider.send('eth_sendRawTransaction', [raw]));
    } catch (err) {
      const appErr = toAppError(err, preview.summary);
      emit({ ...base, state: 'failed', reason: appErr.message });
      throw appErr;
    }
    return Transaction.from(raw).hash as string;
  });
  emit({ ...base, state: 'submitted', hash });
  deps.log?.info(`Submitted ${preview.kind} as ${hash}`);
  const receipt = await waitForReceipt(r, hash, deps.chain.onNewBlock, deps.receiptTimeoutMs).catch((err: unknown) => {
    const appErr = toAppError(err, `Waiting for ${hash}`);
    emit({ ...base, hash, state: 'failed', reason: appErr.message });
    throw appErr;
  });
  if (!receipt) {
    emit({ ...base, hash, state: 'failed', reason: 'no receipt' });
    throw new AppError(ErrorCode.Timeout, `No receipt for ${hash}`);
  }
  const costWei = receipt.gasUsed * receipt.gasPrice;
  const done = { ...base, hash, blockNumber: BigInt(receipt.blockNumber), gasUsed: receipt.gasUsed, costWei };
  if (receipt.status !== 1) {
    const reason = await replayReason(r, preview, receipt.blockNumber);
    emit({ ...done, state: 'failed', reason });
    throw new AppError(ErrorCode.Reverted, `${preview.summary} failed on chain: ${reason}`, { reason, hash });
  }
  emit({ ...done, state: 'confirmed' });
  deps.log?.info(`Confirmed ${preview.kind} in block ${receipt.blockNumber} (gas ${receipt.gasUsed})`);
  return {
    previewId,
    hash,
    blockNumber: BigInt(receipt.blockNumber),
    gasUsed: receipt.gasUsed,
    effectiveGasPrice: receipt.gasPrice,
    costWei,
    logs: receipt.logs,
  };
}

async function replayReason(r: ChainReader, preview: TxPreview, blockNumber: number): Promise<string> {
  try {
    await r.provider.call({
      from: preview.from,
      to: preview.to,
      data: preview.data,
      value: preview.value,
      // Replayed on the state the block left behind: what made it fail is usually still there
      blockTag: blockNumber,
    });
    return 'reverted (no reason given)';
  } catch (err) {
    return revertReason(err) ?? 'reverted (no reason given)';
  }
}
