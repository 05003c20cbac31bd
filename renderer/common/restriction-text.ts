// A sale restriction's refusal in words: the shopper's (calm, what happens next) or the cashier's
// (short). The backend's message is for logs; the screen builds its own from the refusal's details.
import type { ApiError } from '../../services/api/contract';
import type { Messages } from '../i18n';

export type Wording = 'shopper' | 'cashier';

interface Details {
  name?: unknown;
  from?: unknown;
  to?: unknown;
  max?: unknown;
}

/** The text for a restriction refusal, or null when the error is not one (or lacks its details). */
export function restrictionText(t: Messages, error: ApiError, wording: Wording): string | null {
  const details = (error.details ?? {}) as Details;
  const name = typeof details.name === 'string' ? details.name : null;
  if (name === null) return null;
  if (error.code === 'restricted_hours' && typeof details.from === 'string' && typeof details.to === 'string')
    return wording === 'cashier'
      ? t.counter.restrictedHours(name, details.from, details.to)
      : t.restrictions.hours(name, details.from, details.to);
  if (error.code === 'restricted_quantity' && typeof details.max === 'number')
    return wording === 'cashier'
      ? t.counter.restrictedQuantity(name, details.max)
      : t.restrictions.quantity(name, details.max);
  return null;
}
