// The receipt as the printer gets it: the stored receipt model plus what the paper shows of a wallet
// payment that the model does not carry, the masked code, read from the payment the sale was paid by.
import type { Receipt } from '../../core/receipt';
import type { Database } from '../../db/open';
import { getPayment } from '../../db/payments';
import { saleByReceiptNumber } from '../../db/sales';
import type { PrintableReceipt } from './layout';

/** The receipt with each wallet payment's masked code; a receipt without a stored sale prints as is. */
export function printableReceipt(db: Database, receipt: Receipt): PrintableReceipt {
  const sale = saleByReceiptNumber(db, receipt.receiptNumber);
  const payment = sale ? getPayment(db, sale.paymentId) : null;
  return {
    ...receipt,
    payments: receipt.payments.map((p) =>
      payment && p.reference === payment.reference ? { ...p, maskedCode: payment.maskedCode } : p,
    ),
  };
}
