// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import "./Manager.sol";

/// @title ServiceRegistry
/// @notice Where orchestrators publish the URL gateways reach them at.
contract ServiceRegistry is Manager {
    mapping(address => string) private serviceURIs;

    event ServiceURIUpdate(address indexed addr, string serviceURI);

    constructor(address _controller) Manager(_controller) {}

    function setServiceURI(string calldata _serviceURI) external whenSystemNotPaused {
        serviceURIs[msg.sender] = _serviceURI;
        emit ServiceURIUpdate(msg.sender, _serviceURI);
    }

    function getServiceURI(address _addr) external view returns (string memory) {
        return serviceURIs[_addr];
    }
}
