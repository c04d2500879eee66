import { Page, Planned } from '../components/Page.tsx';

export function GpusPage() {
  return (
    <Page title="GPUs" lead="Your graphics cards: what they can take and how hard they are working.">
      <Planned
        items={[
          'Each GPU with its encoder, utilization, temperature, power and memory, live',
          'A benchmark that measures how many streams each card can transcode in real time',
          'The recommended and the configured session count per card',
        ]}
      />
    </Page>
  );
}
