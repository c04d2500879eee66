// What a role or network change does to the stake, the node and the data, in plain lines for the
// confirmation Settings shows before saving it. Pure: the page passes what it knows.
import type { Network, Role } from '../../../src-shared/contract/index.ts';
import { roleLabel } from '../../../src-shared/domain/labels.ts';
import { formatEth, formatLpt } from '../../../src-shared/domain/units.ts';

/** A network's name inside a sentence. */
const place = (kind: Network['kind']): string => (kind === 'devnet' ? 'the local devnet' : 'Arbitrum One');

export interface SwitchFacts {
  /** LPT bonded by the selected account on the current network (wei), when known. */
  bonded: string | null;
  /** Whether that account is an active orchestrator now. */
  active: boolean;
  /** Whether the node serves gateways now. */
  serving: boolean;
  /** Winning tickets not yet redeemed (face value, wei). */
  pendingTickets: string | null;
  /** Automatic reward calls are on for this network. */
  rewardsAuto: boolean;
}

export interface SwitchChange {
  from: { role: Role; network: Network['kind'] };
  to: { role: Role; network: Network['kind'] };
}

/** The lines to confirm, or null when neither role nor network changes. */
export function switchConsequences(
  change: SwitchChange,
  facts: SwitchFacts,
): { title: string; lines: string[] } | null {
  const { from, to } = change;
  const roleChanges = from.role !== to.role;
  const networkChanges = from.network !== to.network;
  if (!roleChanges && !networkChanges) return null;
  const here = place(from.network);
  const there = place(to.network);
  const staked = facts.bonded !== null && BigInt(facts.bonded) > 0n ? formatLpt(facts.bonded) : null;
  const lines: string[] = [];
  if (networkChanges && to.network === 'arbitrum-one')
    lines.push(
      'Arbitrum One is the real network: every transaction spends real ETH for gas and moves real LPT, and nothing can be undone.',
    );
  if (roleChanges && to.role === 'transcoder') {
    lines.push(
      `Your orchestrator stops${facts.serving ? ' serving gateways now' : ''}: this computer then works for another orchestrator instead.`,
    );
    if (staked)
      lines.push(
        facts.active
          ? `Your ${staked} stays bonded and in the active set, but rounds without a reward call earn nothing and delegators see it${facts.rewardsAuto ? ' (automatic reward calls stay on while the app runs)' : ''}. Unstake on the Staking page if you leave for good.`
          : `Your ${staked} stays bonded on ${here}; nothing is unstaked.`,
      );
  }
  if (roleChanges && to.role === 'orchestrator')
    lines.push(
      'This computer stops working for your orchestrator and starts its own node, which needs a wallet and stake.',
    );
  if (networkChanges) {
    lines.push(
      `The node stops on ${here} and starts on ${there}${to.role === 'orchestrator' ? ' with the same wallet accounts (the same keys on both networks)' : ''}.`,
    );
    if (staked)
      lines.push(
        `Your ${staked} on ${here} stays there, bonded${facts.active ? ': as an active orchestrator you miss reward calls and work there until you switch back' : ''}.`,
      );
    if (facts.pendingTickets !== null && BigInt(facts.pendingTickets) > 0n)
      lines.push(
        `${formatEth(facts.pendingTickets)} of winning tickets on ${here} wait for redemption; they are redeemed when you switch back (before they expire).`,
      );
    lines.push(
      `The data of ${here} (tickets, earnings, the node's choices) stays in the data folder and is shown only under ${here}; ${there} shows its own.`,
    );
  }
  const what = [
    roleChanges && `role to ${roleLabel(to.role)}`,
    networkChanges && `network to ${there.replace(/^the l/, 'L')}`,
  ]
    .filter(Boolean)
    .join(' and ');
  return { title: `Switch ${what}?`, lines };
}
