// The "Desktop" card of the Settings page: start at login, notifications, pause while gaming.
// Each switch saves at once. The headless host has none of these, so there the card shows why.
import { useEffect, useState } from 'react';
import type {
  Capability,
  DesktopCapabilities,
  DesktopSettings,
  NotificationKind,
} from '../../../src-shared/contract/index.ts';
import { api, onConnection } from '../../api/index.ts';
import { useSettingsStore } from '../../state/settings-store.ts';
import { Card } from '../../ui/Page.tsx';
import styles from './DesktopSettingsCard.module.css';

const NOTIFICATION_LABELS: readonly { kind: NotificationKind; label: string }[] = [
  { kind: 'rewardFailed', label: 'Reward call failed or missed' },
  { kind: 'ticketRedeemed', label: 'Winning ticket redeemed' },
  { kind: 'lowEth', label: 'Low ETH for gas' },
  { kind: 'gpuHot', label: 'GPU too hot' },
  { kind: 'nodeStopped', label: 'Node stopped unexpectedly' },
  { kind: 'updateAvailable', label: 'Update available' },
  { kind: 'proposalOpened', label: 'Governance proposal open for votes' },
];

function useCapabilities(): DesktopCapabilities | null {
  const [caps, setCaps] = useState<DesktopCapabilities | null>(null);
  useEffect(
    () =>
      onConnection((connected) => {
        if (connected)
          void api.desktop
            .capabilities()
            .then(setCaps)
            .catch(() => undefined);
      }),
    [],
  );
  return caps;
}

function Toggle(props: {
  label: string;
  hint?: string;
  checked: boolean;
  capability?: Capability;
  onChange: (checked: boolean) => void;
}) {
  const unsupported = props.capability && !props.capability.supported ? props.capability.reason : null;
  return (
    <label className={unsupported ? `${styles.toggle} ${styles.unsupported}` : styles.toggle}>
      <input
        type="checkbox"
        checked={props.checked}
        disabled={unsupported !== null}
        onChange={(e) => props.onChange(e.target.checked)}
      />
      <span className={styles.toggleLabel}>{props.label}</span>
      {(props.hint || unsupported) && <span className={styles.toggleHint}>{unsupported ?? props.hint}</span>}
    </label>
  );
}

export function DesktopSettingsCard() {
  const settings = useSettingsStore((s) => s.settings);
  const save = useSettingsStore((s) => s.save);
  const caps = useCapabilities();
  const [programsDraft, setProgramsDraft] = useState<string | null>(null);
  const [idleDraft, setIdleDraft] = useState<string | null>(null);
  if (!settings || !caps) return null;

  const desktop = settings.desktop;
  const gaming = desktop.pauseWhileGaming;
  // Built on the store's latest value (not this render's), so rapid clicks do not undo each other.
  const latest = (): DesktopSettings => useSettingsStore.getState().settings?.desktop ?? desktop;
  const update = (change: Partial<DesktopSettings>): void => void save({ desktop: { ...latest(), ...change } });
  const updateGaming = (change: Partial<DesktopSettings['pauseWhileGaming']>): void =>
    update({ pauseWhileGaming: { ...latest().pauseWhileGaming, ...change } });
  const programsText = programsDraft ?? gaming.programs.join('\n');
  const commitPrograms = (): void => {
    if (programsDraft === null) return;
    const programs = [
      ...new Set(
        programsDraft
          .split(/[\n,]/)
          .map((p) => p.trim())
          .filter(Boolean),
      ),
    ].slice(0, 50);
    setProgramsDraft(null);
    if (JSON.stringify(programs) !== JSON.stringify(gaming.programs)) updateGaming({ programs });
  };
  const commitIdle = (): void => {
    if (idleDraft === null) return;
    const minutes = Math.round(Number(idleDraft));
    setIdleDraft(null);
    if (Number.isFinite(minutes) && minutes >= 1 && minutes <= 240 && minutes !== gaming.resumeAfterIdleMinutes)
      updateGaming({ resumeAfterIdleMinutes: minutes });
  };

  return (
    <Card title="Desktop" className={`${styles.desktopCard} desktop-card`}>
      {!caps.available && (
        <p className="banner banner-warn" role="note">
          {caps.reason}
        </p>
      )}
      <fieldset className={styles.desktopFieldset} disabled={!caps.available} aria-label="Desktop integration">
        <div className={styles.desktopGrid}>
          <section aria-labelledby="desktop-start">
            <h3 id="desktop-start" className="group-title">
              Start
            </h3>
            <Toggle
              label="Start Livepeer Miner when I log in"
              hint="Opens in the tray, so the node is back at work after a restart."
              checked={desktop.openAtLogin}
              capability={caps.available ? caps.startAtLogin : undefined}
              onChange={(openAtLogin) => update({ openAtLogin })}
            />
            <Toggle
              label="Start minimized to the tray"
              hint="No window at start; open it from the tray icon."
              checked={desktop.startMinimized}
              capability={caps.available ? caps.tray : undefined}
              onChange={(startMinimized) => update({ startMinimized })}
            />
          </section>

          <section aria-labelledby="desktop-notifications">
            <h3 id="desktop-notifications" className="group-title">
              Notify me when
            </h3>
            <p className={`${styles.toggleHint} ${styles.groupHint}`}>
              {caps.available && !caps.notifications.supported
                ? caps.notifications.reason
                : 'Each kind is off until you switch it on.'}
            </p>
            {NOTIFICATION_LABELS.map(({ kind, label }) => (
              <Toggle
                key={kind}
                label={label}
                checked={desktop.notifications[kind]}
                capability={caps.available ? caps.notifications : undefined}
                onChange={(on) => update({ notifications: { ...latest().notifications, [kind]: on } })}
              />
            ))}
          </section>

          <section aria-labelledby="desktop-gaming" className="span-2">
            <h3 id="desktop-gaming" className="group-title">
              Pause while gaming
            </h3>
            <Toggle
              label="Pause the node's work while I play or use the computer"
              hint="Your GPU is yours first: the node steps back and resumes on its own."
              checked={gaming.enabled}
              capability={caps.available ? caps.pauseWhileGaming : undefined}
              onChange={(enabled) => updateGaming({ enabled })}
            />
            <fieldset className={styles.nested} disabled={!gaming.enabled} aria-label="Pause while gaming options">
              <div className={styles.toggleRow}>
                <Toggle
                  label="While I use the keyboard or mouse"
                  checked={gaming.whenUserActive}
                  onChange={(whenUserActive) => updateGaming({ whenUserActive })}
                />
                <label className={styles.inlineField}>
                  resume after
                  <input
                    type="number"
                    min={1}
                    max={240}
                    aria-label="Idle minutes before resuming"
                    value={idleDraft ?? String(gaming.resumeAfterIdleMinutes)}
                    onChange={(e) => setIdleDraft(e.target.value)}
                    onBlur={commitIdle}
                  />
                  idle minutes
                </label>
              </div>
              <Toggle
                label="While the computer runs on battery"
                checked={gaming.onBattery}
                onChange={(onBattery) => updateGaming({ onBattery })}
              />
              <div className="field">
                <label htmlFor="gaming-programs">While one of these programs runs (one per line)</label>
                <textarea
                  id="gaming-programs"
                  rows={3}
                  placeholder={'steam\nCyberpunk2077.exe'}
                  value={programsText}
                  onChange={(e) => setProgramsDraft(e.target.value)}
                  onBlur={commitPrograms}
                />
              </div>
            </fieldset>
          </section>
        </div>
      </fieldset>
    </Card>
  );
}
