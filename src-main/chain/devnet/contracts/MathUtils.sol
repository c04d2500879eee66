// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// @notice Fixed-point percentages as the protocol uses them: parts per million for cuts and
/// shares, 1e9 for inflation, 1e27 for cumulative factors and the treasury cut.
library MathUtils {
    uint256 internal constant PERC_DIVISOR = 1_000_000;

    function validPerc(uint256 _amount) internal pure returns (bool) {
        return _amount <= PERC_DIVISOR;
    }

    function percOf(uint256 _amount, uint256 _perc) internal pure returns (uint256) {
        return (_amount * _perc) / PERC_DIVISOR;
    }
}

library MathUtilsV2 {
    uint256 internal constant PERC_DIVISOR = 1_000_000_000;

    function percPoints(uint256 _num, uint256 _denom) internal pure returns (uint256) {
        return (_num * PERC_DIVISOR) / _denom;
    }

    function percOf(uint256 _amount, uint256 _perc) internal pure returns (uint256) {
        return (_amount * _perc) / PERC_DIVISOR;
    }

    function percOf(uint256 _amount, uint256 _num, uint256 _denom) internal pure returns (uint256) {
        return (_amount * percPoints(_num, _denom)) / PERC_DIVISOR;
    }
}

library PreciseMathUtils {
    uint256 internal constant PERC_DIVISOR = 10 ** 27;

    function percPoints(uint256 _num, uint256 _denom) internal pure returns (uint256) {
        return (_num * PERC_DIVISOR) / _denom;
    }

    function percOf(uint256 _amount, uint256 _perc) internal pure returns (uint256) {
        return (_amount * _perc) / PERC_DIVISOR;
    }

    function percOf(uint256 _amount, uint256 _num, uint256 _denom) internal pure returns (uint256) {
        return (_amount * percPoints(_num, _denom)) / PERC_DIVISOR;
    }
}
