// A return without a receipt (F6 in Returns): each item scanned or typed into the field ("2*code" for
// two; a weighed item's grams before the star), a reason per item (← →), restock or write off (F2), Del
// takes the chosen item out. The money goes back in cash only, and only once a supervisor approves (F12
// asks for their badge and PIN); the backend prices the items and journals the return.
import { useState, type KeyboardEvent } from 'react';
import { localizedName } from '../../../core/catalog/language-tag';
import type { ApiError, FoundProductView, RefundView, TerminalClient } from '../../../services/api/contract';
import { money, quantityText } from '../../format';
import { useI18n } from '../../i18n';
import { parseEntry } from '../entry';
import { CodeEntry } from '../CodeEntry';
import { KeyLegend } from '../KeyLegend';
import { isApproverRefusal, type ApprovalAsk } from './approval-ask';
import { dispositionFor, nextReason, otherDisposition, type LinePick } from './refund-picks';
import { LinesHead, ReasonCell, RefundNotice } from './refund-words';

interface ReturnedItem extends LinePick {
  code: string;
  product: FoundProductView;
}

export interface NoReceiptStepProps {
  client: TerminalClient;
  approving: boolean;
  onAsk(ask: ApprovalAsk | null): void;
  onStarted(refund: RefundView): void;
  onBack(): void;
}

/** What an item would bring back at today's price: a guide for the cashier; the backend decides. */
const estimate = (item: ReturnedItem) =>
  item.product.unit === 'kg'
    ? Math.round((item.product.price * item.quantity) / 1000)
    : item.product.price * item.quantity;

export function NoReceiptStep({ client, approving, onAsk, onStarted, onBack }: NoReceiptStepProps) {
  const { t, language } = useI18n();
  const [items, setItems] = useState<ReturnedItem[]>([]);
  const [currency, setCurrency] = useState<string | null>(null);
  const [selected, setSelected] = useState(0);
  const [text, setText] = useState('');
  const [hint, setHint] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const cash = (minor: number) => money(minor, currency ?? 'CNY', language);
  const total = items.reduce((sum, item) => sum + estimate(item), 0);

  const add = async () => {
    const entry = parseEntry(text);
    if (entry.kind !== 'code') return setHint(entry.kind === 'invalid' ? t.counter.badEntry : null);
    setBusy(true);
    setHint(t.refund.noReceiptLooking);
    const result = await client.call('catalog.search', { query: entry.code });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    const product =
      result.value.items.find(
        (p) => p.barcode === entry.code || p.gtin === entry.code || p.plu === entry.code,
      ) ?? (result.value.items.length === 1 ? result.value.items[0] : undefined);
    if (!product) return setHint(t.refund.noReceiptUnknown(entry.code));
    setCurrency(result.value.currency);
    setHint(null);
    setError(null);
    setText('');
    const reason = 'changed_mind';
    setItems((list) => [
      ...list,
      {
        code: product.barcode,
        product,
        quantity: entry.quantity,
        reason,
        disposition: dispositionFor(reason),
      },
    ]);
    setSelected(items.length);
  };
  const update = (change: (item: ReturnedItem) => ReturnedItem) =>
    setItems((list) => list.map((item, i) => (i === selected ? change(item) : item)));
  const submit = (credentials: { badge: string; pin: string }): Promise<ApiError | null> =>
    client
      .call('refund.noReceipt', {
        lines: items.map(({ code, quantity, reason, disposition }) => ({
          code,
          quantity,
          reason,
          disposition,
        })),
        approval: credentials,
      })
      .then((result) => {
        if (result.ok) {
          onStarted(result.value);
          return null;
        }
        if (isApproverRefusal(result.error)) return result.error;
        onAsk(null);
        setError(result.error);
        return null;
      });

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const key = event.key;
    if (key === 'ArrowDown' || key === 'ArrowUp') {
      event.preventDefault();
      const step = key === 'ArrowDown' ? 1 : -1;
      setSelected((i) => Math.min(Math.max(i + step, 0), Math.max(items.length - 1, 0)));
    } else if ((key === 'ArrowLeft' || key === 'ArrowRight') && text === '' && items.length > 0) {
      event.preventDefault();
      update((item) => nextReason(item, key === 'ArrowRight' ? 1 : -1));
    } else if (key === 'F2' && items.length > 0) update(otherDisposition);
    else if (key === 'Delete' && text === '' && items.length > 0) {
      setItems((list) => list.filter((_, i) => i !== selected));
      setSelected((i) => Math.max(0, Math.min(i, items.length - 2)));
    } else if (key === 'F12' && items.length > 0)
      onAsk({
        detail: `${t.refund.approvalNeeded.no_receipt} ${t.refund.approvalAmount(cash(total))}`,
        submit,
      });
    else if (key === 'Escape') {
      event.preventDefault();
      if (text !== '') setText('');
      else onBack();
    }
  };

  return (
    <div className="refund-sale" data-testid="refund-no-receipt">
      <section className="counter-card refund-sale-main">
        <div className="refund-lines-scroll">
          {items.length === 0 ? (
            <p className="refund-hint refund-empty">{t.refund.noReceiptNone}</p>
          ) : (
            <table className="counter-table refund-lines" data-testid="refund-no-receipt-lines">
              <LinesHead
                columns={[
                  [t.refund.colItem, false],
                  [t.refund.colReturn, true],
                  [t.refund.colReason, false],
                  [t.refund.colAmount, true],
                ]}
              />
              <tbody>
                {items.map((item, i) => (
                  <tr
                    key={i}
                    data-testid="refund-line"
                    aria-selected={i === selected}
                    className={`refund-line back${i === selected ? ' selected' : ''}`}
                    onMouseDown={(e) => {
                      e.preventDefault();
                      setSelected(i);
                    }}
                  >
                    <td className="refund-line-name">
                      {localizedName(item.product.name, item.product.names, language)}
                    </td>
                    <td className="num">{quantityText(item.product.unit, item.quantity)}</td>
                    <ReasonCell reason={item.reason} disposition={item.disposition} />
                    <td className="num">{cash(estimate(item))}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
        <div className="refund-entry-row">
          <div className="refund-entry">
            <CodeEntry
              value={text}
              onChange={setText}
              onSubmit={() => (busy ? undefined : void add())}
              onKeyDown={onKeyDown}
              keepFocus={!approving}
              testId="refund-no-receipt-code"
              words={{ label: t.refund.noReceiptLabel, placeholder: t.refund.noReceiptPlaceholder }}
            />
          </div>
        </div>
        <div aria-live="assertive">
          <RefundNotice error={error} text={hint} testId="refund-error" />
        </div>
      </section>
      <aside className="refund-side">
        <section className="counter-card refund-panel refund-quote">
          <h3 className="refund-panel-title">{t.refund.noReceiptTotal}</h3>
          <div className="refund-quote-total" data-testid="refund-no-receipt-total">
            {cash(total)}
          </div>
          <p className="refund-hint">{t.refund.noReceiptHint}</p>
        </section>
        <KeyLegend
          items={[
            { keys: 'Enter', label: t.counter.keyEnter },
            { keys: '↑ ↓', label: t.refund.keyLine },
            { keys: '← →', label: t.refund.keyReason },
            { keys: 'F2', label: t.refund.keyStock },
            { keys: 'Del', label: t.refund.keyRemove },
            { keys: 'F12', label: t.refund.keyRefund },
            { keys: 'Esc', label: t.refund.keyBack },
          ]}
        />
      </aside>
    </div>
  );
}
