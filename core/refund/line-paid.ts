// What the shopper paid for each line of a sale, and what a part of a line gives back (issue 12). Shared
// by the terminal and HQ, so both give the same answer for the same receipt to the minor unit.
//
// A line's `paid` is its lineTotal (after its own discount) less its share of the sale discount, plus, in
// tax-exclusive mode, its share of its rate's tax. Both shares are spread by largest remainder
// (core/pricing/adjustments.ts), the sale discount over every line by lineTotal (as priceBasket spread
// it), each rate's tax over that rate's lines by their net: so the lines' `paid` add up to the sale's
// total exactly. A receipt written since issue 12 stores `paid` on each line; older ones are computed.
import { spreadLargestRemainder } from '../pricing/adjustments';
import { totalsOfAmounts } from '../pricing/totals';
import type { TaxMode, Unit } from '../types';

/** What of a receipt `linesPaid` reads (core/receipt's Receipt has all of it). */
export interface PaidInput {
  taxMode: TaxMode;
  lines: readonly {
    unit: Unit;
    quantity: number;
    lineTotal: number;
    taxRateBp: number;
    /** Stored by the terminal that sold it (issue 12 on); computed when absent. */
    paid?: number;
  }[];
  totals: { saleDiscount?: number };
}

/** Each line's share of what the shopper paid, tax included; they add up to the sale's total. */
export function linesPaid(receipt: PaidInput): number[] {
  const stored = receipt.lines.map((line) => line.paid);
  if (stored.every((paid): paid is number => Number.isSafeInteger(paid))) return stored;
  const totals = receipt.lines.map((line) => line.lineTotal);
  const shares = spreadLargestRemainder(receipt.totals.saleDiscount ?? 0, totals);
  const nets = totals.map((total, i) => total - shares[i]!);
  if (receipt.taxMode === 'inclusive') return nets;
  // Exclusive: each rate's tax, rounded once over the rate's sum as the receipt's totals were, spread
  // back over that rate's lines.
  const byRate = totalsOfAmounts(
    receipt.lines.map((line, i) => ({ ...line, amount: nets[i]! })),
    'exclusive',
  ).byRate;
  const paid = [...nets];
  for (const rate of byRate) {
    const members = receipt.lines.flatMap((line, i) => (line.taxRateBp === rate.taxRateBp ? [i] : []));
    const taxShares = spreadLargestRemainder(
      rate.tax,
      members.map((i) => nets[i]!),
    );
    members.forEach((i, k) => (paid[i]! += taxShares[k]!));
  }
  return paid;
}

/**
 * The money `quantity` more of a line gives back, when `refundedQuantity` of its `sold` came back before
 * for `refundedAmount`: floor(paid × quantity / sold), or, for the part that brings the line to `sold`,
 * everything not yet given back, so a line refunded in parts gives back exactly `paid`.
 */
export function partRefund(
  line: { sold: number; paid: number },
  refunded: { quantity: number; amount: number },
  quantity: number,
): number {
  if (refunded.quantity + quantity >= line.sold) return Math.max(0, line.paid - refunded.amount);
  return Number((BigInt(line.paid) * BigInt(quantity)) / BigInt(line.sold));
}
