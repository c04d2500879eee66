// Ticket settings the node uses on the devnet, so the demo traffic (and anyone watching the devnet)
// sees winning tickets redeemed within seconds instead of once in millions of segments:
// - face value capped at 0.01 ETH (well above a redemption's gas on the devnet, so the redemption
//   queue never waits for cheaper gas) and a target EV of a quarter of it: one ticket in four wins;
// - ticket parameters valid for 6 devnet blocks (~12 s) instead of 40 L1 blocks, because the
//   queue redeems a winner only once its parameters have expired.
// Mainnet keeps go-livepeer's defaults (DEFAULT_RECIPIENT_CONFIG). A go-livepeer gateway would refuse
// this EV (above its 3e12 wei maxTicketEV); on the devnet only our own demo gateway pays.
import type { RecipientConfig } from '../payments/recipient.ts';

export const DEVNET_PAYMENTS: Partial<Omit<RecipientConfig, 'address' | 'secret'>> = {
  ev: 2_500_000_000_000_000n,
  maxFaceValue: 10_000_000_000_000_000n,
  paramsExpirationBlocks: 6n,
};
