// Mainnet scale on the devnet (`devnet --scale mainnet`): about the size of Arbitrum One's active
// set (100; `getTranscoderPoolMaxSize()` there) — 99 registered orchestrators with long-tail
// stakes, varied cuts and service URIs, a few hundred delegators, and a few rounds of reward()
// calls and redeemed winning tickets, so pool walks, hints, tables and RPC figures meet the real
// network's size. The 100th seat is left for the app's own orchestrator.
// Fast by batching: every phase signs its transactions offline with explicit nonces, sends them
// with automine off and mines them together (a raised block gas limit keeps that to a block or two).
import {
  getAddress,
  getBytes,
  hexlify,
  Interface,
  keccak256,
  parseEther,
  toUtf8Bytes,
  Wallet,
  ZeroAddress,
} from 'ethers';
import type { JsonRpcProvider } from 'ethers';
import { BONDING_MANAGER_ABI, ROUNDS_MANAGER_ABI, SERVICE_REGISTRY_ABI, TICKET_BROKER_ABI, TOKEN_ABI } from '../abi.ts';
import { auxData, MAX_WIN_PROB, recipientRandHash, ticketHash } from '../../orchestrator/payments/ticket.ts';
import { DevnetScale } from '../../../src-shared/contract/index.ts';
import type { DeployedContracts } from './deploy.ts';

export type { DevnetScale };
export const DEVNET_SCALES: readonly DevnetScale[] = DevnetScale.options;

export const MAINNET_SCALE = {
  /** Arbitrum One's numActiveTranscoders is 100; one seat stays free for the app's orchestrator. */
  activeSetSize: 100n,
  orchestrators: 99,
  delegators: 300,
  /** Rounds of reward() calls and ticket redemptions after registration. */
  historyRounds: 3,
  /** Orchestrators paid one winning ticket per history round. */
  paidPerRound: 30,
  /** The largest orchestrator's total stake; the n-th has about top / n^1.15 (a long tail). */
  topStake: parseEther('900000'),
} as const;

export interface SeedReport {
  orchestrators: number;
  delegators: number;
  rounds: number;
  transactions: number;
  ms: number;
}

interface SeedTarget {
  provider: JsonRpcProvider;
  contracts: DeployedContracts;
  /** The Controller owner and token faucet (anvil account 0). */
  faucetKey: string;
}

const BM = new Interface(BONDING_MANAGER_ABI);
const TOKEN = new Interface(TOKEN_ABI);
const SR = new Interface(SERVICE_REGISTRY_ABI);
const TB = new Interface(TICKET_BROKER_ABI);
const RM = new Interface(ROUNDS_MANAGER_ABI);
const OWNER = new Interface(['function setNumActiveTranscoders(uint256)']);

/** Deterministic: the same network every time (a reseed compares like with like). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Public throwaway keys derived from a label: devnet only, they guard nothing. */
const seededKey = (label: string): string => keccak256(toUtf8Bytes(`livepeer-miner devnet scale ${label}`));
const ppm = (fraction: number): bigint => BigInt(Math.round(fraction * 1_000_000));
const lpt = (n: number): bigint => parseEther(n.toFixed(6));

export interface PlannedOrchestrator {
  wallet: Wallet;
  selfStake: bigint;
  rewardCut: bigint;
  feeShare: bigint;
  serviceUri: string;
}
export interface PlannedDelegator {
  wallet: Wallet;
  orchestrator: number;
  amount: bigint;
}

