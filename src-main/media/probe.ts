// FFmpeg discovery: which binaries exist (a path the user set, the app's bundled copy from
// ffmpeg-static found by src-main/resources/bundled-binaries.ts, `ffmpeg` on the PATH), in that order of preference,
// and, for each, which encoders and hardware decoders really work: we encode a few frames with each
// encoder and decode a clip with each hwaccel, because an encoder being listed says nothing about a
// driver or a GPU being there. Then one choice per device, with the reasons in words.
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import type {
  CandidateProbe,
  DeviceChoice,
  EncoderProbe,
  HwaccelProbe,
  ProbeReport,
} from '../../src-shared/contract/index.ts';
import { findBundledBinary } from '../resources/bundled-binaries.ts';
import { ENCODER_NAMES, ENCODERS, HWACCELS, type EncoderName } from './encoders.ts';
import { errorLines, firstReason } from './failure.ts';
import { runProcess } from './ffmpeg-run.ts';

export type CandidateSource = CandidateProbe['source'];

export interface Candidate {
  readonly source: CandidateSource;
  /** null when the source offers no path at all (e.g. no setting). */
  readonly path: string | null;
}

const SOURCE_LABEL: Record<CandidateSource, string> = {
  user: 'the FFmpeg path you set',
  bundled: 'the FFmpeg bundled with the app (ffmpeg-static)',
  path: 'ffmpeg on the PATH',
};

/** The app's own ffmpeg (ffmpeg-static's, unpacked from the asar or in a checkout's node_modules); never PATH here. */
export function bundledFfmpegPath(): string | null {
  return findBundledBinary('ffmpeg', { pathEnv: '' })?.path ?? null;
}

export function findOnPath(name: string, pathEnv = process.env['PATH'] ?? ''): string | null {
  const names = process.platform === 'win32' ? [`${name}.exe`, name] : [name];
  for (const dir of pathEnv.split(delimiter).filter(Boolean)) {
    for (const n of names) {
      const file = join(dir, n);
      try {
        accessSync(file, constants.X_OK);
        if (statSync(file).isFile()) return file;
      } catch {
        // not here
      }
    }
  }
  return null;
}

export function ffmpegCandidates(userPath: string | null): Candidate[] {
  return [
    { source: 'user', path: userPath },
    { source: 'bundled', path: bundledFfmpegPath() },
    { source: 'path', path: findOnPath('ffmpeg') },
  ];
}

function encoderTestArgs(name: EncoderName): string[] {
  const enc = ENCODERS[name];
  return [
    '-hide_banner',
    '-nostdin',
    '-loglevel',
    'error',
    ...enc.inputArgs(0),
    '-f',
    'lavfi',
    '-i',
    'testsrc2=size=256x144:rate=30',
    '-frames:v',
    '5',
    '-vf',
    `null${enc.filterSuffix}`,
    ...enc.outputArgs({
      bitrate: 400_000,
      profile: enc.codec === 'h264' ? 'h264constrainedhigh' : 'none',
      device: 0,
      cpuPreset: 'ultrafast',
    }),
    '-f',
    'null',
    '-',
  ];
}

/**
 * The transcoder's ladder (ladder-args.ts) passes -fps_mode, which FFmpeg has only since 5.1; an
 * older build (the 2018 static builds on npm, for one) rejects the whole command line. Returns why
 * this binary cannot run the ladder, or null when it accepts the option.
 */
