// The network's words, explained once: tooltips (ui/Term.tsx) and the Glossary page read these.
// Checked against the protocol reference (shared docs livepeer-protocol.md §4, §5): ratios are the
// contracts' own (reward cut kept by the orchestrator, fee share paid to delegators), and durations
// are left to the page, which computes them from the connected chain.

export interface GlossaryEntry {
  readonly term: string;
  /** One or two sentences: what a tooltip shows. */
  readonly short: string;
  /** More detail for the Glossary page (optional). */
  readonly more?: string;
}

export const GLOSSARY = {
  round: {
    term: 'Round',
    short:
      'The protocol’s clock: a fixed number of Ethereum blocks. Each round the active set is fixed, new LPT is minted and each active orchestrator may call reward once.',
    more: 'On Arbitrum One a round is 5,760 Ethereum (L1) blocks, about 19 hours at 12 s a block. A round must be initialized (anyone may send initializeRound) before rewards, staking changes and ticket redemptions work in it. The last 10 % of a round is locked: stake changes then count from the round after next.',
  },
  rewardCall: {
    term: 'Reward call',
    short:
      'The transaction an active orchestrator sends once per round to mint its share of new LPT. It costs gas; a missed round’s reward is never minted.',
  },
  rewardCut: {
    term: 'Reward cut',
    short:
      'The share of each round’s LPT reward the orchestrator keeps as commission; the rest goes to its delegators.',
    more: 'Stored on chain in parts per million (rewardCut). The orchestrator’s own stake also earns its delegator share of the rest.',
  },
  feeCut: {
    term: 'Fee cut',
    short: 'The share of ETH fees the orchestrator keeps: 100 % minus the fee share.',
    more: 'The contract stores the fee share (paid to delegators); Livepeer’s CLI and Explorer show the fee cut. A fee cut of 25 % is a fee share of 75 %.',
  },
  feeShare: {
    term: 'Fee share',
    short:
      'The share of ETH fees paid to the orchestrator’s delegators (feeShare on chain). Fee cut = 100 % − fee share.',
  },
  activeSet: {
    term: 'Active set',
    short:
      'The orchestrators with the most stake, up to the protocol’s maximum (100 on Arbitrum One). Only they earn rewards and get paid work; the set for a round is fixed when it starts.',
  },
  orchestrator: {
    term: 'Orchestrator',
    short:
      'A node that takes video from gateways, transcodes it (itself or with transcoders), and is paid in ETH with tickets. It needs stake to be in the active set.',
  },
  transcoder: {
    term: 'Transcoder',
    short: 'A worker that only transcodes, for an orchestrator that hands it segments; it holds no stake.',
  },
  gateway: {
    term: 'Gateway',
    short: 'A broadcaster’s node: it sends video segments to orchestrators and pays for them with tickets.',
  },
  delegator: {
    term: 'Delegator',
    short:
      'An LPT holder who stakes with an orchestrator. Delegators share the orchestrator’s rewards and fees after its reward cut and fee cut.',
  },
  stake: {
    term: 'Stake',
    short:
      'LPT bonded to an orchestrator (by itself or its delegators). Stake decides the active set and each orchestrator’s share of new LPT.',
  },
  inflation: {
    term: 'Inflation',
    short:
      'The new LPT minted each round, as a share of the total supply. It rises while less than half the supply is staked and falls while more is.',
    more: 'On Arbitrum One it moves by 0.00005 % per round toward the 50 % target bonding rate; 10 % of each reward goes to the treasury.',
  },
  unbondingPeriod: {
    term: 'Unbonding period',
    short:
      'After you unstake, the LPT earns nothing and stays locked for this many rounds (7 on Arbitrum One) before it can be withdrawn. You can restake it meanwhile.',
  },
  ticket: {
    term: 'Ticket',
    short:
      'A lottery ticket a gateway pays with: most are worth nothing, a few win their face value. On average they pay the agreed price, with one transaction per winner instead of one per segment.',
  },
  faceValue: {
    term: 'Face value',
    short: 'What a winning ticket pays, in ETH, from the gateway’s deposit (then its reserve).',
  },
  winProbability: {
    term: 'Win probability',
    short:
      'The chance a ticket wins. Face value × win probability is the ticket’s expected value: what it is worth on average.',
  },
  redemption: {
    term: 'Redemption',
    short:
      'Sending a winning ticket to the TicketBroker contract to collect its face value. It costs gas, paid by the orchestrator.',
  },
  depositReserve: {
    term: 'Deposit and reserve',
    short:
      'A gateway’s ETH in the TicketBroker: winning tickets are paid from the deposit; the reserve guarantees active orchestrators a share if the deposit runs out.',
  },
  pricePerPixel: {
    term: 'Price per pixel',
    short:
      'What an orchestrator charges, in wei per pixel of transcoded video (price per unit ÷ pixels per unit). Gateways skip orchestrators above their ceiling.',
  },
  gas: {
    term: 'Gas',
    short:
      'The ETH fee for a transaction on Arbitrum One (reward calls, redemptions, staking). Earnings here are shown net of it.',
  },
} as const satisfies Record<string, GlossaryEntry>;

export type GlossaryKey = keyof typeof GLOSSARY;