/** Who stakes what: long-tail totals, 5–40 % self-bonded, the rest spread over delegators. */
export function planMainnetScale(): { orchestrators: PlannedOrchestrator[]; delegators: PlannedDelegator[] } {
  const rand = prng(100);
  const n = MAINNET_SCALE.orchestrators;
  const top = Number(MAINNET_SCALE.topStake / 10n ** 18n);
  const totals = Array.from({ length: n }, (_, i) => (top / Math.pow(i + 1, 1.15)) * (0.85 + 0.3 * rand()));
  const selfFrac = totals.map(() => 0.05 + 0.35 * rand());
  const cutChoices = [0, 0.05, 0.08, 0.1, 0.1, 0.15, 0.2, 0.25, 0.35, 0.5, 1];
  const shareChoices = [0, 0.25, 0.5, 0.5, 0.6, 0.75, 0.8, 0.9, 0.95];
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const orchestrators = totals.map((total, i): PlannedOrchestrator => {
    const num = String(i + 1).padStart(3, '0');
    return {
      wallet: new Wallet(seededKey(`orchestrator ${i}`)),
      selfStake: lpt(total * (selfFrac[i] ?? 0.2)),
      rewardCut: ppm(pick(cutChoices)),
      feeShare: ppm(pick(shareChoices)),
      serviceUri: `https://${pick(['orch', 'lp', 'node', 'transcode', 'video'])}-${num}.example.net:${pick([8935, 8935, 443, 8936])}`,
    };
  });
  // Every orchestrator has at least one delegator; the rest go where the stake is
  const owner: number[] = Array.from({ length: n }, (_, i) => i);
  const sum = totals.reduce((a, b) => a + b, 0);
  while (owner.length < MAINNET_SCALE.delegators) {
    let r = rand() * sum;
    let i = 0;
    while (i < n - 1 && r > (totals[i] ?? 0)) r -= totals[i++] ?? 0;
    owner.push(i);
  }
  const weights = owner.map(() => 0.2 + rand() * rand() * 5);
  const weightSum = new Array<number>(n).fill(0);
  owner.forEach((o, d) => (weightSum[o] = (weightSum[o] ?? 0) + (weights[d] ?? 0)));
  const delegators = owner.map((o, d): PlannedDelegator => ({
    wallet: new Wallet(seededKey(`delegator ${d}`)),
    orchestrator: o,
    amount: lpt(Math.max(1, ((totals[o] ?? 0) * (1 - (selfFrac[o] ?? 0)) * (weights[d] ?? 0)) / (weightSum[o] ?? 1))),
  }));
  return { orchestrators, delegators };
}

interface Call {
  from: Wallet;
  to: string;
  data: string;
  value?: bigint;
  gasLimit: bigint;
  label: string;
}

/** Sends a phase's calls together and mines them; any revert stops the seeding with its label. */
function batcher(provider: JsonRpcProvider) {
  const nonces = new Map<string, number>();
  let sent = 0;
  const nonceOf = async (address: string): Promise<number> => {
    const known = nonces.get(address);
    if (known !== undefined) return known;
    return provider.getTransactionCount(address, 'pending');
  };
  async function run(calls: Call[]): Promise<void> {
    const { chainId } = await provider.getNetwork();
    const senders = [...new Set(calls.map((c) => c.from.address))];
    const start = await Promise.all(senders.map((a) => nonceOf(a)));
    senders.forEach((a, i) => nonces.set(a, start[i] ?? 0));
    const signed: string[] = [];
    for (const c of calls) {
      const nonce = nonces.get(c.from.address) ?? 0;
      nonces.set(c.from.address, nonce + 1);
      signed.push(
        await c.from.signTransaction({
          type: 2,
          chainId,
          nonce,
          to: c.to,
          data: c.data,
          value: c.value ?? 0n,
          gasLimit: c.gasLimit,
          maxFeePerGas: 50_000_000_000n,
          maxPriorityFeePerGas: 1_000_000_000n,
        }),
      );
    }
    await provider.send('evm_setAutomine', [false]);
    let hashes: string[];
    try {
      hashes = await Promise.all(
        signed.map((raw) => provider.send('eth_sendRawTransaction', [raw]) as Promise<string>),
      );
      for (let i = 0; i < 50; i++) {
        await provider.send('evm_mine', []);
        const pool = (await provider.send('txpool_status', [])) as { pending: string; queued: string };
        if (Number(pool.pending) === 0 && Number(pool.queued) === 0) break;
      }
    } finally {
      await provider.send('evm_setAutomine', [true]);
    }
    const receipts = await Promise.all(hashes.map((h) => provider.getTransactionReceipt(h)));
    const failed = receipts.findIndex((r) => r?.status !== 1);
    if (failed >= 0) throw new Error(`Seeding the devnet: "${calls[failed]?.label ?? '?'}" failed`);
    sent += calls.length;
  }
  return { run, sent: () => sent };
}

