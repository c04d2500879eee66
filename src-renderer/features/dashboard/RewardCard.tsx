// The reward call record: this round and the last thirty.
import type { ChainAccountState, ChainStatus } from '../../../src-shared/contract/index.ts';
import { api } from '../../api/index.ts';
import { rewardRecord, rewardRecordText } from '../../state/chain-derived.ts';
import { Card } from '../../ui/Page.tsx';
import { useChainStore } from '../../state/chain-store.ts';
import styles from './dashboard.module.css';

export function RewardCard({ chain, account }: { chain: ChainStatus | null; account: ChainAccountState | null }) {
  const reward = useChainStore((s) => s.reward);
  const earnings = useChainStore((s) => s.earnings);
  const round = Number(chain?.protocol?.round ?? 0);
  const activation = account?.transcoder.registered ? Number(account.transcoder.activationRound) : null;
  const record = rewardRecord({ reward, earnings, activationRound: activation, currentRound: round });
  const registered = account?.transcoder.registered ?? false;
  const serviceOn = reward !== null && reward.state !== 'stopped' && reward.orchestrator !== null;
  return (
    <Card title="Rewards">
      {!chain?.protocol ? (
        <p className="muted">Waiting for the chain…</p>
      ) : !registered ? (
        <p className="muted">Rewards are called once you are an active orchestrator.</p>
      ) : (
        <>
          <p className={styles.bigNumber} data-testid="reward-record">
            {rewardRecordText(record)}
          </p>
          <p data-testid="reward-this-round">
            Round {round}: {record.thisRound ? '✓ reward called' : 'not called yet'}
          </p>
          <p className="hint">Reward service: {reward ? `${reward.state} — ${reward.message}` : 'unknown'}</p>
          {reward?.missed && (
            <p className="warning" data-testid="reward-missed">
              Reward missed in round {reward.missed.round}: {reward.missed.reason}.
            </p>
          )}
          {account && (
            <button
              type="button"
              className="button"
              onClick={() =>
                void api.chain
                  .setRewardService({ orchestrator: account.address, enabled: !serviceOn })
                  .then((r) => useChainStore.setState({ reward: r }))
              }
            >
              {serviceOn ? 'Stop calling rewards automatically' : 'Call rewards automatically every round'}
            </button>
          )}
        </>
      )}
    </Card>
  );
}
