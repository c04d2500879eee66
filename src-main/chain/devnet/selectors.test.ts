// Every mainnet selector and event topic the app relies on (livepeer-protocol.md §5.5, §5.6),
// copied literally from the reference, must exist in the compiled devnet ABIs: that is what lets
// the same bindings run against Arbitrum One. The expected values are not derived from our code.
import { id, Interface } from 'ethers';
import { describe, expect, it } from 'vitest';
import { loadArtifact, type ContractName } from './artifacts.ts';

const SELECTORS: Record<ContractName, Record<string, string>> = {
  // The canonical Multicall3 (mds1/multicall, 0xcA11bde05977b3631167028862bE2a173976CA11).
  Multicall3: {
    '0x82ad56cb': 'aggregate3((address,bool,bytes)[])',
    '0x174dea71': 'aggregate3Value((address,bool,uint256,bytes)[])',
    '0x252dba42': 'aggregate((address,bytes)[])',
    '0xbce38bd7': 'tryAggregate(bool,(address,bytes)[])',
    '0x399542e9': 'tryBlockAndAggregate(bool,(address,bytes)[])',
    '0xc3077fa9': 'blockAndAggregate((address,bytes)[])',
    '0x3e64a696': 'getBasefee()',
    '0x42cbb15c': 'getBlockNumber()',
    '0xee82ac5e': 'getBlockHash(uint256)',
    '0x27e86d6e': 'getLastBlockHash()',
    '0x4d2301cc': 'getEthBalance(address)',
    '0x3408e470': 'getChainId()',
    '0x0f28c97d': 'getCurrentBlockTimestamp()',
    '0xa8b0574e': 'getCurrentBlockCoinbase()',
    '0x86d516e8': 'getCurrentBlockGasLimit()',
    '0x72425d9d': 'getCurrentBlockDifficulty()',
  },
  BondingManager: {
    '0xb78d27dc': 'bond(uint256,address)',
    '0x6bd9add4': 'bondWithHint(uint256,address,address,address,address,address)',
    '0xee4e804a': 'bondForWithHint(uint256,address,address,address,address,address,address)',
    '0x27de9e32': 'unbond(uint256)',
    '0x9500ed9b': 'unbondWithHint(uint256,address,address)',
    '0xeaffb3f9': 'rebond(uint256)',
    '0x7fc4606f': 'rebondWithHint(uint256,address,address)',
    '0x3a080e93': 'rebondFromUnbonded(address,uint256)',
    '0x0584a373': 'rebondFromUnbondedWithHint(address,uint256,address,address)',
    '0x25d5971f': 'withdrawStake(uint256)',
    '0xad3b1b47': 'withdrawFees(address,uint256)',
    '0x228cb733': 'reward()',
    '0x81871056': 'rewardWithHint(address,address)',
    '0x43d3461a': 'transcoder(uint256,uint256)',
    '0x3550aa10': 'transcoderWithHint(uint256,uint256,address,address)',
    '0x24b1babf': 'claimEarnings(uint256)',
    '0xd52bd62b': 'checkpointBondingState(address)',
    '0xa64ad595': 'getDelegator(address)',
    '0x412f83b6': 'getDelegatorUnbondingLock(address,uint256)',
    '0x5dce9948': 'getTranscoder(address)',
    '0x24454fc4': 'getTranscoderEarningsPoolForRound(address,uint256)',
    '0x9d0b2c7a': 'pendingStake(address,uint256)',
    '0xf595f1cc': 'pendingFees(address,uint256)',
    '0x9ef9df94': 'transcoderTotalStake(address)',
    '0x5c50c356': 'getTotalBonded()',
    '0x08802374': 'isActiveTranscoder(address)',
    '0x68ba170c': 'isRegisteredTranscoder(address)',
    '0x8b2f1652': 'transcoderStatus(address)',
    '0x1544fc67': 'delegatorStatus(address)',
    '0x2a4e0d55': 'getTranscoderPoolSize()',
    '0x5a2a75a9': 'getTranscoderPoolMaxSize()',
    '0x88a6c749': 'getFirstTranscoderInPool()',
    '0x235c9603': 'getNextTranscoderInPool(address)',
    '0x4196ee75': 'currentRoundTotalActiveStake()',
    '0x465501d3': 'nextRoundTotalActiveStake()',
    '0x6cf6d675': 'unbondingPeriod()',
    '0x558f8f44': 'treasuryRewardCutRate()',
  },
  RoundsManager: {
    '0x8a19c8bc': 'currentRound()',
    '0x219bc76c': 'currentRoundInitialized()',
    '0x6841f253': 'currentRoundLocked()',
    '0x8fa148f2': 'currentRoundStartBlock()',
    '0x8807f36e': 'lastInitializedRound()',
    '0x8b649b94': 'roundLength()',
    '0xf5b490d5': 'roundLockAmount()',
    '0x8ae63d6d': 'blockNum()',
    '0x3aa4add4': 'blockHashForRound(uint256)',
    '0x85df51fd': 'blockHash(uint256)',
    '0xd4807fb2': 'initializeRound()',
  },
  TicketBroker: {
    '0x6caa736b': 'fundDeposit()',
    '0x6f9c3c8f': 'fundReserve()',
    '0x511f4073': 'fundDepositAndReserve(uint256,uint256)',
    '0x989f789c': 'fundDepositAndReserveFor(address,uint256,uint256)',
    '0xec8b3cb6': 'redeemWinningTicket((address,address,uint256,uint256,uint256,bytes32,bytes),bytes,uint256)',
    '0xd01b808e':
      'batchRedeemWinningTickets((address,address,uint256,uint256,uint256,bytes32,bytes)[],bytes[],uint256[])',
    '0xa69df4b5': 'unlock()',
    '0xc2c4c2c8': 'cancelUnlock()',
    '0x3ccfd60b': 'withdraw()',
    '0xe1a589da': 'getSenderInfo(address)',
    '0x5b6333eb': 'getReserveInfo(address)',
    '0x81779f38': 'claimableReserve(address,address)',
    '0x4ac826da': 'claimedReserve(address,address)',
    '0x59a515ba': 'usedTickets(bytes32)',
    '0xb03fa864': 'getTicketHash((address,address,uint256,uint256,uint256,bytes32,bytes))',
    '0x121cdcc2': 'isUnlockInProgress(address)',
    '0x20d3a0b4': 'unlockPeriod()',
    '0x856a2cf8': 'ticketValidityPeriod()',
  },
  ServiceRegistry: {
    '0x5f11301b': 'setServiceURI(string)',
    '0x214c2a4b': 'getServiceURI(address)',
  },
  Minter: {
    '0x9ae6309a': 'currentMintableTokens()',
    '0x2de22cdb': 'currentMintedTokens()',
    '0xbe0522e0': 'inflation()',
    '0xa7c83514': 'inflationChange()',
    '0x821b771f': 'targetBondingRate()',
    '0x5507442d': 'getGlobalTotalSupply()',
  },
  LivepeerToken: {
    '0x70a08231': 'balanceOf(address)',
    '0x095ea7b3': 'approve(address,uint256)',
    '0xdd62ed3e': 'allowance(address,address)',
    '0xa9059cbb': 'transfer(address,uint256)',
    '0xd505accf': 'permit(address,address,uint256,uint256,uint8,bytes32,bytes32)',
    '0x313ce567': 'decimals()',
  },
  // Governance: the OpenZeppelin Governor / IVotes / TimelockController selectors that
  // LivepeerGovernor, BondingVotes and Treasury keep on mainnet.
  PollCreator: {
    '0x4d2942ab': 'createPoll(bytes)',
    '0xcb61e46e': 'POLL_PERIOD()',
    '0x5359fbc0': 'POLL_CREATION_COST()',
    '0x2e80d9b6': 'QUORUM()',
    '0xa502303b': 'QUOTA()',
  },
  LivepeerGovernor: {
    '0x7d5e81e2': 'propose(address[],uint256[],bytes[],string)',
    '0x56781388': 'castVote(uint256,uint8)',
    '0x7b3c71d3': 'castVoteWithReason(uint256,uint8,string)',
    '0x3e4f49e6': 'state(uint256)',
    '0xf8ce560a': 'quorum(uint256)',
    '0x544ffc9c': 'proposalVotes(uint256)',
    '0x43859632': 'hasVoted(uint256,address)',
    '0x2d63f693': 'proposalSnapshot(uint256)',
    '0xc01f9e37': 'proposalDeadline(uint256)',
    '0x160cbed7': 'queue(address[],uint256[],bytes[],bytes32)',
    '0x2656227d': 'execute(address[],uint256[],bytes[],bytes32)',
    '0xc59057e4': 'hashProposal(address[],uint256[],bytes[],bytes32)',
    '0xeb9019d4': 'getVotes(address,uint256)',
    '0x3932abb1': 'votingDelay()',
    '0x02a251a3': 'votingPeriod()',
    '0xb58131b0': 'proposalThreshold()',
    '0xcebe09c9': 'quota()',
    '0x91ddadf4': 'clock()',
    '0xd33219b4': 'timelock()',
  },
  BondingVotes: {
    '0x9ab24eb0': 'getVotes(address)',
    '0x3a46b1a8': 'getPastVotes(address,uint256)',
    '0x8e539e8c': 'getPastTotalSupply(uint256)',
    '0x18160ddd': 'totalSupply()',
    '0x587cde1e': 'delegates(address)',
    '0xf92e135b': 'delegatedAt(address,uint256)',
    '0x91ddadf4': 'clock()',
  },
  // Arbitrum's cache of the L1 supply, which the Minter adds to the L2 supply
  // Chainlink's AggregatorV3Interface, as the ETH/USD proxy on Arbitrum One answers it
  DevnetPriceFeed: {
    '0x313ce567': 'decimals()',
    '0x7284e416': 'description()',
    '0x54fd4d50': 'version()',
    '0x9a6fc8f5': 'getRoundData(uint80)',
    '0xfeaf968c': 'latestRoundData()',
  },
  DevnetEurUsdFeed: {
    '0x313ce567': 'decimals()',
    '0x7284e416': 'description()',
    '0x54fd4d50': 'version()',
    '0x9a6fc8f5': 'getRoundData(uint80)',
    '0xfeaf968c': 'latestRoundData()',
  },
  L2LPTDataCache: {
    '0xfb1c5ee9': 'l1CirculatingSupply()',
    '0xb8331385': 'l1TotalSupply()',
    '0x2b824273': 'l2SupplyFromL1()',
  },
  Treasury: {
    '0xf27a0c92': 'getMinDelay()',
    '0x8f2a0bb0': 'scheduleBatch(address[],uint256[],bytes[],bytes32,bytes32,uint256)',
    '0xe38335e5': 'executeBatch(address[],uint256[],bytes[],bytes32,bytes32)',
    '0x2ab0f529': 'isOperationDone(bytes32)',
  },
  Controller: {
    '0xe16c7d98': 'getContract(bytes32)',
  },
};

