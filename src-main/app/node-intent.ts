// What the operator asked the node to do, remembered per network (devnet / Arbitrum One) so a
// restart, or switching network and back, resumes it: transcoding on/off, automatic reward calls
// (and their gas ceiling) and demo traffic. The switch itself is the settings' `transcodingEnabled`
// (what the node follows); this keeps a copy per network and puts it back on a switch, so turning
// the node on for the devnet does not turn it on for Arbitrum One. Also decides whether the
// node's work needs the operating key (the wallet then keeps it through idle locks) and unlocks it
// unattended at start when a password file or a remembered password allows.
import type { Settings } from '../../src-shared/contract/index.ts';
import type { ChainRuntime } from '../chain/chain-runtime.ts';
import type { Logger } from '../log/logger.ts';
import type { NodeStatusTracker } from '../orchestrator/node-status.ts';
import type { DemoControl } from '../orchestrator/runtime/orchestrator-service.ts';
import type { TranscodingControl } from '../orchestrator/transcoding-control.ts';
import type { SettingsStore } from '../settings/settings-store.ts';
import type { Database, Migration } from '../store/database.ts';
import type { Wallet } from '../wallet/wallet.ts';

export const INTENT_MIGRATIONS: readonly Migration[] = [
  { id: 'intent/1', sql: 'CREATE TABLE node_intent (network TEXT PRIMARY KEY, json TEXT NOT NULL);' },
];

export interface NodeIntent {
  /** Automatic reward calls for this orchestrator, with the gas ceiling (wei), or null = off. */
  reward: { orchestrator: string; maxGasPriceWei: string | null } | null;
  demo: boolean;
  /** Transcoding on/off; absent = never chosen on this network (a switch to it means off). */
  transcoding?: boolean;
}

const NONE: NodeIntent = { reward: null, demo: false };

export function createIntentStore(db: Database) {
  const read = db.prepare('SELECT json FROM node_intent WHERE network = ?');
  const write = db.prepare(
    'INSERT INTO node_intent (network, json) VALUES (?, ?) ON CONFLICT(network) DO UPDATE SET json = excluded.json',
  );
  const get = (network: string): NodeIntent => {
    const row = read.get(network) as { json: string } | undefined;
    return { ...NONE, ...(row ? (JSON.parse(row.json) as Partial<NodeIntent>) : {}) };
  };
  return {
    get,
    patch(network: string, patch: Partial<NodeIntent>): void {
      write.run(network, JSON.stringify({ ...get(network), ...patch }));
    },
  };
}

export interface IntentDeps {
  db: Database;
  log: Logger;
  settings: SettingsStore;
  transcoding: TranscodingControl;
  chain: Pick<ChainRuntime, 'setRewardService' | 'rewardService'>;
  demo: DemoControl;
  nodeStatus: NodeStatusTracker;
  wallet: Wallet;
}

/** The node's work needs the key: the orchestrator is switched on, or automatic rewards are on. */
function nodeNeedsKey(s: Settings, transcodingOn: boolean, rewardOn: boolean): boolean {
  return (s.role === 'orchestrator' && transcodingOn) || rewardOn;
}

export function wireNodeIntent(d: IntentDeps) {
  const store = createIntentStore(d.db);
  const networkOf = (): string => d.settings.get().network.kind;
  const syncKeyNeed = (): void =>
    d.wallet.setNodeNeedsKey(
      nodeNeedsKey(d.settings.get(), d.transcoding.get().enabled, d.chain.rewardService() !== null),
    );

  async function restore(network: string): Promise<void> {
    const intent = store.get(network);
    const transcoding = intent.transcoding ?? false;
    if (d.transcoding.get().enabled !== transcoding) {
      d.transcoding.setEnabled(transcoding);
      d.log.info(`Transcoding ${transcoding ? 'on' : 'off'} as last chosen on ${network}`);
    }
    if (intent.reward && !d.chain.rewardService()) {
      const gas = intent.reward.maxGasPriceWei;
      await d.chain.setRewardService(intent.reward.orchestrator, true, gas === null ? undefined : BigInt(gas));
      d.log.info(`Automatic reward calls restored for ${intent.reward.orchestrator} on ${network}`);
    }
    syncKeyNeed();
  }

  /** Records the choice made through the contract, then applies it. */
  const setRewardService: ChainRuntime['setRewardService'] = async (orchestrator, enabled, maxGasPriceWei) => {
    await d.chain.setRewardService(orchestrator, enabled, maxGasPriceWei);
    store.patch(networkOf(), {
      reward: enabled ? { orchestrator, maxGasPriceWei: maxGasPriceWei?.toString() ?? null } : null,
    });
    syncKeyNeed();
  };
  const demo: DemoControl = {
    status: () => d.demo.status(),
    async setEnabled(enabled) {
      store.patch(networkOf(), { demo: enabled });
      return d.demo.setEnabled(enabled);
    },
  };

  let network = networkOf();
  const unsubscribers = [
    d.settings.onChange((s) => {
      syncKeyNeed();
      if (s.network.kind === network) return;
      network = s.network.kind;
      // After this settings change has reached every listener: restoring changes settings again.
      const target = network;
      queueMicrotask(
        () => void restore(target).catch((err) => d.log.warn(`Could not restore the node's choices: ${String(err)}`)),
      );
    }),
    d.transcoding.onChange((state) => {
      if (store.get(networkOf()).transcoding !== state.enabled)
        store.patch(networkOf(), { transcoding: state.enabled });
      syncKeyNeed();
    }),
    // Demo traffic needs a serving node: resume it once the node is up again.
    d.nodeStatus.onChange((status) => {
      if (status.state === 'running' && store.get(networkOf()).demo && !d.demo.status().running)
        void d.demo.setEnabled(true);
    }),
  ];

  return {
    setRewardService,
    demo,
    /** Restores the current network's choices and, when the node needs its key, unlocks it unattended. */
    async start(password: string | null): Promise<void> {
      // A network with no recorded choice (first start, or data from before this record) adopts the
      // switch as it stands, so an upgrade does not turn a running node off.
      if (store.get(network).transcoding === undefined)
        store.patch(network, { transcoding: d.transcoding.get().enabled });
      await restore(network).catch((err) => d.log.warn(`Could not restore the node's choices: ${String(err)}`));
      const wallet = d.wallet.status();
      if (!wallet.nodeKey && nodeNeedsKey(d.settings.get(), d.transcoding.get().enabled, !!d.chain.rewardService()))
        await unlockUnattended(d, password);
    },
    close(): void {
      for (const off of unsubscribers) off();
    },
  };
}

async function unlockUnattended(d: IntentDeps, password: string | null): Promise<void> {
  const w = d.wallet.status();
  const account = w.accounts.find((a) => a.address === w.selected);
  if (!account) return;
  const remembered = account.rememberPassword && w.rememberPassword.available;
  if (password === null && !remembered) {
    d.log.warn(
      'The node waits for an unlock: unlock the wallet once (or run serve --password-file) and it resumes by itself',
    );
    return;
  }
  const source = password === null ? 'the remembered password' : 'the password file';
  try {
    await d.wallet.unlockForNode(password ?? undefined);
    d.log.info(`Unlocked ${account.address} for the node with ${source}`);
  } catch (err) {
    d.log.error(`Could not unlock ${account.address} with ${source}: ${(err as Error).message}`);
  }
}
