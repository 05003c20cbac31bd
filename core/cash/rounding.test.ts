import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { roundCash } from './rounding';

describe('cash rounding', () => {
  // Decision table at the edges. Tie rule: half away from zero (Swiss: 0.025 → 0.05).
  it.each([
    // amount, increment, rounded, adjustment
    [3742, 10, 3740, -2], // CNY 37.42 → 37.40
    [3745, 10, 3750, 5], // CNY tie 37.45 → 37.50 (up)
    [3746, 10, 3750, 4],
    [3744, 10, 3740, -4],
    [3740, 10, 3740, 0], // already on the increment
    [1022, 5, 1020, -2], // CHF 10.22 → 10.20
    [1023, 5, 1025, 2], // CHF 10.23 → 10.25
    [1027, 5, 1025, -2], // CHF 10.27 → 10.25
    [1028, 5, 1030, 2], // CHF 10.28 → 10.30
    [2, 5, 0, -2], // a sale worth 0.02 CHF in cash rounds to nothing
    [3, 5, 5, 2],
    [1234, 1, 1234, 0], // increment 1: no rounding
    [0, 5, 0, 0],
    [-1023, 5, -1025, -2], // a refund mirrors its sale
    [-1022, 5, -1020, 2],
    [-3745, 10, -3750, -5], // a refund tie goes away from zero too
    [-3740, 10, -3740, 0],
    [1, 2, 2, 1], // tie with an even increment
    [1, 3, 0, -1], // odd increment: 1/3 below half
    [2, 3, 3, 1], // 2/3 past half
    [149, 100, 100, -49], // whole-unit rounding (e.g. HUF-like 1.00 steps)
    [150, 100, 200, 50],
  ])('%i to %i → %i (adjustment %i)', (amount, increment, rounded, adjustment) => {
    expect(roundCash(amount, increment)).toEqual({ ok: true, value: { rounded, adjustment } });
  });

  it('Swiss reference: 0.025 rounds up to 0.05, the same rule measured in tenths of a rappen', () => {
    // In whole rappen a 0.05 increment has no exact tie (CHF x.x2 goes down, x.x3 up, as above); the
    // Swiss tie 0.025 shows only at a finer unit, where it is 25 to an increment of 50.
    expect(roundCash(25, 50)).toEqual({ ok: true, value: { rounded: 50, adjustment: 25 } });
    expect(roundCash(24, 50)).toEqual({ ok: true, value: { rounded: 0, adjustment: -24 } });
  });

  it('never gives -0', () => {
    const result = roundCash(-3740, 10);
    expect(result.ok && Object.is(result.value.rounded, -0)).toBe(false);
    expect(result.ok && Object.is(result.value.adjustment, -0)).toBe(false);
  });

  it.each([
    [100, 0, /increment must be whole minor units ≥ 1, got 0/],
    [100, -5, /increment .* got -5/],
    [100, 2.5, /increment .* got 2.5/],
    [100, Number.NaN, /increment .* got NaN/],
    [10.5, 5, /amount must be whole minor units, got 10.5/],
    [Number.POSITIVE_INFINITY, 5, /amount .* got Infinity/],
    [Number.MAX_SAFE_INTEGER, 100, /too large to round exactly/],
  ])('refuses amount %s with increment %s', (amount, increment, message) => {
    expect(roundCash(amount, increment)).toMatchObject({
      ok: false,
      error: { code: 'invalid_rounding', message: expect.stringMatching(message) },
    });
  });

  it('property: a multiple of the increment, adjustment within ±increment/2, amount + adjustment = rounded', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.integer({ min: 1, max: 10_000 }),
        (amount, increment) => {
          const result = roundCash(amount, increment);
          if (!result.ok) return false;
          const { rounded, adjustment } = result.value;
          const mirror = roundCash(-amount, increment);
          return (
            rounded % increment === 0 &&
            2 * Math.abs(adjustment) <= increment &&
            amount + adjustment === rounded &&
            // A refund rounds as the mirror of its sale.
            mirror.ok &&
            mirror.value.rounded === -rounded
          );
        },
      ),
    );
  });

  it('property: the nearest multiple — no other multiple is closer, and a tie goes away from zero', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e9 }),
        fc.integer({ min: 1, max: 1000 }),
        (amount, increment) => {
          const result = roundCash(amount, increment);
          if (!result.ok) return false;
          const { rounded } = result.value;
          const below = rounded - increment;
          const above = rounded + increment;
          const d = Math.abs(amount - rounded);
          return d < Math.abs(amount - above) && (d < Math.abs(amount - below) || rounded > amount);
        },
      ),
    );
  });
});
