// Cash against what is left of a sale, with the store's cash rounding. Rounding applies only when the
// cash settles the rest: a part payment in cash is taken to the minor unit, so the QR or wallet
// tender after it pays an exact amount. The tenders then pay total + adjustment, and the adjustment is
// its own line — the way split payments with rounding stay balanced (Odoo's unpaid-order trap).
import { type Tender } from '../payment/tenders';
import { fail, ok, type Result } from '../result';
import { receiveCash } from './change';
import { roundCash } from './rounding';

/** Cash taken against what is left to pay. */
export interface CashSettlement {
  /** The cash tender, or undefined when the rest rounds to nothing (CHF 0.02 → 0.00). */
  tender?: Tender;
  /** Rounded − due when the cash settles the rest (its own line), else 0. */
  adjustment: number;
  /** Cash to give back. */
  change: number;
  /** Still to pay by another tender (0 when settled). */
  remaining: number;
}

/**
 * Takes `handed` cash against `due` minor units left to pay, rounding to `increment` when the cash
 * settles it. Less cash than the rounded due is a part payment (no rounding) unless it is the `last`
 * tender or already covers the unrounded due; then `cash_short` names the rounded amount.
 */
export function settleCash(
  due: number,
  handed: number,
  increment: number,
  last: boolean,
): Result<CashSettlement> {
  if (!Number.isSafeInteger(due) || due <= 0)
    return fail('invalid_cash', `The amount due in cash must be whole minor units > 0, got ${due}`);
  const rounding = roundCash(due, increment);
  if (!rounding.ok) return rounding;
  const { rounded, adjustment } = rounding.value;
  if (!Number.isSafeInteger(handed) || handed < 0)
    return fail('invalid_cash', `The cash handed over must be whole minor units ≥ 0, got ${handed}`);
  if (rounded === 0) return ok({ adjustment, change: handed, remaining: 0 });
  if (handed < rounded && (last || handed >= due))
    return fail(
      'cash_short',
      `The cash handed over (${handed}) is ${rounded - handed} short of the ${rounded} due`,
      {
        due: rounded,
        handed,
        short: rounded - handed,
      },
    );
  const settles = handed >= rounded;
  const received = receiveCash(settles ? rounded : due, handed, last);
  if (!received.ok) return received;
  const { tender, change, remaining } = received.value;
  return ok({ tender, adjustment: settles ? adjustment : 0, change, remaining });
}
