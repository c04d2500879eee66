// Why no work arrives: the reasons the dashboard can see, each with what to do.
import { type ReactNode } from 'react';
import type { ChainAccountState, ChainStatus, Settings } from '../../../src-shared/contract/index.ts';
import {
  COMMON_GATEWAY_MAX_WEI_PER_PIXEL,
  formatEth,
  priceAboveCommonCeiling,
  pricePerPixelWei,
} from '../../../src-shared/domain/units.ts';
import { useReachabilityWarning } from '../reachability/ReachabilityCard.tsx';
import { useWalletStore } from '../../state/wallet-store.ts';
import styles from './dashboard.module.css';

const LOW_ETH_WEI = 10n ** 16n; // 0.01 ETH: a few dozen reward calls on Arbitrum

export function Warnings({
  settings,
  chain,
  account,
}: {
  settings: Settings | null;
  chain: ChainStatus | null;
  account: ChainAccountState | null;
}) {
  const wallet = useWalletStore((s) => s.status);
  const reach = useReachabilityWarning(
    account?.address ?? null,
    settings?.role === 'orchestrator' && !!account?.transcoder.serviceUri,
  );
  const items: { id: string; text: ReactNode }[] = [];
  if (chain && !chain.connected) items.push({ id: 'chain', text: `The chain is unreachable: ${chain.error ?? ''}` });
  // A transcoder needs no wallet: its orchestrator holds the keys and gets paid.
  const needsWallet = settings?.role !== 'transcoder';
  if (needsWallet && wallet && !wallet.selected)
    items.push({
      id: 'nowallet',
      text: (
        <>
          No account: create one on the <a href="#/wallet">Wallet</a> page.
        </>
      ),
    });
  else if (needsWallet && wallet && !wallet.unlocked && !wallet.nodeKey)
    items.push({
      id: 'locked',
      text: (
        <>
          The wallet is locked: rewards cannot be called and tickets cannot be redeemed.{' '}
          <a href="#/wallet">Unlock it</a>.
        </>
      ),
    });
  if (settings?.role === 'orchestrator' && account) {
    if (!account.transcoder.registered)
      items.push({
        id: 'unreg',
        text: (
          <>
            Not registered as an orchestrator: gateways cannot find you. <a href="#/staking">Stake and register</a>.
          </>
        ),
      });
    else if (!account.transcoder.active)
      items.push({
        id: 'inactive',
        text: 'Not in the active set yet: activation happens at the start of the next round.',
      });
    if (account.transcoder.registered && !account.transcoder.serviceUri)
      items.push({
        id: 'uri',
        text: (
          <>
            No service URI on-chain: gateways cannot reach you. <a href="#/staking">Set it</a>.
          </>
        ),
      });
    const terms = settings.orchestratorTerms;
    if (priceAboveCommonCeiling(terms.pricePerUnitWei, terms.pixelsPerUnit))
      items.push({
        id: 'price',
        text: (
          <>
            Your price ({pricePerPixelWei(terms.pricePerUnitWei, terms.pixelsPerUnit).perPixel} per pixel) is above the{' '}
            {COMMON_GATEWAY_MAX_WEI_PER_PIXEL.toString()} wei most gateways accept: they skip your node.{' '}
            <a href="#/staking">Change it</a>.
          </>
        ),
      });
    if (BigInt(account.ethBalance) < LOW_ETH_WEI)
      items.push({
        id: 'eth',
        text: `Low ETH for gas (${formatEth(account.ethBalance)}): reward calls and ticket redemptions need gas.`,
      });
  }
  if (reach) items.push({ id: 'reach', text: reach });
  if (settings && !settings.transcodingEnabled)
    items.push({ id: 'off', text: 'Transcoding is off: no work is accepted.' });
  if (items.length === 0) return null;
  return (
    <section className={styles.warnings} aria-label="Why no work may arrive" data-testid="warnings">
      <h2 className="card-title">Why no work may arrive</h2>
      <ul>
        {items.map((i) => (
          <li key={i.id}>{i.text}</li>
        ))}
      </ul>
    </section>
  );
}
