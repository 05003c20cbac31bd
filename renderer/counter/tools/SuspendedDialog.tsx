// The sales put aside (F7 with an empty sale): a keyboard list — ↑ ↓ choose, Enter resumes, Del asks
// for a reason and voids. Each act answers the dialog's owner; the list reloads after a void.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useFocusOnShow } from '../focus-trap';
import type { ApiError, SuspendedSaleView, TerminalClient } from '../../../services/api/contract';
import { dateTime, money } from '../../format';
import { useI18n } from '../../i18n';
import { Modal } from '../../kiosk/dialogs';
import { ToolRow } from './ToolRow';

export interface SuspendedDialogProps {
  client: TerminalClient;
  onResumed(): void;
  onError(error: ApiError): void;
  onClose(): void;
}

export function SuspendedDialog({ client, onResumed, onError, onClose }: SuspendedDialogProps) {
  const { t, language } = useI18n();
  const [sales, setSales] = useState<SuspendedSaleView[] | null>(null);
  const [index, setIndex] = useState(0);
  const [voiding, setVoiding] = useState<SuspendedSaleView | null>(null);
  const [reason, setReason] = useState('');
  const box = useRef<HTMLDivElement>(null);
  const reasonInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void client.call('sale.suspended', {}).then((result) => {
      if (result.ok) setSales(result.value.sales);
      else onError(result.error);
    });
  }, [client, onError]);
  useFocusOnShow(() => (voiding ? reasonInput.current : box.current), [voiding, sales]);

  const resume = useCallback(
    (sale: SuspendedSaleView) =>
      void client.call('sale.resume', { id: sale.id }).then((result) => {
        if (result.ok) onResumed();
        else onError(result.error);
      }),
    [client, onResumed, onError],
  );
  const voidSale = (sale: SuspendedSaleView) => {
    if (reason.trim() === '') return;
    void client.call('sale.voidSuspended', { id: sale.id, reason }).then((result) => {
      if (!result.ok) return onError(result.error);
      setSales(result.value.sales);
      setIndex(0);
      setVoiding(null);
      setReason('');
    });
  };
  // Escape steps back out of the reason first; the list closes on the next one.
  const close = useCallback(() => (voiding ? setVoiding(null) : onClose()), [voiding, onClose]);

  const onListKey = (event: React.KeyboardEvent) => {
    const list = sales ?? [];
    const chosen = list[index];
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setIndex((i) => Math.min(Math.max(i + step, 0), Math.max(list.length - 1, 0)));
    } else if (event.key === 'Enter' && chosen) {
      event.preventDefault();
      resume(chosen);
    } else if (event.key === 'Delete' && chosen) {
      event.preventDefault();
      setVoiding(chosen);
    }
  };

  return (
    <Modal testId="suspended-dialog" title={t.counterTools.suspendedTitle} onClose={close}>
      <div
        className="tools-listbox"
        ref={box}
        tabIndex={-1}
        role="listbox"
        aria-label={t.counterTools.suspendedTitle}
        onKeyDown={voiding ? undefined : onListKey}
      >
        {sales !== null && sales.length === 0 ? (
          <p className="tools-note" data-testid="suspended-none">
            {t.counterTools.suspendedNone}
          </p>
        ) : null}
        <ul className="tools-list">
          {(sales ?? []).map((sale, i) => (
            <ToolRow
              key={sale.id}
              testId="suspended-sale"
              selected={i === index}
              onPick={() => resume(sale)}
              main={sale.label}
              meta={
                // Who put it aside: the staff id the sale names.
                `${t.counterTools.suspendedLine(sale.lines, dateTime(sale.suspendedAt, language))}${sale.staffId ? ` · ${sale.staffId}` : ''}`
              }
              amount={money(sale.total, sale.currency, language)}
            />
          ))}
        </ul>
      </div>
      {voiding ? (
        <label className="tools-field">
          <span className="tools-field-label">{t.counterTools.voidReasonLabel}</span>
          <input
            ref={reasonInput}
            data-testid="void-reason"
            value={reason}
            maxLength={200}
            onChange={(e) => setReason(e.target.value)}
            onKeyDown={(e) => {
              if (e.key !== 'Enter') return;
              e.preventDefault();
              voidSale(voiding);
            }}
          />
        </label>
      ) : null}
      <p className="tools-hint">{voiding ? t.counterTools.voidReasonHint : t.counterTools.suspendedHint}</p>
    </Modal>
  );
}
