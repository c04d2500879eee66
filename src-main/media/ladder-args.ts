// The FFmpeg command line for one segment: decode once, split, scale (and fps) per profile, encode
// each rendition on the chosen encoder, all in one process (LPMS's decode-once/encode-many design).
// The benchmark runs exactly these arguments bare, so engine and bare FFmpeg are compared like for like.
import { scaleExpressions, type VideoProfile } from '../../src-shared/domain/profiles.ts';
import { ENCODERS, type EncoderName } from './encoders.ts';

export interface LadderArgsOptions {
  readonly input: string;
  /** One output file per profile, same order. */
  readonly outputs: readonly string[];
  readonly profiles: readonly VideoProfile[];
  readonly encoder: EncoderName;
  /** GPU index for hardware encoders. */
  readonly device?: number;
  /** libx264 preset; LPMS uses "medium", which a CPU cannot sustain for a ladder in real time. */
  readonly cpuPreset?: string;
}

export const DEFAULT_CPU_PRESET = 'veryfast';

function gopArgs(p: VideoProfile): string[] {
  if (p.gopMs === 0) return [];
  if (p.gopMs < 0) return ['-g', '1'];
  if (p.fps > 0) return ['-g', String(Math.max(1, Math.trunc((p.gopMs / 1000) * p.fps)))];
  // Pass-through frame rate: force keyframes by time, as LPMS does with its gop_time.
  return ['-force_key_frames', `expr:gte(t,n_forced*${p.gopMs / 1000})`];
}

export function buildLadderArgs(o: LadderArgsOptions): string[] {
  if (o.outputs.length !== o.profiles.length) throw new Error('One output path per profile');
  const enc = ENCODERS[o.encoder];
  const device = o.device ?? 0;
  const n = o.profiles.length;
  const chains = o.profiles.map((p, i) => {
    const { w, h } = scaleExpressions(p);
    // fps after scale, as LPMS does: duplicated frames are then not scaled twice.
    const fps = p.fps > 0 ? `,fps=${p.fps}/${p.fpsDen || 1}` : '';
    return `[s${i}]scale=w='${w}':h='${h}'${fps}${enc.filterSuffix}[v${i}]`;
  });
  const graph = `[0:v:0]split=${n}${o.profiles.map((_, i) => `[s${i}]`).join('')};${chains.join(';')}`;
  // -copyts keeps source timestamps so consecutive renditions play as one stream, like LPMS; each
  // output's -muxdelay 0 -muxpreload 0 stops the MPEG-TS muxer adding its default 1.4 s on top.
  const args = [
    '-hide_banner',
    '-nostdin',
    '-nostats',
    '-loglevel',
    'verbose',
    '-y',
    '-copyts',
    ...enc.inputArgs(device),
  ];
  args.push('-i', o.input, '-filter_complex', graph);
  o.profiles.forEach((p, i) => {
    args.push(
      '-map',
      `[v${i}]`,
      '-map',
      '0:a:0?',
      '-c:a',
      'copy',
      '-fps_mode',
      'passthrough',
      ...enc.outputArgs({
        bitrate: p.bitrate,
        profile: p.profile,
        device,
        cpuPreset: o.cpuPreset ?? DEFAULT_CPU_PRESET,
      }),
      ...gopArgs(p),
      '-muxdelay',
      '0',
      '-muxpreload',
      '0',
      '-f',
      'mpegts',
      o.outputs[i] ?? '',
    );
  });
  return args;
}

/** The same command quoted for a POSIX shell, for docs and logs. */
export function shellQuote(args: readonly string[]): string {
  return args.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}
