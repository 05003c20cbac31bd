// The tenders of a sale: how its total was paid, in parts. Each tender's `amount` is what it pays
// towards the total, so the amounts add up to the total exactly. Cash is the one tender that may be
// handed over in excess: `tendered` is what the shopper gave and the change is tendered − amount,
// given back in cash. A code tender (the kiosk's QR, the shopper's wallet code) is one payment, whole.
import { fail, ok, type Result } from '../result';
import type { PaymentMethod, TenderKind } from '../types';

/** One part of a sale's payment. */
export interface Tender {
  kind: TenderKind;
  /** Minor units this tender pays towards the sale's total, > 0. */
  amount: number;
  /** Cash only: what the shopper handed over (≥ amount); the change is tendered − amount. */
  tendered?: number;
  /** Code tenders only: the payment (db `payments` row) that took the money. */
  paymentId?: string;
}

/** The tender kind of a code payment by who showed the code. */
export function tenderKindOf(method: PaymentMethod): TenderKind {
  return method === 'customer_presented' ? 'wallet_code' : 'merchant_qr';
}

/** What is still to pay of `total` after `tenders` (never below 0). */
export function amountDue(total: number, tenders: readonly Pick<Tender, 'amount'>[]): number {
  return Math.max(0, total - tenders.reduce((sum, t) => sum + t.amount, 0));
}

/**
 * The cash tender for `handed` minor units given when `due` is left to pay: it pays at most what is
 * due, and the rest is change.
 */
export function cashTender(due: number, handed: number): Tender {
  return { kind: 'cash', amount: Math.min(due, handed), tendered: handed };
}

/** The change a sale gives back: the excess of every cash tender. */
export function changeOf(tenders: readonly Tender[]): number {
  return tenders.reduce((sum, t) => sum + (t.kind === 'cash' ? (t.tendered ?? t.amount) - t.amount : 0), 0);
}

/**
 * Checks that `tenders` pay `total` + `rounding` exactly: at least one, each a whole positive amount,
 * cash alone with `tendered` (≥ its amount) and no payment, code tenders with their payment and no
 * `tendered`, no payment twice. A cash `rounding` (signed, core/cash settleCash's adjustment) is only
 * there when cash settled the rest, so the last tender is cash. Returns the change to give back, or
 * why not (`invalid_tenders`).
 */
export function checkTenders(
  total: number,
  tenders: readonly Tender[],
  rounding = 0,
): Result<{ change: number }> {
  if (!Number.isSafeInteger(total) || total <= 0)
    return fail('invalid_tenders', `A sale's total must be whole minor units > 0, got ${total}`);
  if (tenders.length === 0) return fail('invalid_tenders', 'A sale needs at least one tender');
  const problems = tenders.flatMap((tender, i) => tenderProblems(tender).map((p) => `tender ${i + 1}: ${p}`));
  const payments = tenders.flatMap((t) => (t.paymentId ? [t.paymentId] : []));
  if (new Set(payments).size !== payments.length) problems.push('the same payment is used twice');
  if (!Number.isSafeInteger(rounding) || total + rounding <= 0)
    problems.push(`the cash rounding must be whole minor units leaving something to pay, got ${rounding}`);
  else if (rounding !== 0 && tenders[tenders.length - 1]?.kind !== 'cash')
    problems.push('a cash rounding needs cash to settle the rest (the last tender)');
  if (problems.length > 0) return fail('invalid_tenders', problems.join('; '), { problems });
  const paid = tenders.reduce((sum, t) => sum + t.amount, 0);
  const due = total + rounding;
  if (paid !== due)
    return fail(
      'invalid_tenders',
      `The tenders pay ${paid} but the total is ${total}` +
        (rounding !== 0 ? ` with a cash rounding of ${rounding} (${due} to pay)` : '') +
        (paid > due ? ' (cash handed over in excess is `tendered`, not `amount`)' : ''),
    );
  return ok({ change: changeOf(tenders) });
}

function tenderProblems(tender: Tender): string[] {
  const problems: string[] = [];
  if (!Number.isSafeInteger(tender.amount) || tender.amount <= 0)
    problems.push(`amount must be whole minor units > 0, got ${tender.amount}`);
  if (tender.kind === 'cash') {
    if (tender.paymentId !== undefined) problems.push('cash has no payment');
    const { tendered } = tender;
    if (tendered !== undefined && (!Number.isSafeInteger(tendered) || tendered < tender.amount))
      problems.push(`cash tendered (${tendered}) must be whole minor units ≥ its amount (${tender.amount})`);
  } else {
    if (!tender.paymentId) problems.push(`a ${tender.kind} tender needs its payment`);
    if (tender.tendered !== undefined) problems.push('only cash is tendered in excess');
  }
  return problems;
}
