// Paid at the counter: the amount, the receipt and the e-receipt QR for the customer; Enter (or the
// button) is the next customer. No idle timer: the cashier decides when the next sale starts.
import { useLayoutEffect, type ReactNode } from 'react';
import type { ReceiptView } from '../../services/api/contract';
import { money } from '../format';
import { useI18n } from '../i18n';
import { CheckIcon } from '../kiosk/icons';
import { Receipt } from '../kiosk/Receipt';
import { QrCode } from '../QrCode';

export function CounterPaid(props: { receipt: ReceiptView | null; header: ReactNode; onNext(): void }) {
  const { receipt, header, onNext } = props;
  const { t, language } = useI18n();
  useLayoutEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Enter') return;
      event.preventDefault();
      onNext();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onNext]);
  return (
    <main className="counter-screen counter-paid" data-testid="paid">
      {header}
      <div className="counter-body">
        <section className="counter-card counter-paid-summary">
          <div className="counter-paid-title">
            <span className="counter-paid-check">
              <CheckIcon size={32} />
            </span>
            <h1>{t.counter.paidTitle}</h1>
          </div>
          {receipt ? (
            <>
              <div className="counter-paid-amount" data-testid="paid-amount">
                {money(receipt.totals.total, receipt.currency, language)}
              </div>
              <div className="counter-muted">
                {receipt.payments.map((p) => t.paidBy(p.provider || p.method)).join(' · ')}
              </div>
              {receipt.cashRounding ? (
                <div className="counter-muted" data-testid="paid-rounding">
                  {t.tender.rounding} {money(receipt.cashRounding, receipt.currency, language)}
                </div>
              ) : null}
              {receipt.change ? (
                <div className="tender-paid-change" data-testid="paid-change">
                  <span>{t.tender.change}</span>
                  <strong>{money(receipt.change, receipt.currency, language)}</strong>
                </div>
              ) : null}
              <div className="counter-ereceipt">
                <QrCode
                  text={receipt.eReceiptUrl}
                  sizePx={180}
                  label={t.counter.eReceipt}
                  testId="ereceipt-qr"
                />
                <p>{t.counter.eReceipt}</p>
              </div>
            </>
          ) : (
            <div className="receipt-loading">
              <span className="spinner" aria-hidden="true" />
              {t.loadingReceipt}
            </div>
          )}
          <button
            type="button"
            className="button primary counter-next"
            data-testid="next-customer"
            onClick={onNext}
          >
            {t.counter.nextCustomer}
            <kbd>Enter</kbd>
          </button>
        </section>
        <section className="counter-card counter-receipt">
          {receipt ? <Receipt receipt={receipt} /> : null}
        </section>
      </div>
    </main>
  );
}
