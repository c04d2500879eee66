// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import "./Manager.sol";

/// @title TicketBroker
/// @notice Probabilistic micropayments: senders fund a deposit and a reserve; recipients redeem
/// winning tickets, paid from the deposit first and then from their share of the reserve, up to
/// what the sender has (a partial payout, as on mainnet). The ETH stays in the Minter and what was
/// paid is credited to the recipient's fee pool in the BondingManager.
contract TicketBroker is Manager {
    struct Ticket {
        address recipient;
        address sender;
        uint256 faceValue;
        uint256 winProb;
        uint256 senderNonce;
        bytes32 recipientRandHash;
        bytes auxData; // uint256 creationRound ++ bytes32 creationRoundBlockHash
    }

    struct Sender {
        uint256 deposit;
        uint256 withdrawRound;
    }

    struct ReserveInfo {
        uint256 fundsRemaining;
        uint256 claimedInCurrentRound;
    }

    struct Reserve {
        uint256 funds;
        mapping(uint256 => uint256) claimedForRound;
        mapping(uint256 => mapping(address => uint256)) claimedByAddress;
    }

    // secp256k1 n / 2: signatures with a larger s are malleable copies
    uint256 private constant HALF_CURVE_ORDER = 0x7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0;

    uint256 public unlockPeriod;
    uint256 public ticketValidityPeriod;
    mapping(address => Sender) internal senders;
    mapping(address => Reserve) internal reserves;
    mapping(bytes32 => bool) public usedTickets;

    event DepositFunded(address indexed sender, uint256 amount);
    event ReserveFunded(address indexed reserveHolder, uint256 amount);
    event ReserveClaimed(address indexed reserveHolder, address claimant, uint256 amount);
    event WinningTicketRedeemed(
        address indexed sender,
        address indexed recipient,
        uint256 faceValue,
        uint256 winProb,
        uint256 senderNonce,
        uint256 recipientRand,
        bytes auxData
    );
    event WinningTicketTransfer(address indexed sender, address indexed recipient, uint256 amount);
    event Unlock(address indexed sender, uint256 startRound, uint256 endRound);
    event UnlockCancelled(address indexed sender);
    event Withdrawal(address indexed sender, uint256 deposit, uint256 reserve);

    constructor(address _controller, uint256 _unlockPeriod, uint256 _ticketValidityPeriod) Manager(_controller) {
        require(_ticketValidityPeriod > 0, "ticketValidityPeriod must be greater than 0");
        unlockPeriod = _unlockPeriod;
        ticketValidityPeriod = _ticketValidityPeriod;
    }

    modifier currentRoundInitialized() {
        require(roundsManager().currentRoundInitialized(), "current round is not initialized");
        _;
    }

    function setUnlockPeriod(uint256 _unlockPeriod) external onlyControllerOwner {
        unlockPeriod = _unlockPeriod;
        emit ParameterUpdate("unlockPeriod");
    }

    function setTicketValidityPeriod(uint256 _ticketValidityPeriod) external onlyControllerOwner {
        require(_ticketValidityPeriod > 0, "ticketValidityPeriod must be greater than 0");
        ticketValidityPeriod = _ticketValidityPeriod;
        emit ParameterUpdate("ticketValidityPeriod");
    }

    // ---- funding ----

    function fundDeposit() external payable whenSystemNotPaused {
        addDeposit(msg.sender, msg.value);
        forwardToMinter(msg.value);
    }

    function fundReserve() external payable whenSystemNotPaused {
        addReserve(msg.sender, msg.value);
        forwardToMinter(msg.value);
    }

    function fundDepositAndReserve(uint256 _depositAmount, uint256 _reserveAmount) external payable {
        fundDepositAndReserveFor(msg.sender, _depositAmount, _reserveAmount);
    }

    function fundDepositAndReserveFor(address _addr, uint256 _depositAmount, uint256 _reserveAmount)
        public
        payable
        whenSystemNotPaused
    {
        require(
            msg.value == _depositAmount + _reserveAmount,
            "msg.value does not equal sum of deposit amount and reserve amount"
        );
        addDeposit(_addr, _depositAmount);
        addReserve(_addr, _reserveAmount);
        forwardToMinter(msg.value);
    }

    // ---- redemption ----

    function redeemWinningTicket(Ticket memory _ticket, bytes memory _sig, uint256 _recipientRand)
        public
        whenSystemNotPaused
        currentRoundInitialized
    {
        bytes32 ticketHash = getTicketHash(_ticket);
        requireValidWinningTicket(_ticket, ticketHash, _sig, _recipientRand);

        Sender storage sender = senders[_ticket.sender];
        // Redeemable until the unlock's withdraw round, as on mainnet
        require(isLocked(sender), "sender is unlocked");
        require(sender.deposit > 0 || reserves[_ticket.sender].funds > 0, "sender deposit and reserve are zero");

        // Pays what the sender has: the deposit first, then this recipient's claimable share of the
        // reserve. The ticket is used even when that is less than its face value (or nothing).
        usedTickets[ticketHash] = true;
        uint256 fromDeposit = _ticket.faceValue > sender.deposit ? sender.deposit : _ticket.faceValue;
        sender.deposit -= fromDeposit;
        uint256 paid = fromDeposit;
        if (_ticket.faceValue > fromDeposit) {
            paid += claimFromReserve(_ticket.sender, _ticket.recipient, _ticket.faceValue - fromDeposit);
        }
        if (paid > 0) {
            (uint256 creationRound, ) = creationRoundAndBlockHash(_ticket.auxData);
            bondingManager().updateTranscoderWithFees(_ticket.recipient, paid, creationRound);
            emit WinningTicketTransfer(_ticket.sender, _ticket.recipient, paid);
        }
        emit WinningTicketRedeemed(
            _ticket.sender,
            _ticket.recipient,
            _ticket.faceValue,
            _ticket.winProb,
            _ticket.senderNonce,
            _recipientRand,
            _ticket.auxData
        );
    }

    /// @notice Redeems each ticket independently; a failing ticket does not revert the batch.
    function batchRedeemWinningTickets(Ticket[] memory _tickets, bytes[] memory _sigs, uint256[] memory _recipientRands)
        external
        whenSystemNotPaused
        currentRoundInitialized
    {
        for (uint256 i = 0; i < _tickets.length; i++) {
            try this.redeemWinningTicket(_tickets[i], _sigs[i], _recipientRands[i]) {} catch {}
        }
    }

    // ---- unlock and withdraw ----

    function unlock() external whenSystemNotPaused {
        Sender storage sender = senders[msg.sender];
        require(sender.deposit > 0 || reserves[msg.sender].funds > 0, "sender deposit and reserve are zero");
        require(sender.withdrawRound == 0, "unlock already initiated");
        uint256 round = roundsManager().currentRound();
        sender.withdrawRound = round + unlockPeriod;
        emit Unlock(msg.sender, round, sender.withdrawRound);
    }

    function cancelUnlock() external whenSystemNotPaused {
        Sender storage sender = senders[msg.sender];
        require(sender.withdrawRound > 0, "no unlock request in progress");
        sender.withdrawRound = 0;
        emit UnlockCancelled(msg.sender);
    }

    function withdraw() external whenSystemNotPaused {
        Sender storage sender = senders[msg.sender];
        uint256 deposit = sender.deposit;
        uint256 reserve = reserves[msg.sender].funds;
        require(deposit > 0 || reserve > 0, "sender deposit and reserve are zero");
        require(sender.withdrawRound > 0, "no unlock request in progress");
        require(!isLocked(sender), "account is locked");
        sender.deposit = 0;
        reserves[msg.sender].funds = 0;
        minter().trustedWithdrawETH(payable(msg.sender), deposit + reserve);
        emit Withdrawal(msg.sender, deposit, reserve);
    }

    // ---- views ----

    function getSenderInfo(address _sender) external view returns (Sender memory sender, ReserveInfo memory reserve) {
        sender = senders[_sender];
        reserve = getReserveInfo(_sender);
    }

    function getReserveInfo(address _reserveHolder) public view returns (ReserveInfo memory info) {
        Reserve storage reserve = reserves[_reserveHolder];
        info.fundsRemaining = reserve.funds;
        info.claimedInCurrentRound = reserve.claimedForRound[roundsManager().currentRound()];
    }

    /// @notice Each active transcoder may claim an equal share of the reserve per round.
    function claimableReserve(address _reserveHolder, address _claimant) public view returns (uint256) {
        IBondingManager bm = bondingManager();
        if (!bm.isActiveTranscoder(_claimant)) return 0;
        uint256 poolSize = bm.getTranscoderPoolSize();
        if (poolSize == 0) return 0;
        Reserve storage reserve = reserves[_reserveHolder];
        uint256 round = roundsManager().currentRound();
        uint256 share = (reserve.funds + reserve.claimedForRound[round]) / poolSize;
        uint256 claimed = reserve.claimedByAddress[round][_claimant];
        return share > claimed ? share - claimed : 0;
    }

    function claimedReserve(address _reserveHolder, address _claimant) external view returns (uint256) {
        return reserves[_reserveHolder].claimedByAddress[roundsManager().currentRound()][_claimant];
    }

    function isUnlockInProgress(address _sender) external view returns (bool) {
        return senders[_sender].withdrawRound > 0;
    }

    function getTicketHash(Ticket memory _ticket) public pure returns (bytes32) {
        return keccak256(
            abi.encodePacked(
                _ticket.recipient,
                _ticket.sender,
                _ticket.faceValue,
                _ticket.winProb,
                _ticket.senderNonce,
                _ticket.recipientRandHash,
                _ticket.auxData
            )
        );
    }

    // ---- internals ----

    function addDeposit(address _sender, uint256 _amount) internal {
        senders[_sender].deposit += _amount;
        if (msg.sender == _sender) cancelUnlockOf(_sender);
        emit DepositFunded(_sender, _amount);
    }

    function addReserve(address _holder, uint256 _amount) internal {
        reserves[_holder].funds += _amount;
        if (msg.sender == _holder) cancelUnlockOf(_holder);
        emit ReserveFunded(_holder, _amount);
    }

    /// @dev A sender funding itself during an unlock cancels it, as on mainnet (funding for another does not).
    function cancelUnlockOf(address _sender) internal {
        if (senders[_sender].withdrawRound > 0) {
            senders[_sender].withdrawRound = 0;
            emit UnlockCancelled(_sender);
        }
    }

    function forwardToMinter(uint256 _amount) internal {
        if (_amount > 0) minter().depositETH{value: _amount}();
    }

    /// @dev Claims up to `_amount` of the claimant's share this round; returns what was claimed.
    function claimFromReserve(address _reserveHolder, address _claimant, uint256 _amount) internal returns (uint256) {
        uint256 claimable = claimableReserve(_reserveHolder, _claimant);
        uint256 amount = _amount > claimable ? claimable : _amount;
        if (amount == 0) return 0;
        uint256 round = roundsManager().currentRound();
        Reserve storage reserve = reserves[_reserveHolder];
        reserve.claimedForRound[round] += amount;
        reserve.claimedByAddress[round][_claimant] += amount;
        reserve.funds -= amount;
        emit ReserveClaimed(_reserveHolder, _claimant, amount);
        return amount;
    }

    /// @dev Locked (tickets redeemable, no withdrawal) until the unlock's withdraw round.
    function isLocked(Sender storage _sender) internal view returns (bool) {
        return _sender.withdrawRound == 0 || roundsManager().currentRound() < _sender.withdrawRound;
    }

    function requireValidWinningTicket(Ticket memory _ticket, bytes32 _ticketHash, bytes memory _sig, uint256 _recipientRand)
        internal
        view
    {
        require(_ticket.recipient != address(0), "ticket recipient is null address");
        require(_ticket.sender != address(0), "ticket sender is null address");
        requireValidTicketAuxData(_ticket.auxData);
        require(
            keccak256(abi.encodePacked(_recipientRand)) == _ticket.recipientRandHash,
            "recipientRand does not match recipientRandHash"
        );
        require(!usedTickets[_ticketHash], "ticket is used");
        require(recoverPersonalSigner(_ticketHash, _sig) == _ticket.sender, "invalid signature over ticket hash");
        require(uint256(keccak256(abi.encodePacked(_sig, _recipientRand))) < _ticket.winProb, "ticket did not win");
    }

    function requireValidTicketAuxData(bytes memory _auxData) internal view {
        (uint256 creationRound, bytes32 creationRoundBlockHash) = creationRoundAndBlockHash(_auxData);
        IRoundsManager rm = roundsManager();
        bytes32 blockHash = rm.blockHashForRound(creationRound);
        require(blockHash != bytes32(0), "ticket creationRound does not have a block hash");
        require(creationRoundBlockHash == blockHash, "ticket creationRoundBlockHash invalid for creationRound");
        require(creationRound + ticketValidityPeriod > rm.currentRound(), "ticket is expired");
    }

    function creationRoundAndBlockHash(bytes memory _auxData) internal pure returns (uint256 round, bytes32 hash) {
        require(_auxData.length == 64, "invalid length for ticket auxData: must be 64 bytes");
        assembly {
            round := mload(add(_auxData, 32))
            hash := mload(add(_auxData, 64))
        }
    }

    /// @dev personal_sign recovery; returns address(0) for anything that is not a canonical 65-byte signature.
    function recoverPersonalSigner(bytes32 _hash, bytes memory _sig) internal pure returns (address) {
        if (_sig.length != 65) return address(0);
        bytes32 r;
        bytes32 s;
        uint8 v;
        assembly {
            r := mload(add(_sig, 32))
            s := mload(add(_sig, 64))
            v := byte(0, mload(add(_sig, 96)))
        }
        if (v < 27) v += 27;
        if ((v != 27 && v != 28) || uint256(s) > HALF_CURVE_ORDER) return address(0);
        bytes32 digest = keccak256(abi.encodePacked("\x19Ethereum Signed Message:\n32", _hash));
        return ecrecover(digest, v, r, s);
    }
}
