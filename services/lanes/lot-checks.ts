// The seam between the lane link and the kiosk's lot checks, as age-checks.ts is for the age check: the
// link lists the packs a lane holds for an attendant to read their lot, and passes the attendant's answer
// on. A lane started without its checkout (a test of the link alone) lists none and answers a decision
// with `lot_check_unavailable`.
import { fail, type Result } from '../../core/result';
import { decideLotCheck, listLotChecks, type LotDecision } from '../checkout/lot-checks';
import type { CheckoutContext } from '../checkout/context';

export interface LotCheckCall {
  checkId: string;
  /** The product whose lot the attendant reads. */
  name: string;
  raisedAt: string;
}

export interface LotChecks {
  pending(): LotCheckCall[];
  decide(decision: LotDecision): Result<unknown>;
}

export const lotChecksUnavailable: LotChecks = {
  pending: () => [],
  decide: () =>
    fail(
      'lot_check_unavailable',
      'Lot checks cannot be decided from the console on this lane: check at the lane',
    ),
};

/** A kiosk's own lot checks, seen from the console. */
export function checkoutLotChecks(ctx: CheckoutContext): LotChecks {
  return {
    pending: () =>
      listLotChecks(ctx).map((check) => ({ checkId: check.id, name: check.name, raisedAt: check.raisedAt })),
    decide: (decision) => decideLotCheck(ctx, decision),
  };
}
