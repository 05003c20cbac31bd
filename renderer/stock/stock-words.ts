// A stock refusal in the staff member's words: the screen's own text for the codes it knows, the
// backend's sentence (which names what was wrong) for the rest.
import type { ApiError } from '../../services/api/contract';
import type { Messages } from '../i18n';

export function stockRefusal(t: Messages, error: ApiError): string {
  return t.stock.errors[error.code] ?? t.stock.errorOther(error.message);
}
