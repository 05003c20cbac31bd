// The foot of every price dialog: the refusal (if any), the keys, and Cancel / the act. Enter in any
// field submits the form; the buttons are for a mouse, so they stay out of the Tab order.
import type { ApiError } from '../../../services/api/contract';
import { useI18n } from '../../i18n';
import { refusalText } from './price-text';

export interface DialogFooterProps {
  error: ApiError | null;
  keys: string;
  onClose(): void;
  /** The act's button. */
  act: { label: string; testId: string; tone: 'primary' | 'danger'; busy: boolean };
}

export function DialogFooter({ error, keys, onClose, act }: DialogFooterProps) {
  const { t } = useI18n();
  return (
    <>
      {error ? (
        <p className="price-error" role="alert" data-testid="price-error" data-code={error.code}>
          {refusalText(t, error)}
        </p>
      ) : null}
      <p className="price-keys">{keys}</p>
      <div className="dialog-actions">
        <button type="button" className="button secondary" tabIndex={-1} onClick={onClose}>
          {t.price.cancel}
        </button>
        <button
          type="submit"
          className={`button ${act.tone}`}
          tabIndex={-1}
          disabled={act.busy}
          data-testid={act.testId}
        >
          {act.label}
        </button>
      </div>
    </>
  );
}
