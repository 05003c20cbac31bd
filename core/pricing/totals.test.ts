import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PricedLineInput } from '../types';
import { lineTotal } from './line';
import { computeTotals, formatTaxRate } from './totals';

const each = (unitPrice: number, quantity: number, taxRateBp: number): PricedLineInput => ({
  unit: 'each',
  unitPrice,
  quantity,
  taxRateBp,
});
const kg = (unitPrice: number, grams: number, taxRateBp: number): PricedLineInput => ({
  unit: 'kg',
  unitPrice,
  quantity: grams,
  taxRateBp,
});

describe('computeTotals, tax included in prices', () => {
  it('takes 13 % out of 11.30: tax 1.30, net 10.00', () => {
    expect(computeTotals([each(1130, 1, 1300)], 'inclusive')).toEqual({
      total: 1130,
      taxTotal: 130,
      subtotal: 1130,
      byRate: [{ taxRateBp: 1300, net: 1000, tax: 130, gross: 1130 }],
      itemCount: 1,
    });
  });

  it('splits a mixed 9 % / 13 % basket per rate, sorted by rate', () => {
    const totals = computeTotals(
      [each(1130, 1, 1300), each(1090, 1, 900), kg(1999, 333, 900), each(350, 2, 1300)],
      'inclusive',
    );
    // 9 %: 10.90 + 6.66 (19.99/kg × 333 g) = 17.56; tax 1756 × 900 / 10900 = 144.99 → 145.
    // 13 %: 11.30 + 2 × 3.50 = 18.30; tax 1830 × 1300 / 11300 = 210.53 → 211.
    expect(totals.byRate).toEqual([
      { taxRateBp: 900, net: 1611, tax: 145, gross: 1756 },
      { taxRateBp: 1300, net: 1619, tax: 211, gross: 1830 },
    ]);
    expect(totals.total).toBe(3586);
    expect(totals.subtotal).toBe(3586);
    expect(totals.taxTotal).toBe(356);
    expect(totals.itemCount).toBe(5); // 1 + 1 weighed + 1 + 2
  });

  it('rounds tax once per rate, not per line', () => {
    // Each 1.00 line alone would be 100 × 1300 / 11300 = 11.50 → 12, i.e. 36 for three; 300 at 13 % is 34.51 → 35.
    expect(
      computeTotals([each(100, 1, 1300), each(100, 1, 1300), each(100, 1, 1300)], 'inclusive').taxTotal,
    ).toBe(35);
  });

  it('keeps a large inclusive amount exact', () => {
    const totals = computeTotals([each(9_000_000_000_000_000, 1, 1300)], 'inclusive');
    // 9e15 × 1300 / 11300 = 1 035 398 230 088 495.575… → …496.
    expect(totals.byRate[0]).toEqual({
      taxRateBp: 1300,
      net: 9_000_000_000_000_000 - 1_035_398_230_088_496,
      tax: 1_035_398_230_088_496,
      gross: 9_000_000_000_000_000,
    });
  });
});

describe('computeTotals, tax added at the till', () => {
  it('adds tax to the net per rate', () => {
    const totals = computeTotals([each(1000, 1, 1300), each(999, 1, 725), each(350, 2, 1300)], 'exclusive');
    // 7.25 %: 999 × 725 / 10000 = 72.43 → 72.   13 %: 1700 × 1300 / 10000 = 221.
    expect(totals.byRate).toEqual([
      { taxRateBp: 725, net: 999, tax: 72, gross: 1071 },
      { taxRateBp: 1300, net: 1700, tax: 221, gross: 1921 },
    ]);
    expect(totals.subtotal).toBe(2699);
    expect(totals.taxTotal).toBe(293);
    expect(totals.total).toBe(2992);
  });

  it('rounds a tax of exactly half a cent up', () => {
    // 0.30 at 5 % = 1.5 cents → 2.
    expect(computeTotals([each(30, 1, 500)], 'exclusive').byRate).toEqual([
      { taxRateBp: 500, net: 30, tax: 2, gross: 32 },
    ]);
  });
});

