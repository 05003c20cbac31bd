// The counter's age check: the cashier is staff and sees the customer's ID themselves, so no badge or
// PIN — two buttons, journalled as the cashier's (ageCheck.cashier). Pay waits until one is pressed.
import { useState } from 'react';
import type { AgeCheckView, ApiError } from '../../services/api/contract';
import { useI18n } from '../i18n';
import { CheckIcon, IdIcon } from '../kiosk/icons';

export interface CounterAgeCheckProps {
  basketId: string;
  check: AgeCheckView;
  onDecide(basketId: string, decision: 'approve' | 'refuse'): Promise<ApiError | null>;
}

export function CounterAgeCheck({ basketId, check, onDecide }: CounterAgeCheckProps) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  if (check.state === 'approved')
    return (
      <div className="banner ok" role="status" data-testid="age-check" data-state="approved">
        <CheckIcon size={24} />
        <span className="banner-text">{t.counter.ageApproved(check.ageLimit)}</span>
      </div>
    );
  const decide = (decision: 'approve' | 'refuse') => {
    setBusy(true);
    void onDecide(basketId, decision).finally(() => setBusy(false));
  };
  return (
    <div className="banner info counter-age" role="status" data-testid="age-check" data-state="needed">
      <IdIcon />
      <span className="banner-text">{t.counter.ageNeeded(check.ageLimit)}</span>
      {(['approve', 'refuse'] as const).map((decision) => (
        <button
          key={decision}
          type="button"
          className={decision === 'approve' ? 'button primary' : 'button secondary'}
          data-testid={`age-${decision}`}
          tabIndex={-1}
          disabled={busy}
          onClick={() => decide(decision)}
        >
          {decision === 'approve' ? t.counter.ageApprove : t.counter.ageRefuse}
        </button>
      ))}
    </div>
  );
}
