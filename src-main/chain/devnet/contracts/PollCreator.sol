// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import "./Poll.sol";

interface IPollStake {
    function transcoderTotalStake(address _transcoder) external view returns (uint256);

    function pendingStake(address _delegator, uint256 _endRound) external view returns (uint256);
}

/// @title PollCreator
/// @notice Creates LIP polls, with the mainnet (Arbitrum One) signatures: on L2 a poll creator
/// needs POLL_CREATION_COST of stake (as an orchestrator or a delegator) instead of burning LPT.
/// Devnet change: POLL_PERIOD (mainnet 10 rounds of blocks) is set at deployment so polls end
/// within a test.
contract PollCreator {
    uint256 public constant QUORUM = 333300; // 33.33 %
    uint256 public constant QUOTA = 500000; // 50 %
    uint256 public constant POLL_CREATION_COST = 100 ether;
    uint256 public immutable POLL_PERIOD;

    IPollStake public bondingManager;

    event PollCreated(address indexed poll, bytes proposal, uint256 endBlock, uint256 quorum, uint256 quota);

    constructor(address _bondingManager, uint256 _pollPeriod) {
        bondingManager = IPollStake(_bondingManager);
        POLL_PERIOD = _pollPeriod;
    }

    /// @param _proposal The LIP's content address (an IPFS hash, as bytes)
    function createPoll(bytes calldata _proposal) external {
        require(
            bondingManager.transcoderTotalStake(msg.sender) >= POLL_CREATION_COST ||
                bondingManager.pendingStake(msg.sender, 0) >= POLL_CREATION_COST,
            "PollCreator#createPoll: INSUFFICIENT_STAKE"
        );
        uint256 endBlock = block.number + POLL_PERIOD;
        Poll poll = new Poll(endBlock);
        emit PollCreated(address(poll), _proposal, endBlock, QUORUM, QUOTA);
    }
}
