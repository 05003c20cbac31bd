// Cash rounding: where the smallest coins are gone (CHF 0.01/0.02) or unused (CNY fen), the cash part
// of a payment is rounded to the store's increment. Only the cash part: a QR or wallet tender pays
// to the minor unit. The adjustment is returned as its own signed figure, because it is its own line
// in the totals, the journal and the Z report — never folded into the price.
import { fail, ok, type Result } from '../result';

/** A cash amount rounded to the increment, and rounded − amount (+ the shopper pays more). */
export interface RoundedCash {
  rounded: number;
  adjustment: number;
}

/**
 * Rounds `amount` minor units to the nearest multiple of `increment` (10 = 0.10 CNY, 5 = 0.05 CHF,
 * 1 = no rounding). Ties go away from zero, as Swiss rounding does (0.025 → 0.05), and a refund
 * mirrors its sale (−0.025 → −0.05). `invalid_rounding` for a non-integer amount or an increment that
 * is not a whole number ≥ 1.
 */
export function roundCash(amount: number, increment: number): Result<RoundedCash> {
  if (!Number.isSafeInteger(increment) || increment < 1)
    return fail(
      'invalid_rounding',
      `The cash rounding increment must be whole minor units ≥ 1, got ${increment}`,
    );
  if (!Number.isSafeInteger(amount))
    return fail('invalid_rounding', `The cash amount must be whole minor units, got ${amount}`);
  const size = Math.abs(amount);
  const rest = size % increment;
  // 2·rest ≥ increment is "at or past half way" without dividing, so odd increments stay exact.
  const magnitude = size - rest + (2 * rest >= increment ? increment : 0);
  if (!Number.isSafeInteger(magnitude))
    return fail('invalid_rounding', `The cash amount ${amount} is too large to round exactly`);
  const rounded = amount < 0 ? -magnitude : magnitude;
  // `|| 0` keeps −0 out of the figures (a refund already on the increment).
  return ok({ rounded: rounded || 0, adjustment: rounded - amount || 0 });
}
