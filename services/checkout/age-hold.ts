// The age hold of a basket as the till reads it: core/restrictions' rule over the basket's lines and the
// approvals recorded on it. Apart from restrictions.ts so the basket view can carry it without a cycle.
import { ageHold, type AgeHold } from '../../core/restrictions';
import { ageApprovals } from '../../db/age-checks';
import { basketLines, currentBasket, StoreError, type BasketRecord } from '../../db/baskets';
import type { Database } from '../../db/open';
import type { AgeCheckOffer, AgeCheckView } from '../api/contract';
import type { Settings } from '../settings';
import { mayDo } from '../../core/staff/roles';
import { findAttendant } from './attendants';
import type { CheckoutContext } from './context';

/** The hold on a basket: null without restricted lines, else needed (with the lines waiting) or approved. */
export function basketAgeHold(db: Database, settings: Settings, basketId: string): AgeHold | null {
  const lines = basketLines(db, basketId).map((line) => ({
    lineId: line.id,
    name: line.name,
    ageLimit: line.ageLimit,
    position: line.position,
  }));
  return ageHold(lines, ageApprovals(db, basketId), settings.restrictions.ageApprovalCovers);
}

/** What BasketView carries of the hold. */
export function ageCheckView(hold: AgeHold | null): AgeCheckView | null {
  return hold ? { state: hold.state, ageLimit: hold.ageLimit } : null;
}

/**
 * Throws the store's refusal when the basket may not be paid yet (called where every payment is
 * stored, so the kiosk's QR and the shopper's wallet code are held alike).
 */
export function requireNoAgeHold(db: Database, settings: Settings, basketId: string): void {
  const hold = basketAgeHold(db, settings, basketId);
  if (hold?.state === 'needed')
    throw new StoreError(
      'age_check_needed',
      `The basket holds ${hold.ageLimit}+ items: an attendant must check the shopper's ID before it is paid`,
    );
}

/** The current basket while it is open and waits for an age check, with its hold; else null. */
export function waitingBasket(
  ctx: CheckoutContext,
): { basket: BasketRecord; hold: Extract<AgeHold, { state: 'needed' }> } | null {
  const basket = currentBasket(ctx.db);
  if (basket?.status !== 'open') return null;
  const hold = basketAgeHold(ctx.db, ctx.settings, basket.id);
  return hold?.state === 'needed' ? { basket, hold } : null;
}

/** The lines a hold waits on, as the lane's dialog and the attendant console show them. */
export function waitingLines(hold: AgeHold): AgeCheckOffer['lines'] {
  return hold.pending.map((line) => ({ lineId: line.lineId, name: line.name, ageLimit: line.ageLimit ?? 0 }));
}

/** The check a scanned attendant badge is offered, when the current basket waits for one; else null. */
export function ageCheckOffer(ctx: CheckoutContext, badge: string): AgeCheckOffer | null {
  const found = findAttendant(ctx.settings, badge);
  // A role that may not approve (a cashier) gets the quiet badge note, not a dialog that would refuse.
  const attendant = found && mayDo(found.role, 'age_check') ? found : null;
  const waiting = attendant && waitingBasket(ctx);
  if (!attendant || !waiting) return null;
  return {
    badge: attendant.badge,
    attendantName: attendant.name,
    basketId: waiting.basket.id,
    ageLimit: waiting.hold.ageLimit,
    lines: waitingLines(waiting.hold),
  };
}
