// The guide's chain steps: funding, stake and terms, connecting a transcoder, and the finish.
import { useState } from 'react';
import type { Settings } from '../../../src-shared/contract/index.ts';
import { OrchAddr } from '../../../src-shared/contract/index.ts';
import { api } from '../../api/index.ts';
import { FaucetButton } from '../devnet/DevnetTools.tsx';
import { Card } from '../../ui/Page.tsx';
import { ReachabilityCard } from '../reachability/ReachabilityCard.tsx';
import { Field } from '../../ui/Field.tsx';
import { BondForm, PriceForm, ServiceUriForm, TermsForm, termsSet } from '../staking/staking-forms.tsx';
import { useChainStore } from '../../state/chain-store.ts';
import { useSettingsStore } from '../../state/settings-store.ts';
import { useTranscodersStore } from '../../state/transcoders-store.ts';
import { type ReadyFn, useReady, Balances, useAccount } from './step-kit.tsx';

export function FundingStep({ settings, onReady }: { settings: Settings; onReady: ReadyFn }) {
  const { account, waiting } = useAccount();
  const hasEth = account !== null && BigInt(account.ethBalance) > 0n;
  const hasLpt = account !== null && (BigInt(account.lptBalance) > 0n || BigInt(account.delegator.bondedAmount) > 0n);
  const ok = hasEth && (settings.role === 'transcoder' || hasLpt);
  useReady(
    onReady,
    ok,
    settings.role === 'orchestrator' ? 'You need ETH for gas and LPT to stake' : 'You need a little ETH',
  );
  return (
    <Card>
      {account ? (
        <>
          <Balances account={account} />
          {settings.network.kind === 'devnet' ? (
            <FaucetButton address={account.address} />
          ) : (
            <p className="hint">
              Send ETH for gas (0.01 ETH covers weeks of reward calls) and the LPT you want to stake to this address on
              Arbitrum One. Balances refresh every few seconds.
            </p>
          )}
        </>
      ) : (
        waiting
      )}
    </Card>
  );
}

export function StakeStep({ onReady }: { onReady: ReadyFn }) {
  const { account, waiting } = useAccount();
  const bonded = account !== null && BigInt(account.delegator.bondedAmount) > 0n;
  const registered = account !== null && termsSet(account);
  const uri = (account?.transcoder.serviceUri ?? '') !== '';
  const protocol = useChainStore((s) => s.status?.protocol ?? null);
  useReady(
    onReady,
    bonded && registered,
    !bonded ? 'Stake some LPT to yourself' : !registered ? 'Save your reward and fee cut' : null,
  );
  if (!account) return <Card>{waiting}</Card>;
  return (
    <>
      <p className="lead">
        Four small transactions, each shown before you send it. Your node enters the active set at the start of the next
        round.
      </p>
      <Card title={`${bonded ? '✓ ' : ''}1. Stake LPT to yourself`}>
        {protocol && !protocol.roundInitialized && !bonded && (
          <p className="callout" data-testid="round-not-initialized">
            Round {protocol.round} has not been initialized yet (nobody has started it; your node will once it runs).
            Staking offers to initialize it first: one more small transaction, shown before you send it.
          </p>
        )}
        <Balances account={account} />
        <BondForm account={account} defaultTo={account.address} allowOtherTarget={false} />
      </Card>
      <Card title={`${registered ? '✓ ' : ''}2. Your terms for delegators`}>
        <TermsForm account={account} />
      </Card>
      <Card title={`${uri ? '✓ ' : ''}3. Where gateways reach you`}>
        <ServiceUriForm account={account} />
      </Card>
      <ReachabilityCard orchestrator={account.address} title="Can gateways reach you?" />
      <Card title="4. Your price">
        <PriceForm />
      </Card>
    </>
  );
}

