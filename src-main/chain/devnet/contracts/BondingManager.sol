// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import "./Manager.sol";
import "./MathUtils.sol";
import "./SortedDoublyLL.sol";

/// @title BondingManager
/// @notice Bonding, the active transcoder set, reward minting and fee accounting. Earnings are
/// tracked with LIP-36 cumulative factors per transcoder and round: a delegator's stake grows by
/// CRF[end]/CRF[start] and its fees by stake * (CFF[end] - CFF[start]) / CRF[start]. The
/// transcoder's own commission is tracked apart in cumulativeRewards / cumulativeFees.
contract BondingManager is Manager {
    using SortedDoublyLL for SortedDoublyLL.Data;

    uint256 private constant MAX_FUTURE_ROUND = type(uint256).max;

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
    uint8 private constant TRANSCODER_NOT_REGISTERED = 0;
    uint8 private constant TRANSCODER_REGISTERED = 1;
    uint8 private constant DELEGATOR_PENDING = 0;
    uint8 private constant DELEGATOR_BONDED = 1;
    uint8 private constant DELEGATOR_UNBONDED = 2;

    uint64 public unbondingPeriod;
    uint256 public currentRoundTotalActiveStake;
    uint256 public nextRoundTotalActiveStake;
    // Share of minted rewards routed to the treasury, over PreciseMathUtils.PERC_DIVISOR (1e27)
    uint256 public treasuryRewardCutRate;
    uint256 public nextRoundTreasuryRewardCutRate;
    uint256 public treasuryBalanceCeiling;

    mapping(address => Delegator) private delegators;
    mapping(address => Transcoder) private transcoders;
    SortedDoublyLL.Data private transcoderPool;

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

    modifier autoClaimEarnings(address _delegator) {
        _autoClaimEarnings(_delegator);
        _;
    }

    // ---- parameters (Controller owner) ----

    function setUnbondingPeriod(uint64 _unbondingPeriod) external onlyControllerOwner {
        unbondingPeriod = _unbondingPeriod;
        emit ParameterUpdate("unbondingPeriod");
    }

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

    // ---- transcoder registration ----

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

    // ---- bonding ----

    function bond(uint256 _amount, address _to) external {
        bondForWithHint(_amount, msg.sender, _to, address(0), address(0), address(0), address(0));
    }

    function bondWithHint(
        uint256 _amount,
        address _to,
        address _oldDelegateNewPosPrev,
        address _oldDelegateNewPosNext,
        address _currDelegateNewPosPrev,
        address _currDelegateNewPosNext
    ) external {
        bondForWithHint(
            _amount,
            msg.sender,
            _to,
            _oldDelegateNewPosPrev,
            _oldDelegateNewPosNext,
            _currDelegateNewPosPrev,
            _currDelegateNewPosNext
        );
    }

    /// @notice Bonds `_amount` of the caller's LPT for `_owner` toward `_to`. A third party may only
    /// add to an existing delegation or start one that is not a self-delegation.
    function bondForWithHint(
        uint256 _amount,
        address _owner,
        address _to,
        address _oldDelegateNewPosPrev,
        address _oldDelegateNewPosNext,
        address _currDelegateNewPosPrev,
        address _currDelegateNewPosNext
    ) public whenSystemNotPaused currentRoundInitialized {
        require(_to != address(0), "INVALID_DELEGATE");
        _autoClaimEarnings(_owner);
        address oldDelegate = delegators[_owner].delegateAddress;
        if (msg.sender != _owner) {
            require(_owner != address(0), "INVALID_DELEGATOR");
            if (delegatorStatus(_owner) == DELEGATOR_UNBONDED) {
                require(_to != _owner, "INVALID_DELEGATE");
            } else {
                require(oldDelegate == _to, "INVALID_DELEGATE_CHANGE");
            }
        }
        uint256 moved = leaveOldDelegate(_owner, _to, _oldDelegateNewPosPrev, _oldDelegateNewPosNext);

        Delegator storage del = delegators[_owner];
        ensureInitializedCumulativeFactorsPool(_to, roundsManager().currentRound());
        require(_amount + moved > 0, "delegation amount must be greater than 0");
        del.delegateAddress = _to;
        del.bondedAmount += _amount;
        increaseTotalStake(_to, _amount + moved, _currDelegateNewPosPrev, _currDelegateNewPosNext);
        pullTokens(_amount);
        checkpoint(_owner);
        emit Bond(_to, oldDelegate, _owner, _amount, del.bondedAmount);
    }

    /// @dev Starts a new delegation, or moves an existing one away from its old delegate; returns
    /// the stake that moves with it.
    function leaveOldDelegate(address _owner, address _to, address _newPosPrev, address _newPosNext)
        internal
        returns (uint256 moved)
    {
        Delegator storage del = delegators[_owner];
        uint256 nextRound = roundsManager().currentRound() + 1;
        if (delegatorStatus(_owner) == DELEGATOR_UNBONDED) {
            del.startRound = nextRound;
        } else if (del.bondedAmount > 0 && del.delegateAddress != _to) {
            // A registered transcoder's stake can only be delegated to itself
            require(!isRegisteredTranscoder(_owner), "registered transcoders can't delegate towards other addresses");
            del.startRound = nextRound;
            moved = del.bondedAmount;
            decreaseTotalStake(del.delegateAddress, moved, _newPosPrev, _newPosNext);
        }
    }

    /// @dev Bonded LPT is held by the Minter.
    function pullTokens(uint256 _amount) internal {
        if (_amount > 0) {
            require(livepeerToken().transferFrom(msg.sender, address(minter()), _amount), "token transfer failed");
        }
    }

    function unbond(uint256 _amount) external {
        unbondWithHint(_amount, address(0), address(0));
    }

    function unbondWithHint(uint256 _amount, address _newPosPrev, address _newPosNext)
        public
        whenSystemNotPaused
        currentRoundInitialized
        autoClaimEarnings(msg.sender)
    {
        require(delegatorStatus(msg.sender) == DELEGATOR_BONDED, "caller must be bonded");
        Delegator storage del = delegators[msg.sender];
        require(_amount > 0, "unbond amount must be greater than 0");
        require(_amount <= del.bondedAmount, "amount is greater than bonded amount");

        address currentDelegate = del.delegateAddress;
        uint256 withdrawRound = roundsManager().currentRound() + unbondingPeriod;
        uint256 lockId = del.nextUnbondingLockId;
        del.unbondingLocks[lockId] = UnbondingLock({amount: _amount, withdrawRound: withdrawRound});
        del.nextUnbondingLockId = lockId + 1;
        del.bondedAmount -= _amount;

        if (del.bondedAmount == 0) {
            del.delegateAddress = address(0);
            del.startRound = 0;
            if (transcoderPool.contains(msg.sender)) {
                resignTranscoder(msg.sender);
            }
        }
        // After a resignation this only lowers the delegate's delegatedAmount
        decreaseTotalStake(currentDelegate, _amount, _newPosPrev, _newPosNext);
        checkpoint(msg.sender);
        emit Unbond(currentDelegate, msg.sender, lockId, _amount, withdrawRound);
    }

    function rebond(uint256 _unbondingLockId) external {
        rebondWithHint(_unbondingLockId, address(0), address(0));
    }

    function rebondWithHint(uint256 _unbondingLockId, address _newPosPrev, address _newPosNext)
        public
        whenSystemNotPaused
        currentRoundInitialized
        autoClaimEarnings(msg.sender)
    {
        require(delegatorStatus(msg.sender) != DELEGATOR_UNBONDED, "caller must be bonded");
        processRebond(msg.sender, _unbondingLockId, _newPosPrev, _newPosNext);
    }

    function rebondFromUnbonded(address _to, uint256 _unbondingLockId) external {
        rebondFromUnbondedWithHint(_to, _unbondingLockId, address(0), address(0));
    }

    function rebondFromUnbondedWithHint(address _to, uint256 _unbondingLockId, address _newPosPrev, address _newPosNext)
        public
        whenSystemNotPaused
        currentRoundInitialized
        autoClaimEarnings(msg.sender)
    {
        require(delegatorStatus(msg.sender) == DELEGATOR_UNBONDED, "caller must be unbonded");
        require(_to != address(0), "INVALID_DELEGATE");
        delegators[msg.sender].startRound = roundsManager().currentRound() + 1;
        delegators[msg.sender].delegateAddress = _to;
        processRebond(msg.sender, _unbondingLockId, _newPosPrev, _newPosNext);
    }

    function withdrawStake(uint256 _unbondingLockId) external whenSystemNotPaused currentRoundInitialized {
        Delegator storage del = delegators[msg.sender];
        UnbondingLock storage lock = del.unbondingLocks[_unbondingLockId];
        require(isValidUnbondingLock(msg.sender, _unbondingLockId), "invalid unbonding lock ID");
        require(
            lock.withdrawRound <= roundsManager().currentRound(),
            "withdraw round must be before or equal to the current round"
        );
        uint256 amount = lock.amount;
        uint256 withdrawRound = lock.withdrawRound;
        delete del.unbondingLocks[_unbondingLockId];
        minter().trustedTransferTokens(msg.sender, amount);
        emit WithdrawStake(msg.sender, _unbondingLockId, amount, withdrawRound);
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

    // ---- rewards and fees ----

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

    // ---- views ----

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

    function getTranscoder(address _transcoder)
        external
        view
        returns (
            uint256 lastRewardRound,
            uint256 rewardCut,
            uint256 feeShare,
            uint256 lastActiveStakeUpdateRound,
            uint256 activationRound,
            uint256 deactivationRound,
            uint256 activeCumulativeRewards,
            uint256 cumulativeRewards,
            uint256 cumulativeFees,
            uint256 lastFeeRound
        )
    {
        Transcoder storage t = transcoders[_transcoder];
        lastRewardRound = t.lastRewardRound;
        rewardCut = t.rewardCut;
        feeShare = t.feeShare;
        lastActiveStakeUpdateRound = t.lastActiveStakeUpdateRound;
        activationRound = t.activationRound;
        deactivationRound = t.deactivationRound;
        activeCumulativeRewards = t.activeCumulativeRewards;
        cumulativeRewards = t.cumulativeRewards;
        cumulativeFees = t.cumulativeFees;
        lastFeeRound = t.lastFeeRound;
    }

    function getTranscoderEarningsPoolForRound(address _transcoder, uint256 _round)
        external
        view
        returns (
            uint256 totalStake,
            uint256 transcoderRewardCut,
            uint256 transcoderFeeShare,
            uint256 cumulativeRewardFactor,
            uint256 cumulativeFeeFactor
        )
    {
        EarningsPool storage pool = transcoders[_transcoder].earningsPoolPerRound[_round];
        return (
            pool.totalStake,
            pool.transcoderRewardCut,
            pool.transcoderFeeShare,
            pool.cumulativeRewardFactor,
            pool.cumulativeFeeFactor
        );
    }

    function getDelegator(address _delegator)
        external
        view
        returns (
            uint256 bondedAmount,
            uint256 fees,
            address delegateAddress,
            uint256 delegatedAmount,
            uint256 startRound,
            uint256 lastClaimRound,
            uint256 nextUnbondingLockId
        )
    {
        Delegator storage del = delegators[_delegator];
        return (
            del.bondedAmount,
            del.fees,
            del.delegateAddress,
            del.delegatedAmount,
            del.startRound,
            del.lastClaimRound,
            del.nextUnbondingLockId
        );
    }

    function getDelegatorUnbondingLock(address _delegator, uint256 _unbondingLockId)
        external
        view
        returns (uint256 amount, uint256 withdrawRound)
    {
        UnbondingLock storage lock = delegators[_delegator].unbondingLocks[_unbondingLockId];
        return (lock.amount, lock.withdrawRound);
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

    function isValidUnbondingLock(address _delegator, uint256 _unbondingLockId) public view returns (bool) {
        return delegators[_delegator].unbondingLocks[_unbondingLockId].withdrawRound > 0;
    }

    // ---- internals ----

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

    function processRebond(address _delegator, uint256 _unbondingLockId, address _newPosPrev, address _newPosNext)
        internal
    {
        Delegator storage del = delegators[_delegator];
        require(isValidUnbondingLock(_delegator, _unbondingLockId), "invalid unbonding lock ID");
        uint256 amount = del.unbondingLocks[_unbondingLockId].amount;
        del.bondedAmount += amount;
        delete del.unbondingLocks[_unbondingLockId];
        increaseTotalStake(del.delegateAddress, amount, _newPosPrev, _newPosNext);
        checkpoint(_delegator);
        emit Rebond(del.delegateAddress, _delegator, _unbondingLockId, amount);
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
