import { z } from 'zod';
import { method } from '../define.ts';

export const LogLevel = z.enum(['debug', 'info', 'warn', 'error']);
export type LogLevel = z.infer<typeof LogLevel>;

export const LogEntry = z.object({
  seq: z.number().int().nonnegative(),
  time: z.number().int().nonnegative(),
  level: LogLevel,
  /** The module that wrote it, e.g. 'host' or 'settings'. */
  scope: z.string(),
  message: z.string(),
});
export type LogEntry = z.infer<typeof LogEntry>;

export const logs = {
  recent: method({
    summary: 'The most recent log lines of the main process (already redacted), oldest first.',
    input: z.object({ limit: z.number().int().min(1).max(1000).default(200) }).strict(),
    output: z.array(LogEntry),
  }),
};
