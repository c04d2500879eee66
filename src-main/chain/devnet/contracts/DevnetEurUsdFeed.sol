// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import "./DevnetPriceFeed.sol";

/// @title DevnetEurUsdFeed
/// @notice A second feed for EUR / USD (as Chainlink's on Arbitrum One), so the devnet can show
/// money in euros: the same contract under its own name, because the deployer keys by name.
contract DevnetEurUsdFeed is DevnetPriceFeed {
    constructor(address _controller, uint8 _decimals, string memory _description, int256 _initialAnswer)
        DevnetPriceFeed(_controller, _decimals, _description, _initialAnswer)
    {}
}
