// The node's on/off switch: its word and sentence follow the node's real state (node-figures.ts).
import type { Settings } from '../../../src-shared/contract/index.ts';
import { useNodeStore } from '../../state/node-store.ts';
import { useOrchestratorStore } from '../../state/orchestrator-store.ts';
import { useSettingsStore } from '../../state/settings-store.ts';
import { switchView } from './node-figures.ts';
import styles from './dashboard.module.css';

export function NodeToggle({ settings }: { settings: Settings }) {
  const save = useSettingsStore((s) => s.save);
  const saving = useSettingsStore((s) => s.saving);
  const node = useNodeStore((s) => s.status);
  const stats = useOrchestratorStore((s) => s.stats);
  const view = switchView(settings, node, stats);
  const on = settings.transcodingEnabled;
  const paused = settings.pausedUntil !== null;
  return (
    <div className={styles.toggleWrap}>
      <button
        type="button"
        role="switch"
        aria-checked={view.checked}
        aria-label="Transcoding"
        className={`${styles.bigToggle}${view.checked ? ' on' : ''} ${view.tone}`}
        disabled={saving}
        onClick={() => void save({ transcodingEnabled: !on })}
        data-testid="transcoding-toggle"
      >
        <span className={styles.bigToggleKnob} aria-hidden="true" />
        <span className={styles.bigToggleLabel}>{view.label}</span>
      </button>
      <p data-testid="transcoding-state">{view.text}</p>
      {on && (
        <div className="row">
          {paused ? (
            <button type="button" className="button" onClick={() => void save({ pausedUntil: null })}>
              Resume now
            </button>
          ) : (
            <>
              <button
                type="button"
                className="button"
                onClick={() => void save({ pausedUntil: Date.now() + 15 * 60_000 })}
              >
                Pause 15 min
              </button>
              <button
                type="button"
                className="button"
                onClick={() => void save({ pausedUntil: Date.now() + 60 * 60_000 })}
              >
                Pause 1 h
              </button>
            </>
          )}
        </div>
      )}
    </div>
  );
}
