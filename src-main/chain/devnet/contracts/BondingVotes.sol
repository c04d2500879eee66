// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import "./Manager.sol";

/// @title BondingVotes
/// @notice Voting power from staked LPT, in rounds (ERC-6372 clock "mode=livepeer_round"). The
/// BondingManager checkpoints an account's bonding state whenever it changes; a change counts from
/// the round it names (the next round). An orchestrator (self-delegated) votes with its whole
/// delegated stake; a delegator votes with its own bonded stake, which the governor's counting
/// subtracts from its orchestrator's vote when both vote (the override).
/// Devnet simplification: a delegator's power is its last-claimed bondedAmount (mainnet adds the
/// unclaimed rewards through the cumulative reward factors).
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

    event DelegateChanged(address indexed delegator, address indexed fromDelegate, address indexed toDelegate);
    event DelegateVotesChanged(address indexed delegate, uint256 previousVotes, uint256 newVotes);
    event DelegatorBondedAmountChanged(address indexed delegate, uint256 previousBondedAmount, uint256 newBondedAmount);

    constructor(address _controller) Manager(_controller) {}

    modifier onlyBondingManager() {
        require(msg.sender == lookup("BondingManager"), "caller must be BondingManager");
        _;
    }

    // ---- ERC-6372 clock ----

    function clock() public view returns (uint48) {
        return uint48(roundsManager().currentRound());
    }

    function CLOCK_MODE() external pure returns (string memory) {
        return "mode=livepeer_round";
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
        History storage h = histories[_account];
        BondingCheckpoint memory prev = latest(h);
        (uint256 prevVotes, ) = votesOf(_account, prev);
        uint256 n = h.rounds.length;
        require(n == 0 || h.rounds[n - 1] <= _startRound, "checkpoint round must not decrease");
        if (n == 0 || h.rounds[n - 1] < _startRound) h.rounds.push(_startRound);
        BondingCheckpoint memory next = BondingCheckpoint({
            bondedAmount: _bondedAmount,
            delegateAddress: _delegateAddress,
            delegatedAmount: _delegatedAmount,
            lastClaimRound: _lastClaimRound,
            lastRewardRound: _lastRewardRound
        });
        h.byRound[_startRound] = next;
        (uint256 newVotes, ) = votesOf(_account, next);

        if (prev.delegateAddress != _delegateAddress) {
            emit DelegateChanged(_account, prev.delegateAddress, _delegateAddress);
        }
        if (prevVotes != newVotes) emit DelegateVotesChanged(_account, prevVotes, newVotes);
        if (prev.bondedAmount != _bondedAmount && _delegateAddress != address(0)) {
            emit DelegatorBondedAmountChanged(_account, prev.bondedAmount, _bondedAmount);
        }
    }

    function checkpointTotalActiveStake(uint256 _totalStake, uint256 _round) external onlyBondingManager {
        uint256 n = totalRounds.length;
        if (n == 0 || totalRounds[n - 1] < _round) totalRounds.push(_round);
        totalActiveStakeAt[_round] = _totalStake;
    }

    function hasCheckpoint(address _account) external view returns (bool) {
        return histories[_account].rounds.length > 0;
    }

    // ---- IVotes ----

    function getVotes(address _account) external view returns (uint256) {
        return getPastVotes(_account, clock());
    }

    function getPastVotes(address _account, uint256 _round) public view returns (uint256 votes) {
        (votes, ) = getBondingStateAt(_account, _round);
    }

    function totalSupply() external view returns (uint256) {
        return getPastTotalSupply(clock());
    }

    /// @notice The total active stake fixed when `_round` (or the latest earlier round) was initialized.
    function getPastTotalSupply(uint256 _round) public view returns (uint256) {
        (bool found, uint256 r) = findAtOrBefore(totalRounds, _round);
        return found ? totalActiveStakeAt[r] : 0;
    }

    function delegates(address _account) external view returns (address) {
        return delegatedAt(_account, clock());
    }

    function delegatedAt(address _account, uint256 _round) public view returns (address delegateAddress) {
        (, delegateAddress) = getBondingStateAt(_account, _round);
    }

    function getBondingStateAt(address _account, uint256 _round)
        public
        view
        returns (uint256 amount, address delegateAddress)
    {
        History storage h = histories[_account];
        (bool found, uint256 r) = findAtOrBefore(h.rounds, _round);
        if (!found) return (0, address(0));
        return votesOf(_account, h.byRound[r]);
    }

    // ---- internals ----

    function votesOf(address _account, BondingCheckpoint memory _c)
        internal
        pure
        returns (uint256 amount, address delegateAddress)
    {
        delegateAddress = _c.delegateAddress;
        amount = delegateAddress == _account ? _c.delegatedAmount : _c.bondedAmount;
        if (delegateAddress == address(0)) amount = 0;
    }

    function latest(History storage h) internal view returns (BondingCheckpoint memory c) {
        uint256 n = h.rounds.length;
        if (n > 0) c = h.byRound[h.rounds[n - 1]];
    }

    /// @dev Binary search for the last entry <= `_round` in an ascending list.
    function findAtOrBefore(uint256[] storage _rounds, uint256 _round) internal view returns (bool, uint256) {
        uint256 lo = 0;
        uint256 hi = _rounds.length;
        while (lo < hi) {
            uint256 mid = (lo + hi) / 2;
            if (_rounds[mid] > _round) hi = mid;
            else lo = mid + 1;
        }
        if (lo == 0) return (false, 0);
        return (true, _rounds[lo - 1]);
    }
}
