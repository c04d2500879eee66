// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import "./Manager.sol";
import "./MathUtils.sol";
import "./SortedDoublyLL.sol";

/// @title BondingStorage
/// @notice The BondingManager's state, events and the helpers its parts share: status views, the
/// BondingVotes checkpoint and the LIP-36 factor look-ups. All state lives here (and in Manager),
/// so the storage layout is the same as when BondingManager was one contract; its parts add none.
abstract contract BondingStorage is Manager {
    uint256 internal constant MAX_FUTURE_ROUND = type(uint256).max;

    struct EarningsPool {
        uint256 totalStake;
        uint256 transcoderRewardCut;
        uint256 transcoderFeeShare;
        uint256 cumulativeRewardFactor;
        uint256 cumulativeFeeFactor;
    }

    struct Transcoder {
        uint256 lastRewardRound;
        uint256 rewardCut; // share of rewards the transcoder keeps, ppm
        uint256 feeShare; // share of fees paid to delegators, ppm
        mapping(uint256 => EarningsPool) earningsPoolPerRound;
        uint256 lastActiveStakeUpdateRound;
        uint256 activationRound;
        uint256 deactivationRound;
        uint256 activeCumulativeRewards;
        uint256 cumulativeRewards;
        uint256 cumulativeFees;
        uint256 lastFeeRound;
    }

    struct UnbondingLock {
        uint256 amount;
        uint256 withdrawRound;
    }

    struct Delegator {
        uint256 bondedAmount;
        uint256 fees;
        address delegateAddress;
        uint256 delegatedAmount;
        uint256 startRound;
        uint256 lastClaimRound;
        uint256 nextUnbondingLockId;
        mapping(uint256 => UnbondingLock) unbondingLocks;
    }

    // Same numbering as mainnet
    uint8 internal constant TRANSCODER_NOT_REGISTERED = 0;
    uint8 internal constant TRANSCODER_REGISTERED = 1;
    uint8 internal constant DELEGATOR_PENDING = 0;
    uint8 internal constant DELEGATOR_BONDED = 1;
    uint8 internal constant DELEGATOR_UNBONDED = 2;

    uint64 public unbondingPeriod;
    uint256 public currentRoundTotalActiveStake;
    uint256 public nextRoundTotalActiveStake;
    // Share of minted rewards routed to the treasury, over PreciseMathUtils.PERC_DIVISOR (1e27)
    uint256 public treasuryRewardCutRate;
    uint256 public nextRoundTreasuryRewardCutRate;
    uint256 public treasuryBalanceCeiling;

    mapping(address => Delegator) internal delegators;
    mapping(address => Transcoder) internal transcoders;
    SortedDoublyLL.Data internal transcoderPool;

    event TranscoderUpdate(address indexed transcoder, uint256 rewardCut, uint256 feeShare);
    event TranscoderActivated(address indexed transcoder, uint256 activationRound);
    event TranscoderDeactivated(address indexed transcoder, uint256 deactivationRound);
    event TranscoderSlashed(address indexed transcoder, address finder, uint256 penalty, uint256 finderReward);
    event Reward(address indexed transcoder, uint256 amount);
    event TreasuryReward(address indexed transcoder, address treasury, uint256 amount);
    event Bond(
        address indexed newDelegate,
        address indexed oldDelegate,
        address indexed delegator,
        uint256 additionalAmount,
        uint256 bondedAmount
    );
    event Unbond(
        address indexed delegate,
        address indexed delegator,
        uint256 unbondingLockId,
        uint256 amount,
        uint256 withdrawRound
    );
    event Rebond(address indexed delegate, address indexed delegator, uint256 unbondingLockId, uint256 amount);
    event WithdrawStake(address indexed delegator, uint256 unbondingLockId, uint256 amount, uint256 withdrawRound);
    event WithdrawFees(address indexed delegator, address recipient, uint256 amount);
    event EarningsClaimed(
        address indexed delegate,
        address indexed delegator,
        uint256 rewards,
        uint256 fees,
        uint256 startRound,
        uint256 endRound
    );

    constructor(address _controller) Manager(_controller) {}

    modifier currentRoundInitialized() {
        require(roundsManager().currentRoundInitialized(), "current round is not initialized");
        _;
    }

    /// @notice Writes `_account`'s current bonding state to BondingVotes (for accounts bonded
    /// before BondingVotes was registered).
    function checkpointBondingState(address _account) external {
        checkpoint(_account);
    }

    /// @dev Voting power follows stake: each change is checkpointed in BondingVotes, counting from
    /// the next round. Skipped while no BondingVotes is registered.
    function checkpoint(address _account) internal {
        address votes = lookup("BondingVotes");
        if (votes == address(0)) return;
        Delegator storage del = delegators[_account];
        IBondingVotes(votes).checkpointBondingState(
            _account,
            roundsManager().currentRound() + 1,
            del.bondedAmount,
            del.delegateAddress,
            del.delegatedAmount,
            del.lastClaimRound,
            transcoders[_account].lastRewardRound
        );
    }

    function transcoderTotalStake(address _transcoder) public view returns (uint256) {
        return delegators[_transcoder].delegatedAmount;
    }

    /// @notice The current round's total active stake (not all bonded LPT), as on mainnet.
    function getTotalBonded() external view returns (uint256) {
        return currentRoundTotalActiveStake;
    }

    function isActiveTranscoder(address _transcoder) public view returns (bool) {
        Transcoder storage t = transcoders[_transcoder];
        uint256 round = roundsManager().currentRound();
        return t.activationRound <= round && round < t.deactivationRound;
    }

    function isRegisteredTranscoder(address _transcoder) public view returns (bool) {
        Delegator storage d = delegators[_transcoder];
        return d.delegateAddress == _transcoder && d.bondedAmount > 0;
    }

    function transcoderStatus(address _transcoder) external view returns (uint8) {
        return isRegisteredTranscoder(_transcoder) ? TRANSCODER_REGISTERED : TRANSCODER_NOT_REGISTERED;
    }

    function delegatorStatus(address _delegator) public view returns (uint8) {
        Delegator storage del = delegators[_delegator];
        if (del.bondedAmount == 0) return DELEGATOR_UNBONDED;
        if (del.startRound > roundsManager().currentRound()) return DELEGATOR_PENDING;
        return DELEGATOR_BONDED;
    }

    function isValidUnbondingLock(address _delegator, uint256 _unbondingLockId) public view returns (bool) {
        return delegators[_delegator].unbondingLocks[_unbondingLockId].withdrawRound > 0;
    }

    function ensureInitializedCumulativeFactorsPool(address _transcoder, uint256 _round) internal {
        Transcoder storage t = transcoders[_transcoder];
        EarningsPool storage pool = t.earningsPoolPerRound[_round];
        if (pool.cumulativeRewardFactor == 0 && t.lastRewardRound < _round) {
            pool.cumulativeRewardFactor = t.earningsPoolPerRound[t.lastRewardRound].cumulativeRewardFactor;
        }
        if (pool.cumulativeFeeFactor == 0 && t.lastFeeRound < _round) {
            pool.cumulativeFeeFactor = t.earningsPoolPerRound[t.lastFeeRound].cumulativeFeeFactor;
        }
    }

    function cumulativeFactorsPool(Transcoder storage _t, uint256 _round) internal view returns (EarningsPool memory pool) {
        pool.cumulativeRewardFactor = _t.earningsPoolPerRound[_round].cumulativeRewardFactor;
        pool.cumulativeFeeFactor = _t.earningsPoolPerRound[_round].cumulativeFeeFactor;
    }

    /// @dev Factors at `_round`, falling back to the last reward / fee round before it.
    function latestCumulativeFactorsPool(Transcoder storage _t, uint256 _round)
        internal
        view
        returns (EarningsPool memory pool)
    {
        pool = cumulativeFactorsPool(_t, _round);
        if (pool.cumulativeRewardFactor == 0 && _t.lastRewardRound < _round) {
            pool.cumulativeRewardFactor = _t.earningsPoolPerRound[_t.lastRewardRound].cumulativeRewardFactor;
        }
        if (pool.cumulativeFeeFactor == 0 && _t.lastFeeRound < _round) {
            pool.cumulativeFeeFactor = _t.earningsPoolPerRound[_t.lastFeeRound].cumulativeFeeFactor;
        }
    }
}
