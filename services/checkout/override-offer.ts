// When a scanned staff badge means "an attendant is here to vouch for this payment": the badge is an
// attendant's of settings.json, and the current basket's payment is one the kiosk is still waiting
// to hear about (pending or unknown). Anywhere else a badge only gets the quiet "staff badge read".
import { currentBasket } from '../../db/baskets';
import { activePayment } from '../../db/payments';
import type { StaffOverrideOffer } from '../api/contract';
import { mayDo } from '../../core/staff/roles';
import { findAttendant } from './attendants';
import type { CheckoutContext } from './context';

export function overrideOffer(ctx: CheckoutContext, badge: string): StaffOverrideOffer | null {
  const attendant = findAttendant(ctx.settings, badge);
  // A role that may not mark paid (a cashier) gets the quiet badge note, not a dialog that would refuse.
  if (!attendant || !mayDo(attendant.role, 'mark_paid')) return null;
  const basket = currentBasket(ctx.db);
  if (basket?.status !== 'paying') return null;
  const payment = activePayment(ctx.db, basket.id);
  if (!payment || (payment.status !== 'pending' && payment.status !== 'unknown')) return null;
  return { badge: attendant.badge, attendantName: attendant.name, paymentId: payment.id };
}