export function ConnectStep({ settings, onReady }: { settings: Settings; onReady: ReadyFn }) {
  const save = useSettingsStore((s) => s.save);
  const mode = useTranscodersStore((s) => s.status?.mode ?? null);
  const { busy, test, error, configure, testConnection } = useTranscodersStore();
  const [addr, setAddr] = useState(mode?.orchAddr ?? settings.transcoderLink.orchestratorAddr);
  const [secret, setSecret] = useState('');
  const [sessions, setSessions] = useState(String(mode?.maxSessions || 2));
  const addrCheck = OrchAddr.safeParse(addr);
  const max = Number(sessions);
  const sessionsOk = Number.isInteger(max) && max >= 1 && max <= 100;
  const secretOk = secret !== '' || (mode?.secretSet ?? false);
  const valid = addrCheck.success && sessionsOk && secretOk;
  const input = () => ({ orchAddr: addr.trim(), maxSessions: max, ...(secret ? { secret } : {}) });
  const saved = mode !== null && mode.secretSet && mode.orchAddr === addr.trim() && mode.maxSessions === max;
  useReady(onReady, saved, 'Enter the address and secret, test the connection and save');
  async function onSave(): Promise<void> {
    if (!(await configure(input()))) return;
    setSecret('');
    await save({ transcoderLink: { orchestratorAddr: addr.trim() } });
  }
  const secretId = 'onboarding-orch-secret';
  return (
    <Card>
      <p className="hint">
        Your pool operator gives you the orchestrator’s address (go-livepeer <span className="mono">-orchAddr</span>)
        and its secret (<span className="mono">-orchSecret</span>). The secret is kept by this app and never shown
        again.
      </p>
      <Field
        label="Orchestrator address"
        value={addr}
        onChange={setAddr}
        placeholder="orch.example.org:8935"
        error={addr && !addrCheck.success ? 'host:port, as your orchestrator gave it' : null}
      />
      <div className="field">
        <label htmlFor={secretId}>Orchestrator secret</label>
        <input
          id={secretId}
          type="password"
          autoComplete="off"
          value={secret}
          placeholder={mode?.secretSet ? 'Stored (leave empty to keep it)' : 'The secret the orchestrator gave you'}
          onChange={(e) => setSecret(e.target.value)}
        />
      </div>
      <Field
        label="Streams at once"
        value={sessions}
        onChange={setSessions}
        inputMode="decimal"
        error={sessionsOk ? null : 'A whole number from 1 to 100'}
        hint="How many streams this computer transcodes at the same time (the benchmark's recommendation)."
      />
      <div className="row">
        <button type="button" className="button" disabled={!valid || busy} onClick={() => void testConnection(input())}>
          Test connection
        </button>
        <button
          type="button"
          className="button primary"
          disabled={!valid || busy || saved}
          onClick={() => void onSave()}
        >
          {saved ? 'Saved' : 'Save'}
        </button>
      </div>
      {test && (
        <p className={test.ok ? 'test-ok' : 'field-error'} role="status" data-testid="connection-test">
          {test.ok ? '✓ ' : '✕ '}
          {test.message} ({test.ms} ms)
        </p>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </Card>
  );
}

export function FinishStep({ settings }: { settings: Settings }) {
  const save = useSettingsStore((s) => s.save);
  const account = useChainStore((s) => s.account);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function start(): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      if (settings.role === 'orchestrator' && account?.transcoder.registered) {
        const ceiling = settings.costs.gasCeilingWei;
        await api.chain.setRewardService({
          orchestrator: account.address,
          enabled: true,
          ...(ceiling ? { maxGasPriceWei: ceiling } : {}),
        });
      }
      const ok = await save({ transcodingEnabled: true, onboarding: { step: 'finish', completed: true } });
      if (ok) window.location.hash = '#/dashboard';
      else setError('Could not save the settings; try again.');
    } catch (err) {
      setError(String(err instanceof Error ? err.message : err));
    } finally {
      setBusy(false);
    }
  }
  if (settings.onboarding.completed && settings.transcodingEnabled)
    return (
      <Card>
        <p role="status">
          ✓ Set-up complete and transcoding is on. Follow your node on the <a href="#/dashboard">dashboard</a>; come
          back here to change a step.
        </p>
      </Card>
    );
  return (
    <Card>
      <p>
        {settings.role === 'orchestrator'
          ? 'Your orchestrator is set up. Starting turns transcoding on and calls the LPT reward once every round for you (it costs a little gas each round).'
          : 'Your transcoder is set up. Starting turns transcoding on.'}
      </p>
      <p className="hint">You can switch it off any time from the dashboard or the tray.</p>
      <button type="button" className="button primary big" disabled={busy} onClick={() => void start()}>
        {busy ? 'Starting…' : 'Turn transcoding on'}
      </button>
      {error && (
        <p className="note-error" role="alert">
          {error}
        </p>
      )}
    </Card>
  );
}
