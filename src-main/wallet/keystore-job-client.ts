// The wallet's side of the keystore worker: runs jobs, turns failures into fixed-text errors (nothing
// from the failing library reaches a message) and runs password attempts through the throttle.
import { getAddress } from 'ethers';
import { AppError, ErrorCode } from '../../src-shared/contract/index.ts';
import type { KeystoreFailure, KeystoreJob, KeystoreJobResult, KeystoreJobRunner } from './keystore-jobs.ts';
import type { PasswordGate } from './password-gate.ts';

export type JobSuccess = Extract<KeystoreJobResult, { ok: true }>;

/** Fixed texts for worker failures. */
export function jobFailure(failure: KeystoreFailure): AppError {
  switch (failure) {
    case 'CORRUPT_KEYSTORE':
      return new AppError(ErrorCode.CorruptKeystore, 'The keystore is damaged or does not match its address');
    case 'BAD_PRIVATE_KEY':
      return new AppError(ErrorCode.BadInput, 'This is not a valid private key');
    case 'BAD_MNEMONIC':
      return new AppError(ErrorCode.BadInput, 'This recovery phrase is not valid (unknown word or bad checksum)');
    case 'WRONG_PASSWORD':
      return new AppError(ErrorCode.WrongPassword, 'Wrong password.');
    default:
      return new AppError(ErrorCode.Internal, 'The keystore worker failed');
  }
}

/** The encrypted JSON an encrypting job must return. */
export function jsonOf(result: { json?: string }): string {
  if (result.json === undefined) throw jobFailure('INTERNAL');
  return result.json;
}

export interface KeystoreJobClient {
  run(work: KeystoreJob): Promise<JobSuccess>;
  /** Decrypts (or only verifies) a keystore's JSON under the password gate of its address. */
  withPassword(address: string, json: string, password: string, op: 'decrypt' | 'verify'): Promise<JobSuccess>;
}

export function createKeystoreJobClient(runJob: KeystoreJobRunner, gate: PasswordGate): KeystoreJobClient {
  return {
    async run(work) {
      const result = await runJob(work);
      if (result.ok) return result;
      throw jobFailure(result.failure);
    },
    withPassword(address, json, password, op) {
      return gate.attempt<JobSuccess>(address, async () => {
        const result = await runJob({ op, json, password });
        if (result.ok) {
          if (getAddress(result.address) !== address) {
            result.privateKey?.fill(0);
            throw jobFailure('CORRUPT_KEYSTORE');
          }
          return { ok: true as const, value: result };
        }
        if (result.failure === 'WRONG_PASSWORD') return { ok: false as const };
        throw jobFailure(result.failure);
      });
    },
  };
}
