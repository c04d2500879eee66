// Typed errors that cross the contract. Services throw AppError with one of these codes; the
// router turns anything else into INTERNAL without leaking its message (it may hold secrets).

export const ErrorCode = {
  /** The input failed its schema. `details.issues` lists what is wrong. */
  BadInput: 'BAD_INPUT',
  /** No such service or method in the contract. */
  UnknownMethod: 'UNKNOWN_METHOD',
  /** The caller did not present a valid token (WebSocket) or is not our window (IPC). */
  Unauthorized: 'UNAUTHORIZED',
  /** The caller is known but may not do this (for example a desktop-only method over WebSocket). */
  Forbidden: 'FORBIDDEN',
  NotFound: 'NOT_FOUND',
  /** The request contradicts the current state (for example starting a node that is running). */
  Conflict: 'CONFLICT',
  /** A dependency (RPC, ffmpeg, store) is not reachable right now; retrying later may work. */
  Unavailable: 'UNAVAILABLE',
  Timeout: 'TIMEOUT',
  /** Not enough ETH or LPT in the account for this action (amount plus gas). */
  InsufficientBalance: 'INSUFFICIENT_BALANCE',
  /** The token allowance for the spender is below the amount: approve first. */
  InsufficientAllowance: 'INSUFFICIENT_ALLOWANCE',
  /** The current round is locked (its last part) or not initialized for this action. `details.fix` (a
   *  `ChainFix`) names the transaction anyone may send to clear it, when there is one. */
  RoundLocked: 'ROUND_LOCKED',
  /** The contract refused the call; `details.reason` holds the decoded revert reason. */
  Reverted: 'REVERTED',
  /** Media: the segment is not decodable video (bad framing, truncated, no video frames). */
  CorruptInput: 'CORRUPT_INPUT',
  /** Media: the segment is valid but uses something this FFmpeg/encoder cannot handle. */
  UnsupportedInput: 'UNSUPPORTED_INPUT',
  /** Media: FFmpeg died or failed for a reason outside the input (killed, out of memory, a bug). */
  TranscoderCrashed: 'TRANSCODER_CRASHED',
  /** Media: the GPU driver refused another encode session (GeForce NVENC concurrent-session limit). */
  EncoderSessionLimit: 'ENCODER_SESSION_LIMIT',
  /** The caller cancelled the operation. */
  Cancelled: 'CANCELLED',
  /** A bug or an unexpected failure; the details are in the main-process log only. */
  Internal: 'INTERNAL',
  /** The keystore password is wrong. `details.failures` counts the attempts, `details.retryAfterMs` the wait. */
  WrongPassword: 'WRONG_PASSWORD',
  /** Too many wrong passwords in a row: wait `details.retryAfterMs` before the next attempt. */
  TooManyAttempts: 'TOO_MANY_ATTEMPTS',
  /** The wallet must be unlocked for this (signing). */
  Locked: 'LOCKED',
  /** The file is not a readable V3 keystore, or its content does not match its address. */
  CorruptKeystore: 'CORRUPT_KEYSTORE',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** The chain action that clears a blocked action (`details.fix` of its error): the UI offers it in place. */
export const ChainFix = { InitializeRound: 'initializeRound', Reward: 'reward' } as const;
export type ChainFix = (typeof ChainFix)[keyof typeof ChainFix];

export interface ErrorPayload {
  readonly code: ErrorCode;
  readonly message: string;
  readonly details?: Record<string, unknown>;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  toPayload(): ErrorPayload {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }

  static fromPayload(payload: ErrorPayload): AppError {
    return new AppError(payload.code, payload.message, payload.details);
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (Object.values(ErrorCode) as string[]).includes(value);
}
