import { useEffect } from 'react';
import { Page } from '../../ui/Page.tsx';
import { useGpuStore } from '../../state/gpu-store.ts';
import { Telemetry } from './Telemetry.tsx';
import { Encoders } from './Encoders.tsx';
import { Benchmark } from './Benchmark.tsx';

export function GpusPage() {
  const ensureLoaded = useGpuStore((s) => s.ensureLoaded);
  const error = useGpuStore((s) => s.error);
  useEffect(() => ensureLoaded(), [ensureLoaded]);
  return (
    <Page title="GPUs" lead="Your graphics cards: what they can take and how hard they are working.">
      {error && <div className="banner banner-warn">{error}</div>}
      <Telemetry />
      <Encoders />
      <Benchmark />
    </Page>
  );
}
