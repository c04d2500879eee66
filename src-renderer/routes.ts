// The app's pages, in sidebar order. The hash (#/settings) keeps the page across reloads.
import { useEffect, useState, type ComponentType } from 'react';
import { DashboardPage } from './pages/DashboardPage.tsx';
import { DelegatorsPage } from './pages/DelegatorsPage.tsx';
import { EarningsPage } from './pages/EarningsPage.tsx';
import { GovernancePage } from './pages/GovernancePage.tsx';
import { GpusPage } from './pages/GpusPage.tsx';
import { LogsPage } from './pages/LogsPage.tsx';
import { OnboardingPage } from './pages/OnboardingPage.tsx';
import { SettingsPage } from './pages/SettingsPage.tsx';
import { StakingPage } from './pages/StakingPage.tsx';
import { WalletPage } from './pages/WalletPage.tsx';

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
  { path: 'settings', label: 'Settings', icon: '⚙', page: SettingsPage },
  { path: 'logs', label: 'Logs', icon: '≡', page: LogsPage },
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
