// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import "./Manager.sol";

/// @title L2LPTDataCache
/// @notice The L1 LPT supply as seen from the L2: the L1 total supply (cached by a message from
/// L1) less the LPT that crossed the bridge to L2 (already counted in the L2 token's supply). The
/// Minter adds `l1CirculatingSupply()` to the L2 supply to get the global supply inflation uses.
/// Devnet: there is no L1 messenger or gateway; the Controller owner stands in for both.
contract L2LPTDataCache is Manager {
    uint256 public l1TotalSupply;
    uint256 public l2SupplyFromL1;

    event CacheTotalSupplyFinalized(uint256 totalSupply);

    constructor(address _controller, uint256 _l1TotalSupply, uint256 _l2SupplyFromL1) Manager(_controller) {
        l1TotalSupply = _l1TotalSupply;
        l2SupplyFromL1 = _l2SupplyFromL1;
    }

    /// @notice Mainnet: sent by the L1LPTDataCache through the Arbitrum messenger.
    function finalizeCacheTotalSupply(uint256 _totalSupply) external onlyControllerOwner {
        l1TotalSupply = _totalSupply;
        emit CacheTotalSupplyFinalized(_totalSupply);
    }

    /// @notice Mainnet: called by the L2 LPT gateway when LPT is bridged in.
    function increaseL2SupplyFromL1(uint256 _amount) external onlyControllerOwner {
        l2SupplyFromL1 += _amount;
    }

    /// @notice Mainnet: called by the L2 LPT gateway when LPT is bridged out (never below zero).
    function decreaseL2SupplyFromL1(uint256 _amount) external onlyControllerOwner {
        l2SupplyFromL1 = _amount > l2SupplyFromL1 ? 0 : l2SupplyFromL1 - _amount;
    }

    /// @notice Never reverts: a cache that is out of step counts as no L1 supply.
    function l1CirculatingSupply() public view returns (uint256) {
        return l1TotalSupply >= l2SupplyFromL1 ? l1TotalSupply - l2SupplyFromL1 : 0;
    }
}
