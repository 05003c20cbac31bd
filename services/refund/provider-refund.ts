// Asking a payment provider about one code tender of a refund, and writing its answer down. The rules
// of services/payments/provider.ts: a refund reference is refunded once however often it is asked, so a
// tender never answered (created, or unknown after a timeout) is asked again under the same reference;
// a pending or unknown one is first queried (queryRefund), and asked again only if the provider never
// saw it. No answer at all leaves it `unknown`, never `declined`: nobody knows where the money is.
import { isFinal } from '../../core/payment/lifecycle';
import type { PaymentStatus } from '../../core/types';
import { updateRefundTender, type RefundTenderRecord } from '../../db/refunds';
import type { Database } from '../../db/open';
import {
  ProviderNotFoundError,
  ProviderRefusedError,
  ProviderUnavailableError,
  type ProviderRefundState,
  type ProviderRefunds,
} from '../payments/provider';

/** Why the money goes back, as the provider may show it to the shopper. */
const REASON = 'Returned at the counter';

/** The provider's word on the tender now, or null when nobody answered. */
export async function askProvider(
  refunds: ProviderRefunds,
  tender: RefundTenderRecord,
): Promise<ProviderRefundState | null> {
  try {
    if (tender.status === 'pending' || tender.status === 'unknown') {
      try {
        return await refunds.queryRefund(tender.reference);
      } catch (error) {
        // Never received (the request was lost on the way): asked again below, same reference.
        if (!(error instanceof ProviderNotFoundError)) throw error;
      }
    }
    return await refunds.refund({
      reference: tender.reference,
      paymentProviderRef: tender.paymentProviderRef ?? tender.paymentReference!,
      paymentReference: tender.paymentReference!,
      amount: tender.amount,
      paymentAmount: tender.took ?? tender.amount,
      currency: tender.currency,
      reason: REASON,
    });
  } catch (error) {
    // The provider's no is an answer: that money did not go back.
    if (error instanceof ProviderRefusedError || error instanceof ProviderNotFoundError)
      return { refundRef: null, status: 'declined', reason: error.reason };
    if (!(error instanceof ProviderUnavailableError)) console.error('refund:', error);
    return null;
  }
}

/**
 * Writes the provider's answer on the tender by the lifecycle's moves (created → pending → paid, …);
 * no answer makes a tender in flight `unknown`. Returns whether the tender changed.
 */
export function recordAnswer(
  db: Database,
  tender: RefundTenderRecord,
  answer: ProviderRefundState | null,
): boolean {
  if (isFinal(tender.status)) return false;
  const target: PaymentStatus = answer ? answer.status : 'unknown';
  if (target === tender.status) return false;
  const ref = answer?.refundRef ?? tender.providerRef;
  db.transaction(() => {
    // A provider's paid or declined skips no step of the lifecycle: created goes by pending.
    if (tender.status === 'created' && target === 'paid')
      updateRefundTender(db, tender.refundId, tender.position, { status: 'pending' });
    updateRefundTender(db, tender.refundId, tender.position, {
      status: target,
      providerRef: ref,
      ...(answer?.status === 'declined'
        ? { failureReason: answer.reason ?? 'The provider refused the refund' }
        : {}),
    });
  })();
  return true;
}
