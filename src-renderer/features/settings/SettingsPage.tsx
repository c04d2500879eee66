import { useState, type FormEvent } from 'react';
import {
  SettingsPatch,
  type DevnetScale,
  type Network,
  type Role,
  type Settings,
} from '../../../src-shared/contract/index.ts';
import { CostsSettingsCard } from './CostsSettingsCard.tsx';
import { DesktopSettingsCard } from './DesktopSettingsCard.tsx';
import { ElsewhereSettingsCard } from './ElsewhereSettingsCard.tsx';
import { NodeServiceCard } from './NodeServiceCard.tsx';
import { ReachabilityCard } from '../reachability/ReachabilityCard.tsx';
import { useWalletStore } from '../../state/wallet-store.ts';
import { Field } from '../../ui/Field.tsx';
import { Card, Page } from '../../ui/Page.tsx';
import { RadioCards, type RadioCardOption } from '../../ui/RadioCards.tsx';
import { useConnectionStore } from '../../state/connection-store.ts';
import { useSettingsStore } from '../../state/settings-store.ts';
import { SwitchConfirm, useSwitchFacts } from './SwitchConfirm.tsx';
import { switchConsequences } from './switch-consequences.ts';

const ROLES: readonly RadioCardOption<Role>[] = [
  {
    value: 'orchestrator',
    title: 'Orchestrator',
    text: 'You stake LPT, register on chain and serve video for broadcasters. You earn ETH fees and LPT rewards, and you need ETH for gas and a reachable address.',
  },
  {
    value: 'transcoder',
    title: 'Transcoder',
    text: 'You lend your GPU to an orchestrator or a pool that pays you. No wallet, no stake and no open ports needed.',
  },
];

const NETWORKS: readonly RadioCardOption<Network['kind']>[] = [
  {
    value: 'devnet',
    title: 'Local devnet',
    text: 'A private practice chain on this computer. Everything works offline with test money, so you can see the whole loop before you risk anything.',
  },
  {
    value: 'arbitrum-one',
    title: 'Arbitrum One',
    text: 'The real Livepeer network. Real LPT and ETH; you need an RPC endpoint (your own node or a provider).',
  },
];

interface Draft {
  role: Role;
  networkKind: Network['kind'];
  rpcUrl: string;
  /** The backup RPC URL ('' = none). */
  fallbackRpcUrl: string;
  devnetScale: DevnetScale;
}

function draftOf(settings: Settings): Draft {
  return {
    role: settings.role,
    networkKind: settings.network.kind,
    rpcUrl: settings.network.kind === 'arbitrum-one' ? settings.network.rpcUrl : '',
    fallbackRpcUrl: settings.network.kind === 'arbitrum-one' ? (settings.network.fallbackRpcUrl ?? '') : '',
    devnetScale: settings.devnetScale,
  };
}

function patchOf(draft: Draft): unknown {
  return {
    role: draft.role,
    network:
      draft.networkKind === 'devnet'
        ? { kind: 'devnet' }
        : {
            kind: 'arbitrum-one',
            rpcUrl: draft.rpcUrl,
            ...(draft.fallbackRpcUrl.trim() === '' ? {} : { fallbackRpcUrl: draft.fallbackRpcUrl }),
          },
    devnetScale: draft.devnetScale,
  };
}

