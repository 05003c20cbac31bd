import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildReceipt, type ReceiptInput } from '../receipt';
import type { TaxMode } from '../types';
import { linesPaid } from './paid';
import { partAmount } from './quote';

const receiptOf = (
  taxMode: TaxMode,
  lines: ReceiptInput['lines'],
  saleDiscount: ReceiptInput['saleDiscount'] = null,
) =>
  buildReceipt({
    receiptNumber: 'S001-C01-000001',
    storeName: 'OpenLane Market',
    storeAddress: '1 Market Road',
    soldAt: '2026-12-07T09:00:00.000Z',
    currency: 'CNY',
    taxMode,
    lines,
    payments: [],
    eReceiptBaseUrl: 'https://r.example',
    saleDiscount,
  });

describe('linesPaid', () => {
  it('takes a sale discount off the lines by largest remainder, so they add up to the total', () => {
    // 10.00 off 3 lines of 10.00, 10.00 and 10.00: 3.34, 3.33, 3.33 (the earlier line takes the extra unit).
    const receipt = receiptOf(
      'inclusive',
      [0, 1, 2].map((i) => ({
        name: `item ${i}`,
        unit: 'each' as const,
        quantity: 1,
        unitPrice: 1000,
        taxRateBp: 1300,
      })),
      { kind: 'amount', value: 1000 },
    );
    expect(linesPaid(receipt)).toEqual([666, 667, 667]);
    expect(receipt.totals.total).toBe(2000);
  });

  it('adds each rate’s tax back to its lines in tax-exclusive mode', () => {
    const receipt = receiptOf('exclusive', [
      { name: 'a', unit: 'each', quantity: 1, unitPrice: 333, taxRateBp: 1000 },
      { name: 'b', unit: 'each', quantity: 1, unitPrice: 333, taxRateBp: 1000 },
      { name: 'c', unit: 'kg', quantity: 250, unitPrice: 1000, taxRateBp: 500 },
    ]);
    // 10 % of 6.66 is 0.67 (rounded once): 0.34 + 0.33; 5 % of 2.50 is 0.13.
    expect(linesPaid(receipt)).toEqual([367, 366, 263]);
    expect(receipt.totals.total).toBe(996);
  });

  it('uses the paid amounts a receipt stores rather than computing them', () => {
    const receipt = receiptOf('inclusive', [
      { name: 'a', unit: 'each', quantity: 1, unitPrice: 500, taxRateBp: 1300 },
    ]);
    expect(linesPaid({ ...receipt, lines: [{ ...receipt.lines[0]!, paid: 480 }] })).toEqual([480]);
  });

  it('adds up to the sale total for any basket, discount and tax mode', () => {
    const line = fc.record({
      quantity: fc.integer({ min: 1, max: 5000 }),
      unitPrice: fc.integer({ min: 0, max: 100_000 }),
      taxRateBp: fc.constantFrom(0, 600, 900, 1300),
      unit: fc.constantFrom('each' as const, 'kg' as const),
    });
    fc.assert(
      fc.property(
        fc.array(line, { minLength: 1, maxLength: 12 }),
        fc.constantFrom('inclusive' as const, 'exclusive' as const),
        fc.option(
          fc.oneof(
            fc.record({ kind: fc.constant('amount' as const), value: fc.integer({ min: 0, max: 50_000 }) }),
            fc.record({ kind: fc.constant('percent' as const), value: fc.integer({ min: 0, max: 10_000 }) }),
          ),
        ),
        (lines, mode, discount) => {
          const receipt = receiptOf(
            mode,
            lines.map((l, i) => ({ ...l, name: `line ${i}` })),
            discount,
          );
          const paid = linesPaid(receipt);
          expect(paid.reduce((a, b) => a + b, 0)).toBe(receipt.totals.total);
          for (const p of paid) expect(p).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });
});

describe('partAmount', () => {
  it('gives floor(paid × q / sold) for a part, and the rest for the part that completes the line', () => {
    const line = { sold: 3, paid: 1000 };
    expect(partAmount(line, { quantity: 0, amount: 0 }, 1)).toBe(333);
    expect(partAmount(line, { quantity: 1, amount: 333 }, 1)).toBe(333);
    expect(partAmount(line, { quantity: 2, amount: 666 }, 1)).toBe(334);
  });

  it('never gives back more than paid, however a line is split', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 20 }),
        (sold, paid, parts) => {
          let refunded = { quantity: 0, amount: 0 };
          for (const part of parts) {
            const q = Math.min(part, sold - refunded.quantity);
            if (q <= 0) break;
            const amount = partAmount({ sold, paid }, refunded, q);
            refunded = { quantity: refunded.quantity + q, amount: refunded.amount + amount };
          }
          expect(refunded.amount).toBeLessThanOrEqual(paid);
          if (refunded.quantity === sold) expect(refunded.amount).toBe(paid);
        },
      ),
    );
  });
});
