// Exact non-negative-denominator rationals over bigint, for balances and prices (go-livepeer
// keeps both as big.Rat: ticket EVs are fractions of 2^256 − 1, prices are wei per pixel).
export interface Rat {
  readonly num: bigint;
  readonly den: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  while (b) [a, b] = [b, a % b];
  return a;
}

/** num/den in lowest terms (as Go's big.NewRat), den > 0. */
export function rat(num: bigint, den: bigint = 1n): Rat {
  if (den === 0n) throw new RangeError('zero denominator');
  if (den < 0n) [num, den] = [-num, -den];
  const g = gcd(num, den) || 1n;
  return { num: num / g, den: den / g };
}

export const ZERO: Rat = { num: 0n, den: 1n };
export const add = (a: Rat, b: Rat): Rat => rat(a.num * b.den + b.num * a.den, a.den * b.den);
export const sub = (a: Rat, b: Rat): Rat => rat(a.num * b.den - b.num * a.den, a.den * b.den);
export const mul = (a: Rat, b: Rat): Rat => rat(a.num * b.num, a.den * b.den);
export const cmp = (a: Rat, b: Rat): number => {
  const d = a.num * b.den - b.num * a.den;
  return d < 0n ? -1 : d > 0n ? 1 : 0;
};
/** Integer part, rounded toward zero. */
export const floor = (a: Rat): bigint => a.num / a.den;
