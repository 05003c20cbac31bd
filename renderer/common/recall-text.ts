// A recall refusal (issue 14) in the reader's words: the shopper is sent to staff, the cashier is told
// what to do with the pack — and, when the code named no lot, which lots and serials to look for.
import type { ApiError } from '../../services/api/contract';
import type { Messages } from '../i18n';
import type { Wording } from './restriction-text';

interface RecallDetails {
  name?: unknown;
  reason?: unknown;
  lot?: unknown;
  serial?: unknown;
  lots?: unknown;
  serials?: unknown;
}

/** The recall refusal's text, or null when this is not a recall refusal the backend explained. */
export function recallText(t: Messages, error: ApiError, wording: Wording): string | null {
  if (error.code !== 'item_recalled' && error.code !== 'recall_check_lot') return null;
  const details = (error.details ?? {}) as RecallDetails;
  if (typeof details.name !== 'string') return null;
  const { name } = details;
  const reason = typeof details.reason === 'string' ? details.reason : '';
  const w = t.recalls;
  if (error.code === 'recall_check_lot') {
    if (wording !== 'cashier') return w.shopperCheckLot(name);
    const listed = [...strings(details.lots).map(w.lot), ...strings(details.serials).map(w.serial)];
    const shown = listed.length > 6 ? [...listed.slice(0, 6), w.more(listed.length - 6)] : listed;
    return w.cashierCheckLot(name, shown.join(', '));
  }
  if (wording !== 'cashier') return w.shopperRecalled(name);
  if (typeof details.serial === 'string') return w.cashierRecalledSerial(name, details.serial, reason);
  if (typeof details.lot === 'string') return w.cashierRecalledLot(name, details.lot, reason);
  return w.cashierRecalled(name, reason);
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
