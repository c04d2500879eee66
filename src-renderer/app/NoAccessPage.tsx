// The page a browser sees when the headless host refuses its access token (or it has none): the
// cause in words and exactly how to get the address again. Nothing else works without the token.
import styles from './App.module.css';

export function NoAccessPage() {
  return (
    <main className={styles.noAccess} data-testid="no-access">
      <h1>This page needs the address with the access token</h1>
      <p>
        The Livepeer Miner host on this computer answers only pages opened with the address it prints, which carries an
        access token. This page has no token, or an old one (replaced with <code>serve --new-token</code>).
      </p>
      <h2>Get the address again</h2>
      <ol>
        <li>
          In the checkout, run <code>npm run serve -- --print-url</code> (the packaged app:{' '}
          <code>livepeer-miner serve --print-url</code>; add the same <code>--data-dir</code> and{' '}
          <code>--admin-port</code> as the running host, if you gave any).
        </li>
        <li>
          Or look for the line <code>UI ready: http://127.0.0.1:…/?token=…</code> that <code>npm run serve</code>{' '}
          printed when it started.
        </li>
        <li>Open that address in this browser. Bookmarks and new tabs of this address keep working after that.</li>
      </ol>
    </main>
  );
}
