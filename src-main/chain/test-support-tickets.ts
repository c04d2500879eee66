// Winning tickets for the chain tests, hashed and signed with ethers exactly as
// livepeer-protocol.md §4.2 describes (abi.encodePacked of the seven fields, personal_sign),
// independently of the app's own ticket code.
import {
  AbiCoder,
  concat,
  getBytes,
  keccak256,
  MaxUint256,
  parseEther,
  randomBytes,
  solidityPackedKeccak256,
  toBigInt,
  Contract,
  Wallet,
} from 'ethers';
import { BONDING_MANAGER_ABI, ROUNDS_MANAGER_ABI, TICKET_BROKER_ABI, TOKEN_ABI } from './abi.ts';
import type { WinningTicket } from './client.ts';
import { startTestDevnet, type TestDevnet } from './test-support.ts';

const coder = AbiCoder.defaultAbiCoder();

export function ticketHash(t: WinningTicket): string {
  return solidityPackedKeccak256(
    ['address', 'address', 'uint256', 'uint256', 'uint256', 'bytes32', 'bytes'],
    [t.recipient, t.sender, t.faceValue, t.winProb, t.senderNonce, t.recipientRandHash, t.auxData],
  );
}

/** A ticket that always wins, created in the current round (RoundsManager `rm`), signed by `signer`. */
export async function signTicket(
  rm: Contract,
  signer: Wallet,
  fields: Partial<WinningTicket> & { recipient: string },
): Promise<{ ticket: WinningTicket; sig: string; rand: bigint }> {
  const round = (await rm.getFunction('currentRound')()) as bigint;
  const rand = toBigInt(randomBytes(32));
  const ticket: WinningTicket = {
    sender: signer.address,
    faceValue: parseEther('0.1'),
    winProb: MaxUint256,
    senderNonce: 1n,
    recipientRandHash: keccak256(coder.encode(['uint256'], [rand])),
    auxData: concat([coder.encode(['uint256'], [round]), (await rm.getFunction('blockHashForRound')(round)) as string]),
    ...fields,
  };
  return { ticket, sig: await signer.signMessage(getBytes(ticketHash(ticket))), rand };
}

export interface TicketDevnet {
  t: TestDevnet;
  /** O: an active orchestrator (1000 LPT, fee share 100 %), B: a ticket sender, X: anyone. */
  O: Wallet;
  B: Wallet;
  X: Wallet;
  bm: Contract;
  rm: Contract;
  tb: Contract;
}

/** A devnet where O is active from the current round (it bonded and registered in the previous one). */
export async function startTicketDevnet(): Promise<TicketDevnet> {
  const t = await startTestDevnet();
  const { devnet } = t;
  const p = devnet.provider;
  const wallet = (i: number): Wallet => {
    const account = devnet.accounts[i];
    if (!account) throw new Error(`The devnet has no account ${i}`);
    return new Wallet(account.privateKey, p);
  };
  const [O, B, X] = [wallet(1), wallet(3), wallet(4)];
  const bm = new Contract(devnet.contracts.BondingManager, BONDING_MANAGER_ABI, p);
  const stake = parseEther('1000');
  await devnet.fund(O.address, { lpt: stake });
  const token = new Contract(devnet.contracts.LivepeerToken, TOKEN_ABI, O);
  await (await token.getFunction('approve')(devnet.contracts.BondingManager, stake)).wait();
  await (await (bm.connect(O) as Contract).getFunction('bond')(stake, O.address)).wait();
  await (await (bm.connect(O) as Contract).getFunction('transcoder')(0n, 1_000_000n)).wait(); // fees all to delegators
  await devnet.advanceRound();
  return {
    t,
    O,
    B,
    X,
    bm,
    rm: new Contract(devnet.contracts.RoundsManager, ROUNDS_MANAGER_ABI, p),
    tb: new Contract(devnet.contracts.TicketBroker, TICKET_BROKER_ABI, p),
  };
}
