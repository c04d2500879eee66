// Calls reward() once per round while the account is an active orchestrator: after the round is
// initialized (initializing it if nobody has), under a gas-price ceiling, retrying transient
// failures on later heads, and never twice in a round (checked on chain and in the store).
// Every attempt and its cost is recorded. An RPC outage pauses it; it resumes by itself.
// It polls nothing: it follows the client's shared head (chain/state/), which watches the
// orchestrator's account, and looks again when the round or that account changes (or, while
// waiting or after a failure, on later heads once its back-off allows).
import type { z } from 'zod';
import {
  AppError,
  ErrorCode,
  type ChainRewardAttempt,
  type ChainRewardStatus,
} from '../../src-shared/contract/index.ts';
import type { Logger } from '../log/logger.ts';
import type { Database } from '../store/database.ts';
import type { ChainClient } from './client.ts';
import type { ChainHead } from './state/chain-state.ts';

export type RewardAttempt = z.output<typeof ChainRewardAttempt>;
type RewardStatusValue = z.output<typeof ChainRewardStatus>;
export type RewardServiceState = RewardStatusValue['state'];
export type RewardServiceStatus = Omit<RewardStatusValue, 'orchestrator' | 'attempts'>;

export interface RewardServiceOptions {
  client: ChainClient;
  db: Database;
  orchestrator: string;
  log?: Logger;
  /** Skip (and retry later) while the network's max fee per gas is above this. */
  maxGasPriceWei?: bigint;
  /** First back-off after a refused or failed transaction (doubles, up to 10 min). */
  intervalMs?: number;
  /** Initialize the round if nobody has (go-livepeer's -initializeRound). */
  initializeRounds?: boolean;
}

export interface RewardService {
  start(): void;
  stop(): Promise<void>;
  /** One pass: what the timer runs; exposed for tests and for "check now". */
  tick(): Promise<void>;
  status(): RewardServiceStatus;
  attempts(limit?: number): RewardAttempt[];
  onChange(listener: (status: RewardServiceStatus, attempt: RewardAttempt | null) => void): () => void;
}

interface AttemptRow {
  id: number;
  round: number;
  action: RewardAttempt['action'];
  state: RewardAttempt['state'];
  tx_hash: string | null;
  gas_used: string | null;
  cost_wei: string | null;
  detail: string;
  at: number;
}

const TRANSIENT = new Set<string>([ErrorCode.Unavailable, ErrorCode.Timeout]);

