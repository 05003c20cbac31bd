// A counter sale completes the moment its tenders cover the total — after cash that settles it, or
// when the provider (or, after a restart, the supervisor's recovery) says the last code tender paid.
// One transaction writes the code payment turning paid, the tender taken and the sale.
import type { ReceiptPayment } from '../../../core/receipt';
import { basketTenders, tenderOfPayment, type BasketTender } from '../../../db/basket-tenders';
import { getBasket } from '../../../db/baskets';
import { getPayment, updatePayment, type PaymentRecord } from '../../../db/payments';
import { saleForBasket, type SaleRecord } from '../../../db/sales';
import { currentShift } from '../../../db/shifts';
import { completeTenderedSale, type SettledTenders } from '../../../db/tendered-sale';
import type { CheckoutContext } from '../../checkout/context';
import { emitBasket } from '../../checkout/basket-handlers';
import { publishPayment, receiptPayment } from '../../checkout/payment-sale';
import { saleReceipt } from '../../checkout/sale-receipt';
import { receiptView } from '../../checkout/views';
import { amountStillDue, tenderView } from './tender-view';

/**
 * The supervisor's word that a counter tender's payment paid (false: not a counter tender, the kiosk's
 * sale path applies). Written with the sale when it completes the tenders, then every screen hears.
 */
export function settleTenderPayment(ctx: CheckoutContext, payment: PaymentRecord): boolean {
  const tender = tenderOfPayment(ctx.db, payment.id);
  if (!tender) return false;
  const sale = ctx.db.transaction(() => {
    if (payment.status !== 'paid') updatePayment(ctx.db, payment.id, { status: 'paid' });
    return completeIfCovered(ctx, tender.basketId, tender.staffId);
  })();
  publishPayment(ctx, getPayment(ctx.db, payment.id)!);
  announceTenders(ctx, sale);
  return true;
}

/**
 * Writes the sale when the basket's tenders cover its total and none is in flight; null otherwise.
 * Runs in the caller's transaction. The sale names `staffId` (the cashier of the last tender).
 */
export function completeIfCovered(
  ctx: CheckoutContext,
  basketId: string,
  staffId: string,
): SaleRecord | null {
  const basket = getBasket(ctx.db, basketId);
  if (!basket || basket.status !== 'paying' || saleForBasket(ctx.db, basketId)) return null;
  const tenders = basketTenders(ctx.db, basketId);
  if (tenders.some((t) => t.state === 'pending' || t.state === 'reversing')) return null;
  if (amountStillDue(ctx, basket) > 0) return null;
  const { settings } = ctx;
  const soldAt = new Date();
  return completeTenderedSale(ctx.db, {
    basketId,
    storeId: settings.storeId,
    terminalId: settings.terminalId,
    staffId,
    shiftId: currentShift(ctx.db, settings.terminalId)?.id ?? null,
    soldAt,
    makeReceipt: (receiptNumber, settled) =>
      saleReceipt(ctx, {
        basketId,
        currency: basket.currency,
        receiptNumber,
        soldAt,
        payments: receiptPayments(ctx, tenders, settled),
        cashRounding: settled.cashRounding,
        change: settled.change,
      }),
  });
}

/** Every screen hears of the tenders; a completed sale, of the sale and its basket too. */
export function announceTenders(ctx: CheckoutContext, sale: SaleRecord | null): void {
  const view = tenderView(ctx);
  ctx.events.emit({ type: 'tender.changed', tender: view });
  if (sale) ctx.events.emit({ type: 'sale.completed', receipt: receiptView(sale.receiptJson) });
  // The basket carries its tenders too: the customer display follows them.
  const basketId = sale?.basketId ?? view.basketId;
  if (basketId) emitBasket(ctx, basketId);
}

/** The receipt's tender lines, in the order taken: cash with what was handed, codes with their payment. */
function receiptPayments(
  ctx: CheckoutContext,
  tenders: readonly BasketTender[],
  settled: SettledTenders,
): ReceiptPayment[] {
  const taken = tenders.filter((t) => t.state === 'taken');
  return settled.tenders.map((tender, i) => {
    if (tender.kind === 'cash')
      return {
        method: 'cash',
        provider: '',
        amount: tender.amount,
        reference: '',
        tendered: tender.tendered ?? tender.amount,
      };
    return receiptPayment(getPayment(ctx.db, taken[i]!.paymentId!)!);
  });
}
