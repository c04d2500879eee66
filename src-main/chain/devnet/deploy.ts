// Deploys and wires the protocol contracts on a fresh chain. All transactions are sent with
// explicit nonces without waiting for each other (addresses are known in advance), so a deploy
// costs one round of receipts instead of twenty.
import {
  ContractFactory,
  getAddress,
  getCreateAddress,
  Interface,
  id,
  parseEther,
  type Signer,
  type TransactionResponse,
} from 'ethers';
import { MULTICALL3_ADDRESS } from '../abi.ts';
import { loadArtifact, type ContractName } from './artifacts.ts';

export const DEVNET_PARAMS = {
  roundLength: 50n, // blocks
  roundLockAmount: 100_000n, // ppm: the last 10 % of a round is locked
  unbondingPeriod: 2n, // rounds
  numActiveTranscoders: 10n,
  unlockPeriod: 2n, // rounds (TicketBroker)
  ticketValidityPeriod: 2n, // rounds
  inflation: 218_500n, // per round, over 1e9 (mainnet initial value)
  inflationChange: 500n, // over 1e9
  targetBondingRate: 500_000_000n, // over 1e9 = 50 %
  treasuryRewardCutRate: 10n ** 26n, // over 1e27 = 10 %
  initialSupply: parseEther('10000000'), // LPT minted to the faucet
  // Governance (mainnet: delay 1 round, period 10 rounds, threshold 100 LPT, quorum 33.33 %, quota 50 %)
  votingDelay: 1n, // rounds
  votingPeriod: 5n, // rounds
  proposalThreshold: parseEther('100'),
  quorumNumerator: 333_300n, // over 1e6 of the snapshot round's total active stake
  quota: 500_000n, // For needs more than 50 % of For + Against
  treasuryMinDelay: 0n, // seconds between queue and execute
  pollPeriod: 200n, // blocks a LIP poll stays open (mainnet: 10 rounds)
  // L2LPTDataCache: LPT on "L1" and how much of it was bridged here; the Minter's global supply is
  // the token's supply plus the difference (8 M LPT), as on Arbitrum One
  l1TotalSupply: parseEther('10000000'),
  l2SupplyFromL1: parseEther('2000000'),
  // DevnetPriceFeed: ETH/USD with 8 decimals like Chainlink's USD feeds; settable (`devnet.setEthUsdPrice`)
  ethUsdDecimals: 8,
  ethUsdPrice: 3_000n * 10n ** 8n, // 3,000.00 USD
  eurUsdPrice: 108_000_000n, // 1 EUR = 1.08 USD (DevnetEurUsdFeed, 8 decimals)
} as const;

export type ProtocolContractName = Exclude<ContractName, 'Controller'>;
/** Deployed by `deployProtocol`; Multicall3 is placed at its canonical address instead (devnet.ts). */
type DeployedName = Exclude<ContractName, 'Multicall3'>;
export type DeployedContracts = Record<ContractName, string>;

export async function deployProtocol(deployer: Signer): Promise<DeployedContracts> {
  const from = await deployer.getAddress();
  let nonce = await deployer.getNonce('pending');
  const sent: TransactionResponse[] = [];
  const addresses = {} as Record<DeployedName, string>;

  const firstNonce = nonce;
  // The address of the plan's n-th contract (deployed from consecutive nonces)
  const at = (index: number): string => getAddress(getCreateAddress({ from, nonce: firstNonce + index }));
  const plan: [DeployedName, (controller: string) => unknown[]][] = [
    ['Controller', () => []],
    ['LivepeerToken', (c) => [c]],
    ['Minter', (c) => [c, DEVNET_PARAMS.inflation, DEVNET_PARAMS.inflationChange, DEVNET_PARAMS.targetBondingRate]],
    ['RoundsManager', (c) => [c, DEVNET_PARAMS.roundLength, DEVNET_PARAMS.roundLockAmount]],
    ['BondingManager', (c) => [c]],
    ['TicketBroker', (c) => [c, DEVNET_PARAMS.unlockPeriod, DEVNET_PARAMS.ticketValidityPeriod]],
    ['ServiceRegistry', (c) => [c]],
    ['BondingVotes', (c) => [c]],
    // The governor (deployed next) is the Treasury's only proposer and executor
    ['Treasury', () => [DEVNET_PARAMS.treasuryMinDelay, [at(9)], [at(9)]]],
    [
      'LivepeerGovernor',
      (c) => [
        c,
        DEVNET_PARAMS.votingDelay,
        DEVNET_PARAMS.votingPeriod,
        DEVNET_PARAMS.proposalThreshold,
        DEVNET_PARAMS.quorumNumerator,
        DEVNET_PARAMS.quota,
      ],
    ],
    // LIP polls (livepeer_cli's "vote in a governance poll"); needs the BondingManager (index 4)
    ['PollCreator', () => [at(4), DEVNET_PARAMS.pollPeriod]],
    ['L2LPTDataCache', (c) => [c, DEVNET_PARAMS.l1TotalSupply, DEVNET_PARAMS.l2SupplyFromL1]],
    ['DevnetPriceFeed', (c) => [c, DEVNET_PARAMS.ethUsdDecimals, 'ETH / USD', DEVNET_PARAMS.ethUsdPrice]],
    ['DevnetEurUsdFeed', (c) => [c, DEVNET_PARAMS.ethUsdDecimals, 'EUR / USD', DEVNET_PARAMS.eurUsdPrice]],
  ];
  const controller = getCreateAddress({ from, nonce });
  for (const [name, args] of plan) {
    const artifact = loadArtifact(name);
    const factory = new ContractFactory(artifact.abi, artifact.bytecode, deployer);
    const tx = await factory.getDeployTransaction(...args(controller));
    addresses[name] = getCreateAddress({ from, nonce });
    sent.push(await deployer.sendTransaction({ ...tx, nonce: nonce++, gasLimit: 6_000_000n }));
  }

  const call = async (name: DeployedName, fn: string, args: unknown[]): Promise<void> => {
    const data = new Interface(loadArtifact(name).abi).encodeFunctionData(fn, args);
    sent.push(await deployer.sendTransaction({ to: addresses[name], data, nonce: nonce++, gasLimit: 1_000_000n }));
  };
  const registered = Object.entries(addresses).filter(([name]) => name !== 'Controller');
  for (const [name, address] of registered) {
    await call('Controller', 'setContractInfo', [id(name), address, `0x${'00'.repeat(20)}`]);
  }
  await call('BondingManager', 'setUnbondingPeriod', [DEVNET_PARAMS.unbondingPeriod]);
  await call('BondingManager', 'setNumActiveTranscoders', [DEVNET_PARAMS.numActiveTranscoders]);
  await call('BondingManager', 'setTreasuryRewardCutRate', [DEVNET_PARAMS.treasuryRewardCutRate]);
  await call('LivepeerToken', 'mint', [from, DEVNET_PARAMS.initialSupply]);

  const receipts = await Promise.all(sent.map((tx) => tx.wait()));
  const failed = receipts.findIndex((r) => r?.status !== 1);
  if (failed >= 0) throw new Error(`Devnet deployment transaction ${failed} failed`);
  return { ...addresses, Multicall3: MULTICALL3_ADDRESS };
}
