// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// @title Treasury
/// @notice The protocol treasury: a timelock that holds the treasury's LPT (the BondingManager's
/// treasury reward cut) and runs the calls governance has passed, with the mainnet
/// TimelockController signatures. Devnet simplifications: roles are fixed at deployment (no
/// grant/revoke), no predecessor dependencies, no single-call schedule/execute.
contract Treasury {
    bytes32 public constant PROPOSER_ROLE = keccak256("PROPOSER_ROLE");
    bytes32 public constant EXECUTOR_ROLE = keccak256("EXECUTOR_ROLE");
    bytes32 public constant CANCELLER_ROLE = keccak256("CANCELLER_ROLE");
    uint256 internal constant DONE_TIMESTAMP = 1;

    mapping(bytes32 => mapping(address => bool)) private roles;
    mapping(bytes32 => uint256) private timestamps;
    uint256 private minDelay;

    event CallScheduled(
        bytes32 indexed id,
        uint256 indexed index,
        address target,
        uint256 value,
        bytes data,
        bytes32 predecessor,
        uint256 delay
    );
    event CallExecuted(bytes32 indexed id, uint256 indexed index, address target, uint256 value, bytes data);
    event Cancelled(bytes32 indexed id);

    constructor(uint256 _minDelay, address[] memory _proposers, address[] memory _executors) {
        minDelay = _minDelay;
        for (uint256 i = 0; i < _proposers.length; i++) {
            roles[PROPOSER_ROLE][_proposers[i]] = true;
            roles[CANCELLER_ROLE][_proposers[i]] = true;
        }
        for (uint256 i = 0; i < _executors.length; i++) {
            roles[EXECUTOR_ROLE][_executors[i]] = true;
        }
    }

    receive() external payable {}

    modifier onlyRole(bytes32 _role) {
        require(roles[_role][msg.sender], "Treasury: caller is missing role");
        _;
    }

    function hasRole(bytes32 _role, address _account) external view returns (bool) {
        return roles[_role][_account];
    }

    function getMinDelay() external view returns (uint256) {
        return minDelay;
    }

    function getTimestamp(bytes32 _id) public view returns (uint256) {
        return timestamps[_id];
    }

    function isOperation(bytes32 _id) public view returns (bool) {
        return timestamps[_id] > 0;
    }

    function isOperationPending(bytes32 _id) public view returns (bool) {
        return timestamps[_id] > DONE_TIMESTAMP;
    }

    function isOperationReady(bytes32 _id) public view returns (bool) {
        uint256 ts = timestamps[_id];
        return ts > DONE_TIMESTAMP && ts <= block.timestamp;
    }

    function isOperationDone(bytes32 _id) public view returns (bool) {
        return timestamps[_id] == DONE_TIMESTAMP;
    }

    function hashOperationBatch(
        address[] calldata _targets,
        uint256[] calldata _values,
        bytes[] calldata _payloads,
        bytes32 _predecessor,
        bytes32 _salt
    ) public pure returns (bytes32) {
        return keccak256(abi.encode(_targets, _values, _payloads, _predecessor, _salt));
    }

    function scheduleBatch(
        address[] calldata _targets,
        uint256[] calldata _values,
        bytes[] calldata _payloads,
        bytes32 _predecessor,
        bytes32 _salt,
        uint256 _delay
    ) external onlyRole(PROPOSER_ROLE) {
        require(_targets.length == _values.length && _targets.length == _payloads.length, "Treasury: length mismatch");
        require(_delay >= minDelay, "Treasury: insufficient delay");
        bytes32 id = hashOperationBatch(_targets, _values, _payloads, _predecessor, _salt);
        require(!isOperation(id), "Treasury: operation already scheduled");
        timestamps[id] = block.timestamp + _delay;
        for (uint256 i = 0; i < _targets.length; i++) {
            emit CallScheduled(id, i, _targets[i], _values[i], _payloads[i], _predecessor, _delay);
        }
    }

    function executeBatch(
        address[] calldata _targets,
        uint256[] calldata _values,
        bytes[] calldata _payloads,
        bytes32 _predecessor,
        bytes32 _salt
    ) external payable onlyRole(EXECUTOR_ROLE) {
        require(_targets.length == _values.length && _targets.length == _payloads.length, "Treasury: length mismatch");
        bytes32 id = hashOperationBatch(_targets, _values, _payloads, _predecessor, _salt);
        require(isOperationReady(id), "Treasury: operation is not ready");
        for (uint256 i = 0; i < _targets.length; i++) {
            (bool ok, bytes memory ret) = _targets[i].call{value: _values[i]}(_payloads[i]);
            if (!ok) {
                if (ret.length > 0) {
                    assembly {
                        revert(add(ret, 32), mload(ret))
                    }
                }
                revert("Treasury: underlying transaction reverted");
            }
            emit CallExecuted(id, i, _targets[i], _values[i], _payloads[i]);
        }
        timestamps[id] = DONE_TIMESTAMP;
    }

    function cancel(bytes32 _id) external onlyRole(CANCELLER_ROLE) {
        require(isOperationPending(_id), "Treasury: operation cannot be cancelled");
        delete timestamps[_id];
        emit Cancelled(_id);
    }
}