/** Seeds a devnet at the size of Arbitrum One's active set. Takes a fresh or small devnet. */
export async function seedMainnetScale(
  target: SeedTarget,
  onProgress: (message: string) => void = () => undefined,
): Promise<SeedReport> {
  const started = Date.now();
  const { provider, contracts: c } = target;
  const faucet = new Wallet(target.faucetKey, provider);
  const { orchestrators, delegators } = planMainnetScale();
  const broadcaster = new Wallet(seededKey('broadcaster'));
  const batch = batcher(provider);
  const gasLimit = await provider
    .send('eth_getBlockByNumber', ['latest', false])
    .then((b: { gasLimit: string }) => b.gasLimit);
  await provider.send('evm_setBlockGasLimit', ['0x3b9aca00']); // 1e9: a phase fits in one block

  const rounds = {
    read: async <T>(fn: string, ...args: unknown[]): Promise<T> => {
      const data = RM.encodeFunctionData(fn, args);
      return RM.decodeFunctionResult(fn, await provider.call({ to: c.RoundsManager, data }))[0] as T;
    },
  };
  const nextRound = async (): Promise<bigint> => {
    const start = await rounds.read<bigint>('currentRoundStartBlock');
    const length = await rounds.read<bigint>('roundLength');
    const toMine = start + length - BigInt(await provider.getBlockNumber());
    if (toMine > 0n) await provider.send('anvil_mine', [`0x${toMine.toString(16)}`]);
    await batch.run([
      {
        from: faucet,
        to: c.RoundsManager,
        data: RM.encodeFunctionData('initializeRound'),
        gasLimit: 2_000_000n,
        label: 'initializeRound',
      },
    ]);
    return rounds.read<bigint>('currentRound');
  };

  try {
    onProgress(`Seeding ${orchestrators.length} orchestrators and ${delegators.length} delegators`);
    // A fresh round, so registration happens well before the round lock
    await nextRound();
    const everyone = [...orchestrators.map((o) => o.wallet), ...delegators.map((d) => d.wallet), broadcaster];
    await Promise.all(
      everyone.map((w) => provider.send('anvil_setBalance', [w.address, `0x${parseEther('1000').toString(16)}`])),
    );
    const tokenCall = (from: Wallet, fn: string, args: unknown[], label: string): Call => ({
      from,
      to: c.LivepeerToken,
      data: TOKEN.encodeFunctionData(fn, args),
      gasLimit: 120_000n,
      label,
    });
    const bmCall = (from: Wallet, fn: string, args: unknown[], label: string): Call => ({
      from,
      to: c.BondingManager,
      data: BM.encodeFunctionData(fn, args),
      gasLimit: 3_000_000n,
      label,
    });
    await batch.run([
      {
        from: faucet,
        to: c.BondingManager,
        data: OWNER.encodeFunctionData('setNumActiveTranscoders', [MAINNET_SCALE.activeSetSize]),
        gasLimit: 200_000n,
        label: 'setNumActiveTranscoders',
      },
      ...orchestrators.map((o, i) =>
        tokenCall(faucet, 'transfer', [o.wallet.address, o.selfStake], `LPT to orchestrator ${i}`),
      ),
      ...delegators.map((d, i) => tokenCall(faucet, 'transfer', [d.wallet.address, d.amount], `LPT to delegator ${i}`)),
    ]);
    onProgress('Registering the orchestrators');
    await batch.run([
      ...orchestrators.flatMap((o, i) => [
        tokenCall(o.wallet, 'approve', [c.BondingManager, o.selfStake], `approve by orchestrator ${i}`),
        bmCall(o.wallet, 'bond', [o.selfStake, o.wallet.address], `bond by orchestrator ${i}`),
        bmCall(o.wallet, 'transcoder', [o.rewardCut, o.feeShare], `transcoder by orchestrator ${i}`),
        {
          from: o.wallet,
          to: c.ServiceRegistry,
          data: SR.encodeFunctionData('setServiceURI', [o.serviceUri]),
          gasLimit: 300_000n,
          label: `setServiceURI by orchestrator ${i}`,
        },
      ]),
      ...delegators.map((d, i) =>
        tokenCall(d.wallet, 'approve', [c.BondingManager, d.amount], `approve by delegator ${i}`),
      ),
      {
        from: broadcaster,
        to: c.TicketBroker,
        data: TB.encodeFunctionData('fundDepositAndReserve', [parseEther('200'), parseEther('100')]),
        value: parseEther('300'),
        gasLimit: 300_000n,
        label: 'broadcaster deposit',
      },
    ]);
    onProgress('Bonding the delegators');
    await batch.run(
      delegators.map((d, i) =>
        bmCall(
          d.wallet,
          'bond',
          [d.amount, orchestrators[d.orchestrator]?.wallet.address ?? ZeroAddress],
          `bond by delegator ${i}`,
        ),
      ),
    );

    const rand = prng(7);
    for (let r = 0; r < MAINNET_SCALE.historyRounds; r++) {
      const round = await nextRound();
      onProgress(`Round ${round}: reward() by every orchestrator, winning tickets redeemed`);
      const blockHash = await rounds.read<string>('blockHashForRound', round);
      const paid = orchestrators.filter(() => rand() < MAINNET_SCALE.paidPerRound / orchestrators.length);
      const tickets = await Promise.all(
        paid.map(async (o, k) => {
          const recipientRand = BigInt(keccak256(toUtf8Bytes(`rand ${round} ${k}`)));
          const ticket = {
            recipient: o.wallet.address,
            sender: broadcaster.address,
            faceValue: parseEther((0.005 + rand() * 0.2).toFixed(6)),
            winProb: MAX_WIN_PROB,
            senderNonce: k,
            recipientRandHash: recipientRandHash(recipientRand),
            expiration: { creationRound: round, creationRoundBlockHash: getBytes(blockHash) },
          };
          const sig = await broadcaster.signMessage(ticketHash(ticket));
          const tuple = {
            recipient: getAddress(ticket.recipient),
            sender: ticket.sender,
            faceValue: ticket.faceValue,
            winProb: ticket.winProb,
            senderNonce: BigInt(ticket.senderNonce),
            recipientRandHash: hexlify(ticket.recipientRandHash),
            auxData: hexlify(auxData(ticket.expiration)),
          };
          return {
            from: o.wallet,
            to: c.TicketBroker,
            data: TB.encodeFunctionData('redeemWinningTicket', [tuple, sig, recipientRand]),
            gasLimit: 1_000_000n,
            label: `ticket for orchestrator in round ${round}`,
          } satisfies Call;
        }),
      );
      await batch.run([
        ...orchestrators.map((o, i) => bmCall(o.wallet, 'reward', [], `reward by orchestrator ${i}`)),
        ...tickets,
      ]);
    }
  } finally {
    await provider.send('evm_setBlockGasLimit', [gasLimit]);
  }
  const report: SeedReport = {
    orchestrators: orchestrators.length,
    delegators: delegators.length,
    rounds: MAINNET_SCALE.historyRounds,
    transactions: batch.sent(),
    ms: Date.now() - started,
  };
  onProgress(`Seeded in ${report.ms} ms (${report.transactions} transactions)`);
  return report;
}
