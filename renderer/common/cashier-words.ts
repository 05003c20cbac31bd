// The counter's refusals in the cashier's words (what happened, what to do next), never the shopper's
// ("please ask for help" means nothing to the person who is the help). The kiosk keeps its own words.
import type { ApiError } from '../../services/api/contract';
import type { Messages } from '../i18n';
import { recallText } from './recall-text';
import { restrictionText } from './restriction-text';
import type { Notice } from './state';

/** A refused scan or act, as the cashier reads it. */
export function cashierRefusal(t: Messages, error: ApiError): string {
  return (
    recallText(t, error, 'cashier') ??
    restrictionText(t, error, 'cashier') ??
    t.counter.refusals[error.code] ??
    t.counter.refusalOther
  );
}

/** The last payment attempt's outcome, as the cashier reads it. */
export function cashierPaymentNotice(t: Messages, notice: Notice): string {
  switch (notice.kind) {
    case 'declined':
      return t.counter.payDeclined;
    case 'expired':
      return t.counter.payExpired;
    case 'notCharged':
      return t.counter.payNotCharged;
    case 'ageRefused':
      return t.restrictions.refused;
    case 'ageNeeded':
      return t.counter.ageRequired;
    case 'recalled':
      return t.recalls.cashierBanner;
    case 'failed':
      return t.counter.payFailed(notice.message);
  }
}

/** A refused return or refund (renderer/counter/refund), as the cashier reads it: the refund's own words first. */
export function cashierRefundRefusal(t: Messages, error: ApiError): string {
  return t.refund.errors[error.code] ?? cashierRefusal(t, error);
}
