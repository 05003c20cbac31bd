// A badge and a PIN from the keyboard: the badge scanned (a wedge scanner types it and Enter) or typed,
// Enter moves to the PIN, Enter there sends. A refusal is shown in the cashier's words; a wrong PIN
// empties the PIN and keeps the badge, an unknown badge starts again at the badge.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useFocusOnShow } from './focus-trap';
import type { ApiError } from '../../services/api/contract';
import { cashierRefusal } from '../common/cashier-words';
import { useI18n } from '../i18n';
import { InfoIcon } from '../kiosk/icons';

export interface StaffCredentials {
  badge: string;
  pin: string;
}

export interface BadgePinFormProps {
  /** The PIN only: the badge is known (unlocking one's own till). */
  pinOnly?: boolean;
  submitLabel: string;
  /** Resolves to why not, or null when done (the form's owner then closes it or moves on). */
  onSubmit(credentials: StaffCredentials): Promise<ApiError | null>;
  /** A badge a serial scanner read: it fills the badge field and the PIN is next. */
  scannedBadge?: { badge: string; n: number } | null;
  /** A refusal in the words of the act (a discount's limits); the counter's words by default. */
  refusalText?: (error: ApiError) => string;
  /** Buttons after the submit one (Cancel). */
  children?: ReactNode;
  testId: string;
}

export function BadgePinForm(props: BadgePinFormProps) {
  const { pinOnly = false, submitLabel, onSubmit, children, testId, scannedBadge = null } = props;
  const { t } = useI18n();
  const refusalText = props.refusalText ?? ((error: ApiError) => cashierRefusal(t, error));
  const [badge, setBadge] = useState('');
  const [pin, setPin] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const badgeInput = useRef<HTMLInputElement>(null);
  const pinInput = useRef<HTMLInputElement>(null);
  useFocusOnShow(() => (pinOnly ? pinInput : badgeInput).current, [pinOnly]);
  // Only a badge read after this form opened: an older read belongs to an earlier sign-in.
  const [readBefore] = useState(() => scannedBadge?.n ?? 0);
  useEffect(() => {
    if (!scannedBadge || pinOnly || scannedBadge.n <= readBefore) return;
    setBadge(scannedBadge.badge);
    setError(null);
    pinInput.current?.focus();
  }, [scannedBadge, pinOnly, readBefore]);

  const send = async () => {
    if (busy) return;
    if (!pinOnly && badge.trim() === '') return badgeInput.current?.focus();
    if (pin === '') return pinInput.current?.focus();
    setBusy(true);
    const refused = await onSubmit({ badge: badge.trim(), pin });
    setBusy(false);
    if (!refused) return;
    setError(refused);
    setPin('');
    if (refused.code === 'staff_unknown' && !pinOnly) {
      setBadge('');
      badgeInput.current?.focus();
    } else pinInput.current?.focus();
  };

  return (
    <form
      className="counter-credentials"
      data-testid={testId}
      onSubmit={(event) => {
        event.preventDefault();
        void send();
      }}
    >
      {pinOnly ? null : (
        <label className="counter-field">
          <span>{t.counter.staff.badgeLabel}</span>
          <input
            ref={badgeInput}
            data-testid="badge-input"
            value={badge}
            autoComplete="off"
            spellCheck={false}
            placeholder={t.counter.staff.badgePlaceholder}
            onChange={(e) => setBadge(e.target.value)}
            onKeyDown={(e) => {
              // Enter after the badge (the wedge scanner's own Enter, too) goes on to the PIN.
              if (e.key !== 'Enter' || pin !== '') return;
              e.preventDefault();
              if (badge.trim() !== '') pinInput.current?.focus();
            }}
          />
        </label>
      )}
      <label className="counter-field">
        <span>{t.counter.staff.pinLabel}</span>
        <input
          ref={pinInput}
          data-testid="pin-input"
          type="password"
          inputMode="numeric"
          autoComplete="off"
          maxLength={16}
          value={pin}
          onChange={(e) => setPin(e.target.value)}
        />
      </label>
      <div className="counter-credentials-message" aria-live="assertive">
        {error ? (
          <div className="banner warn" role="alert" data-testid="staff-refusal" data-code={error.code}>
            <InfoIcon />
            <span className="banner-text">{refusalText(error)}</span>
          </div>
        ) : null}
      </div>
      <div className="counter-credentials-actions">
        <button type="submit" className="button primary" data-testid="credentials-submit" disabled={busy}>
          {busy ? t.counter.staff.working : submitLabel}
          <kbd>Enter</kbd>
        </button>
        {children}
      </div>
    </form>
  );
}
