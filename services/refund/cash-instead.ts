// When a provider turns a refund's QR or wallet part down, the shopper is still owed that money. The
// cashier may give it in cash instead, with a supervisor's badge and PIN (cash leaves the drawer for
// money that was to go back electronically): db/refund-cash-instead.ts writes it, the drawer opens.
import { mayDo, notAllowedMessage } from '../../core/staff/roles';
import { declinedOwed, payDeclinedInCash } from '../../db/refund-cash-instead';
import { getRefund, type RefundRecord } from '../../db/refunds';
import type { ApiResult } from '../api/contract';
import type { CheckoutContext, OnDuty } from '../checkout/context';
import { fail, ok, refusal } from '../checkout/result';
import { checkApprover, recordApproval, type ApproverCredentials } from '../counter/approval';

export function payDeclinedPartInCash(
  ctx: CheckoutContext,
  staff: OnDuty,
  input: { refundId: string; approval?: ApproverCredentials },
): ApiResult<RefundRecord> {
  if (!mayDo(staff.role, 'refund')) return fail('staff_not_allowed', notAllowedMessage(staff.role, 'refund'));
  const refund = getRefund(ctx.db, input.refundId);
  if (!refund) return fail('refund_not_found', `There is no refund ${input.refundId}`);
  const owed = declinedOwed(refund);
  if (refund.state !== 'done' || owed === 0)
    return fail(
      'nothing_declined',
      `Refund ${refund.refundNumber} owes the customer nothing a provider declined`,
    );
  if (!input.approval)
    return fail(
      'approval_needed',
      'The payment provider declined this refund: a supervisor approves giving it back in cash',
      { approvalNeeded: 'cash_instead' },
    );
  const approver = checkApprover(ctx, input.approval, 'approve_refund');
  if (!approver.ok) return approver;
  let paid: RefundRecord;
  try {
    paid = ctx.db.transaction(() => {
      const done = payDeclinedInCash(ctx.db, {
        refundId: refund.id,
        staffId: staff.id,
        approvedBy: approver.value.id,
      });
      recordApproval(ctx, approver.value, 'approve_refund', {
        refundId: refund.id,
        refundNumber: refund.refundNumber,
        receiptNumber: refund.receiptNumber,
        total: owed,
        why: 'cash_instead',
      });
      return done;
    })();
  } catch (error) {
    return refusal(error);
  }
  ctx.drawer.open('cash_refund');
  return ok(paid);
}
