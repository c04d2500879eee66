// LIP polls (livepeer/protocol contracts/polling), the vote livepeer_cli offers as "Vote in a
// governance poll": PollCreator announces each Poll with `PollCreated`, voters emit
// `Vote(voter, choiceID)` (0 Yes, 1 No; the last vote of a voter counts) until the poll's end
// block, and the tally is off chain by stake, as the explorer's indexer does it: a delegator
// counts its own stake, an orchestrator its total stake less the stake of its delegators who voted
// themselves.
//
// A poll's end block counts in the protocol's `block.number`: on Arbitrum One that is the L1
// estimate, far below the L2 number eth_blockNumber answers, so open/ended and blocks left compare
// with `client.blockNumbers().l1BlockNumber`, and a poll is open while that is <= its end block (the
// contract's `vote` check). Stake is read at the latest block while the poll is open; once it is over,
// at the last block of the poll (an archive read): the end block itself where the chain counts in
// the protocol's numbers, and on Arbitrum, where an L1 number is no blockTag, the last L2 block whose
// `block.number` is at most the end block, found by bisection (cached: it never changes).
import { Contract, getAddress, ZeroAddress, type EventLog, type Log } from 'ethers';
import {
  ARBITRUM_ONE_POLL_CREATOR,
  BONDING_MANAGER_ABI,
  MULTICALL3_ABI,
  MULTICALL3_ADDRESS,
  POLL_ABI,
  POLL_CHOICES,
  POLL_CREATOR_ABI,
} from '../chain/abi.ts';
import type { PollChoice } from '../../src-shared/contract/index.ts';
import type { ChainClient } from '../chain/client.ts';

export interface PollVote {
  voter: string;
  choice: PollChoice;
  /** The stake this vote carries in the tally. */
  stake: bigint;
  /** The orchestrator the voter delegates to (itself for an orchestrator). */
  delegate: string;
}

export interface LipPoll {
  address: string;
  /** The proposal as the creator gave it: on mainnet the LIP's IPFS hash, as text when printable. */
  proposal: string;
  createdBlock: number;
  endBlock: bigint;
  /** End block less the protocol's current block (the L1 estimate on Arbitrum). */
  blocksLeft: bigint;
  /** Votes are accepted: the protocol's current block is at most the end block. */
  open: boolean;
  /** The chain block the stakes were read at: the poll's last block once ended, else null (latest). */
  tallyBlock: number | null;
  /** ppm of the total bonded stake that must vote / share of Yes among Yes + No. */
  quorum: bigint;
  quota: bigint;
  yes: bigint;
  no: bigint;
  totalStake: bigint;
  votes: PollVote[];
}

export interface PollReader {
  /** The PollCreator's address, or null where there is none (an older devnet). */
  creator(): Promise<string | null>;
  polls(): Promise<LipPoll[]>;
}

function proposalText(hex: string): string {
  const bytes = Buffer.from(hex.replace(/^0x/, ''), 'hex');
  const text = bytes.toString('utf8');
  return /^[\x20-\x7e\n\r\t\u00a0-\uffff]*$/.test(text) && !text.includes('\ufffd') ? text : hex;
}

