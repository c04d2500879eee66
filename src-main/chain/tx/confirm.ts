// The second half of the transaction pipeline: re-simulate what was previewed, have the wallet
// sign exactly that (the AccountSigner checks it against the ApprovedTransaction), broadcast, wait
// for the receipt, and report signing → submitted → confirmed/failed as progress.
import { getAddress, type TransactionLike } from 'ethers';
import { AppError, ErrorCode } from '../../../src-shared/contract/index.ts';
import type { Logger } from '../../log/logger.ts';
import type { AccountSigner, ApprovedTransaction } from '../../wallet/account-signer.ts';
import type { ChainReader } from '../reads/reader.ts';
import { revertReason, rpc, toAppError } from '../rpc-errors.ts';
import type { TxOutcome, TxPreview, TxProgress } from '../types.ts';
import { simulate } from './prepare.ts';

export interface ConfirmDeps {
  r: ChainReader;
  getSigner?: (address: string) => Promise<AccountSigner>;
  receiptTimeoutMs: number;
  log?: Logger;
  emit: (progress: Omit<TxProgress, 'at'>) => void;
  /** Forgets the preview once the wallet is about to sign. */
  consume: () => void;
}

export async function confirmTx(deps: ConfirmDeps, preview: TxPreview): Promise<TxOutcome> {
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
  await simulate(r, { from: preview.from, to: preview.to, data: preview.data, value: preview.value }, preview.summary);
  const signer = await deps.getSigner(preview.from).catch((err: unknown) => {
    throw new AppError(
      ErrorCode.Unavailable,
      `The wallet cannot sign for ${preview.from} now: ${err instanceof Error ? err.message : String(err)}`,
    );
  });
  if (getAddress(signer.address) !== preview.from)
    throw new AppError(ErrorCode.Conflict, 'The wallet account differs from the preview sender');
  deps.consume(); // single use, even if signing fails
  const [nonce, feeData] = await Promise.all([
    r.call('Reading the account nonce', () => r.provider.getTransactionCount(preview.from, 'pending')),
    r.call('Reading gas prices', () => r.provider.getFeeData()),
  ]);
  const maxFeePerGas = feeData.maxFeePerGas ?? feeData.gasPrice ?? preview.maxFeePerGas;
  const maxPriorityFeePerGas = feeData.maxPriorityFeePerGas ?? preview.maxPriorityFeePerGas;
  const tx: TransactionLike<string> = {
    type: 2,
    chainId: preview.chainId,
    to: preview.to,
    data: preview.data,
    value: preview.value,
    nonce,
    gasLimit: preview.gasLimit,
    maxFeePerGas,
    maxPriorityFeePerGas,
  };
  const approval: ApprovedTransaction = {
    previewId,
    chainId: preview.chainId,
    to: preview.to,
    data: preview.data,
    value: preview.value,
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
  let hash: string;
  try {
    hash = (await r.call(`Sending: ${preview.summary}`, () => r.provider.broadcastTransaction(raw))).hash;
  } catch (err) {
    const appErr = toAppError(err, preview.summary);
    emit({ ...base, state: 'failed', reason: appErr.message });
    throw appErr;
  }
  emit({ ...base, state: 'submitted', hash });
  deps.log?.info(`Submitted ${preview.kind} as ${hash}`);
  const receipt = await rpc(
    `Waiting for ${hash}`,
    () => r.provider.waitForTransaction(hash, 1, deps.receiptTimeoutMs),
    deps.receiptTimeoutMs + 1000,
  ).catch((err: unknown) => {
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