// (PollCreator's selectors and topics: keccak-256 of the signatures by @noble/hashes, checked against
// Poll.vote's well-known 0x0121b93f)
const TOPICS: Partial<Record<ContractName, Record<string, string>>> = {
  BondingManager: {
    Bond: '0xe5917769f276ddca9f2ee7c6b0b33e1d1e1b61008010ce622c632dd20d168a23',
    Unbond: '0x2d5d98d189bee5496a08db2a5948cb7e5e786f09d17d0c3f228eb41776c24a06',
    Rebond: '0x9f5b64cc71e1e26ff178caaa7877a04d8ce66fde989251870e80e6fbee690c17',
    WithdrawStake: '0x1340f1a8f3d456a649e1a12071dfa15655e3d09252131d0f980c3b405cc8dd2e',
    WithdrawFees: '0x4f1b51dd7a2fcb861aa2670f668be66835c4ee12b4bbbf037e4d0018f39819e4',
    Reward: '0x619caafabdd75649b302ba8419e48cccf64f37f1983ac4727cfb38b57703ffc9',
    TreasuryReward: '0x40e200718fe552021167687e5491d09f5931275b6f88f14a462650f0effb5237',
    TranscoderUpdate: '0x7346854431dbb3eb8e373c604abf89e90f4865b8447e1e2834d7b3e4677bf544',
    TranscoderActivated: '0x65d72d782835d64c3287844a829608d5abdc7e864cc9affe96d910ab3db665e9',
    TranscoderDeactivated: '0xfee3e693fc72d0a0a673805f3e606c551f4c677b9072444b90dd2d0406bc995c',
    EarningsClaimed: '0xd7eab0765b772ea6ea859d5633baf737502198012e930f257f90013d9b211094',
    TranscoderSlashed: '0xf4b71fed8e2c9a8c67c388bc6d35ad20b9368a24eed6d565459f2b277b6c0c22',
    ParameterUpdate: '0x9f5033568d78ae30f29f01e944f97b2216493bd19d1b46d429673acff3dcd674',
  },
  RoundsManager: { NewRound: '0x22f2fc17c5daf07db2379b3a03a8ef20a183f761097a58fce219c8a14619e786' },
  TicketBroker: {
    DepositFunded: '0x5159e237d952190e68d5215430f305831be7c9c8776d1377c76679ae4773413f',
    ReserveFunded: '0xb52b99b9e83551fcbd069b559cc3e823e2a1a3bad8ece46561ea77524394c850',
    ReserveClaimed: '0x5c2b394723f408a40a60335e24b71829642e35f350cebe2036a96a66e895ea98',
    WinningTicketRedeemed: '0xc389eb51ed006dbf2528507f010efdf5225ea596e1e1741d74f550dab1925ee7',
    WinningTicketTransfer: '0x8b87351a208c06e3ceee59d80725fd77a23b4129e1b51ca231fc89b40712649c',
    Unlock: '0xf7870c5b224cbc19873599e46ccfc7103934650509b1af0c3ce90138377c2004',
    UnlockCancelled: '0xfa044b7b93a40365dc68049797c2eb06918523d694e5d56e406cac3eb35578e5',
    Withdrawal: '0xdf273cb619d95419a9cd0ec88123a0538c85064229baa6363788f743fff90deb',
  },
  ServiceRegistry: { ServiceURIUpdate: '0xfbb63068732c85741c9f8e61caffaabe038d577bfafd2d2dcc0e352a4f653a4c' },
  Minter: { SetCurrentRewardTokens: '0x39567a366345edf17f50c1967a31b597745186c4632f34c4f8ebe06b6890784d' },
  LivepeerGovernor: {
    ProposalCreated: '0x7d84a6263ae0d98d3329bd7b46bb4e8d6f98cd35a7adb45c274c8b7fd5ebd5e0',
    VoteCast: '0xb8e138887d0aa13bab447e82de9d5c1777041ecd21ca36ba824ff1e6c07ddda4',
    ProposalQueued: '0x9a2e42fd6722813d69113e7d0079d3d940171428df7373df9c7f7617cfda2892',
    ProposalExecuted: '0x712ae1383f79ac853f8d882153778e0260ef8f03b504e2866e0593e04d2b291f',
  },
  PollCreator: { PollCreated: '0x8afbc4e1826cefcfc1e64fd5ff7d8484e700867fdbe36e9b6db047c010a6229e' },
  BondingVotes: {
    DelegateVotesChanged: '0xdec2bacdd2f05b59de34da9b523dff8be42e5e38e818c82fdb0bae774387a724',
    DelegateChanged: '0x3134e8a2e6d97e929a7e54011ea5485d7d196dd5f0ba4d4ef95803e8e3fc257f',
    DelegatorBondedAmountChanged: '0x1232f54fc2d34f79dc63b496ab493d834655fc2ea6d945ca547e9be242fd2b72',
  },
};

describe('mainnet selectors in the devnet ABIs', () => {
  for (const [contract, selectors] of Object.entries(SELECTORS) as [ContractName, Record<string, string>][]) {
    it(`${contract} has every function the app uses, with the mainnet selector`, () => {
      const { methodIdentifiers } = loadArtifact(contract);
      for (const [selector, signature] of Object.entries(selectors)) {
        expect(`0x${methodIdentifiers[signature] ?? 'missing'}`, signature).toBe(selector);
      }
    });
  }

  for (const [contract, topics] of Object.entries(TOPICS) as [ContractName, Record<string, string>][]) {
    it(`${contract} emits every event the app indexes, with the mainnet topic0`, () => {
      const iface = new Interface(loadArtifact(contract).abi);
      for (const [name, topic] of Object.entries(topics)) {
        const event = iface.getEvent(name);
        expect(event, name).not.toBeNull();
        expect(id(event!.format('sighash')), name).toBe(topic);
      }
    });
  }
});
