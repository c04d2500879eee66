// GPU readings from nvidia-smi's CSV query interface, through an injectable executable path (tests and
// demos point it at fixtures/fake-nvidia-smi). No nvidia-smi, N/A fields and old drivers that do not know
// a field are normal states, reported as such, never thrown.
import type { GpuReading, GpuSourceState } from '../../src-shared/contract/index.ts';
import { runProcess } from '../media/ffmpeg-run.ts';

/** Query fields in column order; `key` is the GpuReading field each fills. */
export const NVSMI_FIELDS = [
  ['index', 'index'],
  ['name', 'name'],
  ['uuid', 'uuid'],
  ['driver_version', 'driverVersion'],
  ['utilization.gpu', 'utilizationPct'],
  ['utilization.encoder', 'encoderPct'],
  ['utilization.decoder', 'decoderPct'],
  ['memory.used', 'memoryUsedMiB'],
  ['memory.total', 'memoryTotalMiB'],
  ['temperature.gpu', 'temperatureC'],
  ['power.draw', 'powerW'],
  ['power.limit', 'powerLimitW'],
  ['fan.speed', 'fanPct'],
  ['encoder.stats.sessionCount', 'encoderSessions'],
] as const satisfies readonly (readonly [string, keyof GpuReading])[];

type Field = (typeof NVSMI_FIELDS)[number];

export interface GpuRead {
  readonly source: GpuSourceState;
  readonly gpus: GpuReading[];
}

export interface GpuProvider {
  read(): Promise<GpuRead>;
}

const UNAVAILABLE =
  /^\[?(N\/A|Not Supported|Unknown Error|Insufficient Permissions|Requested functionality has been deprecated)\]?$/i;

function numberOrNull(text: string): number | null {
  if (UNAVAILABLE.test(text)) return null;
  const n = Number(text);
  return text.length > 0 && Number.isFinite(n) ? n : null;
}

function textOrNull(text: string): string | null {
  return text.length === 0 || UNAVAILABLE.test(text) ? null : text;
}

/** A reading with nothing known yet but its index: the fields nvidia-smi reports fill it in. */
export function blankReading(index: number): GpuReading {
  return {
    index,
    name: '',
    uuid: null,
    driverVersion: null,
    utilizationPct: null,
    encoderPct: null,
    decoderPct: null,
    memoryUsedMiB: null,
    memoryTotalMiB: null,
    temperatureC: null,
    powerW: null,
    powerLimitW: null,
    fanPct: null,
    encoderSessions: null,
  };
}

/** Parses `--format=csv,noheader,nounits` output for the given field list. Lines that do not fit are skipped. */
export function parseNvidiaSmiCsv(stdout: string, fields: readonly Field[] = NVSMI_FIELDS): GpuReading[] {
  const gpus: GpuReading[] = [];
  for (const line of stdout.split(/\r?\n/)) {
    if (line.trim().length === 0) continue;
    const cells = line.split(',').map((c) => c.trim());
    if (cells.length !== fields.length) continue;
    const reading: Record<string, unknown> = blankReading(0);
    fields.forEach(([, key], i) => {
      const cell = cells[i] ?? '';
      if (key === 'name') reading[key] = textOrNull(cell) ?? 'NVIDIA GPU';
      else if (key === 'uuid' || key === 'driverVersion') reading[key] = textOrNull(cell);
      else reading[key] = numberOrNull(cell);
    });
    const index = reading['index'];
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 0) continue;
    gpus.push(reading as unknown as GpuReading);
  }
  return gpus;
}

export interface NvidiaSmiOptions {
  /** Path or name of nvidia-smi (default: LIVEPEER_MINER_NVIDIA_SMI or `nvidia-smi` on the PATH). */
  readonly executable?: string;
  readonly timeoutMs?: number;
}

export function createNvidiaSmiProvider(options: NvidiaSmiOptions = {}): GpuProvider {
  const executable = options.executable ?? process.env['LIVEPEER_MINER_NVIDIA_SMI'] ?? 'nvidia-smi';
  // Older drivers reject fields they do not know; we drop those once and remember.
  let fields: Field[] = [...NVSMI_FIELDS];
  return {
    async read() {
      for (let attempt = 0; attempt < 4; attempt++) {
        const run = await runProcess(
          executable,
          [`--query-gpu=${fields.map(([f]) => f).join(',')}`, '--format=csv,noheader,nounits'],
          {
            timeoutMs: options.timeoutMs ?? 5000,
          },
        );
        if (run.spawnError?.code === 'ENOENT' || run.code === 127) {
          return {
            source: { state: 'not-found', message: 'nvidia-smi not found: no NVIDIA GPU or driver on this machine' },
            gpus: [],
          };
        }
        if (run.spawnError)
          return {
            source: {
              state: 'error',
              message: `nvidia-smi could not run (${run.spawnError.code ?? run.spawnError.message})`,
            },
            gpus: [],
          };
        const text = `${run.stdout}\n${run.stderr}`;
        const invalid = /Field "([^"]+)" is not a valid field to query/.exec(text);
        if (invalid && fields.some(([f]) => f === invalid[1]) && invalid[1] !== 'index') {
          fields = fields.filter(([f]) => f !== invalid[1]);
          continue;
        }
        if (run.code !== 0) {
          const message =
            text
              .split(/\r?\n/)
              .map((l) => l.trim())
              .find((l) => l.length > 0) ?? `exit ${run.code ?? run.signal}`;
          return { source: { state: 'error', message: `nvidia-smi failed: ${message.slice(0, 300)}` }, gpus: [] };
        }
        const gpus = parseNvidiaSmiCsv(run.stdout, fields);
        return {
          source: {
            state: 'ok',
            message:
              gpus.length === 0
                ? 'nvidia-smi reports no GPU'
                : `${gpus.length} NVIDIA GPU${gpus.length === 1 ? '' : 's'}`,
          },
          gpus,
        };
      }
      return { source: { state: 'error', message: 'nvidia-smi rejected every query field set' }, gpus: [] };
    },
  };
}
