// What the shopper paid for each line of a sale: the most a refund of that line gives back (issue 12).
//
// A line's `paid` is its lineTotal less its share of the sale discount, plus — in tax-exclusive mode —
// its share of the tax. The sale discount is spread over the lines by their lineTotal, and each rate's
// tax over that rate's lines by their net, both by largest remainder (core/pricing/adjustments.ts), so
// the lines' `paid` add up to the sale's total exactly, and their `tax` to its tax. A receipt written
// since issue 12 keeps `paid` on each line (core/receipt.ts); an older one is computed the same way.
import { spreadLargestRemainder } from '../pricing/adjustments';
import type { TaxBreakdown, TaxMode } from '../types';

/** The parts of a receipt the shares are computed from (core/receipt.ts's Receipt has them all). */
export interface PaidBasis {
  taxMode: TaxMode;
  lines: readonly { lineTotal: number; taxRateBp: number; paid?: number }[];
  totals: { total: number; saleDiscount?: number };
  taxes?: readonly TaxBreakdown[];
}

/** One line's share of the sale: what the shopper paid for all of it, and the tax in that. */
export interface LineShare {
  paid: number;
  tax: number;
}

/** Each line's `paid` and `tax`, in receipt order; they add up to the sale's total and tax exactly. */
export function lineShares(receipt: PaidBasis): LineShare[] {
  const lines = receipt.lines;
  const discount = spreadLargestRemainder(
    receipt.totals.saleDiscount ?? 0,
    lines.map((line) => line.lineTotal),
  );
  const net = lines.map((line, i) => line.lineTotal - discount[i]!);
  const tax = lines.map(() => 0);
  // A receipt stored by hand or by an old version may lack its tax breakdown: its lines then carry no tax.
  for (const rate of receipt.taxes ?? []) {
    const members = lines.flatMap((line, i) => (line.taxRateBp === rate.taxRateBp ? [i] : []));
    const parts = spreadLargestRemainder(
      rate.tax,
      members.map((i) => net[i]!),
    );
    members.forEach((i, k) => (tax[i] = parts[k]!));
  }
  // A stored `paid` is the same figure, written when the sale was made: it is what HQ was sent.
  return lines.map((line, i) => ({
    paid: line.paid ?? (receipt.taxMode === 'exclusive' ? net[i]! + tax[i]! : net[i]!),
    tax: tax[i]!,
  }));
}

/** Each line's `paid` (lineShares without the tax). */
export function linesPaid(receipt: PaidBasis): number[] {
  return lineShares(receipt).map((share) => share.paid);
}
