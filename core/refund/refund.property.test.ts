// Random sales built by the real receipt code (discounts, overrides, both tax modes, weighed lines):
// a line refunded in random parts gives back exactly its `paid` (and its tax), never a minor unit more;
// every line refunded whole gives back the sale's total and tax; the tenders split stays within each.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildReceipt, type ReceiptLineInput } from '../receipt';
import { lineShares, type LineShare } from './paid';
import { quoteLine, splitOverTenders, type RefundBasisLine } from './quote';

const lineInput: fc.Arbitrary<ReceiptLineInput> = fc
  .record({
    weighed: fc.boolean(),
    quantity: fc.integer({ min: 1, max: 12 }),
    grams: fc.integer({ min: 1, max: 5000 }),
    unitPrice: fc.integer({ min: 1, max: 50_000 }),
    taxRateBp: fc.constantFrom(0, 600, 900, 1300, 2000),
    override: fc.option(fc.integer({ min: 1, max: 40_000 }), { nil: null }),
    discount: fc.option(
      fc.oneof(
        fc.record({ kind: fc.constant('percent' as const), value: fc.integer({ min: 0, max: 10_000 }) }),
        fc.record({ kind: fc.constant('amount' as const), value: fc.integer({ min: 0, max: 3000 }) }),
      ),
      { nil: null },
    ),
  })
  .map((l) => ({
    name: 'Item',
    unit: l.weighed ? ('kg' as const) : ('each' as const),
    quantity: l.weighed ? l.grams : l.quantity,
    unitPrice: l.unitPrice,
    taxRateBp: l.taxRateBp,
    priceOverride: l.override,
    discount: l.discount,
  }));

const sale = fc
  .record({
    lines: fc.array(lineInput, { minLength: 1, maxLength: 8 }),
    taxMode: fc.constantFrom('inclusive' as const, 'exclusive' as const),
    saleDiscount: fc.option(
      fc.oneof(
        fc.record({ kind: fc.constant('percent' as const), value: fc.integer({ min: 0, max: 10_000 }) }),
        fc.record({ kind: fc.constant('amount' as const), value: fc.integer({ min: 0, max: 20_000 }) }),
      ),
      { nil: null },
    ),
  })
  .map((s) =>
    buildReceipt({
      receiptNumber: 'S01-C01-000001',
      storeName: 'Store',
      storeAddress: 'Street',
      soldAt: '2026-12-07T09:00:00.000Z',
      currency: 'CNY',
      taxMode: s.taxMode,
      lines: s.lines,
      payments: [],
      eReceiptBaseUrl: 'https://r.example/r',
      saleDiscount: s.saleDiscount,
    }),
  );

const basisOf = (share: LineShare, sold: number): RefundBasisLine => ({
  line: 0,
  taxRateBp: 1300,
  sold,
  paid: share.paid,
  tax: share.tax,
  refundedQuantity: 0,
  refundedAmount: 0,
});

/** Cuts `sold` into random positive parts, in order. */
const partsOf = (sold: number, cuts: number[]) => {
  const points = [...new Set(cuts.map((c) => (c % sold) + 1).filter((c) => c < sold))].sort((a, b) => a - b);
  return [...points, sold].map((p, i) => p - (i === 0 ? 0 : points[i - 1]!));
};

describe('refund arithmetic', () => {
  it('gives the lines’ paid and tax adding up to the sale’s total and tax, as the receipt stores them', () => {
    fc.assert(
      fc.property(sale, (receipt) => {
        const shares = lineShares(receipt);
        expect(shares.reduce((s, l) => s + l.paid, 0)).toBe(receipt.totals.total);
        expect(shares.reduce((s, l) => s + l.tax, 0)).toBe(receipt.totals.taxTotal);
        const { lines, ...rest } = receipt;
        const old = { ...rest, lines: lines.map(({ paid: _paid, ...line }) => line) };
        expect(lineShares(old)).toEqual(shares);
        expect(receipt.lines.map((l) => l.paid)).toEqual(shares.map((s) => s.paid));
        for (const share of shares) expect(share.tax).toBeLessThanOrEqual(share.paid);
      }),
      { numRuns: 500 },
    );
  });

  it('gives back exactly paid and its tax for a line refunded in random parts, each part within the rest', () => {
    fc.assert(
      fc.property(sale, fc.array(fc.nat(), { maxLength: 6 }), (receipt, cuts) => {
        lineShares(receipt).forEach((share, i) => {
          const sold = receipt.lines[i]!.quantity;
          let line = { ...basisOf(share, sold), refundedTax: 0 };
          const parts = partsOf(sold, cuts);
          for (const quantity of parts) {
            const part = quoteLine(line, quantity);
            expect(part.amount).toBeGreaterThanOrEqual(0);
            expect(part.amount).toBeLessThanOrEqual(share.paid - line.refundedAmount);
            expect(part.tax).toBeLessThanOrEqual(part.amount);
            line = {
              ...line,
              refundedQuantity: line.refundedQuantity + quantity,
              refundedAmount: line.refundedAmount + part.amount,
              refundedTax: line.refundedTax + part.tax,
            };
          }
          expect(line.refundedAmount).toBe(share.paid);
          // The tax comes back whole unless the last part's amount could not hold the rest of it (many
          // parts of a line worth a few minor units): then at most one minor unit per earlier part less.
          expect(line.refundedTax).toBeLessThanOrEqual(share.tax);
          expect(share.tax - line.refundedTax).toBeLessThanOrEqual(parts.length - 1);
          if (parts.length === 1) expect(line.refundedTax).toBe(share.tax);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('splits a refund over the tenders within what each has left, cash last and rounded', () => {
    const tender = fc.record({
      kind: fc.constantFrom('cash' as const, 'merchant_qr' as const, 'wallet_code' as const),
      took: fc.integer({ min: 1, max: 100_000 }),
      refundedShare: fc.integer({ min: 0, max: 100 }),
    });
    fc.assert(
      fc.property(
        fc.array(tender, { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 1, max: 400_000 }),
        fc.constantFrom(1, 5, 10, 50),
        (raw, amount, increment) => {
          const tenders = raw.map((t, i) => ({
            position: i + 1,
            kind: t.kind,
            took: t.took,
            refunded: Math.floor((t.took * t.refundedShare) / 100),
          }));
          const split = splitOverTenders(amount, tenders, increment);
          const left = tenders.reduce((s, t) => s + t.took - t.refunded, 0);
          if (!split.ok) {
            expect(split.error.code).toBe('refund_exceeds_tenders');
            expect(left).toBeLessThan(amount);
            return;
          }
          const parts = split.value.tenders;
          expect(parts.reduce((s, p) => s + p.amount, 0)).toBe(amount + split.value.cashRounding);
          for (const part of parts) {
            const t = tenders.find((x) => x.position === part.salePosition)!;
            expect(part.amount).toBeLessThanOrEqual(t.took - t.refunded);
          }
          const kinds = parts.map((p) => p.kind);
          expect(kinds.slice(kinds.indexOf('cash') < 0 ? kinds.length : kinds.indexOf('cash'))).toEqual(
            kinds.filter((k) => k === 'cash'),
          );
          if (split.value.cashRounding !== 0) expect(tenders.map((t) => t.kind)).toContain('cash');
          expect(Math.abs(split.value.cashRounding)).toBeLessThanOrEqual(increment / 2);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
