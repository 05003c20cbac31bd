// A kiosk's lot hold as the basket view carries it: the packs held for an attendant to read their lot.
// They are not in the basket, so they do not hold Pay: a shopper who pays first simply leaves without
// them. Apart from lot-checks.ts so the basket view can carry it without a cycle.
import { waitingLotChecks } from '../../db/lot-checks';
import type { Database } from '../../db/open';
import type { LotCheckView } from '../api/contract';

/** The packs a basket holds for an attendant's lot check, oldest first. */
export function lotCheckViews(db: Database, basketId: string): LotCheckView[] {
  return waitingLotChecks(db, basketId).map((check) => ({
    checkId: check.id,
    name: check.name,
    raisedAt: check.raisedAt,
  }));
}
