// The first-run guide: one decision per step, resumable (the step is saved in settings), from
// choosing a role to a node that works. It reuses the Wallet, GPUs and Staking building blocks so
// every action behaves the same here and later.
import { useEffect, useState, type ReactNode } from 'react';
import type { ChainAccountState, Network, OnboardingStep, Role, Settings } from '../../../src-shared/contract/index.ts';
import { OrchAddr, RpcUrl } from '../../../src-shared/contract/index.ts';
import { formatEth, formatLpt } from '../../../src-shared/domain/units.ts';
import { api } from '../../api/index.ts';
import { FaucetButton } from '../devnet/DevnetTools.tsx';
import { Card, Page } from '../../ui/Page.tsx';
import { RadioCards } from '../../ui/RadioCards.tsx';
import { ReachabilityCard } from '../reachability/ReachabilityCard.tsx';
import { BondForm, Field, PriceForm, ServiceUriForm, TermsForm, termsSet } from '../staking/staking-forms.tsx';
import { useChainStore } from '../../state/chain-store.ts';
import { useGpuStore } from '../../state/gpu-store.ts';
import { useSettingsStore } from '../../state/settings-store.ts';
import { useTranscodersStore } from '../../state/transcoders-store.ts';
import { useWalletStore } from '../../state/wallet-store.ts';
import { Benchmark, Encoders } from '../gpus/GpusPage.tsx';
import { Accounts, AddAccount, Backup, CurrentAccount, OutcomeBanner } from '../wallet/WalletPage.tsx';

const TITLES: Record<OnboardingStep, string> = {
  role: 'Role',
  hardware: 'Hardware',
  wallet: 'Wallet',
  network: 'Network',
  funding: 'Funding',
  stake: 'Stake and activate',
  connect: 'Connect to your orchestrator',
  finish: 'Start',
};

function stepsFor(role: Role): OnboardingStep[] {
  return role === 'orchestrator'
    ? ['role', 'hardware', 'wallet', 'network', 'funding', 'stake', 'finish']
    : // A transcoder needs no keys, chain or funds: its orchestrator pays it.
      ['role', 'hardware', 'connect', 'finish'];
}

export function OnboardingPage() {
  const settings = useSettingsStore((s) => s.settings);
  if (!settings) {
    return (
      <Page title="Set up" lead="A step-by-step guide from a fresh install to a node that earns.">
        <p className="muted">Loading…</p>
      </Page>
    );
  }
  return <Wizard settings={settings} />;
}

function Wizard({ settings }: { settings: Settings }) {
  const save = useSettingsStore((s) => s.save);
  const steps = stepsFor(settings.role);
  const step = steps.includes(settings.onboarding.step) ? settings.onboarding.step : 'role';
  const index = steps.indexOf(step);
  const go = (next: OnboardingStep): void => void save({ onboarding: { ...settings.onboarding, step: next } });
  const [ready, setReady] = useState<{ ok: boolean; why: string | null }>({ ok: true, why: null });
  return (
    <Page
      title="Set up"
      lead="A step-by-step guide from a fresh install to a node that earns. You can leave and come back: it resumes here."
    >
      <ol className="stepper" aria-label="Steps">
        {steps.map((s, i) => (
          <li
            key={s}
            className={i < index ? 'done' : i === index ? 'current' : ''}
            aria-current={i === index ? 'step' : undefined}
          >
            <span className="step-num" aria-hidden="true">
              {i < index ? '✓' : i + 1}
            </span>
            {TITLES[s]}
          </li>
        ))}
      </ol>
      <h2 className="step-title" data-testid="onboarding-step">
        Step {index + 1} of {steps.length}: {TITLES[step]}
      </h2>
      <StepBody step={step} settings={settings} onReady={setReady} />
      <div className="wizard-nav">
        <button type="button" className="button" disabled={index === 0} onClick={() => go(steps[index - 1] ?? 'role')}>
          Back
        </button>
        {step !== 'finish' && (
          <>
            {ready.why && <span className="hint">{ready.why}</span>}
            <button
              type="button"
              className="button primary"
              disabled={!ready.ok}
              onClick={() => go(steps[index + 1] ?? 'finish')}
            >
              Continue
            </button>
          </>
        )}
      </div>
    </Page>
  );
}

