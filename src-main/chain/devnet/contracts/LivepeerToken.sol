// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import "./Interfaces.sol";

/// @title LivepeerToken
/// @notice ERC-20 "LPT" (18 decimals) with EIP-2612 permit. New tokens are minted only by the
/// Minter registered in the Controller (inflation) or by the token owner (the devnet faucet).
contract LivepeerToken {
    string public constant name = "Livepeer Token";
    string public constant symbol = "LPT";
    uint8 public constant decimals = 18;

    bytes32 private constant PERMIT_TYPEHASH =
        keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)");

    IController public immutable controller;
    address public owner;
    uint256 public totalSupply;
    mapping(address => uint256) public balanceOf;
    mapping(address => mapping(address => uint256)) public allowance;
    mapping(address => uint256) public nonces;

    event Transfer(address indexed from, address indexed to, uint256 value);
    event Approval(address indexed owner, address indexed spender, uint256 value);
    event Mint(address indexed to, uint256 amount);
    event Burn(address indexed burner, uint256 value);

    constructor(address _controller) {
        controller = IController(_controller);
        owner = msg.sender;
    }

    modifier onlyMinter() {
        require(
            msg.sender == owner || msg.sender == controller.getContract(keccak256("Minter")),
            "caller is not a minter"
        );
        _;
    }

    function DOMAIN_SEPARATOR() public view returns (bytes32) {
        return keccak256(
            abi.encode(
                keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                keccak256(bytes(name)),
                keccak256(bytes("1")),
                block.chainid,
                address(this)
            )
        );
    }

    function transfer(address _to, uint256 _amount) external returns (bool) {
        _transfer(msg.sender, _to, _amount);
        return true;
    }

    function transferFrom(address _from, address _to, uint256 _amount) external returns (bool) {
        uint256 allowed = allowance[_from][msg.sender];
        if (allowed != type(uint256).max) {
            require(allowed >= _amount, "ERC20: insufficient allowance");
            allowance[_from][msg.sender] = allowed - _amount;
        }
        _transfer(_from, _to, _amount);
        return true;
    }

    function approve(address _spender, uint256 _amount) external returns (bool) {
        _approve(msg.sender, _spender, _amount);
        return true;
    }

    function permit(
        address _owner,
        address _spender,
        uint256 _value,
        uint256 _deadline,
        uint8 _v,
        bytes32 _r,
        bytes32 _s
    ) external {
        require(block.timestamp <= _deadline, "ERC20Permit: expired deadline");
        bytes32 structHash = keccak256(abi.encode(PERMIT_TYPEHASH, _owner, _spender, _value, nonces[_owner]++, _deadline));
        bytes32 digest = keccak256(abi.encodePacked("\x19\x01", DOMAIN_SEPARATOR(), structHash));
        address signer = ecrecover(digest, _v, _r, _s);
        require(signer != address(0) && signer == _owner, "ERC20Permit: invalid signature");
        _approve(_owner, _spender, _value);
    }

    function mint(address _to, uint256 _amount) external onlyMinter {
        require(_to != address(0), "ERC20: mint to the zero address");
        totalSupply += _amount;
        balanceOf[_to] += _amount;
        emit Mint(_to, _amount);
        emit Transfer(address(0), _to, _amount);
    }

    function burn(address _from, uint256 _amount) external onlyMinter {
        require(balanceOf[_from] >= _amount, "ERC20: burn amount exceeds balance");
        balanceOf[_from] -= _amount;
        totalSupply -= _amount;
        emit Burn(_from, _amount);
        emit Transfer(_from, address(0), _amount);
    }

    function _transfer(address _from, address _to, uint256 _amount) internal {
        require(_to != address(0), "ERC20: transfer to the zero address");
        uint256 balance = balanceOf[_from];
        require(balance >= _amount, "ERC20: transfer amount exceeds balance");
        balanceOf[_from] = balance - _amount;
        balanceOf[_to] += _amount;
        emit Transfer(_from, _to, _amount);
    }

    function _approve(address _owner, address _spender, uint256 _amount) internal {
        allowance[_owner][_spender] = _amount;
        emit Approval(_owner, _spender, _amount);
    }
}
