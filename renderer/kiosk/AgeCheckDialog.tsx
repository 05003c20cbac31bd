// The attendant's age check at the lane: opened by their badge scanned while the basket waits for one.
// The same shape as "Mark as paid?" (StaffDialog): who, what is waiting, the decision, the PIN on a
// keypad (dots only — the shopper stands beside it). Approve lifts the hold; Refuse removes the items.
import { useCallback, useState } from 'react';
import type { AgeCheckOffer, ApiError } from '../../services/api/contract';
import { useI18n } from '../i18n';
import { Modal } from './dialogs';
import { StaffPinBody } from './StaffPinBody';

type Decision = 'approve' | 'refuse';

export interface AgeCheckDialogProps {
  offer: AgeCheckOffer;
  onDecide(
    offer: AgeCheckOffer,
    pin: string,
    decision: Decision,
    birthYear?: number,
  ): Promise<ApiError | null>;
  onClose(): void;
}

export function AgeCheckDialog({ offer, onDecide, onClose }: AgeCheckDialogProps) {
  const { t } = useI18n();
  const [decision, setDecision] = useState<Decision>('approve');
  const [birthYear, setBirthYear] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = useCallback(
    (pin: string) => {
      if (busy) return;
      const year = birthYear.trim();
      if (decision === 'approve' && year !== '' && !/^\d{4}$/.test(year))
        return setError({ code: 'invalid_input', message: 'birth year' });
      setBusy(true);
      setError(null);
      const born = decision === 'approve' && year !== '' ? Number(year) : undefined;
      void onDecide(offer, pin, decision, born).then((refused) => {
        setBusy(false);
        setError(refused);
      });
    },
    [busy, birthYear, decision, offer, onDecide],
  );
  const choices: Decision[] = ['approve', 'refuse'];
  return (
    <Modal testId="age-dialog" title={t.ageDialog.title} onClose={onClose}>
      <p className="dialog-lead">
        {t.ageDialog.who(offer.attendantName)} · {t.ageDialog.lead(offer.ageLimit)}
      </p>
      <StaffPinBody
        id="age"
        sideClass="age-side"
        error={error}
        errorText={(e) => t.ageDialog.errors[e.code] ?? t.staff.errors[e.code] ?? t.staff.errorOther}
        onPin={submit}
        onCancel={onClose}
      >
        <div className="amount-label">{t.ageDialog.items}</div>
        <ul className="age-items" data-testid="age-items">
          {offer.lines.map((line) => (
            <li key={line.lineId}>
              <span>{line.name}</span>
              <span className="age-tag">{line.ageLimit}+</span>
            </li>
          ))}
        </ul>
        <fieldset className="staff-reasons">
          <legend>{t.ageDialog.decision}</legend>
          {choices.map((key) => (
            <label key={key} className={key === decision ? 'staff-reason chosen' : 'staff-reason'}>
              <input
                type="radio"
                name="age-decision"
                value={key}
                checked={key === decision}
                data-testid={`age-${key}`}
                onChange={() => setDecision(key)}
              />
              {t.ageDialog[key]}
            </label>
          ))}
        </fieldset>
        {decision === 'approve' ? (
          <label className="age-birth-year">
            <span>{t.ageDialog.birthYear}</span>
            <input
              type="text"
              inputMode="numeric"
              maxLength={4}
              value={birthYear}
              data-testid="age-birth-year"
              onChange={(event) => setBirthYear(event.target.value.replace(/\D/g, ''))}
            />
          </label>
        ) : null}
      </StaffPinBody>
    </Modal>
  );
}
