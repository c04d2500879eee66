// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import "./Manager.sol";

/// @title DevnetPriceFeed
/// @notice A price feed with Chainlink's AggregatorV3Interface read side (`decimals`, `description`,
/// `version`, `latestRoundData`, `getRoundData`), so the app reads the devnet exactly as it reads
/// Chainlink's ETH/USD proxy on Arbitrum One. Devnet only: there are no oracles; the Controller
/// owner (the faucet account) sets the answer, and each `setAnswer` starts a new feed round.
contract DevnetPriceFeed is Manager {
    struct FeedRound {
        int256 answer;
        uint256 startedAt;
        uint256 updatedAt;
    }

    uint8 public immutable decimals;
    string public description;
    uint80 public latestRound;
    mapping(uint80 => FeedRound) internal rounds;

    event AnswerUpdated(int256 indexed current, uint256 indexed roundId, uint256 updatedAt);

    constructor(address _controller, uint8 _decimals, string memory _description, int256 _initialAnswer)
        Manager(_controller)
    {
        decimals = _decimals;
        description = _description;
        _record(_initialAnswer);
    }

    function version() external pure returns (uint256) {
        return 4;
    }

    /// @notice Sets the price (in units of 10^-decimals of the quote currency) as a new feed round.
    function setAnswer(int256 _answer) external onlyControllerOwner {
        _record(_answer);
    }

    function latestRoundData()
        external
        view
        returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)
    {
        return getRoundData(latestRound);
    }

    function getRoundData(uint80 _roundId)
        public
        view
        returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)
    {
        FeedRound memory r = rounds[_roundId];
        require(r.updatedAt > 0, "No data present");
        return (_roundId, r.answer, r.startedAt, r.updatedAt, _roundId);
    }

    function _record(int256 _answer) internal {
        require(_answer > 0, "answer must be positive");
        latestRound += 1;
        rounds[latestRound] = FeedRound(_answer, block.timestamp, block.timestamp);
        emit AnswerUpdated(_answer, latestRound, block.timestamp);
    }
}
