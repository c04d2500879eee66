// What the orchestrator earned over the recent rounds (rewards and fees).
import { type ReactNode } from 'react';
import type { ChainStatus } from '../../../src-shared/contract/index.ts';
import { formatEth, formatLpt } from '../../../src-shared/domain/units.ts';
import { secondsPerRoundBlock } from '../../state/chain-derived.ts';
import { Card } from '../../ui/Page.tsx';
import { Term } from '../../ui/Term.tsx';
import { useChainStore, type RoundEarnings } from '../../state/chain-store.ts';

export function recentEarnings(earnings: readonly RoundEarnings[], fromRound: number): { lpt: bigint; eth: bigint } {
  let lpt = 0n;
  let eth = 0n;
  for (const e of earnings) {
    if (e.round >= fromRound) {
      lpt += BigInt(e.rewards);
      eth += BigInt(e.fees);
    }
  }
  return { lpt, eth };
}

export function EarningsCard({ chain }: { chain: ChainStatus | null }) {
  const earnings = useChainStore((s) => s.earnings);
  const round = Number(chain?.protocol?.round ?? 0);
  let body: ReactNode;
  if (!chain?.protocol || earnings === null) body = <p className="muted">Loading…</p>;
  else {
    const perDay = Math.max(1, Math.round(86_400 / (Number(chain.protocol.roundLength) * secondsPerRoundBlock(chain))));
    const thisRound = recentEarnings(earnings, round);
    const today = recentEarnings(earnings, round - perDay + 1);
    body = (
      <dl className="facts">
        <dt>
          This <Term k="round">round</Term>
        </dt>
        <dd data-testid="earned-round">
          {formatLpt(thisRound.lpt)} · {formatEth(thisRound.eth)}
        </dd>
        <dt>Last 24 h</dt>
        <dd data-testid="earned-today">
          {formatLpt(today.lpt)} · {formatEth(today.eth)}
        </dd>
      </dl>
    );
  }
  return (
    <Card title="Earnings">
      {body}
      <a href="#/earnings">Charts and history →</a>
    </Card>
  );
}
