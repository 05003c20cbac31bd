// Beside the lines: how the sale was paid, and what this return gives back — the amount, big, its tax,
// and where the money goes in the fixed order (wallet and QR payments first, cash last, the cash part
// rounded to the store's increment), and why a supervisor must approve, when one must.
import type { ApiError, RefundQuoteView, RefundSaleView } from '../../../services/api/contract';
import { money } from '../../format';
import { useI18n } from '../../i18n';
import { RefundNotice, tenderName } from './refund-words';

export interface QuotePanelProps {
  sale: RefundSaleView;
  quote: RefundQuoteView | null;
  error: ApiError | null;
  /** Lines are chosen but the quote for them has not come yet. */
  working: boolean;
}

export function QuotePanel({ sale, quote, error, working }: QuotePanelProps) {
  const { t, language } = useI18n();
  const cash = (minor: number) => money(minor, sale.currency, language);
  return (
    <>
      <section className="counter-card refund-panel" aria-label={t.refund.paidWith}>
        <h3 className="refund-panel-title">{t.refund.paidWith}</h3>
        <ul className="refund-tenders" data-testid="refund-sale-tenders">
          {sale.tenders.map((tender, i) => (
            <li key={i}>
              <span>
                {tenderName(t, tender.kind)}
                {tender.maskedCode ? <span className="counter-muted"> {tender.maskedCode}</span> : null}
                {tender.refunded > 0 ? (
                  <span className="refund-tender-back">{t.refund.tenderRefunded(cash(tender.refunded))}</span>
                ) : null}
              </span>
              <span className="num">{cash(tender.amount)}</span>
            </li>
          ))}
        </ul>
      </section>
      <section
        className="counter-card refund-panel refund-quote"
        aria-label={t.refund.quoteTitle}
        data-testid="refund-quote"
      >
        <h3 className="refund-panel-title">{t.refund.quoteTitle}</h3>
        {quote ? (
          <>
            <div className="refund-quote-total" data-testid="refund-quote-total">
              {cash(quote.total + quote.cashRounding)}
            </div>
            <p className="counter-muted refund-quote-tax">{t.refund.quoteTax(cash(quote.taxTotal))}</p>
            <h4 className="refund-quote-to">{t.refund.quoteTo}</h4>
            <ul className="refund-tenders" data-testid="refund-quote-tenders">
              {quote.tenders.map((tender, i) => (
                <li key={i} data-kind={tender.kind}>
                  <span>
                    {tenderName(t, tender.kind)}
                    {tender.maskedCode ? <span className="counter-muted"> {tender.maskedCode}</span> : null}
                  </span>
                  <span className="num">{cash(tender.amount)}</span>
                </li>
              ))}
              {quote.cashRounding !== 0 ? (
                <li className="counter-muted" data-testid="refund-quote-rounding">
                  <span>{t.refund.quoteRounding}</span>
                  <span className="num">{cash(quote.cashRounding)}</span>
                </li>
              ) : null}
            </ul>
            {quote.tenders.length > 1 ? <p className="refund-hint">{t.refund.quoteOrder}</p> : null}
            {quote.approvalNeeded ? (
              <p
                className="banner warn refund-approval-needed"
                data-testid="refund-approval-needed"
                data-reason={quote.approvalNeeded}
              >
                <span className="banner-text">{t.refund.approvalNeeded[quote.approvalNeeded]}</span>
              </p>
            ) : null}
          </>
        ) : (
          <p className="refund-hint" data-testid="refund-quote-none">
            {working ? t.refund.quoteWorking : error ? null : t.refund.quoteNone}
          </p>
        )}
        <RefundNotice error={error} testId="refund-quote-error" />
      </section>
    </>
  );
}
