// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

import "./Manager.sol";
import "./MathUtils.sol";

interface IBondingVotesView {
    function clock() external view returns (uint48);
    function getPastVotes(address _account, uint256 _round) external view returns (uint256);
    function getPastTotalSupply(uint256 _round) external view returns (uint256);
    function delegatedAt(address _account, uint256 _round) external view returns (address);
}

interface ITreasury {
    function getMinDelay() external view returns (uint256);
    function getTimestamp(bytes32 _id) external view returns (uint256);
    function isOperationPending(bytes32 _id) external view returns (bool);
    function isOperationDone(bytes32 _id) external view returns (bool);
    function hashOperationBatch(address[] calldata, uint256[] calldata, bytes[] calldata, bytes32, bytes32)
        external
        pure
        returns (bytes32);
    function scheduleBatch(address[] calldata, uint256[] calldata, bytes[] calldata, bytes32, bytes32, uint256)
        external;
    function executeBatch(address[] calldata, uint256[] calldata, bytes[] calldata, bytes32, bytes32)
        external
        payable;
}

/// @title GovernorCountingOverridable
/// @notice Bravo-style For/Against/Abstain counting where a delegator's own vote overrides its
/// orchestrator's vote on the delegator's stake: whichever votes second, the delegator's power is
/// moved off the orchestrator's choice (or never added to it).
abstract contract GovernorCountingOverridable {
    uint8 internal constant VOTE_AGAINST = 0;
    uint8 internal constant VOTE_FOR = 1;
    uint8 internal constant VOTE_ABSTAIN = 2;

    struct VoterState {
        bool hasVoted;
        uint8 support;
        // Power of this account's delegators who voted themselves
        uint256 deductions;
    }

    struct Tally {
        uint256 againstVotes;
        uint256 forVotes;
        uint256 abstainVotes;
        mapping(address => VoterState) voters;
    }

    mapping(uint256 => Tally) private tallies;

    /// @notice Share of For votes among For + Against needed to pass, in MathUtils ppm (abstain ignored).
    uint256 public quota;

    function bondingVotes() public view virtual returns (IBondingVotesView);

    function COUNTING_MODE() external pure returns (string memory) {
        return "support=bravo&quorum=for,abstain,against";
    }

    function hasVoted(uint256 _proposalId, address _account) public view returns (bool) {
        return tallies[_proposalId].voters[_account].hasVoted;
    }

    function proposalVotes(uint256 _proposalId)
        public
        view
        returns (uint256 againstVotes, uint256 forVotes, uint256 abstainVotes)
    {
        Tally storage t = tallies[_proposalId];
        return (t.againstVotes, t.forVotes, t.abstainVotes);
    }

    function _quorumReached(uint256 _proposalId, uint256 _quorum) internal view returns (bool) {
        Tally storage t = tallies[_proposalId];
        return _quorum <= t.againstVotes + t.forVotes + t.abstainVotes;
    }

    function _voteSucceeded(uint256 _proposalId) internal view returns (bool) {
        Tally storage t = tallies[_proposalId];
        return t.forVotes > MathUtils.percOf(t.forVotes + t.againstVotes, quota);
    }

    function _countVote(uint256 _proposalId, address _account, uint8 _support, uint256 _weight, uint256 _snapshot)
        internal
    {
        require(_support <= VOTE_ABSTAIN, "invalid value for enum VoteType");
        Tally storage t = tallies[_proposalId];
        VoterState storage voter = t.voters[_account];
        require(!voter.hasVoted, "vote already cast");
        voter.hasVoted = true;
        voter.support = _support;

        // Delegators who already voted keep their stake out of this vote
        addVotes(t, _support, _weight - voter.deductions);

        address delegate = bondingVotes().delegatedAt(_account, _snapshot);
        if (delegate != address(0) && delegate != _account) {
            VoterState storage delegateVoter = t.voters[delegate];
            delegateVoter.deductions += _weight;
            if (delegateVoter.hasVoted) subVotes(t, delegateVoter.support, _weight);
        }
    }

    function addVotes(Tally storage t, uint8 _support, uint256 _amount) private {
        if (_support == VOTE_AGAINST) t.againstVotes += _amount;
        else if (_support == VOTE_FOR) t.forVotes += _amount;
        else t.abstainVotes += _amount;
    }

    function subVotes(Tally storage t, uint8 _support, uint256 _amount) private {
        if (_support == VOTE_AGAINST) t.againstVotes -= _amount;
        else if (_support == VOTE_FOR) t.forVotes -= _amount;
        else t.abstainVotes -= _amount;
    }
}

