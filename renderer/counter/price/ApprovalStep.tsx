// A supervisor's approval on the spot: their badge (scanned into the field, or typed) and PIN. Kept in
// one component so the shared approval dialog can replace it later without touching the price dialogs.
import { useRef, useState } from 'react';
import type { ApprovalInput } from '../../../services/api/contract';
import { useI18n } from '../../i18n';

export interface ApprovalStepProps {
  /** Why approval is needed, in the cashier's words. */
  message: string;
  busy: boolean;
  onApprove(approval: ApprovalInput): void;
}

export function ApprovalStep({ message, busy, onApprove }: ApprovalStepProps) {
  const { t } = useI18n();
  const [badge, setBadge] = useState('');
  const [pin, setPin] = useState('');
  const pinInput = useRef<HTMLInputElement>(null);
  return (
    <fieldset className="price-approval" data-testid="price-approval" disabled={busy}>
      <legend className="price-approval-lead" role="status">
        {message}
      </legend>
      <label className="price-field">
        <span>{t.price.badge}</span>
        <input
          autoFocus
          data-testid="approval-badge"
          value={badge}
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => setBadge(e.target.value)}
          onKeyDown={(e) => {
            // A badge scanner ends with Enter: that moves on to the PIN rather than submitting.
            if (e.key !== 'Enter') return;
            e.preventDefault();
            pinInput.current?.focus();
          }}
        />
      </label>
      <label className="price-field">
        <span>{t.price.pin}</span>
        <input
          ref={pinInput}
          data-testid="approval-pin"
          type="password"
          inputMode="numeric"
          value={pin}
          autoComplete="off"
          onChange={(e) => setPin(e.target.value)}
          onKeyDown={(e) => {
            if (e.key !== 'Enter') return;
            e.preventDefault();
            if (badge.trim() && pin) onApprove({ badge: badge.trim(), pin });
          }}
        />
      </label>
    </fieldset>
  );
}