type ReadyFn = (r: { ok: boolean; why: string | null }) => void;

function StepBody({ step, settings, onReady }: { step: OnboardingStep; settings: Settings; onReady: ReadyFn }) {
  switch (step) {
    case 'role':
      return <RoleStep settings={settings} onReady={onReady} />;
    case 'hardware':
      return <HardwareStep onReady={onReady} />;
    case 'wallet':
      return <WalletStep onReady={onReady} />;
    case 'network':
      return <NetworkStep settings={settings} onReady={onReady} />;
    case 'funding':
      return <FundingStep settings={settings} onReady={onReady} />;
    case 'stake':
      return <StakeStep onReady={onReady} />;
    case 'connect':
      return <ConnectStep settings={settings} onReady={onReady} />;
    case 'finish':
      return <FinishStep settings={settings} />;
  }
}

function useReady(onReady: ReadyFn, ok: boolean, why: string | null): void {
  useEffect(() => onReady({ ok, why: ok ? null : why }), [onReady, ok, why]);
}

function RoleStep({ settings, onReady }: { settings: Settings; onReady: ReadyFn }) {
  const save = useSettingsStore((s) => s.save);
  useReady(onReady, true, null);
  return (
    <Card>
      <RadioCards<Role>
        name="role"
        label="Your role"
        value={settings.role}
        onChange={(role) => void save({ role })}
        options={[
          {
            value: 'orchestrator',
            title: 'Orchestrator: run your own node',
            text: 'You stake LPT, set your prices and get paid directly by gateways in ETH, plus LPT rewards each round. You pay gas for a reward call every round (about 22 hours) and need an open port.',
          },
          {
            value: 'transcoder',
            title: 'Transcoder: lend your GPU to a pool',
            text: 'No stake, no gas, no open port. An orchestrator you trust sends you work and pays you on its own terms. You need its address and secret.',
          },
        ]}
      />
    </Card>
  );
}

function HardwareStep({ onReady }: { onReady: ReadyFn }) {
  const ensureLoaded = useGpuStore((s) => s.ensureLoaded);
  useEffect(() => ensureLoaded(), [ensureLoaded]);
  useReady(onReady, true, null);
  return (
    <>
      <p className="lead">
        What your computer can transcode. The benchmark tells you how many video streams it can take at once; you can
        run it later from the GPUs page.
      </p>
      <Encoders />
      <Benchmark />
    </>
  );
}

function WalletStep({ onReady }: { onReady: ReadyFn }) {
  const status = useWalletStore((s) => s.status);
  const current = status?.accounts.find((a) => a.address === status.selected) ?? null;
  const backedUp = current !== null && (current.backupConfirmedAt !== null || current.origin !== 'created');
  const unlocked = current !== null && status?.unlocked === current.address;
  useReady(
    onReady,
    current !== null && backedUp && unlocked,
    !current
      ? 'Create or import an account'
      : !backedUp
        ? 'Back up the account first'
        : !unlocked
          ? 'Unlock the account to continue'
          : null,
  );
  if (!status) return <p className="muted">Loading the wallet…</p>;
  return (
    <>
      <p className="lead">
        The account your node stakes and earns with. Its key is encrypted on this computer; losing both the computer and
        the backup means losing the funds.
      </p>
      <OutcomeBanner />
      {current ? (
        <>
          <CurrentAccount status={status} account={current} />
          {current.backupConfirmedAt === null && current.origin === 'created' && (
            <Backup status={status} account={current} />
          )}
          {status.accounts.length > 1 && <Accounts status={status} />}
          <details className="card">
            <summary>Use a new or another account</summary>
            <AddAccount status={status} />
          </details>
        </>
      ) : (
        <AddAccount status={status} />
      )}
    </>
  );
}

