// Staking: the account's own stake and its moves (bond, unbond, rebond, withdraw), fees, and, for
// an orchestrator, its terms, service URI, price and place in the active set. Every change goes
// through a preview (TxAction) and is tracked until confirmed.
import { useState } from 'react';
import type { ChainAccountState, ChainStatus } from '../../../src-shared/contract/index.ts';
import {
  formatEth,
  formatLpt,
  formatPpm,
  parseToken,
  sharePercent,
  shortAddress,
} from '../../../src-shared/domain/units.ts';
import { unstakeMax } from '../../../src-shared/domain/staking.ts';
import { activeSetView, roundsToWords } from '../../state/chain-derived.ts';
import { Card, Page } from '../../ui/Page.tsx';
import { Field } from '../../ui/Field.tsx';
import { BondForm, PriceForm, ServiceUriForm, TermsForm } from './staking-forms.tsx';
import { TxAction } from '../../ui/TxFlow.tsx';
import { UnbondingLocks } from './UnbondingLocks.tsx';
import { GatewayPricesForm } from './GatewayPricesForm.tsx';
import { useChainStore } from '../../state/chain-store.ts';
import { useWalletStore } from '../../state/wallet-store.ts';
import { ChainGate } from '../../ui/ChainGate.tsx';
import { Term } from '../../ui/Term.tsx';

const LEAD =
  'Your LPT stake, your orchestrator’s terms and your place in the active set. Every change is shown before it is sent.';

export function StakingPage() {
  return (
    <Page title="Staking" lead={LEAD}>
      <ChainGate>{(status, account) => <Staking status={status} account={account} />}</ChainGate>
    </Page>
  );
}

function Staking({ status, account }: { status: ChainStatus; account: ChainAccountState }) {
  const pool = useChainStore((s) => s.pool) ?? [];
  const unlocked = useWalletStore((s) => s.status?.unlocked ?? null);
  const d = account.delegator;
  const t = account.transcoder;
  const protocol = status.protocol;
  const set = activeSetView(pool, account.address, Number(protocol?.activeSetMaxSize ?? 0));
  const self = d.delegate.toLowerCase() === account.address.toLowerCase();
  return (
    <>
      {unlocked?.toLowerCase() !== account.address.toLowerCase() && (
        <div className="banner banner-warn" role="status">
          The wallet is locked: you can review changes, but unlock it on the Wallet page to send them.
        </div>
      )}
      <div className="grid two">
        <Card title="Your stake">
          <dl className="facts">
            <dt>Staked</dt>
            <dd data-testid="staked-amount">{formatLpt(d.bondedAmount)}</dd>
            <dt>With rewards</dt>
            <dd>{formatLpt(d.pendingStake)}</dd>
            <dt>Staked with</dt>
            <dd className="mono" title={d.delegate}>
              {BigInt(d.bondedAmount) === 0n ? '—' : self ? 'Yourself' : shortAddress(d.delegate)}
            </dd>
            <dt>Status</dt>
            <dd>{d.status}</dd>
            <dt>Unstaked LPT</dt>
            <dd>{formatLpt(account.lptBalance)}</dd>
            <dt>ETH for gas</dt>
            <dd>{formatEth(account.ethBalance)}</dd>
          </dl>
        </Card>
        <Card title="Orchestrator">
          {t.registered ? (
            <dl className="facts">
              <dt>State</dt>
              <dd data-testid="orchestrator-state">{t.active ? 'Active' : 'Registered, not active yet'}</dd>
              <dt>
                <Term k="stake">Total stake</Term>
              </dt>
              <dd>{formatLpt(t.totalStake)}</dd>
              <dt>
                <Term k="rewardCut" />
              </dt>
              <dd>{formatPpm(t.rewardCut)}</dd>
              <dt>
                <Term k="feeCut" />
              </dt>
              <dd>{formatPpm(String(1_000_000 - Number(t.feeShare)))}</dd>
              <dt>Last reward</dt>
              <dd>{t.lastRewardRound === '0' ? 'never' : `round ${t.lastRewardRound}`}</dd>
              <dt>
                <Term k="activeSet" />
              </dt>
              <dd data-testid="active-set-position">
                {set.position ? `#${set.position} of ${set.size} (max ${set.max})` : 'not in the set'}
              </dd>
            </dl>
          ) : (
            <p className="muted">Not registered. Stake to yourself, then register with your terms below.</p>
          )}
          <p className="hint">
            {set.size < set.max
              ? `The active set has room (${set.size} of ${set.max}): any self-stake enters it next round.`
              : `To enter the active set you need more than ${formatLpt(set.entryStakeWei - 1n)} total stake.`}
          </p>
        </Card>
      </div>
      <div className="grid two">
        <Card title="Stake more">
          <BondForm
            account={account}
            defaultTo={BigInt(d.bondedAmount) > 0n ? d.delegate : account.address}
            allowOtherTarget
          />
        </Card>
        <Card title="Unstake">
          <UnbondForm account={account} status={status} />
        </Card>
      </div>
      <Card title="Unbonding">
        <UnbondingLocks account={account} status={status} />
      </Card>
      <div className="grid two">
        <Card title="Fees and rewards">
          <dl className="facts">
            <dt>Fees to withdraw</dt>
            <dd data-testid="pending-fees">{formatEth(d.pendingFees)}</dd>
            <dt>Last claimed</dt>
            <dd>round {d.lastClaimRound}</dd>
          </dl>
          <div className="row">
            <TxAction
              from={account.address}
              label="Withdraw fees"
              disabled={BigInt(d.pendingFees) === 0n}
              action={() => ({ kind: 'withdrawFees', amount: d.pendingFees })}
            />
            <TxAction
              from={account.address}
              label="Claim earnings"
              variant="secondary"
              disabled={BigInt(d.bondedAmount) === 0n}
              action={() => ({ kind: 'claimEarnings' })}
            />
          </div>
        </Card>
        <Card title="Reward and fee cut">
          <TermsForm account={account} />
        </Card>
      </div>
      <div className="grid two">
        <Card title="Service URI">
          <ServiceUriForm account={account} />
        </Card>
        <Card title="Price">
          <PriceForm />
          <GatewayPricesForm />
        </Card>
      </div>
      <ProtocolCard status={status} account={account} />
    </>
  );
}