export function createRewardService(options: RewardServiceOptions): RewardService {
  const { client, db } = options;
  const orchestrator = options.orchestrator;
  const intervalMs = options.intervalMs ?? 5_000;
  const listeners = new Set<(s: RewardServiceStatus, a: RewardAttempt | null) => void>();
  let status: RewardServiceStatus = {
    state: 'stopped',
    message: 'Not running',
    lastRewardRound: null,
    lastCheckedAt: null,
    missed: null,
  };
  // The round being watched and the latest reason its reward has not been called yet.
  let watched: { round: bigint; problem: string | null } | null = null;
  let offHead: (() => void) | null = null;
  let unwatch: (() => void) | null = null;
  let running: Promise<void> | null = null;
  // After a refused or failed transaction the timer backs off (doubling, up to 10 min) so a
  // persistent failure is not retried every few seconds; transient RPC errors do not back off.
  let failures = 0;
  let retryAt = 0;
  let chainId: string | null = null;

  const insert = db.prepare(
    `INSERT INTO chain_reward_attempts (chain_id, orchestrator, round, action, state, tx_hash, gas_used, cost_wei, detail, at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const confirmedInRound = db.prepare(
    `SELECT COUNT(*) AS n FROM chain_reward_attempts WHERE chain_id = ? AND orchestrator = ? AND round = ? AND action = 'reward' AND state = 'confirmed'`,
  );

  function setStatus(next: Partial<RewardServiceStatus>, attempt: RewardAttempt | null = null): void {
    status = { ...status, ...next };
    for (const l of listeners) l(status, attempt);
  }

  function record(
    round: bigint,
    action: RewardAttempt['action'],
    state: RewardAttempt['state'],
    detail: string,
    tx?: { hash: string; gasUsed: bigint; costWei: bigint },
  ): RewardAttempt {
    const at = Date.now();
    const res = insert.run(
      chainId ?? '?',
      orchestrator,
      Number(round),
      action,
      state,
      tx?.hash ?? null,
      tx?.gasUsed.toString() ?? null,
      tx?.costWei.toString() ?? null,
      detail,
      at,
    );
    const attempt: RewardAttempt = {
      id: Number(res.lastInsertRowid),
      round,
      action,
      state,
      txHash: tx?.hash ?? null,
      gasUsed: tx?.gasUsed ?? null,
      costWei: tx?.costWei ?? null,
      detail,
      at,
    };
    options.log?.info(`Reward service: ${action} in round ${round} ${state}: ${detail}`);
    return attempt;
  }

  function noteProblem(problem: string): void {
    if (watched) watched.problem = problem;
  }

  /** A new round: the watched one ended; without a reward call it is reported as missed, with the reason. */
  function checkMissed(round: bigint): void {
    if (watched && round > watched.round && status.lastRewardRound !== watched.round) {
      const missed = { round: watched.round, reason: watched.problem ?? 'no reward call was made', at: Date.now() };
      options.log?.warn(`Reward missed in round ${missed.round}: ${missed.reason}`);
      setStatus({ missed });
    }
    if (!watched || round > watched.round) watched = { round, problem: null };
  }

  /** The network's price is the head's basefee (what Arbitrum charges); no request of its own. */
  function gasTooHigh(head: ChainHead): bigint | null {
    if (options.maxGasPriceWei === undefined) return null;
    return head.basefee > options.maxGasPriceWei ? head.basefee : null;
  }

  async function send(round: bigint, action: RewardAttempt['action']): Promise<void> {
    const preview = await client.prepare(orchestrator, { kind: action });
    const outcome = await client.confirm(preview.id);
    const attempt = record(round, action, 'confirmed', preview.summary, {
      hash: outcome.hash,
      gasUsed: outcome.gasUsed,
      costWei: outcome.costWei,
    });
    setStatus({}, attempt);
  }

  async function pass(given: ChainHead | null): Promise<void> {
    chainId ??= (await client.chainId()).toString();
    const head = given ?? (await client.state.refresh());
    const p = head.protocol;
    checkMissed(p.round);
    setStatus({ lastCheckedAt: Date.now() });
    if (p.paused) {
      noteProblem('the protocol is paused');
      return setStatus({ state: 'waiting', message: 'The protocol is paused' });
    }

    const account = head.accounts.get(orchestrator) ?? (await client.state.account(orchestrator));
    const t = account.transcoder;
    const isActive = t.active;
    if (!p.roundInitialized) {
      if (!isActive && !options.initializeRounds)
        return setStatus({ state: 'idle', message: 'Not an active orchestrator' });
      if (options.initializeRounds ?? true) {
        const high = gasTooHigh(head);
        if (high !== null) {
          const attempt = record(p.round, 'initializeRound', 'skipped', `Gas price ${high} wei is above the ceiling`);
          return setStatus({ state: 'waiting', message: `Gas price above the ceiling; will retry` }, attempt);
        }
        setStatus({ state: 'calling', message: `Initializing round ${p.round}` });
        try {
          await send(p.round, 'initializeRound');
        } catch (err) {
          // Someone else initialized it first: that is fine
          if (!(err instanceof AppError && err.code === ErrorCode.Conflict)) throw err;
        }
      } else {
        return setStatus({ state: 'waiting', message: `Waiting for round ${p.round} to be initialized` });
      }
    }
    if (!isActive) {
      noteProblem('not in the active set this round');
      return setStatus({ state: 'idle', message: 'Not an active orchestrator this round' });
    }
    const done =
      t.lastRewardRound === p.round ||
      (confirmedInRound.get(chainId, orchestrator, Number(p.round)) as { n: number }).n > 0;
    if (done)
      return setStatus({
        state: 'idle',
        message: `Reward for round ${p.round} already called`,
        lastRewardRound: p.round,
      });

    const high = gasTooHigh(head);
    if (high !== null) {
      noteProblem(`gas price ${high} wei above the ceiling ${options.maxGasPriceWei}`);
      const attempt = record(
        p.round,
        'reward',
        'skipped',
        `Gas price ${high} wei is above the ceiling ${options.maxGasPriceWei}`,
      );
      return setStatus({ state: 'waiting', message: 'Gas price above the ceiling; will retry' }, attempt);
    }
    setStatus({ state: 'calling', message: `Calling reward for round ${p.round}` });
    await send(p.round, 'reward');
    setStatus({ state: 'idle', message: `Reward for round ${p.round} called`, lastRewardRound: p.round });
  }

  /** One pass on `head`, or on a head read now. */
  async function tick(head: ChainHead | null = null): Promise<void> {
    if (running) return running; // one pass at a time: never two reward transactions at once
    running = (async () => {
      try {
        await pass(head);
        failures = 0;
        retryAt = 0;
      } catch (err) {
        const code = err instanceof AppError ? err.code : ErrorCode.Internal;
        const message = err instanceof Error ? err.message : String(err);
        if (TRANSIENT.has(code)) {
          noteProblem(`the chain RPC did not answer (${message})`);
          setStatus({ state: 'paused', message: `Chain RPC unavailable; retrying (${message})` });
        } else {
          const round = client.state.head()?.protocol.round ?? -1n;
          noteProblem(
            /locked/i.test(message)
              ? 'the wallet is locked: the node waits for an unlock'
              : `the call failed: ${message}`,
          );
          const attempt = round >= 0n ? record(round, 'reward', 'failed', message) : null;
          failures += 1;
          retryAt = Date.now() + Math.min(intervalMs * 2 ** failures, 10 * 60_000);
          setStatus({ state: 'waiting', message: `Reward attempt failed; will retry: ${message}` }, attempt);
        }
      } finally {
        running = null;
      }
    })();
    return running;
  }

  return {
    start() {
      if (offHead) return;
      setStatus({ state: 'idle', message: 'Watching rounds' });
      unwatch = client.state.watch(orchestrator);
      offHead = client.state.onChange((c) => {
        const look =
          c.newRound || c.accounts.includes(orchestrator) || status.state === 'waiting' || status.state === 'paused';
        if (look && Date.now() >= retryAt) void tick(c.head);
      });
      client.state.start();
      void tick();
    },
    async stop() {
      offHead?.();
      unwatch?.();
      offHead = unwatch = null;
      await running;
      setStatus({ state: 'stopped', message: 'Not running' });
    },
    tick: () => tick(),
    status: () => status,
    attempts(limit = 100) {
      const rows = db
        .prepare(
          'SELECT id, round, action, state, tx_hash, gas_used, cost_wei, detail, at FROM chain_reward_attempts WHERE orchestrator = ? ORDER BY id DESC LIMIT ?',
        )
        .all(orchestrator, limit) as unknown as AttemptRow[];
      return rows.map((r) => ({
        id: r.id,
        round: BigInt(r.round),
        action: r.action,
        state: r.state,
        txHash: r.tx_hash,
        gasUsed: r.gas_used === null ? null : BigInt(r.gas_used),
        costWei: r.cost_wei === null ? null : BigInt(r.cost_wei),
        detail: r.detail,
        at: r.at,
      }));
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
