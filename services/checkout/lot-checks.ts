// The kiosk's lot check, decided by an attendant (issue 14's follow-up). A plain EAN of a product with a
// lot recall names no lot, so the kiosk holds the pack and calls the attendant itself (basket-handlers'
// holdForLotCheck); the attendant console shows "check the lot of <product>". The attendant reads the
// lot printed on the pack: another lot — accepted, the pack is added as a line the recalls checked no
// longer hold (basket-recalls.ts); a recalled lot — refused, the pack is put aside and nothing is added.
// As with the age check, the attendant's badge and PIN are checked by the lane (services/lanes).
import { currentBasket, addItem } from '../../db/baskets';
import {
  decideLotCheck as recordLotDecision,
  waitingLotChecks,
  type LotCheckRecord,
} from '../../db/lot-checks';
import type { ApiResult, BasketView } from '../api/contract';
import { emitBasket, scanPolicy } from './basket-handlers';
import type { CheckoutContext } from './context';
import { withCatalogNames } from './produce';
import { fail, ok, refusal } from './result';
import { additionRefusal } from './sale-restrictions';
import { resolveScan } from './scan-lookup';

/** The current basket's packs waiting for an attendant to read their lot, oldest first. */
export function listLotChecks(ctx: CheckoutContext): LotCheckRecord[] {
  const basket = currentBasket(ctx.db);
  return basket?.status === 'open' ? waitingLotChecks(ctx.db, basket.id) : [];
}

export interface LotDecision {
  checkId: string;
  /** The attendant whose badge and PIN the lane accepted. */
  attendantId: string;
  /** True: the pack is of a lot no recall lists, and sells. False: it is put aside. */
  accept: boolean;
}

/** Records the attendant's answer; an accepted pack becomes a basket line in the same transaction. */
export function decideLotCheck(ctx: CheckoutContext, decision: LotDecision): ApiResult<BasketView> {
  const basket = currentBasket(ctx.db);
  const check = basket?.status === 'open' && listLotChecks(ctx).find((c) => c.id === decision.checkId);
  if (!basket || !check) return fail('no_lot_check', 'This lane is no longer waiting for that lot check');
  let line: { item: Parameters<typeof addItem>[2]; quantity: number } | null = null;
  if (decision.accept) {
    const action = resolveScan(ctx.db, check.code, scanPolicy(ctx));
    if (action.kind !== 'add')
      return fail('no_lot_check', `${check.name} can no longer be sold here: scan it again at the lane`);
    const quantity = action.quantity ?? 1;
    // The store's hours and most per basket still apply to a pack the attendant let through.
    const refused = additionRefusal(ctx, action.product, quantity);
    if (refused) return refused;
    line = { item: withCatalogNames(ctx, action.item), quantity };
  }
  try {
    recordLotDecision(
      ctx.db,
      { checkId: check.id, accept: decision.accept, attendantId: decision.attendantId },
      () => addItem(ctx.db, basket.id, line!.item, line!.quantity).id,
      ctx.clock(),
    );
  } catch (error) {
    return refusal(error);
  }
  return ok(emitBasket(ctx, basket.id));
}
