import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mulDivRoundHalfUp } from './rounding';
import {
  discountAmount,
  percentOffBp,
  priceBasket,
  spreadLargestRemainder,
  type AdjustableLine,
  type Discount,
} from './adjustments';
import { computeTotals } from './totals';

const each = (unitPrice: number, quantity: number, taxRateBp = 1300): AdjustableLine => ({
  unit: 'each',
  unitPrice,
  quantity,
  taxRateBp,
});

describe('spreadLargestRemainder', () => {
  it('gives the units left over to the largest fractional parts, ties to the earlier line', () => {
    // 100 over 1:1:1 is 33.33 each; the one unit left goes to the first.
    expect(spreadLargestRemainder(100, [1, 1, 1])).toEqual([34, 33, 33]);
    // 10 over 300:200:100 is 5, 3.33, 1.67: the unit left goes to the 0.67.
    expect(spreadLargestRemainder(10, [300, 200, 100])).toEqual([5, 3, 2]);
    expect(spreadLargestRemainder(0, [5, 5])).toEqual([0, 0]);
    expect(spreadLargestRemainder(7, [0, 0])).toEqual([0, 0]);
  });

  it('always adds up exactly and never gives a line more than its weight', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 30 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (weights, f) => {
          const sum = weights.reduce((a, b) => a + b, 0);
          const total = Math.floor(sum * f);
          const parts = spreadLargestRemainder(total, weights);
          expect(parts.reduce((a, b) => a + b, 0)).toBe(sum === 0 ? 0 : total);
          parts.forEach((p, i) => {
            expect(p).toBeGreaterThanOrEqual(0);
            expect(p).toBeLessThanOrEqual(weights[i]!);
          });
        },
      ),
    );
  });
});

describe('discountAmount', () => {
  it('takes a percent rounded half up, and never more than the line', () => {
    expect(discountAmount(1999, { kind: 'percent', value: 1000 })).toBe(200); // 199.9
    expect(discountAmount(500, { kind: 'amount', value: 800 })).toBe(500);
    expect(discountAmount(500, null)).toBe(0);
    expect(() => discountAmount(500, { kind: 'percent', value: 10_001 })).toThrow(/at most 100/);
    expect(() => discountAmount(500, { kind: 'amount', value: 1.5 })).toThrow(/whole number/);
  });
});

describe('percentOffBp', () => {
  it('rounds up, so a hair over the limit is over it', () => {
    expect(percentOffBp(1000, 900)).toBe(1000);
    expect(percentOffBp(999, 899)).toBe(1002); // 10.01 %
    expect(percentOffBp(1000, 1200)).toBe(0);
    expect(percentOffBp(0, 0)).toBe(0);
  });
});

describe('priceBasket', () => {
  it('without adjustments is exactly computeTotals', () => {
    const lines = [each(350, 2), { unit: 'kg' as const, unitPrice: 1999, quantity: 333, taxRateBp: 900 }];
    const priced = priceBasket(lines, null, 'inclusive');
    expect(priced.totals).toEqual(computeTotals(lines, 'inclusive'));
    expect(priced.lines.map((l) => l.net)).toEqual([700, 666]);
  });

  it('an override reprices the line; a line discount comes off the override; the savings show', () => {
    const priced = priceBasket(
      [{ ...each(500, 2), priceOverride: 400, discount: { kind: 'percent', value: 1000 } }],
      null,
      'inclusive',
    );
    expect(priced.lines[0]).toEqual({
      original: 1000,
      base: 800,
      lineDiscount: 80,
      lineTotal: 720,
      saleShare: 0,
      net: 720,
    });
    expect(priced.totals.total).toBe(720);
    expect(priced.totals.savings).toBe(280);
    expect(priced.totals.saleDiscount).toBeUndefined();
  });

  it('spreads a sale discount so each rate is taxed on its own discounted sum (exclusive)', () => {
    // 10.00 at 13 % and 5.00 at 0 %; 30 % off the 15.00 is 4.50: 3.00 and 1.50.
    const priced = priceBasket(
      [each(1000, 1, 1300), each(500, 1, 0)],
      { kind: 'percent', value: 3000 },
      'exclusive',
    );
    expect(priced.lines.map((l) => l.saleShare)).toEqual([300, 150]);
    expect(priced.totals.subtotal).toBe(1500);
    expect(priced.totals.saleDiscount).toBe(450);
    expect(priced.totals.byRate).toEqual([
      { taxRateBp: 0, net: 350, tax: 0, gross: 350 },
      { taxRateBp: 1300, net: 700, tax: 91, gross: 791 },
    ]);
    expect(priced.totals.total).toBe(1141);
  });

  it('never takes a line below 0, even when an amount discount is bigger than the line', () => {
    const priced = priceBasket(
      [{ ...each(300, 1), discount: { kind: 'amount', value: 1000 } }],
      { kind: 'amount', value: 50 },
      'inclusive',
    );
    expect(priced.lines[0]!.net).toBe(0);
    expect(priced.totals.total).toBe(0);
  });
});

