// Which BondingManager events change the transcoder pool, and whether a given log changes the
// pool we hold. Names and arguments are the protocol's (livepeer/protocol IBondingManager.sol):
// a stake moves with Bond (newDelegate, oldDelegate), Unbond and Rebond (delegate), Reward and
// TranscoderSlashed (transcoder); membership with TranscoderActivated / TranscoderDeactivated
// (a transcoder that joins by `transcoder()` or by a bond, or one it evicts, always emits them).
// TransferBond names delegators, not their delegates: it may move any member's stake.
import { Interface, zeroPadValue, type Log } from 'ethers';
import { BONDING_MANAGER_ABI } from '../abi.ts';

const bm = new Interface(BONDING_MANAGER_ABI);
/** Mainnet events the devnet's BondingManager never emits (not in the client's bindings). */
const mainnetOnly = new Interface([
  'event TranscoderSlashed(address indexed transcoder, address finder, uint256 penalty, uint256 finderReward)',
  'event TransferBond(address indexed oldDelegator, address indexed newDelegator, uint256 oldUnbondingLockId, uint256 newUnbondingLockId, uint256 amount)',
]);
const topicOf = (iface: Interface, name: string): string => {
  const event = iface.getEvent(name);
  if (!event) throw new Error(`No event ${name} in the ABI`);
  return event.topicHash;
};

/** Events whose indexed delegate/transcoder (topics 1, and 2 for Bond) is the member concerned. */
const MEMBER_EVENTS = new Set(['Bond', 'Unbond', 'Rebond', 'Reward', 'TranscoderUpdate'].map((n) => topicOf(bm, n)));
const BOND = topicOf(bm, 'Bond');
/** Events that change who is in the pool, or whose delegate is not named: the whole pool is read. */
const POOL_WIDE = new Set([
  topicOf(bm, 'TranscoderActivated'),
  topicOf(bm, 'TranscoderDeactivated'),
  topicOf(mainnetOnly, 'TranscoderSlashed'),
  topicOf(mainnetOnly, 'TransferBond'),
]);

/** Every topic0 the pool follows (the event indexer adds them to its one eth_getLogs filter). */
export const POOL_EVENT_TOPICS: readonly string[] = [...MEMBER_EVENTS, ...POOL_WIDE];

/** Whether `log` can change a pool whose members are `members` (lower-case 32-byte topics). */
export function changesPool(log: Pick<Log, 'topics'>, members: ReadonlySet<string>): boolean {
  const [t0, t1, t2] = log.topics.map((t) => t.toLowerCase());
  if (!t0) return false;
  if (POOL_WIDE.has(t0)) return true;
  if (!MEMBER_EVENTS.has(t0)) return false;
  // A non-member's bond or cut changes nothing here: if it joins, TranscoderActivated says so
  return members.has(t1 ?? '') || (t0 === BOND && members.has(t2 ?? ''));
}

/** A member address as a log topic. */
export const memberTopic = (address: string): string => zeroPadValue(address, 32).toLowerCase();
