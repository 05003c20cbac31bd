// The one seam between the lane link and the lane's age checks. The age hold itself (which basket
// waits for an attendant, what a refusal voids, the journal entry) belongs to the checkout's
// restrictions (services/checkout/restrictions.ts); the link only lists the checks a lane holds and
// passes an attendant's decision on. A lane started without its checkout (a test of the link alone)
// lists none and answers a decision with `age_check_unavailable`, so the console says so instead of
// guessing.
import { fail, type Result } from '../../core/result';
import type { AgeCheckView } from '../api/lanes-contract';
import type { CheckoutContext } from '../checkout/context';
import { decideAgeCheck, listAgeChecks } from '../checkout/restrictions';

export interface AgeDecision {
  checkId: string;
  /** The attendant whose badge and PIN the lane accepted. */
  attendantId: string;
  approve: boolean;
  /** The age read on the shopper's ID; null when refused without one. */
  age: number | null;
}

export interface AgeChecks {
  /** The lane's age checks waiting for an attendant, oldest first. */
  pending(): AgeCheckView[];
  /** Approves or refuses one; the lane journals it in the same transaction as its effect. */
  decide(decision: AgeDecision): Result<unknown>;
}

/** A lane whose age hold is not connected to the link. */
export const ageChecksUnavailable: AgeChecks = {
  pending: () => [],
  decide: () =>
    fail(
      'age_check_unavailable',
      'Age checks cannot be decided from the console on this lane: approve at the lane',
    ),
};

/**
 * A kiosk's own age hold, seen from the console: one check per waiting basket (its id is the
 * basket's), decided through the same decideAgeCheck as the lane's badge-and-PIN dialog, as `console`.
 */
export function checkoutAgeChecks(ctx: CheckoutContext): AgeChecks {
  return {
    pending: () =>
      listAgeChecks(ctx).map((check) => ({
        checkId: check.basketId,
        minimumAge: check.ageLimit,
        detail: check.lines.map((line) => line.name).join(', '),
        raisedAt: check.since,
      })),
    decide: (decision) =>
      decideAgeCheck(ctx, {
        attendantId: decision.attendantId,
        decision: decision.approve ? 'approve' : 'refuse',
        age: decision.approve ? decision.age : null,
        via: 'console',
        basketId: decision.checkId,
      }),
  };
}
