// The body every attendant's dialog at the lane shares ("Mark as paid?", the age check): what the
// dialog is about on the left, then what went wrong and Cancel at its foot; the PIN on a keypad on the
// right (dots only — the shopper stands beside it), its OK beside Cancel.
import type { ReactNode } from 'react';
import type { ApiError } from '../../services/api/contract';
import { useI18n } from '../i18n';
import { Keypad } from './Keypad';

export interface StaffPinBodyProps {
  /** Names the parts for tests: `${id}-error`, `${id}-cancel`, `${id}-pin`. */
  id: string;
  children: ReactNode;
  error: ApiError | null;
  /** The error's words on this dialog. */
  errorText(error: ApiError): string;
  onPin(pin: string): void;
  onCancel(): void;
  /** An extra class on the left side, for a dialog's own layout. */
  sideClass?: string;
  /** A keypad for what the attendant types before the PIN (the weigh screen's weight), in its place. */
  keypad?: ReactNode;
}

export function StaffPinBody({
  id,
  children,
  error,
  errorText,
  onPin,
  onCancel,
  sideClass,
  keypad,
}: StaffPinBodyProps) {
  const { t } = useI18n();
  return (
    <div className="staff-body">
      <div className={sideClass ? `staff-side ${sideClass}` : 'staff-side'}>
        {children}
        {error ? (
          <p className="staff-error" role="alert" data-testid={`${id}-error`} data-code={error.code}>
            {errorText(error)}
          </p>
        ) : null}
        {/* Beside OK, so the two answers sit on one line at the foot of the dialog. */}
        <button
          type="button"
          className="button secondary staff-cancel"
          data-testid={`${id}-cancel`}
          onClick={onCancel}
        >
          {t.cancel}
        </button>
      </div>
      <div className="staff-keypad">
        {keypad ?? (
          <Keypad
            testId={`${id}-pin`}
            onSubmit={onPin}
            placeholder={t.staff.pin}
            submitLabel={t.staff.ok}
            maxLength={8}
            masked
          />
        )}
      </div>
    </div>
  );
}
