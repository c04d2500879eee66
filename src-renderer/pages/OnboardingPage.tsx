import { Page, Planned } from '../components/Page.tsx';

export function OnboardingPage() {
  return (
    <Page title="Set up" lead="A step-by-step guide from a fresh install to a node that earns.">
      <Planned
        items={[
          'Choose a role: orchestrator (stake and serve) or transcoder (lend your GPU to a pool)',
          'Scan and benchmark your hardware',
          'Create or import a wallet, and confirm its backup',
          'Pick the network: the offline devnet, or Arbitrum One with your RPC URL',
          'Fund the wallet, stake and activate, or connect to your pool',
        ]}
      />
    </Page>
  );
}
