// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// @notice A list of addresses kept sorted by key, largest first (the transcoder pool). Callers
/// may pass the neighbours of the new position as hints; a wrong hint falls back to a walk from
/// the head, so hints only save gas.
library SortedDoublyLL {
    struct Node {
        uint256 key;
        address nextId;
        address prevId;
    }

    struct Data {
        address head;
        address tail;
        uint256 maxSize;
        uint256 size;
        mapping(address => Node) nodes;
    }

    function setMaxSize(Data storage self, uint256 _size) internal {
        require(_size > self.maxSize, "new max size must be greater than old max size");
        self.maxSize = _size;
    }

    function insert(Data storage self, address _id, uint256 _key, address _prevId, address _nextId) internal {
        require(!isFull(self), "list is full");
        require(!contains(self, _id), "node already in list");
        require(_id != address(0), "node id is null");

        (address prevId, address nextId) = findInsertPosition(self, _key, _prevId, _nextId);
        Node storage node = self.nodes[_id];
        node.key = _key;
        node.prevId = prevId;
        node.nextId = nextId;
        if (prevId == address(0)) {
            self.head = _id;
        } else {
            self.nodes[prevId].nextId = _id;
        }
        if (nextId == address(0)) {
            self.tail = _id;
        } else {
            self.nodes[nextId].prevId = _id;
        }
        self.size += 1;
    }

    function remove(Data storage self, address _id) internal {
        require(contains(self, _id), "node not in list");
        Node storage node = self.nodes[_id];
        address prevId = node.prevId;
        address nextId = node.nextId;
        if (prevId == address(0)) {
            self.head = nextId;
        } else {
            self.nodes[prevId].nextId = nextId;
        }
        if (nextId == address(0)) {
            self.tail = prevId;
        } else {
            self.nodes[nextId].prevId = prevId;
        }
        delete self.nodes[_id];
        self.size -= 1;
    }

    function updateKey(Data storage self, address _id, uint256 _newKey, address _prevId, address _nextId) internal {
        remove(self, _id);
        insert(self, _id, _newKey, _prevId, _nextId);
    }

    function contains(Data storage self, address _id) internal view returns (bool) {
        // Every node in a non-empty list has a neighbour or is the head
        return self.head == _id && _id != address(0) || self.nodes[_id].prevId != address(0);
    }

    function isFull(Data storage self) internal view returns (bool) {
        return self.size == self.maxSize;
    }

    function getKey(Data storage self, address _id) internal view returns (uint256) {
        return self.nodes[_id].key;
    }

    function getNext(Data storage self, address _id) internal view returns (address) {
        return self.nodes[_id].nextId;
    }

    function validInsertPosition(Data storage self, uint256 _key, address _prevId, address _nextId)
        internal
        view
        returns (bool)
    {
        if (_prevId == address(0) && _nextId == address(0)) {
            return self.size == 0;
        } else if (_prevId == address(0)) {
            return self.head == _nextId && _key >= self.nodes[_nextId].key;
        } else if (_nextId == address(0)) {
            return self.tail == _prevId && _key <= self.nodes[_prevId].key;
        }
        return self.nodes[_prevId].nextId == _nextId && self.nodes[_prevId].key >= _key
            && _key >= self.nodes[_nextId].key;
    }

    function findInsertPosition(Data storage self, uint256 _key, address _prevId, address _nextId)
        internal
        view
        returns (address, address)
    {
        if (validInsertPosition(self, _key, _prevId, _nextId)) return (_prevId, _nextId);
        // Walk from the head to the first node whose key is below the new key
        address prev = address(0);
        address next = self.head;
        while (next != address(0) && self.nodes[next].key >= _key) {
            prev = next;
            next = self.nodes[next].nextId;
        }
        return (prev, next);
    }
}
