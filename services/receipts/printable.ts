// The receipt as the printer gets it. A receipt carries its wallet payment's wallet and masked code;
// one stored before it did (an older sale, reprinted) gets them from the payment the sale was paid by.
import type { Receipt, ReceiptPayment } from '../../core/receipt';
import type { Database } from '../../db/open';
import { getPayment, type PaymentRecord } from '../../db/payments';
import { saleByReceiptNumber } from '../../db/sales';
import type { PrintableReceipt } from './layout';

/** The receipt with each wallet payment's masked code; a receipt without a stored sale prints as is. */
export function printableReceipt(db: Database, receipt: Receipt): PrintableReceipt {
  const sale = saleByReceiptNumber(db, receipt.receiptNumber);
  const payment = sale?.paymentId ? getPayment(db, sale.paymentId) : null;
  return {
    ...receipt,
    payments: receipt.payments.map((p) =>
      payment && p.reference === payment.reference ? withWalletOf(p, payment) : p,
    ),
  };
}

function withWalletOf(printed: ReceiptPayment, payment: PaymentRecord): ReceiptPayment {
  const maskedCode = printed.maskedCode ?? payment.maskedCode;
  const wallet = printed.wallet ?? payment.wallet;
  return { ...printed, ...(maskedCode ? { maskedCode } : {}), ...(wallet ? { wallet } : {}) };
}
