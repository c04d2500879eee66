// The guide's first steps: role, hardware, wallet and network.
import { useEffect, useState } from 'react';
import type { Network, Role, Settings } from '../../../src-shared/contract/index.ts';
import { RpcUrl } from '../../../src-shared/contract/index.ts';
import { Card } from '../../ui/Page.tsx';
import { RadioCards } from '../../ui/RadioCards.tsx';
import { Field } from '../../ui/Field.tsx';
import { roundsToWords } from '../../state/chain-derived.ts';
import { useChainStore } from '../../state/chain-store.ts';
import { useGpuStore } from '../../state/gpu-store.ts';
import { useSettingsStore } from '../../state/settings-store.ts';
import { useWalletStore } from '../../state/wallet-store.ts';
import { Benchmark } from '../gpus/Benchmark.tsx';
import { Encoders } from '../gpus/Encoders.tsx';
import { Accounts } from '../wallet/Accounts.tsx';
import { AddAccount } from '../wallet/AddAccount.tsx';
import { Backup } from '../wallet/Backup.tsx';
import { CurrentAccount } from '../wallet/CurrentAccount.tsx';
import { OutcomeBanner } from '../wallet/OutcomeBanner.tsx';
import { type ReadyFn, useReady } from './step-kit.tsx';

export function RoleStep({ settings, onReady }: { settings: Settings; onReady: ReadyFn }) {
  const save = useSettingsStore((s) => s.save);
  const chain = useChainStore((s) => s.status);
  // The connected chain's round, computed; before one is connected, Arbitrum One's (5760 L1 blocks)
  const roundWords = chain?.protocol
    ? `${roundsToWords(1n, chain)} on ${chain.network === 'devnet' ? 'this devnet' : 'Arbitrum One'}`
    : 'about 19 hours on Arbitrum One';
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
            text: `You stake LPT, set your prices and get paid directly by gateways in ETH, plus LPT rewards each round. You pay gas for a reward call every round (${roundWords}) and need an open port.`,
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

export function HardwareStep({ onReady }: { onReady: ReadyFn }) {
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

export function WalletStep({ onReady }: { onReady: ReadyFn }) {
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

export function NetworkStep({ settings, onReady }: { settings: Settings; onReady: ReadyFn }) {
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
