// A failed call in words for the user: a contract error's message, or each bad-input issue.
import { AppError } from '../../src-shared/contract/index.ts';

export function describeError(err: unknown): string {
  if (!(err instanceof AppError)) return String(err);
  const issues = err.details?.issues;
  if (err.code === 'BAD_INPUT' && Array.isArray(issues) && issues.length > 0) {
    return (issues as { message: string }[]).map((i) => i.message).join('; ');
  }
  return err.message;
}
