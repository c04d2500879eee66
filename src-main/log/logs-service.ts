// The `logs` contract service: the sink's recent (already redacted) entries.
import type { logs } from '../../src-shared/contract/index.ts';
import type { ServiceImpl } from '../core/service.ts';
import type { LogSink } from './logger.ts';

export function createLogsService(sink: LogSink): ServiceImpl<typeof logs> {
  return { recent: ({ limit }) => sink.recent(limit) };
}
