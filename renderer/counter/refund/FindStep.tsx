// Returns, step 1: the sale by its receipt. The field has the keyboard, so a wedge scanner reading the
// receipt's QR types its e-receipt link here and ends with Enter; the cashier can type the receipt number
// instead. The backend reads either (refund.find). F3 searches instead, F6 is a return without a receipt.
import { useState, type KeyboardEvent } from 'react';
import type { ApiError, RefundSaleView, TerminalClient } from '../../../services/api/contract';
import { useI18n } from '../../i18n';
import { CodeEntry } from '../CodeEntry';
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
    document.querySelector<HTMLInputElement>('[data-testid="refund-find-input"]')?.select();
  };
  // Enter is the entry's own (it finds); these are the step's other keys.
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Escape') {
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
      <CodeEntry
        value={text}
        onChange={setText}
        onSubmit={() => void find()}
        onKeyDown={onKeyDown}
        keepFocus
        testId="refund-find-input"
        words={{
          label: t.refund.findLabel,
          placeholder: t.refund.findPlaceholder,
          hint: busy ? t.refund.finding : t.refund.findHint,
        }}
      />
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
