/**
 * Exact integer division with commercial rounding, the one rounding rule of all pricing and tax.
 *
 * Rule: round half up, where "up" means away from zero. The quotient is rounded to the nearest
 * integer; an exact half (x.5) goes to the integer farther from zero, so 2.5 → 3 and -2.5 → -3.
 * Symmetry matters: a refund of a line rounds to exactly the negative of its sale.
 *
 * Arithmetic is done in BigInt, so a product like price × grams may exceed 2^53 without losing
 * a unit; only the final result has to fit in a safe integer.
 */

/** numerator ÷ denominator rounded half away from zero, computed exactly; throws if the result is not a safe integer. */
export function divideRoundHalfUp(numerator: number | bigint, denominator: number | bigint): number {
  const n = toBigInt(numerator, 'numerator');
  const d = toBigInt(denominator, 'denominator');
  if (d === 0n) throw new RangeError('cannot divide by zero');
  const absN = n < 0n ? -n : n;
  const absD = d < 0n ? -d : d;
  let quotient = absN / absD;
  const remainder = absN % absD;
  if (remainder * 2n >= absD) quotient += 1n;
  const result = n < 0n !== d < 0n ? -quotient : quotient;
  return toSafeNumber(result);
}

/** a × b ÷ divisor rounded half away from zero, with the product kept exact in BigInt. */
export function mulDivRoundHalfUp(a: number, b: number, divisor: number): number {
  return divideRoundHalfUp(toBigInt(a, 'a') * toBigInt(b, 'b'), toBigInt(divisor, 'divisor'));
}

/** a × b exactly; throws rather than return a product that lost precision. */
export function multiplyExact(a: number, b: number): number {
  return toSafeNumber(toBigInt(a, 'a') * toBigInt(b, 'b'));
}

function toBigInt(value: number | bigint, name: string): bigint {
  if (typeof value === 'bigint') return value;
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`${name} must be a safe integer, got ${value}`);
  }
  return BigInt(value);
}

function toSafeNumber(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new RangeError(`result ${value} is beyond the safe integer range`);
  }
  return Number(value);
}
