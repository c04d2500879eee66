// An active orchestrator on a spec's own devnet: funded, bonded to itself with its terms set,
// imported into the app's wallet (selected, unlocked), active from the current round.
import { Contract, parseEther, Wallet } from 'ethers';
import { devnetAccounts } from '../src-main/chain/devnet/devnet.ts';
import { BONDING_MANAGER_ABI, TOKEN_ABI } from '../src-main/chain/abi.ts';
import { callApi, startDevnet } from './api.ts';

export async function stakedOrchestrator(
  base: string,
  o: { account: number; lpt: string; password: string },
): Promise<{ address: string }> {
  const { info, provider } = await startDevnet(base);
  await callApi(base, 'devnet', 'advanceRound'); // bonding needs the current round initialized
  const c = info.contracts;
  const key = devnetAccounts()[o.account]!;
  const O = new Wallet(key.privateKey, provider);
  const stake = parseEther(o.lpt);
  await callApi(base, 'devnet', 'fund', { address: O.address, lpt: stake.toString(), eth: parseEther('5').toString() });
  await (await new Contract(c.LivepeerToken!, TOKEN_ABI, O).getFunction('approve')(c.BondingManager, stake)).wait();
  const bm = new Contract(c.BondingManager!, BONDING_MANAGER_ABI, O);
  await (await bm.getFunction('bond')(stake, O.address)).wait();
  await (await bm.getFunction('transcoder')(100_000n, 900_000n)).wait();
  await callApi(base, 'wallet', 'importPrivateKey', {
    privateKey: key.privateKey,
    password: o.password,
    label: 'orch',
  });
  await callApi(base, 'wallet', 'select', { address: O.address });
  await callApi(base, 'wallet', 'unlock', { password: o.password });
  await callApi(base, 'devnet', 'advanceRound'); // active from this round
  return { address: O.address };
}

/** Prepares and sends one action the way the UI does (preview, then confirm). */
export async function send(base: string, from: string, action: unknown): Promise<void> {
  const preview = await callApi<{ id: string }>(base, 'chain', 'prepare', { from, action });
  await callApi(base, 'chain', 'confirm', { previewId: preview.id });
}
