// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import "./Manager.sol";
import "./MathUtils.sol";

interface IBondingManagerVotesView {
    function nextRoundTotalActiveStake() external view returns (uint256);
    function getTranscoderEarningsPoolForRound(address _transcoder, uint256 _round)
        external
        view
        returns (uint256, uint256, uint256, uint256 cumulativeRewardFactor, uint256);
}

/// @title BondingVotes
/// @notice Voting power from staked LPT, in rounds (ERC-6372 clock "mode=livepeer_round"). The
/// BondingManager checkpoints an account's bonding state whenever it changes, counting from the
/// next round. As on mainnet: a past round's power is the state at the start of the round after
/// it, and rounds that are not in the past are refused (`FutureLookup`); an orchestrator votes with
/// its whole delegated stake; a delegator with its bonded stake plus the rewards it has not
/// claimed yet (the cumulative reward factors of its orchestrator's last reward round).
contract BondingVotes is Manager {
    struct BondingCheckpoint {
        uint256 bondedAmount;
        address delegateAddress;
        uint256 delegatedAmount;
        uint256 lastClaimRound;
        uint256 lastRewardRound;
    }

    struct History {
        uint256[] rounds;
        mapping(uint256 => BondingCheckpoint) byRound;
    }

    mapping(address => History) private histories;
    uint256[] private totalRounds;
    mapping(uint256 => uint256) private totalActiveStakeAt;

    error InvalidStartRound(uint256 checkpointRound, uint256 requiredRound);
    error FutureLastClaimRound(uint256 lastClaimRound, uint256 maxAllowed);
    error InvalidTotalStakeCheckpointRound(uint256 checkpointRound, uint256 requiredRound);
    error FutureLookup(uint256 queryRound, uint256 maxAllowed);
    error MissingEarningsPool(address transcoder, uint256 round);
    error MustCallBondingManager(string bondingManagerFunction);

    event DelegateChanged(address indexed delegator, address indexed fromDelegate, address indexed toDelegate);
    event DelegateVotesChanged(address indexed delegate, uint256 previousVotes, uint256 newVotes);
    event DelegatorBondedAmountChanged(
        address indexed delegate,
        uint256 previousBondedAmount,
        uint256 previousLastClaimRound,
        uint256 newBondedAmount,
        uint256 newLastClaimRound
    );

    constructor(address _controller) Manager(_controller) {}

    modifier onlyBondingManager() {
        require(msg.sender == lookup("BondingManager"), "caller must be BondingManager");
        _;
    }

    /// @dev Only rounds before the current one: their stake can no longer change.
    modifier onlyPastRounds(uint256 _round) {
        uint256 current = clock();
        if (_round >= current) revert FutureLookup(_round, current == 0 ? 0 : current - 1);
        _;
    }

    // ---- ERC-20-like metadata and ERC-6372 clock ----

    function name() external pure returns (string memory) {
        return "Livepeer Voting Power";
    }

    function symbol() external pure returns (string memory) {
        return "vLPT";
    }

    function decimals() external pure returns (uint8) {
        return 18;
    }

    function clock() public view returns (uint48) {
        return uint48(roundsManager().currentRound());
    }

    function CLOCK_MODE() external pure returns (string memory) {
        return "mode=livepeer_round";
    }

    // ---- IVotes (a round's power is the state at the start of the next round) ----

    function getVotes(address _account) external view returns (uint256 votes) {
        (votes, ) = getVotesAndDelegateAtRoundStart(_account, clock() + 1);
    }

    function getPastVotes(address _account, uint256 _round) external view onlyPastRounds(_round) returns (uint256 votes) {
        (votes, ) = getVotesAndDelegateAtRoundStart(_account, _round + 1);
    }

    function totalSupply() external view returns (uint256) {
        return getTotalActiveStakeAt(clock() + 1);
    }

    function getPastTotalSupply(uint256 _round) external view onlyPastRounds(_round) returns (uint256) {
        return getTotalActiveStakeAt(_round + 1);
    }

    function delegates(address _account) external view returns (address delegateAddress) {
        (, delegateAddress) = getVotesAndDelegateAtRoundStart(_account, clock() + 1);
    }

    function delegatedAt(address _account, uint256 _round)
        external
        view
        onlyPastRounds(_round)
        returns (address delegateAddress)
    {
        (, delegateAddress) = getVotesAndDelegateAtRoundStart(_account, _round + 1);
    }

    /// @notice Delegation is bonding: use the BondingManager.
    function delegate(address) external pure {
        revert MustCallBondingManager("bond");
    }

    function delegateBySig(address, uint256, uint256, uint8, bytes32, bytes32) external pure {
        revert MustCallBondingManager("bondFor");
    }

    // ---- checkpoints (BondingManager only) ----

    function checkpointBondingState(
        address _account,
        uint256 _startRound,
        uint256 _bondedAmount,
        address _delegateAddress,
        uint256 _delegatedAmount,
        uint256 _lastClaimRound,
        uint256 _lastRewardRound
    ) external onlyBondingManager {
        uint256 next = clock() + 1;
        if (_startRound != next) revert InvalidStartRound(_startRound, next);
        if (_lastClaimRound >= _startRound) revert FutureLastClaimRound(_lastClaimRound, _startRound - 1);
        History storage h = histories[_account];
        BondingCheckpoint memory prev = checkpointAt(_account, _startRound);
        uint256 n = h.rounds.length;
        if (n == 0 || h.rounds[n - 1] < _startRound) h.rounds.push(_startRound);
        BondingCheckpoint memory cur = BondingCheckpoint({
            bondedAmount: _bondedAmount,
            delegateAddress: _delegateAddress,
            delegatedAmount: _delegatedAmount,
            lastClaimRound: _lastClaimRound,
            lastRewardRound: _lastRewardRound
        });
        h.byRound[_startRound] = cur;
        emitChanges(_account, prev, cur);
    }

    function checkpointTotalActiveStake(uint256 _totalStake, uint256 _round) external onlyBondingManager {
        if (_round != clock()) revert InvalidTotalStakeCheckpointRound(_round, clock());
        uint256 n = totalRounds.length;
        if (n == 0 || totalRounds[n - 1] < _round) totalRounds.push(_round);
        totalActiveStakeAt[_round] = _totalStake;
    }

    function hasCheckpoint(address _account) external view returns (bool) {
        return histories[_account].rounds.length > 0;
    }

    // ---- historical stake ----

    /// @notice The total active stake at the start of `_round`: the stake fixed when it was
    /// initialized, else the next initialized round's, else the BondingManager's next-round stake.
    function getTotalActiveStakeAt(uint256 _round) public view returns (uint256) {
        if (_round > clock() + 1) revert FutureLookup(_round, clock() + 1);
        uint256 exact = totalActiveStakeAt[_round];
        if (exact > 0) return exact;
        uint256 i = firstAtOrAfter(totalRounds, _round);
        if (i == 0) return 0;
        if (i < totalRounds.length) return totalActiveStakeAt[totalRounds[i]];
        return IBondingManagerVotesView(lookup("BondingManager")).nextRoundTotalActiveStake();
    }

    function getVotesAndDelegateAtRoundStart(address _account, uint256 _round)
        public
        view
        returns (uint256 votes, address delegateAddress)
    {
        BondingCheckpoint memory c = checkpointAt(_account, _round);
        delegateAddress = c.delegateAddress;
        if (c.bondedAmount == 0) return (0, delegateAddress);
        if (isTranscoder(_account, c)) return (c.delegatedAmount, delegateAddress);
        votes = delegatorVotes(c, _round);
    }

    // ---- internals ----

    /// @dev A delegator's stake grown by its orchestrator's reward factors since its last claim.
    function delegatorVotes(BondingCheckpoint memory _c, uint256 _round) internal view returns (uint256) {
        address orchestrator = _c.delegateAddress;
        BondingCheckpoint memory t = checkpointAt(orchestrator, _round);
        if (!isTranscoder(orchestrator, t)) return 0; // delegated to an address that is no orchestrator
        if (t.lastRewardRound < _c.lastClaimRound) return _c.bondedAmount;
        uint256 startFactor = rewardFactor(orchestrator, _c.lastClaimRound);
        uint256 endFactor = 0;
        if (t.lastRewardRound > 0) {
            endFactor = rewardFactor(orchestrator, t.lastRewardRound);
            if (endFactor == 0) revert MissingEarningsPool(orchestrator, t.lastRewardRound);
        }
        if (startFactor == 0) startFactor = PreciseMathUtils.PERC_DIVISOR;
        if (endFactor == 0) endFactor = PreciseMathUtils.PERC_DIVISOR;
        return PreciseMathUtils.percOf(_c.bondedAmount, endFactor, startFactor);
    }

    function rewardFactor(address _transcoder, uint256 _round) internal view returns (uint256 factor) {
        (, , , factor, ) =
            IBondingManagerVotesView(lookup("BondingManager")).getTranscoderEarningsPoolForRound(_transcoder, _round);
    }

    function isTranscoder(address _account, BondingCheckpoint memory _c) internal pure returns (bool) {
        return _c.delegateAddress == _account && _c.bondedAmount > 0;
    }

    /// @dev The checkpoint in force at the start of `_round` (zero before the first one).
    function checkpointAt(address _account, uint256 _round) internal view returns (BondingCheckpoint memory c) {
        if (_round > clock() + 1) revert FutureLookup(_round, clock() + 1);
        History storage h = histories[_account];
        uint256 i = firstAtOrAfter(h.rounds, _round + 1);
        if (i > 0) c = h.byRound[h.rounds[i - 1]];
    }

    /// @dev ERC-5805-style events, as mainnet: delegate votes only for orchestrators, and the
    /// delegator's bonded amount and last claim round for everyone (voting power derives from them).
    function emitChanges(address _account, BondingCheckpoint memory _prev, BondingCheckpoint memory _cur) internal {
        if (_prev.delegateAddress != _cur.delegateAddress) {
            emit DelegateChanged(_account, _prev.delegateAddress, _cur.delegateAddress);
        }
        uint256 prevVotes = isTranscoder(_account, _prev) ? _prev.delegatedAmount : 0;
        uint256 curVotes = isTranscoder(_account, _cur) ? _cur.delegatedAmount : 0;
        if (prevVotes != curVotes) emit DelegateVotesChanged(_account, prevVotes, curVotes);
        if (_prev.bondedAmount != _cur.bondedAmount || _prev.lastClaimRound != _cur.lastClaimRound) {
            emit DelegatorBondedAmountChanged(
                _account, _prev.bondedAmount, _prev.lastClaimRound, _cur.bondedAmount, _cur.lastClaimRound
            );
        }
    }

    /// @dev Binary search: the first index whose round is >= `_round` (the length if none).
    function firstAtOrAfter(uint256[] storage _rounds, uint256 _round) internal view returns (uint256) {
        uint256 lo = 0;
        uint256 hi = _rounds.length;
        while (lo < hi) {
            uint256 mid = (lo + hi) / 2;
            if (_rounds[mid] < _round) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
