// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import "./Manager.sol";
import "./MathUtils.sol";

/// @title Minter
/// @notice Holds all bonded LPT and all fee ETH. Each round it sets the mintable reward tokens
/// from the inflation rate, which moves by `inflationChange` toward the target bonding rate.
contract Minter is Manager {
    // Per-round inflation and its step, both over MathUtilsV2.PERC_DIVISOR (1e9)
    uint256 public inflation;
    uint256 public inflationChange;
    uint256 public targetBondingRate;
    uint256 public currentMintableTokens;
    uint256 public currentMintedTokens;

    event SetCurrentRewardTokens(uint256 currentMintableTokens, uint256 currentInflation);

    modifier onlyBondingManager() {
        require(msg.sender == lookup("BondingManager"), "caller must be BondingManager");
        _;
    }

    modifier onlyRoundsManager() {
        require(msg.sender == lookup("RoundsManager"), "caller must be RoundsManager");
        _;
    }

    modifier onlyBondingManagerOrJobsManager() {
        require(
            msg.sender == lookup("BondingManager") || msg.sender == lookup("TicketBroker"),
            "caller must be BondingManager or TicketBroker"
        );
        _;
    }

    constructor(address _controller, uint256 _inflation, uint256 _inflationChange, uint256 _targetBondingRate)
        Manager(_controller)
    {
        require(_inflation <= MathUtilsV2.PERC_DIVISOR, "_inflation is invalid percentage");
        require(_inflationChange <= MathUtilsV2.PERC_DIVISOR, "_inflationChange is invalid percentage");
        require(_targetBondingRate <= MathUtilsV2.PERC_DIVISOR, "_targetBondingRate is invalid percentage");
        inflation = _inflation;
        inflationChange = _inflationChange;
        targetBondingRate = _targetBondingRate;
    }

    function setTargetBondingRate(uint256 _targetBondingRate) external onlyControllerOwner {
        require(_targetBondingRate <= MathUtilsV2.PERC_DIVISOR, "invalid percentage for target bonding rate");
        targetBondingRate = _targetBondingRate;
        emit ParameterUpdate("targetBondingRate");
    }

    function setInflationChange(uint256 _inflationChange) external onlyControllerOwner {
        require(_inflationChange <= MathUtilsV2.PERC_DIVISOR, "invalid percentage for inflation change");
        inflationChange = _inflationChange;
        emit ParameterUpdate("inflationChange");
    }

    /// @notice Mints the share `_fracNum / _fracDenom` of this round's mintable tokens to the Minter.
    function createReward(uint256 _fracNum, uint256 _fracDenom)
        external
        onlyBondingManager
        whenSystemNotPaused
        returns (uint256)
    {
        uint256 mintAmount = MathUtilsV2.percOf(currentMintableTokens, _fracNum, _fracDenom);
        currentMintedTokens += mintAmount;
        require(currentMintedTokens <= currentMintableTokens, "minted tokens cannot exceed mintable tokens");
        livepeerToken().mint(address(this), mintAmount);
        return mintAmount;
    }

    function trustedTransferTokens(address _to, uint256 _amount) external onlyBondingManager whenSystemNotPaused {
        livepeerToken().transfer(_to, _amount);
    }

    function trustedBurnTokens(uint256 _amount) external onlyBondingManager whenSystemNotPaused {
        livepeerToken().burn(address(this), _amount);
    }

    function trustedWithdrawETH(address payable _to, uint256 _amount)
        external
        onlyBondingManagerOrJobsManager
        whenSystemNotPaused
    {
        (bool ok, ) = _to.call{value: _amount}("");
        require(ok, "ETH transfer failed");
    }

    /// @notice Fee ETH enters here (from the TicketBroker) and stays until withdrawn.
    function depositETH() external payable onlyBondingManagerOrJobsManager returns (bool) {
        return true;
    }

    function setCurrentRewardTokens() external onlyRoundsManager whenSystemNotPaused {
        setInflation();
        currentMintableTokens = MathUtilsV2.percOf(getGlobalTotalSupply(), inflation);
        currentMintedTokens = 0;
        emit SetCurrentRewardTokens(currentMintableTokens, inflation);
    }

    /// @notice Inflation is computed on the global supply: this chain's token supply plus the L1
    /// circulating supply cached by the L2LPTDataCache, as on Arbitrum One.
    function getGlobalTotalSupply() public view returns (uint256) {
        return livepeerToken().totalSupply() + IL2LPTDataCache(lookup("L2LPTDataCache")).l1CirculatingSupply();
    }

    function currentBondingRate() public view returns (uint256) {
        uint256 supply = getGlobalTotalSupply();
        if (supply == 0) return 0;
        return MathUtilsV2.percPoints(bondingManager().getTotalBonded(), supply);
    }

    function setInflation() internal {
        uint256 rate = currentBondingRate();
        if (rate < targetBondingRate) {
            inflation += inflationChange;
        } else if (rate > targetBondingRate) {
            inflation = inflationChange > inflation ? 0 : inflation - inflationChange;
        }
    }
}
