import { RpcBanner } from './RpcBanner.tsx';
import { Sidebar } from './Sidebar.tsx';
import { useRoute } from './routes.ts';
import { useConnectionStore } from '../state/connection-store.ts';
import { NoAccessPage } from './NoAccessPage.tsx';
import styles from './App.module.css';

export function App() {
  const route = useRoute();
  const { connected, wasConnected, refused } = useConnectionStore();
  const Page = route.page;
  if (refused) return <NoAccessPage />;
  return (
    <div className={styles.shell}>
      <Sidebar current={route.path} />
      <main className={styles.content} aria-live="polite">
        {!connected && (
          <div className="banner banner-warn" role="status" data-testid="connection-banner">
            {wasConnected
              ? 'Reconnecting to the node… The host stopped or is restarting; this page reconnects by itself, and the figures below are from before.'
              : 'Connecting to the node… If this stays, check that Livepeer Miner is running.'}
          </div>
        )}
        {connected && <RpcBanner />}
        <div className={connected ? undefined : styles.stale} inert={!connected && wasConnected}>
          <Page />
        </div>
      </main>
    </div>
  );
}
