// A chain action blocked by chain state, with its fix in place: a round nobody has initialized yet
// ("Initialize round N, then stake") or a reward call due before new terms. The fix is previewed
// like any transaction (TxAction); once it is confirmed the blocked action is prepared again for its
// own review.
import { AppError, ChainFix, type ChainAction } from '../../src-shared/contract/index.ts';
import styles from './TxFlow.module.css';

/** The fix an error names (`details.fix`), if the UI knows how to offer it. */
export function fixOf(err: unknown): ChainFix | null {
  if (!(err instanceof AppError)) return null;
  const fix = err.details?.fix;
  return fix === ChainFix.InitializeRound || fix === ChainFix.Reward ? fix : null;
}

const WHY: Record<ChainFix, string> = {
  initializeRound:
    'Each round starts when someone initializes it (your node does this once it runs; anyone may). Until then staking and orchestrator changes wait.',
  reward: 'An active orchestrator calls reward for the round before changing its reward cut or fee share.',
};

function fixLabel(fix: ChainFix, round: string | null, then: string): string {
  const first = fix === ChainFix.InitializeRound ? `Initialize round${round ? ` ${round}` : ''}` : 'Call reward';
  return `${first}, then ${then.charAt(0).toLowerCase()}${then.slice(1)}`;
}

/** Why the action is blocked and the one button that clears it; the caller prepares and reviews the fix. */
export function TxFix(props: { error: AppError; then: string; busy: boolean; onFix: (action: ChainAction) => void }) {
  const fix = fixOf(props.error) as ChainFix;
  const round = typeof props.error.details?.round === 'string' ? props.error.details.round : null;
  return (
    <div className={styles.fix} role="alert" data-testid="tx-fix">
      <p className={styles.error}>{props.error.message}.</p>
      <p className="hint">{WHY[fix]}</p>
      <button type="button" className="button primary" disabled={props.busy} onClick={() => props.onFix({ kind: fix })}>
        {props.busy ? 'Preparing…' : fixLabel(fix, round, props.then)}
      </button>
    </div>
  );
}
