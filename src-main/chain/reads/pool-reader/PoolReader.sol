// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// @title PoolReader
/// @notice Never deployed: its creation code is sent as a "deployless" eth_call (no `to`). The
/// constructor walks the BondingManager's transcoder pool and returns every member with its total
/// stake as the call's result, so the whole pool costs ONE request instead of one per member.
interface IBondingManagerPool {
    function getFirstTranscoderInPool() external view returns (address);

    function getNextTranscoderInPool(address transcoder) external view returns (address);

    function transcoderTotalStake(address transcoder) external view returns (uint256);
}

contract PoolReader {
    /// @param bondingManager the BondingManager (proxy) to read
    /// @param max the most members to return (the walk stops there)
    constructor(IBondingManagerPool bondingManager, uint256 max) {
        address[] memory members = new address[](max);
        uint256[] memory stakes = new uint256[](max);
        uint256 n = 0;
        address cursor = bondingManager.getFirstTranscoderInPool();
        while (cursor != address(0) && n < max) {
            members[n] = cursor;
            stakes[n] = bondingManager.transcoderTotalStake(cursor);
            cursor = bondingManager.getNextTranscoderInPool(cursor);
            n++;
        }
        // Shorten both arrays to the members found
        assembly {
            mstore(members, n)
            mstore(stakes, n)
        }
        bytes memory out = abi.encode(members, stakes, cursor != address(0));
        assembly {
            return(add(out, 32), mload(out))
        }
    }
}
