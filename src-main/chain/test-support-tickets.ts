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
  type Contract,
  type Wallet,
} from 'ethers';
import type { WinningTicket } from './client.ts';

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
