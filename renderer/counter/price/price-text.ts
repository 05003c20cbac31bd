// What the price dialogs read and say: typed figures in minor units or percent, and refusals in the
// cashier's words.
import { currencyExponent, parseDecimalToMinor } from '../../../core/money';
import type { ApiError } from '../../../services/api/contract';
import type { Messages } from '../../i18n/en';

/** A typed money figure ("12.5", "12.50") in minor units of `currency`, or null. */
export function typedMoney(text: string, currency: string): number | null {
  return parseDecimalToMinor(text.trim().replace(',', '.'), currencyExponent(currency));
}

/** A typed percent, 0.01–100 with two decimals at most, or null. */
export function typedPercent(text: string): number | null {
  const trimmed = text.trim().replace(',', '.').replace(/%$/, '');
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return value > 0 && value <= 100 ? value : null;
}

/** What an over-limit refusal asks for: the approval step, or a smaller discount (the approver's limit too). */
export function overLimit(error: ApiError): { approver: boolean; limit: number; off: number } | null {
  if (error.code !== 'over_limit') return null;
  const details = (error.details ?? {}) as { limitPercent?: number; percentOff?: number; approver?: boolean };
  return {
    approver: details.approver === true,
    limit: details.limitPercent ?? 0,
    off: details.percentOff ?? 0,
  };
}

/** A refusal in the cashier's words. */
export function refusalText(t: Messages, error: ApiError): string {
  const over = overLimit(error);
  if (over)
    return over.approver ? t.price.overApproverLimit(over.limit) : t.price.overLimit(over.limit, over.off);
  return t.price.errors[error.code] ?? t.price.errors.failed!;
}
