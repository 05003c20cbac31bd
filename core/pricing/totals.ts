/** Basket totals: line totals grouped per tax rate, tax computed once per rate, in either tax mode. */
import { minorToDecimal } from '../money';
import type { PricedLineInput, TaxBreakdown, TaxMode, Totals } from '../types';
import { lineTotal } from './line';
import { mulDivRoundHalfUp } from './rounding';

/** 100 % in basis points. */
const WHOLE_BP = 10_000;

/**
 * Totals of a basket. Tax is rounded once per rate over the sum of that rate's lines, never per line:
 * EU VAT invoices (Directive 2006/112/EC art. 226) and Chinese fapiao state tax per rate, and rounding each
 * line would let the per-line pennies drift away from rate × amount as the basket grows (three 1.00 lines
 * at 13 % inclusive are 0.12 tax each, 0.36 in all, but 13 % of 3.00 inclusive is 0.35).
 */
export function computeTotals(lines: PricedLineInput[], mode: TaxMode): Totals {
  return totalsOfAmounts(
    lines.map((line) => ({ ...line, amount: lineTotal(line) })),
    mode,
  );
}

/** A line whose amount is already settled (after its discounts), for totalsOfAmounts. */
export type AmountLine = Pick<PricedLineInput, 'unit' | 'quantity' | 'taxRateBp'> & { amount: number };

/**
 * Totals of lines whose amounts are given (core/pricing/adjustments.ts prices discounted lines), with
 * computeTotals' one rule: tax rounded once per rate over the sum of that rate's amounts.
 */
export function totalsOfAmounts(lines: AmountLine[], mode: TaxMode): Totals {
  const sumByRate = new Map<number, number>();
  let subtotal = 0;
  let itemCount = 0;
  for (const line of lines) {
    assertTaxRate(line.taxRateBp);
    const amount = line.amount;
    sumByRate.set(line.taxRateBp, addExact(sumByRate.get(line.taxRateBp) ?? 0, amount));
    subtotal = addExact(subtotal, amount);
    itemCount += line.unit === 'kg' ? 1 : line.quantity;
  }
  const byRate = [...sumByRate.entries()]
    .sort(([a], [b]) => a - b)
    .map(([rate, sum]) => breakdown(rate, sum, mode));
  let total = 0;
  let taxTotal = 0;
  for (const rate of byRate) {
    total = addExact(total, rate.gross);
    taxTotal = addExact(taxTotal, rate.tax);
  }
  return { total, taxTotal, subtotal, byRate, itemCount };
}

/** Prints a rate in basis points as a percentage: 1300 → "13%", 750 → "7.5%", 825 → "8.25%". */
export function formatTaxRate(bp: number): string {
  assertTaxRate(bp);
  const decimal = minorToDecimal(bp, 2).replace(/\.?0+$/, '');
  return `${decimal}%`;
}

/** Tax at one rate: inclusive takes it out of the gross, exclusive adds it to the net. */
function breakdown(taxRateBp: number, sum: number, mode: TaxMode): TaxBreakdown {
  if (mode === 'inclusive') {
    const tax = mulDivRoundHalfUp(sum, taxRateBp, WHOLE_BP + taxRateBp);
    return { taxRateBp, net: sum - tax, tax, gross: sum };
  }
  const tax = mulDivRoundHalfUp(sum, taxRateBp, WHOLE_BP);
  return { taxRateBp, net: sum, tax, gross: addExact(sum, tax) };
}

function assertTaxRate(bp: number): void {
  if (!Number.isSafeInteger(bp) || bp < 0) {
    throw new RangeError(`tax rate must be a non-negative integer of basis points, got ${bp}`);
  }
}

function addExact(a: number, b: number): number {
  const sum = a + b;
  if (!Number.isSafeInteger(sum))
    throw new RangeError(`sum of ${a} and ${b} is beyond the safe integer range`);
  return sum;
}
