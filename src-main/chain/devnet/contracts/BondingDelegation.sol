// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import "./BondingTranscoderPool.sol";
import "./BondingEarnings.sol";

/// @title BondingDelegation
/// @notice A delegator's moves: bond (for itself or, within limits, for another), unbond into
/// locks, rebond from a lock and withdraw a lock once its round has come.
abstract contract BondingDelegation is BondingTranscoderPool, BondingEarnings {
    using SortedDoublyLL for SortedDoublyLL.Data;

    function setUnbondingPeriod(uint64 _unbondingPeriod) external onlyControllerOwner {
        unbondingPeriod = _unbondingPeriod;
        emit ParameterUpdate("unbondingPeriod");
    }

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
}