function NetworkStep({ settings, onReady }: { settings: Settings; onReady: ReadyFn }) {
  const save = useSettingsStore((s) => s.save);
  const [kind, setKind] = useState<Network['kind']>(settings.network.kind);
  const [rpc, setRpc] = useState(settings.network.kind === 'arbitrum-one' ? settings.network.rpcUrl : '');
  const rpcOk = RpcUrl.safeParse(rpc).success;
  const saved =
    kind === settings.network.kind &&
    (kind === 'devnet' || (settings.network.kind === 'arbitrum-one' && settings.network.rpcUrl === rpc.trim()));
  useReady(onReady, saved, 'Save the network choice');
  return (
    <Card>
      <RadioCards<Network['kind']>
        name="network"
        label="Network"
        value={kind}
        onChange={setKind}
        options={[
          {
            value: 'devnet',
            title: 'Practice on the devnet',
            text: 'A private Livepeer network on this computer with play money. Nothing can be lost. Recommended for a first run.',
          },
          {
            value: 'arbitrum-one',
            title: 'Arbitrum One (real money)',
            text: 'The live Livepeer network. Staking, fees and gas use real LPT and ETH. You need an RPC URL (your own node or a provider).',
          },
        ]}
      />
      {kind === 'arbitrum-one' && (
        <Field
          label="Arbitrum One RPC URL"
          value={rpc}
          onChange={setRpc}
          inputMode="url"
          placeholder="https://arb1.example.org/your-key"
          error={rpc && !rpcOk ? 'An http(s):// or ws(s):// URL' : null}
        />
      )}
      <button
        type="button"
        className="button primary"
        disabled={saved || (kind === 'arbitrum-one' && !rpcOk)}
        onClick={() =>
          void save({ network: kind === 'devnet' ? { kind: 'devnet' } : { kind: 'arbitrum-one', rpcUrl: rpc.trim() } })
        }
      >
        {saved ? 'Saved' : 'Use this network'}
      </button>
    </Card>
  );
}

function Balances({ account }: { account: ChainAccountState }) {
  return (
    <dl className="facts">
      <dt>Address</dt>
      <dd className="mono" data-testid="funding-address">
        {account.address}
      </dd>
      <dt>ETH (gas)</dt>
      <dd data-testid="balance-eth">{formatEth(account.ethBalance)}</dd>
      <dt>LPT</dt>
      <dd data-testid="balance-lpt">{formatLpt(account.lptBalance)}</dd>
      <dt>Staked</dt>
      <dd>{formatLpt(account.delegator.bondedAmount)}</dd>
    </dl>
  );
}

function useAccount(): { account: ChainAccountState | null; waiting: ReactNode } {
  const account = useChainStore((s) => s.account);
  const status = useChainStore((s) => s.status);
  const error = useChainStore((s) => s.error);
  if (account) return { account, waiting: null };
  return {
    account: null,
    waiting: (
      <p className="muted" role="status">
        {status && !status.connected
          ? `The chain is not reachable: ${status.error ?? error ?? ''}`
          : 'Connecting to the chain… (the devnet takes a few seconds on first start)'}
      </p>
    ),
  };
}

function FundingStep({ settings, onReady }: { settings: Settings; onReady: ReadyFn }) {
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

function StakeStep({ onReady }: { onReady: ReadyFn }) {
  const { account, waiting } = useAccount();
  const bonded = account !== null && BigInt(account.delegator.bondedAmount) > 0n;
  const registered = account !== null && termsSet(account);
  const uri = (account?.transcoder.serviceUri ?? '') !== '';
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

function ConnectStep({ settings, onReady }: { settings: Settings; onReady: ReadyFn }) {
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

function FinishStep({ settings }: { settings: Settings }) {
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
