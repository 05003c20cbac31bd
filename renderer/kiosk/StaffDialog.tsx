// The attendant's "Mark as paid?": opened by their badge scanned while a payment cannot be confirmed.
// Calm and small: the amount, why (two choices), the PIN on a keypad (dots only — the shopper stands
// beside it), OK and Cancel. A wrong PIN says so and the dialog stays; success shows the Paid screen.
import { useCallback, useState } from 'react';
import type { ApiError, PaymentView, StaffOverrideOffer } from '../../services/api/contract';
import { money } from '../format';
import { useI18n } from '../i18n';
import { Modal } from './dialogs';
import { StaffPinBody } from './StaffPinBody';

/** What the journal records as the reason: one language, whatever the screen shows. */
const JOURNAL_REASONS = { phone: 'Shopper’s phone shows it paid', other: 'Other' } as const;
type ReasonKey = keyof typeof JOURNAL_REASONS;

export interface StaffDialogProps {
  offer: StaffOverrideOffer;
  payment: PaymentView;
  onMarkPaid(offer: StaffOverrideOffer, pin: string, reason: string): Promise<ApiError | null>;
  onClose(): void;
}

export function StaffDialog({ offer, payment, onMarkPaid, onClose }: StaffDialogProps) {
  const { t, language } = useI18n();
  const [reason, setReason] = useState<ReasonKey>('phone');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = useCallback(
    (pin: string) => {
      if (busy) return;
      setBusy(true);
      setError(null);
      void onMarkPaid(offer, pin, JOURNAL_REASONS[reason]).then((refused) => {
        setBusy(false);
        setError(refused);
      });
    },
    [busy, offer, onMarkPaid, reason],
  );
  return (
    <Modal testId="staff-dialog" title={t.staff.title} onClose={onClose}>
      <p className="dialog-lead">
        {t.staff.who(offer.attendantName)} · {t.staff.lead}
      </p>
      <StaffPinBody
        id="staff"
        error={error}
        errorText={(e) => t.staff.errors[e.code] ?? t.staff.errorOther}
        onPin={submit}
        onCancel={onClose}
      >
        <div className="amount-label">{t.staff.amount}</div>
        <div className="staff-amount" data-testid="staff-amount">
          {money(payment.amount, payment.currency, language)}
        </div>
        <fieldset className="staff-reasons">
          <legend>{t.staff.reason}</legend>
          {(Object.keys(JOURNAL_REASONS) as ReasonKey[]).map((key) => (
            <label key={key} className={key === reason ? 'staff-reason chosen' : 'staff-reason'}>
              <input
                type="radio"
                name="staff-reason"
                value={key}
                checked={key === reason}
                data-testid={`staff-reason-${key}`}
                onChange={() => setReason(key)}
              />
              {t.staff.reasons[key]}
            </label>
          ))}
        </fieldset>
      </StaffPinBody>
    </Modal>
  );
}