async function lacksTranscoderOptions(path: string, timeoutMs: number): Promise<string | null> {
  const args = ['-hide_banner', '-nostdin', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=64x36:rate=30'];
  const run = await runProcess(path, [...args, '-frames:v', '1', '-fps_mode', 'passthrough', '-f', 'null', '-'], {
    timeoutMs,
  });
  if (run.code === 0 || !/Unrecognized option 'fps_mode'/.test(run.stderr)) return null;
  return 'Too old for the transcoder: it has no -fps_mode option (FFmpeg 5.1 or newer is needed)';
}

async function probeCandidate(c: Candidate, timeoutMs: number): Promise<CandidateProbe> {
  const base = { source: c.source, label: SOURCE_LABEL[c.source], path: c.path };
  if (!c.path)
    return {
      ...base,
      usable: false,
      version: null,
      problem:
        c.source === 'user' ? 'No path set' : c.source === 'bundled' ? 'Not bundled with this build' : 'Not found',
      encoders: [],
      hwaccels: [],
    };
  if (!existsSync(c.path)) {
    return { ...base, usable: false, version: null, problem: `No file at ${c.path}`, encoders: [], hwaccels: [] };
  }
  const v = await runProcess(c.path, ['-hide_banner', '-version'], { timeoutMs });
  if (v.code !== 0) {
    return {
      ...base,
      usable: false,
      version: null,
      problem: `It does not run: ${v.spawnError?.code ?? errorLines(v.stderr)}`,
      encoders: [],
      hwaccels: [],
    };
  }
  const version = /ffmpeg version (\S+)/.exec(v.stdout)?.[1] ?? 'unknown';
  const tooOld = await lacksTranscoderOptions(c.path, timeoutMs);
  if (tooOld) return { ...base, usable: false, version, problem: tooOld, encoders: [], hwaccels: [] };
  const listed = (await runProcess(c.path, ['-hide_banner', '-encoders'], { timeoutMs })).stdout;
  const hwList = (await runProcess(c.path, ['-hide_banner', '-hwaccels'], { timeoutMs })).stdout;

  const encoders: EncoderProbe[] = [];
  for (const name of ENCODER_NAMES) {
    const spec = ENCODERS[name];
    if (!new RegExp(`^\\s*V\\S*\\s+${name}\\s`, 'm').test(listed)) {
      encoders.push({
        name,
        codec: spec.codec,
        vendor: spec.vendor,
        compiledIn: false,
        works: false,
        reason: 'Not built into this FFmpeg',
      });
      continue;
    }
    const run = await runProcess(c.path, encoderTestArgs(name), { timeoutMs });
    const works = run.code === 0;
    encoders.push({
      name,
      codec: spec.codec,
      vendor: spec.vendor,
      compiledIn: true,
      works,
      reason: works ? 'Encoded 5 test frames' : firstReason(run.stderr) || `exit ${run.code ?? run.signal}`,
    });
  }

  const hwaccels: HwaccelProbe[] = [];
  const listedHw = new Set(hwList.split(/\r?\n/).map((l) => l.trim()));
  const x264 = encoders.find((e) => e.name === 'libx264')?.works === true;
  const dir = await mkdtemp(join(tmpdir(), 'lpm-probe-'));
  try {
    const sample = join(dir, 'sample.ts');
    const made = x264
      ? (
          await runProcess(
            c.path,
            [
              '-hide_banner',
              '-nostdin',
              '-loglevel',
              'error',
              '-f',
              'lavfi',
              '-i',
              'testsrc2=size=256x144:rate=30',
              '-frames:v',
              '10',
              '-c:v',
              'libx264',
              '-preset',
              'ultrafast',
              '-pix_fmt',
              'yuv420p',
              '-f',
              'mpegts',
              sample,
            ],
            { timeoutMs },
          )
        ).code === 0
      : false;
    for (const name of HWACCELS) {
      if (!listedHw.has(name)) {
        hwaccels.push({ name, compiledIn: false, works: false, reason: 'Not built into this FFmpeg' });
        continue;
      }
      if (!made) {
        hwaccels.push({
          name,
          compiledIn: true,
          works: false,
          reason: 'Not tested: no H.264 sample (libx264 does not work)',
        });
        continue;
      }
      // Forcing the output format makes a missing device fail instead of falling back to software.
      const run = await runProcess(
        c.path,
        [
          '-hide_banner',
          '-nostdin',
          '-loglevel',
          'error',
          '-hwaccel',
          name,
          '-hwaccel_output_format',
          name,
          '-i',
          sample,
          '-f',
          'null',
          '-',
        ],
        { timeoutMs },
      );
      const works = run.code === 0;
      hwaccels.push({
        name,
        compiledIn: true,
        works,
        reason: works ? 'Decoded the H.264 sample' : firstReason(run.stderr) || `exit ${run.code ?? run.signal}`,
      });
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const anyH264 = encoders.some((e) => e.works && e.codec === 'h264');
  return { ...base, usable: anyH264, version, problem: anyH264 ? null : 'No H.264 encoder works', encoders, hwaccels };
}

function best(c: CandidateProbe): EncoderProbe | null {
  const working = c.encoders.filter((e) => e.works && e.codec === 'h264');
  working.sort((a, b) => ENCODERS[b.name].rank - ENCODERS[a.name].rank);
  return working[0] ?? null;
}

/** One choice per device: each NVIDIA GPU gets NVENC on its index when NVENC works, the CPU gets libx264. */
function devicesFor(c: CandidateProbe, nvidiaGpus: readonly { index: number; name: string }[]): DeviceChoice[] {
  const works = (n: EncoderName): boolean => c.encoders.some((e) => e.name === n && e.works);
  const devices: DeviceChoice[] = [];
  if (works('h264_nvenc')) {
    const gpus = nvidiaGpus.length > 0 ? nvidiaGpus : [{ index: 0, name: 'NVIDIA GPU 0' }];
    for (const g of gpus)
      devices.push({ id: `nvidia:${g.index}`, label: g.name, encoder: 'h264_nvenc', index: g.index });
  }
  for (const n of ['h264_qsv', 'h264_vaapi', 'h264_amf', 'h264_videotoolbox'] as const) {
    if (works(n))
      devices.push({
        id: `${ENCODERS[n].vendor}:0`,
        label: `${ENCODERS[n].vendor} hardware encoder`,
        encoder: n,
        index: 0,
      });
  }
  if (works('libx264')) devices.push({ id: 'cpu', label: 'CPU', encoder: 'libx264', index: 0 });
  return devices;
}

export interface ProbeOptions {
  readonly userPath: string | null;
  readonly candidates?: readonly Candidate[];
  /** GPUs telemetry sees, to name the NVENC devices. */
  readonly nvidiaGpus?: readonly { index: number; name: string }[];
  readonly timeoutMs?: number;
  readonly now?: () => number;
  /** The OS the explanation speaks of (default: this one). */
  readonly platform?: NodeJS.Platform;
}

export interface FfmpegChoice {
  readonly chosen: CandidateProbe | null;
  readonly encoder: EncoderProbe | null;
  /** Which FFmpeg and encoder, and why each other candidate is not used, in words. */
  readonly explanation: string;
}

/**
 * The candidate with the best working H.264 encoder; on a tie the earlier one (user, bundled, PATH).
 * So on Linux, where ffmpeg-static's build has no NVENC, a system FFmpeg whose NVENC works wins,
 * and the explanation says so.
 */
export function chooseFfmpeg(
  probes: readonly CandidateProbe[],
  options: Pick<ProbeOptions, 'platform' | 'nvidiaGpus'> = {},
): FfmpegChoice {
  let chosen: CandidateProbe | null = null;
  for (const p of probes) {
    const b = best(p);
    if (!b) continue;
    const current = chosen ? best(chosen) : null;
    if (!current || ENCODERS[b.name].rank > ENCODERS[current.name].rank) chosen = p;
  }
  const choice = chosen ? best(chosen) : null;
  if (!chosen || !choice) {
    return {
      chosen: null,
      encoder: null,
      explanation: 'No usable FFmpeg: install one (for example your system package) or set its path.',
    };
  }
  const lines: string[] = [];
  const where = `${chosen.label} (${chosen.path}, version ${chosen.version})`;
  lines.push(
    ENCODERS[choice.name].vendor === 'cpu'
      ? `Using ${where} with ${choice.name} on the CPU.`
      : `Using ${where} with ${choice.name} (hardware).`,
  );
  const failedHw = chosen.encoders.filter((e) => e.compiledIn && !e.works && e.vendor !== 'cpu');
  if (ENCODERS[choice.name].vendor === 'cpu' && failedHw.length > 0) {
    lines.push(
      `No hardware encoder works here: ${failedHw.map((e) => `${e.name}: ${e.reason.replace(/\.$/, '')}`).join('; ')}.`,
    );
  }
  const linux = (options.platform ?? process.platform) === 'linux';
  const bundled = probes.find((p) => p.source === 'bundled');
  const bundledNvenc = bundled?.encoders.some((e) => e.name === 'h264_nvenc' && e.compiledIn) ?? false;
  if (linux && chosen !== bundled && bundled?.usable && choice.name === 'h264_nvenc' && !bundledNvenc) {
    lines.push(
      `On Linux the bundled FFmpeg (ffmpeg-static's build) has no NVENC, so ${chosen.label}, whose NVENC works, is preferred.`,
    );
  } else if (linux && chosen === bundled && !bundledNvenc && (options.nvidiaGpus?.length ?? 0) > 0) {
    lines.push(
      "The bundled Linux FFmpeg (ffmpeg-static's build) has no NVENC: to encode on your NVIDIA GPU, install an FFmpeg with NVENC (for example your distribution's package) and test again.",
    );
  }
  for (const p of probes) {
    if (p === chosen || (p.source === 'user' && p.path === null)) continue;
    if (!p.usable) lines.push(`Not using ${p.label}: ${(p.problem ?? '').replace(/\.$/, '')}.`);
    else lines.push(`Not using ${p.label} (${p.path}): its best encoder is ${best(p)?.name ?? 'none'}.`);
  }
  return { chosen, encoder: choice, explanation: lines.join(' ') };
}

export async function probeFfmpeg(options: ProbeOptions): Promise<ProbeReport> {
  const started = performance.now();
  const candidates = options.candidates ?? ffmpegCandidates(options.userPath);
  const probes: CandidateProbe[] = [];
  for (const c of candidates) probes.push(await probeCandidate(c, options.timeoutMs ?? 15_000));
  const { chosen, encoder, explanation } = chooseFfmpeg(probes, options);
  return {
    probedAt: (options.now ?? Date.now)(),
    durationMs: Math.round(performance.now() - started),
    candidates: probes,
    chosen:
      chosen && encoder
        ? {
            source: chosen.source,
            path: chosen.path ?? '',
            version: chosen.version ?? 'unknown',
            encoder: encoder.name,
          }
        : null,
    devices: chosen ? devicesFor(chosen, options.nvidiaGpus ?? []) : [],
    explanation,
  };
}
