// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// @title Poll
/// @notice A stake-weighted, non-binding LIP poll (livepeer/protocol contracts/polling), with the
/// mainnet signatures: voters emit `Vote(voter, choiceID)` until `endBlock` (0 = Yes, 1 = No);
/// the tally is done off chain with each voter's stake, a delegator's own vote overriding its
/// orchestrator's on the delegator's stake. Devnet simplification: no `destroy()` (selfdestruct).
contract Poll {
    uint256 public endBlock;

    event Vote(address indexed voter, uint256 choiceID);

    constructor(uint256 _endBlock) {
        endBlock = _endBlock;
    }

    function vote(uint256 _choiceID) external {
        require(block.number <= endBlock, "poll is over");
        emit Vote(msg.sender, _choiceID);
    }
}