export function createPollReader(client: ChainClient, options: { fromBlock?: number } = {}): PollReader {
  const fromBlock = options.fromBlock ?? 0;

  async function creator(): Promise<string | null> {
    const addrs = await client.addresses();
    if (addrs.PollCreator !== ZeroAddress) return addrs.PollCreator;
    return (await client.chainId()) === 42161n ? ARBITRUM_ONE_POLL_CREATOR : null;
  }

  async function tally(
    poll: string,
    blockTag: number | 'latest',
  ): Promise<{ yes: bigint; no: bigint; total: bigint; votes: PollVote[] }> {
    const p = new Contract(poll, POLL_ABI, client.provider);
    const logs = (await p.queryFilter(p.getEvent('Vote'), fromBlock)) as (EventLog | Log)[];
    const last = new Map<string, PollChoice>();
    for (const log of logs) {
      if (!('args' in log)) continue;
      const choice = POLL_CHOICES[Number(log.args.choiceID)];
      if (choice) last.set(getAddress(log.args.voter as string), choice); // later votes replace earlier ones
    }
    const addrs = await client.addresses();
    const bm = new Contract(addrs.BondingManager, BONDING_MANAGER_ABI, client.provider);
    const read = <T>(fn: string, ...args: unknown[]): Promise<T> =>
      bm.getFunction(fn).staticCall(...args, { blockTag }) as Promise<T>;
    const voters = [...last.keys()];
    const info = await Promise.all(
      voters.map(async (voter) => {
        const [own, d, registered] = await Promise.all([
          read<bigint>('pendingStake', voter, 0n),
          read<{ delegateAddress: string }>('getDelegator', voter),
          read<boolean>('isRegisteredTranscoder', voter),
        ]);
        const total = registered ? await read<bigint>('transcoderTotalStake', voter) : own;
        return { voter, own, total, registered, delegate: getAddress(d.delegateAddress) };
      }),
    );
    const votes: PollVote[] = info.map((v) => {
      // An orchestrator's vote carries its delegated stake, less delegators who voted themselves
      const overridden = v.registered
        ? info.filter((o) => o.voter !== v.voter && o.delegate === v.voter).reduce((sum, o) => sum + o.own, 0n)
        : 0n;
      return {
        voter: v.voter,
        choice: last.get(v.voter) ?? 'yes',
        stake: (v.registered ? v.total : v.own) - overridden,
        delegate: v.delegate,
      };
    });
    const sum = (c: PollChoice): bigint => votes.filter((v) => v.choice === c).reduce((s, v) => s + v.stake, 0n);
    return { yes: sum('yes'), no: sum('no'), total: await read<bigint>('getTotalBonded'), votes };
  }

  const lastBlocks = new Map<string, number>();
  /**
   * The last chain block of an ended poll on Arbitrum: the highest L2 block whose `block.number`
   * (Multicall3's, an archive eth_call) is at most the end block. From the creation block (below
   * the end block) to the latest (past it), about log2(L2 blocks since creation) reads, once a poll.
   */
  async function lastBlockOf(poll: string, endBlock: bigint, createdBlock: number): Promise<number> {
    const known = lastBlocks.get(poll);
    if (known !== undefined) return known;
    const mc = new Contract(MULTICALL3_ADDRESS, MULTICALL3_ABI, client.provider);
    const l1At = (blockTag: number) => mc.getFunction('getBlockNumber').staticCall({ blockTag }) as Promise<bigint>;
    let lo = createdBlock;
    let hi = await client.provider.getBlockNumber();
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if ((await l1At(mid)) <= endBlock) lo = mid;
      else hi = mid;
    }
    lastBlocks.set(poll, lo);
    return lo;
  }

  return {
    creator,
    async polls() {
      const address = await creator();
      if (!address) return [];
      const pc = new Contract(address, POLL_CREATOR_ABI, client.provider);
      const [created, blocks] = await Promise.all([
        pc.queryFilter(pc.getEvent('PollCreated'), fromBlock) as Promise<(EventLog | Log)[]>,
        client.blockNumbers(),
      ]);
      const now = blocks.l1BlockNumber;
      // Where the protocol's blocks are the chain's own, an ended poll's end block is a blockTag
      const l1Counted = blocks.blockNumber !== blocks.l1BlockNumber;
      const out: LipPoll[] = [];
      for (const log of created) {
        if (!('args' in log)) continue;
        const a = log.args;
        const endBlock = a.endBlock as bigint;
        const poll = getAddress(a.poll as string);
        const open = now <= endBlock;
        const tallyBlock = open
          ? null
          : l1Counted
            ? await lastBlockOf(poll, endBlock, log.blockNumber)
            : Number(endBlock);
        const t = await tally(poll, tallyBlock ?? 'latest');
        out.push({
          address: poll,
          proposal: proposalText(a.proposal as string),
          createdBlock: log.blockNumber,
          endBlock,
          blocksLeft: open ? endBlock - now : 0n,
          open,
          tallyBlock,
          quorum: a.quorum as bigint,
          quota: a.quota as bigint,
          yes: t.yes,
          no: t.no,
          totalStake: t.total,
          votes: t.votes,
        });
      }
      return out.reverse(); // newest first
    },
  };
}
