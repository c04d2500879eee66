import { z } from 'zod';
import { method } from '../define.ts';

/** One GPU at one instant. Every reading is nullable: nvidia-smi says N/A or [Not Supported] often. */
export const GpuReading = z.object({
  index: z.number().int().nonnegative(),
  name: z.string(),
  uuid: z.string().nullable(),
  driverVersion: z.string().nullable(),
  utilizationPct: z.number().nullable(),
  encoderPct: z.number().nullable(),
  decoderPct: z.number().nullable(),
  memoryUsedMiB: z.number().nullable(),
  memoryTotalMiB: z.number().nullable(),
  temperatureC: z.number().nullable(),
  powerW: z.number().nullable(),
  powerLimitW: z.number().nullable(),
  fanPct: z.number().nullable(),
  encoderSessions: z.number().nullable(),
});
export type GpuReading = z.infer<typeof GpuReading>;

export const GpuSourceState = z.object({
  /** ok: readings; not-found: no nvidia-smi (normal without an NVIDIA driver); error: it ran and failed. */
  state: z.enum(['ok', 'not-found', 'error']),
  message: z.string(),
});
export type GpuSourceState = z.infer<typeof GpuSourceState>;

export const SystemReading = z.object({
  cpuLoadPct: z.number().nullable(),
  memoryUsedBytes: z.number().nullable(),
  memoryTotalBytes: z.number().nullable(),
});
export type SystemReading = z.infer<typeof SystemReading>;

export const TelemetrySample = z.object({
  time: z.number().int(),
  source: GpuSourceState,
  gpus: z.array(GpuReading),
  system: SystemReading,
});
export type TelemetrySample = z.infer<typeof TelemetrySample>;

export const gpu = {
  latest: method({
    summary: 'The last telemetry sample (GPUs, CPU, memory).',
    input: z.object({}).strict(),
    output: TelemetrySample.nullable(),
  }),
  history: method({
    summary: 'Stored samples for charts, oldest first, at most one per `stepSeconds`.',
    input: z
      .object({
        minutes: z
          .number()
          .int()
          .min(1)
          .max(24 * 60)
          .default(10),
        stepSeconds: z.number().int().min(1).max(3600).default(5),
      })
      .strict(),
    output: z.array(TelemetrySample),
  }),
};
