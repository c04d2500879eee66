// Makes a devnet account a working orchestrator: LPT from the faucet, bonded to itself, registered
// (reward cut 0 %, fee share 100 %: the node keeps all ticket fees), service URI set, and active
// from the next round. Idempotent: a registered account only gets its service URI refreshed.
import { Contract, parseEther, Wallet } from 'ethers';
import { BONDING_MANAGER_ABI, ROUNDS_MANAGER_ABI, SERVICE_REGISTRY_ABI, TOKEN_ABI } from '../../chain/abi.ts';
import type { Devnet } from '../../chain/devnet/devnet.ts';

type Tx = Promise<{ wait(): Promise<unknown> }>;
const send = async (tx: Tx) => void (await (await tx).wait());

export async function activateDevnetOrchestrator(
  devnet: Pick<Devnet, 'provider' | 'contracts' | 'fund' | 'advanceRound'>,
  privateKey: string,
  serviceUri: string,
  stake = parseEther('1000'),
): Promise<string> {
  const o = new Wallet(privateKey, devnet.provider);
  const bm = new Contract(devnet.contracts.BondingManager, BONDING_MANAGER_ABI, o);
  const sr = new Contract(devnet.contracts.ServiceRegistry, SERVICE_REGISTRY_ABI, o);
  if (!((await bm.getFunction('isRegisteredTranscoder')(o.address)) as boolean)) {
    await devnet.fund(o.address, { lpt: stake, eth: parseEther('10') });
    const token = new Contract(devnet.contracts.LivepeerToken, TOKEN_ABI, o);
    await send(token.getFunction('approve')(devnet.contracts.BondingManager, stake) as Tx);
    // Bonding needs an initialized round; with blocks mined on a timer the round may have moved on
    const rm = new Contract(devnet.contracts.RoundsManager, ROUNDS_MANAGER_ABI, o);
    if (!((await rm.getFunction('currentRoundInitialized')()) as boolean))
      await send(rm.getFunction('initializeRound')() as Tx);
    await send(bm.getFunction('bond')(stake, o.address) as Tx);
    await send(bm.getFunction('transcoder')(0n, 1_000_000n) as Tx);
  }
  await send(sr.getFunction('setServiceURI')(serviceUri) as Tx);
  if (!((await bm.getFunction('isActiveTranscoder')(o.address)) as boolean)) await devnet.advanceRound();
  return o.address;
}
