// The node's on/off switch (with the drain state while sessions finish).
import type { Settings } from '../../../src-shared/contract/index.ts';
import { useNodeStore } from '../../state/node-store.ts';
import { useSettingsStore } from '../../state/settings-store.ts';
import styles from './dashboard.module.css';
import { formatTime } from '../../../src-shared/domain/dates.ts';

export function NodeToggle({ settings }: { settings: Settings }) {
  const save = useSettingsStore((s) => s.save);
  const saving = useSettingsStore((s) => s.saving);
  const node = useNodeStore((s) => s.status);
  const on = settings.transcodingEnabled;
  // The host clears pausedUntil when the pause ends (settings.changed), so "set" means "paused".
  const paused = settings.pausedUntil !== null;
  const draining = node?.state === 'stopping';
  return (
    <div className={styles.toggleWrap}>
      <button
        type="button"
        role="switch"
        aria-checked={on}
        aria-label="Transcoding"
        className={`${styles.bigToggle}${on ? ' on' : ''}${draining ? ' draining' : ''}`}
        disabled={saving}
        onClick={() => void save({ transcodingEnabled: !on })}
        data-testid="transcoding-toggle"
      >
        <span className={styles.bigToggleKnob} aria-hidden="true" />
        <span className={styles.bigToggleLabel}>{on ? 'On' : draining ? 'Drain' : 'Off'}</span>
      </button>
      <p data-testid="transcoding-state">
        {draining
          ? 'Finishing the segments in progress, then stopping…'
          : paused
            ? `Paused until ${formatTime(settings.pausedUntil ?? 0)}.`
            : on
              ? 'Your GPU accepts work from the network.'
              : 'Off: no new work is accepted. Turning it off lets current segments finish first.'}
      </p>
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
