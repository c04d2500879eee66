import { NAV_ROUTES, ONBOARDING_ROUTE } from './routes.ts';
import { useNodeStore } from '../state/node-store.ts';
import { StatusPill } from '../ui/StatusPill.tsx';

export function Sidebar({ current }: { current: string }) {
  const status = useNodeStore((s) => s.status);
  return (
    <nav className="sidebar" aria-label="Main">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          LP
        </span>
        <span className="brand-name">Livepeer Miner</span>
      </div>
      <ul className="nav-list">
        {NAV_ROUTES.map((route) => (
          <li key={route.path}>
            <a
              href={`#/${route.path}`}
              className={route.path === current ? 'nav-link active' : 'nav-link'}
              aria-current={route.path === current ? 'page' : undefined}
            >
              <span className="nav-icon" aria-hidden="true">
                {route.icon}
              </span>
              {route.label}
            </a>
          </li>
        ))}
      </ul>
      <div className="sidebar-foot">
        <a
          href={`#/${ONBOARDING_ROUTE.path}`}
          className={current === ONBOARDING_ROUTE.path ? 'setup-link active' : 'setup-link'}
        >
          {ONBOARDING_ROUTE.icon} {ONBOARDING_ROUTE.label}
        </a>
        {status && <StatusPill state={status.state} />}
      </div>
    </nav>
  );
}