// A random basket: each and kg lines at a few rates, some overridden, some discounted, maybe a sale discount.
const discountArb: fc.Arbitrary<Discount> = fc.oneof(
  fc.record({ kind: fc.constant('amount' as const), value: fc.integer({ min: 0, max: 50_000 }) }),
  fc.record({ kind: fc.constant('percent' as const), value: fc.integer({ min: 0, max: 10_000 }) }),
);
const lineArb: fc.Arbitrary<AdjustableLine> = fc.record({
  unit: fc.constantFrom('each' as const, 'kg' as const),
  unitPrice: fc.integer({ min: 0, max: 100_000 }),
  quantity: fc.integer({ min: 1, max: 5000 }),
  taxRateBp: fc.constantFrom(0, 600, 900, 1300, 2000),
  priceOverride: fc.option(fc.integer({ min: 0, max: 100_000 })),
  discount: fc.option(discountArb),
});

describe('priceBasket on random baskets', () => {
  it('totals are the sum of the lines, tax is per rate on the discounted sums, and nothing goes below 0', () => {
    fc.assert(
      fc.property(
        fc.array(lineArb, { minLength: 1, maxLength: 25 }),
        fc.option(discountArb),
        fc.constantFrom('inclusive' as const, 'exclusive' as const),
        (lines, sale, mode) => {
          const { lines: priced, totals } = priceBasket(lines, sale, mode);
          const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
          // The sale discount is spread exactly; lines never go below 0.
          expect(sum(priced.map((l) => l.saleShare))).toBe(totals.saleDiscount ?? 0);
          for (const l of priced) {
            expect(l.lineTotal).toBe(l.base - l.lineDiscount);
            expect(l.net).toBe(l.lineTotal - l.saleShare);
            expect(l.net).toBeGreaterThanOrEqual(0);
          }
          expect(totals.subtotal).toBe(sum(priced.map((l) => l.lineTotal)));
          // Per rate: the rate's tax is the rule applied once to the sum of its lines' net amounts.
          for (const rate of totals.byRate) {
            const gross = sum(
              priced.filter((_, i) => lines[i]!.taxRateBp === rate.taxRateBp).map((l) => l.net),
            );
            const tax =
              mode === 'inclusive'
                ? mulDivRoundHalfUp(gross, rate.taxRateBp, 10_000 + rate.taxRateBp)
                : mulDivRoundHalfUp(gross, rate.taxRateBp, 10_000);
            expect(rate.tax).toBe(tax);
            expect(rate.net + rate.tax).toBe(rate.gross);
          }
          const net = sum(priced.map((l) => l.net));
          expect(totals.total).toBe(mode === 'inclusive' ? net : net + totals.taxTotal);
          expect(totals.total).toBe(sum(totals.byRate.map((r) => r.gross)));
          expect(totals.savings ?? 0).toBe(Math.max(0, sum(priced.map((l) => l.original)) - net));
        },
      ),
      { numRuns: 500 },
    );
  });
});
