// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

// The narrow views each protocol contract needs of the others. Names follow the mainnet ABI.

interface IController {
    function owner() external view returns (address);
    function paused() external view returns (bool);
    function getContract(bytes32 _id) external view returns (address);
}

interface ILivepeerToken {
    function mint(address _to, uint256 _amount) external;
    function burn(address _from, uint256 _amount) external;
    function transfer(address _to, uint256 _amount) external returns (bool);
    function transferFrom(address _from, address _to, uint256 _amount) external returns (bool);
    function balanceOf(address _account) external view returns (uint256);
    function totalSupply() external view returns (uint256);
}

interface IMinter {
    function createReward(uint256 _fracNum, uint256 _fracDenom) external returns (uint256);
    function trustedTransferTokens(address _to, uint256 _amount) external;
    function trustedBurnTokens(uint256 _amount) external;
    function trustedWithdrawETH(address payable _to, uint256 _amount) external;
    function depositETH() external payable returns (bool);
    function setCurrentRewardTokens() external;
    function currentMintableTokens() external view returns (uint256);
    function currentMintedTokens() external view returns (uint256);
}

interface IRoundsManager {
    function currentRound() external view returns (uint256);
    function currentRoundInitialized() external view returns (bool);
    function currentRoundLocked() external view returns (bool);
    function blockHashForRound(uint256 _round) external view returns (bytes32);
}

interface IBondingManager {
    function setCurrentRoundTotalActiveStake() external;
    function updateTranscoderWithFees(address _transcoder, uint256 _fees, uint256 _round) external;
    function getTotalBonded() external view returns (uint256);
    function isActiveTranscoder(address _transcoder) external view returns (bool);
    function getTranscoderPoolSize() external view returns (uint256);
}

interface IBondingVotes {
    function checkpointBondingState(
        address _account,
        uint256 _startRound,
        uint256 _bondedAmount,
        address _delegateAddress,
        uint256 _delegatedAmount,
        uint256 _lastClaimRound,
        uint256 _lastRewardRound
    ) external;
    function checkpointTotalActiveStake(uint256 _totalStake, uint256 _round) external;
}

interface IL2LPTDataCache {
    function l1CirculatingSupply() external view returns (uint256);
}
