// The first half of the transaction pipeline: plan the action, encode the call, simulate it,
// estimate gas and the most it can cost, and check the sender can pay. Nothing is sent.
// The estimate is a simulation (eth_estimateGas fails with the revert reason just as eth_call
// does), so a call without return values is simulated by it alone; a call whose result the
// preview shows is also run as an eth_call. Fees come from the head's basefee and the balance from
// the head's account state (`TxChain`): no request of their own.
import { randomUUID } from 'node:crypto';
import { Interface, ZeroAddress } from 'ethers';
import { AppError, ErrorCode } from '../../../src-shared/contract/index.ts';
import { POLL_ABI, PROTOCOL_ABIS, type ProtocolContract } from '../abi.ts';
import { fmt } from '../plans/plan.ts';
import { plan } from '../plans/planners.ts';
import { checkAddress, type ChainReader } from '../reads/reader.ts';
import { toAppError } from '../rpc-errors.ts';
import type { AccountState, ChainAction, TxPreview } from '../types.ts';
import { feesFromBasefee } from './fees.ts';
import type { OnNewBlock } from './receipts.ts';

/** What the pipeline takes from the chain-state service's head instead of requests of its own. */
export interface TxChain {
  basefee(): Promise<bigint>;
  account(address: string): Promise<Pick<AccountState, 'ethBalance'>>;
  onNewBlock: OnNewBlock;
}

const pollIface = new Interface(POLL_ABI);
const ifaces = Object.fromEntries(Object.entries(PROTOCOL_ABIS).map(([k, abi]) => [k, new Interface(abi)])) as Record<
  ProtocolContract,
  Interface
>;

export async function prepareTx(
  r: ChainReader,
  chain: TxChain,
  fromInput: string,
  action: ChainAction,
  previewTtlMs: number,
): Promise<TxPreview> {
  const from = checkAddress(fromInput, 'The sending account');
  const addrs = await r.addresses();
  const p = await plan({ r, addrs }, from, action);
  const iface = p.contract === 'Poll' ? pollIface : ifaces[p.contract];
  const fn = iface.getFunction(p.method);
  if (!fn) throw new AppError(ErrorCode.Internal, `No ${p.method} in ${p.contract}`);
  const data = iface.encodeFunctionData(fn, p.args);
  const to = p.to ?? (p.contract === 'Poll' ? ZeroAddress : addrs[p.contract]);
  const value = p.value ?? 0n;
  const cid = await r.chainId();
  const what = p.summary;
  const request = { from, to, data, value };
  const [result, gas, fees, { ethBalance }] = await Promise.all([
    fn.outputs.length > 0 ? simulate(r, request, what) : null,
    // Named after the action: a revert here reads as the simulation's would
    p.gas ?? r.call(what, () => r.provider.estimateGas(request)),
    chain.basefee().then((basefee) => feesFromBasefee(r, basefee)),
    chain.account(from),
  ]);
  const decoded = result === null ? null : iface.decodeFunctionResult(fn, result).map(String).join(', ');
  const gasLimit = (gas * 12n) / 10n; // 20 % headroom over the estimate
  const { maxFeePerGas, maxPriorityFeePerGas } = fees;
  const maxCostWei = gasLimit * maxFeePerGas;
  if (ethBalance < value + maxCostWei) {
    throw new AppError(
      ErrorCode.InsufficientBalance,
      `You need up to ${fmt(value + maxCostWei, 'ETH')} (value and gas) but have ${fmt(ethBalance, 'ETH')}`,
      { balance: ethBalance.toString(), required: (value + maxCostWei).toString() },
    );
  }
  const preview: TxPreview = {
    id: randomUUID(),
    kind: action.kind,
    from,
    chainId: cid,
    summary: p.summary,
    changes: p.changes,
    contract: p.contract,
    to,
    method: fn.format('sighash'),
    args: p.args.map((a) =>
      typeof a === 'object' && a !== null
        ? JSON.stringify(a, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))
        : String(a),
    ),
    value,
    data,
    simulatedResult: decoded,
    gasLimit,
    maxFeePerGas,
    maxPriorityFeePerGas,
    maxCostWei,
    ...(p.payable === undefined ? {} : { payableWei: p.payable }),
    expiresAt: Date.now() + previewTtlMs,
  };
  return preview;
}

/** eth_call of the transaction: a revert becomes REVERTED with its reason before anything is signed. */
export async function simulate(
  r: ChainReader,
  request: { from: string; to: string; data: string; value: bigint },
  what: string,
): Promise<string> {
  try {
    return await r.call(`Simulating: ${what}`, () => r.provider.call(request));
  } catch (err) {
    throw toAppError(err, what);
  }
}
