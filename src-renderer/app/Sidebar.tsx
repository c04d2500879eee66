import { NAV_ROUTES, ONBOARDING_ROUTE } from './routes.ts';
import { useNodeStore } from '../state/node-store.ts';
import { StatusPill } from '../ui/StatusPill.tsx';
import styles from './Sidebar.module.css';

export function Sidebar({ current }: { current: string }) {
  const status = useNodeStore((s) => s.status);
  return (
    <nav className={styles.sidebar} aria-label="Main">
      <div className={styles.brand}>
        <span className={styles.brandMark} aria-hidden="true">
          LP
        </span>
        <span className={styles.brandName}>Livepeer Miner</span>
      </div>
      <ul className={styles.navList}>
        {NAV_ROUTES.map((route) => (
          <li key={route.path}>
            <a
              href={`#/${route.path}`}
              className={route.path === current ? `${styles.navLink} active` : styles.navLink}
              aria-current={route.path === current ? 'page' : undefined}
            >
              <span className={styles.navIcon} aria-hidden="true">
                {route.icon}
              </span>
              {route.label}
            </a>
          </li>
        ))}
      </ul>
      <div className={styles.sidebarFoot}>
        <a
          href={`#/${ONBOARDING_ROUTE.path}`}
          className={current === ONBOARDING_ROUTE.path ? `${styles.setupLink} active` : styles.setupLink}
        >
          {ONBOARDING_ROUTE.icon} {ONBOARDING_ROUTE.label}
        </a>
        {status && <StatusPill state={status.state} />}
      </div>
    </nav>
  );
}