/// @title LivepeerGovernor
/// @notice OpenZeppelin-Governor-compatible governance over staked LPT (BondingVotes), timed in
/// rounds, executing through the Treasury timelock. Devnet simplifications: deployed directly (no
/// proxy/initializer), no signature voting, no parameter setters, no cancel by proposer.
contract LivepeerGovernor is Manager, GovernorCountingOverridable {
    // Same numbering as OpenZeppelin's IGovernor.ProposalState
    uint8 internal constant STATE_PENDING = 0;
    uint8 internal constant STATE_ACTIVE = 1;
    uint8 internal constant STATE_CANCELED = 2;
    uint8 internal constant STATE_DEFEATED = 3;
    uint8 internal constant STATE_SUCCEEDED = 4;
    uint8 internal constant STATE_QUEUED = 5;
    uint8 internal constant STATE_EXPIRED = 6;
    uint8 internal constant STATE_EXECUTED = 7;

    uint256 internal constant QUORUM_DENOMINATOR = 1000000;

    struct Proposal {
        uint64 voteStart;
        uint64 voteEnd;
        address proposer;
        bool executed;
        bool canceled;
    }

    mapping(uint256 => Proposal) private proposals;
    uint256 public votingDelay;
    uint256 public votingPeriod;
    uint256 public proposalThreshold;
    uint256 public quorumNumerator;

    event ProposalCreated(
        uint256 proposalId,
        address proposer,
        address[] targets,
        uint256[] values,
        string[] signatures,
        bytes[] calldatas,
        uint256 voteStart,
        uint256 voteEnd,
        string description
    );
    event ProposalQueued(uint256 proposalId, uint256 eta);
    event ProposalExecuted(uint256 proposalId);
    event VoteCast(address indexed voter, uint256 proposalId, uint8 support, uint256 weight, string reason);

    constructor(
        address _controller,
        uint256 _votingDelay,
        uint256 _votingPeriod,
        uint256 _proposalThreshold,
        uint256 _quorumNumerator,
        uint256 _quota
    ) Manager(_controller) {
        votingDelay = _votingDelay;
        votingPeriod = _votingPeriod;
        proposalThreshold = _proposalThreshold;
        quorumNumerator = _quorumNumerator;
        quota = _quota;
    }

    receive() external payable {}

    // name, version, CLOCK_MODE and quorumDenominator are view (virtual) as in OpenZeppelin's Governor
    function name() public view virtual returns (string memory) {
        return "LivepeerGovernor";
    }

    function version() public view virtual returns (string memory) {
        return "1";
    }

    function bondingVotes() public view override returns (IBondingVotesView) {
        return IBondingVotesView(lookup("BondingVotes"));
    }

    function timelock() public view returns (address) {
        return lookup("Treasury");
    }

    function token() external view returns (address) {
        return address(bondingVotes());
    }

    function clock() public view returns (uint48) {
        return bondingVotes().clock();
    }

    function CLOCK_MODE() public view virtual returns (string memory) {
        return "mode=livepeer_round";
    }

    function quorumDenominator() public view virtual returns (uint256) {
        return QUORUM_DENOMINATOR;
    }

    function quorum(uint256 _round) public view returns (uint256) {
        return (bondingVotes().getPastTotalSupply(_round) * quorumNumerator) / QUORUM_DENOMINATOR;
    }

    function getVotes(address _account, uint256 _round) public view returns (uint256) {
        return bondingVotes().getPastVotes(_account, _round);
    }

    function hashProposal(
        address[] memory _targets,
        uint256[] memory _values,
        bytes[] memory _calldatas,
        bytes32 _descriptionHash
    ) public pure returns (uint256) {
        return uint256(keccak256(abi.encode(_targets, _values, _calldatas, _descriptionHash)));
    }

    function proposalSnapshot(uint256 _proposalId) public view returns (uint256) {
        return proposals[_proposalId].voteStart;
    }

    function proposalDeadline(uint256 _proposalId) public view returns (uint256) {
        return proposals[_proposalId].voteEnd;
    }

    function proposalProposer(uint256 _proposalId) external view returns (address) {
        return proposals[_proposalId].proposer;
    }

    function proposalEta(uint256 _proposalId) public view returns (uint256) {
        uint256 eta = ITreasury(timelock()).getTimestamp(timelockId(_proposalId));
        return eta == 1 ? 0 : eta;
    }

    function state(uint256 _proposalId) public view returns (uint8) {
        Proposal storage p = proposals[_proposalId];
        require(p.voteStart != 0, "Governor: unknown proposal id");
        if (p.executed) return STATE_EXECUTED;
        if (p.canceled) return STATE_CANCELED;
        uint256 current = clock();
        if (p.voteStart >= current) return STATE_PENDING;
        if (p.voteEnd >= current) return STATE_ACTIVE;
        if (!_quorumReached(_proposalId, quorum(p.voteStart)) || !_voteSucceeded(_proposalId)) {
            return STATE_DEFEATED;
        }
        bytes32 id = timelockId(_proposalId);
        if (id == bytes32(0)) return STATE_SUCCEEDED;
        ITreasury treasury = ITreasury(timelock());
        if (treasury.isOperationDone(id)) return STATE_EXECUTED;
        if (treasury.isOperationPending(id)) return STATE_QUEUED;
        return STATE_SUCCEEDED;
    }

    function propose(
        address[] memory _targets,
        uint256[] memory _values,
        bytes[] memory _calldatas,
        string memory _description
    ) public returns (uint256 proposalId) {
        uint256 current = clock();
        require(
            getVotes(msg.sender, current - 1) >= proposalThreshold,
            "Governor: proposer votes below proposal threshold"
        );
        proposalId = hashProposal(_targets, _values, _calldatas, keccak256(bytes(_description)));
        require(_targets.length == _values.length, "Governor: invalid proposal length");
        require(_targets.length == _calldatas.length, "Governor: invalid proposal length");
        require(_targets.length > 0, "Governor: empty proposal");
        require(proposals[proposalId].voteStart == 0, "Governor: proposal already exists");

        uint256 snapshot = current + votingDelay;
        uint256 deadline = snapshot + votingPeriod;
        proposals[proposalId] = Proposal({
            voteStart: uint64(snapshot),
            voteEnd: uint64(deadline),
            proposer: msg.sender,
            executed: false,
            canceled: false
        });
        emit ProposalCreated(
            proposalId,
            msg.sender,
            _targets,
            _values,
            new string[](_targets.length),
            _calldatas,
            snapshot,
            deadline,
            _description
        );
    }

    function castVote(uint256 _proposalId, uint8 _support) external returns (uint256) {
        return castVoteInternal(_proposalId, msg.sender, _support, "");
    }

    function castVoteWithReason(uint256 _proposalId, uint8 _support, string calldata _reason)
        external
        returns (uint256)
    {
        return castVoteInternal(_proposalId, msg.sender, _support, _reason);
    }

    function queue(
        address[] memory _targets,
        uint256[] memory _values,
        bytes[] memory _calldatas,
        bytes32 _descriptionHash
    ) external returns (uint256 proposalId) {
        proposalId = hashProposal(_targets, _values, _calldatas, _descriptionHash);
        require(state(proposalId) == STATE_SUCCEEDED, "Governor: proposal not successful");
        ITreasury treasury = ITreasury(timelock());
        uint256 delay = treasury.getMinDelay();
        bytes32 salt = timelockSalt(_descriptionHash);
        timelockIds[proposalId] = treasury.hashOperationBatch(_targets, _values, _calldatas, 0, salt);
        treasury.scheduleBatch(_targets, _values, _calldatas, 0, salt, delay);
        emit ProposalQueued(proposalId, block.timestamp + delay);
    }

    function execute(
        address[] memory _targets,
        uint256[] memory _values,
        bytes[] memory _calldatas,
        bytes32 _descriptionHash
    ) external payable returns (uint256 proposalId) {
        proposalId = hashProposal(_targets, _values, _calldatas, _descriptionHash);
        uint8 s = state(proposalId);
        require(s == STATE_QUEUED, "Governor: proposal not queued");
        proposals[proposalId].executed = true;
        emit ProposalExecuted(proposalId);
        ITreasury(timelock()).executeBatch{value: msg.value}(
            _targets, _values, _calldatas, 0, timelockSalt(_descriptionHash)
        );
    }

    // ---- internals ----

    mapping(uint256 => bytes32) private timelockIds;

    function timelockId(uint256 _proposalId) internal view returns (bytes32) {
        return timelockIds[_proposalId];
    }

    /// @dev As OpenZeppelin's GovernorTimelockControl: the salt ties the operation to this governor.
    function timelockSalt(bytes32 _descriptionHash) internal view returns (bytes32) {
        return bytes20(address(this)) ^ _descriptionHash;
    }

    function castVoteInternal(uint256 _proposalId, address _account, uint8 _support, string memory _reason)
        internal
        returns (uint256 weight)
    {
        require(state(_proposalId) == STATE_ACTIVE, "Governor: vote not currently active");
        uint256 snapshot = proposals[_proposalId].voteStart;
        weight = getVotes(_account, snapshot);
        _countVote(_proposalId, _account, _support, weight, snapshot);
        emit VoteCast(_account, _proposalId, _support, weight, _reason);
    }
}
