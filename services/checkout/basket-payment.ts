// The first step of paying in either direction (the kiosk's QR, the shopper's code): a payment for the
// whole open basket, stored before any call to the provider.
import type { BasketRecord } from '../../db/baskets';
import { createPayment, type NewPayment, type PaymentRecord } from '../../db/payments';
import type { CheckoutContext } from './context';
import { requireNoAgeHold } from './age-hold';
import { requireNoRecalledLine } from './basket-recalls';
import { basketView } from './views';

/**
 * Stores a payment of the basket's total, valid for the store's payment timeout (the basket now pays),
 * or returns null when the basket has nothing to pay. A refusal by the store throws its StoreError, as
 * does a basket held for an age check (`age_check_needed`) or with a recalled line (`recalled_in_basket`).
 */
export function storeBasketPayment(
  ctx: CheckoutContext,
  basket: BasketRecord,
  provider: string,
  how: Pick<NewPayment, 'method' | 'maskedCode' | 'wallet'> = {},
): PaymentRecord | null {
  const { totals, lines } = basketView(ctx.db, basket, ctx.settings);
  if (lines.length === 0 || totals.total <= 0) return null;
  // An age-restricted item not yet checked holds every way of paying (QR and wallet code alike).
  requireNoAgeHold(ctx.db, ctx.settings, basket.id);
  // A recall that reached a line since it was scanned.
  requireNoRecalledLine(ctx, basket.id);
  return createPayment(ctx.db, {
    basketId: basket.id,
    provider,
    amount: totals.total,
    currency: basket.currency,
    expiresAt: new Date(Date.now() + ctx.settings.paymentTimeoutSeconds * 1000),
    ...how,
  });
}