export function SettingsPage() {
  const settings = useSettingsStore((s) => s.settings);
  const saving = useSettingsStore((s) => s.saving);
  const serverError = useSettingsStore((s) => s.error);
  const save = useSettingsStore((s) => s.save);
  const info = useConnectionStore((s) => s.info);
  // The user's unsaved edits; null means "show the saved settings" (and follow their changes).
  const [edits, setEdits] = useState<Draft | null>(null);
  const [savedAt, setSavedAt] = useState<number | null>(null);
  // A role or network change waits for the user to confirm what it does (stake, node, data).
  const [confirming, setConfirming] = useState(false);
  const facts = useSwitchFacts();

  if (!settings) {
    return (
      <Page title="Settings" lead="How and where your node runs.">
        <p className="muted">Loading settings…</p>
      </Page>
    );
  }

  const saved = draftOf(settings);
  const draft = edits ?? saved;
  const checked = SettingsPatch.safeParse(patchOf(draft));
  const rpcError = checked.success
    ? null
    : (checked.error.issues.find((i) => i.path.includes('rpcUrl'))?.message ?? null);
  const fallbackError = checked.success
    ? draft.fallbackRpcUrl.trim() !== '' && draft.fallbackRpcUrl.trim() === draft.rpcUrl.trim()
      ? 'The backup must be another endpoint than the RPC URL above'
      : null
    : (checked.error.issues.find((i) => i.path.includes('fallbackRpcUrl'))?.message ?? null);
  const dirty = JSON.stringify(saved) !== JSON.stringify(draft);
  const update = (change: Partial<Draft>): void => {
    setEdits({ ...draft, ...change });
    setSavedAt(null);
    setConfirming(false);
  };
  const consequences = switchConsequences(
    {
      from: { role: saved.role, network: saved.networkKind },
      to: { role: draft.role, network: draft.networkKind },
    },
    facts,
  );

  async function commit(): Promise<void> {
    if (!checked.success) return;
    if (await save(checked.data)) {
      setEdits(null);
      setConfirming(false);
      setSavedAt(Date.now());
    }
  }

  function onSubmit(event: FormEvent): void {
    event.preventDefault();
    if (!checked.success) return;
    if (consequences && !confirming) setConfirming(true);
    else void commit();
  }

  return (
    <Page title="Settings" lead="How and where your node runs.">
      <form className="settings-form" onSubmit={(e) => void onSubmit(e)} aria-label="Settings">
        <Card title="Role">
          <RadioCards
            name="role"
            label="Role"
            options={ROLES}
            value={draft.role}
            onChange={(role) => update({ role })}
          />
        </Card>

        <Card title="Network">
          <RadioCards
            name="network"
            label="Network"
            options={NETWORKS}
            value={draft.networkKind}
            onChange={(networkKind) => update({ networkKind })}
          />
          {draft.networkKind === 'devnet' && (
            <div className="field">
              <label htmlFor="devnet-scale">Devnet network size</label>
              <select
                id="devnet-scale"
                value={draft.devnetScale}
                onChange={(e) => update({ devnetScale: e.target.value === 'mainnet' ? 'mainnet' : 'small' })}
              >
                <option value="small">Small (just you)</option>
                <option value="mainnet">Mainnet-like (about 100 orchestrators, 300 delegators)</option>
              </select>
              <p className="hint">
                Mainnet-like adds orchestrators with real-looking stakes, cuts and a few rounds of history to the devnet
                once (about 20 s, then kept with the devnet&apos;s state). Going back to small needs a new data folder.
              </p>
            </div>
          )}
          {draft.networkKind === 'arbitrum-one' && (
            <>
              <Field
                label="Arbitrum One RPC URL"
                inputMode="url"
                placeholder="https://arb1.example.org/your-key"
                value={draft.rpcUrl}
                error={draft.rpcUrl !== '' ? rpcError : null}
                onChange={(rpcUrl) => update({ rpcUrl })}
              />
              <Field
                label="Backup RPC URL (optional)"
                inputMode="url"
                placeholder="https://another-provider.example/your-key"
                value={draft.fallbackRpcUrl}
                hint="Another provider, used while the first one is rate-limited or down."
                error={fallbackError}
                onChange={(fallbackRpcUrl) => update({ fallbackRpcUrl })}
              />
            </>
          )}
        </Card>

        {confirming && consequences && (
          <SwitchConfirm
            title={consequences.title}
            lines={consequences.lines}
            saving={saving}
            onConfirm={() => void commit()}
            onCancel={() => setConfirming(false)}
          />
        )}
        {!confirming && (
          <div className="form-actions">
            <button
              type="submit"
              className="button primary"
              disabled={!dirty || !checked.success || fallbackError !== null || saving}
            >
              {saving ? 'Saving…' : 'Save settings'}
            </button>
            <button type="button" className="button" disabled={!dirty || saving} onClick={() => setEdits(null)}>
              Discard changes
            </button>
            {savedAt !== null && !dirty && (
              <span className="saved" role="status">
                Saved
              </span>
            )}
            {serverError && (
              <p className="field-error" role="alert">
                {serverError.message}
              </p>
            )}
          </div>
        )}
      </form>

      {settings.role === 'orchestrator' && <NodeServiceCard />}

      <CostsSettingsCard />

      <ElsewhereSettingsCard />

      <DesktopSettingsCard />
      <SettingsReachability />

      {info && (
        <Card title="About">
          <dl className="facts">
            <dt>Version</dt>
            <dd>
              {info.name} {info.version} ({info.mode})
            </dd>
            <dt>Runtime</dt>
            <dd data-live>
              Node {info.versions.node}
              {info.versions.electron ? `, Electron ${info.versions.electron}` : ''} on {info.platform}/{info.arch}
            </dd>
            <dt>Data folder</dt>
            <dd className="mono">{info.dataDir}</dd>
          </dl>
        </Card>
      )}
    </Page>
  );
}

/** The node's reachability from the internet (the same card onboarding and the dashboard use). */
function SettingsReachability() {
  const selected = useWalletStore((s) => s.status?.selected ?? null);
  return <ReachabilityCard orchestrator={selected} title="Reachable from the internet (network)" />;
}
