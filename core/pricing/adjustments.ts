/**
 * Prices a counter's adjusted basket: a line's price override, a line discount and a whole-sale
 * discount, so the basket, the receipt and the sale agree to the minor unit.
 *
 * Order on a line: the override sets the unit price (the line is priced as ever from it), the line
 * discount comes off that, then the line's share of the sale discount. The sale discount is spread
 * over the lines in proportion to their amounts after line discounts, by the largest-remainder
 * method: each line gets the whole part of its exact share, and the minor units left over go one
 * each to the lines with the largest fractional parts (ties: the earlier line). The shares add up to
 * the discount exactly, no line's share exceeds its amount (the discount never exceeds the sum), so
 * no line goes below 0, and each line's discounted amount stays in its own tax rate, whose tax is then
 * rounded once over the rate's sum as computeTotals does.
 */
import type { PricedLineInput, TaxMode, Totals } from '../types';
import { lineTotal } from './line';
import { mulDivRoundHalfUp } from './rounding';
import { totalsOfAmounts } from './totals';

export type DiscountKind = 'amount' | 'percent';

/** A discount: `amount` is minor units off; `percent` is basis points off (1000 = 10 %, at most 10000). */
export interface Discount {
  kind: DiscountKind;
  value: number;
}

/** A basket line with what the counter changed on it; `unitPrice` stays the catalog's. */
export interface AdjustableLine extends PricedLineInput {
  /** A new unit price (per piece or per kg), minor units; null or absent: none. */
  priceOverride?: number | null;
  discount?: Discount | null;
}

/** One line priced with its adjustments; every figure in minor units. */
export interface PricedLine {
  /** At the catalog price. */
  original: number;
  /** At the override price (equal to `original` without one). */
  base: number;
  /** The line discount taken off `base`. */
  lineDiscount: number;
  /** What the line shows: base − lineDiscount. */
  lineTotal: number;
  /** The line's share of the sale discount. */
  saleShare: number;
  /** What the line is sold for: lineTotal − saleShare (never below 0). */
  net: number;
}

export interface PricedBasket {
  lines: PricedLine[];
  /** `subtotal` is the sum of the lines' lineTotal; `saleDiscount` and `savings` when there are any. */
  totals: Totals;
}

/** 100 % in basis points. */
export const WHOLE_BP = 10_000;

/** What a discount takes off `base`: at most `base`, never below 0 (percent rounded half up). */
export function discountAmount(base: number, discount: Discount | null | undefined): number {
  if (!discount || base <= 0) return 0;
  assertDiscount(discount);
  const off =
    discount.kind === 'percent' ? mulDivRoundHalfUp(base, discount.value, WHOLE_BP) : discount.value;
  return Math.min(off, base);
}

/**
 * Splits `total` over `weights` in proportion, by largest remainder: the parts are integers, add up to
 * `total` exactly, and part i ≤ weight i whenever total ≤ Σ weights. All weights 0: all parts 0.
 */
export function spreadLargestRemainder(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (total === 0 || sum === 0) return weights.map(() => 0);
  const t = BigInt(total);
  const s = BigInt(sum);
  const parts = weights.map((w) => (t * BigInt(w)) / s);
  const remainders = weights.map((w, i) => ({ i, r: (t * BigInt(w)) % s }));
  let left = total - parts.reduce((a, b) => a + Number(b), 0);
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  const out = parts.map(Number);
  for (const { i } of remainders) {
    if (left === 0) break;
    out[i]! += 1;
    left -= 1;
  }
  return out;
}

/** Prices lines with their overrides and discounts, and the sale discount spread over them. */
export function priceBasket(
  lines: readonly AdjustableLine[],
  saleDiscount: Discount | null | undefined,
  mode: TaxMode,
): PricedBasket {
  const priced = lines.map(priceLine);
  const subtotal = priced.reduce((sum, line) => sum + line.lineTotal, 0);
  const saleOff = discountAmount(subtotal, saleDiscount);
  const shares = spreadLargestRemainder(
    saleOff,
    priced.map((line) => line.lineTotal),
  );
  const done = priced.map((line, i) => ({
    ...line,
    saleShare: shares[i]!,
    net: line.lineTotal - shares[i]!,
  }));
  const totals = totalsOfAmounts(
    lines.map((line, i) => ({ ...line, amount: done[i]!.net })),
    mode,
  );
  const original = done.reduce((sum, line) => sum + line.original, 0);
  const savings = original - (subtotal - saleOff);
  return {
    lines: done,
    totals: {
      ...totals,
      subtotal,
      ...(saleOff > 0 ? { saleDiscount: saleOff } : {}),
      ...(savings > 0 ? { savings } : {}),
    },
  };
}

/** The share of `original` a change takes off, in basis points (rounded up, so 10.01 % is not 10 %). */
export function percentOffBp(original: number, after: number): number {
  if (original <= 0 || after >= original) return 0;
  return Number((BigInt(original - after) * BigInt(WHOLE_BP) + BigInt(original) - 1n) / BigInt(original));
}

function priceLine(line: AdjustableLine): Omit<PricedLine, 'saleShare' | 'net'> {
  const original = lineTotal(line);
  const override = line.priceOverride;
  const base =
    override === null || override === undefined ? original : lineTotal({ ...line, unitPrice: override });
  const lineDiscount = discountAmount(base, line.discount);
  return { original, base, lineDiscount, lineTotal: base - lineDiscount };
}

/** A discount is whole minor units ≥ 0, or whole basis points from 0 to 10000. */
export function discountProblem(discount: Discount): string | null {
  if (discount.kind !== 'amount' && discount.kind !== 'percent')
    return `kind must be amount or percent, got "${String(discount.kind)}"`;
  if (!Number.isSafeInteger(discount.value) || discount.value < 0)
    return `value must be a whole number ≥ 0, got ${discount.value}`;
  if (discount.kind === 'percent' && discount.value > WHOLE_BP)
    return `a percent discount is at most 100 % (${WHOLE_BP} basis points), got ${discount.value}`;
  return null;
}

function assertDiscount(discount: Discount): void {
  const problem = discountProblem(discount);
  if (problem) throw new RangeError(problem);
}
