// F8: void the whole sale. A reason from a short list (digits 1–5 or the arrows) or typed under
// "Other"; Enter voids, Escape keeps the sale. Nothing else is asked of the staff member signed in.
import { useState, type FormEvent, type KeyboardEvent } from 'react';
import type { ApiError, BasketView, SaleVoidReason, TerminalClient } from '../../../services/api/contract';
import { money } from '../../format';
import { useI18n } from '../../i18n';
import { Modal } from '../../kiosk/dialogs';
import { DialogFooter } from './DialogFooter';

const REASONS: SaleVoidReason[] = ['customer_left', 'changed_mind', 'price_dispute', 'wrong_items', 'other'];

export function VoidSaleDialog(props: { basket: BasketView; client: TerminalClient; onClose(): void }) {
  const { basket, client, onClose } = props;
  const { t, language } = useI18n();
  const [reason, setReason] = useState<SaleVoidReason>('customer_left');
  const [note, setNote] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    const result = await client.call('sale.void', { reason, ...(note.trim() ? { note: note.trim() } : {}) });
    setBusy(false);
    if (result.ok) onClose();
    else setError(result.error);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const index = REASONS.indexOf(reason);
    // The note has the focus; a digit chooses a reason until words are typed there.
    let next: SaleVoidReason | undefined;
    if (note === '' && /^[1-5]$/.test(event.key)) next = REASONS[Number(event.key) - 1];
    else if (event.key === 'ArrowDown') next = REASONS[Math.min(REASONS.length - 1, index + 1)];
    else if (event.key === 'ArrowUp') next = REASONS[Math.max(0, index - 1)];
    if (!next) return;
    event.preventDefault();
    setReason(next);
  };

  return (
    <Modal testId="void-dialog" title={t.price.voidTitle} onClose={onClose}>
      <form className="price-form" onSubmit={(e) => void submit(e)} onKeyDown={onKeyDown}>
        <p className="price-subject">
          {t.price.voidLead(basket.lines.length, money(basket.totals.total, basket.currency, language))}
        </p>
        <ol className="void-reasons" role="radiogroup" aria-label={t.price.reason}>
          {REASONS.map((r, i) => (
            <li
              key={r}
              role="radio"
              aria-checked={r === reason}
              data-testid="void-reason"
              data-reason={r}
              className={r === reason ? 'chosen' : undefined}
              onClick={() => setReason(r)}
            >
              <kbd>{i + 1}</kbd>
              {t.price.voidReasons[r]}
            </li>
          ))}
        </ol>
        <label className="price-field">
          <span>{t.price.voidNote}</span>
          <input
            autoFocus
            data-testid="void-note"
            value={note}
            maxLength={200}
            autoComplete="off"
            onChange={(e) => setNote(e.target.value)}
          />
        </label>
        <DialogFooter
          error={error}
          keys={t.price.voidKeys}
          onClose={onClose}
          act={{ label: t.price.voidConfirm, testId: 'void-confirm', tone: 'danger', busy }}
        />
      </form>
    </Modal>
  );
}
