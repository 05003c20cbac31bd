// What a payment's outcome means for the screens and the store: every change is published, and a
// paid payment becomes its sale — receipt, tender, journal and outbox event in one transaction
// (db/sales.ts completeSale) — written the same way whether the provider or an attendant confirmed it.
import type { ReceiptPayment } from '../../core/receipt';
import { getPayment, type PaymentRecord } from '../../db/payments';
import { completeSale, type SaleRecord } from '../../db/sales';
import type { PaymentView } from '../api/contract';
import { emitBasket } from './basket-handlers';
import type { CheckoutContext } from './context';
import { saleReceipt } from './sale-receipt';
import { paymentView, receiptView } from './views';

/** Tells every screen the payment's news; one that ended unpaid opened its basket again. */
export function publishPayment(ctx: CheckoutContext, payment: PaymentRecord): PaymentView {
  const view = paymentView(payment);
  ctx.events.emit({ type: 'payment.changed', payment: view });
  if (payment.status === 'declined' || payment.status === 'cancelled') emitBasket(ctx, payment.basketId);
  return view;
}

/** The sale of a payment now paid, in one transaction (or the caller's: an attendant's override). */
export function writeSale(ctx: CheckoutContext, payment: PaymentRecord): SaleRecord {
  const { db, settings } = ctx;
  const soldAt = new Date();
  return completeSale(db, {
    basketId: payment.basketId,
    paymentId: payment.id,
    storeId: settings.storeId,
    terminalId: settings.terminalId,
    soldAt,
    makeReceipt: (receiptNumber) =>
      saleReceipt(ctx, {
        basketId: payment.basketId,
        currency: payment.currency,
        receiptNumber,
        soldAt,
        payments: [receiptPayment(payment)],
      }),
  });
}

/** A code payment as a receipt's tender line: the wallet and masked code when the shopper showed one. */
export function receiptPayment(payment: PaymentRecord): ReceiptPayment {
  return {
    method: payment.method === 'customer_presented' ? 'payment_code' : 'qr',
    provider: payment.provider,
    amount: payment.amount,
    reference: payment.reference,
    ...(payment.wallet ? { wallet: payment.wallet } : {}),
    ...(payment.maskedCode ? { maskedCode: payment.maskedCode } : {}),
  };
}

/** After the sale committed: every screen hears of it. Returns the payment as it now stands (paid). */
export function announceSale(ctx: CheckoutContext, payment: PaymentRecord, sale: SaleRecord): PaymentRecord {
  const paid = getPayment(ctx.db, payment.id)!;
  publishPayment(ctx, paid);
  ctx.events.emit({ type: 'sale.completed', receipt: receiptView(sale.receiptJson) });
  emitBasket(ctx, payment.basketId);
  return paid;
}
