// Returns, step 1: the sale by its receipt. The field has the keyboard, so a wedge scanner reading the
// receipt's QR types its e-receipt link here and ends with Enter; the cashier can type the receipt number
// instead. The backend reads either (refund.find). F3 searches instead, F6 is a return without a receipt.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { ApiError, RefundSaleView, TerminalClient } from '../../../services/api/contract';
import { useI18n } from '../../i18n';
import { KeyLegend } from '../KeyLegend';
import { RefundNotice } from './refund-words';

export interface FindStepProps {
  client: TerminalClient;
  onFound(sale: RefundSaleView): void;
  onSearch(): void;
  onNoReceipt(): void;
  onClose(): void;
}

export function FindStep({ client, onFound, onSearch, onNoReceipt, onClose }: FindStepProps) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);

  const find = async () => {
    const query = text.trim();
    if (query === '' || busy) return;
    setBusy(true);
    setError(null);
    const result = await client.call('refund.find', { query });
    setBusy(false);
    if (result.ok) return onFound(result.value);
    setError(result.error);
    // The next scan replaces what is there rather than adding to it.
    input.current?.select();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      void find();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      if (text !== '') {
        setText('');
        setError(null);
      } else onClose();
    } else if (event.key === 'F3') onSearch();
    else if (event.key === 'F6') onNoReceipt();
  };

  return (
    <div className="refund-find" data-testid="refund-find">
      <label className="counter-field refund-field-big">
        <span>{t.refund.findLabel}</span>
        <input
          ref={input}
          data-testid="refund-find-input"
          value={text}
          autoComplete="off"
          spellCheck={false}
          placeholder={t.refund.findPlaceholder}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKeyDown}
        />
      </label>
      <p className="refund-hint">{busy ? t.refund.finding : t.refund.findHint}</p>
      <div aria-live="assertive">
        <RefundNotice error={error} testId="refund-error" />
      </div>
      <KeyLegend
        items={[
          { keys: 'Enter', label: t.refund.keyFind },
          { keys: 'F3', label: t.refund.keySearch },
          { keys: 'F6', label: t.refund.keyNoReceipt },
          { keys: 'Esc', label: text ? t.refund.keyClear : t.refund.keyClose },
        ]}
      />
    </div>
  );
}