describe('computeTotals, edges', () => {
  it('gives zeros for an empty basket in either mode', () => {
    const zero = { total: 0, taxTotal: 0, subtotal: 0, byRate: [], itemCount: 0 };
    expect(computeTotals([], 'inclusive')).toEqual(zero);
    expect(computeTotals([], 'exclusive')).toEqual(zero);
  });

  it('lists a 0 % rate with no tax', () => {
    expect(computeTotals([each(500, 2, 0)], 'inclusive').byRate).toEqual([
      { taxRateBp: 0, net: 1000, tax: 0, gross: 1000 },
    ]);
  });

  it('refuses a negative or fractional tax rate', () => {
    expect(() => computeTotals([each(100, 1, -100)], 'inclusive')).toThrow(/tax rate/);
    expect(() => computeTotals([each(100, 1, 12.5)], 'inclusive')).toThrow(/tax rate/);
  });
});

describe('computeTotals, properties', () => {
  const line = fc.oneof(
    fc.record({
      unit: fc.constant<'each'>('each'),
      unitPrice: fc.integer({ min: 0, max: 10_000_000 }),
      quantity: fc.integer({ min: 0, max: 1000 }),
      taxRateBp: fc.constantFrom(0, 500, 600, 725, 900, 1300, 2000, 2500),
    }),
    fc.record({
      unit: fc.constant<'kg'>('kg'),
      unitPrice: fc.integer({ min: 0, max: 1_000_000 }),
      quantity: fc.integer({ min: 0, max: 50_000 }),
      taxRateBp: fc.constantFrom(0, 500, 600, 725, 900, 1300, 2000, 2500),
    }),
  );
  const basket = fc.array(line, { maxLength: 30 });
  const mode = fc.constantFrom<'inclusive' | 'exclusive'>('inclusive', 'exclusive');
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

  it('has net + tax = gross per rate, total = Σ gross, taxTotal = Σ tax, rates unique and ascending', () => {
    fc.assert(
      fc.property(basket, mode, (lines, m) => {
        const totals = computeTotals(lines, m);
        for (const rate of totals.byRate) expect(rate.net + rate.tax).toBe(rate.gross);
        expect(totals.total).toBe(sum(totals.byRate.map((r) => r.gross)));
        expect(totals.taxTotal).toBe(sum(totals.byRate.map((r) => r.tax)));
        const rates = totals.byRate.map((r) => r.taxRateBp);
        expect(rates).toEqual([...new Set(lines.map((l) => l.taxRateBp))].sort((a, b) => a - b));
        expect(totals.subtotal).toBe(sum(lines.map(lineTotal)));
      }),
    );
  });

  it('charges exactly the sum of shelf prices when tax is included', () => {
    fc.assert(
      fc.property(basket, (lines) => {
        const totals = computeTotals(lines, 'inclusive');
        expect(totals.total).toBe(sum(lines.map(lineTotal)));
        expect(totals.subtotal).toBe(totals.total);
      }),
    );
  });

  it('adds exactly the tax to the shelf prices when tax is excluded', () => {
    fc.assert(
      fc.property(basket, (lines) => {
        const totals = computeTotals(lines, 'exclusive');
        expect(totals.total).toBe(totals.subtotal + totals.taxTotal);
      }),
    );
  });

  it('rounds each rate’s tax to the nearest unit of the exact value', () => {
    fc.assert(
      fc.property(basket, mode, (lines, m) => {
        for (const { taxRateBp: r, gross, net, tax } of computeTotals(lines, m).byRate) {
          // Exact tax is base × r / divisor; |tax × divisor − base × r| ≤ divisor / 2.
          const [base, divisor] = m === 'inclusive' ? [gross, 10_000 + r] : [net, 10_000];
          expect(2 * Math.abs(tax * divisor - base * r)).toBeLessThanOrEqual(divisor);
        }
      }),
    );
  });

  it('counts pieces plus one per weighed line', () => {
    fc.assert(
      fc.property(basket, (lines) => {
        const expected = sum(lines.map((l) => (l.unit === 'kg' ? 1 : l.quantity)));
        expect(computeTotals(lines, 'inclusive').itemCount).toBe(expected);
      }),
    );
  });
});

describe('formatTaxRate', () => {
  it.each([
    [1300, '13%'],
    [750, '7.5%'],
    [825, '8.25%'],
    [1000, '10%'],
    [0, '0%'],
    [5, '0.05%'],
    [10_000, '100%'],
  ])('%i bp → %s', (bp, text) => {
    expect(formatTaxRate(bp)).toBe(text);
  });
});
