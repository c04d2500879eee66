// The app's pages, in sidebar order. The hash (#/settings) keeps the page across reloads.
import { useEffect, useState, type ComponentType } from 'react';
import { DashboardPage } from '../features/dashboard/DashboardPage.tsx';
import { DelegatorsPage } from '../features/delegators/DelegatorsPage.tsx';
import { EarningsPage } from '../features/earnings/EarningsPage.tsx';
import { GlossaryPage } from '../features/glossary/GlossaryPage.tsx';
import { GovernancePage } from '../features/governance/GovernancePage.tsx';
import { GpusPage } from '../features/gpus/GpusPage.tsx';
import { LogsPage } from '../features/logs/LogsPage.tsx';
import { OnboardingPage } from '../features/onboarding/OnboardingPage.tsx';
import { SettingsPage } from '../features/settings/SettingsPage.tsx';
import { StakingPage } from '../features/staking/StakingPage.tsx';
import { TranscodersPage } from '../features/transcoders/TranscodersPage.tsx';
import { WalletPage } from '../features/wallet/WalletPage.tsx';

export interface Route {
  readonly path: string;
  readonly label: string;
  readonly icon: string;
  readonly page: ComponentType;
}

const DASHBOARD: Route = { path: 'dashboard', label: 'Dashboard', icon: '◉', page: DashboardPage };

export const NAV_ROUTES: readonly Route[] = [
  DASHBOARD,
  { path: 'wallet', label: 'Wallet', icon: '⬡', page: WalletPage },
  { path: 'staking', label: 'Staking', icon: '◆', page: StakingPage },
  { path: 'delegators', label: 'Delegators', icon: '◎', page: DelegatorsPage },
  { path: 'earnings', label: 'Earnings', icon: '▲', page: EarningsPage },
  { path: 'governance', label: 'Governance', icon: '⚖', page: GovernancePage },
  { path: 'gpus', label: 'GPUs', icon: '▦', page: GpusPage },
  { path: 'transcoders', label: 'Transcoders', icon: '⇄', page: TranscodersPage },
  { path: 'settings', label: 'Settings', icon: '⚙', page: SettingsPage },
  { path: 'logs', label: 'Logs', icon: '≡', page: LogsPage },
  { path: 'glossary', label: 'Glossary', icon: '?', page: GlossaryPage },
];

export const ONBOARDING_ROUTE: Route = { path: 'onboarding', label: 'Set up', icon: '➜', page: OnboardingPage };

const ALL = [...NAV_ROUTES, ONBOARDING_ROUTE];

function routeFromHash(hash: string): Route {
  const path = hash.replace(/^#\/?/, '');
  return ALL.find((r) => r.path === path) ?? DASHBOARD;
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => routeFromHash(window.location.hash));
  useEffect(() => {
    const onHash = (): void => setRoute(routeFromHash(window.location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  return route;
}
