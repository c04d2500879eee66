// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import "./BondingStorage.sol";

/// @title BondingTranscoderPool
/// @notice Transcoder registration, the sorted active set (join, evict, resign, stake changes per
/// round) and reward minting with the treasury cut.
abstract contract BondingTranscoderPool is BondingStorage {
    using SortedDoublyLL for SortedDoublyLL.Data;

    function setNumActiveTranscoders(uint256 _numActiveTranscoders) external onlyControllerOwner {
        transcoderPool.setMaxSize(_numActiveTranscoders);
        emit ParameterUpdate("numActiveTranscoders");
    }

    /// @notice Takes effect at the next round's initialization.
    function setTreasuryRewardCutRate(uint256 _cutRate) external onlyControllerOwner {
        require(_cutRate <= PreciseMathUtils.PERC_DIVISOR, "_cutRate is invalid precise percentage");
        nextRoundTreasuryRewardCutRate = _cutRate;
        emit ParameterUpdate("nextRoundTreasuryRewardCutRate");
    }

    function setTreasuryBalanceCeiling(uint256 _ceiling) external onlyControllerOwner {
        treasuryBalanceCeiling = _ceiling;
        emit ParameterUpdate("treasuryBalanceCeiling");
    }

    function transcoder(uint256 _rewardCut, uint256 _feeShare) external {
        transcoderWithHint(_rewardCut, _feeShare, address(0), address(0));
    }

    function transcoderWithHint(uint256 _rewardCut, uint256 _feeShare, address _newPosPrev, address _newPosNext)
        public
        whenSystemNotPaused
        currentRoundInitialized
    {
        require(!roundsManager().currentRoundLocked(), "can't update transcoder params, current round is locked");
        require(MathUtils.validPerc(_rewardCut), "invalid rewardCut percentage");
        require(MathUtils.validPerc(_feeShare), "invalid feeShare percentage");
        require(isRegisteredTranscoder(msg.sender), "transcoder must be registered");

        Transcoder storage t = transcoders[msg.sender];
        uint256 round = roundsManager().currentRound();
        require(
            !isActiveTranscoder(msg.sender) || t.lastRewardRound == round,
            "caller can't be active or must have already called reward for the current round"
        );

        t.rewardCut = _rewardCut;
        t.feeShare = _feeShare;
        if (!transcoderPool.contains(msg.sender)) {
            tryToJoinActiveSet(msg.sender, delegators[msg.sender].delegatedAmount, round + 1, _newPosPrev, _newPosNext);
        }
        emit TranscoderUpdate(msg.sender, _rewardCut, _feeShare);
    }

    /// @notice Fixes the round's total active stake and applies a pending treasury rate. Only the RoundsManager.
    function setCurrentRoundTotalActiveStake() external {
        require(msg.sender == lookup("RoundsManager"), "caller must be RoundsManager");
        currentRoundTotalActiveStake = nextRoundTotalActiveStake;
        address votes = lookup("BondingVotes");
        if (votes != address(0)) {
            IBondingVotes(votes).checkpointTotalActiveStake(
                currentRoundTotalActiveStake, roundsManager().currentRound()
            );
        }
        if (nextRoundTreasuryRewardCutRate != treasuryRewardCutRate) {
            treasuryRewardCutRate = nextRoundTreasuryRewardCutRate;
            emit ParameterUpdate("treasuryRewardCutRate");
        }
    }

    function getTranscoderPoolMaxSize() external view returns (uint256) {
        return transcoderPool.maxSize;
    }

    function getTranscoderPoolSize() external view returns (uint256) {
        return transcoderPool.size;
    }

    function getFirstTranscoderInPool() external view returns (address) {
        return transcoderPool.head;
    }

    function getNextTranscoderInPool(address _transcoder) external view returns (address) {
        return transcoderPool.getNext(_transcoder);
    }

    function reward() external {
        rewardWithHint(address(0), address(0));
    }

    function rewardWithHint(address _newPosPrev, address _newPosNext)
        public
        whenSystemNotPaused
        currentRoundInitialized
    {
        uint256 round = roundsManager().currentRound();
        require(isActiveTranscoder(msg.sender), "caller must be an active transcoder");
        Transcoder storage t = transcoders[msg.sender];
        require(t.lastRewardRound != round, "caller has already called reward for the current round");

        EarningsPool storage pool = t.earningsPoolPerRound[round];
        pool.transcoderRewardCut = t.rewardCut;
        pool.transcoderFeeShare = t.feeShare;
        // The round's stake is only written on stake changes; carry the last one forward
        uint256 lastUpdateRound = t.lastActiveStakeUpdateRound;
        if (lastUpdateRound < round) {
            pool.totalStake = t.earningsPoolPerRound[lastUpdateRound].totalStake;
        }

        address trsry = lookup("Treasury");
        if (treasuryBalanceCeiling > 0 && nextRoundTreasuryRewardCutRate > 0) {
            if (livepeerToken().balanceOf(trsry) >= treasuryBalanceCeiling) {
                nextRoundTreasuryRewardCutRate = 0;
                emit ParameterUpdate("nextRoundTreasuryRewardCutRate");
            }
        }

        IMinter mtr = minter();
        uint256 totalRewardTokens = mtr.createReward(pool.totalStake, currentRoundTotalActiveStake);
        uint256 treasuryRewards = PreciseMathUtils.percOf(totalRewardTokens, treasuryRewardCutRate);
        if (treasuryRewards > 0) {
            mtr.trustedTransferTokens(trsry, treasuryRewards);
            emit TreasuryReward(msg.sender, trsry, treasuryRewards);
        }
        uint256 transcoderRewards = totalRewardTokens - treasuryRewards;
        updateTranscoderWithRewards(msg.sender, transcoderRewards, round, _newPosPrev, _newPosNext);
        t.lastRewardRound = round;
        // BondingVotes reads the reward round's factors for delegators' voting power
        checkpoint(msg.sender);
        emit Reward(msg.sender, transcoderRewards);
    }

    function updateTranscoderWithRewards(
        address _transcoder,
        uint256 _rewards,
        uint256 _round,
        address _newPosPrev,
        address _newPosNext
    ) internal {
        Transcoder storage t = transcoders[_transcoder];
        EarningsPool storage pool = t.earningsPoolPerRound[_round];
        EarningsPool memory prevPool = cumulativeFactorsPool(t, t.lastRewardRound);
        t.activeCumulativeRewards = t.cumulativeRewards;

        uint256 transcoderCommissionRewards = MathUtils.percOf(_rewards, pool.transcoderRewardCut);
        uint256 delegatorsRewards = _rewards - transcoderCommissionRewards;
        // What the transcoder's own uncompounded rewards earn as stake
        uint256 transcoderRewardStakeRewards =
            PreciseMathUtils.percOf(delegatorsRewards, t.activeCumulativeRewards, pool.totalStake);
        t.cumulativeRewards += transcoderRewardStakeRewards + transcoderCommissionRewards;

        uint256 prevCRF = prevPool.cumulativeRewardFactor != 0 ? prevPool.cumulativeRewardFactor : PreciseMathUtils.PERC_DIVISOR;
        pool.cumulativeRewardFactor = prevCRF + PreciseMathUtils.percOf(prevCRF, delegatorsRewards, pool.totalStake);

        increaseTotalStake(_transcoder, _rewards, _newPosPrev, _newPosNext);
    }

    function increaseTotalStake(address _delegate, uint256 _amount, address _newPosPrev, address _newPosNext) internal {
        uint256 currStake = transcoderTotalStake(_delegate);
        uint256 newStake = currStake + _amount;
        uint256 round = roundsManager().currentRound();
        if (isRegisteredTranscoder(_delegate)) {
            if (transcoderPool.contains(_delegate)) {
                transcoderPool.updateKey(_delegate, newStake, _newPosPrev, _newPosNext);
                nextRoundTotalActiveStake += _amount;
                recordStakeChange(transcoders[_delegate], currStake, newStake, round);
            } else {
                tryToJoinActiveSet(_delegate, newStake, round + 1, _newPosPrev, _newPosNext);
            }
        }
        delegators[_delegate].delegatedAmount = newStake;
        checkpoint(_delegate);
    }

    function decreaseTotalStake(address _delegate, uint256 _amount, address _newPosPrev, address _newPosNext) internal {
        uint256 currStake = transcoderTotalStake(_delegate);
        uint256 newStake = currStake - _amount;
        if (transcoderPool.contains(_delegate)) {
            uint256 round = roundsManager().currentRound();
            transcoderPool.updateKey(_delegate, newStake, _newPosPrev, _newPosNext);
            nextRoundTotalActiveStake -= _amount;
            recordStakeChange(transcoders[_delegate], currStake, newStake, round);
        }
        delegators[_delegate].delegatedAmount = newStake;
        checkpoint(_delegate);
    }

    /// @dev Stake changes count from the next round; the current round keeps the stake it started with.
    function recordStakeChange(Transcoder storage t, uint256 _currStake, uint256 _newStake, uint256 _round) internal {
        if (t.lastActiveStakeUpdateRound < _round) {
            t.earningsPoolPerRound[_round].totalStake = _currStake;
        }
        t.earningsPoolPerRound[_round + 1].totalStake = _newStake;
        t.lastActiveStakeUpdateRound = _round + 1;
    }

    function tryToJoinActiveSet(
        address _transcoder,
        uint256 _totalStake,
        uint256 _activationRound,
        address _newPosPrev,
        address _newPosNext
    ) internal {
        uint256 pendingNextRoundTotalActiveStake = nextRoundTotalActiveStake;
        if (transcoderPool.isFull()) {
            address lastTranscoder = transcoderPool.tail;
            uint256 lastStake = transcoderTotalStake(lastTranscoder);
            // Only a strictly larger stake evicts the smallest member
            if (_totalStake <= lastStake) return;
            transcoderPool.remove(lastTranscoder);
            transcoders[lastTranscoder].deactivationRound = _activationRound;
            pendingNextRoundTotalActiveStake -= lastStake;
            emit TranscoderDeactivated(lastTranscoder, _activationRound);
        }
        transcoderPool.insert(_transcoder, _totalStake, _newPosPrev, _newPosNext);
        pendingNextRoundTotalActiveStake += _totalStake;
        Transcoder storage t = transcoders[_transcoder];
        t.lastActiveStakeUpdateRound = _activationRound;
        t.activationRound = _activationRound;
        t.deactivationRound = MAX_FUTURE_ROUND;
        t.earningsPoolPerRound[_activationRound].totalStake = _totalStake;
        nextRoundTotalActiveStake = pendingNextRoundTotalActiveStake;
        emit TranscoderActivated(_transcoder, _activationRound);
    }

    function resignTranscoder(address _transcoder) internal {
        transcoderPool.remove(_transcoder);
        nextRoundTotalActiveStake -= transcoderTotalStake(_transcoder);
        uint256 deactivationRound = roundsManager().currentRound() + 1;
        transcoders[_transcoder].deactivationRound = deactivationRound;
        emit TranscoderDeactivated(_transcoder, deactivationRound);
    }
}
