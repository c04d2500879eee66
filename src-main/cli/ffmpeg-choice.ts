// The FFmpeg a media command uses: --ffmpeg, else LIVEPEER_MINER_FFMPEG, else what the probe finds.
import { AppError, type ProbeReport } from '../../src-shared/contract/index.ts';
import { probeFfmpeg } from '../media/probe.ts';

export type ChosenFfmpeg = ProbeReport & { chosen: NonNullable<ProbeReport['chosen']> };

export async function chooseFfmpeg(ffmpeg: string | undefined, quiet: boolean): Promise<ChosenFfmpeg> {
  const report = await probeFfmpeg({ userPath: ffmpeg ?? process.env['LIVEPEER_MINER_FFMPEG'] ?? null });
  if (!quiet) process.stderr.write(`${report.explanation}\n`);
  if (!report.chosen) throw new Error(report.explanation);
  return report as ChosenFfmpeg;
}

export function errorText(err: unknown): string {
  return err instanceof AppError ? `${err.code}: ${err.message}` : err instanceof Error ? err.message : String(err);
}
