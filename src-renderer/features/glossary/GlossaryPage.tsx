// The glossary: the network's words in its own terms (src-shared/domain/glossary.ts, the same text
// the tooltips show), with the round's length on the connected chain computed, not assumed.
import { GLOSSARY, type GlossaryEntry } from '../../../src-shared/domain/glossary.ts';
import { formatDuration } from '../../../src-shared/domain/dates.ts';
import { roundSeconds, secondsPerRoundBlock } from '../../state/chain-derived.ts';
import { useChainStore } from '../../state/chain-store.ts';
import { Card, Page } from '../../ui/Page.tsx';
import styles from './GlossaryPage.module.css';

export function GlossaryPage() {
  const status = useChainStore((s) => s.status);
  const entries = Object.entries(GLOSSARY) as [string, GlossaryEntry][];
  return (
    <Page title="Glossary" lead="The words of the Livepeer network, as this app uses them.">
      {status?.protocol && (
        <Card>
          <p data-testid="round-length">
            A round on this chain is {status.protocol.roundLength} blocks,{' '}
            <span data-live>
              {formatDuration(roundSeconds(status))} at {secondsPerRoundBlock(status).toFixed(1)} s
            </span>{' '}
            per block ({status.network === 'devnet' ? 'the devnet' : 'Arbitrum One, counting Ethereum blocks'}). The
            unbonding period is {status.protocol.unbondingPeriod} rounds,{' '}
            <span data-live>{formatDuration(Number(status.protocol.unbondingPeriod) * roundSeconds(status))}</span>.
          </p>
        </Card>
      )}
      <Card>
        <dl className={styles.list}>
          {entries.map(([key, e]) => (
            <div key={key} id={`glossary-${key}`} className={styles.entry}>
              <dt>{e.term}</dt>
              <dd>
                {e.short}
                {e.more && <span className={styles.more}> {e.more}</span>}
              </dd>
            </div>
          ))}
        </dl>
      </Card>
    </Page>
  );
}
