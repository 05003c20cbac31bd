// The one way a sale's receipt is made from its basket, whether a code payment paid it (payment-sale.ts)
// or the counter's tenders covered it (counter/tender/tender-sale.ts): the basket's lines with the
// counter's overrides and discounts, priced by core/receipt exactly as the basket showed them.
import { buildReceipt, type ReceiptInput, type ReceiptPayment } from '../../core/receipt';
import { adjustedBasket } from '../../db/basket-adjustments';
import { getBasket } from '../../db/baskets';
import type { MadeReceipt } from '../../db/sales';
import type { CheckoutContext } from './context';

export interface SaleReceiptInput extends Pick<ReceiptInput, 'cashRounding' | 'change'> {
  basketId: string;
  currency: string;
  receiptNumber: string;
  soldAt: Date;
  payments: ReceiptPayment[];
}

/** The receipt of the basket's sale, with the figures the sale is checked against (what was paid). */
export function saleReceipt(
  ctx: Pick<CheckoutContext, 'db' | 'settings'>,
  sale: SaleReceiptInput,
): MadeReceipt {
  const { db, settings } = ctx;
  const adjusted = adjustedBasket(db, sale.basketId);
  const receipt = buildReceipt({
    receiptNumber: sale.receiptNumber,
    storeName: settings.storeName,
    storeAddress: settings.storeAddress,
    soldAt: sale.soldAt.toISOString(),
    currency: sale.currency,
    taxMode: settings.taxMode,
    lines: adjusted.lines,
    saleDiscount: adjusted.sale?.discount ?? null,
    payments: sale.payments,
    eReceiptBaseUrl: settings.eReceiptBaseUrl,
    language: getBasket(db, sale.basketId)?.language ?? settings.defaultLanguage,
    cashRounding: sale.cashRounding,
    change: sale.change,
  });
  // The sale is refused (and rolled back) when this total is not what its tenders paid.
  return { total: receipt.totals.total, taxTotal: receipt.totals.taxTotal, json: receipt };
}
