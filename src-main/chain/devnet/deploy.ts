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
} as const;

/** Where treasury rewards go on the devnet: an address nobody holds a key for. */
export const DEVNET_TREASURY = getAddress('0x00000000000000000000000000000000007ea5e7');

export type ProtocolContractName = Exclude<ContractName, 'Controller'>;
export type DeployedContracts = Record<ContractName, string> & { Treasury: string };

export async function deployProtocol(deployer: Signer): Promise<DeployedContracts> {
  const from = await deployer.getAddress();
  let nonce = await deployer.getNonce('pending');
  const sent: TransactionResponse[] = [];
  const addresses = {} as Record<ContractName, string>;

  const plan: [ContractName, (controller: string) => unknown[]][] = [
    ['Controller', () => []],
    ['LivepeerToken', (c) => [c]],
    ['Minter', (c) => [c, DEVNET_PARAMS.inflation, DEVNET_PARAMS.inflationChange, DEVNET_PARAMS.targetBondingRate]],
    ['RoundsManager', (c) => [c, DEVNET_PARAMS.roundLength, DEVNET_PARAMS.roundLockAmount]],
    ['BondingManager', (c) => [c]],
    ['TicketBroker', (c) => [c, DEVNET_PARAMS.unlockPeriod, DEVNET_PARAMS.ticketValidityPeriod]],
    ['ServiceRegistry', (c) => [c]],
  ];
  const controller = getCreateAddress({ from, nonce });
  for (const [name, args] of plan) {
    const artifact = loadArtifact(name);
    const factory = new ContractFactory(artifact.abi, artifact.bytecode, deployer);
    const tx = await factory.getDeployTransaction(...args(controller));
    addresses[name] = getCreateAddress({ from, nonce });
    sent.push(await deployer.sendTransaction({ ...tx, nonce: nonce++, gasLimit: 6_000_000n }));
  }

  const call = async (name: ContractName, fn: string, args: unknown[]): Promise<void> => {
    const data = new Interface(loadArtifact(name).abi).encodeFunctionData(fn, args);
    sent.push(await deployer.sendTransaction({ to: addresses[name], data, nonce: nonce++, gasLimit: 1_000_000n }));
  };
  const registered: [string, string][] = [
    ...(Object.entries(addresses).filter(([name]) => name !== 'Controller') as [string, string][]),
    ['Treasury', DEVNET_TREASURY],
  ];
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
  return { ...addresses, Treasury: DEVNET_TREASURY };
}
