// Assigns streams to devices within each device's session cap, keeps a stream on its device (hardware
// contexts are expensive to rebuild), and lowers a cap when the driver refuses an encode session: the
// GeForce NVENC concurrent-session limit shows up as "OpenEncodeSessionEx failed" once too many
// renditions are encoding at once, and the node must then take fewer streams instead of failing them.
import type { DeviceCapacity, DeviceChoice } from '../../src-shared/contract/index.ts';

export interface Lease {
  readonly streamId: string;
  readonly device: DeviceChoice;
}

export interface Scheduler {
  /** The device for this stream (the same one while the stream lives), or null when every device is full. */
  acquire(streamId: string, renditions: number): Lease | null;
  release(streamId: string): void;
  /** The driver refused an encode session on this device while the stream ran: lower its cap. Returns the new cap. */
  reportSessionLimit(deviceId: string, streamId: string): number;
  setCap(deviceId: string, maxSessions: number, reason: string): void;
  capacity(): DeviceCapacity[];
  onChange(listener: (capacity: DeviceCapacity[]) => void): () => void;
}

interface Slot {
  device: DeviceChoice;
  max: number;
  reason: string;
  streams: Map<string, number>;
}

export function createScheduler(
  devices: readonly DeviceChoice[],
  initialCap: (d: DeviceChoice) => { max: number; reason: string },
): Scheduler {
  const slots = new Map<string, Slot>();
  for (const d of devices) slots.set(d.id, { device: d, ...initialCap(d), streams: new Map() });
  const byStream = new Map<string, Slot>();
  const listeners = new Set<(c: DeviceCapacity[]) => void>();

  const capacity = (): DeviceCapacity[] =>
    [...slots.values()].map((s) => ({
      deviceId: s.device.id,
      encoder: s.device.encoder,
      maxSessions: s.max,
      activeSessions: s.streams.size,
      reason: s.reason,
    }));
  const changed = (): void => {
    const c = capacity();
    for (const l of listeners) l(c);
  };

  return {
    acquire(streamId, renditions) {
      const current = byStream.get(streamId);
      if (current) return { streamId, device: current.device };
      // Hardware before the CPU; among equals, the least loaded relative to its cap.
      const cpuRank = (s: Slot): number => (s.device.encoder === 'libx264' ? 1 : 0);
      let pick: Slot | null = null;
      for (const s of slots.values()) {
        if (s.streams.size >= s.max) continue;
        if (
          !pick ||
          cpuRank(s) < cpuRank(pick) ||
          (cpuRank(s) === cpuRank(pick) && s.streams.size / s.max < pick.streams.size / pick.max)
        )
          pick = s;
      }
      if (!pick) return null;
      pick.streams.set(streamId, renditions);
      byStream.set(streamId, pick);
      changed();
      return { streamId, device: pick.device };
    },
    release(streamId) {
      const s = byStream.get(streamId);
      if (!s) return;
      s.streams.delete(streamId);
      byStream.delete(streamId);
      changed();
    },
    reportSessionLimit(deviceId, streamId) {
      const s = slots.get(deviceId);
      if (!s) return 0;
      const active = s.streams.size;
      const encodes = [...s.streams.values()].reduce((a, b) => a + b, 0);
      const renditions = s.streams.get(streamId) ?? 0;
      // The streams that were already running fit; the one that failed did not.
      const next = Math.max(0, Math.min(s.max, active - 1));
      const before = s.max;
      s.max = next;
      s.reason =
        next === 0
          ? `The driver refused an encode session for a single stream of ${renditions} renditions: this GPU's driver allows fewer concurrent NVENC sessions than one ladder needs (GeForce limit; it counts every card in the system). Transcoding on this device is off until you change its session cap.`
          : `Lowered from ${before} to ${next}: the driver refused an encode session ("OpenEncodeSessionEx failed") with ${active} streams (${encodes} encode sessions) running. GeForce drivers cap concurrent NVENC sessions per system.`;
      s.streams.delete(streamId);
      byStream.delete(streamId);
      changed();
      return next;
    },
    setCap(deviceId, maxSessions, reason) {
      const s = slots.get(deviceId);
      if (!s) return;
      s.max = maxSessions;
      s.reason = reason;
      changed();
    },
    capacity,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
