import { useState } from 'react';
import type { LogLevel } from '../../../src-shared/contract/index.ts';
import { Page } from '../../ui/Page.tsx';
import { downloadText } from '../../ui/download.ts';
import { useLogStore } from '../../state/log-store.ts';
import styles from './LogsPage.module.css';
import { formatTime } from '../../../src-shared/domain/dates.ts';

const LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

export function LogsPage() {
  const entries = useLogStore((s) => s.entries);
  const [minLevel, setMinLevel] = useState<LogLevel>('info');
  const shown = entries
    .filter((e) => LEVELS.indexOf(e.level) >= LEVELS.indexOf(minLevel))
    .slice(-300)
    .reverse();
  return (
    <Page title="Logs" lead="What the node has been doing, newest first. Secrets are masked before lines are kept.">
      <div className="toolbar">
        <label htmlFor="log-level">Show from</label>
        <select id="log-level" value={minLevel} onChange={(e) => setMinLevel(e.target.value as LogLevel)}>
          {LEVELS.map((level) => (
            <option key={level} value={level}>
              {level}
            </option>
          ))}
        </select>
        <span className="muted" data-live>
          {shown.length} lines
        </span>
        <button
          type="button"
          className="button"
          disabled={entries.length === 0}
          onClick={() =>
            downloadText(
              'livepeer-miner.log',
              entries.map((e) => `${new Date(e.time).toISOString()} ${e.level} [${e.scope}] ${e.message}`).join('\n'),
              'text/plain',
            )
          }
        >
          Export
        </button>
      </div>
      <div className={styles.view} role="log" tabIndex={0} aria-label="Log lines" data-live="block">
        {shown.length === 0 ? (
          <p className="muted">No log lines yet.</p>
        ) : (
          <table>
            <tbody>
              {shown.map((e) => (
                <tr key={`${e.time}-${e.seq}`} className={styles[e.level]}>
                  <td className="mono nowrap">{formatTime(e.time)}</td>
                  <td className="nowrap">{e.level}</td>
                  <td className="mono nowrap">{e.scope}</td>
                  <td>{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </Page>
  );
}
