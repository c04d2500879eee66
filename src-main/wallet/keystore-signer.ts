// AccountSigner for an account of the keystore wallet. It holds no key: each call borrows the
// decrypted key from the wallet (which refuses while locked) and signs at once. Transactions are
// signed only when they are exactly what the user approved, and never as unlimited token approvals.
import {
  getAddress,
  getBytes,
  hashMessage,
  hexlify,
  id,
  SigningKey,
  Transaction,
  type TransactionLike,
  type TransactionRequest,
} from 'ethers';
import { AppError, ErrorCode } from '../../src-shared/contract/index.ts';
import type { AccountSigner, ApprovedTransaction } from './account-signer.ts';

/**
 * Who a signature serves: the node's own work (ticket parameters and payments, redeeming winning
 * tickets, reward and round initialization) may use a key held for the node while the wallet is
 * locked for the user; everything else is a user action.
 */
export type SigningPurpose = 'node' | 'user';

export interface KeyLender {
  /** Runs fn with the decrypted key of the address; throws LOCKED when it is not unlocked for the purpose. */
  withKey<T>(address: string, fn: (key: Uint8Array) => T, purpose?: SigningPurpose): T;
}

/** The transactions the node sends by itself (selectors): anything else needs the user's unlock. */
const NODE_CALLS: ReadonlySet<string> = new Set(
  [
    'reward()',
    'rewardWithHint(address,address)',
    'initializeRound()',
    'redeemWinningTicket((address,address,uint256,uint256,uint256,bytes32,bytes),bytes,uint256)',
    'batchRedeemWinningTickets((address,address,uint256,uint256,uint256,bytes32,bytes)[],bytes[],uint256[])',
  ].map((sig) => id(sig).slice(0, 10)),
);

function txPurpose(data: string): SigningPurpose {
  return NODE_CALLS.has(data.slice(0, 10).toLowerCase()) ? 'node' : 'user';
}

/** ERC-20 approve(address,uint256). */
const APPROVE_SELECTOR = '0x095ea7b3';
const MAX_UINT256 = (1n << 256n) - 1n;

export function createKeystoreSigner(address: string, lender: KeyLender): AccountSigner {
  const checksummed = getAddress(address);
  return {
    address: checksummed,
    async signMessage(message) {
      const digest = hashMessage(message);
      // Messages are ticket parameters and payments: the node's work.
      return lender.withKey(checksummed, (key) => new SigningKey(key).sign(digest).serialized, 'node');
    },
    async signTransaction(request, approval) {
      const tx = Transaction.from(populated(request, checksummed));
      refuseUnlessApproved(tx, approval);
      refuseUnlimitedApproval(tx.data);
      const unsigned = tx.unsignedHash;
      tx.signature = lender.withKey(checksummed, (key) => new SigningKey(key).sign(unsigned), txPurpose(tx.data));
      return tx.serialized;
    },
  };
}

function refuse(reason: string): never {
  throw new AppError(ErrorCode.Forbidden, `Refused to sign: ${reason}`);
}

/** Only the fields that end up in the signed bytes, all present: nothing is filled in behind the preview. */
function populated(request: TransactionRequest, signer: string): TransactionLike<string> {
  if (request.from != null && (typeof request.from !== 'string' || getAddress(request.from) !== signer)) {
    refuse('the transaction is from another account');
  }
  if (typeof request.to !== 'string') refuse('the recipient must be a plain address');
  if (request.chainId == null) refuse('no chain id');
  if (request.nonce == null) refuse('no nonce');
  if (request.gasLimit == null) refuse('no gas limit');
  if (request.gasPrice == null && request.maxFeePerGas == null) refuse('no fee');
  return {
    type: request.type ?? null,
    to: request.to,
    nonce: request.nonce,
    gasLimit: request.gasLimit,
    gasPrice: request.gasPrice ?? null,
    maxFeePerGas: request.maxFeePerGas ?? null,
    maxPriorityFeePerGas: request.maxPriorityFeePerGas ?? null,
    data: request.data ?? '0x',
    value: request.value ?? 0n,
    chainId: request.chainId,
    accessList: request.accessList ?? null,
  };
}

function refuseUnlessApproved(tx: Transaction, approval: ApprovedTransaction): void {
  if (tx.chainId !== approval.chainId) refuse('the chain differs from the approved one');
  if (tx.to === null || getAddress(tx.to) !== getAddress(approval.to))
    refuse('the recipient differs from the approved one');
  if (hexlify(tx.data).toLowerCase() !== hexlify(approval.data).toLowerCase())
    refuse('the call data differs from the approved one');
  if (tx.value !== approval.value) refuse('the value differs from the approved one');
}

function refuseUnlimitedApproval(data: string): void {
  const bytes = getBytes(data);
  if (bytes.length !== 4 + 64 || hexlify(bytes.slice(0, 4)) !== APPROVE_SELECTOR) return;
  const amount = BigInt(hexlify(bytes.slice(36, 68)));
  if (amount === MAX_UINT256) refuse('unlimited token approvals are not allowed; approve the exact amount');
}
