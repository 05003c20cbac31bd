// Returns, step 2: the sale found, its lines to choose from and the refund worked out beside them.
// One field keeps the keyboard: ↑ ↓ choose a line; Enter alone returns all of what is left of it (or
// none, again); a quantity typed then Enter returns that much (a weighed line: grams or kg); ← → the
// reason; F2 restock or write off; F12 asks "refund this much?", Enter there refunds — through a
// supervisor first when the quote says one must approve. Esc clears, backs out of the question, or goes
// back to finding a sale; nothing is refunded before that Enter.
import { useState, type KeyboardEvent } from 'react';
import type { ApiError, RefundSaleView, RefundView, TerminalClient } from '../../../services/api/contract';
import { dateTime, kilograms, money } from '../../format';
import { useI18n } from '../../i18n';
import { CodeEntry } from '../CodeEntry';
import { KeyLegend } from '../KeyLegend';
import type { ApprovalAsk } from './approval-ask';
import { QuotePanel } from './QuotePanel';
import { RefundLines } from './RefundLines';
import {
  NO_PICKS,
  enteredQuantity,
  lineInputs,
  pickOf,
  withNextReason,
  withOtherDisposition,
  withQuantity,
  type Picks,
} from './refund-picks';
import { RefundNotice } from './refund-words';
import { useRefundQuote } from './useRefundQuote';
import { useRefundStart } from './useRefundStart';

export interface SaleStepProps {
  client: TerminalClient;
  sale: RefundSaleView;
  /** The supervisor's dialog is up: it has the keyboard. */
  approving: boolean;
  onAsk(ask: ApprovalAsk | null): void;
  onStarted(refund: RefundView): void;
  onBack(): void;
}

export function SaleStep({ client, sale, approving, onAsk, onStarted, onBack }: SaleStepProps) {
  const { t, language } = useI18n();
  const [picks, setPicks] = useState<Picks>(NO_PICKS);
  const [selected, setSelected] = useState(() =>
    Math.max(
      0,
      sale.lines.findIndex((l) => l.refundableQuantity > 0),
    ),
  );
  const [text, setText] = useState('');
  const [hint, setHint] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [confirming, setConfirming] = useState(false);
  const { quote, error: quoteError, current } = useRefundQuote(client, sale.receiptNumber, picks);
  const line = sale.lines[selected];
  const cash = (minor: number) => money(minor, sale.currency, language);
  const chosen = lineInputs(picks);
  const ready = chosen.length > 0 && current && quote !== null;
  const { refund } = useRefundStart({
    client,
    sale,
    quote: current ? quote : null,
    lines: chosen,
    approvalDetail: (reason) =>
      `${t.refund.approvalNeeded[reason]} ${t.refund.approvalAmount(cash((quote?.total ?? 0) + (quote?.cashRounding ?? 0)))}`,
    onAsk,
    onStarted,
    onRefused: (refused) => {
      setConfirming(false);
      setError(refused);
    },
  });

  const change = (next: Picks) => {
    setPicks(next);
    setConfirming(false);
    setError(null);
  };
  const setQuantity = () => {
    if (!line) return;
    const entered = enteredQuantity(text, line, pickOf(picks, line.line).quantity);
    if ('problem' in entered) {
      const max = line.refundableQuantity;
      const bad = line.unit === 'kg' ? t.refund.badQtyWeight(kilograms(max)) : t.refund.badQtyPieces(max);
      return setHint(entered.problem === 'nothing_left' ? t.refund.nothingLeft : bad);
    }
    setHint(null);
    setText('');
    change(withQuantity(picks, line.line, entered.quantity));
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const key = event.key;
    if (key === 'ArrowDown' || key === 'ArrowUp') {
      event.preventDefault();
      const step = key === 'ArrowDown' ? 1 : -1;
      setSelected((i) => Math.min(Math.max(i + step, 0), sale.lines.length - 1));
      setConfirming(false);
      setHint(null);
    } else if ((key === 'ArrowLeft' || key === 'ArrowRight') && text === '' && line) {
      event.preventDefault();
      change(withNextReason(picks, line.line, key === 'ArrowRight' ? 1 : -1));
    } else if (key === 'F2' && line) change(withOtherDisposition(picks, line.line));
    else if (key === 'F12') {
      if (ready) setConfirming(true);
      else setHint(chosen.length === 0 ? t.refund.quoteNone : t.refund.quoteWorking);
    } else if (key === 'Enter') {
      event.preventDefault();
      if (confirming) refund();
      else setQuantity();
    } else if (key === 'Escape') {
      event.preventDefault();
      if (confirming) setConfirming(false);
      else if (text !== '') setText('');
      else onBack();
    }
  };

  return (
    <div className="refund-sale" data-testid="refund-sale">
      <section className="counter-card refund-sale-main">
        <div className="refund-sale-head">
          <h3 data-testid="refund-receipt">{t.refund.saleTitle(sale.receiptNumber)}</h3>
          <span className="counter-muted">
            {t.refund.saleMeta(dateTime(sale.soldAt, language), sale.terminalId)}
          </span>
          <span
            className={`refund-source ${sale.offline ? 'offline' : ''}`}
            data-testid="refund-source"
            data-source={sale.source}
          >
            {sale.offline ? t.refund.fromLocal : sale.source === 'hq' ? t.refund.fromHq : t.refund.fromTill}
          </span>
          {sale.training ? <span className="refund-source">{t.refund.training}</span> : null}
        </div>
        <RefundLines
          sale={sale}
          picks={picks}
          quote={current ? quote : null}
          selected={selected}
          onSelect={setSelected}
        />
        <div className="refund-entry-row">
          {confirming && quote ? (
            <div className="refund-confirm" role="alert" data-testid="refund-confirm">
              <strong>{t.refund.confirmLead(cash(quote.total + quote.cashRounding))}</strong>
              <span>{t.refund.confirmHint}</span>
            </div>
          ) : null}
          <div className={`refund-entry${confirming ? ' refund-entry-hidden' : ''}`}>
            <CodeEntry
              value={text}
              onChange={(value) => {
                setText(value);
                setConfirming(false);
              }}
              onKeyDown={onKeyDown}
              keepFocus={!approving}
              testId="refund-qty"
              words={{
                label: t.refund.qtyLabel,
                placeholder: t.refund.qtyPlaceholder,
                hint: line?.unit === 'kg' ? t.refund.qtyHintWeight : t.refund.qtyHintPieces,
              }}
            />
          </div>
        </div>
        <div aria-live="assertive">
          <RefundNotice error={error} text={hint} testId="refund-error" />
        </div>
      </section>
      <aside className="refund-side">
        <QuotePanel
          sale={sale}
          quote={current ? quote : null}
          error={current ? quoteError : null}
          working={chosen.length > 0 && !current}
        />
        <KeyLegend
          items={
            confirming
              ? [
                  { keys: 'Enter', label: t.refund.keyConfirm },
                  { keys: 'Esc', label: t.refund.keyBack },
                ]
              : [
                  { keys: '↑ ↓', label: t.refund.keyLine },
                  { keys: 'Enter', label: t.refund.keyWhole },
                  { keys: '← →', label: t.refund.keyReason },
                  { keys: 'F2', label: t.refund.keyStock },
                  { keys: 'F12', label: t.refund.keyRefund },
                  { keys: 'Esc', label: text ? t.refund.keyClear : t.refund.keyBack },
                ]
          }
        />
      </aside>
    </div>
  );
}
