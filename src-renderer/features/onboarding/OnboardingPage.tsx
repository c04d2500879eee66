// The first-run guide: one decision per step, resumable (the step is saved in settings), from
// choosing a role to a node that works. It reuses the Wallet, GPUs and Staking building blocks so
// every action behaves the same here and later.
import { useState } from 'react';
import type { OnboardingStep, Role, Settings } from '../../../src-shared/contract/index.ts';
import { Page } from '../../ui/Page.tsx';
import { useSettingsStore } from '../../state/settings-store.ts';
import type { ReadyFn } from './step-kit.tsx';
import { RoleStep, HardwareStep, WalletStep, NetworkStep } from './SetupSteps.tsx';
import { FundingStep, StakeStep, ConnectStep, FinishStep } from './ChainSteps.tsx';
import styles from './OnboardingPage.module.css';

const TITLES: Record<OnboardingStep, string> = {
  role: 'Role',
  hardware: 'Hardware',
  wallet: 'Wallet',
  network: 'Network',
  funding: 'Funding',
  stake: 'Stake and activate',
  connect: 'Connect to your orchestrator',
  finish: 'Start',
};

function stepsFor(role: Role): OnboardingStep[] {
  return role === 'orchestrator'
    ? ['role', 'hardware', 'wallet', 'network', 'funding', 'stake', 'finish']
    : // A transcoder needs no keys, chain or funds: its orchestrator pays it.
      ['role', 'hardware', 'connect', 'finish'];
}

export function OnboardingPage() {
  const settings = useSettingsStore((s) => s.settings);
  if (!settings) {
    return (
      <Page title="Set up" lead="A step-by-step guide from a fresh install to a node that earns.">
        <p className="muted">Loading…</p>
      </Page>
    );
  }
  return <Wizard settings={settings} />;
}

function Wizard({ settings }: { settings: Settings }) {
  const save = useSettingsStore((s) => s.save);
  const steps = stepsFor(settings.role);
  const step = steps.includes(settings.onboarding.step) ? settings.onboarding.step : 'role';
  const index = steps.indexOf(step);
  const go = (next: OnboardingStep): void => void save({ onboarding: { ...settings.onboarding, step: next } });
  const [ready, setReady] = useState<{ ok: boolean; why: string | null }>({ ok: true, why: null });
  return (
    <Page
      title="Set up"
      lead="A step-by-step guide from a fresh install to a node that earns. You can leave and come back: it resumes here."
    >
      <ol className={styles.stepper} aria-label="Steps">
        {steps.map((s, i) => (
          <li
            key={s}
            className={i < index ? 'done' : i === index ? 'current' : ''}
            aria-current={i === index ? 'step' : undefined}
          >
            <span className={styles.stepNum} aria-hidden="true">
              {i < index ? '✓' : i + 1}
            </span>
            {TITLES[s]}
          </li>
        ))}
      </ol>
      <h2 className={styles.stepTitle} data-testid="onboarding-step">
        Step {index + 1} of {steps.length}: {TITLES[step]}
      </h2>
      <StepBody step={step} settings={settings} onReady={setReady} />
      <div className={styles.wizardNav}>
        <button type="button" className="button" disabled={index === 0} onClick={() => go(steps[index - 1] ?? 'role')}>
          Back
        </button>
        {step !== 'finish' && (
          <>
            {ready.why && <span className="hint">{ready.why}</span>}
            <button
              type="button"
              className="button primary"
              disabled={!ready.ok}
              onClick={() => go(steps[index + 1] ?? 'finish')}
            >
              Continue
            </button>
          </>
        )}
      </div>
    </Page>
  );
}

function StepBody({ step, settings, onReady }: { step: OnboardingStep; settings: Settings; onReady: ReadyFn }) {
  switch (step) {
    case 'role':
      return <RoleStep settings={settings} onReady={onReady} />;
    case 'hardware':
      return <HardwareStep onReady={onReady} />;
    case 'wallet':
      return <WalletStep onReady={onReady} />;
    case 'network':
      return <NetworkStep settings={settings} onReady={onReady} />;
    case 'funding':
      return <FundingStep settings={settings} onReady={onReady} />;
    case 'stake':
      return <StakeStep onReady={onReady} />;
    case 'connect':
      return <ConnectStep settings={settings} onReady={onReady} />;
    case 'finish':
      return <FinishStep settings={settings} />;
  }
}
