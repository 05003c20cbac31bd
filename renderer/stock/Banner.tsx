// The two messages every stock screen shows the same way: a refusal in words (role alert, with the
// backend's code for tests and styles), and what was just done (role status).
import type { ApiError } from '../../services/api/contract';
import { useI18n } from '../i18n';
import { stockRefusal } from './stock-words';

export function Refusal({ error }: { error: ApiError | null }) {
  const { t } = useI18n();
  if (!error) return null;
  return (
    <p className="stock-refusal" role="alert" data-testid="stock-refusal" data-code={error.code}>
      {stockRefusal(t, error)}
    </p>
  );
}

export function Notice({ text }: { text: string | null }) {
  if (text === null) return null;
  return (
    <p className="stock-notice" role="status" data-testid="stock-notice">
      {text}
    </p>
  );
}
