// The dashboard's derived words: what the main switch says, from the node's real state
// (node.status events) and the user's choice (settings): "On" means the node serves, never just
// that the switch was flipped; and the session cap with what sets it (one figure everywhere).
import { formatTime } from '../../../src-shared/domain/dates.ts';
import type { NodeStatus, OrchestratorStats, Settings } from '../../../src-shared/contract/index.ts';

export type SwitchTone = 'on' | 'waiting' | 'draining' | 'off';

export interface SwitchView {
  /** The word on the switch. */
  label: 'On' | 'Off' | 'Paused' | 'Drain' | 'Wait';
  /** The switch's position: the user's choice (flipping it sets the opposite). */
  checked: boolean;
  tone: SwitchTone;
  /** One sentence on what the node does now. */
  text: string;
}

/** The node's message as the end of a sentence (some end with a full stop already). */
const clause = (message: string): string => message.replace(/[.\s]+$/, '');

export function switchView(
  settings: Pick<Settings, 'transcodingEnabled' | 'pausedUntil' | 'role'>,
  node: Pick<NodeStatus, 'state' | 'message'> | null,
  stats: Pick<OrchestratorStats, 'accepting'> | null,
  timeText: (ms: number) => string = formatTime,
): SwitchView {
  const on = settings.transcodingEnabled;
  if (node?.state === 'stopping')
    return {
      label: 'Drain',
      checked: on,
      tone: 'draining',
      text: 'Finishing the segments in progress, then stopping…',
    };
  // The host clears pausedUntil when the pause ends (settings.changed), so "set" means "paused".
  if (on && settings.pausedUntil !== null)
    return {
      label: 'Paused',
      checked: on,
      tone: 'waiting',
      text: `Paused until ${timeText(settings.pausedUntil)}: no new work is accepted.`,
    };
  if (!on)
    return {
      label: 'Off',
      checked: false,
      tone: 'off',
      text: 'Off: no new work is accepted. Turning it off lets current segments finish first.',
    };
  if (!node) return { label: 'Wait', checked: true, tone: 'waiting', text: 'Switched on; waiting for the node…' };
  // A transcoder works for its orchestrator: no service port of its own, so `accepting` is not its figure.
  const serving = node.state === 'running' && (settings.role === 'transcoder' || stats?.accepting === true);
  if (serving)
    return {
      label: 'On',
      checked: true,
      tone: 'on',
      text:
        settings.role === 'transcoder'
          ? `On — your GPU works for your orchestrator. ${clause(node.message)}.`
          : `On — your GPU accepts work from the network. ${clause(node.message)}.`,
    };
  if (node.state === 'starting')
    return { label: 'Wait', checked: true, tone: 'waiting', text: `Switched on; starting: ${clause(node.message)}.` };
  if (node.state === 'error')
    return {
      label: 'Wait',
      checked: true,
      tone: 'waiting',
      text: `Switched on, but the node has a problem: ${clause(node.message)}.`,
    };
  return {
    label: 'Wait',
    checked: true,
    tone: 'waiting',
    text: `Switched on, but the node is not serving: ${clause(node.message)}.`,
  };
}

/** The cap and what sets it; when full, that running streams go on and only new ones wait. */
export function sessionsHint(stats: OrchestratorStats): string {
  const cap = `At most ${stats.maxSessions}: ${stats.maxSessionsReason}.`;
  return stats.accepting && stats.maxSessions > 0 && stats.activeSessions >= stats.maxSessions
    ? `${cap} All in use: the streams you serve go on; a new stream is refused until one ends.`
    : cap;
}
