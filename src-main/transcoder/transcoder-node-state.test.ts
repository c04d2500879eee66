import { describe, expect, it } from 'vitest';
import type { TranscoderModeStatus } from '../../src-shared/contract/index.ts';
import { transcoderNodeState } from './transcoder-node-state.ts';

const base: TranscoderModeStatus = {
  orchAddr: '192.168.1.10:8935',
  secretSet: true,
  maxSessions: 4,
  state: 'off',
  message: null,
  jobsDone: 0,
  jobsFailed: 0,
  activeJobs: 0,
  sessions: 0,
  retryAt: null,
  gpus: [],
};

describe('transcoderNodeState', () => {
  it('follows the connection to the orchestrator', () => {
    expect(transcoderNodeState({ ...base, state: 'connected' })).toEqual({
      state: 'running',
      message: 'Transcoding for 192.168.1.10:8935',
    });
    expect(transcoderNodeState({ ...base, state: 'connecting' }).state).toBe('starting');
    expect(transcoderNodeState({ ...base, state: 'backoff', message: 'connect ECONNREFUSED' })).toEqual({
      state: 'starting',
      message: 'Reconnecting to 192.168.1.10:8935: connect ECONNREFUSED',
    });
    expect(transcoderNodeState({ ...base, state: 'off' }).state).toBe('stopped');
  });

  it('shows a refusal as an error with its reason, and a missing address as stopped', () => {
    expect(transcoderNodeState({ ...base, state: 'stopped', message: 'Orchestrator refused: invalid secret' })).toEqual(
      {
        state: 'error',
        message: 'Orchestrator refused: invalid secret',
      },
    );
    expect(transcoderNodeState({ ...base, orchAddr: null, state: 'off' }).message).toMatch(/set the orchestrator/);
    expect(transcoderNodeState({ ...base, secretSet: false, state: 'off' }).state).toBe('stopped');
  });
});
