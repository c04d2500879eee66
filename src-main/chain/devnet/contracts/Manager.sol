// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import "./Interfaces.sol";

/// @notice Base of every protocol contract: knows the Controller, honours its pause switch and
/// resolves its peers by name at call time (so a re-registration takes effect at once).
abstract contract Manager {
    IController public controller;

    event ParameterUpdate(string param);

    constructor(address _controller) {
        controller = IController(_controller);
    }

    modifier onlyControllerOwner() {
        require(msg.sender == controller.owner(), "caller must be Controller owner");
        _;
    }

    modifier whenSystemNotPaused() {
        require(!controller.paused(), "system is paused");
        _;
    }

    function lookup(string memory _name) internal view returns (address) {
        return controller.getContract(keccak256(bytes(_name)));
    }

    function livepeerToken() internal view returns (ILivepeerToken) {
        return ILivepeerToken(lookup("LivepeerToken"));
    }

    function minter() internal view returns (IMinter) {
        return IMinter(lookup("Minter"));
    }

    function roundsManager() internal view returns (IRoundsManager) {
        return IRoundsManager(lookup("RoundsManager"));
    }

    function bondingManager() internal view returns (IBondingManager) {
        return IBondingManager(lookup("BondingManager"));
    }
}
