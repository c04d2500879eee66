// Turns a failed FFmpeg run into one typed error the node can act on: reject the segment (corrupt or
// unsupported input), lower a session cap (encoder session limit), retry elsewhere (crash) or give up
// (timeout, cancel). The classes come from FFmpeg's own messages, checked in the tests with real runs.
import { AppError, ErrorCode } from '../../src-shared/contract/index.ts';
import type { RunResult } from './ffmpeg-run.ts';

const SESSION_LIMIT = /OpenEncodeSessionEx failed|incompatible client key|Too many concurrent sessions/i;
const CORRUPT = [
  /Invalid data found when processing input/i,
  /could not find codec parameters/i,
  /no frame!/i,
  /non-existing PPS/i,
];
const NO_VIDEO = [
  /Stream specifier ':v:0' in filtergraph description .* matches no streams/i,
  /matches no streams/i,
  /does not contain any stream/i,
];
const UNSUPPORTED = [
  /Decoder \(codec [^)]*\) not found/i,
  /Unsupported codec/i,
  /is not supported by the bitstream filter/i,
  /Function not implemented/i,
];
/** The encoder or its device is not there (no driver, no GPU, not built in): not the segment's fault. */
const ENCODER_UNAVAILABLE = [
  /Cannot load lib(cuda|nvidia-encode)/i,
  /No capable devices found/i,
  /No VA display found/i,
  /Error initializing an internal MFX session/i,
  /Unknown encoder/i,
  /Device creation failed/i,
  /Driver does not support the required nvenc API version/i,
];

/** The last lines that say what went wrong (FFmpeg prints its reason last). */
export function errorLines(stderr: string, count = 3): string {
  const lines = stderr
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0 && !l.startsWith('frame=') && !l.startsWith('[…]'));
  const errors = lines.filter((l) =>
    /error|fail|invalid|cannot|unable|not found|unsupported|no such|denied|could not/i.test(l),
  );
  return (errors.length > 0 ? errors : lines).slice(-count).join(' | ').slice(0, 600);
}

/** FFmpeg's first complaint, without the `[h264_nvenc @ 0x…]` prefix: the cause, before the consequences. */
export function firstReason(stderr: string): string {
  const line = stderr
    .split(/\r?\n/)
    .map((l) => l.replace(/^\[[^\]]+ @ 0x[0-9a-f]+\]\s*/i, '').trim())
    .find((l) => l.length > 0);
  return (line ?? '').slice(0, 300);
}

/** The first stderr line one of the patterns matches, without FFmpeg's context prefix. */
function matchingLine(stderr: string, patterns: readonly RegExp[]): string {
  const lines = stderr.split(/\r?\n/);
  const line = lines.find((l) => patterns.some((re) => re.test(l))) ?? '';
  return firstReason(line);
}

export function isSessionLimitMessage(text: string): boolean {
  return SESSION_LIMIT.test(text);
}

export function classifyFailure(run: RunResult, what: string, timeoutMs: number | undefined): AppError {
  if (run.spawnError) {
    return new AppError(
      ErrorCode.Unavailable,
      `FFmpeg could not be started (${run.spawnError.code ?? run.spawnError.message})`,
      {
        kind: 'spawn',
      },
    );
  }
  if (run.stoppedBy === 'timeout') {
    return new AppError(ErrorCode.Timeout, `${what} took longer than ${timeoutMs ?? '?'} ms; FFmpeg was stopped`, {
      kind: 'timeout',
    });
  }
  if (run.stoppedBy === 'abort')
    return new AppError(ErrorCode.Cancelled, `${what} was cancelled`, { kind: 'cancelled' });
  const reason = errorLines(run.stderr);
  if (run.signal) {
    return new AppError(ErrorCode.TranscoderCrashed, `FFmpeg was killed by ${run.signal} during ${what}`, {
      kind: 'crashed',
      signal: run.signal,
    });
  }
  if (SESSION_LIMIT.test(run.stderr)) {
    return new AppError(ErrorCode.EncoderSessionLimit, `The GPU driver refused another encode session: ${reason}`, {
      kind: 'session-limit',
    });
  }
  if (ENCODER_UNAVAILABLE.some((re) => re.test(run.stderr))) {
    return new AppError(
      ErrorCode.Unavailable,
      `The encoder cannot run on this machine: ${matchingLine(run.stderr, ENCODER_UNAVAILABLE)}`,
      {
        kind: 'encoder-unavailable',
      },
    );
  }
  if (NO_VIDEO.some((re) => re.test(run.stderr))) {
    return new AppError(ErrorCode.UnsupportedInput, 'The segment has no video stream', { kind: 'unsupported' });
  }
  if (UNSUPPORTED.some((re) => re.test(run.stderr))) {
    return new AppError(ErrorCode.UnsupportedInput, `FFmpeg cannot handle this input: ${reason}`, {
      kind: 'unsupported',
    });
  }
  if (CORRUPT.some((re) => re.test(run.stderr))) {
    return new AppError(ErrorCode.CorruptInput, `The segment is not decodable video: ${reason}`, {
      kind: 'corrupt-input',
    });
  }
  return new AppError(
    ErrorCode.TranscoderCrashed,
    `FFmpeg failed (exit ${run.code ?? '?'}) during ${what}: ${reason}`,
    {
      kind: 'crashed',
      exitCode: run.code,
    },
  );
}
