import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { divideRoundHalfUp, mulDivRoundHalfUp, multiplyExact } from './rounding';

describe('divideRoundHalfUp', () => {
  const cases: [number, number, number][] = [
    [10, 5, 2],
    [11, 10, 1], // 1.1
    [14, 10, 1], // 1.4
    [15, 10, 2], // exactly half goes up
    [25, 10, 3], // half up, not half to even
    [16, 10, 2],
    [665667, 1000, 666],
    [665500, 1000, 666],
    [665499, 1000, 665],
    [0, 7, 0],
    [1, 3, 0],
    [2, 3, 1],
  ];
  it.each(cases)('%i / %i = %i', (n, d, q) => {
    expect(divideRoundHalfUp(n, d)).toBe(q);
  });

  it('rounds halves away from zero for negatives, so a refund is the exact negative of the sale', () => {
    expect(divideRoundHalfUp(-15, 10)).toBe(-2);
    expect(divideRoundHalfUp(-14, 10)).toBe(-1);
    expect(divideRoundHalfUp(15, -10)).toBe(-2);
    expect(divideRoundHalfUp(-15, -10)).toBe(2);
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 1, max: 1e6 }), (n, d) => {
        expect(divideRoundHalfUp(-n, d)).toBe(-divideRoundHalfUp(n, d) || 0);
      }),
    );
  });

  it('is the nearest integer, ties away from zero (checked exactly against BigInt)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(2n ** 80n), max: 2n ** 80n }),
        fc.bigInt({ min: 1n, max: 2n ** 40n }),
        (n, d) => {
          const q = n / d;
          if (q > BigInt(Number.MAX_SAFE_INTEGER) || q < -BigInt(Number.MAX_SAFE_INTEGER)) return;
          const r = BigInt(divideRoundHalfUp(n, d));
          const error = n - r * d; // the rounding error, times d
          const twice = 2n * (error < 0n ? -error : error);
          expect(twice <= d).toBe(true);
          if (twice === d) expect(r < 0n ? -r * d : r * d).toBeGreaterThan(n < 0n ? -n : n);
        },
      ),
    );
  });

  it('keeps products beyond 2^53 exact where floating point is off by one', () => {
    // 8 000 000 000 000 001 × 499 = 3 992 000 000 000 000 499; ÷ 1000 is …000.499, so it rounds down.
    // As a float the product becomes …000 512 and Math.round gives …001.
    expect(mulDivRoundHalfUp(8_000_000_000_000_001, 499, 1000)).toBe(3_992_000_000_000_000);
    expect(divideRoundHalfUp(8_000_000_000_000_001n * 500n, 1000n)).toBe(4_000_000_000_000_001);
  });

  it('refuses division by zero, fractions, and results past the safe range', () => {
    expect(() => divideRoundHalfUp(1, 0)).toThrow('cannot divide by zero');
    expect(() => divideRoundHalfUp(1.5, 1)).toThrow(RangeError);
    expect(() => divideRoundHalfUp(2n ** 60n, 1)).toThrow(/beyond the safe integer range/);
  });
});

describe('multiplyExact', () => {
  it('multiplies exactly and refuses a product that would lose precision', () => {
    expect(multiplyExact(1999, 3)).toBe(5997);
    expect(multiplyExact(-250, 4)).toBe(-1000);
    expect(() => multiplyExact(2 ** 30, 2 ** 30)).toThrow(RangeError);
  });
});
