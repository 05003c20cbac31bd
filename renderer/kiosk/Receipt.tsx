// The receipt as the shopper sees it on screen: lines, totals, tax per rate, payment, number, time.
import { localizedName } from '../../core/catalog/language-tag';
import { paymentWords } from '../../core/payment-words';
import type { ReceiptView } from '../../services/api/contract';
import { dateTime, money, quantityText, taxRate } from '../format';
import { useI18n } from '../i18n';

/** A training sale's receipt says so at its top and bottom, as the printed one does. */
function TrainingMark() {
  const { t } = useI18n();
  return (
    <div className="receipt-training" data-testid="receipt-training">
      {t.trainingReceipt}
    </div>
  );
}

export function Receipt({ receipt }: { receipt: ReceiptView }) {
  const { t, language } = useI18n();
  const m = (minor: number) => money(minor, receipt.currency, language);
  return (
    <article className="receipt" data-testid="receipt">
      {receipt.training ? <TrainingMark /> : null}
      <header className="receipt-head">
        <div className="receipt-store">{receipt.storeName}</div>
        <div className="receipt-muted">{receipt.storeAddress}</div>
        <div className="receipt-meta">
          <span>
            {t.receiptNumber} <strong data-testid="receipt-number">{receipt.receiptNumber}</strong>
          </span>
          <span data-testid="receipt-time">{dateTime(receipt.soldAt, language)}</span>
        </div>
      </header>
      {/* A long receipt scrolls here: focusable, so it can be scrolled without a pointer too. */}
      <ul className="receipt-lines" tabIndex={0} aria-label={t.receipt}>
        {receipt.lines.map((line, i) => (
          <li key={i} className="receipt-line">
            <span className="receipt-name">{localizedName(line.name, line.names, language)}</span>
            <span className="receipt-amount">{m(line.lineTotal)}</span>
            <span className="receipt-detail">
              {quantityText(line.unit, line.quantity)} × {m(line.unitPrice)}
              {line.unit === 'kg' ? ` ${t.perKg}` : ''}
            </span>
          </li>
        ))}
      </ul>
      <dl className="receipt-totals">
        <dt>{t.subtotal}</dt>
        <dd>{m(receipt.totals.subtotal)}</dd>
        {receipt.taxes.map((tax) => (
          <TaxRow
            key={tax.taxRateBp}
            label={t.taxAt(taxRate(tax.taxRateBp))}
            amount={m(tax.tax)}
            note={receipt.taxMode === 'inclusive' ? t.taxIncluded : t.taxAdded}
          />
        ))}
        <dt className="grand">{t.total}</dt>
        <dd className="grand" data-testid="receipt-total">
          {m(receipt.totals.total)}
        </dd>
      </dl>
      <ul className="receipt-payments">
        {receipt.payments.map((p) => (
          <li key={p.reference}>
            <span data-testid="receipt-paid-by">
              {t.paidBy(paymentWords(p, language))}
              {p.maskedCode ? <span className="receipt-code"> {p.maskedCode}</span> : null}
            </span>
            <span>{m(p.amount)}</span>
          </li>
        ))}
      </ul>
      {receipt.training ? <TrainingMark /> : null}
    </article>
  );
}

function TaxRow({ label, amount, note }: { label: string; amount: string; note: string }) {
  return (
    <>
      <dt className="tax">
        {label} <span className="receipt-muted">({note})</span>
      </dt>
      <dd className="tax">{amount}</dd>
    </>
  );
}