/** The protocol now and the registered orchestrators (livepeer_cli's "View protocol parameters",
 * "List registered orchestrators", "initialize round" and "reward"). */
function ProtocolCard({ status, account }: { status: ChainStatus; account: ChainAccountState }) {
  const pool = useChainStore((s) => s.pool);
  const p = status.protocol;
  if (!p)
    return (
      <Card title="Protocol">
        <p className="muted">Waiting for the chain…</p>
      </Card>
    );
  const total = pool?.reduce((n, o) => n + BigInt(o.stake), 0n) ?? 0n;
  const t = account.transcoder;
  const canReward = t.active && p.roundInitialized && t.lastRewardRound !== p.round;
  return (
    <div className="grid two">
      <Card title="Protocol">
        <dl className="facts" data-testid="protocol-parameters">
          <dt>
            <Term k="round" />
          </dt>
          {/* data-live: the round moves on by itself (every 50 blocks on the devnet) */}
          <dd data-live>
            {p.round} ({p.roundInitialized ? 'initialized' : 'not initialized yet'}
            {p.roundLocked ? ', locked' : ''})
          </dd>
          <dt>Round length</dt>
          <dd>
            {p.roundLength} blocks (<span data-live>{roundsToWords(1n, status)}</span>)
          </dd>
          <dt>
            <Term k="unbondingPeriod" />
          </dt>
          <dd>
            {p.unbondingPeriod} rounds (<span data-live>{roundsToWords(BigInt(p.unbondingPeriod), status)}</span>)
          </dd>
          <dt>
            <Term k="inflation">Inflation</Term> per round
          </dt>
          <dd>{(Number(p.inflation) / 1e7).toLocaleString(undefined, { maximumFractionDigits: 5 })} %</dd>
          <dt>Active stake</dt>
          <dd>{formatLpt(p.totalActiveStake)}</dd>
          <dt>
            <Term k="activeSet" />
          </dt>
          <dd>
            {p.activeSetSize} of {p.activeSetMaxSize} orchestrators
          </dd>
          <dt>Minted this round</dt>
          <dd>
            {formatLpt(p.mintedTokens)} of {formatLpt(p.mintableTokens)}
          </dd>
          <dt>LPT supply</dt>
          <dd data-live>
            {formatLpt(p.supply.globalSupply)} ({formatLpt(p.totalSupply)} here +{' '}
            {formatLpt(p.supply.l1CirculatingSupply)} on L1); next round about {formatLpt(p.supply.nextMintableTokens)}{' '}
            of rewards
          </dd>
        </dl>
        <div className="row" data-live>
          <TxAction
            from={account.address}
            label="Initialize round"
            variant="secondary"
            disabled={p.roundInitialized}
            action={() => ({ kind: 'initializeRound' })}
          />
          <TxAction
            from={account.address}
            label="Call reward now"
            variant="secondary"
            disabled={!canReward}
            action={() => ({ kind: 'reward' })}
          />
        </div>
        <p className="hint">
          Both happen automatically while the reward service runs; these buttons are for doing it by hand.
        </p>
      </Card>
      <Card title="Registered orchestrators">
        {pool === null ? (
          <p className="muted">Loading…</p>
        ) : pool.length === 0 ? (
          <p className="muted">No orchestrator is registered yet.</p>
        ) : (
          <table className="table" data-testid="orchestrators-table">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Orchestrator</th>
                <th scope="col">Stake</th>
                <th scope="col">Share</th>
              </tr>
            </thead>
            <tbody>
              {pool.map((o, i) => (
                <tr key={o.address} className={o.address.toLowerCase() === account.address.toLowerCase() ? 'me' : ''}>
                  <td>{i + 1}</td>
                  <td className="mono" title={o.address}>
                    {shortAddress(o.address)}
                    {o.address.toLowerCase() === account.address.toLowerCase() ? ' (you)' : ''}
                  </td>
                  <td>{formatLpt(o.stake)}</td>
                  <td>{sharePercent(o.stake, total)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </div>
  );
}

function UnbondForm({ account, status }: { account: ChainAccountState; status: ChainStatus }) {
  const [amount, setAmount] = useState('');
  // "Unstake all" shows the rounded figure but sends the exact maximum.
  const [all, setAll] = useState(false);
  // The stake with rewards: unbond claims them first, so all of it can be unstaked at once.
  const max = unstakeMax(account.delegator);
  const wei = all ? max : parseToken(amount);
  const error =
    amount === ''
      ? null
      : wei === null || wei === 0n
        ? 'Enter an amount of LPT'
        : wei > max
          ? `You can unstake up to ${formatLpt(max)} (your stake with rewards)`
          : null;
  const period = BigInt(status.protocol?.unbondingPeriod ?? '0');
  return (
    <div className="form-stack">
      <Field
        label="Amount to unstake"
        value={amount}
        onChange={(text) => {
          setAll(false);
          setAmount(text);
        }}
        suffix="LPT"
        inputMode="decimal"
        error={error}
        hint={`Up to ${formatLpt(max)} (your stake with rewards). It stops earning at once and can be withdrawn after ${period} rounds (${roundsToWords(period, status)}).`}
      />
      <button
        type="button"
        className="button small"
        disabled={max === 0n}
        onClick={() => {
          setAll(true);
          setAmount(formatLpt(max));
        }}
      >
        Unstake all ({formatLpt(max)})
      </button>
      <TxAction
        from={account.address}
        label="Unstake LPT"
        variant="secondary"
        disabled={wei === null || wei === 0n || error !== null}
        action={() => ({ kind: 'unbond', amount: (wei ?? 0n).toString() })}
      />
    </div>
  );
}
