import { Page, Planned } from '../components/Page.tsx';

export function StakingPage() {
  return (
    <Page title="Staking" lead="Your LPT stake, your orchestrator's terms and the active set.">
      <Planned
        items={[
          'Your own stake, bond more, unbond, rebond and withdraw, each previewed before it is signed',
          'Unbonding locks with the time left and what is withdrawable now',
          'Reward cut, fee cut, price per pixel and service URI, with what delegators will see',
          'Your position in the active set and the stake needed to enter it',
        ]}
      />
    </Page>
  );
}
