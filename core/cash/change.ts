// Cash handed over at the counter: the change it earns, and the quick-cash keys a cashier presses
// instead of typing the notes the shopper holds out.
import { cashTender, type Tender } from '../payment/tenders';
import { fail, ok, type Result } from '../result';
import { denominationsOf } from './denominations';

/** What a cash hand-over does: the tender it records, the change to give, what is left to pay. */
export interface CashReceived {
  tender: Tender;
  change: number;
  /** Still due after this cash (0 when it covers the due amount). */
  remaining: number;
}

/**
 * The cash tender for `handed` minor units when `due` is left to pay in cash. Cash short of the due
 * amount is a part payment, unless it is meant as the last tender (`last`): then it is refused
 * (`cash_short`) so a sale never completes unpaid. `invalid_cash` for amounts that are not whole
 * minor units > 0.
 */
export function receiveCash(due: number, handed: number, last: boolean): Result<CashReceived> {
  if (!Number.isSafeInteger(due) || due <= 0)
    return fail('invalid_cash', `The amount due in cash must be whole minor units > 0, got ${due}`);
  if (!Number.isSafeInteger(handed) || handed <= 0)
    return fail('invalid_cash', `The cash handed over must be whole minor units > 0, got ${handed}`);
  if (last && handed < due)
    return fail('cash_short', `The cash handed over (${handed}) is ${due - handed} short of the ${due} due`, {
      due,
      handed,
      short: due - handed,
    });
  const tender = cashTender(due, handed);
  return ok({ tender, change: handed - tender.amount, remaining: due - tender.amount });
}

/**
 * Quick-cash keys for `due` minor units: `due` rounded up to a whole number of each of the currency's
 * notes, distinct, smallest first, the first `count` of them (¥37.40 → ¥40, ¥50, ¥100). Coins are not
 * used: nobody pays ¥37.40 with a key for ¥38. An amount already on a note boundary is its own key.
 */
export function quickCashKeys(currency: string, due: number, count = 3): Result<number[]> {
  const table = denominationsOf(currency);
  if (!table.ok) return table;
  if (!Number.isSafeInteger(due) || due <= 0)
    return fail('invalid_cash', `The amount due in cash must be whole minor units > 0, got ${due}`);
  if (!Number.isSafeInteger(count) || count < 1)
    return fail('invalid_cash', `The number of quick-cash keys must be a whole number ≥ 1, got ${count}`);
  const amounts = table.value
    .filter((d) => d.kind === 'note')
    // Remainder arithmetic, not Math.ceil(due / value): integer-exact for every safe amount.
    .map((note) => (due % note.value === 0 ? due : due - (due % note.value) + note.value))
    .filter((amount) => Number.isSafeInteger(amount));
  return ok([...new Set(amounts)].sort((a, b) => a - b).slice(0, count));
}
