// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import "./Manager.sol";
import "./MathUtils.sol";

/// @title RoundsManager
/// @notice Rounds of `roundLength` blocks. A round must be initialized (once, by anyone) before
/// bonding, reward or redemption; initialization records the round's block hash, fixes the
/// active stake and sets the round's mintable tokens. The last `roundLockAmount` of a round is locked.
contract RoundsManager is Manager {
    uint256 public roundLength;
    // Fraction of a round that is locked, over MathUtils.PERC_DIVISOR (1e6)
    uint256 public roundLockAmount;
    uint256 public lastInitializedRound;
    uint256 public lastRoundLengthUpdateRound;
    uint256 public lastRoundLengthUpdateStartBlock;
    mapping(uint256 => bytes32) private roundBlockHashes;

    event NewRound(uint256 indexed round, bytes32 blockHash);

    constructor(address _controller, uint256 _roundLength, uint256 _roundLockAmount) Manager(_controller) {
        require(_roundLength > 0, "round length cannot be 0");
        require(MathUtils.validPerc(_roundLockAmount), "round lock amount must be a valid percentage");
        roundLength = _roundLength;
        roundLockAmount = _roundLockAmount;
        lastRoundLengthUpdateRound = block.number / _roundLength;
        lastRoundLengthUpdateStartBlock = lastRoundLengthUpdateRound * _roundLength;
        lastInitializedRound = lastRoundLengthUpdateRound;
    }

    /// @notice Takes effect from the current round's start, as on mainnet.
    function setRoundLength(uint256 _roundLength) external onlyControllerOwner {
        require(_roundLength > 0, "round length cannot be 0");
        lastRoundLengthUpdateRound = currentRound();
        lastRoundLengthUpdateStartBlock = currentRoundStartBlock();
        roundLength = _roundLength;
        emit ParameterUpdate("roundLength");
    }

    function setRoundLockAmount(uint256 _roundLockAmount) external onlyControllerOwner {
        require(MathUtils.validPerc(_roundLockAmount), "round lock amount must be a valid percentage");
        roundLockAmount = _roundLockAmount;
        emit ParameterUpdate("roundLockAmount");
    }

    function initializeRound() external whenSystemNotPaused {
        uint256 round = currentRound();
        require(lastInitializedRound < round, "round already initialized");
        lastInitializedRound = round;
        bytes32 hash = blockHash(blockNum() - 1);
        roundBlockHashes[round] = hash;
        bondingManager().setCurrentRoundTotalActiveStake();
        minter().setCurrentRewardTokens();
        emit NewRound(round, hash);
    }

    /// @notice The block number rounds count in (Arbitrum: an L1 block estimate; devnet: block.number).
    function blockNum() public view returns (uint256) {
        return block.number;
    }

    function blockHash(uint256 _block) public view returns (bytes32) {
        uint256 current = blockNum();
        require(_block < current, "can only retrieve past block hashes");
        require(current < 256 || _block >= current - 256, "can only retrieve hashes for last 256 blocks");
        return blockhash(_block);
    }

    function blockHashForRound(uint256 _round) external view returns (bytes32) {
        return roundBlockHashes[_round];
    }

    function currentRound() public view returns (uint256) {
        return lastRoundLengthUpdateRound + (blockNum() - lastRoundLengthUpdateStartBlock) / roundLength;
    }

    function currentRoundStartBlock() public view returns (uint256) {
        return lastRoundLengthUpdateStartBlock + (currentRound() - lastRoundLengthUpdateRound) * roundLength;
    }

    function currentRoundInitialized() external view returns (bool) {
        return lastInitializedRound == currentRound();
    }

    function currentRoundLocked() external view returns (bool) {
        uint256 lockedBlocks = MathUtils.percOf(roundLength, roundLockAmount);
        return blockNum() >= currentRoundStartBlock() + roundLength - lockedBlocks;
    }
}
