// The basket side of the TerminalApi: what the kiosk shows, scanning, quantities, removals, finishing a sale.
import {
  addItem,
  cancelBasket,
  currentBasket,
  openBasket,
  removeLine,
  setQuantity,
  type BasketRecord,
} from '../../db/baskets';
import { activePayment } from '../../db/payments';
import { closeSale, saleByReceiptNumber, saleForBasket } from '../../db/sales';
import type { ApiResult, BasketView, SessionView, TerminalApi } from '../api/contract';
import { publicSettings } from '../settings';
import type { CheckoutContext } from './context';
import { fail, ok, refusal } from './result';
import { lookupScan } from './scan-lookup';
import { basketView, paymentView, receiptView } from './views';

type BasketHandlers = Pick<
  TerminalApi,
  | 'session.get'
  | 'basket.addScan'
  | 'basket.setQuantity'
  | 'basket.removeLine'
  | 'basket.cancel'
  | 'sale.finish'
  | 'receipt.get'
  | 'settings.get'
>;

export function basketHandlers(
  ctx: CheckoutContext,
  scanners: () => SessionView['scanners'],
): BasketHandlers {
  const session = (): SessionView => sessionView(ctx, scanners());
  return {
    'session.get': async () => ok(session()),
    'settings.get': async () => ok(publicSettings(ctx.settings)),
    'basket.addScan': async ({ code, weightGrams }) => addScan(ctx, code.trim(), weightGrams),
    'basket.setQuantity': async ({ lineId, quantity }) =>
      changeOpenBasket(ctx, (basket) => setQuantity(ctx.db, basket.id, lineId, quantity)),
    'basket.removeLine': async ({ lineId }) =>
      changeOpenBasket(ctx, (basket) => removeLine(ctx.db, basket.id, lineId)),
    'basket.cancel': async () => {
      const basket = currentBasket(ctx.db);
      if (basket?.status === 'open') cancelBasket(ctx.db, basket.id);
      else if (basket)
        return fail(
          'basket_not_open',
          `The basket is ${basket.status}; only an open basket can be cancelled`,
        );
      const view = session();
      ctx.events.emit({ type: 'session.reset', session: view });
      return ok(view);
    },
    'sale.finish': async () => {
      const basket = currentBasket(ctx.db);
      if (basket?.status === 'paid') closeSale(ctx.db, basket.id);
      const view = session();
      ctx.events.emit({ type: 'session.reset', session: view });
      return ok(view);
    },
    'receipt.get': async ({ receiptNumber }) => {
      const sale = saleByReceiptNumber(ctx.db, receiptNumber);
      return sale
        ? ok(receiptView(sale.receiptJson))
        : fail('receipt_not_found', `No receipt numbered ${receiptNumber}`);
    },
  };
}

/** Everything a (re)started kiosk needs to show the right screen. */
export function sessionView(ctx: CheckoutContext, scanners: SessionView['scanners']): SessionView {
  const basket = currentBasket(ctx.db);
  const payment = basket && basket.status === 'paying' ? activePayment(ctx.db, basket.id) : null;
  const sale = basket && basket.status === 'paid' ? saleForBasket(ctx.db, basket.id) : null;
  return {
    settings: publicSettings(ctx.settings),
    basket: basket ? basketView(ctx.db, basket, ctx.settings) : null,
    payment: payment ? paymentView(payment) : null,
    receipt: sale ? receiptView(sale.receiptJson) : null,
    scanners,
  };
}

/** A scanned or typed code: look it up and add it, or say calmly why not. Nothing is added on error. */
export function addScan(ctx: CheckoutContext, code: string, weightGrams?: number): ApiResult<BasketView> {
  const found = lookupScan(ctx.db, code);
  if (!found.ok) return fail(found.code, found.message);
  const { product } = found;
  if (product.unit === 'kg' && !weightGrams) {
    return fail('weight_required', `${product.name} is sold by weight; weigh it first`);
  }

  let basket = currentBasket(ctx.db);
  // A scan on the receipt screen is the next shopper: the finished sale is put away first.
  if (basket?.status === 'paid') {
    closeSale(ctx.db, basket.id);
    basket = null;
  }
  if (basket?.status === 'paying') {
    return fail('payment_in_progress', 'A payment is in progress; cancel it to add more items');
  }
  const open = basket ?? openBasket(ctx.db, ctx.settings.currency);
  try {
    const item = { ...product, unitPrice: product.price };
    addItem(ctx.db, open.id, item, product.unit === 'kg' ? weightGrams! : 1);
  } catch (error) {
    return refusal(error);
  }
  return ok(emitBasket(ctx, open.id));
}

function changeOpenBasket(
  ctx: CheckoutContext,
  change: (basket: BasketRecord) => void,
): ApiResult<BasketView> {
  const basket = currentBasket(ctx.db);
  if (!basket || basket.status !== 'open')
    return fail('basket_not_open', 'There is no open basket to change');
  try {
    change(basket);
  } catch (error) {
    return refusal(error);
  }
  return ok(emitBasket(ctx, basket.id));
}

/** Reads the basket back after a committed change and tells every screen. */
export function emitBasket(ctx: CheckoutContext, basketId: string): BasketView {
  const basket = currentBasket(ctx.db);
  if (!basket || basket.id !== basketId) throw new Error(`basket ${basketId} is no longer current`);
  const view = basketView(ctx.db, basket, ctx.settings);
  ctx.events.emit({ type: 'basket.changed', basket: view });
  return view;
}
