// Restrictions that hold, on this terminal: the age hold that keeps a basket with an age-restricted
// item from being paid until an attendant has checked the shopper's ID (the hold itself: age-hold.ts;
// the store's hours and most per basket: sale-restrictions.ts). Here: the checks waiting, and the
// attendant's decision, written with its journal entry (db/age-checks.ts).
//
// The attendant console's link calls listAgeChecks and decideAgeCheck (after identifying the attendant
// its own way); the lane's badge-and-PIN dialog comes to the same decideAgeCheck (age-check-handlers.ts).
import { approvalProblem } from '../../core/restrictions';
import { recordAgeDecision, type AgeDecision } from '../../db/age-checks';
import { basketLines } from '../../db/baskets';
import type { ApiResult, BasketView } from '../api/contract';
import { waitingBasket, waitingLines } from './age-hold';
import { emitBasket } from './basket-handlers';
import type { CheckoutContext } from './context';
import { fail, ok, refusal } from './result';

/** A lane's basket waiting for an age check, as the attendant console lists it. */
export interface PendingAgeCheck {
  basketId: string;
  /** The highest limit among the waiting lines. */
  ageLimit: number;
  lines: { lineId: string; name: string; ageLimit: number }[];
  /** When the first waiting line was scanned (terminal clock, ISO 8601). */
  since: string;
}

export interface AgeCheckDecision {
  /** The attendant of settings.json who saw the ID (the caller identified them). */
  attendantId: string;
  decision: 'approve' | 'refuse';
  /** What the ID says, when the attendant typed it. */
  age?: number | null;
  birthYear?: number | null;
  via: AgeDecision['via'];
  /** The basket the attendant looked at; a decision for a basket no longer current is refused. */
  basketId?: string;
}

// ---- the age hold ---------------------------------------------------------------------------

export { ageCheckView, basketAgeHold, requireNoAgeHold } from './age-hold';
export { additionRefusal, quantityRefusal } from './sale-restrictions';

/** The lane's pending age checks for the attendant console: the current basket's, if it waits for one. */
export function listAgeChecks(ctx: CheckoutContext): PendingAgeCheck[] {
  const waiting = waitingBasket(ctx);
  if (!waiting) return [];
  const { basket, hold } = waiting;
  const pending = new Set(hold.pending.map((line) => line.lineId));
  const since = basketLines(ctx.db, basket.id)
    .filter((line) => pending.has(line.id))
    .map((line) => line.addedAt)
    .sort();
  return [
    {
      basketId: basket.id,
      ageLimit: hold.ageLimit,
      lines: waitingLines(hold),
      since: since[0] ?? basket.updatedAt,
    },
  ];
}

/**
 * An attendant's decision on the current basket's age check: approve (the hold lifts) or refuse (the
 * waiting restricted lines are voided), journalled in the same transaction. The caller has identified
 * the attendant; an id settings.json does not know is refused. Every screen hears of the new basket.
 */
export function decideAgeCheck(
  ctx: CheckoutContext,
  input: AgeCheckDecision,
  now = new Date(),
): ApiResult<BasketView> {
  if (input.via !== 'counter' && !ctx.settings.attendants.some((a) => a.id === input.attendantId))
    return fail('staff_unknown', `${input.attendantId} is not an attendant of this store`);
  const waiting = waitingBasket(ctx);
  if (!waiting || (input.basketId !== undefined && input.basketId !== waiting.basket.id))
    return fail('no_age_check', 'That basket is not waiting for an age check');
  const { basket, hold } = waiting;
  const age = input.age ?? null;
  const birthYear = input.birthYear ?? null;
  if (input.decision === 'approve') {
    const problem = approvalProblem(hold.ageLimit, age, birthYear, now.getFullYear());
    if (problem) return fail('invalid_age', `Not approved: ${problem}`);
  }
  const records = new Map(basketLines(ctx.db, basket.id).map((line) => [line.id, line]));
  try {
    recordAgeDecision(
      ctx.db,
      {
        basketId: basket.id,
        decision: input.decision === 'approve' ? 'approved' : 'refused',
        attendantId: input.attendantId,
        via: input.via,
        ageLimit: hold.ageLimit,
        age,
        birthYear,
        coversPosition: Math.max(0, ...[...records.values()].map((line) => line.position)),
        lines: waitingLines(hold).map((line) => ({ ...line, gtin: records.get(line.lineId)!.gtin })),
      },
      now,
    );
  } catch (error) {
    return refusal(error);
  }
  return ok(emitBasket(ctx, basket.id));
}
