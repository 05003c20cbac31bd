// A sale starts empty. A basket holding nothing but a member card (scanned on the receipt screen, or at
// a kiosk by a shopper who then walked away) must not carry that member into the next customer's sale,
// so when a sale is finished or the till changes hands, such a basket is put away: closed as cancelled,
// with its `basket.cancelled` event (no lines), the member it held still on the closed basket's record.
import { basketLines, cancelBasket, currentBasket } from '../../db/baskets';
import type { CheckoutContext } from './context';

/** Puts away an open basket with no live lines; true if there was one. A basket with items is kept. */
export function putAwayEmptyBasket(ctx: Pick<CheckoutContext, 'db'>): boolean {
  const basket = currentBasket(ctx.db);
  if (!basket || basket.status !== 'open') return false;
  if (basketLines(ctx.db, basket.id).length > 0) return false;
  cancelBasket(ctx.db, basket.id);
  return true;
}
