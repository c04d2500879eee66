import { RpcBanner } from './RpcBanner.tsx';
import { Sidebar } from './Sidebar.tsx';
import { useRoute } from './routes.ts';
import { useConnectionStore } from '../state/connection-store.ts';
import styles from './App.module.css';

export function App() {
  const route = useRoute();
  const connected = useConnectionStore((s) => s.connected);
  const Page = route.page;
  return (
    <div className={styles.shell}>
      <Sidebar current={route.path} />
      <main className={styles.content} aria-live="polite">
        {!connected && (
          <div className="banner banner-warn" role="status">
            Connecting to the node… If this stays, check that Livepeer Miner is running.
          </div>
        )}
        {connected && <RpcBanner />}
        <Page />
      </main>
    </div>
  );
}
