// Returns, step 3: the refund being made. Each tender's state as its provider answers; the cash part in
// big type ("Give the customer ¥X"), the drawer opening for it; when everything is settled, the refund's
// number and the slip (printed by itself; F4 prints it again). A refund that needs attention (no answer,
// or a decline) says so, and Enter asks the provider again — the refund's own reference keeps it from
// being paid twice. Enter when done, or Esc, goes back to selling.
import { useRef, type KeyboardEvent } from 'react';
import { useFocusOnShow } from '../focus-trap';
import type { RefundSaleView } from '../../../services/api/contract';
import { money, quantityText } from '../../format';
import { useI18n } from '../../i18n';
import { KeyLegend, type LegendKey } from '../KeyLegend';
import { RefundNotice, soldLineName, tenderName } from './refund-words';
import type { ApprovalAsk } from './approval-ask';
import type { RefundProgress } from './useRefundProgress';

export interface ProgressStepProps {
  progress: RefundProgress;
  /** Asks a supervisor (the dialog's ApprovalDialog) to approve giving a declined part in cash. */
  onAsk(ask: ApprovalAsk): void;
  /** The supervisor approved and the cash went out: the approval closes. */
  onApproved(): void;
  /** The sale refunded (its lines' names in the screen's language); null without a receipt. */
  sale: RefundSaleView | null;
  onDone(): void;
}

export function ProgressStep({ progress, sale, onAsk, onApproved, onDone }: ProgressStepProps) {
  const { t, language } = useI18n();
  const root = useRef<HTMLDivElement>(null);
  useFocusOnShow(() => root.current, []);
  const { refund, printed, printing, retrying, error } = progress;
  if (!refund) return null;
  const cash = (minor: number) => money(minor, refund.currency, language);
  const cashTender = refund.tenders.find((x) => x.kind === 'cash');
  const state = refund.state;
  // What providers turned down and no cash has replaced yet: F5 gives it in cash instead.
  const declined = refund.tenders
    .filter((x) => x.kind !== 'cash' && x.status === 'declined')
    .reduce((sum, x) => sum + x.amount, 0);
  const owed = state === 'needs_attention' ? declined : 0;
  const askCashInstead = () =>
    onAsk({
      detail: t.refund.cashInsteadDetail(cash(owed)),
      submit: async (credentials) => {
        const refused = await progress.cashInstead(credentials);
        if (!refused) onApproved();
        return refused;
      },
    });

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'F4' && state === 'done') progress.print();
    else if (event.key === 'F5' && owed > 0) askCashInstead();
    else if (event.key === 'Enter') {
      event.preventDefault();
      if (state === 'needs_attention') progress.retry();
      else if (state === 'done') onDone();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      onDone();
    }
  };
  const keys: LegendKey[] = [
    ...(state === 'needs_attention' ? [{ keys: 'Enter', label: t.refund.keyRetry }] : []),
    ...(owed > 0 ? [{ keys: 'F5', label: t.refund.keyCashInstead }] : []),
    ...(state === 'done' ? [{ keys: 'Enter', label: t.refund.keyDone }] : []),
    ...(state === 'done' ? [{ keys: 'F4', label: t.refund.keyPrint }] : []),
    { keys: 'Esc', label: t.refund.keyClose },
  ];
  const slip = printing ? t.refund.printing : printed ? t.refund.printed : t.refund.notPrinted;

  return (
    <div
      className="refund-progress"
      data-testid="refund-progress"
      data-state={state}
      tabIndex={-1}
      ref={root}
      onKeyDown={onKeyDown}
    >
      <section className="counter-card refund-progress-main">
        <div className="refund-sale-head">
          <h3 data-testid="refund-number">{t.refund.progressTitle(refund.refundNumber)}</h3>
          <span className="counter-muted">
            {refund.receiptNumber ? t.refund.ofReceipt(refund.receiptNumber) : t.refund.noReceiptRefund}
          </span>
          {refund.approvedBy ? (
            <span className="refund-source">{t.refund.approvedBy(refund.approvedBy)}</span>
          ) : null}
        </div>
        <div className="refund-progress-total">
          <span>{t.refund.quoteTitle}</span>
          <strong data-testid="refund-total">{cash(refund.total + refund.cashRounding)}</strong>
        </div>
        <ul className="refund-progress-lines" data-testid="refund-progress-lines">
          {refund.lines.map((line) => (
            <li key={line.line}>
              <span>
                {sale ? soldLineName(sale, line.line, line.name, language) : line.name} ×{' '}
                {quantityText(line.unit, line.quantity)} · {t.refund.reasons[line.reason]}
              </span>
              <span className="num">{cash(line.amount)}</span>
            </li>
          ))}
        </ul>
        <ul className="refund-progress-tenders" data-testid="refund-progress-tenders">
          {refund.tenders.map((tender, i) => (
            <li key={i} data-testid="refund-tender" data-kind={tender.kind} data-status={tender.status}>
              <span className="refund-progress-kind">
                {tenderName(t, tender.kind)}
                {tender.maskedCode ? <span className="counter-muted"> {tender.maskedCode}</span> : null}
              </span>
              <span className={`refund-status ${tender.status}`}>
                {t.refund.status[tender.status]}
                {tender.failureReason ? ` — ${tender.failureReason}` : ''}
              </span>
              <span className="num">{cash(tender.amount)}</span>
            </li>
          ))}
        </ul>
        {cashTender && cashTender.status === 'paid' ? (
          <div className="refund-give" data-testid="refund-give-cash" role="status">
            <div className="refund-give-amount">{t.refund.giveCash(cash(cashTender.amount))}</div>
            <div className="counter-muted">{t.refund.drawer}</div>
          </div>
        ) : null}
      </section>
      <aside className="refund-side">
        <section className="counter-card refund-panel" aria-live="polite">
          <p className={`refund-outcome ${state}`} data-testid="refund-outcome">
            {state === 'done'
              ? t.refund.done
              : state === 'needs_attention'
                ? t.refund.needsAttention
                : t.refund.inProgress}
          </p>
          {state === 'needs_attention' ? (
            <p className="refund-hint">{retrying ? t.refund.inProgress : t.refund.attentionHint}</p>
          ) : null}
          {owed > 0 && !retrying ? (
            <p className="refund-hint" data-testid="refund-declined-hint">
              {t.refund.declinedHint(cash(owed))}
            </p>
          ) : null}
          {state === 'done' ? (
            <p className="refund-hint" data-testid="refund-printed" data-printed={printed === true}>
              {slip}
            </p>
          ) : null}
          <RefundNotice error={error} testId="refund-error" />
        </section>
        <KeyLegend items={keys} />
      </aside>
    </div>
  );
}
