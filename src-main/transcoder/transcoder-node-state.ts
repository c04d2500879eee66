// What the node status (dashboard pill, tray) says while the role is transcoder: the orchestrator
// service is off then, and the node is transcoder mode's connection to its orchestrator.
import type { NodeState, TranscoderModeStatus } from '../../src-shared/contract/index.ts';

export function transcoderNodeState(m: TranscoderModeStatus): { state: NodeState; message: string } {
  if (!m.orchAddr || !m.secretSet)
    return { state: 'stopped', message: 'Transcoder: set the orchestrator address and secret on the Transcoders page' };
  switch (m.state) {
    case 'connected':
      return { state: 'running', message: `Transcoding for ${m.orchAddr}` };
    case 'connecting':
      return { state: 'starting', message: `Connecting to ${m.orchAddr}` };
    case 'backoff':
      return { state: 'starting', message: `Reconnecting to ${m.orchAddr}${m.message ? `: ${m.message}` : ''}` };
    case 'stopped':
      return { state: 'error', message: m.message ?? `${m.orchAddr} refused this transcoder` };
    case 'off':
      return { state: 'stopped', message: 'Transcoding is off' };
  }
}
