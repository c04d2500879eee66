// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import "./BondingStorage.sol";

/// @title BondingEarnings
/// @notice Fee crediting from redeemed tickets (LIP-36) and the delegator's side of earnings:
/// pending stake and fees, claiming, and fee withdrawal.
abstract contract BondingEarnings is BondingStorage {
    modifier autoClaimEarnings(address _delegator) {
        _autoClaimEarnings(_delegator);
        _;
    }

    function withdrawFees(address payable _recipient, uint256 _amount)
        external
        whenSystemNotPaused
        currentRoundInitialized
        autoClaimEarnings(msg.sender)
    {
        require(_recipient != address(0), "invalid recipient");
        uint256 fees = delegators[msg.sender].fees;
        require(fees >= _amount, "insufficient fees to withdraw");
        delegators[msg.sender].fees = fees - _amount;
        minter().trustedWithdrawETH(_recipient, _amount);
        emit WithdrawFees(msg.sender, _recipient, _amount);
    }

    function claimEarnings(uint256 _endRound) external whenSystemNotPaused currentRoundInitialized {
        _endRound; // ignored: earnings are always claimed through the current round
        _autoClaimEarnings(msg.sender);
    }

    /// @notice Credits fees from a redeemed ticket to the current round's pool (LIP-36). Only the TicketBroker.
    /// A registered orchestrator need not be active (as on mainnet); one whose current-round pool has no
    /// stake yet (registered this round) makes the share computation divide by zero, as on mainnet.
    function updateTranscoderWithFees(address _transcoder, uint256 _fees, uint256 _round)
        external
        whenSystemNotPaused
    {
        require(msg.sender == lookup("TicketBroker"), "caller must be TicketBroker");
        _round; // fees always go to the current round's pool
        require(isRegisteredTranscoder(_transcoder), "transcoder must be registered");

        uint256 round = roundsManager().currentRound();
        Transcoder storage t = transcoders[_transcoder];
        uint256 lastRewardRound = t.lastRewardRound;
        uint256 activeCumulativeRewards = t.activeCumulativeRewards;
        EarningsPool storage pool = t.earningsPoolPerRound[round];
        EarningsPool memory prevPool = latestCumulativeFactorsPool(t, round - 1);

        if (round > lastRewardRound) {
            // reward() has not run this round: set what it would have set
            pool.transcoderRewardCut = t.rewardCut;
            pool.transcoderFeeShare = t.feeShare;
            uint256 lastUpdateRound = t.lastActiveStakeUpdateRound;
            if (lastUpdateRound < round) {
                pool.totalStake = t.earningsPoolPerRound[lastUpdateRound].totalStake;
            }
            activeCumulativeRewards = t.cumulativeRewards;
        }

        uint256 totalStake = pool.totalStake;
        if (prevPool.cumulativeRewardFactor == 0 && lastRewardRound == round) {
            // Reward was called this round after a missed round: estimate last round's factor
            // from this round's rewards so fees are not credited at the post-reward rate
            IMinter mtr = minter();
            uint256 rewards = PreciseMathUtils.percOf(
                mtr.currentMintableTokens() + mtr.currentMintedTokens(), totalStake, currentRoundTotalActiveStake
            );
            rewards -= PreciseMathUtils.percOf(rewards, treasuryRewardCutRate);
            uint256 delegatorsRewards = rewards - MathUtils.percOf(rewards, pool.transcoderRewardCut);
            prevPool.cumulativeRewardFactor =
                PreciseMathUtils.percOf(pool.cumulativeRewardFactor, totalStake, delegatorsRewards + totalStake);
        }

        uint256 delegatorsFees = MathUtils.percOf(_fees, pool.transcoderFeeShare);
        uint256 transcoderCommissionFees = _fees - delegatorsFees;
        uint256 transcoderRewardStakeFees = PreciseMathUtils.percOf(delegatorsFees, activeCumulativeRewards, totalStake);
        t.cumulativeFees += transcoderRewardStakeFees + transcoderCommissionFees;

        uint256 prevCFF = prevPool.cumulativeFeeFactor;
        uint256 prevCRF = prevPool.cumulativeRewardFactor != 0 ? prevPool.cumulativeRewardFactor : PreciseMathUtils.PERC_DIVISOR;
        if (pool.cumulativeFeeFactor == 0) pool.cumulativeFeeFactor = prevCFF;
        pool.cumulativeFeeFactor += PreciseMathUtils.percOf(prevCRF, delegatorsFees, totalStake);
        t.lastFeeRound = round;
    }

    function pendingStake(address _delegator, uint256 _endRound) external view returns (uint256) {
        _endRound;
        (uint256 stake, ) = pendingStakeAndFees(_delegator, roundsManager().currentRound());
        return stake;
    }

    function pendingFees(address _delegator, uint256 _endRound) external view returns (uint256) {
        _endRound;
        (, uint256 fees) = pendingStakeAndFees(_delegator, roundsManager().currentRound());
        return fees;
    }

    function pendingStakeAndFees(address _delegator, uint256 _endRound)
        internal
        view
        returns (uint256 stake, uint256 fees)
    {
        Delegator storage del = delegators[_delegator];
        Transcoder storage t = transcoders[del.delegateAddress];
        stake = del.bondedAmount;
        fees = del.fees;
        uint256 startRound = del.lastClaimRound + 1;
        if (startRound <= _endRound) {
            EarningsPool memory startPool = cumulativeFactorsPool(t, startRound - 1);
            if (startPool.cumulativeRewardFactor == 0) startPool.cumulativeRewardFactor = PreciseMathUtils.PERC_DIVISOR;
            EarningsPool memory endPool = latestCumulativeFactorsPool(t, _endRound);
            if (endPool.cumulativeRewardFactor == 0) endPool.cumulativeRewardFactor = PreciseMathUtils.PERC_DIVISOR;
            fees += PreciseMathUtils.percOf(
                stake, endPool.cumulativeFeeFactor - startPool.cumulativeFeeFactor, startPool.cumulativeRewardFactor
            );
            stake = PreciseMathUtils.percOf(stake, endPool.cumulativeRewardFactor, startPool.cumulativeRewardFactor);
        }
        // The transcoder's own commission accrues outside the factors
        if (_delegator == del.delegateAddress) {
            stake += t.cumulativeRewards;
            fees += t.cumulativeFees;
        }
    }

    function _autoClaimEarnings(address _delegator) internal {
        uint256 round = roundsManager().currentRound();
        uint256 lastClaimRound = delegators[_delegator].lastClaimRound;
        if (lastClaimRound < round) {
            updateDelegatorWithEarnings(_delegator, round, lastClaimRound);
        }
    }

    function updateDelegatorWithEarnings(address _delegator, uint256 _endRound, uint256 _lastClaimRound) internal {
        Delegator storage del = delegators[_delegator];
        uint256 newBonded = del.bondedAmount;
        uint256 newFees = del.fees;
        address delegate = del.delegateAddress;
        if (delegate != address(0)) {
            (newBonded, newFees) = pendingStakeAndFees(_delegator, _endRound);
            // Pin the end round's factors so the next claim starts from them
            ensureInitializedCumulativeFactorsPool(delegate, _endRound);
            if (delegate == _delegator) {
                Transcoder storage t = transcoders[delegate];
                t.cumulativeRewards = 0;
                t.cumulativeFees = 0;
            }
        }
        emit EarningsClaimed(
            delegate, _delegator, newBonded - del.bondedAmount, newFees - del.fees, _lastClaimRound + 1, _endRound
        );
        del.lastClaimRound = _endRound;
        del.bondedAmount = newBonded;
        del.fees = newFees;
        checkpoint(_delegator);
    }
}
