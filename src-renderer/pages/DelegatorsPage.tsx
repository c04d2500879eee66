import { Page, Planned } from '../components/Page.tsx';

export function DelegatorsPage() {
  return (
    <Page title="Delegators" lead="The people who bonded their LPT to you, and what they earn.">
      <Planned
        items={[
          'Every delegator with their stake, pending rewards and fees',
          'New and lost delegators, and stake changes by round',
          'How a change of your reward or fee cut looks from their side',
        ]}
      />
    </Page>
  );
}
