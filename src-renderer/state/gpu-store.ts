// GPUs page state: live telemetry (gpu.telemetry events, with a short history for sparklines), the
// FFmpeg probe, device session caps and the benchmark (media.benchmark / media.capacity events).
import { create } from 'zustand';
import type {
  BenchmarkState,
  DeviceCapacity,
  MediaConfig,
  ProbeReport,
  TelemetrySample,
} from '../../src-shared/contract/index.ts';
import { api, onEvent, type Transport } from '../api/index.ts';

/** Samples kept for the sparklines (one per second: two minutes). */
const HISTORY = 120;

interface GpuState {
  latest: TelemetrySample | null;
  history: TelemetrySample[];
  probe: ProbeReport | null;
  probing: boolean;
  capacity: DeviceCapacity[];
  config: MediaConfig | null;
  bench: BenchmarkState | null;
  error: string | null;
  loaded: boolean;
  /** Loads the probe, caps and benchmark once (the probe runs FFmpeg, so only when the page is opened). */
  ensureLoaded(): void;
  reprobe(): Promise<void>;
  startBenchmark(sessions: number, segments: number, deviceId?: string): Promise<void>;
  cancelBenchmark(): Promise<void>;
  /** Saves the FFmpeg path (then tests it) or a session cap; returns false on a refused value. */
  saveConfig(patch: Partial<MediaConfig>): Promise<boolean>;
}

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));

export const useGpuStore = create<GpuState>((set, get) => ({
  latest: null,
  history: [],
  probe: null,
  probing: false,
  capacity: [],
  config: null,
  bench: null,
  error: null,
  loaded: false,
  ensureLoaded() {
    if (get().loaded) return;
    set({ loaded: true, probing: true });
    void Promise.all([
      api.media.probe({}),
      api.media.capacity(),
      api.media.benchmarkStatus(),
      api.media.getConfig(),
    ]).then(
      ([probe, capacity, bench, config]) => set({ probe, capacity, bench, config, probing: false, error: null }),
      (err: unknown) => set({ probing: false, error: message(err), loaded: false }),
    );
  },
  async reprobe() {
    set({ probing: true, error: null });
    try {
      const probe = await api.media.probe({ refresh: true });
      set({ probe, capacity: await api.media.capacity() });
    } catch (err) {
      set({ error: message(err) });
    } finally {
      set({ probing: false });
    }
  },
  async startBenchmark(sessions, segments, deviceId) {
    set({ error: null });
    try {
      set({
        bench: await api.media.startBenchmark(deviceId ? { sessions, segments, deviceId } : { sessions, segments }),
      });
    } catch (err) {
      set({ error: message(err) });
    }
  },
  async saveConfig(patch) {
    set({ error: null });
    try {
      const before = get().config;
      const config = await api.media.setConfig(patch);
      set({ config });
      if (before?.ffmpegPath !== config.ffmpegPath) await get().reprobe();
      else set({ capacity: await api.media.capacity() });
      return true;
    } catch (err) {
      set({ error: message(err) });
      return false;
    }
  },
  async cancelBenchmark() {
    try {
      set({ bench: await api.media.cancelBenchmark() });
    } catch (err) {
      set({ error: message(err) });
    }
  },
}));

function addSample(sample: TelemetrySample): void {
  const history = [...useGpuStore.getState().history, sample].slice(-HISTORY);
  useGpuStore.setState({ latest: sample, history });
}

export function connectGpuStore(transport: Transport): () => void {
  const offs = [
    onEvent(transport, 'gpu.telemetry', addSample),
    onEvent(transport, 'media.benchmark', (bench) => useGpuStore.setState({ bench })),
    onEvent(transport, 'media.capacity', (capacity) => useGpuStore.setState({ capacity })),
    transport.onConnection((connected) => {
      if (!connected) return;
      void api.gpu.history({ minutes: 2, stepSeconds: 1 }).then(
        (history) =>
          useGpuStore.setState({
            history: history.slice(-HISTORY),
            latest: history.at(-1) ?? useGpuStore.getState().latest,
          }),
        () => undefined,
      );
    }),
  ];
  return () => offs.forEach((off) => off());
}
