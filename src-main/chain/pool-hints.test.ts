import { ZeroAddress } from 'ethers';
import { describe, expect, it } from 'vitest';
import { positionHints } from './pool-hints.ts';

const A = '0x00000000000000000000000000000000000000aa';
const B = '0x00000000000000000000000000000000000000bb';
const C = '0x00000000000000000000000000000000000000cc';
const pool = [
  { address: A, stake: 300n },
  { address: B, stake: 200n },
  { address: C, stake: 100n },
];

describe('positionHints', () => {
  it('places a new stake between its neighbours, the head or the tail', () => {
    expect(positionHints(pool, '0x00000000000000000000000000000000000000dd', 250n)).toEqual({ prev: A, next: B });
    expect(positionHints(pool, '0x00000000000000000000000000000000000000dd', 999n)).toEqual({
      prev: ZeroAddress,
      next: A,
    });
    expect(positionHints(pool, '0x00000000000000000000000000000000000000dd', 50n)).toEqual({
      prev: C,
      next: ZeroAddress,
    });
    expect(positionHints([], A, 1n)).toEqual({ prev: ZeroAddress, next: ZeroAddress });
  });
  it('ignores the member that moves', () => {
    expect(positionHints(pool, C, 400n)).toEqual({ prev: ZeroAddress, next: A });
    expect(positionHints(pool, A, 150n)).toEqual({ prev: B, next: C });
  });
});
